# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The settings path (_settings) through carbonio_theme's type: the global configuration and a domain, a fake transport."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _settings as settings
from ansible_collections.carbonio.admin.plugins.module_utils._objects.theme import DOMAIN_RESET, GLOBAL_RESET, THEME
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioClient
from ansible_collections.carbonio.admin.tests.unit.plugins.module_utils.test_engine import URL, Directory, Exited, FakeModule

RESETS = {'global': GLOBAL_RESET, 'domain': DOMAIN_RESET}


class Server(Directory):
    """The global configuration and one domain; `lose[name]` = 'before' or 'after' loses that answer once."""

    def __init__(self):
        super(Server, self).__init__()
        self.config = {'carbonioWebUiTitle': 'Carbonio Client', 'carbonioLogoUrl': 'https://www.zextras.com'}
        self.domain = {'carbonioWebUiPrimaryColor': '#a50'}
        self.flushed = []
        self.flush_fault = None

    @staticmethod
    def _a(attrs):
        return [{'n': key, '_content': value} for key, value in sorted(attrs.items())]

    @staticmethod
    def _apply(attrs, body):
        for attr in body['a']:
            if attr['_content']:
                attrs[attr['n']] = attr['_content']
            else:
                attrs.pop(attr['n'], None)

    def _one(self, name, body):
        if name == 'AuthRequest':
            return {'AuthResponse': {'authToken': [{'_content': 'tok'}], 'lifetime': 3600000}}
        if name == 'GetAllConfigRequest':
            return {'GetAllConfigResponse': {'a': self._a(self.config)}}
        if name == 'ModifyConfigRequest':
            self._apply(self.config, body)
            return {'ModifyConfigResponse': {}}
        if name == 'FlushCacheRequest':
            if self.flush_fault:
                return {'Fault': {'Reason': {'Text': 'permission denied'}, 'Detail': {'Error': {'Code': self.flush_fault}}}}
            self.flushed.append(body['cache'])
            return {'FlushCacheResponse': {}}
        selector = body.get('domain', {}).get('_content') or body.get('id')
        if selector not in ('d.example', 'd1'):
            return {'Fault': {'Reason': {'Text': 'no such domain'}, 'Detail': {'Error': {'Code': 'account.NO_SUCH_DOMAIN'}}}}
        if name == 'ModifyDomainRequest':
            self._apply(self.domain, body)
        return {name.replace('Request', 'Response'): {'domain': [{'name': 'd.example', 'id': 'd1', 'a': self._a(self.domain)}]}}


def _run(monkeypatch, server, params, check_mode=False):
    made = []

    def module(spec, **kwargs):
        made.append(FakeModule(spec, dict(params, url=URL, admin_user='admin@example.com', admin_password='pw'), check_mode))
        return made[-1]

    def client(module):
        return CarbonioClient(URL, admin_user='admin@example.com', admin_password='pw', transport=server, sleep=lambda s: None)

    monkeypatch.setattr(settings, 'create_module', module)
    monkeypatch.setattr(settings, 'create_client', client)
    with pytest.raises(Exited) as info:
        settings.run_settings_module(THEME, RESETS)
    info.value.module_warnings = made[-1].warnings
    return info.value


def test_the_global_theme_is_one_modify_config_and_a_rerun_writes_nothing(monkeypatch):
    server = Server()
    exited = _run(monkeypatch, server, {'scope': 'global', 'title': 'Example Mail', 'primary_color': '#05A'})
    assert not exited.failed and exited.result['changed'] is True
    assert server.sent.count('ModifyConfigRequest') == 1
    assert server.config['carbonioWebUiTitle'] == 'Example Mail' and server.config['carbonioWebUiPrimaryColor'] == '#05A'
    assert exited.result['theme'] == {'scope': 'global', 'title': 'Example Mail', 'primary_color': '#05A', 'logo_link': 'https://www.zextras.com'}
    assert exited.result['msg'] == 'theme of the global configuration: 2 settings changed'
    again = Server()
    again.config = dict(server.config)
    exited = _run(monkeypatch, again, {'scope': 'global', 'title': 'Example Mail', 'primary_color': '#05a'})
    assert exited.result['changed'] is False and 'ModifyConfigRequest' not in again.sent


def test_check_mode_predicts_and_sends_no_write(monkeypatch):
    server = Server()
    exited = _run(monkeypatch, server, {'domain': 'd.example', 'title': 'Mine'}, check_mode=True)
    assert exited.result['changed'] is True and exited.result['changed_attributes'] == ['carbonioWebUiTitle']
    assert 'ModifyDomainRequest' not in server.sent and 'carbonioWebUiTitle' not in server.domain
    assert exited.result['msg'] == 'theme of domain d.example: 1 setting would change'


@pytest.mark.parametrize('level, params, expected', [
    ('global', {'scope': 'global'}, {'carbonioWebUiDarkMode': 'FALSE'}),
    ('domain', {'domain': 'd.example'}, {}),
])
def test_reset_writes_what_the_panel_resets_at_that_level(monkeypatch, level, params, expected):
    server = Server()
    exited = _run(monkeypatch, server, dict(params, reset=True))
    assert not exited.failed and exited.result['changed'] is True
    assert (server.config if level == 'global' else server.domain) == expected


def test_reset_keeps_what_the_task_gives(monkeypatch):
    server = Server()
    exited = _run(monkeypatch, server, {'scope': 'global', 'reset': True, 'title': 'Kept'})
    assert server.config == {'carbonioWebUiDarkMode': 'FALSE', 'carbonioWebUiTitle': 'Kept'}
    assert exited.result['theme'] == {'scope': 'global', 'title': 'Kept', 'dark_mode': False}


def test_a_domain_shows_its_own_values_and_what_it_inherits(monkeypatch):
    server = Server()
    server.config['carbonioWebUILoginURL'] = 'https://sso.example.com/login'
    exited = _run(monkeypatch, server, {'domain': 'D.Example', 'dark_mode': True})
    shown = exited.result['settings']
    assert shown['primary_color'] == {'own': '#a50', 'effective': '#a50'}
    assert shown['title'] == {'own': None, 'effective': 'Carbonio Client'}
    # a login page set globally is not what a domain inherits
    assert shown['login_page_url'] == {'own': None, 'effective': None}
    assert exited.result['theme'] == {'domain': 'd.example', 'primary_color': '#a50', 'dark_mode': True}


@pytest.mark.parametrize('lose, failed, changed', [('after', False, True), ('before', True, False)])
def test_a_global_change_whose_answer_was_lost_is_read_back_not_sent_again(monkeypatch, lose, failed, changed):
    server = Server()
    server.lose['ModifyConfigRequest'] = lose
    exited = _run(monkeypatch, server, {'scope': 'global', 'title': 'Example Mail'})
    assert (exited.failed, exited.result['changed']) == (failed, changed)
    assert server.sent.count('ModifyConfigRequest') == 1
    assert server.sent[-1] == 'GetAllConfigRequest'
    if failed:
        assert 'may still apply it' in exited.result['msg']


@pytest.mark.parametrize('params, message', [
    ({'title': 'x'}, r'^scope: give domain'),
    ({'scope': 'global', 'domain': 'd.example'}, r'^scope: global is the global configuration'),
    ({'scope': 'domain'}, r'^domain: required with scope: domain'),
    ({'domain': 'nowhere.example', 'title': 'x'}, r'^domain: no domain nowhere.example exists'),
    ({'scope': 'global', 'primary_color': 'blue'}, r'^primary_color: invalid colour'),
    ({'scope': 'global', 'favicon_url': 'https://localhost/f.ico'}, r'^favicon_url: invalid URL .* has no dot'),
])
def test_bad_input_is_refused_naming_the_field_before_any_write(monkeypatch, params, message):
    server = Server()
    exited = _run(monkeypatch, server, params)
    assert exited.failed and exited.result['changed'] is False
    assert re.search(message, exited.result['msg']), exited.result['msg']
    assert not set(server.sent) & set(['ModifyConfigRequest', 'ModifyDomainRequest'])


def test_a_domain_change_flushes_the_domain_cache_on_every_server_as_the_panel_does(monkeypatch):
    server = Server()
    exited = _run(monkeypatch, server, {'domain': 'd.example', 'title': 'Mine'})
    assert not exited.failed and server.flushed == [{'type': 'domain', 'allServers': 1, 'entry': {'by': 'id', '_content': 'd1'}}]
    # nothing to change, a global change, check mode: no flush
    for params, check_mode in (({'domain': 'd.example', 'primary_color': '#a50'}, False), ({'scope': 'global', 'title': 'x'}, False),
                               ({'domain': 'd.example', 'title': 'Other'}, True)):
        server = Server()
        _run(monkeypatch, server, params, check_mode)
        assert server.flushed == [] and 'FlushCacheRequest' not in server.sent


def test_a_flush_a_domain_admin_may_not_send_is_a_warning_and_the_change_stands(monkeypatch):
    server = Server()
    server.flush_fault = 'service.PERM_DENIED'
    exited = _run(monkeypatch, server, {'domain': 'd.example', 'title': 'Mine'})
    assert not exited.failed and exited.result['changed'] is True and server.domain['carbonioWebUiTitle'] == 'Mine'
    assert any('FlushCacheRequest was refused (service.PERM_DENIED)' in warning for warning in exited.module_warnings)
