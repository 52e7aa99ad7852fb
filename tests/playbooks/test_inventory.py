"""The carbonio.admin.carbonio inventory plugin against the simulator, through ansible-inventory as users run it: the
servers in the groups of the services they run, a server whose services change moving group on the next run (and,
with the cache on, once the cache is flushed), and the plugin's EXAMPLES as written. Nothing prints a warning
(conftest.py); a source that cannot be parsed fails the run instead of leaving an empty inventory.

Run by `make playbooks` under tools/with_simulator.py (CARBONIO_* connection in the environment, as the plugin reads it).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess

import pytest
import yaml

from tests.simulator.proxy_node.admin_api import AdminApi

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDED = 'mail.carbonio.test'
NODE = 'inventory-node.carbonio.test'


def ansible_inventory(folder, source, *args):
    done = subprocess.run(['ansible-inventory', '-i', source] + list(args), text=True, capture_output=True, check=False,
                          cwd=folder, env=dict(os.environ, ANSIBLE_NOCOLOR='1', ANSIBLE_INVENTORY_UNPARSED_FAILED='1'))
    assert done.returncode == 0, done.stdout + done.stderr
    assert 'WARNING' not in done.stderr, done.stderr
    return done.stdout


def plain(value):
    """--list output without ansible-core 2.19's markers of untrusted values."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def listed(folder, source, *args):
    return plain(json.loads(ansible_inventory(folder, source, '--list', *args)))


def hosts_of(inventory, group):
    return sorted(inventory.get(group, {}).get('hosts', []))


def graph(text):
    """{group: (its depth in the tree, [the hosts directly in it])} of an --graph output."""
    groups, path = {}, []
    for line in text.splitlines():
        name = line.rsplit('--', 1)[-1].strip()
        depth = line.index(name)
        while path and groups[path[-1]][0] >= depth:
            path.pop()
        if name.startswith('@'):
            path.append(name[1:].rstrip(':'))
            groups[path[-1]] = (depth, [])
        else:
            groups[path[-1]][1].append(name)
    return groups


@pytest.fixture(scope='module')
def api():
    return AdminApi(dict(url=os.environ['CARBONIO_URL'], admin_user=os.environ['CARBONIO_ADMIN_USER'],
                         admin_password=os.environ['CARBONIO_ADMIN_PASSWORD'], ca_path=os.environ['CARBONIO_CA_PATH']))


@pytest.fixture(scope='module')
def servers(api):
    """The seeded server (mailbox, proxy, mta) and a node of this test (proxy and memcached enabled, mta installed only);
    the node deleted afterwards."""
    seeded = api.call('GetServerRequest', {'server': {'by': 'name', '_content': SEEDED}})['server'][0]['id']
    node = api.call('CreateServerRequest', {'name': NODE, 'a': [
        {'n': 'zimbraServiceInstalled', '_content': service} for service in ('proxy', 'memcached', 'mta')] + [
        {'n': 'zimbraServiceEnabled', '_content': service} for service in ('proxy', 'memcached')]})['server'][0]['id']
    yield {SEEDED: seeded, NODE: node}
    api.call('DeleteServerRequest', {'id': node})


def modify(api, server_id, change, service):
    api.call('ModifyServerRequest', {'id': server_id, 'a': [{'n': change + 'zimbraServiceEnabled', '_content': service}]})


def test_the_servers_are_in_the_groups_of_their_services(tmp_path, servers):
    (tmp_path / 'carbonio.yml').write_text('plugin: carbonio.admin.carbonio\n')
    groups = graph(ansible_inventory(tmp_path, 'carbonio.yml', '--graph'))
    # the service groups under carbonio_servers, which also holds every server itself
    assert groups['carbonio_servers'] == (5, [NODE, SEEDED])
    assert groups['carbonio_mailbox'] == (8, [SEEDED])
    assert groups['carbonio_mta'] == (8, [SEEDED])
    assert groups['carbonio_proxy'] == (8, [NODE, SEEDED])
    assert groups['carbonio_memcached'] == (8, [NODE])
    inventory = listed(tmp_path, 'carbonio.yml')
    assert sorted(inventory['carbonio_servers']['children']) == ['carbonio_mailbox', 'carbonio_memcached', 'carbonio_mta',
                                                                 'carbonio_proxy']
    node = inventory['_meta']['hostvars'][NODE]
    assert node == {'carbonio_server_name': NODE, 'carbonio_server_id': servers[NODE], 'carbonio_service_hostname': NODE,
                    'carbonio_services': ['proxy', 'memcached'], 'carbonio_services_installed': ['proxy', 'memcached', 'mta'],
                    'carbonio_attrs': {}}
    assert inventory['_meta']['hostvars'][SEEDED]['carbonio_services'] == ['mailbox', 'proxy', 'mta']


def test_a_server_whose_services_change_moves_group_on_the_next_run(tmp_path, api, servers):
    (tmp_path / 'carbonio.yml').write_text('plugin: carbonio.admin.carbonio\n')
    try:
        modify(api, servers[SEEDED], '-', 'mta')
        modify(api, servers[NODE], '+', 'mta')
        inventory = listed(tmp_path, 'carbonio.yml')
        assert hosts_of(inventory, 'carbonio_mta') == [NODE]
        assert hosts_of(inventory, 'carbonio_mailbox') == [SEEDED]
        assert inventory['_meta']['hostvars'][SEEDED]['carbonio_services'] == ['mailbox', 'proxy']
    finally:
        modify(api, servers[NODE], '-', 'mta')
        modify(api, servers[SEEDED], '+', 'mta')
    assert hosts_of(listed(tmp_path, 'carbonio.yml'), 'carbonio_mta') == [SEEDED]


def test_with_the_cache_on_a_change_shows_once_the_cache_is_flushed(tmp_path, api, servers):
    (tmp_path / 'carbonio.yml').write_text('plugin: carbonio.admin.carbonio\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n'
                                           'cache_connection: %s\n' % (tmp_path / 'cache'))
    assert hosts_of(listed(tmp_path, 'carbonio.yml'), 'carbonio_memcached') == [NODE]
    log = os.environ['CARBONIO_REQUEST_LOG']
    offset = os.path.getsize(log)
    try:
        modify(api, servers[NODE], '-', 'memcached')
        assert hosts_of(listed(tmp_path, 'carbonio.yml'), 'carbonio_memcached') == [NODE]
        with open(log, encoding='utf-8') as handle:
            handle.seek(offset)
            assert [line['request'] for line in map(json.loads, handle)] == ['ModifyServerRequest']
        flushed = listed(tmp_path, 'carbonio.yml', '--flush-cache')
        assert 'carbonio_memcached' not in flushed and hosts_of(flushed, 'carbonio_proxy') == [NODE, SEEDED]
        assert 'carbonio_memcached' not in listed(tmp_path, 'carbonio.yml')
    finally:
        modify(api, servers[NODE], '+', 'memcached')


def test_the_examples_work_as_written(tmp_path, servers):
    with open(os.path.join(COLLECTION, 'plugins', 'inventory', 'carbonio.py'), encoding='utf-8') as handle:
        tree = ast.parse(handle.read())
    examples = [node.value.value for node in tree.body if isinstance(node, ast.Assign) and node.targets[0].id == 'EXAMPLES'][0]
    (tmp_path / 'carbonio.yml').write_text(examples)
    inventory = listed(tmp_path, 'carbonio.yml')
    assert hosts_of(inventory, 'carbonio_all_in_one') == [SEEDED]
    assert hosts_of(inventory, 'carbonio_proxy_mail_mode_redirect') == [NODE, SEEDED]
    assert inventory['_meta']['hostvars'][NODE]['carbonio_admin_url'] == 'https://%s:7071/service/admin/soap/' % NODE


def test_the_readme_inventory_works_as_written(tmp_path, servers):
    with open(os.path.join(COLLECTION, 'README.md'), encoding='utf-8') as handle:
        blocks = re.findall(r'^```yaml\n(.*?)^```', handle.read(), re.MULTILINE | re.DOTALL)
    sources = [block for block in blocks if isinstance(yaml.safe_load(block), dict) and 'plugin' in yaml.safe_load(block)]
    assert len(sources) == 1
    (tmp_path / 'carbonio.yml').write_text(sources[0])
    inventory = listed(tmp_path, 'carbonio.yml')
    assert hosts_of(inventory, 'carbonio_dedicated_proxies') == [NODE] and hosts_of(inventory, 'carbonio_mailbox') == [SEEDED]


@pytest.mark.expected_warnings(r'Failed to parse inventory with', r'Unable to parse .*carbonio\.yml as an inventory source')
def test_refused_credentials_fail_the_run_naming_their_source(tmp_path):
    (tmp_path / 'carbonio.yml').write_text('plugin: carbonio.admin.carbonio\n')
    done = subprocess.run(['ansible-inventory', '-i', 'carbonio.yml', '--graph'], text=True, capture_output=True, check=False,
                          cwd=tmp_path, env=dict(os.environ, ANSIBLE_NOCOLOR='1', ANSIBLE_INVENTORY_UNPARSED_FAILED='1',
                                                 CARBONIO_ADMIN_PASSWORD='not-the-password'))
    assert done.returncode != 0
    assert ('carbonio inventory: account.AUTH_FAILED: authentication failed for [%s]; the credentials were admin_user from '
            'CARBONIO_ADMIN_USER in the environment and admin_password from CARBONIO_ADMIN_PASSWORD in the environment'
            % os.environ['CARBONIO_ADMIN_USER']) in done.stderr
    assert 'not-the-password' not in done.stderr + done.stdout
