"""The tenant job templates of playbooks/ against one simulator: tenants converged in parallel (one inventory host
per tenant, forks >= 4) without interfering, a re-run that changes and writes nothing, and the nightly drift check
naming an out-of-band change in its Markdown report while writing nothing to Carbonio.

Run by `make playbooks` under tools/with_simulator.py, which exports the simulator's CARBONIO_* connection and its
request log; the playbooks are those of the collection copy this file sits in.
"""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from tenant_inventory import PASSWORD, write_inventory

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOKS = os.path.join(COLLECTION, 'playbooks')
TENANTS = 6


def run(command):
    done = subprocess.run(command, text=True, capture_output=True, check=False, cwd=PLAYBOOKS,
                          env=dict(os.environ, ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0'))
    return done.returncode, done.stdout + done.stderr


def playbook(name, inventory, forks, *extra):
    return run(['ansible-playbook', '-i', inventory, '-f', str(forks), os.path.join(PLAYBOOKS, name)] + list(extra))


def recap(output):
    """{host: {ok, changed, failed, ...}} from the PLAY RECAP."""
    hosts = {}
    for host, counts in re.findall(r'^(\S+)\s+:\s+(ok=.*)$', output.split('PLAY RECAP', 1)[-1], re.MULTILINE):
        hosts[host] = {key: int(value) for key, value in re.findall(r'(\w+)=(\d+)', counts)}
    return hosts


class RequestLog:
    """What the simulator received since the last mark."""

    def __init__(self):
        self.path = os.environ['CARBONIO_REQUEST_LOG']
        self.offset = 0

    def mark(self):
        self.offset = os.path.getsize(self.path) if os.path.exists(self.path) else 0  # written from the first request on

    def since(self):
        with open(self.path, encoding='utf-8') as handle:
            handle.seek(self.offset)
            return [json.loads(line) for line in handle]


@pytest.fixture(scope='module')
def converged(tmp_path_factory):
    """Six tenants converged by tenant.yml with six forks: (inventory, output, requests)."""
    inventory = write_inventory(str(tmp_path_factory.mktemp('tenants') / 'tenants.yml'), TENANTS)
    log = RequestLog()
    log.mark()
    rc, output = playbook('tenant.yml', inventory, TENANTS)
    assert rc == 0, output
    return inventory, output, log.since()


def test_every_tenant_converges_when_run_in_parallel(converged):
    _inventory, output, requests = converged
    hosts = recap(output)
    assert sorted(hosts) == [f'tenant{n}' for n in range(TENANTS)]
    assert all(counts['failed'] == 0 and counts['changed'] == 3 for counts in hosts.values()), hosts
    assert '[WARNING]' not in output  # a job log an operator reads without noise
    created = {request['request']: 0 for request in requests}
    for request in requests:
        created[request['request']] += 1
    assert (created.get('CreateCosRequest'), created.get('CreateDomainRequest'), created.get('CreateAccountRequest')) == (
        TENANTS, TENANTS, 3 * TENANTS)
    # the only faults are the reads that found a class of service missing before creating it
    assert [request['request'] for request in requests if request['fault'] and request['write']] == []


def test_the_rerun_changes_and_writes_nothing(converged):
    inventory, _output, _requests = converged
    log = RequestLog()
    log.mark()
    rc, output = playbook('tenant.yml', inventory, TENANTS)
    assert rc == 0, output
    assert all(counts['changed'] == 0 and counts['failed'] == 0 for counts in recap(output).values()), output
    assert [request['request'] for request in log.since() if request['write']] == []


def test_the_drift_check_reports_an_out_of_band_change_and_writes_nothing(converged, tmp_path):
    inventory, _output, _requests = converged
    for module, args in (('carbonio.admin.carbonio_domain', 'name=t2.tenants.test description="changed by hand"'),
                         ('carbonio.admin.carbonio_account', 'name=u1@t4.tenants.test display_name="Someone Else"')):
        rc, output = run(['ansible', 'localhost', '-i', 'localhost,', '-c', 'local', '-m', module, '-a', args,
                          '-e', 'ansible_python_interpreter={{ ansible_playbook_python }}'])
        assert rc == 0, output
    log = RequestLog()
    log.mark()
    # by its name from the collection, as from an installed copy; the report goes to report_path and the run says where
    rc, output = run(['ansible-playbook', '-i', inventory, '-f', str(TENANTS), 'carbonio.admin.drift_check', '-e', f'report_path={tmp_path}'])
    assert rc == 0, output
    report = tmp_path / 'carbonio-drift-report.md'
    assert f'"msg": "Drift report written to {report}"' in output
    assert not os.path.exists(os.path.join(PLAYBOOKS, 'carbonio-drift-report.md'))
    assert [request['request'] for request in log.since() if request['write']] == []
    text = report.read_text()
    assert '## tenant2 (t2.tenants.test)' in text
    assert '| domain | t2.tenants.test | `description`: "changed by hand" → "Tenant 2" |' in text
    assert '## tenant4 (t4.tenants.test)' in text
    assert '| account | u1@t4.tenants.test | changed: `display_name`: "Someone Else" → "User 1 of tenant 4" |' in text
    assert '2 of 6 tenants drifted: tenant2, tenant4' in text
    assert 'In sync: tenant0, tenant1, tenant3, tenant5.' in text
    assert PASSWORD not in text
