"""The REST extension's backup endpoints (api-features doc 6.1, 6.2): the accounts a backup can restore, and the
restore of one onto a new account, which queues an operation (../backup.py; ZxCore's lists show it).

Carbonio's backup is closed source; the request is the Admin Panel's, the answers what its parser takes:
{"accounts": [...], "maxPage": n}; {"operationId": id, "status": 200} or {"status": 500, "error": {"message": ...}}.
"""

import uuid

from ..backup import now_ms
from ..errors import ServiceFault
from . import rest_route
from .accounts import ensure_free, split_address
from .zextras_core import restore_delay_ms


def _matches(account, domains, text, legal_hold):
    name = account.get('name', '').lower()
    if domains and name.rpartition('@')[2] not in domains:
        return False
    if text and text not in name:
        return False
    return legal_hold is None or bool(account.get('legalHold')) == legal_hold


@rest_route('GET', 'backup/getBackupAccounts', writes=False)
def get_backup_accounts(sim, call):
    """?page=&pageSize=&domains=&filter=[&legalHold=] -> {"accounts": [...], "maxPage": n}.

    The paging rules of the real endpoint are not known (api-features doc 9); here page counts from 0.
    """
    domains = {d.strip().lower() for d in (call.arg('domains') or '').split(',') if d.strip()}
    text = (call.arg('filter') or '').strip().lower()
    legal_hold = call.arg('legalHold')
    legal_hold = None if legal_hold is None else legal_hold.lower() == 'true'
    found = sorted((a for a in sim.backup.listed() if _matches(a, domains, text, legal_hold)),
                   key=lambda a: (a.get('name', ''), a['creationTimestamp']))
    page, size = int(call.arg('page') or 0), int(call.arg('pageSize') or 0)
    if size > 0:
        max_page = (len(found) + size - 1) // size
        found = found[page * size:(page + 1) * size]
    else:
        max_page = 1 if found else 0
    return 200, {'accounts': found, 'maxPage': max_page}


def _refused(message):
    return 500, {'status': 500, 'error': {'message': message}}


@rest_route('POST', 'backup/doRestoreOnNewAccount', writes=True)
def restore_on_new_account(sim, call):
    """Queue the restore of a backed-up account (by id or name) onto a new address; the address must be free."""
    body = call.body if isinstance(call.body, dict) else {}
    record = sim.backup.find(body.get('srcAccountName'))
    if record is None:
        return _refused(f'account {body.get("srcAccountName")} not found in the backup')
    destination = str(body.get('dstAccountName') or '').strip().lower()
    if not destination:
        return _refused('dstAccountName is required: the address of the new account')
    try:
        split_address(sim, destination)
        ensure_free(sim, destination, 'account.ACCOUNT_EXISTS')
    except ServiceFault as fault:
        return _refused(f'{fault.code}: {fault.message}')
    date = body.get('date')
    if date is not None and (isinstance(date, bool) or not isinstance(date, int)):
        return _refused(f'invalid date: {date!r} (epoch milliseconds)')
    queued = now_ms()
    operation = {'id': str(uuid.uuid4()), 'name': 'RestoreOnNewAccount', 'module': 'ZxBackup', 'type': 'RestoreOnNewAccount',
                 'host': call.arg('targetServers') or record['serverName'], 'serverId': record['serverName'], 'state': 'Queued',
                 'queuedTime': queued, 'startTime': None, 'due': queued + restore_delay_ms(sim),
                 'parameters': {'srcAccountName': record['id'], 'srcAccountAddress': record['name'], 'dstAccountName': destination,
                                'date': date, 'obeyHSM': bool(body.get('obeyHSM')),
                                'restoreDatasources': bool(body.get('restoreDatasources', True)),
                                'requesterAddress': getattr(sim.caller, 'name', None),
                                'additionalNotificationAddresses': list(body.get('notificationMails') or [])}}
    sim.state.put('operations', operation['id'], operation)
    return 200, {'operationId': operation['id'], 'status': 200}
