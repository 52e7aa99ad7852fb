"""Directory-wide reads: SearchDirectory (api doc 8, 13.4, 13.7), CountAccount and GetQuotaUsage."""

from ..directory import domain_of_dn, people_dn
from ..errors import ServiceFault, invalid_request
from . import handles
from .effective_cos import CosResolver
from .encoding import add_object, entry_name, requested_attrs, response

TYPE_FILTERS = {
    'accounts': '(&(objectClass=zimbraAccount)(!(objectClass=zimbraCalendarResource)))',
    'resources': '(objectClass=zimbraCalendarResource)',
    'distributionlists': '(objectClass=zimbraDistributionList)',
    'dynamicgroups': '(&(objectClass=zimbraGroup)(!(objectClass=zimbraGroupDynamicUnit)))',
    'aliases': '(objectClass=zimbraAlias)',
    'domains': '(objectClass=zimbraDomain)',
    'coses': '(objectClass=zimbraCOS)',
    'servers': '(objectClass=zimbraServer)',
    'habgroups': '(objectClass=zimbraHabGroup)',
}
MAX_RESULTS = 5000
# What the search itself reads of an entry besides the requested attributes: its kind, id, name and COS
ENTRY_BASICS = ('objectClass', 'zimbraId', 'zimbraDomainName', 'cn', 'zimbraMailDeliveryAddress', 'mail', 'uid',
                'zimbraAliasTargetId', 'zimbraCOSId')


def _tenant_object(entry):
    # the seeded system accounts under cn=zimbra are no tenant objects (the Admin Panel never lists them);
    # COS and server entries live there legitimately
    return not entry.dn.lower().endswith('cn=zimbra') or entry.has_class('zimbraCOS') or entry.has_class('zimbraServer')


def _search(sim, req, wanted=None):
    """The entries found, sorted by name; with `wanted` (lowercase names) slapd sends only those attributes (and
    ENTRY_BASICS), which the answer is then cut to anyway."""
    types = [t.strip() for t in str(req.get('types') or 'accounts').split(',') if t.strip()]
    unknown = [t for t in types if t not in TYPE_FILTERS]
    if unknown:
        raise invalid_request(f'unknown type: {unknown[0]}')
    domain = req.get('domain')
    if domain and 'coses' in types:
        raise invalid_request('cannot specify domain with coses flag')
    base, own_domain = '', None
    if domain:
        entry = sim.directory.require_domain('name', str(domain))
        base, own_domain = entry.dn, entry.first('zimbraDomainName').lower()
    query = str(req.get('query') or '').strip()
    if query and not query.startswith('('):
        query = f'({query})'
    type_filter = '(|' + ''.join(TYPE_FILTERS[t] for t in types) + ')'
    flt = f'(&{type_filter}{query})' if query else type_filter
    try:
        entries = sim.directory.search(base, flt, attributes=sim.directory.user_attributes(ENTRY_BASICS, wanted))
    except ServiceFault as fault:
        raise invalid_request(f'invalid query: {query}') from fault
    entries = [e for e in entries if _tenant_object(e)]
    if own_domain:
        # the domain's own entries, never its sub-domains' (api doc 13.7)
        entries = [e for e in entries if domain_of_dn(e.dn).lower() == own_domain]
    reverse = not req.get_bool('sortAscending', True)
    return sorted(entries, key=lambda e: (entry_name(e) or '').lower(), reverse=reverse)


@handles('SearchDirectoryRequest', writes=False)
def search_directory(sim, req):
    # Carbonio fetches zimbraMailTransport/memberURL besides `attrs` but encodes each entry with the caller's
    # list: exactly the requested attributes come back (api-objects doc 11)
    wanted = requested_attrs(req)
    entries = _search(sim, req, set() if req.get_bool('countOnly') else wanted)
    max_results = req.get_int('maxResults', MAX_RESULTS)
    if max_results and len(entries) > max_results:
        raise ServiceFault('account.TOO_MANY_SEARCH_RESULTS', f'number of results exceeded the limit: {max_results}')
    resp = response('SearchDirectoryResponse')
    if req.get_bool('countOnly'):
        resp.attrs['num'] = len(entries)
        return resp
    offset, limit = req.get_int('offset', 0), req.get_int('limit', 0)
    page = entries[offset:offset + limit] if limit else entries[offset:]
    resolver = CosResolver(sim) if req.get_bool('applyCos', True) else None
    apply_config = req.get_bool('applyConfig', True)
    for entry in page:
        attrs = resolver.apply(entry, wanted) if resolver and entry.has_class('zimbraAccount') else None
        add_object(resp, sim, entry, wanted, attrs=attrs, apply_config=apply_config)
    resp.attrs['more'] = bool(limit) and offset + limit < len(entries)
    resp.attrs['searchTotal'] = len(entries)
    return resp


def _domain_accounts(sim, domain):
    """The domain's own accounts (ou=people holds no sub-domain), without resources and system resources."""
    flt = '(&(objectClass=zimbraAccount)(!(objectClass=zimbraCalendarResource))(!(zimbraIsSystemResource=TRUE)))'
    return sim.directory.search(people_dn(domain.first('zimbraDomainName')), flt)


@handles('CountAccountRequest', writes=False)
def count_account(sim, req):
    node = req.child('domain')
    if node is None:
        raise invalid_request('missing required element: domain')
    domain = sim.directory.require_domain(node.attrs.get('by', 'name'), node.text or '')
    resolver = CosResolver(sim)
    counts, names = {}, {}
    for account in _domain_accounts(sim, domain):
        cos = resolver.for_account(account)  # own, else domain default, else default (a dangling id falls through)
        counts[cos.id] = counts.get(cos.id, 0) + 1
        names[cos.id] = cos.first('cn')
    resp = response('CountAccountResponse')
    for cos_id in sorted(counts, key=lambda i: names[i].lower()):
        resp.add('cos', {'id': cos_id, 'name': names[cos_id]}, text=str(counts[cos_id]))
    return resp


def _effective_quota(sim, resolver, account, domain):
    quota = account.first('zimbraMailQuota')
    if quota is None:
        cos = resolver.for_account(account)
        quota = cos.first('zimbraMailQuota') if cos else None
    quota = int(quota or 0)
    domain_quota = int(domain.first('zimbraMailDomainQuota') or sim.directory.global_config().first('zimbraMailDomainQuota') or 0)
    if domain_quota and (quota == 0 or domain_quota < quota):
        quota = domain_quota
    return quota


@handles('GetQuotaUsageRequest', writes=False)
def get_quota_usage(sim, req):
    domain_name = req.get('domain')
    if domain_name:
        domains = [sim.directory.require_domain('name', str(domain_name))]
    else:
        domains = sim.directory.all_domains()
    rows = []
    resolver = CosResolver(sim)
    for domain in domains:
        for account in _domain_accounts(sim, domain):
            name = entry_name(account)
            used = sim.state.get('quota-usage', name.lower(), 0)
            limit = _effective_quota(sim, resolver, account, domain)
            rows.append({'name': name, 'id': account.id, 'used': used, 'limit': limit})
    sort_by = str(req.get('sortBy') or 'totalUsed')
    keys = {'totalUsed': lambda r: r['used'], 'quotaLimit': lambda r: r['limit'], 'account': lambda r: r['name'].lower(),
            'percentUsed': lambda r: r['used'] / r['limit'] if r['limit'] else 0}
    if sort_by not in keys:
        raise invalid_request(f'sortBy must be one of: {", ".join(keys)}')
    rows.sort(key=keys[sort_by], reverse=not req.get_bool('sortAscending', False))
    offset, limit = req.get_int('offset', 0), req.get_int('limit', 0)
    page = rows[offset:offset + limit] if limit else rows[offset:]
    resp = response('GetQuotaUsageResponse')
    for row in page:
        resp.add('account', row)
    resp.attrs['more'] = bool(limit) and offset + limit < len(rows)
    resp.attrs['searchTotal'] = len(rows)
    return resp
