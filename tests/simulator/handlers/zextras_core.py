"""The zextras channel's ZxCore module (api-features doc 6.3): the operation log.

Operations (backup restores and the like) will be recorded by the handlers that start them, in the state
store's `operation-log` section ({operation id: operation}); nothing writes it yet, so the log is empty.
"""

from . import zextras_action


@zextras_action('ZxCore', 'getOperationLog', writes=False)
def get_operation_log(sim, req):  # pylint: disable=unused-argument
    # single-node action: {"ok": true, "response": {"operationList": [...]}} (shape from the Admin Panel's parser)
    operations = sorted(sim.state.section('operation-log').values(), key=lambda op: op.get('startTime', 0))
    return {'ok': True, 'response': {'operationList': operations}}
