"""The simulator's backup journal: every account's settings at each change, deletions kept, replayed after a restart,
and the settings at a date (../../simulator/backup.py)."""

from __future__ import annotations

import json

from test_simulator_extension_channels import rest


def backup(sim):
    return sim.control('GET', 'backup')['accounts']


def test_versions_deletion_and_a_restart(tmp_path, start_simulator):
    first = start_simulator(tmp_path)
    first.soap('CreateDomainRequest', name='journal.sim.test')
    _status, body = first.soap('CreateAccountRequest', name='jo@journal.sim.test', a=[{'n': 'displayName', '_content': 'One'}])
    account_id = body['Body']['CreateAccountResponse']['account'][0]['id']
    first.soap('ModifyAccountRequest', id=account_id, a=[{'n': 'displayName', '_content': 'Two'}])
    first.soap('DeleteAccountRequest', id=account_id)
    record = backup(first)[account_id]
    assert [version[1]['displayName'] for version in record['versions']] == [['One'], ['Two']]
    assert record['deletedTimestamp'] and record['marker'] == f'mailbox of jo@journal.sim.test {account_id}'
    assert first.stop() == 0
    again = start_simulator(tmp_path)
    assert backup(again)[account_id] == record
    status, listed = rest(again, 'GET', 'backup/getBackupAccounts?domains=journal.sim.test')
    assert status == 200 and [(one['name'], one['status']) for one in listed['accounts']] == [('jo@journal.sim.test', 'deleted')]
    assert 'versions' not in listed['accounts'][0] and 'marker' not in listed['accounts'][0]
    again.stop()


def test_settings_at_a_date():
    from tests.simulator.backup import Backup
    record = {'versions': [[100, {'displayName': ['One']}], [200, {'displayName': ['Two']}]]}
    assert Backup.settings_at(record, None) == {'displayName': ['Two']}
    assert Backup.settings_at(record, 150) == {'displayName': ['One']}
    assert Backup.settings_at(record, 50) == {'displayName': ['One']}
    assert json.dumps(Backup.settings_at(record, 200)) == '{"displayName": ["Two"]}'
