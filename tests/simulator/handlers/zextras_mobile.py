"""The zextras channel's ZxMobile module (api-features doc 5): ActiveSync devices per account.

Carbonio Mobile is closed source. The actions, fields and the per-server envelope are the Admin Panel's (what it sends,
what its parser and test mocks take): getAllDevices and getDeviceStatistics answer
{"response": {"<server>": {"ok": true, "response": ...}}}; the device actions answer {"ok": true} or
{"ok": false, "error": {"message": ...}}. Not in the Panel, from the CLI: doResumeDeviceSync, and a device's ABQ status
(`carbonio mobile ABQ set <device_id> Allowed|Blocked|Quarantined account <name>`), here action `abqSet` and the
record's `abqStatus` (names inferred from the CLI's).
A device's `status` takes the codes of Zimbra's mobile sync (inference): 0 needs provisioning, 1 active, 2 suspended,
3 remote wipe requested, 4 remote wipe done.

State: the state store's `mobile-devices` section, {account id: {device id: record}}. Devices appear as phones would
sync them: the control API's `POST mobile-devices` ({account, deviceId, deviceType, userAgent, protocolVersion}).
"""

import time

from ..directory import eq_filter
from . import zextras_action
from .servers import all_servers

NEEDS_PROVISIONING, ACTIVE, SUSPENDED, WIPE_REQUESTED, WIPED = 0, 1, 2, 3, 4
ABQ = ('Allowed', 'Blocked', 'Quarantined')


class Refused(ValueError):
    """What ZxMobile answers with {"ok": false, "error": {"message": ...}}."""


def _account(sim, name):
    name = str(name or '').strip().lower()
    entry = sim.directory.find_one(f'(&(objectClass=zimbraAccount)(|{eq_filter("mail", name)}{eq_filter("zimbraId", name)}))') if name else None
    if entry is None:
        raise Refused(f'no such account: {name}')
    return entry


def register_device(sim, payload):
    """A device that synchronised with the account (control API): its record as Carbonio Mobile keeps it."""
    account = _account(sim, payload['account'])
    now = int(payload.get('lastSeen') or time.time() * 1000)
    devices = dict(sim.state.get('mobile-devices', account.id, {}))
    address = account.first('mail')
    devices[str(payload['deviceId'])] = {
        'accountEmail': address, 'accountName': address, 'accountServer': account.first('zimbraMailHost'),
        'deviceId': str(payload['deviceId']), 'deviceType': str(payload.get('deviceType', 'iPhone')),
        'userAgent': str(payload.get('userAgent', 'Apple-iPhone/2001.1')), 'protocolVersion': str(payload.get('protocolVersion', '16.1')),
        'firstSeen': int(payload.get('firstSeen') or now), 'lastSeen': now, 'lastCommandReceived': 'Sync',
        'lastPingTimeoutSecs': 540, 'hasMobilePassword': False, 'isOnline': True, 'provisionable': True,
        'status': int(payload.get('status', ACTIVE)), 'abqStatus': str(payload.get('abqStatus', 'Allowed'))}
    sim.state.put('mobile-devices', account.id, devices)
    return devices[str(payload['deviceId'])]


def _answer(run):
    try:
        return run()
    except Refused as exc:
        return {'ok': False, 'error': {'message': str(exc)}}


def _envelope(sim, response_of):
    """The per-server answer of an action sent with targetServers: every mail server, each with its own part."""
    servers = [entry.first('cn') for entry in all_servers(sim)]
    return {'response': {server: {'ok': True, 'response': response_of(server)} for server in servers}}


def _all(sim):
    for account_id, devices in sorted(sim.state.section('mobile-devices').items()):
        for device_id, record in sorted(devices.items()):
            yield account_id, device_id, record


@zextras_action('ZxMobile', 'getAllDevices', writes=False)
def get_all_devices(sim, req):
    domains = {d.strip().lower() for d in str(req.attrs.get('domainList') or '').split(',') if d.strip()}
    found = [record for _account_id, _device_id, record in _all(sim)
             if not domains or record['accountEmail'].rpartition('@')[2] in domains]
    return _envelope(sim, lambda server: {'devices': [record for record in found if record['accountServer'] == server]})


def _device(sim, req, account_field='accountName'):
    account = _account(sim, req.attrs.get(account_field))
    devices = dict(sim.state.get('mobile-devices', account.id, {}))
    device_id = str(req.attrs.get('deviceId') or '')
    if device_id not in devices:
        raise Refused(f'device {device_id} not found for account {account.first("mail")}')
    return account, devices, device_id


def _set(sim, account, devices, device_id, **changes):
    devices[device_id] = dict(devices[device_id], **changes)
    sim.state.put('mobile-devices', account.id, devices)
    return {'ok': True}


@zextras_action('ZxMobile', 'getDeviceStatistics', writes=False)
def get_device_statistics(sim, req):
    def run():
        _account_entry, devices, device_id = _device(sim, req)
        record = dict(devices[device_id], numContacts=12, numEmails=340, numEvents=25, numTasks=3, numBadItems=0)
        return _envelope(sim, lambda server: record)
    return _answer(run)


@zextras_action('ZxMobile', 'doWipeDevice', writes=True)
def wipe_device(sim, req):
    def run():
        if str(req.attrs.get('confirm')).lower() != 'true':
            raise Refused('a remote wipe needs confirm: true')
        account, devices, device_id = _device(sim, req)
        return _set(sim, account, devices, device_id, status=WIPE_REQUESTED)
    return _answer(run)


@zextras_action('ZxMobile', 'doResetDevice', writes=True)
def reset_device(sim, req):
    def run():
        account, devices, device_id = _device(sim, req)
        # the device must provision and synchronise again from scratch
        return _set(sim, account, devices, device_id, status=NEEDS_PROVISIONING, isOnline=False)
    return _answer(run)


@zextras_action('ZxMobile', 'doSuspendDeviceSync', writes=True)
def suspend_device(sim, req):
    def run():
        account, devices, device_id = _device(sim, req)
        if devices[device_id]['status'] in (WIPE_REQUESTED, WIPED):
            raise Refused(f'device {device_id} is being wiped')
        return _set(sim, account, devices, device_id, status=SUSPENDED)
    return _answer(run)


@zextras_action('ZxMobile', 'doResumeDeviceSync', writes=True)
def resume_device(sim, req):
    def run():
        account = _account(sim, req.attrs.get('accountName'))
        devices = dict(sim.state.get('mobile-devices', account.id, {}))
        wanted = str(req.attrs.get('deviceId') or '')
        if wanted and wanted not in devices:
            raise Refused(f'device {wanted} not found for account {account.first("mail")}')
        for device_id in [wanted] if wanted else list(devices):
            if devices[device_id]['status'] == SUSPENDED:
                devices[device_id] = dict(devices[device_id], status=ACTIVE)
        sim.state.put('mobile-devices', account.id, devices)
        return {'ok': True}
    return _answer(run)


@zextras_action('ZxMobile', 'doRemoveDevice', writes=True)
def remove_device(sim, req):
    def run():
        account, devices, device_id = _device(sim, req)
        del devices[device_id]
        sim.state.put('mobile-devices', account.id, devices)
        return {'ok': True}
    return _answer(run)


@zextras_action('ZxMobile', 'abqSet', writes=True)
def abq_set(sim, req):
    def run():
        status = str(req.attrs.get('status') or '')
        if status not in ABQ:
            raise Refused(f'invalid ABQ status: {status} (Allowed, Blocked or Quarantined)')
        account, devices, device_id = _device(sim, req, 'account')
        return _set(sim, account, devices, device_id, abqStatus=status)
    return _answer(run)
