"""LDAP access for handlers: Carbonio's DIT layout (api doc 13.1), entry reads/writes, LDAP error mapping.

All directory work goes through one rootdn connection; the server serialises requests, so no locking here.
"""

import ldap3
from ldap3.utils.conv import escape_filter_chars
from ldap3.utils.dn import escape_rdn

from .errors import ServiceFault, failure, no_such_domain
from .seed import COS_BASE, GLOBAL_CONFIG_DN

# LDAP result codes the simulator translates into Carbonio faults.
NO_SUCH_OBJECT = 32
UNDEFINED_ATTRIBUTE_TYPE = 17
CONSTRAINT_VIOLATION = 19
INVALID_SYNTAX = 21
OBJECT_CLASS_VIOLATION = 65
NOT_ALLOWED_ON_NON_LEAF = 66
ALREADY_EXISTS = 68


def domain_dn(name):
    return ','.join('dc=' + escape_rdn(label) for label in name.split('.'))


def people_dn(domain):
    return 'ou=people,' + domain_dn(domain)


def groups_dn(domain):
    return 'cn=groups,' + domain_dn(domain)


def domain_of_dn(dn):
    """The domain name of an entry DN such as uid=x,ou=people,dc=a,dc=b."""
    labels = [part.split('=', 1)[1] for part in dn.split(',') if part.lower().startswith('dc=')]
    return '.'.join(labels)


def eq_filter(attr, value):
    return f'({attr}={escape_filter_chars(value)})'


class Entry:
    """A directory entry: dn plus a case-preserving dict of attribute name -> list of string values."""

    def __init__(self, dn, attrs):
        self.dn = dn
        self.attrs = attrs

    def first(self, name, default=None):
        for key, values in self.attrs.items():
            if key.lower() == name.lower():
                return values[0] if values else default
        return default

    def values(self, name):
        for key, values in self.attrs.items():
            if key.lower() == name.lower():
                return list(values)
        return []

    def has_class(self, name):
        return name.lower() in (v.lower() for v in self.values('objectClass'))

    @property
    def id(self):
        return self.first('zimbraId')


class Directory:
    """The slapd-backed store."""

    def __init__(self, connection):
        self.conn = connection

    # --- low level -------------------------------------------------------------------------------

    def search(self, base, flt, scope=ldap3.SUBTREE, attributes=None):
        self.conn.search(base, flt, scope, attributes=attributes or ['*'])
        code = self.conn.result['result']
        if code == NO_SUCH_OBJECT:
            return []
        if code != 0:
            raise self._fault(self.conn.result, 'search')
        return [Entry(r['dn'], {k: [str(v) for v in vs] if isinstance(vs, list) else [str(vs)] for k, vs in r['attributes'].items()})
                for r in self.conn.response if r.get('type') == 'searchResEntry']

    def get(self, dn):
        found = self.search(dn, '(objectClass=*)', ldap3.BASE)
        return found[0] if found else None

    def find_one(self, flt, base=''):
        found = self.search(base, flt)
        return found[0] if found else None

    def exists(self, dn):
        return self.get(dn) is not None

    def add(self, dn, attrs, creating=True):
        if not self.conn.add(dn, attributes={k: v for k, v in attrs.items() if v}):
            raise self._fault(self.conn.result, 'create entry' if creating else 'modify')

    def modify(self, dn, changes):
        if changes and not self.conn.modify(dn, changes):
            raise self._fault(self.conn.result, 'modify attributes')

    def delete(self, dn):
        if not self.conn.delete(dn):
            raise self._fault(self.conn.result, 'delete entry')

    def rename(self, dn, new_rdn, new_parent=None):
        """LDAP modrdn: in place (LP.renameCos), or under `new_parent` (LP.renameAccount into another domain)."""
        if not self.conn.modify_dn(dn, new_rdn, new_superior=new_parent):
            raise self._fault(self.conn.result, 'rename entry')

    def delete_subtree(self, dn):
        """Delete an entry and everything below it, deepest first."""
        entries = self.search(dn, '(objectClass=*)', attributes=['1.1'])
        for entry in sorted(entries, key=lambda e: e.dn.count(','), reverse=True):
            self.delete(entry.dn)

    def children(self, dn, limit=None):
        self.conn.search(dn, '(objectClass=*)', ldap3.LEVEL, attributes=['1.1'], size_limit=limit or 0)
        return [r['dn'] for r in self.conn.response if r.get('type') == 'searchResEntry']

    def check_password(self, dn, password):
        """A simple bind as the entry, as Carbonio's default auth checks a password; an empty password is no
        password (LDAP would take it as an anonymous bind)."""
        if not password:
            return False
        probe = ldap3.Connection(self.conn.server, user=dn, password=password, raise_exceptions=False)
        try:
            return probe.bind()
        finally:
            probe.unbind()

    def password_modify(self, dn, password):
        self.conn.extend.standard.modify_password(user=dn, new_password=password)
        if self.conn.result['result'] != 0:
            raise failure(f"unable to set password: {self.conn.result['description']}")

    @staticmethod
    def _fault(result, action):
        """Translate an LDAP error the way Carbonio's UBIDLdapException mapping does (api doc 13.3)."""
        code, diag = result['result'], result.get('message') or result.get('description')
        creating = action == 'create entry'
        if code == UNDEFINED_ATTRIBUTE_TYPE:
            if creating:
                return ServiceFault('ldap.INVALID_ATTR_NAME', f'invalid attr name - unable to create entry: {diag}')
            return ServiceFault('account.INVALID_ATTR_NAME', f'invalid attr name: invalid attr name - unable to {action}: {diag}')
        if code in (CONSTRAINT_VIOLATION, INVALID_SYNTAX):
            return ServiceFault('account.INVALID_ATTR_VALUE', f'invalid attr value - unable to {action}: {diag}')
        if code == OBJECT_CLASS_VIOLATION:
            if creating:
                return ServiceFault('ldap.OBJECT_CLASS_VIOLATION', f'object class violation - unable to create entry: {diag}')
            return failure(f'unable to {action}: object class violation - {diag}')
        if code == ALREADY_EXISTS:
            return ServiceFault('ldap.ENTRY_ALREADY_EXIST', f'entry already exists: {diag}')
        return failure(f"unable to {action}: {result.get('description')} - {diag}")

    # --- Carbonio objects ------------------------------------------------------------------------

    def global_config(self):
        return self.get(GLOBAL_CONFIG_DN)

    def domain_by(self, by, key):
        attr = {'name': 'zimbraDomainName', 'id': 'zimbraId', 'virtualHostname': 'zimbraVirtualHostname',
                'krb5Realm': 'zimbraAuthKerberos5Realm', 'foreignName': 'zimbraForeignName'}.get(by)
        if attr is None:
            raise ServiceFault('service.INVALID_REQUEST', f'invalid request: unknown value for by: {by}')
        if by == 'name':
            key = key.strip().lower()
        return self.find_one(f'(&(objectClass=zimbraDomain){eq_filter(attr, key)})')

    def require_domain(self, by, key):
        domain = self.domain_by(by, key)
        if domain is None:
            raise no_such_domain(key)
        return domain

    def all_domains(self):
        return sorted(self.search('', '(objectClass=zimbraDomain)'), key=lambda d: d.first('zimbraDomainName', '').lower())

    def cos_by(self, by, key):
        if by == 'id':
            return self.find_one(f'(&(objectClass=zimbraCOS){eq_filter("zimbraId", key)})', COS_BASE)
        if by == 'name':
            return self.find_one(f'(&(objectClass=zimbraCOS){eq_filter("cn", key)})', COS_BASE)
        raise ServiceFault('service.INVALID_REQUEST', f'invalid request: unknown value for by: {by}')

    def all_cos(self):
        return sorted(self.search(COS_BASE, '(objectClass=zimbraCOS)', ldap3.LEVEL), key=lambda c: c.first('cn', '').lower())

    def by_id(self, zimbra_id, object_class=None):
        flt = eq_filter('zimbraId', zimbra_id)
        if object_class:
            flt = f'(&(objectClass={object_class}){flt})'
        return self.find_one(flt)

    def address_owner(self, address):
        """The entry (account, list, alias, group) that owns an e-mail address, if any."""
        local, _sep, domain = address.partition('@')
        flt = f'(|{eq_filter("mail", address)}{eq_filter("zimbraMailAlias", address)}{eq_filter("zimbraMailDeliveryAddress", address)})'
        found = self.find_one(flt)
        if found is None and domain:
            found = self.get(f'uid={escape_rdn(local)},{people_dn(domain)}')
        return found
