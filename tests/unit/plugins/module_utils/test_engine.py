# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine: ensure_settings, and run_object_module end to end through a fake module and a fake transport."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import gc
import json

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _engine as engine
from ansible_collections.carbonio.admin.plugins.module_utils._engine import ensure_settings
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioClient, CarbonioError, CarbonioTransportError, TransportFailure

URL = 'https://mail.example.com:7071/service/admin/soap/'


class Module(object):
    def __init__(self, check_mode=False, diff=True):
        self.check_mode = check_mode
        self._diff = diff


# ------------------------------------------------------------------- run_object_module, end to end without a network

class Exited(Exception):
    def __init__(self, failed, result):
        super(Exited, self).__init__(result.get('msg'))
        self.failed, self.result = failed, result


class FakeModule(Module):
    """What the engine uses of AnsibleModule: params with their defaults, check mode, diff, exit and fail."""

    def __init__(self, spec, params, check_mode=False):
        super(FakeModule, self).__init__(check_mode)
        self.params = dict((key, option.get('default')) for key, option in spec.items())
        self.params.update(params)
        self.warnings = []

    def warn(self, text):
        self.warnings.append(text)

    def exit_json(self, **result):
        raise Exited(False, result)

    def fail_json(self, **result):
        raise Exited(True, result)


class Settled(object):
    """A Run for ensure_settings: the module, and a real client whose writes are the test's own functions."""

    def __init__(self, check_mode=False):
        self.module = FakeModule({}, {}, check_mode)
        self.module._diff = True
        self.client = CarbonioClient(URL, auth_token='token', settle_wait=0, sleep=lambda seconds: None)
        self.result = dict(changed=False)

    def fail(self, msg, **extra):
        self.module.fail_json(msg=msg, **dict(self.result, **extra))


def _settle(run, current, desired, write, **extra):
    return ensure_settings(run, current, desired, write, '2FA policies of example.com', **extra)


def test_only_changed_keys_are_written_and_shown():
    written, run = [], Settled()
    after = _settle(run, {'web_ui': 'ip', 'imap': 'none', 'other': 'x', 'gone': 'y'}, {'web_ui': 'device', 'imap': 'none', 'gone': None},
                    lambda key, value: written.append((key, value)))
    assert written == [('gone', None), ('web_ui', 'device')]
    assert run.result['changed'] is True and run.result['changed_settings'] == ['gone', 'web_ui']
    assert run.result['diff'] == {'before': {'gone': 'y', 'web_ui': 'ip'}, 'after': {'web_ui': 'device'}}
    assert after == run.result['settings'] == {'web_ui': 'device', 'imap': 'none', 'other': 'x'}
    assert run.result['msg'] == '2FA policies of example.com: gone, web_ui changed'


def test_check_mode_predicts_without_writing_and_a_rerun_is_unchanged():
    written, run = [], Settled(check_mode=True)
    _settle(run, {'web_ui': 'ip'}, {'web_ui': 'device'}, lambda key, value: written.append(key))
    assert run.result['changed'] is True and written == [] and run.result['msg'].endswith('web_ui would change')
    again = Settled()
    _settle(again, {'web_ui': 'device'}, {'web_ui': 'device'}, lambda key, value: written.append(key))
    assert again.result['changed'] is False and written == [] and again.result['msg'] == '2FA policies of example.com unchanged'
    assert again.result['diff'] == {'before': {}, 'after': {}}


def test_a_view_hides_what_the_diff_must_not_show():
    run = Settled()
    _settle(run, {'sp.privatekey': 'old-key'}, {'sp.privatekey': 'new-key'}, lambda key, value: None,
            view=lambda key, value: '(hidden)' if 'privatekey' in key else value)
    assert run.result['diff'] == {'before': {'sp.privatekey': '(hidden)'}, 'after': {'sp.privatekey': '(hidden)'}}
    assert run.result['settings'] == {'sp.privatekey': '(hidden)'}


def test_settings_reported_since_an_earlier_write_of_the_run():
    run = Settled(check_mode=True)
    _settle(run, {'idp.entityid': 'new', 'x': '1'}, {'x': '2'}, lambda key, value: None, since={'idp.entityid': 'old', 'x': '1'})
    assert run.result['changed'] is True and run.result['changed_settings'] == ['idp.entityid', 'x']
    assert run.result['diff'] == {'before': {'idp.entityid': 'old', 'x': '1'}, 'after': {'idp.entityid': 'new', 'x': '2'}}


def test_a_failure_part_way_says_what_landed():
    def write(key, value):
        if key == 'web_ui':
            raise CarbonioError('HTTP 503')
    run = Settled()
    with pytest.raises(Exited) as failed:
        _settle(run, {'imap': 'none', 'web_ui': 'none'}, {'imap': 'ip', 'web_ui': 'ip'}, write, view=lambda key, value: value.upper())
    result = failed.value.result
    assert failed.value.failed and result['changed'] is True and result['changed_settings'] == ['imap']
    assert result['settings'] == {'imap': 'IP', 'web_ui': 'NONE'}  # what had landed, as the view shows it
    assert result['msg'] == '2FA policies of example.com: web_ui not changed: HTTP 503; changed before it: imap'


def _lost(key, value):
    raise CarbonioTransportError('timed out', maybe_executed=True)


def test_a_lost_answer_is_read_back_not_resent():
    sent, run = [], Settled()

    def write(key, value):
        sent.append(key)
        _lost(key, value)
    _settle(run, {'imap': 'none'}, {'imap': 'ip'}, write, reread=lambda: {'imap': 'ip'})
    assert sent == ['imap'] and run.result['changed'] is True
    unknown = Settled()
    with pytest.raises(Exited) as failed:
        _settle(unknown, {'imap': 'none'}, {'imap': 'ip'}, _lost, reread=lambda: {'imap': 'none'})
    assert failed.value.result['changed'] is False
    assert 'the server may still apply it' in failed.value.result['msg']


class Directory(object):
    """A transport answering like Carbonio for one domain; `lose[name]` = 'before' or 'after' loses that answer once."""

    def __init__(self):
        self.domains = {'d.example': {'id': 'd1', 'attrs': {'zimbraDomainStatus': 'active', 'zimbraNotes': 'old'}}}
        self.lose = {}
        self.sent = []
        self.done = []

    def __call__(self, url, data, headers, timeout, method='POST'):
        name = url.rsplit('/', 1)[1]
        body = json.loads(data.decode())['Body'][name]
        self.sent.append(name)
        lose = self.lose.pop(name, None)
        if lose == 'before':
            raise TransportFailure(True, 'timed out')
        answer = self._batch(body) if name == 'BatchRequest' else self._one(name, body)
        if lose == 'after':
            raise TransportFailure(True, 'timed out')
        status = 500 if 'Fault' in answer else 200
        return status, {}, json.dumps({'Body': answer}).encode()

    def _batch(self, body):
        response = {'_jsns': 'urn:zimbra'}
        for name, subs in body.items():
            for sub in subs if isinstance(subs, list) else []:
                self.sent.append(name)
                answer = self._one(name, sub)
                key, value = list(answer.items())[0]
                response.setdefault(key, []).append(dict(value, requestId=sub['requestId']))
        return {'BatchResponse': response}

    def _by(self, selector):
        for name, domain in self.domains.items():
            if selector['_content'] in (name, domain['id']):
                return name
        return None

    def _one(self, name, body):
        if name == 'AuthRequest':
            return {'AuthResponse': {'authToken': [{'_content': 'tok'}], 'lifetime': 3600000}}
        if name == 'GetAllCosRequest':
            return {'GetAllCosResponse': {'cos': [{'name': 'default', 'id': 'c1'}]}}
        if name == 'SearchDirectoryRequest':
            return {'SearchDirectoryResponse': {}}  # an empty domain
        key = self._by(body['domain']) if 'domain' in body else self._by({'_content': body.get('id')})
        if key is None:
            return {'Fault': {'Reason': {'Text': 'no such domain'}, 'Detail': {'Error': {'Code': 'account.NO_SUCH_DOMAIN'}}}}
        if name in ('ModifyDomainRequest', 'DeleteDomainRequest'):
            self.done.append(name)
        if name == 'DeleteDomainRequest':
            del self.domains[key]
            return {'DeleteDomainResponse': {}}
        if name == 'ModifyDomainRequest':
            for attr in body['a']:
                self.domains[key]['attrs'][attr['n']] = attr['_content']
        domain = self.domains[key]
        a = [{'n': attr, '_content': value} for attr, value in domain['attrs'].items() if value]
        return {name.replace('Request', 'Response'): {'domain': [{'name': key, 'id': domain['id'], 'a': a}]}}


def _run(monkeypatch, directory, params, check_mode=False):
    def module(spec, **kwargs):
        return FakeModule(spec, dict(params, url=URL, admin_user='admin@example.com', admin_password='pw'), check_mode)

    def client(module):
        return CarbonioClient(URL, admin_user='admin@example.com', admin_password='pw', transport=directory, sleep=lambda s: None)

    monkeypatch.setattr(engine, 'create_module', module)
    monkeypatch.setattr(engine, 'create_client', client)
    with pytest.raises(Exited) as info:
        engine.run_object_module(DOMAIN)
    return info.value


def test_a_change_is_written_once_and_reported(monkeypatch):
    directory = Directory()
    exited = _run(monkeypatch, directory, {'name': 'd.example', 'status': 'locked'})
    assert not exited.failed and exited.result['changed'] is True
    assert exited.result['msg'] == 'domain d.example: 1 setting changed'
    assert directory.done == ['ModifyDomainRequest'] and directory.domains['d.example']['attrs']['zimbraDomainStatus'] == 'locked'
    assert exited.result['diff'] == {'before': {'name': 'd.example', 'status': 'active'}, 'after': {'name': 'd.example', 'status': 'locked'}}


def test_check_mode_writes_nothing_and_predicts_the_change(monkeypatch):
    directory = Directory()
    exited = _run(monkeypatch, directory, {'name': 'd.example', 'status': 'locked'}, check_mode=True)
    assert exited.result['changed'] is True and directory.done == [] and 'ModifyDomainRequest' not in directory.sent


def test_a_change_whose_answer_was_lost_is_read_back_and_reported_made(monkeypatch):
    directory = Directory()
    directory.lose['ModifyDomainRequest'] = 'after'
    exited = _run(monkeypatch, directory, {'name': 'd.example', 'status': 'locked'})
    assert not exited.failed and exited.result['changed'] is True
    assert directory.sent.count('ModifyDomainRequest') == 1 and directory.done == ['ModifyDomainRequest']
    assert directory.sent[-1] == 'GetDomainRequest'


def test_a_change_lost_before_it_ran_fails_unchanged_and_is_not_sent_again(monkeypatch):
    directory = Directory()
    directory.lose['ModifyDomainRequest'] = 'before'
    exited = _run(monkeypatch, directory, {'name': 'd.example', 'status': 'locked'})
    assert exited.failed and exited.result['changed'] is False
    assert 'may still apply it' in exited.result['msg'] and 'Nothing was sent again' in exited.result['msg']
    assert directory.sent.count('ModifyDomainRequest') == 1 and directory.done == []


def test_a_refused_change_is_not_reported_as_made(monkeypatch):
    directory = Directory()
    del directory.domains['d.example']['attrs']['zimbraNotes']
    directory.domains['d.example']['id'] = 'gone-meanwhile'

    def vanish(name, body, original=directory._one):
        if name == 'ModifyDomainRequest':
            directory.domains.clear()
        return original(name, body)

    directory._one = vanish
    exited = _run(monkeypatch, directory, {'name': 'd.example', 'status': 'locked'})
    assert exited.failed and exited.result['changed'] is False and exited.result['error_code'] == 'account.NO_SUCH_DOMAIN'


@pytest.mark.parametrize('lose, failed, changed', [('after', False, True), ('before', True, False)])
def test_a_delete_whose_answer_was_lost_says_what_happened(monkeypatch, lose, failed, changed):
    directory = Directory()
    directory.lose['DeleteDomainRequest'] = lose
    exited = _run(monkeypatch, directory, {'name': 'd.example', 'state': 'absent'})
    assert (exited.failed, exited.result['changed']) == (failed, changed)
    assert directory.sent.count('DeleteDomainRequest') == 1
    assert ('d.example' in directory.domains) is failed


def test_the_cycle_collector_is_off_for_the_run_and_back_on_after_it(monkeypatch):
    seen = []

    class Watching(Directory):
        def __call__(self, *args, **kwargs):
            seen.append(gc.isenabled())
            return super(Watching, self).__call__(*args, **kwargs)

    assert gc.isenabled()
    exited = _run(monkeypatch, Watching(), {'name': 'd.example', 'status': 'locked'})
    assert not exited.failed and seen and not any(seen)
    assert gc.isenabled()
    # a collector the caller had turned off stays off
    gc.disable()
    try:
        _run(monkeypatch, Directory(), {'name': 'd.example'})
        assert not gc.isenabled()
    finally:
        gc.enable()
