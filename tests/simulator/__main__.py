"""Command line of the simulator: python -m tests.simulator [options] (see README.md)."""

import argparse
import os
import sys

from .faults import parse_cli_spec

# No common word: Ansible masks a no_log value wherever its text appears in a message, so a default such as
# "password" turned every "password policy" of a simulator run into "******** policy".
DEFAULT_ADMIN_PASSWORD = 'sim-Admin-0k'


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog='python -m tests.simulator', description='Carbonio admin SOAP simulator backed by slapd')
    parser.add_argument('--port', type=int, default=0, help='HTTPS port on 127.0.0.1 (0 picks a free port)')
    parser.add_argument('--data-dir', required=True, help='slapd database, generated config and TLS material; reused across restarts')
    parser.add_argument('--admin-user', default='admin@carbonio.test')
    parser.add_argument('--admin-password', default=os.environ.get('CARBONIO_SIM_ADMIN_PASSWORD', DEFAULT_ADMIN_PASSWORD),
                        help='default: $CARBONIO_SIM_ADMIN_PASSWORD, else "%s"' % DEFAULT_ADMIN_PASSWORD)
    parser.add_argument('--latency-ms', type=int, default=0, help='sleep added to every SOAP request')
    parser.add_argument('--request-log', help='append one JSON line per request to this file')
    parser.add_argument('--fault', action='append', type=parse_cli_spec, default=[],
                        help='fault rule, e.g. kind=unavailable,request=GetDomainRequest,times=2,retry_after=1 (repeatable)')
    return parser.parse_args(argv)


def main(argv=None):
    from .runtime import run  # pylint: disable=import-outside-toplevel
    return run(parse_args(argv))


if __name__ == '__main__':
    sys.exit(main())
