"""What Carbonio's backup holds of accounts (api-features doc 6), and the restore of one onto a new account.

Every account that existed: its settings at each change and a data marker standing for its mailbox (`mailbox of
<address> <id>`, the restored account inherits it), kept when it is created, changed, renamed or deleted; a deleted
account stays listed, `deleted`, with its deletion time. Kept in the data directory as an append-only journal,
`backup.jsonl`, one line per event, replayed at start: appending costs the same for the 10,000th account as for the
first, where the state store rewrites its whole file at each change.

A restore is an operation: queued when the REST call asks for it, started, then done after the delay the control API
sets (`POST restore-delay {"ms": n}`, default 1500 ms), when the destination account is written with the source's
settings as they were at the date asked (the last ones without) and its data marker. Operations advance when the
operation lists are read; a finished one moves to the operation log (`Finished`, or `Exception` with the reason).
"""

import json
import os
import threading
import time

JOURNAL = 'backup.jsonl'
DEFAULT_DELAY_MS = 1500
# what the backup does not restore onto a new account: the identity and what Carbonio makes for each account
NOT_RESTORED = ('zimbraid', 'uid', 'mail', 'zimbramaildeliveryaddress', 'objectclass', 'zimbracreatetimestamp', 'zimbramailalias',
                'userpassword', 'zimbrapasswordmodifiedtime', 'cn', 'sn')


def now_ms():
    return int(time.time() * 1000)


class Backup:
    def __init__(self, data_dir):
        self.path = os.path.join(data_dir, JOURNAL)
        self._lock = threading.Lock()
        self.accounts = {}  # id -> {id, name, serverName, creationTimestamp, deletedTimestamp, marker, versions: [[ts, attrs]]}
        if os.path.exists(self.path):
            with open(self.path, encoding='utf-8') as handle:
                for line in handle:
                    self._apply(json.loads(line))

    def _apply(self, event):
        record = self.accounts.get(event['id'])
        if event['kind'] == 'created' or record is None:
            record = self.accounts[event['id']] = dict(id=event['id'], name=event['name'], serverName=event.get('server'),
                                                       creationTimestamp=event['ts'], deletedTimestamp=None,
                                                       marker=event.get('marker') or 'mailbox of %s %s' % (event['name'], event['id']),
                                                       versions=[])
        if event['kind'] == 'deleted':
            record['deletedTimestamp'] = event['ts']
        else:
            record['name'] = event['name']
            record['versions'].append([event['ts'], event['attrs']])

    def _record(self, event):
        with self._lock:
            self._apply(event)
            with open(self.path, 'a', encoding='utf-8') as handle:
                handle.write(json.dumps(event, sort_keys=True) + '\n')

    @staticmethod
    def _settings(entry):
        return {name: list(values) for name, values in entry.attrs.items() if name.lower() not in NOT_RESTORED}

    def created(self, entry, marker=None):
        self._record(dict(kind='created', id=entry.id, name=entry.first('mail'), server=entry.first('zimbraMailHost'), ts=now_ms(),
                          attrs=self._settings(entry), marker=marker))

    def changed(self, entry):
        self._record(dict(kind='changed', id=entry.id, name=entry.first('mail'), ts=now_ms(), attrs=self._settings(entry)))

    def deleted(self, entry):
        self._record(dict(kind='deleted', id=entry.id, name=entry.first('mail'), ts=now_ms()))

    def listed(self):
        """The accounts as getBackupAccounts answers them."""
        return [dict(id=record['id'], name=record['name'], status='deleted' if record['deletedTimestamp'] else 'active',
                     legalHold=False, serverName=record['serverName'], creationTimestamp=record['creationTimestamp'],
                     deletedTimestamp=record['deletedTimestamp']) for record in self.accounts.values()]

    def find(self, key):
        """The record of an account by id or by name (the latest of that name)."""
        key = str(key or '').strip().lower()
        if key in self.accounts:
            return self.accounts[key]
        named = [record for record in self.accounts.values() if record['name'].lower() == key]
        return max(named, key=lambda record: record['creationTimestamp']) if named else None

    @staticmethod
    def settings_at(record, date):
        """The settings of the account at `date` (epoch ms; None: its last ones); before its creation, its first."""
        versions = record['versions']
        if date is None:
            return versions[-1][1]
        held = [attrs for ts, attrs in versions if ts <= date]
        return held[-1] if held else versions[0][1]
