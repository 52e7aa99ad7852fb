"""GetQuotaUsageRequest with a domain reports that domain's own accounts, never those of its sub-domains (as
SearchDirectoryRequest with a domain, api doc 13.7); without one, every domain's."""

from __future__ import annotations


def usage(sim, **request):
    status, body = sim.soap('GetQuotaUsageRequest', **request)
    assert status == 200, body
    return {a['name'] for a in body['Body']['GetQuotaUsageResponse'].get('account', [])}


def test_a_domain_without_its_sub_domains(sim):
    for name in ('parent.quota.test', 'sub.parent.quota.test'):
        assert sim.soap('CreateDomainRequest', name=name)[0] == 200
    for name in ('top@parent.quota.test', 'below@sub.parent.quota.test'):
        assert sim.soap('CreateAccountRequest', name=name)[0] == 200
    assert usage(sim, domain='parent.quota.test') == {'top@parent.quota.test'}
    assert usage(sim, domain='sub.parent.quota.test') == {'below@sub.parent.quota.test'}
    assert {'top@parent.quota.test', 'below@sub.parent.quota.test'} <= usage(sim)
