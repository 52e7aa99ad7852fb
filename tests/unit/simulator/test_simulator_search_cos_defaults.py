"""SearchDirectoryRequest as Carbonio answers it (api-objects doc 11, api doc 13.7): exactly the requested
attrs, COS defaults applied to accounts unless applyCos=0 (with a synthetic zimbraCOSId), and a domain's own
entries only."""

from __future__ import annotations

DEFAULT_COS_ID = 'e00428a1-0c00-11d9-836a-000d93afea2a'


def attrs_of(entry):
    found = {}
    for attr in entry.get('a', []):
        found.setdefault(attr['n'], []).append(attr['_content'])
    return found


def search(sim, **request):
    status, body = sim.soap('SearchDirectoryRequest', **request)
    assert status == 200, body
    return body['Body']['SearchDirectoryResponse']


def setup_module_data(sim):
    """Idempotent (tests may run in any order on one simulator); the id of the COS `own@` uses."""
    sim.soap('CreateCosRequest', name={'_content': 'search-cos'}, a=[{'n': 'zimbraMailQuota', '_content': '777'}])
    _status, body = sim.soap('GetCosRequest', cos={'by': 'name', '_content': 'search-cos'})
    cos_id = body['Body']['GetCosResponse']['cos'][0]['id']
    sim.soap('CreateDomainRequest', name='defaults.sim.test')
    sim.soap('CreateDomainRequest', name='deeper.defaults.sim.test')
    sim.soap('CreateAccountRequest', name='plain@defaults.sim.test')
    sim.soap('CreateAccountRequest', name='own@defaults.sim.test',
             a=[{'n': 'zimbraCOSId', '_content': cos_id}, {'n': 'zimbraPrefLocale', '_content': 'it'}])
    sim.soap('CreateAccountRequest', name='nested@deeper.defaults.sim.test')
    return cos_id


def test_exactly_the_requested_attrs_with_cos_defaults(sim):
    cos_id = setup_module_data(sim)
    page = search(sim, domain='defaults.sim.test', attrs='zimbraMailQuota,zimbraCOSId,zimbraPrefLocale')
    found = {account['name']: attrs_of(account) for account in page['account']}
    _status, body = sim.soap('GetCosRequest', cos={'by': 'id', '_content': DEFAULT_COS_ID}, attrs='zimbraMailQuota')
    default_quota = attrs_of(body['Body']['GetCosResponse']['cos'][0])['zimbraMailQuota']
    assert found['plain@defaults.sim.test']['zimbraMailQuota'] == default_quota
    assert found['plain@defaults.sim.test']['zimbraCOSId'] == [DEFAULT_COS_ID]  # synthetic: the effective COS
    assert found['own@defaults.sim.test'] == {'zimbraMailQuota': ['777'], 'zimbraCOSId': [cos_id], 'zimbraPrefLocale': ['it']}
    # no extra attributes (zimbraMailTransport is fetched by Carbonio, not returned)
    assert all(set(attrs) <= {'zimbraMailQuota', 'zimbraCOSId', 'zimbraPrefLocale'} for attrs in found.values())


def test_apply_cos_off_gives_the_accounts_own_values(sim):
    setup_module_data(sim)
    page = search(sim, domain='defaults.sim.test', attrs='zimbraMailQuota,zimbraCOSId,zimbraMailTransport', applyCos=0)
    found = {account['name']: attrs_of(account) for account in page['account']}
    assert 'zimbraCOSId' not in found['plain@defaults.sim.test']
    assert 'zimbraMailQuota' not in found['plain@defaults.sim.test']
    assert found['plain@defaults.sim.test']['zimbraMailTransport'][0].startswith('lmtp:')


def test_a_domain_search_leaves_out_sub_domains(sim):
    setup_module_data(sim)
    page = search(sim, domain='defaults.sim.test', types='accounts', attrs='zimbraId')
    assert 'nested@deeper.defaults.sim.test' not in [account['name'] for account in page['account']]
    assert page['searchTotal'] == 2
