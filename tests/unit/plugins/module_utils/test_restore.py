# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Restore: the date asked, the source found in the backup, the answers' forms and an operation's state."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _restore as restore

NOW = 1790000000000


def test_at_last_or_a_date_in_utc_unless_an_offset_is_given():
    assert restore.parse_at('last') is None and restore.parse_at(None) is None
    assert restore.parse_at('2026-01-01T00:00:00Z', NOW) == 1767225600000
    assert restore.parse_at('2026-01-01 00:00:00', NOW) == 1767225600000
    assert restore.parse_at('2026-01-01T01:00:00+01:00', NOW) == 1767225600000
    with pytest.raises(ValueError, match="^at: 'yesterday' is not a date-time"):
        restore.parse_at('yesterday', NOW)
    with pytest.raises(ValueError, match='^at: 2027-01-01T00:00:00Z is in the future'):
        restore.parse_at('2027-01-01T00:00:00Z', NOW)


RECORDS = [restore.account_view(dict(id='id-1', name='Jo@example.com', status='deleted', creationTimestamp=1, deletedTimestamp=1767225600000,
                                     serverName='mbox1')),
           restore.account_view(dict(id='id-2', name='jo@example.com', status='active', creationTimestamp=2)),
           restore.account_view(dict(id='id-3', name='al@example.com', status='active', creationTimestamp=3))]


def test_a_record_in_the_collection_words():
    assert RECORDS[0] == dict(id='id-1', name='jo@example.com', status='deleted', deleted=True, created_at='1970-01-01T00:00:00Z',
                              deleted_at='2026-01-01T00:00:00Z', server='mbox1', legal_hold=False, created_ms=1)


def test_the_source_by_address_or_id_and_an_ambiguous_name_refused():
    assert restore.find_source(RECORDS, 'AL@example.com')['id'] == 'id-3'
    assert restore.find_source(RECORDS, 'id-1')['name'] == 'jo@example.com'
    with pytest.raises(ValueError, match=r'^source: the backup holds 2 accounts named jo@example.com: id-1 \(deleted 2026-01-01T00:00:00Z\), '
                                         r'id-2 \(active\); give the id'):
        restore.find_source(RECORDS, 'jo@example.com')
    with pytest.raises(ValueError, match='^source: no account bo@example.com in the backup'):
        restore.find_source(RECORDS, 'bo@example.com')


class Client(object):
    def __init__(self, pages):
        self.pages, self.queries = pages, []

    def rest(self, method, path, query=None, **kwargs):
        self.queries.append(query)
        return self.pages[query['page']]


def test_every_page_read_in_either_answer_form():
    plain = Client([{'accounts': [{'id': 'a', 'name': 'a@x'}], 'maxPage': 2}, {'accounts': [{'id': 'b', 'name': 'b@x'}], 'maxPage': 2}])
    assert [one['id'] for one in restore.backup_accounts(plain, 'x', 'a')] == ['a', 'b']
    assert plain.queries[1] == dict(page=1, pageSize=restore.PAGE_SIZE, domains='x', filter='a')
    per_server = Client([{'mbox1': {'response': {'accounts': [{'id': 'c', 'name': 'c@x'}], 'maxPage': 1}}}])
    assert [one['id'] for one in restore.backup_accounts(per_server)] == ['c']
    failed = Client([{'all_server': {'error': {'message': 'backup not running'}}}])
    with pytest.raises(restore.CarbonioFault, match='all_server: backup not running'):
        restore.backup_accounts(failed)


def test_an_operation_state_and_the_same_restore():
    source = RECORDS[0]
    mine = dict(id='op-1', state='Started', parameters=dict(srcAccountName='id-1', dstAccountName='jo.back@example.com'))
    assert restore.same_restore(mine, source, 'jo.back@example.com')
    assert not restore.same_restore(mine, source, 'jo.other@example.com')
    assert restore.state_of('op-1', [mine], []) == ('started', mine)
    assert restore.state_of('op-1', [dict(mine, state='Queued')], [])[0] == 'queued'
    assert restore.state_of('op-1', [], [dict(mine, type='Exception', exception={'message': 'x'})])[0] == 'failed'
    assert restore.state_of('op-1', [], [dict(mine, type='Finished')])[0] == 'finished'
    assert restore.state_of('op-2', [mine], []) == (None, None)
    assert restore.operation_view(dict(mine, exception={'message': 'disk full'}), 'failed')['error'] == 'disk full'
