"""CountAccountRequest: one cos element per COS in use, counting the domain's own accounts by effective COS
(own zimbraCOSId, else the domain's default, else `default`); no calendar resources, no system resources,
no accounts of sub-domains (api doc 13.4)."""

from __future__ import annotations


def cos_id(sim, name):
    status, body = sim.soap('CreateCosRequest', name={'_content': name})
    if status != 200:
        _status, body = sim.soap('GetCosRequest', cos={'by': 'name', '_content': name})
        return body['Body']['GetCosResponse']['cos'][0]['id']
    return body['Body']['CreateCosResponse']['cos'][0]['id']


def account(sim, name, *pairs):
    status, body = sim.soap('CreateAccountRequest', name=name, a=[{'n': n, '_content': v} for n, v in pairs])
    assert status == 200, body


def counts(sim, domain):
    status, body = sim.soap('CountAccountRequest', domain={'by': 'name', '_content': domain})
    assert status == 200, body
    return {(cos['name'], cos['id']): int(cos['_content']) for cos in body['Body']['CountAccountResponse']['cos']}


def test_counts_by_effective_cos(sim):
    silver, bronze = cos_id(sim, 'count-silver'), cos_id(sim, 'count-bronze')
    sim.soap('CreateDomainRequest', name='count.sim.test', a=[{'n': 'zimbraDomainDefaultCOSId', '_content': silver}])
    sim.soap('CreateDomainRequest', name='sub.count.sim.test')
    account(sim, 'a@count.sim.test')
    account(sim, 'b@count.sim.test')
    account(sim, 'c@count.sim.test', ('zimbraCOSId', bronze))
    account(sim, 'system@count.sim.test', ('zimbraIsSystemResource', 'TRUE'))
    account(sim, 'below@sub.count.sim.test')
    sim.soap('CreateCalendarResourceRequest', name='room@count.sim.test',
             a=[{'n': 'displayName', '_content': 'Room'}, {'n': 'zimbraCalResType', '_content': 'Location'}])
    assert counts(sim, 'count.sim.test') == {('count-silver', silver): 2, ('count-bronze', bronze): 1}
    assert counts(sim, 'sub.count.sim.test') == {('default', 'e00428a1-0c00-11d9-836a-000d93afea2a'): 1}


def test_a_deleted_cos_falls_back_to_the_domain_default(sim):
    gone = cos_id(sim, 'count-gone')
    sim.soap('CreateDomainRequest', name='dangling.count.test')
    account(sim, 'x@dangling.count.test', ('zimbraCOSId', gone))
    sim.soap('DeleteCosRequest', id={'_content': gone})
    assert counts(sim, 'dangling.count.test') == {('default', 'e00428a1-0c00-11d9-836a-000d93afea2a'): 1}


def test_unknown_domain(sim):
    status, body = sim.soap('CountAccountRequest', domain={'by': 'name', '_content': 'nowhere.count.test'})
    assert (status, body['Body']['Fault']['Detail']['Error']['Code']) == (500, 'account.NO_SUCH_DOMAIN')
