# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Directory requests: bodies per object type, one-batch reads, paged writes with one outcome per item, filters."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._objects import account_requests, domain
from ansible_collections.carbonio.admin.plugins.module_utils._objects.cos import COS
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import BatchItem, CarbonioFault, CarbonioTransportError

DEFAULT_COS = 'e00428a1-0c00-11d9-836a-000d93afea2a'


def deletes(count):
    return [requests.delete_write(ACCOUNT, 'user%d@example.com' % n, str(n)) for n in range(count)]


class Accounts(object):
    """Answers deletes and reads of accounts '0', '1', ...; `refused` ids fail with that code, `kept` ones are not deleted."""

    def __init__(self, refused=None, kept=()):
        self.refused, self.kept, self.deleted = refused or {}, set(kept), set()

    def __call__(self, name, body):
        if name == 'GetAccountRequest':
            key = body['account']['_content']
            return 'account.NO_SUCH_ACCOUNT' if key in self.deleted else {'account': [{'name': 'user%s@example.com' % key, 'id': key, 'a': []}]}
        if body['id'] in self.refused:
            return self.refused[body['id']]
        if body['id'] not in self.kept:
            self.deleted.add(body['id'])
        return None


def test_pages_report_each_failure_and_count_already_gone_as_done(fake_client):
    client = fake_client(Accounts(refused={'1': 'service.FAILURE', '3': 'account.NO_SUCH_ACCOUNT'}))
    writes = deletes(5)
    done, failed = requests.labelled(writes, requests.send_pages(client, ACCOUNT, writes, 2))
    assert [len(batch) for batch, onerror, repeatable in client.batches] == [2, 2, 1]
    # writes are never repeated by the client: a lost page is read back instead
    assert all(onerror == 'continue' and not repeatable for batch, onerror, repeatable in client.batches)
    # only the faults are used: answered objects are parsed without their attributes (a page of accounts is ~50 MB)
    assert client.attributes == [False, False, False]
    assert done == ['user0@example.com', 'user2@example.com', 'user3@example.com', 'user4@example.com']
    assert [(label, fault.code) for label, fault in failed] == [('user1@example.com', 'service.FAILURE')]


def test_a_lost_page_is_read_back_and_the_pages_after_it_are_not_sent(fake_client):
    # the lost page ran on the server except for its last item
    client = fake_client(Accounts(kept={'5'}), lost={1})
    writes = deletes(7)
    done, failed = requests.labelled(writes, requests.send_pages(client, ACCOUNT, writes, 3))
    # two pages sent, each once, then one repeatable read of the lost page's objects; the last page never sent
    assert [(len(batch), repeatable) for batch, onerror, repeatable in client.batches] == [(3, False), (3, False), (3, True)]
    assert client.batches[2][0] == [requests.get_request(ACCOUNT, str(n), 'id') for n in (3, 4, 5)]
    assert done == ['user0@example.com', 'user1@example.com', 'user2@example.com', 'user3@example.com', 'user4@example.com']
    assert [(label, fault.code) for label, fault in failed] == [('user5@example.com', requests.OUTCOME_UNKNOWN),
                                                                ('user6@example.com', requests.NOT_SENT)]
    assert 'may still be applied' in failed[0][1].message and 'timed out' in failed[0][1].message


def test_a_lost_page_found_done_lets_the_run_go_on(fake_client):
    client = fake_client(Accounts(), lost={0})
    writes = deletes(5)
    done, failed = requests.labelled(writes, requests.send_pages(client, ACCOUNT, writes, 2))
    assert [repeatable for batch, onerror, repeatable in client.batches] == [False, True, False, False]
    assert failed == [] and len(done) == 5


def test_a_lost_page_whose_read_back_is_refused_is_not_taken_as_gone(fake_client):
    def answer(name, body):
        return 'service.PERM_DENIED' if name == 'GetAccountRequest' else None
    writes = deletes(3)
    done, failed = requests.labelled(writes, requests.send_pages(fake_client(answer, lost={0}), ACCOUNT, writes, 2))
    assert done == []
    assert [fault.code for label, fault in failed] == [requests.OUTCOME_UNKNOWN, requests.OUTCOME_UNKNOWN, requests.NOT_SENT]
    assert 'reading it back failed too' in failed[0][1].message and 'PERM_DENIED' in failed[0][1].message


def test_pages_of_writes_keep_each_answers_name_and_id_and_each_fault(fake_client):
    def answer(name, body):
        if name == 'CreateAccountRequest':
            address = body['name']
            return 'account.ACCOUNT_EXISTS' if address.startswith('taken') else {'account': [{'name': address, 'id': 'id-' + address}]}
        return 'account.NO_SUCH_ACCOUNT'  # the delete: someone else deleted it already
    writes = [requests.create_write(ACCOUNT, 'user%d@example.com' % n, {}) for n in range(3)]
    writes += [requests.create_write(ACCOUNT, 'taken@example.com', {}), requests.delete_write(ACCOUNT, 'gone@example.com', 'g1')]
    client = fake_client(answer)
    outcomes = requests.send_pages(client, ACCOUNT, writes, 2)
    assert [len(batch) for batch, onerror, repeatable in client.batches] == [2, 2, 1]
    # each page once, and parsed without the accounts' attributes: only their names and ids are kept
    assert all(onerror == 'continue' and not repeatable for batch, onerror, repeatable in client.batches)
    assert client.attributes == [False, False, False]
    assert outcomes[0] == ({'name': 'user0@example.com', 'id': 'id-user0@example.com'}, None)
    assert outcomes[3][1].code == 'account.ACCOUNT_EXISTS'
    assert outcomes[4] == (None, None)


def test_a_page_refused_whole_is_reported_not_sent_and_earlier_pages_done(fake_client):
    calls = []

    class Refusing(fake_client):
        def batch(self, requests_, onerror='continue', repeatable=False, attributes=True):
            calls.append(len(requests_))
            if len(calls) == 2:
                raise CarbonioTransportError('POST BatchRequest failed after 4 attempts: Connection refused')
            return fake_client.batch(self, requests_, onerror, repeatable)

    writes = deletes(4)
    done, failed = requests.labelled(writes, requests.send_pages(Refusing(Accounts()), ACCOUNT, writes, 2))
    # nothing is read back for a page that was never sent
    assert calls == [2, 2]
    assert done == ['user0@example.com', 'user1@example.com']
    assert [fault.code for label, fault in failed] == [requests.NOT_SENT, requests.NOT_SENT]
    assert 'Connection refused' in failed[0][1].message


def test_writes_of_other_types_in_one_page_are_read_back_each_as_its_own_type(fake_client):
    """A lost page mixing a list, a calendar resource and an account: each object read back with its own request."""
    from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST
    gone = {'GetDistributionListRequest': 'account.NO_SUCH_DISTRIBUTION_LIST', 'GetAccountRequest': 'account.NO_SUCH_ACCOUNT'}
    client = fake_client(lambda name, body: gone.get(name), lost={0})
    writes = [requests.delete_write(DLIST, 'team@example.com', 'l1'),
              requests.Write('room@example.com', 'DeleteCalendarResourceRequest', {'id': 'r1'}, lambda found: found is None,
                             object_type=ACCOUNT),
              requests.delete_write(ACCOUNT, 'jo@example.com', 'a1')]
    done, failed = requests.labelled(writes, requests.send_pages(client, DOMAIN, writes, 100))
    assert [name for name, body in client.batches[1][0]] == ['GetDistributionListRequest', 'GetAccountRequest', 'GetAccountRequest']
    assert done == ['team@example.com', 'room@example.com', 'jo@example.com'] and failed == []


def test_an_object_gone_counts_as_done_for_a_write_whose_change_holds_without_it(fake_client):
    """Deletes and moves off a class of service: gone is done; a plain modify of a gone object fails."""
    client = fake_client(lambda name, body: 'account.NO_SUCH_ACCOUNT')
    writes = [requests.delete_write(ACCOUNT, 'a@example.com', 'a'),
              requests.modify_write(ACCOUNT, 'b@example.com', 'b', {'zimbraCOSId': ['gold']}, gone_is_done=True),
              requests.modify_write(ACCOUNT, 'c@example.com', 'c', {'zimbraCOSId': ['gold']})]
    done, failed = requests.labelled(writes, requests.send_pages(client, ACCOUNT, writes))
    assert done == ['a@example.com', 'b@example.com']
    assert [(label, fault.code) for label, fault in failed] == [('c@example.com', 'account.NO_SUCH_ACCOUNT')]


def test_all_domains_their_references_and_the_global_configuration_in_one_read_batch(fake_client):
    def answer(name, body):
        if name == 'GetAllDomainsRequest':
            return {'domain': [{'name': 'd%d.example.com' % n, 'id': str(n), 'a': []} for n in range(300)]}
        if name == 'GetAllConfigRequest':
            return {'a': [{'n': 'zimbraDomainStatus', '_content': 'active'}]}
        return {'cos': [{'name': 'default', 'id': DEFAULT_COS}]}

    client = fake_client(answer)
    objects, references, config, rest = requests.read_all(client, DOMAIN)
    assert len(client.batches) == 1 and client.batches[0][2] is True  # reads are safe to repeat
    assert [name for name, body in client.batches[0][0]] == ['GetAllDomainsRequest', 'GetAllCosRequest', 'GetAllConfigRequest']
    assert client.batches[0][0][0][1] == {'applyConfig': 0}
    assert len(objects) == 300 and config == {'zimbraDomainStatus': ['active']} and rest == []
    assert references.to_name('cos', DEFAULT_COS) == 'default'


def test_a_missing_object_reads_as_none_and_other_faults_are_raised(fake_client):
    objects, references, rest = requests.read_objects(fake_client(
        lambda name, body: 'account.NO_SUCH_DOMAIN' if name == 'GetDomainRequest' else {}), DOMAIN, ['missing.example.com'])
    assert objects == [None]
    with pytest.raises(Exception, match='service.PERM_DENIED'):
        requests.read_objects(fake_client(lambda name, body: 'service.PERM_DENIED'), DOMAIN, ['x.example.com'])


def test_cos_requests_carry_names_and_ids_as_elements():
    assert requests.get_request(COS, 'gold') == ('GetCosRequest', {'cos': {'by': 'name', '_content': 'gold'}})
    assert requests._field(COS, 'gold') == {'_content': 'gold'}
    assert requests._field(DOMAIN, 'example.com') == 'example.com'


@pytest.mark.parametrize('value, escaped', [
    ('plain', 'plain'),
    ('*)(zimbraIsAdminAccount=TRUE', '\\2a\\29\\28zimbraIsAdminAccount=TRUE'),
    ('back\\slash', 'back\\5cslash'),
])
def test_filter_values_can_never_widen_a_search(value, escaped):
    assert requests.escape_filter(value) == escaped


def test_the_owners_of_virtual_hosts_are_one_search_of_domains_with_escaped_names():
    name, body = requests.virtual_host_owners_request(['mail.b.test', 'x*)(objectClass=*'])
    assert name == 'SearchDirectoryRequest'
    assert body['types'] == 'domains' and body['attrs'] == 'zimbraVirtualHostname'
    assert body['query'] == '(|(zimbraVirtualHostname=mail.b.test)(zimbraVirtualHostname=x\\2a\\29\\28objectClass=\\2a))'


def test_account_counts_read_by_cos_name(fake_client):
    client = fake_client(lambda name, body: {'cos': [{'id': DEFAULT_COS, 'name': 'default', '_content': '7'}]})
    item = client.batch([domain.count_accounts_request('example.com')])[0]
    assert client.batches[0][0][0] == ('CountAccountRequest', {'domain': {'by': 'name', '_content': 'example.com'}})
    assert domain.account_counts(item) == {'default': 7}


def entry(name, zimbra_id, **attrs):
    return {'name': name, 'id': zimbra_id, 'attrs': dict((k, v if isinstance(v, list) else [v]) for k, v in attrs.items())}


def test_domain_purge_order_gal_sync_and_foreign_aliases():
    from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST
    from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import purge_writes
    domain = entry('example.com', 'dom', zimbraGalAccountId=['gal'])
    contents = {
        'account': [entry('alice@example.com', 'alice'), entry('galsync@example.com', 'gal')],
        'dl': [entry('team@example.com', 'team')],
        'calresource': [entry('room@example.com', 'room')],
        'alias': [dict(entry('al@example.com', 'a1', zimbraAliasTargetId='alice'), target='alice@example.com', target_type='account'),
                  dict(entry('ext@example.com', 'a2', zimbraAliasTargetId='bob-elsewhere'), target='bob@other.com', target_type='account'),
                  dict(entry('list@example.com', 'a3', zimbraAliasTargetId='dl-elsewhere'), target='l@other.com', target_type='dl')],
    }
    planned = purge_writes(domain, contents)
    assert [(write.label, write.request) for write in planned] == [
        ('ext@example.com', 'RemoveAccountAliasRequest'),
        ('list@example.com', 'RemoveDistributionListAliasRequest'),
        ('team@example.com', 'DeleteDistributionListRequest'),
        ('room@example.com', 'DeleteCalendarResourceRequest'),
        ('alice@example.com', 'DeleteAccountRequest'),
        ('galsync@example.com', 'DeleteGalSyncAccountRequest'),
    ]
    assert planned[0].body == {'id': 'bob-elsewhere', 'alias': 'ext@example.com'}
    assert planned[-1].body == {'account': {'by': 'id', '_content': 'gal'}}
    # each read back as what it is (a removed alias as its target, a calendar resource as an account), by id
    assert [(write.object_type, write.key, write.by) for write in planned] == [
        (ACCOUNT, 'bob-elsewhere', 'id'), (DLIST, 'dl-elsewhere', 'id'), (DLIST, 'team', 'id'), (ACCOUNT, 'room', 'id'),
        (ACCOUNT, 'alice', 'id'), (ACCOUNT, 'gal', 'id')]
    # a removed alias is in place once its target no longer has it, or is gone
    assert planned[0].check(None) and planned[0].check(entry('bob@other.com', 'bob-elsewhere', zimbraMailAlias=['b2@other.com']))
    assert not planned[0].check(entry('bob@other.com', 'bob-elsewhere', zimbraMailAlias=['EXT@example.com']))
    assert all(write.check(None) for write in planned)


def test_cos_usage_of_every_cos_is_two_searches_in_one_batch(fake_client):
    from ansible_collections.carbonio.admin.plugins.module_utils._objects.cos import _users

    def answer(name, body):
        if body['types'] == 'domains':
            return {'domain': [{'name': 'a.example.com', 'id': 'd1', 'a': [{'n': 'zimbraDomainDefaultCOSId', '_content': 'gold'}]}]}
        return {'account': [{'name': 'u%d@a.example.com' % n, 'id': str(n), 'a': [{'n': 'zimbraCOSId', '_content': cos}]}
                            for n, cos in enumerate(['gold', 'gold', 'silver'])]}

    client = fake_client(answer)
    users = _users(client)
    assert len(client.batches) == 1 and len(client.batches[0][0]) == 2
    assert client.batches[0][0][0][1]['query'] == '(zimbraCOSId=*)' and client.batches[0][0][0][1]['applyCos'] == 0
    assert [len(users['gold'][0]), len(users['silver'][0])] == [2, 1]
    assert [d['name'] for d in users['gold'][1]] == ['a.example.com'] and users['silver'][1] == []
    _users(client, 'x*)(y')
    assert client.batches[1][0][0][1]['query'] == '(zimbraCOSId=x\\2a\\29\\28y)'


def test_an_accounts_sessions_are_found_among_all_the_servers_sessions():
    def answer(sessions):
        return BatchItem('0', 'GetSessionsRequest', {'s': sessions, 'total': len(sessions)}, None)
    items = [answer([{'name': 'Jo@example.com', 'sid': '11', 'cd': 1, 'ld': 2}, {'name': 'al@example.com', 'sid': '12'}]),
             answer([]), answer([{'name': 'jo@example.com', 'sid': '13', 'cd': 3, 'ld': 4}])]
    assert account_requests.sessions_of(items, 'jo@example.com') == [
        {'type': 'soap', 'id': '11', 'created': 1, 'last_access': 2}, {'type': 'admin', 'id': '13', 'created': 3, 'last_access': 4}]


def test_sessions_end_with_a_token_delegated_to_the_user_and_one_already_gone_counts_as_ended():
    sent = []

    class Client(object):
        def soap(self, name, body=None, namespace=None, repeatable=True):
            sent.append((name, body, 'admin'))
            return {'authToken': [{'_content': 'user-token'}], 'lifetime': 300000}

        def soap_as(self, token, name, body=None, namespace=None, repeatable=True):
            sent.append((name, body, token))
            if body['sessionId'] == 'gone':
                raise CarbonioFault('service.FAILURE', 'Failed to find session with given sessionId')

    write = account_requests.end_sessions_write('jo@example.com', 'a1', [{'id': '11'}, {'id': 'gone'}])
    assert requests.send(Client(), None, write) is True
    assert sent == [('DelegateAuthRequest', {'account': {'by': 'id', '_content': 'a1'}, 'duration': 300}, 'admin'),
                    ('EndSessionRequest', {'sessionId': '11'}, 'user-token'), ('EndSessionRequest', {'sessionId': 'gone'}, 'user-token')]


def test_the_holders_of_addresses_are_one_escaped_search():
    name, body = requests.holders_request(['a@x.test', 'b*)(uid=*@x.test'], 'accounts,distributionlists')
    assert name == 'SearchDirectoryRequest' and body['types'] == 'accounts,distributionlists' and body['attrs'] == 'mail,zimbraDomainName'
    assert body['query'] == '(|(mail=a@x.test)(mail=b\\2a\\29\\28uid=\\2a@x.test))'
    answer = {'account': [{'name': 'a@x.test', 'id': '1', 'a': [{'n': 'mail', '_content': 'a@x.test'}, {'n': 'mail', '_content': 'A2@x.test'}]}],
              'dl': [{'name': 'l@x.test', 'id': '2', 'a': [{'n': 'mail', '_content': 'l@x.test'}]}]}
    assert requests.holders(answer) == {'a@x.test': ('a@x.test', 'account', True, '1'), 'a2@x.test': ('a@x.test', 'account', False, '1'),
                                        'l@x.test': ('l@x.test', 'dl', True, '2')}


def test_a_domain_among_the_addresses_is_looked_up_by_its_name_in_the_same_search():
    name, body = requests.holders_request(['a@x.test', 'y.test'], 'accounts')
    assert body['types'] == 'accounts,domains' and body['query'] == '(|(mail=a@x.test)(zimbraDomainName=y.test))'
    answer = {'domain': [{'name': 'y.test', 'id': 'd1', 'a': [{'n': 'zimbraDomainName', '_content': 'y.test'}]}]}
    assert requests.holders(answer) == {'y.test': ('y.test', 'domain', True, 'd1')}
