"""How the simulator reaches its slapd, made fast for bulk runs without changing an answer: what a request
remembers of domains and classes of service (forgotten on a write and between requests), searches that ask
slapd for the requested attributes only, and the indexes of a data dir written under other index lines rebuilt
at start."""

from __future__ import annotations

import os
import subprocess
import sys

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


def ldapmodify(sim, ldif):
    password_file = os.path.join(os.path.dirname(sim.ready['ca_path']), 'slapd-rootpw')
    subprocess.run(['ldapmodify', '-x', '-H', sim.ready['ldap_url'], '-D', 'uid=zimbra,cn=admins,cn=zimbra', '-y', password_file],
                   input=ldif, text=True, check=True, stdout=subprocess.DEVNULL)


def test_a_write_behind_the_simulators_back_is_seen_by_the_next_request(sim):
    ok(sim.soap('CreateDomainRequest', name='behind.sim.test'))
    ok(sim.soap('CreateAccountRequest', name='first@behind.sim.test'))
    ldapmodify(sim, 'dn: dc=behind,dc=sim,dc=test\nchangetype: modify\nreplace: zimbraDomainStatus\nzimbraDomainStatus: suspended\n')
    assert fault(sim.soap('CreateAccountRequest', name='second@behind.sim.test'))[0] == 'service.PERM_DENIED'


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
