"""carbonio_cert source=acme against pebble (tests/simulator/proxy_lab.py): an order with its challenges, a finalize that the
CA refuses because no node serves them (nothing stored, nothing reported changed), then served, finalized and stored,
and a third run with nothing to order.

Run by `make playbooks` (tests/playbooks/nodes) under tools/with_simulator.py and tests/simulator/proxy_lab.py (CARBONIO_PROXY_LAB)."""

from __future__ import annotations

import json
import os
import subprocess

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from node_lab import writes_during

DOMAIN = 'acme-steps.test'
NAMES = ['mail.acme-steps.test', 'webmail.acme-steps.test']


def module(args, check=False):
    command = ['ansible', 'localhost', '-i', 'localhost,', '-c', 'local', '-m', 'carbonio.admin.carbonio_cert', '-a', json.dumps(args),
               '-e', 'ansible_python_interpreter={{ ansible_playbook_python }}'] + (['--check'] if check else [])
    done = subprocess.run(command, text=True, capture_output=True, check=False, env=dict(os.environ, ANSIBLE_NOCOLOR='1'))
    result = json.loads(done.stdout.split(' => ', 1)[1]) if ' => ' in done.stdout else {}
    return done.returncode, result


def test_order_finalize_and_nothing_more_to_do(lab, tmp_path):
    subprocess.run(['ansible', 'localhost', '-i', 'localhost,', '-c', 'local', '-m', 'carbonio.admin.carbonio_domain', '-a', json.dumps(
        {'name': DOMAIN, 'public_service_hostname': NAMES[0], 'virtual_hostnames': NAMES}),
        '-e', 'ansible_python_interpreter={{ ansible_playbook_python }}'], check=True, capture_output=True)
    account_key = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    (tmp_path / 'account.pem').write_text(account_key)
    args = {'domain': DOMAIN, 'source': 'acme', 'acme_directory': lab['acme']['directory'], 'acme_ca_path': lab['acme']['ca_path'],
            'acme_account_key_path': str(tmp_path / 'account.pem'), 'acme_issuer': 'CN=Pebble Intermediate CA',
            'trusted_roots_path': lab['acme']['issuer_root']}

    (rc, first), writes = writes_during(lambda: module(args))
    assert rc == 0 and first['changed'] and writes == []
    assert sorted(challenge['identifier'] for challenge in first['challenges']) == NAMES
    assert all(challenge['path'] == '.well-known/acme-challenge/' + challenge['token'] for challenge in first['challenges'])

    # nobody serves the challenges: the CA refuses, Carbonio is not touched, nothing is reported changed
    (rc, refused), writes = writes_during(lambda: module(dict(args, acme_order=first['acme_order'])))
    assert rc != 0 and refused['changed'] is False and writes == []
    assert refused['msg'].startswith('the CA could not validate ')

    (rc, second), _writes = writes_during(lambda: module(args))
    assert rc == 0 and second['acme_order'] != first['acme_order']
    root = lab['nodes'][1]['zextras_root']
    for challenge in second['challenges']:
        path = os.path.join(root, challenge['path'])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(challenge['content'])
    (rc, stored), writes = writes_during(lambda: module(dict(args, acme_order=second['acme_order'])))
    assert rc == 0 and stored['changed'], stored
    assert writes == ['ModifyDomainRequest', 'FlushCacheRequest']
    assert stored['certificate']['issuer'].startswith('CN=Pebble Intermediate CA')
    assert sorted(stored['certificate']['subject_alt_names']) == NAMES
    assert 'PRIVATE KEY' not in json.dumps(stored)

    (rc, again), writes = writes_during(lambda: module(args))
    assert rc == 0 and not again['changed'] and writes == [] and 'acme_order' not in again
    assert again['certificate']['fingerprint'] == stored['certificate']['fingerprint']
