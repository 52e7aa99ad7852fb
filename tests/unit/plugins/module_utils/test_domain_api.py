# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domain request builders: purge order, batching with per-item failures, COS counting, overview in one batch."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _domain_api as api
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import BatchItem, CarbonioFault

DEFAULT_COS = 'e00428a1-0c00-11d9-836a-000d93afea2a'
GOLD_COS = '0c0c0c0c-1111-4222-8333-444444444444'


class FakeClient(object):
    """Records batches and answers each item from `answer(name, body)`."""

    def __init__(self, answer):
        self.answer = answer
        self.batches = []

    def batch(self, requests, onerror='continue', repeatable=False):
        self.batches.append((list(requests), onerror, repeatable))
        return [self.answer(name, body) for name, body in requests]


def ok_item(response=None):
    return BatchItem(request_id='0', request='AnyRequest', response=response or {}, fault=None)


def fault_item(code):
    return BatchItem(request_id='0', request='AnyRequest', response=None, fault=CarbonioFault(code, 'refused: %s' % code))


def entry(name, zimbra_id, **attrs):
    return {'name': name, 'id': zimbra_id, 'attrs': dict((k, v if isinstance(v, list) else [v]) for k, v in attrs.items())}


def test_purge_order_gal_sync_and_foreign_aliases():
    domain = entry('example.com', 'dom', zimbraGalAccountId=['gal'])
    contents = {
        'account': [entry('alice@example.com', 'alice'), entry('galsync@example.com', 'gal')],
        'dl': [entry('team@example.com', 'team')],
        'calresource': [entry('room@example.com', 'room')],
        'alias': [dict(entry('al@example.com', 'a1', zimbraAliasTargetId='alice'), target='alice@example.com', target_type='account'),
                  dict(entry('ext@example.com', 'a2', zimbraAliasTargetId='bob-elsewhere'), target='bob@other.com', target_type='account'),
                  dict(entry('list@example.com', 'a3', zimbraAliasTargetId='dl-elsewhere'), target='l@other.com', target_type='dl')],
    }
    requests = api.purge_requests(domain, contents)
    assert [(label, name) for label, name, body in requests] == [
        ('ext@example.com', 'RemoveAccountAliasRequest'),
        ('list@example.com', 'RemoveDistributionListAliasRequest'),
        ('team@example.com', 'DeleteDistributionListRequest'),
        ('room@example.com', 'DeleteCalendarResourceRequest'),
        ('alice@example.com', 'DeleteAccountRequest'),
        ('galsync@example.com', 'DeleteGalSyncAccountRequest'),
    ]
    assert requests[-1][2] == {'account': {'by': 'id', '_content': 'gal'}}


def test_batches_report_each_failure_and_count_already_gone_as_done():
    requests = [('user%d@example.com' % n, 'DeleteAccountRequest', {'id': str(n)}) for n in range(5)]

    def answer(name, body):
        return {'1': fault_item('service.FAILURE'), '3': fault_item('account.NO_SUCH_ACCOUNT')}.get(body['id'], ok_item())

    client = FakeClient(answer)
    done, failed = api.run_in_batches(client, requests, batch_size=2)
    assert [len(batch) for batch, onerror, repeatable in client.batches] == [2, 2, 1]
    assert all(onerror == 'continue' and repeatable for batch, onerror, repeatable in client.batches)
    assert done == ['user0@example.com', 'user2@example.com', 'user3@example.com', 'user4@example.com']
    assert [(label, fault.code) for label, fault in failed] == [('user1@example.com', 'service.FAILURE')]


def test_account_counts_resolve_own_then_domain_then_default_cos():
    domains = [entry('a.example.com', 'a'), entry('b.example.com', 'b', zimbraDomainDefaultCOSId=GOLD_COS), entry('c.example.com', 'c')]
    accounts = [entry('x@a.example.com', '1'), entry('y@a.example.com', '2', zimbraCOSId=GOLD_COS),
                entry('z@b.example.com', '3'), entry('w@elsewhere.example.com', '4')]
    counts = api.account_counts_by_cos(accounts, domains, DEFAULT_COS, {DEFAULT_COS: 'default', GOLD_COS: 'gold'})
    assert counts == {'a.example.com': {'default': 1, 'gold': 1}, 'b.example.com': {'gold': 1}, 'c.example.com': {}}


def test_overview_is_one_batch_whatever_the_number_of_domains():
    def answer(name, body):
        if name == 'GetAllDomainsRequest':
            return ok_item({'domain': [{'name': 'd%d.example.com' % n, 'id': str(n), 'a': []} for n in range(300)]})
        if name == 'GetAllConfigRequest':
            return ok_item({'a': [{'n': 'zimbraDomainStatus', '_content': 'active'}]})
        if name == 'GetAllCosRequest':
            return ok_item({'cos': [{'name': 'default', 'id': DEFAULT_COS}]})
        return ok_item({'account': {'name': 'u@d1.example.com', 'id': 'u', 'a': []}})

    client = FakeClient(answer)
    overview = api.read_domains_overview(client)
    assert len(client.batches) == 1
    assert [name for name, body in client.batches[0][0]] == [
        'GetAllDomainsRequest', 'GetAllConfigRequest', 'GetAllCosRequest', 'SearchDirectoryRequest']
    assert len(overview['domains']) == 300
    assert overview['config'] == {'zimbraDomainStatus': ['active']}
    assert [a['name'] for a in overview['accounts']] == ['u@d1.example.com']


def test_overview_of_a_missing_domain_is_empty_not_an_error():
    def answer(name, body):
        if name == 'GetDomainRequest':
            return fault_item('account.NO_SUCH_DOMAIN')
        if name == 'SearchDirectoryRequest':
            return fault_item('account.NO_SUCH_DOMAIN')
        return ok_item({})

    overview = api.read_domains_overview(FakeClient(answer), name='missing.example.com')
    assert overview['domains'] == [] and overview['accounts'] == []
