"""Figures for carbonio_dlist at provider scale, against a simulator with a WAN-like latency.

N lists of M members created in one task, then declared again (unchanged); D dynamic ACL groups of M members (their
members kept on the accounts, read in one more round trip) the same way; one list of L members created, declared
again, and given 100 more members. Each prints seconds, HTTP round trips (the simulator's request log), peak memory
(ansible-playbook and its module process) and, for the additions, how many write requests carried them.
Figures, not tests. Usage: make bench-lists BENCH_ARGS='--lists 500 --members 20 --dynamic 100 --big 20000 --latency-ms 20'
"""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_runs import run_playbook, start_simulator  # noqa: E402 pylint: disable=wrong-import-position

DOMAIN = 'lists.bench.test'
BULK = """    - carbonio.admin.carbonio_dlist:
        lists: "{{ bench_lists }}"
"""
ONE = """    - carbonio.admin.carbonio_dlist:
        name: big@%s
        members: "{{ bench_members }}"
""" % DOMAIN


def members(count, start=0):
    return ['member%06d@outside.bench.test' % n for n in range(start, start + count)]


def writes(env):
    """The write requests of the last run, from the simulator's request log."""
    with open(env['CARBONIO_REQUEST_LOG'], encoding='utf-8') as handle:
        return [line['request'] for line in (json.loads(text) for text in handle) if line.get('write')]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--lists', type=int, default=500)
    parser.add_argument('--members', type=int, default=20)
    parser.add_argument('--dynamic', type=int, default=100, help='dynamic ACL groups, each with --members accounts')
    parser.add_argument('--big', type=int, default=20000, help='members of the one big list')
    parser.add_argument('--latency-ms', type=int, default=20)
    parser.add_argument('--collections', required=True, help='the folder that holds ansible_collections/')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        sim, env = start_simulator(workdir, args.latency_ms, args.collections)
        try:
            sim.soap('CreateDomainRequest', name=DOMAIN)
            lists = [{'name': 'list%04d@%s' % (n, DOMAIN), 'members': members(args.members, n)} for n in range(args.lists)]
            cold = run_playbook(workdir, BULK, env, {'bench_lists': lists})
            same = run_playbook(workdir, BULK, env, {'bench_lists': lists})
            # an ACL group's members are accounts of this Carbonio (zimbraMemberOf on each)
            sim.soap('CreateDomainRequest', name='acl.' + DOMAIN)
            accounts = ['user%04d@acl.%s' % (n, DOMAIN) for n in range(args.members)]
            run_playbook(workdir, '''    - carbonio.admin.carbonio_account:
        accounts: "{{ bench_accounts }}"
''', env, {'bench_accounts': [{'name': name} for name in accounts]})
            groups = [{'name': 'group%04d@acl.%s' % (n, DOMAIN), 'dynamic': True, 'members': accounts} for n in range(args.dynamic)]
            dyn_cold = run_playbook(workdir, BULK, env, {'bench_lists': groups})
            dyn_same = run_playbook(workdir, BULK, env, {'bench_lists': groups})
            big = members(args.big)
            big_cold = run_playbook(workdir, ONE, env, {'bench_members': big})
            big_same = run_playbook(workdir, ONE, env, {'bench_members': big})
            big_more = run_playbook(workdir, ONE, env, {'bench_members': big + members(100, args.big)})
            added = writes(env)
        finally:
            sim.stop()
    print('lists: %d of %d members, one list of %d members, simulator latency: %d ms per request'
          % (args.lists, args.members, args.big, args.latency_ms))
    print(cold.line('create %d lists, one task' % args.lists, per=args.lists))
    print(same.line('the same %d lists, unchanged' % args.lists, per=args.lists))
    print(dyn_cold.line('create %d dynamic ACL groups of %d accounts, one task' % (args.dynamic, args.members), per=args.dynamic))
    print(dyn_same.line('the same %d groups, unchanged' % args.dynamic, per=args.dynamic))
    print(big_cold.line('create one list of %d members' % args.big))
    print(big_same.line('the same list, unchanged'))
    print(big_more.line('100 members added to it') + ', write requests: %s' % ', '.join(added))


if __name__ == '__main__':
    main()
