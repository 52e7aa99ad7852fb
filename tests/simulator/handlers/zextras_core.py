"""The zextras channel's ZxCore module (api-features doc 6.3): operations queued or running, and the operation log.

Operations (a restore onto a new account) are kept in the state store's `operations` section while queued or running
and move to `operation-log` when done. They advance when either list is read: started a third of the way through the
restore delay (control API `restore-delay`), done at its end, when the restore itself runs (../backup.py).
"""

from ..backup import DEFAULT_DELAY_MS, now_ms
from ..errors import ServiceFault
from . import zextras_action
from .accounts import split_address, write_account
from .servers import all_servers


def restore_delay_ms(sim):
    return int(sim.state.get('settings', 'restore-delay-ms', DEFAULT_DELAY_MS))


def _restore(sim, parameters):
    """The new account, with the source's settings at the date asked and its mailbox data."""
    record = sim.backup.find(parameters['srcAccountName'])
    attrs = sim.backup.settings_at(record, parameters.get('date'))
    address, local, domain_name = split_address(sim, parameters['dstAccountName'])
    write_account(sim, address, local, domain_name, dict(attrs), marker=record['marker'])


def advance(sim):
    """Move every operation whose time has come one step on."""
    now = now_ms()
    for operation_id, operation in sorted(sim.state.section('operations').items()):
        if now < operation['due']:
            if operation['state'] == 'Queued' and now >= operation['queuedTime'] + (operation['due'] - operation['queuedTime']) // 3:
                sim.state.put('operations', operation_id, dict(operation, state='Started', startTime=now))
            continue
        try:
            _restore(sim, operation['parameters'])
            ended = dict(type='Finished')
        except ServiceFault as fault:
            ended = dict(type='Exception', exception={'message': f'{fault.code}: {fault.message}'})
        sim.state.delete('operations', operation_id)
        sim.state.put('operation-log', operation_id, dict(operation, state='Done', startTime=operation['startTime'] or now,
                                                          endTime=now, **ended))


@zextras_action('ZxCore', 'getAllOperations', writes=False)
def get_all_operations(sim, req):  # pylint: disable=unused-argument
    # with targetServers: {"response": {"<server>": {"ok": true, "response": {"operationList": [...]}}}}
    advance(sim)
    running = sorted(sim.state.section('operations').values(), key=lambda op: op['queuedTime'])
    return {'response': {server: {'ok': True, 'response': {'operationList': [op for op in running if op['host'] == server]}}
                         for server in (entry.first('cn') for entry in all_servers(sim))}}


@zextras_action('ZxCore', 'getOperationLog', writes=False)
def get_operation_log(sim, req):  # pylint: disable=unused-argument
    # single-node action: {"ok": true, "response": {"operationList": [...]}} (shape from the Admin Panel's parser)
    advance(sim)
    operations = sorted(sim.state.section('operation-log').values(), key=lambda op: op.get('startTime') or 0)
    return {'ok': True, 'response': {'operationList': operations}}
