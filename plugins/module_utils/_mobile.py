# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: ActiveSync devices (Carbonio Mobile, ZxMobile on the zextras channel; api-features doc 5),
for carbonio_mobile_device and carbonio_mobile_device_info.

Devices are read with ``getAllDevices`` for every server (one part per server in the answer), filtered by domain on
the server and by account here. A device action is sent only when the device's state says it is needed: a wipe already
requested, a suspended device or a device already gone is left alone; a reset is an action and always sent. A device's
``status`` takes the codes of Zimbra's mobile sync and its ABQ status the record's ``abqStatus`` (both inferred:
Carbonio Mobile is closed source and the Admin Panel reads neither), and the ABQ action is named from the CLI's
``mobile ABQ set``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._engine import Run
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError, zextras_failure
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import iso_from_epoch_ms

MODULE = 'ZxMobile'
STATUSES = ('needs_provisioning', 'active', 'suspended', 'wipe_requested', 'wiped')
WIPING = ('wipe_requested', 'wiped')
ABQ = ('allowed', 'blocked', 'quarantined')
STATES = ('wiped', 'reset', 'suspended', 'resumed', 'removed')


def device_view(record, server):
    """A device record (camelCase, times in epoch ms) in the collection's words."""
    code = record.get('status')
    abq = record.get('abqStatus')
    return dict(account=str(record.get('accountEmail') or record.get('accountName') or '').lower(), device_id=record.get('deviceId'),
                device_type=record.get('deviceType'), user_agent=record.get('userAgent'), protocol=record.get('protocolVersion'),
                first_seen=iso_from_epoch_ms(record.get('firstSeen')), last_seen=iso_from_epoch_ms(record.get('lastSeen')),
                status=STATUSES[code] if isinstance(code, int) and 0 <= code < len(STATUSES) else code, status_code=code,
                abq_status=abq.lower() if isinstance(abq, str) else abq, online=record.get('isOnline'),
                last_command=record.get('lastCommandReceived'), server=record.get('accountServer') or server)


def read_devices(client, domains=None):
    """(devices, problems): every device of the domains named (all without), and the servers that did not answer."""
    params = dict(targetServers='all_servers')
    if domains:
        params['domainList'] = ','.join(domains)
    reply = client.zextras(MODULE, 'getAllDevices', **params)
    # per server {"<server>": {ok, response: {devices}}}; older builds answer one {"devices": [...]}
    parts = {None: dict(ok=True, response=reply)} if isinstance(reply, dict) and 'devices' in reply else (reply or {})
    devices, problems = [], []
    for server in sorted(parts, key=str):
        part = parts[server]
        failure = zextras_failure(part) if isinstance(part, dict) else 'unexpected answer'
        if failure:
            problems.append('%s: %s' % (server, failure))
            continue
        for record in (part.get('response') or {}).get('devices') or []:
            devices.append(device_view(record, server))
    devices.sort(key=lambda one: (one['account'], str(one['device_id'])))
    return devices, problems


def parse_account(value):
    return ACCOUNT.parse_name(value, 'account').lower()


def plan(device, state, abq_status):
    """[(label, action, fields, expected)]: the writes that bring the device where the task says, in order; expected(view)
    tells from a device read again (None: gone) that a write landed. Raises ValueError naming the option."""
    steps = []
    if abq_status and device['abq_status'] != abq_status:
        steps.append(('ABQ status %s' % abq_status, 'abqSet', dict(account=device['account'], status=abq_status.capitalize()),
                      lambda seen: seen is not None and seen['abq_status'] == abq_status))
    status = device['status']
    if state == 'wiped' and status not in WIPING:
        steps.append(('wipe requested', 'doWipeDevice', dict(confirm=True), lambda seen: seen is None or seen['status'] in WIPING))
    elif state == 'reset':
        steps.append(('reset', 'doResetDevice', {}, lambda seen: seen is not None and seen['status'] == 'needs_provisioning'))
    elif state == 'suspended' and status != 'suspended':
        if status in WIPING:
            raise ValueError('state: device %s of %s is being wiped (%s); it cannot be suspended' % (device['device_id'], device['account'], status))
        steps.append(('suspended', 'doSuspendDeviceSync', {}, lambda seen: seen is not None and seen['status'] == 'suspended'))
    elif state == 'resumed' and status == 'suspended':
        steps.append(('resumed', 'doResumeDeviceSync', {}, lambda seen: seen is not None and seen['status'] != 'suspended'))
    elif state == 'removed':
        steps.append(('removed', 'doRemoveDevice', {}, lambda seen: seen is None))
    return steps


def predicted(device, steps):
    """The device as the steps leave it."""
    after = dict(device)
    for label, action, fields, _expected in steps:
        if action == 'abqSet':
            after['abq_status'] = fields['status'].lower()
        elif action == 'doRemoveDevice':
            return None
        else:
            after['status'] = {'doWipeDevice': 'wipe_requested', 'doResetDevice': 'needs_provisioning',
                               'doSuspendDeviceSync': 'suspended', 'doResumeDeviceSync': 'active'}[action]
            after['status_code'] = STATUSES.index(after['status'])
    return after


def _find(devices, account, device_id):
    for device in devices:
        if device['account'] == account and str(device['device_id']) == device_id:
            return device
    return None


def _state_view(device):
    return dict(status=device['status'], abq_status=device['abq_status']) if device else {}


def run_mobile_device_module():
    module = create_module(dict(
        account=dict(type='str', required=True),
        device_id=dict(type='str', required=True),
        state=dict(type='str', choices=list(STATES)),
        abq_status=dict(type='str', choices=list(ABQ)),
        confirm=dict(type='bool', default=False),
    ), required_one_of=[['state', 'abq_status']])
    params = module.params
    run = Run(module, None)
    run.result.pop('changed_attributes')
    try:
        account = parse_account(params['account'])
        device_id = params['device_id'].strip()
        if params['state'] == 'wiped' and not params['confirm']:
            raise ValueError('confirm: a remote wipe erases the phone the next time it connects; set confirm: true to request it')
        if params['state'] == 'removed' and params['abq_status']:
            raise ValueError('abq_status: a device being removed keeps no ABQ status; leave it out with state: removed')
    except ValueError as exc:
        run.fail(str(exc))
    run.client = create_client(module)
    domain = account.rpartition('@')[2]

    def read():
        devices, problems = read_devices(run.client, [domain])
        return _find(devices, account, device_id), problems
    try:
        device, problems = read()
    except CarbonioError as exc:
        fail_on_error(module, exc, **run.result)
    if device is None and params['state'] != 'removed':
        said = '; servers that did not answer: %s' % ', '.join(problems) if problems else ''
        run.fail('device_id: %s has no device %s%s' % (account, device_id, said))
    where = 'device %s of %s' % (device_id, account)
    try:
        steps = plan(device, params['state'], params['abq_status']) if device else []
    except ValueError as exc:
        run.fail(str(exc))
    after = predicted(device, steps) if device else None
    run.result.update(changed=bool(steps), actions=[step[0] for step in steps], device=after)
    if module._diff:
        run.result['diff'] = dict(before=_state_view(device), after=_state_view(after), before_header=where, after_header=where)
    done = []
    for label, action, fields, expected in [] if module.check_mode else steps:
        body = dict(fields, deviceId=device_id)
        if action != 'abqSet':
            body['accountName'] = account
        try:
            run.client.once('%s %s' % (MODULE, action), lambda: run.client.zextras(MODULE, action, repeatable=False, **body),
                            lambda: expected(read()[0]))
        except CarbonioError as exc:
            run.result.update(changed=bool(done), actions=done)
            run.fail('%s: %s not done: %s%s' % (where, label, exc, '; done before it: %s' % ', '.join(done) if done else ''))
        done.append(label)
    verb = 'would be ' if module.check_mode else ''
    run.exit('%s: %s' % (where, ', '.join(verb + label for label in run.result['actions']) if steps else 'unchanged'))


def run_mobile_device_info_module():
    module = create_module(dict(domain=dict(type='str'), account=dict(type='str')), mutually_exclusive=[['domain', 'account']])
    client = create_client(module)
    try:
        account = parse_account(module.params['account']) if module.params['account'] else None
        domain = DOMAIN.parse_name(module.params['domain'], 'domain') if module.params['domain'] else None
        scope = [domain or account.rpartition('@')[2]] if (domain or account) else None
        devices, problems = read_devices(client, scope)
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    except CarbonioError as exc:
        fail_on_error(module, exc)
    if account:
        devices = [device for device in devices if device['account'] == account]
    for problem in problems:
        module.warn('devices of a server that did not answer are missing: %s' % problem)
    where = account or domain or 'every domain'
    module.exit_json(changed=False, devices=devices, unanswered_servers=problems,
                     msg='%d device%s of %s' % (len(devices), '' if len(devices) == 1 else 's', where))
