"""Figures for the domain modules against a simulator with many domains and a WAN-like latency.

Prints the seconds, the round trips (HTTP requests, from the simulator's request log) and the peak
memory (RSS of ansible-playbook with its module process) of three runs, each its own ansible-playbook:
`carbonio_domain_info` for N domains, an unchanged `carbonio_domain`, and the purge of a domain that
holds M accounts. Usage: make bench BENCH_ARGS='--domains 500 --latency-ms 20 --accounts 2000'
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_runs import create_in_batches, run_playbook, start_simulator  # noqa: E402 pylint: disable=wrong-import-position


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--domains', type=int, default=500)
    parser.add_argument('--latency-ms', type=int, default=20)
    parser.add_argument('--accounts', type=int, default=1000, help='accounts in the domain that is purged')
    parser.add_argument('--collections', required=True, help='the folder that holds ansible_collections/')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        sim, env = start_simulator(workdir, args.latency_ms, args.collections)
        try:
            create_in_batches(sim, 'CreateDomainRequest', [
                {'name': f'd{n:05d}.bench.test', 'a': [{'n': 'zimbraNotes', '_content': f'bench {n}'}]} for n in range(args.domains)])
            info = run_playbook(workdir, '    - carbonio.admin.carbonio_domain_info: {}', env)
            same = run_playbook(workdir, '    - carbonio.admin.carbonio_domain: {name: d00001.bench.test, notes: bench 1}', env)
            sim.soap('CreateDomainRequest', name='purge.bench.test')
            create_in_batches(sim, 'CreateAccountRequest', [{'name': f'user{n:05d}@purge.bench.test'} for n in range(args.accounts)])
            purge = run_playbook(workdir, '    - carbonio.admin.carbonio_domain: {name: purge.bench.test, state: absent, purge: true}', env)
        finally:
            sim.stop()
    print(f'domains: {args.domains}, simulator latency: {args.latency_ms} ms per request')
    print(info.line('carbonio_domain_info, all domains'))
    print(same.line('carbonio_domain, unchanged       '))
    print(purge.line(f'carbonio_domain, purge of {args.accounts} accounts'))


if __name__ == '__main__':
    main()
