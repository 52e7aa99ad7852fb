"""The cert_deploy role on three simulated proxy nodes: a node whose nginx breaks mid-rollout stops the play there
(earlier nodes serve the new certificate, that node and later ones the old one), a re-run after the repair converges;
a domain leaving Let's Encrypt loses its certbot lineage; keys appear nowhere in a -vvv run.

Run by `make playbooks` (tests/playbooks/nodes) under tools/with_simulator.py and tests/simulator/proxy_lab.py (CARBONIO_PROXY_LAB)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import ssl
import subprocess

import pytest
from cryptography.hazmat.primitives import hashes

from node_lab import ansible

from tests.pki import key_pem, make, pem

DOMAIN = 'rollout.test'
HOSTS = ('mail.rollout.test', 'webmail.rollout.test')
PLAYBOOK = '''
- name: Roll out certificates
  hosts: all
  gather_facts: false
  roles:
    - role: carbonio.admin.cert_deploy
      vars:
        cert_deploy_become: false
        cert_deploy_domains: "{{ rollout_domains }}"
'''


@pytest.fixture(scope='module')
def workdir(tmp_path_factory, lab):
    folder = tmp_path_factory.mktemp('rollout')
    hosts = {node['server']: {'cert_deploy_zextras_root': node['zextras_root'], 'cert_deploy_certbot_log': node['certbot_log'],
                              'cert_deploy_https_port': node['https_port'], 'cert_deploy_http_port': node['http_port'],
                              # the node's own systemctl first
                              'cert_deploy_environment': {'PATH': node['bin'] + os.pathsep + os.environ['PATH']}}
             for node in lab['nodes']}
    inventory = {'all': {'hosts': hosts, 'vars': {'ansible_connection': 'local',
                                                  'ansible_python_interpreter': '{{ ansible_playbook_python }}'}}}
    (folder / 'inventory.json').write_text(json.dumps(inventory))
    (folder / 'rollout.yml').write_text(PLAYBOOK)
    ansible(folder, ['ansible', 'localhost', '-i', 'localhost,', '-c', 'local', '-m', 'carbonio.admin.carbonio_domain', '-a', json.dumps(
        {'name': DOMAIN, 'public_service_hostname': HOSTS[0], 'virtual_hostnames': HOSTS})])
    for name in ('switch.test', 'fails.test'):
        ansible(folder, ['ansible', 'localhost', '-i', 'localhost,', '-c', 'local', '-m', 'carbonio.admin.carbonio_domain', '-a', json.dumps(
            {'name': name, 'public_service_hostname': 'mail.' + name, 'virtual_hostnames': ['mail.' + name]})])
    return folder


@pytest.fixture(scope='module')
def pki():
    root, root_key = make('Rollout Root', ca=True)
    return root, root_key


def certificate(pki, folder, label, names):
    root, root_key = pki
    leaf, key = make(names[0], root, root_key, names=names)
    files = {'cert': pem(leaf), 'chain': pem(root), 'key': key_pem(key)}
    for kind, text in files.items():
        (folder / f'{label}.{kind}.pem').write_text(text)
    return leaf, files


def roll_out(folder, domains, *extra):
    (folder / 'vars.json').write_text(json.dumps({'rollout_domains': domains}))
    return ansible(folder, ['ansible-playbook', '-i', 'inventory.json', 'rollout.yml', '-e', '@vars.json'] + list(extra), check=False)


def custom(folder, label, domain=DOMAIN):
    return {'domain': domain, 'source': 'custom', 'certificate_path': str(folder / f'{label}.cert.pem'),
            'chain_path': str(folder / f'{label}.chain.pem'), 'private_key_path': str(folder / f'{label}.key.pem')}


def served_fingerprint(port, name):
    """SHA-256 of the certificate a node answers a handshake for `name` with (checked here independently of the
    collection's own carbonio_served_cert_info)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with socket.create_connection(('127.0.0.1', port), timeout=10) as raw, context.wrap_socket(raw, server_hostname=name) as tls:
        return ':'.join('%02X' % byte for byte in hashlib.sha256(tls.getpeercert(binary_form=True)).digest())


def served(lab, names=HOSTS):
    return [[served_fingerprint(node['https_port'], name) for name in names] for node in lab['nodes']]


def regenerated(output):
    """The nodes whose proxy configuration a run regenerated: the hosts the task reports changed (each node on its own)."""
    hosts = []
    for block in re.split(r'\nTASK \[', output)[1:]:
        if block.startswith('carbonio.admin.cert_deploy : Regenerate the proxy configuration]'):
            hosts += re.findall(r'^changed: \[([^\]]+)\]', block, re.M)
    return hosts


def recap_by_host(output):
    return dict((host, int(count)) for host, count in re.findall(r'^(\S+)\s+: ok=\d+\s+changed=(\d+)', output.split('PLAY RECAP')[-1], re.M))


def recap_changes(output):
    return sum(int(count) for count in re.findall(r'changed=(\d+)', output.split('PLAY RECAP')[-1]))


def test_a_node_that_breaks_stops_the_rollout_and_a_rerun_after_the_repair_converges(lab, workdir, pki):
    first, _files = certificate(pki, workdir, 'first', HOSTS)
    done = roll_out(workdir, [custom(workdir, 'first')])
    assert done.returncode == 0, done.stdout + done.stderr
    old = fingerprint_of(first)
    assert served(lab) == [[old, old]] * 3

    second, files = certificate(pki, workdir, 'second', HOSTS)
    new = fingerprint_of(second)
    local = os.path.join(lab['nodes'][1]['zextras_root'], 'conf', 'nginx.conf.local')
    with open(local, 'w', encoding='utf-8') as handle:
        handle.write('this_is_not_an_nginx_directive on;\n')
    done = roll_out(workdir, [custom(workdir, 'second')], '-vvv')
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert 'proxy2.carbonio.test: the new certificates could not be served' in output
    assert served(lab) == [[new, new], [old, old], [old, old]]
    third_root = lab['nodes'][2]['zextras_root']
    with open(os.path.join(third_root, 'conf', 'domaincerts', DOMAIN + '.crt'), encoding='utf-8') as handle:
        assert handle.read().startswith(pem(first))
    key_lines = [line for line in files['key'].splitlines() if len(line) > 40]
    assert key_lines and not [line for line in key_lines if line in output]

    with open(local, 'w', encoding='utf-8') as handle:
        handle.write('')
    done = roll_out(workdir, [custom(workdir, 'second')])
    assert done.returncode == 0, done.stdout + done.stderr
    assert served(lab) == [[new, new]] * 3
    # only the two nodes left behind were regenerated, and each reports its own changes (AWX host summaries)
    assert regenerated(done.stdout) == ['proxy2.carbonio.test', 'proxy3.carbonio.test'], done.stdout
    changes = recap_by_host(done.stdout)
    assert changes['proxy1.carbonio.test'] == 0 and changes['proxy2.carbonio.test'] > 0 and changes['proxy3.carbonio.test'] > 0, changes


def timer_state(node):
    path = os.path.join(node['root'], 'etc', 'systemd', 'units.json')
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as handle:
        return json.load(handle)['carbonio-certbot.timer']


def test_a_domain_leaving_lets_encrypt_loses_its_lineage(lab, workdir, pki):
    lineage = os.path.join(lab['nodes'][0]['zextras_root'], 'common', 'certbot', 'etc', 'letsencrypt', 'live', 'switch.test')
    letsencrypt = [{'domain': 'switch.test', 'source': 'letsencrypt', 'acme_issuer': 'CN=Pebble Intermediate CA'}]
    done = roll_out(workdir, letsencrypt, '-e', 'cert_deploy_renewal_timer=true')
    assert done.returncode == 0, done.stdout + done.stderr
    assert os.path.isdir(lineage)
    issued = served(lab, ['mail.switch.test'])
    assert len(set(fingerprint for row in issued for fingerprint in row)) == 1
    # the renewal timer runs where the lineage is, and only there
    assert [timer_state(node) for node in lab['nodes']] == [{'enabled': True, 'active': True}, None, None]
    done = roll_out(workdir, letsencrypt, '-e', 'cert_deploy_renewal_timer=true')
    assert done.returncode == 0 and recap_changes(done.stdout) == 0, done.stdout

    own, _files = certificate(pki, workdir, 'own', ['mail.switch.test'])
    done = roll_out(workdir, [custom(workdir, 'own', 'switch.test')])
    assert done.returncode == 0, done.stdout + done.stderr
    assert not os.path.exists(lineage)
    assert served(lab, ['mail.switch.test']) == [[fingerprint_of(own)]] * 3


def fingerprint_of(cert):
    return ':'.join('%02X' % byte for byte in cert.fingerprint(hashes.SHA256()))


def test_certbot_failing_on_its_node_stops_the_play_with_its_log(lab, workdir):
    """proxy1 runs certbot; with its nginx down, the CA reaches only nodes without the challenge file."""
    proxyctl = os.path.join(lab['nodes'][0]['zextras_root'], 'bin', 'zmproxyctl')
    subprocess.run([proxyctl, 'stop'], check=True, capture_output=True)
    try:
        done = roll_out(workdir, [{'domain': 'fails.test', 'source': 'letsencrypt', 'acme_issuer': 'CN=Pebble Intermediate CA'}],
                        '-e', 'cert_deploy_lineage_timeout=4')
    finally:
        subprocess.run([proxyctl, 'start'], check=True, capture_output=True)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert 'certbot on proxy1.carbonio.test wrote no new certificate for fails.test within 4 s' in output
    assert 'Some challenges have failed' in output
    assert not os.path.exists(os.path.join(lab['nodes'][0]['zextras_root'], 'common', 'certbot', 'etc', 'letsencrypt', 'live',
                                           'fails.test'))
