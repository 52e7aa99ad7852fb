# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the accounts a backup holds and the restore of one onto a new account (Carbonio Backup:
the admin REST extension and ZxCore's operation lists; api-features doc 6), for carbonio_restore and
carbonio_restore_info.

The backup's accounts are read in pages (``backup/getBackupAccounts``). A restore is an operation: started with
``backup/doRestoreOnNewAccount`` as the Admin Panel starts it, then watched in ``ZxCore getAllOperations`` (queued,
started) and ``getOperationLog`` (finished, or an exception). A destination that already exists is refused unless the
operation log shows a finished restore of the same source onto it (the operation's parameters, inferred to echo the
request's): then nothing is started. A restore of the same source onto the same address still running is waited for,
never started twice.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import time

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._engine import Run
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError, CarbonioFault, zextras_failure
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import iso_from_epoch_ms

PAGE_SIZE = 500
POLL_SECONDS = 1.0
LAST = 'last'


def account_view(record):
    deleted = record.get('deletedTimestamp')
    return dict(id=record.get('id'), name=str(record.get('name') or '').lower(), status=record.get('status'),
                deleted=bool(deleted) or record.get('status') == 'deleted', created_at=iso_from_epoch_ms(record.get('creationTimestamp')),
                deleted_at=iso_from_epoch_ms(deleted), server=record.get('serverName'), legal_hold=bool(record.get('legalHold')),
                created_ms=record.get('creationTimestamp'))


def _pages(reply):
    """(accounts, max page) of one answer: plain, or one part per server."""
    if isinstance(reply, dict) and 'accounts' in reply:
        return reply.get('accounts') or [], reply.get('maxPage') or 0
    accounts, pages = [], 0
    for server, part in sorted((reply or {}).items()):
        failure = zextras_failure(part)
        if failure:
            raise CarbonioFault('rest.ERROR', '%s: %s' % (server, failure), request='GET backup/getBackupAccounts')
        found = (part or {}).get('response') or {}
        accounts += found.get('accounts') or []
        pages = max(pages, found.get('maxPage') or 0)
    return accounts, pages


def backup_accounts(client, domain=None, text=None):
    """Every account the backup holds (of a domain, whose name holds text), all pages read."""
    found, page = [], 0
    while True:
        query = dict(page=page, pageSize=PAGE_SIZE)
        if domain:
            query['domains'] = domain
        if text:
            query['filter'] = text
        accounts, pages = _pages(client.rest('GET', 'backup/getBackupAccounts', query=query))
        found += [account_view(record) for record in accounts]
        page += 1
        if page >= pages or not accounts:
            return found


def parse_at(value, now=None):
    """None for the last state, else epoch milliseconds of an ISO 8601 date-time (UTC without an offset)."""
    text = str(value or LAST).strip()
    if text.lower() == LAST:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text[:-1] + '+00:00' if text.endswith(('Z', 'z')) else text)
    except ValueError:
        raise ValueError('at: %r is not a date-time; expected ISO 8601 such as 2026-11-30T18:00:00Z (UTC when no offset '
                         'is given), or last' % value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    milliseconds = int(moment.timestamp() * 1000)
    if milliseconds > (now if now is not None else time.time() * 1000):
        raise ValueError('at: %s is in the future; the backup holds the past' % text)
    return milliseconds


def find_source(accounts, source):
    """The one backed-up account the source names (an address or an id); ValueError naming the field otherwise."""
    key = source.strip().lower()
    matching = [account for account in accounts if key in (str(account['id']).lower(), account['name'])]
    if not matching:
        raise ValueError('source: no account %s in the backup' % source)
    if len(matching) > 1:
        which = ', '.join('%s (%s)' % (one['id'], 'deleted %s' % one['deleted_at'] if one['deleted'] else 'active') for one in matching)
        raise ValueError('source: the backup holds %d accounts named %s: %s; give the id of the one to restore' % (len(matching), source, which))
    return matching[0]


def _parts(reply):
    """The operation list of an answer: single-node, or one part per server."""
    if isinstance(reply, dict) and 'operationList' in reply:
        return reply['operationList'] or []
    operations = []
    for _server, part in sorted((reply or {}).items()):
        if not zextras_failure(part):
            operations += ((part or {}).get('response') or {}).get('operationList') or []
    return operations


def operations(client):
    """(running, finished) operations: queued or started, and those the log holds."""
    running = _parts(client.zextras('ZxCore', 'getAllOperations', targetServers='all_servers'))
    finished = _parts(client.zextras('ZxCore', 'getOperationLog'))
    return running, finished


def same_restore(operation, source, destination):
    parameters = operation.get('parameters') or {}
    return (str(parameters.get('dstAccountName') or '').lower() == destination and
            str(parameters.get('srcAccountName') or '').lower() in (str(source['id']).lower(), source['name']))


def operation_view(operation, state):
    return dict(id=operation.get('id'), state=state, queued_at=iso_from_epoch_ms(operation.get('queuedTime')),
                started_at=iso_from_epoch_ms(operation.get('startTime')), ended_at=iso_from_epoch_ms(operation.get('endTime')),
                error=((operation.get('exception') or operation.get('error') or {}).get('message')) if state == 'failed' else None)


def state_of(operation_id, running, finished):
    """(state, operation) of one operation: queued, started, finished, failed, or (None, None) when not listed."""
    for operation in finished:
        if operation.get('id') == operation_id:
            return ('failed' if operation.get('type') == 'Exception' else 'finished'), operation
    for operation in running:
        if operation.get('id') == operation_id:
            return ('started' if operation.get('state') == 'Started' else 'queued'), operation
    return None, None


def restore_spec():
    return dict(
        source=dict(type='str', required=True),
        destination=dict(type='str', required=True),
        at=dict(type='str', default=LAST),
        apply_hsm=dict(type='bool', default=False),
        restore_data_sources=dict(type='bool', default=True),
        notify=dict(type='list', elements='str', default=[]),
        wait=dict(type='bool', default=True),
        wait_timeout=dict(type='int', default=1800),
    )


def _read_destination(client, destination):
    """(domain exists, the account at the destination or None), in one round trip."""
    domain = destination.rpartition('@')[2]
    objects, _references, items = requests.read_objects(client, DOMAIN, [domain], extra=[requests.get_request(ACCOUNT, destination)])
    return objects[0] is not None, requests.found(ACCOUNT, items[0])


def run_restore_module():
    module = create_module(restore_spec())
    params = module.params
    run = Run(module, None)
    run.result.pop('changed_attributes')
    try:
        destination = ACCOUNT.parse_name(params['destination'], 'destination').lower()
        source = params['source'].strip()
        at = parse_at(params['at'])
        notify = [ACCOUNT.parse_name(address, 'notify[%d]' % index) for index, address in enumerate(params['notify'])]
        if params['wait_timeout'] < 1:
            raise ValueError('wait_timeout: %d is not a number of seconds (1 or more)' % params['wait_timeout'])
    except ValueError as exc:
        run.fail(str(exc))
    run.client = create_client(module)
    where = 'restore of %s onto %s' % (source, destination)
    try:
        domain_exists, taken = _read_destination(run.client, destination)
        if not domain_exists:
            raise ValueError('destination: no domain %s exists' % destination.rpartition('@')[2])
        by_address = '@' in source
        found = find_source(backup_accounts(run.client, source.rpartition('@')[2] if by_address else None, source.lower() if by_address else None), source)
        running, finished = operations(run.client)
    except ValueError as exc:
        run.fail(str(exc))
    except CarbonioError as exc:
        fail_on_error(module, exc, **run.result)
    run.result['source'] = dict((key, value) for key, value in found.items() if key != 'created_ms')
    done = [one for one in finished if same_restore(one, found, destination) and one.get('type') != 'Exception']
    if taken is not None:
        if not done:
            run.fail('destination: %s exists; a restore makes a new account, so give a free address (no finished restore '
                     'of %s made this one)' % (destination, source))
        run.result['operation'] = operation_view(done[-1], 'finished')
        run.exit('%s: done already by operation %s; nothing started' % (where, done[-1].get('id')))
    if at is not None and found['created_ms'] and at < found['created_ms']:
        at = found['created_ms']  # as the Admin Panel does: nothing older than the account exists
    ongoing = [one for one in running if same_restore(one, found, destination)]
    if module._diff and not ongoing:
        # what a restore adds: the new account, made from the source at that date
        made = dict(restored_from=found['name'], source_id=found['id'], at=iso_from_epoch_ms(at) if at is not None else LAST)
        run.result['diff'] = dict(before={}, after={destination: made})
    if module.check_mode:
        run.result.update(changed=not ongoing)
        run.exit('%s: %s' % (where, 'running already; would wait for it' if ongoing else 'would be started'))
    if ongoing:
        operation_id = ongoing[0].get('id')
    else:
        operation_id = _start(run, found, destination, at, params, notify)
        run.result['changed'] = True
    run.result['operation_id'] = operation_id
    if not params['wait']:
        run.result['operation'] = dict(id=operation_id, state='queued')
        run.exit('%s: started as operation %s' % (where, operation_id))
    _wait(run, where, operation_id, params['wait_timeout'])


def _start(run, found, destination, at, params, notify):
    body = dict(srcAccountName=found['id'], dstAccountName=destination, obeyHSM=params['apply_hsm'],
                restoreDatasources=params['restore_data_sources'])
    if at is not None:
        body['date'] = at
    if notify:
        body['notificationMails'] = notify

    def settled():
        running, finished = operations(run.client)
        ours = [one for one in running + finished if same_restore(one, found, destination)]
        return dict(operationId=ours[-1].get('id')) if ours else None
    try:
        reply = run.client.once('POST backup/doRestoreOnNewAccount', lambda: run.client.rest(
            'POST', 'backup/doRestoreOnNewAccount', body=body, query=dict(targetServers=found['server'] or 'all_servers'),
            repeatable=False), settled)
    except CarbonioError as exc:
        fail_on_error(run.module, exc, **run.result)
    operation_id = (reply or {}).get('operationId') or ((reply or {}).get('response') or {}).get('operationId')
    if not operation_id:
        run.fail('Carbonio did not start the restore: its answer names no operation (%s)' % (reply,))
    return operation_id


def _wait(run, where, operation_id, timeout):
    """Until the operation log says the restore ended, or the timeout: the states seen on the way are the progress."""
    deadline = time.time() + timeout
    progress = []
    while True:
        try:
            state, operation = state_of(operation_id, *operations(run.client))
        except CarbonioError as exc:
            fail_on_error(run.module, exc, **run.result)
        if state and (not progress or progress[-1] != state):
            progress.append(state)
        run.result.update(progress=progress, operation=operation_view(operation, state) if operation else dict(id=operation_id, state=state))
        if state == 'finished':
            run.exit('%s: finished (operation %s)' % (where, operation_id))
        if state == 'failed':
            run.fail('%s: operation %s failed: %s' % (where, operation_id, run.result['operation']['error']))
        if time.time() >= deadline:
            run.fail('%s: operation %s is still %s after %d s; it goes on in Carbonio: run the task again to wait for it'
                     % (where, operation_id, state or 'not listed', timeout))
        time.sleep(POLL_SECONDS)


def run_restore_info_module():
    module = create_module(dict(domain=dict(type='str'), filter=dict(type='str'), deleted_only=dict(type='bool', default=False)))
    client = create_client(module)
    try:
        domain = DOMAIN.parse_name(module.params['domain'], 'domain') if module.params['domain'] else None
        accounts = backup_accounts(client, domain, (module.params['filter'] or '').strip().lower() or None)
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    except CarbonioError as exc:
        fail_on_error(module, exc)
    if module.params['deleted_only']:
        accounts = [account for account in accounts if account['deleted']]
    for account in accounts:
        account.pop('created_ms')
    accounts.sort(key=lambda one: (one['name'], one['created_at'] or ''))
    deleted = len([account for account in accounts if account['deleted']])
    module.exit_json(changed=False, accounts=accounts, msg='%d account%s in the backup of %s, %d deleted' % (
        len(accounts), '' if len(accounts) == 1 else 's', domain or 'every domain', deleted))
