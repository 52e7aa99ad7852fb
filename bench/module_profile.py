"""Where the client's time goes in one bulk carbonio_account run, without ansible-playbook around it.

Fills a fresh simulator with N accounts (raw SOAP), then runs the module in this process on the same N
accounts (unchanged) under cProfile and prints the seconds of each phase and the top functions.
Usage: make bench-profile BENCH_ARGS='--accounts 10000'
"""
import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_runs import create_in_batches, start_simulator  # noqa: E402 pylint: disable=wrong-import-position
from accounts import tenant  # noqa: E402 pylint: disable=wrong-import-position

DOMAIN = 'tenant.bench.test'


def run_module(env, accounts, check_mode):
    """carbonio_account in this process: (seconds, the module's result)."""
    from ansible.module_utils import basic  # pylint: disable=import-outside-toplevel
    from ansible_collections.carbonio.admin.plugins.modules import carbonio_account  # pylint: disable=import-outside-toplevel
    args = dict(accounts=accounts, password='Bench-Passw0rd-1', url=env['CARBONIO_URL'],
                admin_user=env['CARBONIO_ADMIN_USER'], admin_password=env['CARBONIO_ADMIN_PASSWORD'],
                ca_path=env['CARBONIO_CA_PATH'], _ansible_check_mode=check_mode)
    basic._ANSIBLE_ARGS = json.dumps(dict(ANSIBLE_MODULE_ARGS=args)).encode()  # pylint: disable=protected-access
    basic._ANSIBLE_PROFILE = "legacy"  # pylint: disable=protected-access
    out = io.StringIO()
    stdout, sys.stdout = sys.stdout, out
    started = time.monotonic()
    try:
        carbonio_account.main()
    except SystemExit:
        pass
    finally:
        sys.stdout = stdout
    return time.monotonic() - started, json.loads(out.getvalue())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--accounts', type=int, default=10000)
    parser.add_argument('--collections', required=True, help='the folder that holds ansible_collections/')
    parser.add_argument('--top', type=int, default=25)
    parser.add_argument('--dump', help='also write the profile to this file (for pstats callers)')
    parser.add_argument('--passwords', action='store_true', help='a password per account, as a provider CSV has')
    args = parser.parse_args()
    sys.path.insert(0, args.collections)
    with tempfile.TemporaryDirectory() as workdir:
        sim, env = start_simulator(workdir, 0, args.collections)
        try:
            sim.soap('CreateDomainRequest', name=DOMAIN)
            accounts = tenant(DOMAIN, args.accounts)
            if args.passwords:
                for number, account in enumerate(accounts):
                    account['password'] = f'Bench-Passw0rd-{number:05d}'
            create_in_batches(sim, 'CreateAccountRequest', [dict(name=a['name'], password='Bench-Passw0rd-1',
                                                                 a=[{'n': 'displayName', '_content': a['display_name']}])
                                                            for a in accounts], size=500)
            profile = cProfile.Profile()
            profile.enable()
            seconds, result = run_module(env, accounts, check_mode=False)
            profile.disable()
        finally:
            sim.stop()
    print(f'{args.accounts} accounts unchanged: {seconds:.2f} s in the module, {result.get("msg")}, '
          f'peak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0:.0f} MB')
    if args.dump:
        profile.dump_stats(args.dump)
    stats = pstats.Stats(profile)
    stats.sort_stats('cumulative').print_stats(args.top)
    stats.sort_stats('tottime').print_stats(args.top)


if __name__ == '__main__':
    main()
