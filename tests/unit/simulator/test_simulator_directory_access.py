"""How the simulator reaches its slapd, made fast for bulk runs without changing an answer: what a request
remembers of domains and classes of service (forgotten on a write and between requests), searches that ask
slapd for the requested attributes only, and the indexes of a data dir written under other index lines rebuilt
at start."""

from __future__ import annotations

import os
import sys

from behind_its_back import ldapmodify
from soap_answers import attrs_of, fault, ok

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


def test_a_batch_sees_its_own_writes_to_domains_and_classes_of_service(sim):
    cos = ok(sim.soap('CreateCosRequest', name={'_content': 'memo-strict'}))['CreateCosResponse']['cos'][0]['id']
    body = ok(sim.soap('BatchRequest', onerror='continue', **{
        'CreateDomainRequest': [{'_jsns': 'urn:zimbraAdmin', 'name': 'memo.sim.test'}],
        'ModifyCosRequest': [{'_jsns': 'urn:zimbraAdmin', 'id': {'_content': cos},
                              'a': [{'n': 'zimbraPasswordMinLength', '_content': '20'}]}],
        'CreateAccountRequest': [
            {'_jsns': 'urn:zimbraAdmin', 'name': 'short@memo.sim.test', 'password': 'Short-Passw0rd',
             'a': [{'n': 'zimbraCOSId', '_content': cos}]},
            {'_jsns': 'urn:zimbraAdmin', 'name': 'plain@memo.sim.test', 'password': 'Short-Passw0rd'}]}))['BatchResponse']
    assert [item['Detail']['Error']['Code'] for item in body.get('Fault', [])] == ['account.INVALID_PASSWORD']
    assert [answer['account'][0]['name'] for answer in body['CreateAccountResponse']] == ['plain@memo.sim.test']


def test_a_write_behind_the_simulators_back_is_seen_by_the_next_request(sim):
    ok(sim.soap('CreateDomainRequest', name='behind.sim.test'))
    ok(sim.soap('CreateAccountRequest', name='first@behind.sim.test'))
    ldapmodify(sim, 'dn: dc=behind,dc=sim,dc=test\nchangetype: modify\nreplace: zimbraDomainStatus\nzimbraDomainStatus: suspended\n')
    assert fault(sim.soap('CreateAccountRequest', name='second@behind.sim.test'))[0] == 'service.PERM_DENIED'


def test_a_new_account_is_answered_as_reading_it_back_would(sim):
    """CreateAccount answers from what it wrote instead of reading the entry again: the same as GetAccount gives."""
    ok(sim.soap('CreateDomainRequest', name='answer.sim.test'))
    body = ok(sim.soap('CreateAccountRequest', name='Fresh@answer.sim.test', password='Fresh-Passw0rd-1',
                       a=[{'n': 'displayName', '_content': 'Fresh Üser'}, {'n': 'zimbraMailQuota', '_content': '1024'},
                          {'n': 'zimbraPrefMailForwardingAddress', '_content': 'a@elsewhere.test'}]))
    created = body['CreateAccountResponse']['account'][0]
    body = ok(sim.soap('GetAccountRequest', account={'by': 'id', '_content': created['id']}))
    read = body['GetAccountResponse']['account'][0]
    assert (created['name'], attrs_of(created)) == (read['name'], attrs_of(read))
    assert attrs_of(created)['displayName'] == ['Fresh Üser']
    assert attrs_of(created)['userPassword'] == ['VALUE-BLOCKED']


def test_an_address_is_taken_by_what_carries_it_or_sits_where_it_would_go(sim):
    """One search finds the owner of an address: an account, alias or list carrying it (case aside), or an entry at
    the DN the new one would take; the same local part in another domain takes nothing."""
    for name in ('taken.sim.test', 'other.sim.test'):
        ok(sim.soap('CreateDomainRequest', name=name))
    owner = ok(sim.soap('CreateAccountRequest', name='owner@taken.sim.test'))['CreateAccountResponse']['account'][0]['id']
    ok(sim.soap('AddAccountAliasRequest', id=owner, alias='Nick@taken.sim.test'))
    ok(sim.soap('CreateDistributionListRequest', name='team@taken.sim.test'))
    ldapmodify(sim, 'dn: uid=ghost,ou=people,dc=taken,dc=sim,dc=test\nchangetype: add\nobjectClass: zimbraAlias\n'
                    'uid: ghost\nzimbraId: 6b0c3f52-1a8e-4d1c-9a62-7f0e1d2c3b4a\nzimbraAliasTargetId: 6b0c3f52-0000-4d1c-9a62-7f0e1d2c3b4a\n')
    for address in ('OWNER@taken.sim.test', 'nick@taken.sim.test', 'team@taken.sim.test', 'ghost@taken.sim.test'):
        assert fault(sim.soap('CreateAccountRequest', name=address)) == (
            'account.ACCOUNT_EXISTS', f'email address already exists: {address.lower()}'), address
    for address in ('owner@other.sim.test', 'nick@other.sim.test', 'ghost@other.sim.test'):
        assert ok(sim.soap('CreateAccountRequest', name=address))['CreateAccountResponse']['account'][0]['name'] == address


def test_an_operational_attribute_is_not_returned_by_a_search(sim):
    """SearchDirectory asks slapd for the requested attributes only, but never for more than '*' gave."""
    ok(sim.soap('CreateDomainRequest', name='oper.sim.test'))
    ok(sim.soap('CreateAccountRequest', name='someone@oper.sim.test', a=[{'n': 'displayName', '_content': 'Some One'}]))
    body = ok(sim.soap('SearchDirectoryRequest', domain='oper.sim.test', applyCos=0,
                       attrs='createTimestamp,entryUUID,displayName,zimbraMailHost,+'))
    assert attrs_of(body['SearchDirectoryResponse']['account'][0]) == {'displayName': ['Some One'], 'zimbraMailHost': ['mail.carbonio.test']}


def test_a_data_dir_written_under_other_indexes_is_reindexed_at_start(tmp_path, start_simulator):
    first = start_simulator(tmp_path)
    ok(first.soap('CreateDomainRequest', name='reindex.sim.test'))
    ok(first.soap('CreateAccountRequest', name='kept@reindex.sim.test'))
    assert first.stop() == 0
    conf = tmp_path / 'slapd.conf'
    conf.write_text(''.join(line for line in conf.read_text().splitlines(True) if 'zimbraMailDeliveryAddress' not in line))
    second = start_simulator(tmp_path)
    assert not (tmp_path / 'slapd.reindex').exists()
    body = ok(second.soap('GetAccountRequest', account={'by': 'name', '_content': 'kept@reindex.sim.test'}))
    assert body['GetAccountResponse']['account'][0]['name'] == 'kept@reindex.sim.test'
    assert 'index zimbraMailDeliveryAddress eq' in conf.read_text()
    assert second.stop() == 0
