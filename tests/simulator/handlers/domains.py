"""Domain requests: Create/Get/GetAll/Modify/DeleteDomain with Carbonio's DIT layout and callbacks (api doc 1, 13.1, 13.2)."""

import uuid

import ldap3

from ..directory import domain_dn, eq_filter, groups_dn, people_dn
from ..errors import ServiceFault, invalid_request, no_such_domain, perm_denied
from ..seed import GLOBAL_CONFIG_DN
from ..timeutil import gentime_now
from ..validation import check_value, parse_changes
from . import handles
from .encoding import add_domain, requested_attrs, response

_DOMAIN_STRIP_CLASSES = ('zimbradomain', 'amavisaccount', 'dkim')


def _domain_lookup(sim, req):
    node = req.child('domain')
    if node is None:
        raise invalid_request('missing required element: domain')
    return sim.directory.require_domain(node.attrs.get('by', 'name'), node.text or '')


@handles('GetDomainRequest', writes=False)
def get_domain(sim, req):
    domain = _domain_lookup(sim, req)
    resp = response('GetDomainResponse')
    add_domain(resp, sim, domain, req.get_bool('applyConfig', True), requested_attrs(req))
    return resp


@handles('GetAllDomainsRequest', writes=False)
def get_all_domains(sim, req):
    resp = response('GetAllDomainsResponse')
    for domain in sim.directory.all_domains():
        add_domain(resp, sim, domain, req.get_bool('applyConfig', True))
    return resp


def _validate_name(name):
    if len(name) > 255:
        raise invalid_request(f'invalid domain name {name}, domain name cannot exceed 255 chars')
    labels = name.split('.')
    if not name or any(not label for label in labels) or any(c in name for c in ' @,;:<>()[]"\\'):
        raise invalid_request(f'invalid domain name {name}')


def _virtual_host_conflicts(directory, changes, domain_id=None):
    """The names of the other domains that already have a virtual host name the request sets or adds (compared
    without regard to case, as the attribute's caseIgnoreMatch does)."""
    hosts = [value for table in (changes.replace, changes.add) for name, values in table.items()
             if name.lower() == 'zimbravirtualhostname' for value in values if value]
    if not hosts:
        return []
    flt = '(&(objectClass=zimbraDomain)(|' + ''.join(eq_filter('zimbraVirtualHostname', host) for host in hosts) + '))'
    found = directory.search('', flt, attributes=['zimbraId', 'zimbraDomainName'])
    # the order of the names in Carbonio's message is not documented: here, by name
    return sorted({d.first('zimbraDomainName') for d in found if d.id != domain_id}, key=str.lower)


def _add_virtual_host_warning(resp, others):
    """Carbonio accepts a virtual host name another domain has, and says so in the answer (features doc 1.4)."""
    if others:
        resp.add('warning', {'type': 'duplicate_virtual_hostname',
                             'message': 'Virtual hostname conflicts detected. The following virtual hostnames are already in use '
                                        f'by other domains: {", ".join(others)}. This may cause routing issues.'})


def _ensure_parents(directory, name):
    """Placeholder dcObject+organization entries for missing parents, top label first (LP.createParentDomains)."""
    labels = name.split('.')
    for i in range(len(labels) - 1, 0, -1):
        parent = '.'.join(labels[i:])
        dn = domain_dn(parent)
        if not directory.exists(dn):
            directory.add(dn, {'objectClass': ['dcObject', 'organization'], 'o': [f'{parent} domain'], 'dc': [labels[i]]})


def _encode_name(name):
    try:
        return '.'.join(label.encode('idna').decode('ascii') if any(ord(c) > 127 for c in label) else label
                        for label in name.split('.'))
    except UnicodeError:
        return name  # Carbonio keeps the input when IDN conversion fails


def _single_gal_url(pairs):
    """GalCallback (AttributeCallback.singleValueMod): a change may write one zimbraGalLdapURL value, not several."""
    if len([value for name, value in pairs if name.lstrip('+').lower() == 'zimbragalldapurl' and value]) > 1:
        raise invalid_request('zimbraGalLdapURL is a single-valued attribute')


@handles('CreateDomainRequest', writes=True)
def create_domain(sim, req):
    directory = sim.directory
    name = _encode_name(str(req.get('name') or '').strip().lower())
    _validate_name(name)
    # CreateDomain ignores empty values and checks type/status apart from the others (api doc 13.2).
    pairs = [(n, v) for n, v in req.attr_pairs() if v != '']
    special = {n.lower(): v for n, v in pairs if n.lower() in ('zimbradomaintype', 'zimbradomainstatus')}
    changes = parse_changes(sim.catalog, [(n, v) for n, v in pairs if n.lower() not in special])
    _single_gal_url(pairs)
    if directory.domain_by('name', name) is not None:
        raise ServiceFault('account.DOMAIN_EXISTS', f'domain already exists: {name}')
    attrs = changes.as_new_entry()
    conflicts = _virtual_host_conflicts(directory, changes)
    config = directory.global_config()
    attrs['objectClass'] = ['dcObject', 'organization', 'zimbraDomain'] + config.values('zimbraDomainExtraObjectClass')
    attrs.update({'zimbraId': [str(uuid.uuid4())], 'zimbraCreateTimestamp': [gentime_now()], 'zimbraDomainName': [name],
                  'zimbraDomainType': [special.get('zimbradomaintype', 'local')],
                  'zimbraDomainStatus': [special.get('zimbradomainstatus', 'active')],
                  'o': [f'{name} domain'], 'dc': [name.split('.', maxsplit=1)[0]]})
    if not any(k.lower() == 'zimbramailstatus' for k in attrs):
        attrs['zimbraMailStatus'] = ['enabled']
    _ensure_parents(directory, name)
    dn = domain_dn(name)
    existing = directory.get(dn)
    if existing is not None:
        # a former placeholder parent becomes the domain: its attributes are replaced
        directory.modify(dn, {k: [(ldap3.MODIFY_REPLACE, v)] for k, v in attrs.items()})
    else:
        directory.add(dn, attrs)
    directory.add(people_dn(name), {'objectClass': ['organizationalRole'], 'ou': ['people'], 'cn': ['people']})
    directory.add(groups_dn(name), {'objectClass': ['organizationalRole'], 'cn': ['groups'], 'description': ['dynamic groups base']})
    resp = response('CreateDomainResponse')
    add_domain(resp, sim, directory.get(dn))
    _add_virtual_host_warning(resp, conflicts)
    return resp


def _status_side_effects(sim, domain, changes):
    """DomainStatus callback: shutdown refused, closed disables mail, other statuses re-enable it."""
    values = changes.get('zimbraDomainStatus')
    if values is None:
        return
    values = [v for v in values if v != '']
    if len(values) > 1:
        raise invalid_request('zimbraDomainStatus is a single-valued attribute')
    if not values:
        return
    status = values[0]
    check_value(sim.catalog.get('zimbraDomainStatus'), status)
    if status == 'shutdown':
        raise invalid_request('Setting zimbraDomainStatus to shutdown is not allowed. It is an internal status and can only be set by server')
    if changes.get('zimbraMailStatus') is not None:
        return
    if status == 'closed':
        changes.set('zimbraMailStatus', ['disabled'])
    elif not (status == 'suspended' and domain.first('zimbraMailStatus') == 'disabled'):
        changes.set('zimbraMailStatus', ['enabled'])


def _domain_to_change(directory, req, refusal):
    """The domain named by the request's id; a domain in status shutdown is refused with `refusal`."""
    domain_id = str(req.get('id') or '')
    domain = directory.domain_by('id', domain_id)
    if domain is None:
        raise no_such_domain(domain_id)
    if domain.first('zimbraDomainStatus') == 'shutdown':
        raise perm_denied(refusal)
    return domain


@handles('ModifyDomainRequest', writes=True)
def modify_domain(sim, req):
    directory = sim.directory
    domain = _domain_to_change(directory, req, 'can not modify domain, domain status is shutdown')
    pairs = req.attr_pairs()
    if any(n.lstrip('+-').lower() == 'zimbradomainname' for n, _value in pairs):
        raise invalid_request('zimbraDomainName cannot be changed.')
    changes = parse_changes(sim.catalog, pairs)
    _single_gal_url(pairs)
    for cos_id in [v for v in (changes.get('zimbraDomainDefaultCOSId') or []) if v]:
        if directory.cos_by('id', cos_id) is None:
            raise ServiceFault('account.NO_SUCH_COS', f'no such cos: {cos_id}')
    _status_side_effects(sim, domain, changes)
    conflicts = _virtual_host_conflicts(directory, changes, domain.id)
    directory.modify(domain.dn, changes.modify_list(domain))
    resp = response('ModifyDomainResponse')
    add_domain(resp, sim, directory.get(domain.dn))
    _add_virtual_host_warning(resp, conflicts)
    return resp


@handles('DeleteDomainRequest', writes=True)
def delete_domain(sim, req):
    directory = sim.directory
    domain = _domain_to_change(directory, req, 'cannot delete domain, domain status is shutdown')
    name = domain.first('zimbraDomainName')
    # ou=people, then cn=groups, then the domain itself; not atomic, as in LP.deleteDomainInternal
    for container in (people_dn(name), groups_dn(name)):
        remaining = directory.children(container)
        if remaining:
            below = [e.dn for e in directory.search(container, '(objectClass=*)', attributes=['1.1']) if e.dn.lower() != container.lower()]
            listed = ' '.join(f'[{dn}]' for dn in below[:5])
            raise ServiceFault('account.DOMAIN_NOT_EMPTY', f'domain not empty: {name} (remaining entries: {listed})')
        if directory.exists(container):
            directory.delete(container)
    if directory.children(domain.dn):
        # sub-domains below: keep a plain dc entry without any Carbonio attributes
        strip = {k: [(ldap3.MODIFY_DELETE, [])] for k in domain.attrs
                 if k.lower().startswith(('zimbra', 'amavis', 'dkim'))}
        classes = [c for c in domain.values('objectClass') if c.lower() not in _DOMAIN_STRIP_CLASSES]
        strip['objectClass'] = [(ldap3.MODIFY_REPLACE, classes)]
        directory.modify(domain.dn, strip)
    else:
        directory.delete(domain.dn)
    config = directory.global_config()
    if (config.first('zimbraDefaultDomainName') or '').lower() == name:
        directory.modify(GLOBAL_CONFIG_DN, {'zimbraDefaultDomainName': [(ldap3.MODIFY_DELETE, [])]})
    return response('DeleteDomainResponse')
