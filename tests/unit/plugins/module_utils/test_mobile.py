# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ActiveSync devices: records in the collection's words, the per-server answer, and only the writes a device's state
asks for."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _mobile as mobile
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import zextras_failure

RECORD = {'accountEmail': 'Jo@Example.com', 'accountName': 'jo@example.com', 'accountServer': 'mbox1', 'deviceId': 'ApplX',
          'deviceType': 'iPhone', 'userAgent': 'Apple-iPhone/1', 'protocolVersion': '16.1', 'firstSeen': 1767225600000,
          'lastSeen': 1767225660000, 'status': 1, 'abqStatus': 'Allowed', 'isOnline': True, 'lastCommandReceived': 'Ping'}


def test_a_record_in_the_collection_words():
    assert mobile.device_view(RECORD, 'mbox1') == dict(
        account='jo@example.com', device_id='ApplX', device_type='iPhone', user_agent='Apple-iPhone/1', protocol='16.1',
        first_seen='2026-01-01T00:00:00Z', last_seen='2026-01-01T00:01:00Z', status='active', status_code=1,
        abq_status='allowed', online=True, last_command='Ping', server='mbox1')
    assert mobile.device_view(dict(RECORD, status=9), 'mbox1')['status'] == 9


class Client(object):
    def __init__(self, reply):
        self.reply, self.calls = reply, []

    def zextras(self, module, action, **params):
        self.calls.append((module, action, params))
        return self.reply


def test_every_server_part_read_and_one_that_failed_said():
    client = Client({'mbox2': {'ok': False, 'error': {'message': 'mobile service down'}},
                     'mbox1': {'ok': True, 'response': {'devices': [RECORD]}}})
    devices, problems = mobile.read_devices(client, ['example.com'])
    assert [device['device_id'] for device in devices] == ['ApplX']
    assert problems == ['mbox2: mobile service down']
    assert client.calls == [('ZxMobile', 'getAllDevices', {'targetServers': 'all_servers', 'domainList': 'example.com'})]
    # the single-server form of older builds
    assert mobile.read_devices(Client({'devices': [RECORD]}))[0][0]['server'] == 'mbox1'


def test_failures_in_each_form_the_extensions_use():
    assert zextras_failure({'ok': True, 'response': {}}) is None
    assert zextras_failure({'error': {'message': 'no such device'}}) == 'no such device'
    assert zextras_failure({'exception': {'message': 'NullPointerException'}}) == 'NullPointerException'
    assert zextras_failure({'ok': False, 'error': 'refused'}) == 'refused'
    assert zextras_failure({'ok': False}) == 'unknown error'
    assert zextras_failure({'response': {}}) is None


DEVICE = mobile.device_view(RECORD, 'mbox1')


@pytest.mark.parametrize('status, state, abq, actions', [
    ('active', 'suspended', None, ['doSuspendDeviceSync']),
    ('suspended', 'suspended', None, []),
    ('suspended', 'resumed', None, ['doResumeDeviceSync']),
    ('active', 'resumed', None, []),
    ('active', 'wiped', None, ['doWipeDevice']),
    ('wipe_requested', 'wiped', None, []),
    ('wiped', 'wiped', None, []),
    ('needs_provisioning', 'reset', None, ['doResetDevice']),
    ('active', 'removed', 'blocked', ['abqSet', 'doRemoveDevice']),
    ('active', None, 'allowed', []),
    ('active', None, 'quarantined', ['abqSet']),
])
def test_only_what_the_state_asks_for(status, state, abq, actions):
    steps = mobile.plan(dict(DEVICE, status=status), state, abq)
    assert [step[1] for step in steps] == actions


def test_a_device_being_wiped_is_not_suspended():
    with pytest.raises(ValueError, match='^state: device ApplX of jo@example.com is being wiped'):
        mobile.plan(dict(DEVICE, status='wipe_requested'), 'suspended', None)


def test_predicted_and_the_read_back_agree():
    steps = mobile.plan(DEVICE, 'suspended', 'blocked')
    after = mobile.predicted(DEVICE, steps)
    assert (after['status'], after['status_code'], after['abq_status']) == ('suspended', 2, 'blocked')
    assert all(expected(after) for _label, _action, _fields, expected in steps)
    assert not any(expected(DEVICE) for _label, _action, _fields, expected in steps)
    assert mobile.predicted(DEVICE, mobile.plan(DEVICE, 'removed', None)) is None
