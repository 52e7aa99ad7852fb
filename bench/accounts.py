"""Figures for carbonio_account at provider scale, against a simulator with a WAN-like latency.

A tenant of N accounts created cold in one task, the same task again (unchanged), again with one account
in ten changed; then the same M accounts converged by a loop of one task per account and by one bulk
task. Each prints seconds, HTTP round trips (the simulator's request log), peak memory (RSS of
ansible-playbook and its module process) and the client CPU per account. Figures, not tests.
Usage: make bench-accounts BENCH_ARGS='--accounts 10000 --loop 200 --latency-ms 20'
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_runs import run_playbook, start_simulator  # noqa: E402 pylint: disable=wrong-import-position

BULK = """    - carbonio.admin.carbonio_account:
        accounts: "{{ bench_accounts }}"
        cos: default
        password: Bench-Passw0rd-1
"""
# the accounts loaded and templated as a task argument, as the bulk task has them, without any module
VARIABLES_ONLY = """    - ansible.builtin.set_fact:
        bench_loaded: "{{ bench_accounts }}"
"""
LOOP = """    - carbonio.admin.carbonio_account:
        name: "{{ item.name }}"
        display_name: "{{ item.display_name }}"
        password: Bench-Passw0rd-1
      loop: "{{ bench_accounts }}"
"""


def tenant(domain, count, changed_every=0):
    return [{'name': f'user{n:05d}@{domain}', 'display_name': f'User {n}' + (' (moved)' if changed_every and n % changed_every == 0 else '')}
            for n in range(count)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--accounts', type=int, default=10000)
    parser.add_argument('--loop', type=int, default=200, help='accounts converged by a loop and by one bulk task')
    parser.add_argument('--latency-ms', type=int, default=20)
    parser.add_argument('--collections', required=True, help='the folder that holds ansible_collections/')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        sim, env = start_simulator(workdir, args.latency_ms, args.collections)
        try:
            for domain in ('tenant.bench.test', 'loop.bench.test', 'bulk.bench.test'):
                sim.soap('CreateDomainRequest', name=domain)
            accounts = tenant('tenant.bench.test', args.accounts)
            cold = run_playbook(workdir, BULK, env, {'bench_accounts': accounts})
            same = run_playbook(workdir, BULK, env, {'bench_accounts': accounts})
            drift = run_playbook(workdir, BULK, env, {'bench_accounts': tenant('tenant.bench.test', args.accounts, 10)})
            # what every ansible-playbook run costs before any task, to compare the tasks themselves; and what
            # loading and templating the tenant's variables costs ansible-playbook, whatever the module does
            baseline = run_playbook(workdir, '    - ansible.builtin.meta: noop\n', env)
            variables = run_playbook(workdir, VARIABLES_ONLY, env, {'bench_accounts': accounts})
            loop = run_playbook(workdir, LOOP, env, {'bench_accounts': tenant('loop.bench.test', args.loop)})
            bulk = run_playbook(workdir, BULK, env, {'bench_accounts': tenant('bulk.bench.test', args.loop)})
        finally:
            sim.stop()
    print(f'accounts: {args.accounts}, simulator latency: {args.latency_ms} ms per request')
    print(variables.line(f'{args.accounts} accounts as variables, no module', args.accounts))
    print(cold.line(f'create {args.accounts} accounts, one task', args.accounts, variables))
    print(same.line(f'the same {args.accounts}, unchanged      ', args.accounts, variables))
    print(drift.line(f'the same {args.accounts}, 10% changed   ', args.accounts, variables))
    print(loop.line(f'{args.loop} accounts, one task each      ', args.loop))
    print(bulk.line(f'{args.loop} accounts, one bulk task      ', args.loop))
    print(baseline.line('an empty playbook (startup)      '))
    print(f'bulk task / loop: {loop.seconds / bulk.seconds:.0f}x faster for the playbooks, '
          f'{(loop.seconds - baseline.seconds) / max(bulk.seconds - baseline.seconds, 0.01):.0f}x for the tasks alone')


if __name__ == '__main__':
    main()
