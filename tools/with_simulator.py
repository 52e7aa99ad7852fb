"""Run a command against a freshly started Carbonio simulator, then stop the simulator.

Used by `make integration`, `make molecule` and `make demo`. The command gets the connection in the environment
variables the collection reads (CARBONIO_URL, CARBONIO_ADMIN_USER, CARBONIO_ADMIN_PASSWORD,
CARBONIO_CA_PATH; the request log and the control API in CARBONIO_REQUEST_LOG and
CARBONIO_CONTROL_URL) and, with --integration-config, as the vars file ansible-test passes to targets. With
--company-directory a company's own LDAP directory runs beside it (tests/simulator/company_directory.py), for external
GAL: its details are the integration config's carbonio_company_ldap and the JSON of CARBONIO_TEST_COMPANY_LDAP. With
--idp an identity provider's SAML metadata is served over HTTPS and HTTP (tests/simulator/idp_metadata.py): its details
are the integration config's carbonio_idp and the JSON of CARBONIO_TEST_IDP.
"""
import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys

from simulator_process import SimulatorProcess
from tests.simulator.company_directory import CompanyDirectory
from tests.simulator.idp_metadata import IdpMetadata


def write_integration_config(path, ready, password, company=None, idp=None):
    config = {
        'carbonio_url': ready['url'],
        'carbonio_ca_path': ready['ca_path'],
        'carbonio_admin_user': ready['admin_user'],
        'carbonio_admin_password': password,
        'carbonio_request_log': ready['request_log'],
        'carbonio_control_url': ready['control_url'],
    }
    if company:
        config['carbonio_company_ldap'] = company
    if idp:
        config['carbonio_idp'] = idp
    with open(path, 'w', encoding='utf-8') as handle:
        # JSON is valid YAML and needs no YAML library here.
        json.dump(config, handle, indent=2)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--data-dir', required=True)
    parser.add_argument('--integration-config')
    parser.add_argument('--company-directory', action='store_true', help='also start a company LDAP directory (external GAL)')
    parser.add_argument('--idp', action='store_true', help='also serve an identity provider\'s SAML metadata (carbonio_saml)')
    parser.add_argument('command', nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    data_dir = os.path.abspath(args.data_dir)
    shutil.rmtree(data_dir, ignore_errors=True)
    os.makedirs(data_dir)
    password = secrets.token_urlsafe(18)
    company = CompanyDirectory(os.path.join(data_dir, 'company')).start() if args.company_directory else None
    idp = IdpMetadata(os.path.join(data_dir, 'idp')).start() if args.idp else None
    try:
        sim = SimulatorProcess(data_dir, password)
        ready = sim.ready
        try:
            details = company.details if company else None
            if args.integration_config:
                write_integration_config(args.integration_config, ready, password, details, idp.details if idp else None)
            env = dict(os.environ, CARBONIO_URL=ready['url'], CARBONIO_ADMIN_USER=ready['admin_user'],
                       CARBONIO_ADMIN_PASSWORD=password, CARBONIO_CA_PATH=ready['ca_path'],
                       CARBONIO_REQUEST_LOG=ready['request_log'], CARBONIO_CONTROL_URL=ready['control_url'])
            if details:
                env['CARBONIO_TEST_COMPANY_LDAP'] = json.dumps(details)
            if idp:
                env['CARBONIO_TEST_IDP'] = json.dumps(idp.details)
            return subprocess.call(command, env=env)
        finally:
            sim.stop()
    finally:
        if company:
            company.stop()
        if idp:
            idp.stop()


if __name__ == '__main__':
    sys.exit(main())
