"""Figures for the domain modules against a simulator with many domains and a WAN-like latency.

Prints the seconds, the round trips (HTTP requests, from the simulator's request log) and the peak
memory (RSS of ansible-playbook with its module process) of three runs, each its own ansible-playbook:
`carbonio_domain_info` for N domains, an unchanged `carbonio_domain`, and the purge of a domain that
holds M accounts. Usage: make bench BENCH_ARGS='--domains 500 --latency-ms 20 --accounts 2000'
"""
import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
from simulator_process import SimulatorProcess  # noqa: E402 pylint: disable=wrong-import-position

PLAYBOOK = """
- hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  tasks:
    - carbonio.admin.%s
"""


def create_in_batches(sim, request, bodies, size=200):
    """Test data, sent in BatchRequests of `size` items."""
    for start in range(0, len(bodies), size):
        items = [dict(body, _jsns='urn:zimbraAdmin') for body in bodies[start:start + size]]
        sim.soap('BatchRequest', onerror='continue', **{request: items})


def run_playbook(workdir, task, env):
    path = os.path.join(workdir, 'play.yml')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(PLAYBOOK % task)
    with open(env['CARBONIO_REQUEST_LOG'], 'w', encoding='utf-8'):
        pass  # empty the log: count this run only
    started = time.monotonic()
    proc = subprocess.Popen([os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', 'localhost,', path],
                            env=env, stdout=subprocess.DEVNULL)
    # wait4 gives this run's own peak memory (its module processes included), not the simulator's
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - started
    if proc.returncode:
        raise SystemExit('ansible-playbook failed: %s' % task)
    with open(env['CARBONIO_REQUEST_LOG'], encoding='utf-8') as handle:
        lines = [json.loads(line) for line in handle]
    return elapsed, len([line for line in lines if not line['batch']]), usage.ru_maxrss / 1024.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--domains', type=int, default=500)
    parser.add_argument('--latency-ms', type=int, default=20)
    parser.add_argument('--accounts', type=int, default=1000, help='accounts in the domain that is purged')
    parser.add_argument('--collections', required=True, help='the folder that holds ansible_collections/')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        password = secrets.token_urlsafe(18)
        sim = SimulatorProcess(os.path.join(workdir, 'sim'), password, ['--latency-ms', str(args.latency_ms)])
        ready, log = sim.ready, sim.ready['request_log']
        try:
            create_in_batches(sim, 'CreateDomainRequest', [
                {'name': f'd{n:05d}.bench.test', 'a': [{'n': 'zimbraNotes', '_content': f'bench {n}'}]} for n in range(args.domains)])
            env = dict(os.environ, CARBONIO_URL=ready['url'], CARBONIO_ADMIN_USER=ready['admin_user'],
                       CARBONIO_ADMIN_PASSWORD=password, CARBONIO_CA_PATH=ready['ca_path'], CARBONIO_REQUEST_LOG=log,
                       ANSIBLE_COLLECTIONS_PATH=args.collections)
            info = run_playbook(workdir, 'carbonio_domain_info: {}', env)
            same = run_playbook(workdir, 'carbonio_domain: {name: d00001.bench.test, notes: bench 1}', env)
            sim.soap('CreateDomainRequest', name='purge.bench.test')
            create_in_batches(sim, 'CreateAccountRequest', [{'name': f'user{n:05d}@purge.bench.test'} for n in range(args.accounts)])
            purge = run_playbook(workdir, 'carbonio_domain: {name: purge.bench.test, state: absent, purge: true}', env)
        finally:
            sim.stop()
    print(f'domains: {args.domains}, simulator latency: {args.latency_ms} ms per request')
    print(f'carbonio_domain_info, all domains: {info[0]:.2f} s, {info[1]} round trips, peak {info[2]:.0f} MB')
    print(f'carbonio_domain, unchanged:        {same[0]:.2f} s, {same[1]} round trips, peak {same[2]:.0f} MB')
    print(f'carbonio_domain, purge of {args.accounts} accounts: {purge[0]:.2f} s, {purge[1]} round trips, peak {purge[2]:.0f} MB')


if __name__ == '__main__':
    main()
