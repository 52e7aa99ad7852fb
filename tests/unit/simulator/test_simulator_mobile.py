"""Carbonio Mobile in the simulator: devices that synchronised (control API), listed per server as the Admin Panel
parses them, and the device actions with the state they leave (api-features doc 5)."""

from __future__ import annotations

import json


def zx_mobile(sim, action, **fields):
    status, body = sim.soap('zextras', module='ZxMobile', action=action, **fields)
    assert status == 200
    return json.loads(body['Body']['response']['content'])


def devices(sim, domain):
    parts = zx_mobile(sim, 'getAllDevices', targetServers='all_servers', domainList=domain)['response']
    return {record['deviceId']: record for part in parts.values() for record in part['response']['devices']}


def test_devices_listed_per_server_and_the_actions_state(sim):
    sim.soap('CreateDomainRequest', name='mobile.sim.test')
    sim.soap('CreateAccountRequest', name='jo@mobile.sim.test')
    device = sim.control('POST', 'mobile-devices', {'account': 'jo@mobile.sim.test', 'deviceId': 'ApplSIM1'})['device']
    assert device['status'] == 1 and device['accountServer'] == 'mail.carbonio.test'
    listed = devices(sim, 'mobile.sim.test')
    assert list(listed) == ['ApplSIM1'] and listed['ApplSIM1']['accountEmail'] == 'jo@mobile.sim.test'
    assert devices(sim, 'other.sim.test') == {}
    assert zx_mobile(sim, 'doSuspendDeviceSync', accountName='jo@mobile.sim.test', deviceId='ApplSIM1') == {'ok': True}
    assert devices(sim, 'mobile.sim.test')['ApplSIM1']['status'] == 2
    zx_mobile(sim, 'doResumeDeviceSync', accountName='jo@mobile.sim.test')
    assert devices(sim, 'mobile.sim.test')['ApplSIM1']['status'] == 1
    refused = zx_mobile(sim, 'doWipeDevice', accountName='jo@mobile.sim.test', deviceId='ApplSIM1', confirm=False)
    assert refused['ok'] is False and 'confirm' in refused['error']['message']
    zx_mobile(sim, 'doWipeDevice', accountName='jo@mobile.sim.test', deviceId='ApplSIM1', confirm=True)
    assert devices(sim, 'mobile.sim.test')['ApplSIM1']['status'] == 3
    assert zx_mobile(sim, 'doSuspendDeviceSync', accountName='jo@mobile.sim.test', deviceId='ApplSIM1')['ok'] is False
    zx_mobile(sim, 'abqSet', account='jo@mobile.sim.test', deviceId='ApplSIM1', status='Blocked')
    assert devices(sim, 'mobile.sim.test')['ApplSIM1']['abqStatus'] == 'Blocked'
    zx_mobile(sim, 'doRemoveDevice', accountName='jo@mobile.sim.test', deviceId='ApplSIM1')
    assert devices(sim, 'mobile.sim.test') == {}
    missing = zx_mobile(sim, 'doRemoveDevice', accountName='jo@mobile.sim.test', deviceId='ApplSIM1')
    assert missing['ok'] is False and 'not found' in missing['error']['message']
