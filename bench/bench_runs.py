"""What the bench scripts share: a simulator to fill, test data sent in batches, and one measured ansible-playbook run."""
import json
import os
import secrets
import subprocess
import sys
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
%s
"""


class Run(object):
    """The figures of one ansible-playbook run."""

    def __init__(self, seconds, round_trips, peak_mb, cpu_seconds):
        self.seconds, self.round_trips, self.peak_mb, self.cpu_seconds = seconds, round_trips, peak_mb, cpu_seconds

    def line(self, label, per=None, baseline=None):
        """One line of figures; with a baseline (a run that loads the same variables and runs no module) also
        the task's own share: what the module and its task cost beyond ansible-playbook handling the variables."""
        text = f'{label}: {self.seconds:.2f} s, {self.round_trips} round trips, peak {self.peak_mb:.0f} MB'
        if per:
            text += f', client CPU {1000.0 * self.cpu_seconds / per:.3f} ms per item'
        if per and baseline:
            text += (f' (the task alone: {self.seconds - baseline.seconds:.2f} s, '
                     f'{1000.0 * (self.cpu_seconds - baseline.cpu_seconds) / per:.3f} ms CPU per item)')
        return text


def start_simulator(workdir, latency_ms, collections):
    """A simulator with a per-request latency, and the environment a playbook needs to reach it."""
    password = secrets.token_urlsafe(18)
    sim = SimulatorProcess(os.path.join(workdir, 'sim'), password, ['--latency-ms', str(latency_ms)])
    ready = sim.ready
    env = dict(os.environ, CARBONIO_URL=ready['url'], CARBONIO_ADMIN_USER=ready['admin_user'], CARBONIO_ADMIN_PASSWORD=password,
               CARBONIO_CA_PATH=ready['ca_path'], CARBONIO_REQUEST_LOG=ready['request_log'], ANSIBLE_COLLECTIONS_PATH=collections)
    return sim, env


def create_in_batches(sim, request, bodies, size=200):
    """Test data, sent in BatchRequests of `size` items."""
    for start in range(0, len(bodies), size):
        items = [dict(body, _jsns='urn:zimbraAdmin') for body in bodies[start:start + size]]
        sim.soap('BatchRequest', onerror='continue', **{request: items})


def run_playbook(workdir, tasks, env, variables=None):
    """One ansible-playbook run of `tasks` (YAML text, indented as tasks) with `variables` in a vars file."""
    path = os.path.join(workdir, 'play.yml')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(PLAYBOOK % tasks)
    command = [os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook'), '-i', 'localhost,', path]
    if variables is not None:
        vars_path = os.path.join(workdir, 'vars.json')
        with open(vars_path, 'w', encoding='utf-8') as handle:
            json.dump(variables, handle)
        command[3:3] = ['-e', '@' + vars_path]
    return run_measured(command, env, tasks)


def run_measured(command, env, what=None):
    """The figures of one run of `command` (an ansible-playbook), which must succeed."""
    with open(env['CARBONIO_REQUEST_LOG'], 'w', encoding='utf-8'):
        pass  # empty the log: count this run only
    started = time.monotonic()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)  # pylint: disable=consider-using-with
    # wait4 gives this run's own peak memory and CPU (its module processes included), not the simulator's
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - started
    if proc.returncode:
        raise SystemExit('ansible-playbook failed: %s' % (what or ' '.join(command)))
    with open(env['CARBONIO_REQUEST_LOG'], encoding='utf-8') as handle:
        lines = [json.loads(line) for line in handle]
    return Run(elapsed, len([line for line in lines if not line['batch']]), usage.ru_maxrss / 1024.0,
               usage.ru_utime + usage.ru_stime)
