# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Requests about domains, global configuration and COS: built here and nowhere else.

Each function takes a CarbonioClient, sends the fewest round trips the server allows and returns
plain dicts: {'name', 'id', 'attrs': {name: [values]}}.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import (
    CarbonioFault, decode_attrs, encode_attrs)

CONTENT_TYPES = 'accounts,distributionlists,aliases,resources,dynamicgroups'
# Carbonio's default search cap is 5000 results; a domain purge must see all of them.
MAX_SEARCH_RESULTS = 1000000
BATCH_SIZE = 100
# A delete repeated after a lost answer finds the object gone: that item is done, not failed.
ALREADY_GONE = frozenset(('account.NO_SUCH_ACCOUNT', 'account.NO_SUCH_DISTRIBUTION_LIST', 'account.NO_SUCH_CALENDAR_RESOURCE',
                          'account.NO_SUCH_ALIAS'))


def elements(response, key):
    """A response child as a list: JSON SOAP gives one element as a dict or a list of one."""
    value = response.get(key) if response else None
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _entry(element):
    return {'name': element.get('name'), 'id': element.get('id'), 'attrs': decode_attrs(element.get('a', []))}


def _get_domain_body(name, apply_config):
    return {'domain': {'by': 'name', '_content': name}, 'applyConfig': 1 if apply_config else 0}


def get_domain(client, name, apply_config=False):
    """The domain's own values (applyConfig=0), or None when it does not exist."""
    try:
        response = client.soap('GetDomainRequest', _get_domain_body(name, apply_config))
    except CarbonioFault as exc:
        if exc.code == 'account.NO_SUCH_DOMAIN':
            return None
        raise
    return _entry(elements(response, 'domain')[0])


def get_domain_and_cos(client, name, cos_name):
    """The domain (or None) and the COS named `cos_name` (or None), in one round trip."""
    items = client.batch([
        ('GetDomainRequest', _get_domain_body(name, False)),
        ('GetCosRequest', {'cos': {'by': 'name', '_content': cos_name}}),
    ])
    domain_item, cos_item = items
    return _found(domain_item, 'domain', 'account.NO_SUCH_DOMAIN'), _found(cos_item, 'cos', 'account.NO_SUCH_COS')


def _found(item, element, missing_code):
    """The object a batch item read, None when the fault says it does not exist; any other fault is raised."""
    if item.fault:
        if item.fault.code != missing_code:
            raise item.fault
        return None
    return _entry(elements(item.response, element)[0])


def create_domain(client, name, attrs):
    """Create the domain; a lost answer is settled by reading the domain back."""
    response = client.create('CreateDomainRequest', {'name': name, 'a': encode_attrs(attrs)},
                             read_back=lambda: _domain_element(client, name))
    return _entry(elements(response, 'domain')[0])


def _domain_element(client, name):
    try:
        return client.soap('GetDomainRequest', _get_domain_body(name, False))
    except CarbonioFault as exc:
        if exc.code == 'account.NO_SUCH_DOMAIN':
            return None
        raise


def modify_domain(client, domain_id, attrs):
    # Replacing values and +/- single values are both safe to repeat.
    response = client.soap('ModifyDomainRequest', {'id': domain_id, 'a': encode_attrs(attrs)}, repeatable=True)
    return _entry(elements(response, 'domain')[0])


def delete_domain(client, domain_id):
    client.soap('DeleteDomainRequest', {'id': domain_id}, repeatable=False)


def domain_contents(client, name):
    """Everything that keeps a domain from being deleted, by kind, in one search."""
    response = client.soap('SearchDirectoryRequest', {
        'domain': name, 'types': CONTENT_TYPES, 'limit': 0, 'maxResults': MAX_SEARCH_RESULTS, 'applyCos': 0,
        'attrs': 'zimbraId,zimbraIsSystemAccount,zimbraAliasTargetId',
    })
    contents = {}
    for key in ('account', 'calresource', 'dl', 'alias'):
        found = elements(response, key)
        if found:
            contents[key] = [dict(_entry(item), target=item.get('targetName'), target_type=item.get('type')) for item in found]
    return contents


def purge_requests(domain, contents):
    """Delete requests for a domain's contents, in a safe order, as (label, request name, body)."""
    own_ids = set(item['id'] for key in ('account', 'calresource', 'dl') for item in contents.get(key, []))
    own_names = set(item['name'] for key in ('account', 'calresource', 'dl') for item in contents.get(key, []))
    gal_ids = set(domain['attrs'].get('zimbraGalAccountId', []))
    requests = []
    for alias in contents.get('alias', []):
        target_ids = alias['attrs'].get('zimbraAliasTargetId', [])
        # An alias of an object of this domain goes with its target; one pointing elsewhere is removed from it.
        if (target_ids and target_ids[0] in own_ids) or alias.get('target') in own_names:
            continue
        request = 'RemoveDistributionListAliasRequest' if alias.get('target_type') == 'dl' else 'RemoveAccountAliasRequest'
        requests.append((alias['name'], request, {'id': target_ids[0] if target_ids else '', 'alias': alias['name']}))
    for item in contents.get('dl', []):
        requests.append((item['name'], 'DeleteDistributionListRequest', {'id': item['id']}))
    for item in contents.get('calresource', []):
        requests.append((item['name'], 'DeleteCalendarResourceRequest', {'id': item['id']}))
    for item in contents.get('account', []):
        if item['id'] in gal_ids:
            requests.append((item['name'], 'DeleteGalSyncAccountRequest', {'account': {'by': 'id', '_content': item['id']}}))
        else:
            requests.append((item['name'], 'DeleteAccountRequest', {'id': item['id']}))
    return requests


def run_in_batches(client, requests, batch_size=BATCH_SIZE):
    """Send (label, name, body) requests in BatchRequests; return (done labels, [(label, fault)])."""
    done, failed = [], []
    for start in range(0, len(requests), batch_size):
        chunk = requests[start:start + batch_size]
        items = client.batch([(name, body) for label, name, body in chunk], onerror='continue', repeatable=True)
        for (label, name, body), item in zip(chunk, items):
            if item.fault and item.fault.code not in ALREADY_GONE:
                failed.append((label, item.fault))
            else:
                done.append(label)
    return done, failed


def _raise_fault(item, tolerated=()):
    if item.fault and item.fault.code not in tolerated:
        raise item.fault
    return item.response if not item.fault else None


def read_domains_overview(client, name=None):
    """Domains (one or all, own values), global config, COS list and the accounts to count: one round trip."""
    if name:
        domain_request = ('GetDomainRequest', _get_domain_body(name, False))
    else:
        domain_request = ('GetAllDomainsRequest', {'applyConfig': 0})
    search = {'types': 'accounts', 'limit': 0, 'maxResults': MAX_SEARCH_RESULTS, 'applyCos': 0,
              'attrs': 'zimbraCOSId,zimbraIsSystemResource', 'query': '(!(zimbraIsSystemResource=TRUE))'}
    if name:
        search['domain'] = name
    domain_item, config_item, cos_item, search_item = client.batch([
        domain_request, ('GetAllConfigRequest', {}), ('GetAllCosRequest', {}), ('SearchDirectoryRequest', search)])
    domains_response = _raise_fault(domain_item, ('account.NO_SUCH_DOMAIN',))
    return {
        'domains': [_entry(item) for item in elements(domains_response, 'domain')],
        'config': decode_attrs(_raise_fault(config_item).get('a', [])),
        'coses': [_entry(item) for item in elements(_raise_fault(cos_item), 'cos')],
        'accounts': [] if domain_item.fault else [_entry(item) for item in elements(_raise_fault(search_item), 'account')],
    }


def account_counts_by_cos(accounts, domains, default_cos_id, cos_names):
    """{domain name: {COS name: count}}, resolving each account's COS as Carbonio does (own, domain default, default)."""
    domain_cos = dict((d['name'], (d['attrs'].get('zimbraDomainDefaultCOSId') or [default_cos_id])[0]) for d in domains)
    counts = dict((d['name'], {}) for d in domains)
    for account in accounts:
        domain_name = account['name'].rpartition('@')[2]
        if domain_name not in counts:
            continue
        cos_id = (account['attrs'].get('zimbraCOSId') or [domain_cos[domain_name]])[0]
        cos_name = cos_names.get(cos_id, cos_id)
        counts[domain_name][cos_name] = counts[domain_name].get(cos_name, 0) + 1
    return counts


def quota_usage(client, domain_names):
    """{domain name: [{name, used, limit}]} for every account of the domains, across all mailbox servers: one round trip."""
    if not domain_names:
        return {}
    items = client.batch([('GetQuotaUsageRequest', {'domain': name, 'allServers': 1, 'limit': 0}) for name in domain_names])
    usage = {}
    for name, item in zip(domain_names, items):
        usage[name] = [dict(name=a.get('name'), used=int(a.get('used', 0)), limit=int(a.get('limit', 0)))
                       for a in elements(_raise_fault(item), 'account')]
    return usage
