"""Run a command against a freshly started Carbonio simulator, then stop the simulator.

Used by `make integration` and `make demo`. The command gets the connection in the environment
variables the collection reads (CARBONIO_URL, CARBONIO_ADMIN_USER, CARBONIO_ADMIN_PASSWORD,
CARBONIO_CA_PATH) and, with --integration-config, as the vars file ansible-test passes to targets.
"""
import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_simulator(data_dir, password, request_log, extra_args=()):
    os.makedirs(data_dir, exist_ok=True)
    env = dict(os.environ, CARBONIO_SIM_ADMIN_PASSWORD=password)
    proc = subprocess.Popen(
        [sys.executable, '-m', 'tests.simulator', '--port', '0', '--data-dir', data_dir, '--request-log', request_log]
        + list(extra_args), cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line:
        proc.wait()
        raise SystemExit('the simulator exited before it was ready (exit code %s)' % proc.returncode)
    return proc, json.loads(line)


def write_integration_config(path, ready, password):
    config = {
        'carbonio_url': ready['url'],
        'carbonio_ca_path': ready['ca_path'],
        'carbonio_admin_user': ready['admin_user'],
        'carbonio_admin_password': password,
        'carbonio_request_log': ready['request_log'],
        'carbonio_control_url': ready['control_url'],
    }
    with open(path, 'w', encoding='utf-8') as handle:
        # JSON is valid YAML and needs no YAML library here.
        json.dump(config, handle, indent=2)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--data-dir', required=True)
    parser.add_argument('--integration-config')
    parser.add_argument('command', nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    data_dir = os.path.abspath(args.data_dir)
    shutil.rmtree(data_dir, ignore_errors=True)
    os.makedirs(data_dir)
    password = secrets.token_urlsafe(18)
    proc, ready = start_simulator(data_dir, password, os.path.join(data_dir, 'requests.jsonl'))
    try:
        if args.integration_config:
            write_integration_config(args.integration_config, ready, password)
        env = dict(os.environ, CARBONIO_URL=ready['url'], CARBONIO_ADMIN_USER=ready['admin_user'],
                   CARBONIO_ADMIN_PASSWORD=password, CARBONIO_CA_PATH=ready['ca_path'],
                   CARBONIO_REQUEST_LOG=ready['request_log'])
        return subprocess.call(command, env=env)
    finally:
        stop_simulator(proc)


def stop_simulator(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


if __name__ == '__main__':
    sys.exit(main())
