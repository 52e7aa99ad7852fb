"""LDAP access for handlers: Carbonio's DIT layout (api doc 13.1), entry reads/writes, LDAP error mapping.

All directory work goes through one rootdn connection (ldap_connection.py); the server serialises requests.
What a request reads most (the global config, domains, classes of service) is remembered until the next write
outside the accounts' ou=people, and forgotten when the next request begins.
"""

import base64
import hashlib
import os
import re

import ldap3
from ldap3.utils.conv import escape_filter_chars
from ldap3.utils.dn import escape_rdn

from .errors import ServiceFault, failure, no_such_domain
from .ldap_connection import LdapConnection, as_text
from .seed import COS_BASE, GLOBAL_CONFIG_DN

# LDAP result codes the simulator translates into Carbonio faults.
NO_SUCH_OBJECT = 32
UNDEFINED_ATTRIBUTE_TYPE = 17
CONSTRAINT_VIOLATION = 19
INVALID_SYNTAX = 21
OBJECT_CLASS_VIOLATION = 65
NOT_ALLOWED_ON_NON_LEAF = 66
ALREADY_EXISTS = 68
_OPERATIONAL_USAGE = re.compile(r'\bUSAGE\s+(directoryOperation|dSAOperation|distributedOperation)\b')
_NAMES = re.compile(r"\bNAME\s+(\([^)]*\)|'[^']*')")
# the attributes that give an entry an e-mail address
_ADDRESS_ATTRS = ('mail', 'zimbraMailAlias', 'zimbraMailDeliveryAddress')
# an entry in (or below one in) a domain's ou=people: accounts, calendar resources, aliases, data sources
_UNDER_PEOPLE = re.compile(r'(?<!\\),ou=people,dc=', re.IGNORECASE)


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


def hashed_password(password):
    """userPassword as slapd's password modify operation stores it by default ({SSHA}: salted SHA-1), for an entry
    written with its password in one add; a user's AuthRequest checks it with a bind either way."""
    salt = os.urandom(8)
    return '{SSHA}' + base64.b64encode(hashlib.sha1(password.encode('utf-8') + salt).digest() + salt).decode('ascii')


def eq_filter(attr, value):
    return f'({attr}={escape_filter_chars(value)})'


class Entry:
    """A directory entry: dn plus a case-preserving dict of attribute name -> list of string values.

    Read-only once built (a Directory may hand the same Entry to several handlers); names are looked up
    case-insensitively through an index made once."""

    def __init__(self, dn, attrs):
        self.dn = dn
        self.attrs = attrs
        self._names = {}
        for key in attrs:
            self._names.setdefault(key.lower(), key)
        self._classes = None

    def _values(self, name):
        key = self._names.get(name.lower())
        return self.attrs[key] if key is not None else None

    def first(self, name, default=None):
        values = self._values(name)
        if values is None:
            return default
        return values[0] if values else default

    def values(self, name):
        values = self._values(name)
        return list(values) if values else []

    def has_class(self, name):
        if self._classes is None:
            self._classes = {value.lower() for value in self.values('objectClass')}
        return name.lower() in self._classes

    @property
    def id(self):
        return self.first('zimbraId')


class Directory:
    """The slapd-backed store."""

    def __init__(self, connection):
        self.conn = connection
        self._memo = {}
        self._operational = None

    # --- what a request reads again and again ------------------------------------------------------

    def begin_request(self):
        """Forget what earlier requests read: between two requests the directory may change behind the
        simulator's back (a test's ldapmodify). Called with the engine's lock held."""
        self._memo.clear()

    def remember(self, key, read):
        """read(), once per request and until a write that may change it: for what is read from, or derived
        from, domains, classes of service, the global config and dynamic groups' units, none of which lives under
        a domain's ou=people (the value is shared: never change it)."""
        if key not in self._memo:
            self._memo[key] = read()
        return self._memo[key]

    def _written(self, *dns):
        """A write is about to happen: unless it only touches entries under a domain's ou=people, which nothing
        remembered is, the domains, classes of service and global config are read afresh afterwards."""
        if self._memo and not all(dn and _UNDER_PEOPLE.search(dn) for dn in dns):
            self._memo.clear()

    # --- low level -------------------------------------------------------------------------------

    def search(self, base, flt, scope=ldap3.SUBTREE, attributes=None):
        found = self.conn.search(base, flt, scope, attributes=attributes or ['*'])
        code = self.conn.result['result']
        if code == NO_SUCH_OBJECT:
            return []
        if code != 0:
            raise self._fault(self.conn.result, 'search')
        return [Entry(dn, attrs) for dn, attrs in found]

    def user_attributes(self, basics, wanted):
        """The attribute list of a search that needs `basics` and the `wanted` lowercase names (None: all, '*');
        operational attributes are left out, so that naming them gives no more than '*' does."""
        if wanted is None:
            return None
        if self._operational is None:
            self._operational = self._operational_names()
        return list(basics) + sorted(name for name in wanted if name not in self._operational and name != '+')

    def _operational_names(self):
        """Lowercase names and OIDs of the attribute types slapd's schema marks operational (its USAGE)."""
        names = set()
        for _dn, attrs in self.conn.search('cn=Subschema', '(objectClass=subschema)', ldap3.BASE, attributes=['attributeTypes']):
            for key, definitions in attrs.items():
                if key.lower() != 'attributetypes':
                    continue
                for definition in definitions:
                    if not _OPERATIONAL_USAGE.search(definition):
                        continue
                    names.add(definition.strip('( ').split()[0].lower())
                    declared = _NAMES.search(definition)
                    names.update(name.lower() for name in re.findall(r"'([^']*)'", declared.group(1) if declared else ''))
        return frozenset(names)

    def get(self, dn):
        found = self.search(dn, '(objectClass=*)', ldap3.BASE)
        return found[0] if found else None

    def find_one(self, flt, base=''):
        found = self.search(base, flt)
        return found[0] if found else None

    def exists(self, dn):
        return self.get(dn) is not None

    def add(self, dn, attrs, creating=True):
        """Add an entry; the Entry as written, which is what reading it back would give (its user attributes)."""
        self._written(dn)
        written = {name: values for name, values in attrs.items() if values}
        if not self.conn.add(dn, written):
            raise self._fault(self.conn.result, 'create entry' if creating else 'modify')
        return Entry(dn, {name: [as_text(value) for value in values] for name, values in written.items()})

    def modify(self, dn, changes):
        if changes:
            self._written(dn)
        if changes and not self.conn.modify(dn, changes):
            raise self._fault(self.conn.result, 'modify attributes')

    def delete(self, dn):
        self._written(dn)
        if not self.conn.delete(dn):
            raise self._fault(self.conn.result, 'delete entry')

    def rename(self, dn, new_rdn, new_parent=None):
        """LDAP modrdn: in place (LP.renameCos), or under `new_parent` (LP.renameAccount into another domain)."""
        self._written(dn, f'{new_rdn},{new_parent}' if new_parent else dn)
        if not self.conn.modify_dn(dn, new_rdn, new_superior=new_parent):
            raise self._fault(self.conn.result, 'rename entry')

    def delete_subtree(self, dn):
        """Delete an entry and everything below it, deepest first."""
        entries = self.search(dn, '(objectClass=*)', attributes=['1.1'])
        for entry in sorted(entries, key=lambda e: e.dn.count(','), reverse=True):
            self.delete(entry.dn)

    def children(self, dn, limit=None):
        found = self.conn.search(dn, '(objectClass=*)', ldap3.LEVEL, attributes=['1.1'], size_limit=limit or 0)
        return [found_dn for found_dn, _attrs in found]

    def check_password(self, dn, password):
        """A simple bind as the entry, as Carbonio's default auth checks a password; an empty password is no
        password (LDAP would take it as an anonymous bind)."""
        if not password:
            return False
        probe = LdapConnection(self.conn.address)
        try:
            return probe.bind(dn, password)
        finally:
            probe.unbind()

    def password_modify(self, dn, password):
        self._written(dn)
        if not self.conn.modify_password(dn, password):
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
        return self.remember(('config',), lambda: self.get(GLOBAL_CONFIG_DN))

    def domain_by(self, by, key):
        attr = {'name': 'zimbraDomainName', 'id': 'zimbraId', 'virtualHostname': 'zimbraVirtualHostname',
                'krb5Realm': 'zimbraAuthKerberos5Realm', 'foreignName': 'zimbraForeignName'}.get(by)
        if attr is None:
            raise ServiceFault('service.INVALID_REQUEST', f'invalid request: unknown value for by: {by}')
        if by == 'name':
            key = key.strip().lower()
        return self.remember(('domain', attr, key), lambda: self.find_one(f'(&(objectClass=zimbraDomain){eq_filter(attr, key)})'))

    def require_domain(self, by, key):
        domain = self.domain_by(by, key)
        if domain is None:
            raise no_such_domain(key)
        return domain

    def all_domains(self):
        return sorted(self.search('', '(objectClass=zimbraDomain)'), key=lambda d: d.first('zimbraDomainName', '').lower())

    def cos_by(self, by, key):
        attr = {'id': 'zimbraId', 'name': 'cn'}.get(by)
        if attr is None:
            raise ServiceFault('service.INVALID_REQUEST', f'invalid request: unknown value for by: {by}')
        return self.remember(('cos', attr, key), lambda: self.find_one(f'(&(objectClass=zimbraCOS){eq_filter(attr, key)})', COS_BASE))

    def all_cos(self):
        def read():
            return sorted(self.search(COS_BASE, '(objectClass=zimbraCOS)', ldap3.LEVEL), key=lambda c: c.first('cn', '').lower())
        return list(self.remember(('all cos',), read))

    def by_id(self, zimbra_id, object_class=None):
        flt = eq_filter('zimbraId', zimbra_id)
        if object_class:
            flt = f'(&(objectClass={object_class}){flt})'
        return self.find_one(flt)

    def address_owner(self, address):
        """The entry (account, list, alias, group) that owns an e-mail address, if any: one that carries it, else the
        one at the DN an entry of that address would take. One search: uid is in the filter and the DN is compared
        here (a uid alone also matches the same local part in other domains)."""
        local, _sep, domain = address.partition('@')
        carried = ''.join(eq_filter(name, address) for name in _ADDRESS_ATTRS)
        at_dn = f'uid={escape_rdn(local)},{people_dn(domain)}'.lower() if domain else None
        found = self.search('', f'(|{carried}{eq_filter("uid", local)})' if at_dn else f'(|{carried})')
        wanted = address.lower()
        for entry in found:
            if any(value.lower() == wanted for name in _ADDRESS_ATTRS for value in entry.values(name)):
                return entry
        return next((entry for entry in found if entry.dn.lower() == at_dn), None)
