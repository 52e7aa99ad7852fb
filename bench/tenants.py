"""Figures for many tenants at once: playbooks/tenant.yml over N tenants (one inventory host each) with 1, 4 and 8
forks against one simulator with a WAN-like latency, each converged cold and then re-run unchanged.
Prints wall time, HTTP round trips, peak memory and client CPU of each run. Figures, not tests.
Usage: make bench-tenants BENCH_ARGS='--tenants 32 --latency-ms 20'
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_runs import ROOT, run_measured, start_simulator  # noqa: E402 pylint: disable=wrong-import-position

sys.path.insert(0, os.path.join(ROOT, 'tests', 'playbooks'))
from tenant_inventory import write_inventory  # noqa: E402 pylint: disable=wrong-import-position


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--tenants', type=int, default=32)
    parser.add_argument('--forks', type=int, nargs='+', default=[1, 4, 8])
    parser.add_argument('--latency-ms', type=int, default=20)
    parser.add_argument('--collections', required=True, help='the folder that holds ansible_collections/')
    args = parser.parse_args()
    playbook = os.path.join(ROOT, 'playbooks', 'tenant.yml')
    print(f'tenants: {args.tenants} (a COS, a domain and 3 accounts each), simulator latency: {args.latency_ms} ms per request')
    with tempfile.TemporaryDirectory() as workdir:
        sim, env = start_simulator(workdir, args.latency_ms, args.collections)
        try:
            for forks in args.forks:
                inventory = write_inventory(os.path.join(workdir, f'forks{forks}.yml'), args.tenants, f'forks{forks}.bench.test')
                command = [os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', inventory, '-f', str(forks), playbook]
                cold = run_measured(command, env)
                same = run_measured(command, env)
                print(cold.line(f'{forks} forks, cold     ', args.tenants), flush=True)
                print(same.line(f'{forks} forks, unchanged', args.tenants), flush=True)
        finally:
            sim.stop()


if __name__ == '__main__':
    main()
