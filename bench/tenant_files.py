"""Figures for a tenant read from a file (accounts_src) against the same tenant loaded through vars_files.

N accounts (name, display name, password) written once as CSV and once as a YAML vars file; the tenant is created
from the CSV, then declared again unchanged from the CSV and from vars_files (the median of --repeat runs each). For
scale, an empty playbook (the startup) and one ansible.builtin.uri task (ansible-core's own cost of a module task that
sends a request, as ours do) run too. Each run is split into the server's time (the simulator's request log: from when
each request came in to when its answer was ready, the simulated latency included) and the rest: ansible-playbook,
the action plugin, the module.
Figures, not tests. Usage: make bench-files BENCH_ARGS='--accounts 10000 --latency-ms 20'
"""
import argparse
import csv
import json
import os
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_runs import PLAYBOOK, ROOT, run_measured, start_simulator  # noqa: E402 pylint: disable=wrong-import-position

FROM_CSV = """    - carbonio.admin.carbonio_account:
        accounts_src: {path}
        cos: default
"""
FROM_VARS = """    - carbonio.admin.carbonio_account:
        accounts: "{{ bench_accounts }}"
        cos: default
"""
NOOP = """    - ansible.builtin.meta: noop
"""
# ansible-core's own cost of one module task that sends one HTTPS request through ansible.module_utils.urls, as ours do
ONE_REQUEST = """    - ansible.builtin.uri:
        url: "{{ lookup('ansible.builtin.env', 'CARBONIO_URL') }}"
        ca_path: "{{ lookup('ansible.builtin.env', 'CARBONIO_CA_PATH') }}"
        status_code: [200, 400, 404, 405, 500]
"""


def tenant(domain, count):
    return [{'name': f'user{n:05d}@{domain}', 'display_name': f'User {n}', 'password': f'Bench-Passw0rd-{n:05d}'}
            for n in range(count)]


def server_seconds(log_path):
    """The server's share of a run: for every HTTP request, from its arrival to its answer (batch items are inside)."""
    with open(log_path, encoding='utf-8') as handle:
        lines = [json.loads(line) for line in handle]
    return sum(line['ts'] - line['received'] for line in lines if not line['batch'] and 'received' in line)


def run(workdir, name, tasks, env, vars_file=None, repeat=1):
    """The run of median length among `repeat` runs of the same playbook (this machine's noise is large)."""
    runs = sorted((run_once(workdir, name, tasks, env, vars_file) for _attempt in range(repeat)), key=lambda measured: measured.seconds)
    return runs[len(runs) // 2]


def run_once(workdir, name, tasks, env, vars_file=None):
    path = os.path.join(workdir, name + '.yml')
    text = PLAYBOOK % tasks
    if vars_file:
        text = text.replace('  tasks:\n', '  vars_files:\n    - %s\n  tasks:\n' % vars_file, 1)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)
    measured = run_measured([os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', 'localhost,', path], env, name)
    measured.server = server_seconds(env['CARBONIO_REQUEST_LOG'])
    return measured


def line(label, measured, startup=None, one_task=None):
    text = (f'{label}: {measured.seconds:.2f} s end to end, {measured.round_trips} round trips, server {measured.server:.2f} s, '
            f'the collection and ansible-playbook {measured.seconds - measured.server:.2f} s')
    if startup is not None:
        text += f' ({measured.seconds - measured.server - startup.seconds:.2f} s beyond an empty playbook'
        if one_task is not None:
            text += f', {measured.seconds - measured.server - (one_task.seconds - one_task.server):.2f} s beyond one uri task'
        text += ')'
    return text + f', peak {measured.peak_mb:.0f} MB'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--accounts', type=int, default=10000)
    parser.add_argument('--latency-ms', type=int, default=20)
    parser.add_argument('--repeat', type=int, default=3, help='runs of each unchanged playbook; the median is shown')
    parser.add_argument('--collections', required=True, help='the folder that holds ansible_collections/')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        accounts = tenant('files.bench.test', args.accounts)
        csv_path = os.path.join(workdir, 'tenant.csv')
        with open(csv_path, 'w', encoding='utf-8', newline='') as handle:
            writer = csv.DictWriter(handle, ['name', 'display_name', 'password'])
            writer.writeheader()
            writer.writerows(accounts)
        vars_path = os.path.join(workdir, 'tenant_vars.yml')
        with open(vars_path, 'w', encoding='utf-8') as handle:
            yaml.safe_dump({'bench_accounts': accounts}, handle, sort_keys=False)
        sim, env = start_simulator(workdir, args.latency_ms, args.collections)
        try:
            sim.soap('CreateDomainRequest', name='files.bench.test')
            cold = run(workdir, 'cold', FROM_CSV.format(path=csv_path), env)
            same_csv = run(workdir, 'csv', FROM_CSV.format(path=csv_path), env, repeat=args.repeat)
            same_vars = run(workdir, 'vars', FROM_VARS, env, vars_path, repeat=args.repeat)
            startup = run(workdir, 'noop', NOOP, env, repeat=args.repeat)
            one_task = run(workdir, 'uri', ONE_REQUEST, env, repeat=args.repeat)
        finally:
            sim.stop()
    print(f'accounts: {args.accounts} (name, display name, password), simulator latency: {args.latency_ms} ms per request; '
          f'unchanged runs: the median of {args.repeat}')
    print(line(f'create {args.accounts} from CSV            ', cold, startup, one_task))
    print(line(f'the same {args.accounts}, unchanged, CSV   ', same_csv, startup, one_task))
    print(line(f'the same {args.accounts}, unchanged, YAML vars_files', same_vars, startup, one_task))
    print(line('an empty playbook (startup)          ', startup))
    print(line('one ansible.builtin.uri task         ', one_task, startup))


if __name__ == '__main__':
    main()
