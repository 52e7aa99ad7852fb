"""Every module's EXAMPLES run against the simulator, as a user would paste them into a play: one ansible-playbook run
per module, a setup play first creating what the examples refer to (domains, classes of service, accounts, a list),
then the examples as the tasks of a play on localhost. Each run must succeed and print no warning (conftest.py).

The example.com and example.org names, and the class of service names, are given a prefix per module
(jo@example.com -> jo@account-example.com, gold -> account-gold), so that one module's examples never meet the
objects another's left behind in the shared simulator. The variables an example takes from Vault or from an earlier
task of the user's play are set as play variables.

The examples that need what the simulator alone cannot give are listed in NOT_RUN with the reason, and only
syntax-checked (ansible-playbook --syntax-check), as are the README's YAML playbooks.

Run by `make playbooks` under tools/with_simulator.py --company-directory (CARBONIO_* connection in the environment,
and the company directory that carbonio_gal's examples check).
"""

from __future__ import annotations

import ast
import json
import os
import re
import ssl
import subprocess
import urllib.request

import pytest
import yaml

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = os.path.join(COLLECTION, 'plugins', 'modules')
PASSWORD = 'Example-Passw0rd-1'

NOT_RUN = {
    'carbonio_cert': 'needs certificate files and a key, a proxy node whose certbot gets Let\'s Encrypt certificates and an '
                     'ACME CA serving challenges: the simulated proxy nodes and pebble of tests/playbooks/nodes and the '
                     'cert_deploy Molecule scenario run these cases',
    'carbonio_served_cert_info': 'needs a proxy node answering TLS handshakes for mail.example.com: the simulated proxy '
                                 'nodes of tests/playbooks/nodes run it',
    'carbonio_served_file_info': 'needs a proxy node serving mail.example.com with a certificate the controller trusts: the '
                                 'proxy_assets role runs it on the simulated proxy nodes of tests/playbooks/nodes',
}


def setup_label(task):
    """What a setup task makes: the object it names, the accounts of a list, or the device that synchronises."""
    module, args = next(iter(task.items()))
    if module == 'ansible.builtin.uri':
        return 'device %s of %s' % (args['body']['deviceId'], args['body']['account'])
    return args.get('name') or args.get('domain') or 'accounts'


def phone(account, device_id):
    """A task that makes an ActiveSync device synchronise with the account (the simulator's control API)."""
    return {'ansible.builtin.uri': {'url': "{{ lookup('ansible.builtin.env', 'CARBONIO_CONTROL_URL') }}mobile-devices", 'method': 'POST',
                                    'body_format': 'json', 'body': {'account': account, 'deviceId': device_id},
                                    'ca_path': "{{ lookup('ansible.builtin.env', 'CARBONIO_CA_PATH') }}"}}


# What each module's examples refer to, in example.com terms (renamed as the examples are).
SETUP = {
    'carbonio_account': [
        {'carbonio.admin.carbonio_cos': {'name': 'gold'}},
        {'carbonio.admin.carbonio_cos': {'name': 'premium'}},
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_domain': {'name': 'example.org'}},
    ],
    'carbonio_account_info': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_account': {'domain': 'example.com', 'password': PASSWORD, 'accounts': [
            {'name': 'jo@example.com'}, {'name': 'al@example.com'}]}},
    ],
    'carbonio_auth_policy': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
    ],
    'carbonio_auth_policy_info': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_auth_policy': {'domain': 'example.com', 'policies': [{'service': ['imap'], 'policy': 'ip_2fa'}]}},
    ],
    'carbonio_cert_info': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
    ],
    'carbonio_cos': [
        {'carbonio.admin.carbonio_cos': {'name': 'bronze'}},
    ],
    'carbonio_cos_info': [],
    'carbonio_dlist': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_account': {'domain': 'example.com', 'password': PASSWORD, 'accounts': [
            {'name': name + '@example.com'} for name in ('jo', 'al', 'bea', 'cy')]}},
    ],
    'carbonio_dlist_info': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_dlist': {'name': 'team@example.com', 'members': ['someone@example.org']}},
        {'carbonio.admin.carbonio_dlist': {'name': 'sales@example.com', 'display_name': 'Sales'}},
    ],
    'carbonio_domain': [],
    'carbonio_domain_info': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
    ],
    'carbonio_gal': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
    ],
    'carbonio_gal_info': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_gal': {'domain': 'example.com', 'mode': 'both', 'ldap_urls': ['ldap://ldap.example.com'],
                                         'sync_accounts': [{'address': 'galsync@example.com', 'polling_interval': '1d'}]}},
    ],
    'carbonio_mobile_device': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_account': {'domain': 'example.com', 'password': PASSWORD, 'accounts': [
            {'name': name + '@example.com'} for name in ('jo', 'al')]}},
    ] + [phone('jo@example.com', 'ApplF2LXK1ZQ'), phone('al@example.com', 'androidc1234567'), phone('al@example.com', 'ApplAL2')],
    'carbonio_mobile_device_info': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_account': {'domain': 'example.com', 'password': PASSWORD, 'accounts': [{'name': 'jo@example.com'}]}},
        phone('jo@example.com', 'ApplJO1'),
    ],
    'carbonio_restore': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_account': {'name': 'jo@example.com', 'password': PASSWORD}},
        {'carbonio.admin.carbonio_account': {'name': 'jo@example.com', 'state': 'absent'}},
    ],
    'carbonio_restore_info': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_account': {'name': 'al@example.com', 'password': PASSWORD}},
        {'carbonio.admin.carbonio_account': {'name': 'al@example.com', 'state': 'absent'}},
    ],
    'carbonio_saml': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com', 'public_service_hostname': 'mail.example.com'}},
    ],
    'carbonio_saml_info': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com', 'public_service_hostname': 'mail.example.com'}},
        {'carbonio.admin.carbonio_saml': {'domain': 'example.com', 'idp_metadata_url': 'https://idp.example.com/idp/metadata.xml',
                                          'generate_sp_certificate': True}},
    ],
    'carbonio_theme': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
    ],
    'carbonio_theme_info': [
        {'carbonio.admin.carbonio_domain': {'name': 'example.com'}},
        {'carbonio.admin.carbonio_theme': {'domain': 'example.com', 'primary_color': '#a50'}},
    ],
}

# Files an example reads on the controller (accounts_src, lists_src), as its comment shows them; put in the play's files/.
FILES = {
    'carbonio_account': {'example.com.csv': 'name,display_name,aliases,mailbox_quota,password\n'
                                            'al@example.com,Al,al.smith@example.com;smith@example.com,20G,%s\n' % PASSWORD},
    'carbonio_dlist': {'lists.yml': '- {name: sales@example.com, members: [al@example.com, bea@example.com]}\n'
                                    '- {name: support@example.com, members: [cy@example.com], hidden: false}\n'},
}

# Variables an example takes from Vault or from the user's own earlier tasks.
VARIABLES = {
    'vault_initial_password': PASSWORD,
    'leaver_devices': [{'account': 'al@example.com', 'device_id': 'ApplAL2'}],
    'tenant_accounts': [{'name': 'al@example.com'}, {'name': 'bea@example.com'}, {'name': 'jo.doe@example.com'}],
}

# The company directory an external GAL's examples point at (ldap.example.com in the examples): the one `make playbooks`
# starts beside the simulator (tools/with_simulator.py --company-directory).
COMPANY = json.loads(os.environ.get('CARBONIO_TEST_COMPANY_LDAP') or 'null')
if COMPANY:
    VARIABLES['vault_gal_reader_password'] = COMPANY['bind_password']

# The identity provider whose metadata carbonio_saml's examples import (idp.example.com in the examples): the one `make
# playbooks` serves beside the simulator (tools/with_simulator.py --idp), its CA trusted by the controller (SSL_CERT_FILE
# for the examples' run) and by the simulator (its control API's trusted roots), as a public IdP's CA would be.
IDP = json.loads(os.environ.get('CARBONIO_TEST_IDP') or 'null')

COS_NAMES = ('gold', 'premium', 'bronze')
EXAMPLE_DOMAIN = re.compile(r'\bexample\.(com|org)\b')


def examples(module):
    """The EXAMPLES string of a module file, read without importing it."""
    with open(os.path.join(MODULES, module + '.py'), encoding='utf-8') as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, 'id', None) == 'EXAMPLES' for target in node.targets):
            return node.value.value
    raise AssertionError('%s has no EXAMPLES' % module)


def with_servers(text):
    """The examples' identity provider (idp.example.com) and company directory (ldap.example.com, its people and
    reader) replaced by those running here."""
    if IDP:
        text = text.replace('https://idp.example.com/idp/metadata.xml', IDP['https'] + '/metadata.xml')
    if not COMPANY:
        return text
    for example, real in (('ldaps://ldap.example.com', COMPANY['url']), ('ou=people,dc=example,dc=com', COMPANY['base']),
                          ('cn=gal-reader,ou=services,dc=example,dc=com', COMPANY['bind_dn'])):
        text = text.replace(example, real)
    return text


def modules():
    return sorted(name[:-3] for name in os.listdir(MODULES) if name.startswith('carbonio_') and name.endswith('.py'))


def renamed(value, tag):
    """value with example.com/org names and the example COS names given the module's prefix."""
    if isinstance(value, dict):
        return {key: renamed(item, tag) for key, item in value.items()}
    if isinstance(value, list):
        return [renamed(item, tag) for item in value]
    if isinstance(value, str):
        if value in COS_NAMES:
            return '%s-%s' % (tag, value)
        return EXAMPLE_DOMAIN.sub(lambda match: '%s-example.%s' % (tag, match.group(1)), value)
    return value


def play(name, tasks, variables=None):
    return {'name': name, 'hosts': 'localhost', 'connection': 'local', 'gather_facts': False,
            'vars': dict(variables or {}, ansible_python_interpreter='{{ ansible_playbook_python }}'), 'tasks': tasks}


def trusted_idp(folder):
    """{SSL_CERT_FILE: the system's roots and the IdP's CA}, the simulator told to trust that CA too; {} without an IdP."""
    if not IDP:
        return {}
    context = ssl.create_default_context(cafile=os.environ['CARBONIO_CA_PATH'])
    request = urllib.request.Request(os.environ['CARBONIO_CONTROL_URL'] + 'trusted-roots', method='POST',
                                     data=json.dumps({'name': 'example-idp', 'pem': IDP['ca_pem']}).encode(),
                                     headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, context=context, timeout=30) as answer:
        assert answer.status == 200
    bundle = os.path.join(str(folder), 'roots.pem')
    with open(ssl.get_default_verify_paths().cafile or '/etc/ssl/certs/ca-certificates.crt', encoding='ascii') as system, \
            open(bundle, 'w', encoding='ascii') as out:
        out.write(system.read() + '\n' + IDP['ca_pem'])
    return {'SSL_CERT_FILE': bundle}


def ansible_playbook(folder, playbook, *extra, inventory='localhost,', env=None):
    done = subprocess.run(['ansible-playbook', '-i', inventory, playbook] + list(extra), text=True, capture_output=True,
                          check=False, cwd=folder, env=dict(os.environ, ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0', **(env or {})))
    return done.returncode, done.stdout + done.stderr


def test_every_module_has_examples_and_is_run_or_listed():
    assert sorted(set(SETUP) | set(NOT_RUN)) == modules()
    assert not set(SETUP) & set(NOT_RUN)


@pytest.mark.parametrize('module', sorted(SETUP))
def test_the_examples_run(module, tmp_path):
    tag = module[len('carbonio_'):].replace('_', '-')
    setup = [dict(renamed(json.loads(with_servers(json.dumps(task))), tag), name='Set up: %s' % setup_label(task)) for task in SETUP[module]]
    plays = [play('Examples of %s' % module, renamed(yaml.safe_load(with_servers(examples(module))), tag), renamed(VARIABLES, tag))]
    if setup:
        plays.insert(0, play('What the examples of %s refer to' % module, setup))
    (tmp_path / 'examples.yml').write_text(yaml.safe_dump(plays, sort_keys=False))
    (tmp_path / 'files').mkdir()
    for name, text in FILES.get(module, {}).items():
        (tmp_path / 'files' / renamed(name, tag)).write_text(renamed(text, tag))
    rc, output = ansible_playbook(tmp_path, 'examples.yml', env=trusted_idp(tmp_path) if module.startswith('carbonio_saml') else None)
    assert rc == 0, output
    assert 'failed=0' in output and '[WARNING]' not in output, output
    # an example that says it changes nothing (an export applied back) changes nothing
    said = [task['name'] for task in plays[-1]['tasks'] if 'no change' in task.get('name', '')]
    shown = re.findall(r'^TASK \[([^\]]*no change[^\]]*)\][^\n]*\n(.*?)(?=^TASK |^PLAY )', output, re.MULTILINE | re.DOTALL)
    assert [task for task, _lines in shown] == said, output
    for task, lines in shown:
        assert 'changed:' not in lines and 'ok:' in lines, '%s:\n%s' % (task, lines)


@pytest.mark.parametrize('module', sorted(NOT_RUN))
def test_the_examples_not_run_parse(module, tmp_path):
    (tmp_path / 'examples.yml').write_text(yaml.safe_dump([play('Examples of %s' % module, yaml.safe_load(examples(module)))]))
    rc, output = ansible_playbook(tmp_path, 'examples.yml', '--syntax-check')
    assert rc == 0, output


def readme_blocks():
    with open(os.path.join(COLLECTION, 'README.md'), encoding='utf-8') as handle:
        blocks = re.findall(r'^```yaml\n(.*?)^```', handle.read(), re.MULTILINE | re.DOTALL)
    return [yaml.safe_load(block) for block in blocks]


def readme_playbooks():
    """The README's YAML blocks but its inventory sources (a mapping with `plugin:`, run by test_inventory.py)."""
    return [block for block in readme_blocks() if not (isinstance(block, dict) and 'plugin' in block)]


def test_the_readme_playbooks_parse(tmp_path):
    """The README's playbooks connect to a real server (mail.example.com) and to proxy nodes: syntax only. A block of
    tasks (no hosts) is checked as the tasks of a play."""
    found = readme_playbooks()
    assert len(found) >= 2
    (tmp_path / 'inventory.ini').write_text('localhost\n[carbonio_proxy]\nlocalhost\n')
    for number, playbook in enumerate(found):
        if not any('hosts' in block for block in playbook):
            playbook = [play('README tasks %d' % number, playbook)]
        (tmp_path / ('readme%d.yml' % number)).write_text(yaml.safe_dump(playbook, sort_keys=False))
        rc, output = ansible_playbook(tmp_path, 'readme%d.yml' % number, '--syntax-check', inventory='inventory.ini')
        assert rc == 0, output
