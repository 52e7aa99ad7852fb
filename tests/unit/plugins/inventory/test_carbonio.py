# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The carbonio inventory plugin over a fake transport: hosts, groups and variables from a GetAllServers answer,
compose and keyed groups, the cache, the errors, and the inventory file names it reads."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import json

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioClient

URL = 'https://mail.example.com:7071/service/admin/soap/'
PASSWORD = 'Inventory-Passw0rd-1'
CONNECTION = 'url: %s\nadmin_user: admin@example.com\nadmin_password: %s\n' % (URL, PASSWORD)
ENVIRONMENT = ('CARBONIO_URL', 'CARBONIO_ADMIN_USER', 'CARBONIO_ADMIN_PASSWORD', 'CARBONIO_AUTH_TOKEN',
               'CARBONIO_VALIDATE_CERTS', 'CARBONIO_CA_PATH')


def server(name, enabled, installed=None, hostname=None, **attrs):
    """A server element of GetAllServersResponse; hostname=None gives the name as zimbraServiceHostname, '' none."""
    pairs = [{'n': 'zimbraServiceEnabled', '_content': service} for service in enabled]
    pairs += [{'n': 'zimbraServiceInstalled', '_content': service} for service in (enabled if installed is None else installed)]
    if hostname != '':
        pairs.append({'n': 'zimbraServiceHostname', '_content': hostname or name})
    for key, values in attrs.items():
        pairs += [{'n': key, '_content': value} for value in (values if isinstance(values, list) else [values])]
    return {'name': name, 'id': 'id-' + name, 'a': pairs}


SERVERS = [
    server('mbx1.example.com', ['mailbox', 'mta', 'zimbra-admin'], zimbraReverseProxyMailMode='redirect'),
    server('proxy1.example.com', ['proxy', 'memcached'], installed=['proxy', 'memcached', 'snmp'],
           zimbraReverseProxyMailMode='https', zimbraReverseProxySSLProtocols=['TLSv1.2', 'TLSv1.3']),
    server('ldap1', ['ldap'], hostname='ldap1.example.com'),
    server('spare.example.com', [], installed=['mailbox'], hostname=''),
]


class Carbonio(object):
    """A transport answering AuthRequest and GetAllServersRequest; records the requests' names."""

    def __init__(self, servers=None, auth_fault=None, body=None):
        self.servers = SERVERS if servers is None else servers
        self.auth_fault = auth_fault
        self.body = body
        self.sent = []

    def __call__(self, url, data, headers, timeout, method='POST'):
        name = url.rsplit('/', 1)[1]
        self.sent.append(name)
        if name == 'AuthRequest':
            if self.auth_fault:
                fault = {'Code': {'Value': 'soap:Sender'}, 'Reason': {'Text': 'authentication failed for [admin@example.com]'},
                         'Detail': {'Error': {'Code': self.auth_fault}}}
                return 500, {}, json.dumps({'Body': {'Fault': fault}}).encode()
            return 200, {}, json.dumps({'Body': {'AuthResponse': {'authToken': [{'_content': 'tok'}]}}}).encode()
        assert name == 'GetAllServersRequest'
        assert json.loads(data.decode())['Body'] == {'GetAllServersRequest': {'_jsns': 'urn:zimbraAdmin'}}
        if self.body is not None:
            return 200, {}, self.body
        return 200, {}, json.dumps({'Body': {'GetAllServersResponse': {'server': self.servers}}}).encode()


@pytest.fixture(autouse=True)
def controller():
    """The controller's modules (the plugin, ansible.errors, the inventory) imported in the test, not when the file is
    collected, and module_utils' controller mode (ansible-core 2.19) undone after it: module_utils tests in the same
    process see modules warn as on a target."""
    try:
        internal = importlib.import_module('ansible.module_utils._internal')
    except ImportError:
        internal = None
    names = ('is_controller', 'import_controller_module', 'get_controller_serialize_map')
    saved = dict((name, getattr(internal, name)) for name in names if hasattr(internal, name))
    yield
    for name, value in saved.items():
        setattr(internal, name, value)


def errors():
    return importlib.import_module('ansible.errors')


def plugin_module():
    return importlib.import_module('ansible_collections.carbonio.admin.plugins.inventory.carbonio')


@pytest.fixture
def transport(monkeypatch):
    """The fake Carbonio every client of the test talks to; no CARBONIO_* variable of the caller's environment."""
    for variable in ENVIRONMENT:
        monkeypatch.delenv(variable, raising=False)
    fake = Carbonio()
    monkeypatch.setattr(CarbonioClient, '_default_transport', lambda self, *args, **kwargs: fake(*args, **kwargs))
    return fake


def new_plugin():
    return importlib.import_module('ansible.plugins.loader').inventory_loader.get('carbonio.admin.carbonio')


def inventory_data():
    return importlib.import_module('ansible.inventory.data').InventoryData()


def data_loader():
    return importlib.import_module('ansible.parsing.dataloader').DataLoader()


def parse(folder, text, name='carbonio.yml', cache=True):
    """The inventory the plugin builds from an inventory file with `text`."""
    path = folder / name
    path.write_text('plugin: carbonio.admin.carbonio\n' + text)
    inventory = inventory_data()
    plugin = new_plugin()
    plugin.parse(inventory, data_loader(), str(path), cache=cache)
    if hasattr(plugin, '_cache'):  # what the inventory manager does after parse, when the cache is on
        plugin.update_cache_if_changed()
    return inventory


def members(inventory, group):
    return sorted(host.name for host in inventory.groups[group].hosts)


def variables(inventory, host):
    return dict((key, value) for key, value in inventory.get_host(host).vars.items() if not key.startswith('inventory_'))


def test_each_server_is_a_host_in_the_groups_of_its_enabled_services(tmp_path, transport):
    inventory = parse(tmp_path, CONNECTION)
    assert transport.sent == ['AuthRequest', 'GetAllServersRequest']
    assert sorted(inventory.hosts) == ['ldap1.example.com', 'mbx1.example.com', 'proxy1.example.com', 'spare.example.com']
    assert members(inventory, 'carbonio_mailbox') == ['mbx1.example.com']
    assert members(inventory, 'carbonio_mta') == ['mbx1.example.com']
    assert members(inventory, 'carbonio_zimbra_admin') == ['mbx1.example.com']
    assert members(inventory, 'carbonio_proxy') == ['proxy1.example.com']
    assert members(inventory, 'carbonio_memcached') == ['proxy1.example.com']
    assert members(inventory, 'carbonio_ldap') == ['ldap1.example.com']
    # installed but not enabled: no group
    assert 'carbonio_snmp' not in inventory.groups
    # every server is in carbonio_servers, whose children are the service groups
    assert members(inventory, 'carbonio_servers') == sorted(inventory.hosts)
    assert sorted(group.name for group in inventory.groups['carbonio_servers'].child_groups) == [
        'carbonio_ldap', 'carbonio_mailbox', 'carbonio_memcached', 'carbonio_mta', 'carbonio_proxy', 'carbonio_zimbra_admin']
    assert [group.name for group in inventory.get_host('spare.example.com').get_groups()] == ['carbonio_servers']


def test_host_variables_name_the_server_and_its_services(tmp_path, transport):
    inventory = parse(tmp_path, CONNECTION + 'attributes: [zimbraReverseProxyMailMode, zimbraReverseProxySSLProtocols, zimbraNotThere]\n')
    assert variables(inventory, 'proxy1.example.com') == {
        'carbonio_server_name': 'proxy1.example.com',
        'carbonio_server_id': 'id-proxy1.example.com',
        'carbonio_service_hostname': 'proxy1.example.com',
        'carbonio_services': ['proxy', 'memcached'],
        'carbonio_services_installed': ['proxy', 'memcached', 'snmp'],
        'carbonio_attrs': {'zimbraReverseProxyMailMode': 'https', 'zimbraReverseProxySSLProtocols': ['TLSv1.2', 'TLSv1.3']},
    }
    # the service hostname names the host; the server's own name is a variable; no ansible_host is made up
    ldap = variables(inventory, 'ldap1.example.com')
    assert ldap['carbonio_server_name'] == 'ldap1' and 'ansible_host' not in ldap
    # without a service hostname, the server's name
    assert variables(inventory, 'spare.example.com')['carbonio_service_hostname'] is None
    assert variables(inventory, 'spare.example.com')['carbonio_services'] == []


def test_compose_groups_and_keyed_groups_are_applied(tmp_path, transport):
    inventory = parse(tmp_path, CONNECTION + '\n'.join([
        'attributes: [zimbraReverseProxyMailMode]',
        'compose:',
        '  carbonio_is_proxy: "\'proxy\' in carbonio_services"',
        '  ansible_host: carbonio_server_name',
        'groups:',
        '  carbonio_edge: "\'proxy\' in carbonio_services or \'mta\' in carbonio_services"',
        'keyed_groups:',
        '  - key: carbonio_services',
        '    prefix: runs',
        '  - key: carbonio_attrs.zimbraReverseProxyMailMode',
        '    prefix: mode',
        '']))
    assert variables(inventory, 'proxy1.example.com')['carbonio_is_proxy'] is True
    assert variables(inventory, 'mbx1.example.com')['carbonio_is_proxy'] is False
    assert variables(inventory, 'ldap1.example.com')['ansible_host'] == 'ldap1'
    assert members(inventory, 'carbonio_edge') == ['mbx1.example.com', 'proxy1.example.com']
    assert members(inventory, 'runs_proxy') == ['proxy1.example.com']
    assert members(inventory, 'runs_mailbox') == ['mbx1.example.com']
    assert members(inventory, 'mode_https') == ['proxy1.example.com']
    assert members(inventory, 'mode_redirect') == ['mbx1.example.com']


def test_strict_fails_on_an_expression_a_host_cannot_evaluate(tmp_path, transport):
    # ldap1 and spare have no zimbraReverseProxyMailMode: skipped, unless strict
    keyed = 'attributes: [zimbraReverseProxyMailMode]\nkeyed_groups:\n  - key: carbonio_attrs.zimbraReverseProxyMailMode\n    prefix: mode\n'
    assert members(parse(tmp_path, CONNECTION + keyed), 'mode_https') == ['proxy1.example.com']
    with pytest.raises(errors().AnsibleError, match='zimbraReverseProxyMailMode'):
        parse(tmp_path, CONNECTION + keyed + 'strict: true\n')


def test_the_examples_work_as_written(tmp_path, transport, monkeypatch):
    monkeypatch.setenv('CARBONIO_URL', URL)
    monkeypatch.setenv('CARBONIO_ADMIN_USER', 'admin@example.com')
    monkeypatch.setenv('CARBONIO_ADMIN_PASSWORD', PASSWORD)
    inventory = parse(tmp_path, plugin_module().EXAMPLES.replace('plugin: carbonio.admin.carbonio\n', ''))
    assert members(inventory, 'carbonio_proxy_mail_mode_redirect') == ['mbx1.example.com']
    assert members(inventory, 'carbonio_proxy_mail_mode_https') == ['proxy1.example.com']
    assert 'carbonio_all_in_one' not in inventory.groups or members(inventory, 'carbonio_all_in_one') == []
    assert variables(inventory, 'ldap1.example.com')['carbonio_admin_url'] == 'https://ldap1.example.com:7071/service/admin/soap/'


def test_an_auth_token_from_the_environment_serves_alone(tmp_path, transport, monkeypatch):
    monkeypatch.setenv('CARBONIO_URL', 'https://mail.example.com:7071')
    monkeypatch.setenv('CARBONIO_AUTH_TOKEN', 'a-token')
    inventory = parse(tmp_path, '')
    assert transport.sent == ['GetAllServersRequest']
    assert 'mbx1.example.com' in inventory.hosts


def cache_file(folder):
    return 'cache: true\ncache_plugin: ansible.builtin.jsonfile\ncache_connection: %s\n' % (folder / 'cache')


def test_the_cache_is_read_instead_of_the_server_until_it_is_flushed(tmp_path, transport):
    first = parse(tmp_path, CONNECTION + cache_file(tmp_path))
    assert transport.sent == ['AuthRequest', 'GetAllServersRequest']
    # the services change on the server; a run that reads the cache does not see it, nor asks the server
    transport.servers = [server('mbx1.example.com', ['mailbox'])]
    cached = parse(tmp_path, CONNECTION + cache_file(tmp_path))
    assert transport.sent == ['AuthRequest', 'GetAllServersRequest']
    assert sorted(cached.hosts) == sorted(first.hosts) and members(cached, 'carbonio_mta') == ['mbx1.example.com']
    # --flush-cache (cache=False) reads the server again and stores what it answered
    flushed = parse(tmp_path, CONNECTION + cache_file(tmp_path), cache=False)
    assert transport.sent == ['AuthRequest', 'GetAllServersRequest'] * 2
    assert sorted(flushed.hosts) == ['mbx1.example.com'] and 'carbonio_mta' not in flushed.groups
    again = parse(tmp_path, CONNECTION + cache_file(tmp_path))
    assert len(transport.sent) == 4 and sorted(again.hosts) == ['mbx1.example.com']


def test_without_the_cache_option_every_run_asks_the_server(tmp_path, transport):
    parse(tmp_path, CONNECTION)
    transport.servers = [server('mbx1.example.com', ['mailbox'])]
    inventory = parse(tmp_path, CONNECTION)
    assert transport.sent == ['AuthRequest', 'GetAllServersRequest'] * 2
    assert 'carbonio_mta' not in inventory.groups


def test_a_server_whose_services_change_moves_group(tmp_path, transport):
    transport.servers = [server('mbx1.example.com', ['mailbox', 'proxy'])]
    assert members(parse(tmp_path, CONNECTION), 'carbonio_proxy') == ['mbx1.example.com']
    transport.servers = [server('mbx1.example.com', ['mailbox']), server('proxy9.example.com', ['proxy'])]
    assert members(parse(tmp_path, CONNECTION), 'carbonio_proxy') == ['proxy9.example.com']


def test_two_servers_with_one_service_hostname_are_kept_apart(tmp_path, transport, monkeypatch):
    warnings = []
    monkeypatch.setattr(plugin_module().display, 'warning', warnings.append)
    transport.servers = [server('a.example.com', ['mailbox'], hostname='mail.example.com'),
                         server('b.example.com', ['proxy'], hostname='mail.example.com')]
    inventory = parse(tmp_path, CONNECTION)
    assert sorted(inventory.hosts) == ['b.example.com', 'mail.example.com']
    assert members(inventory, 'carbonio_proxy') == ['b.example.com']
    assert warnings == ['carbonio inventory: servers a.example.com and b.example.com both have the service hostname '
                        'mail.example.com; the second is added as b.example.com']


def refused(folder, text):
    with pytest.raises(errors().AnsibleParserError) as caught:
        parse(folder, text)
    return str(caught.value)


def test_refused_credentials_say_where_they_came_from(tmp_path, transport, monkeypatch):
    transport.auth_fault = 'account.AUTH_FAILED'
    monkeypatch.setenv('CARBONIO_ADMIN_PASSWORD', PASSWORD)
    message = refused(tmp_path, 'url: %s\nadmin_user: admin@example.com\n' % URL)
    assert message == ('carbonio inventory: account.AUTH_FAILED: authentication failed for [admin@example.com]; the credentials '
                       'were admin_user from the inventory file and admin_password from CARBONIO_ADMIN_PASSWORD in the environment')
    assert transport.sent == ['AuthRequest']


def test_missing_connection_options_are_named(tmp_path, transport):
    assert 'url: required' in refused(tmp_path, 'admin_user: a@example.com\nadmin_password: x\n')
    assert refused(tmp_path, 'url: %s\nadmin_user: a@example.com\n' % URL) == (
        'carbonio inventory: give admin_user and admin_password (CARBONIO_ADMIN_USER and CARBONIO_ADMIN_PASSWORD in the '
        'environment), or auth_token (CARBONIO_AUTH_TOKEN)')
    assert 'must be an https URL' in refused(tmp_path, CONNECTION.replace('https:', 'http:'))
    assert refused(tmp_path, CONNECTION + 'ca_path: %s\n' % (tmp_path / 'no-ca.pem')).startswith(
        'carbonio inventory: ca_path: no such file: ')
    assert refused(tmp_path, CONNECTION + 'timeout: 0\n') == 'carbonio inventory: timeout: must be a positive number of seconds, got 0'
    assert transport.sent == []


def test_a_bad_answer_is_an_error(tmp_path, transport):
    transport.body = b'<html>not soap</html>'
    assert 'GetAllServersRequest: the answer from https://mail.example.com:7071/service/admin/soap/GetAllServersRequest ' \
           'is not a JSON SOAP envelope' in refused(tmp_path, CONNECTION)
    transport.body = json.dumps({'Body': {'GetAllServersResponse': {'server': [{'id': 'x', 'a': []}]}}}).encode()
    assert 'GetAllServersResponse: a server without a name' in refused(tmp_path, CONNECTION)
    transport.body = json.dumps({'Body': {'GetAllServersResponse': {'server': 'x'}}}).encode()
    assert 'the server list is not a list' in refused(tmp_path, CONNECTION)


def test_no_secret_in_an_error(tmp_path, transport):
    transport.body = json.dumps({'Body': {'Fault': {'Reason': {'Text': 'echo %s' % PASSWORD},
                                                    'Detail': {'Error': {'Code': 'service.FAILURE'}}}}}).encode()
    message = refused(tmp_path, CONNECTION)
    assert PASSWORD not in message and message.startswith('carbonio inventory: service.FAILURE: echo ')


@pytest.mark.parametrize('name, accepted', [
    ('carbonio.yml', True), ('carbonio.yaml', True), ('prod.carbonio.yml', True), ('prod_carbonio.yaml', True),
    ('inventory.yml', False), ('carbonio.json', False), ('carbonio.yml.bak', False), ('hosts', False),
])
def test_verify_file_accepts_only_carbonio_yaml_files(tmp_path, name, accepted):
    path = tmp_path / name
    path.write_text('plugin: carbonio.admin.carbonio\n')
    assert new_plugin().verify_file(str(path)) is accepted


def test_verify_file_refuses_a_file_that_is_not_there(tmp_path):
    assert not new_plugin().verify_file(str(tmp_path / 'carbonio.yml'))


def test_another_plugin_name_is_refused(tmp_path, transport):
    path = tmp_path / 'carbonio.yml'
    path.write_text('plugin: community.general.other\n')
    with pytest.raises(errors().AnsibleParserError, match='Incorrect plugin name'):
        new_plugin().parse(inventory_data(), data_loader(), str(path))


def test_the_connection_options_are_the_modules_with_the_same_environment_variables():
    import yaml
    from ansible_collections.carbonio.admin.plugins.module_utils._connection import CONNECTION_ARGUMENT_SPEC
    documented = yaml.safe_load(plugin_module().DOCUMENTATION)['options']
    for name, spec in CONNECTION_ARGUMENT_SPEC.items():
        option = documented[name]
        assert [entry['name'] for entry in option.get('env', [])] == list(spec.get('fallback', (None, []))[1]), name
        assert (option['type'], option.get('default')) == (spec['type'], spec.get('default')), name
