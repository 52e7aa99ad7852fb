"""Tests that run the collection's modules in this process against one simulator over HTTPS, as a user's
controller would, without ansible-playbook around them (many runs per test are then cheap).

Run from the collection's root inside an ``ansible_collections/carbonio/admin`` tree (the Makefile's copy), with
the folder above ``ansible_collections`` on PYTHONPATH.
"""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
from simulator_process import SimulatorProcess  # noqa: E402 pylint: disable=wrong-import-position

PASSWORD = 'Sim-Test-Passw0rd'


class Live:
    """A simulator and a way to run a module against it: ``run(module, args)`` returns the module's result."""

    def __init__(self, simulator):
        self.sim = simulator

    def connection(self):
        ready = self.sim.ready
        return dict(url=ready['url'], admin_user=ready['admin_user'], admin_password=PASSWORD, ca_path=ready['ca_path'])

    def run(self, module, args, check_mode=False):
        from ansible.module_utils import basic  # pylint: disable=import-outside-toplevel
        imported = __import__('ansible_collections.carbonio.admin.plugins.modules.' + module, fromlist=['main'])
        params = dict(self.connection(), **args)
        params['_ansible_check_mode'] = check_mode
        basic._ANSIBLE_ARGS = json.dumps(dict(ANSIBLE_MODULE_ARGS=params)).encode()  # pylint: disable=protected-access
        basic._ANSIBLE_PROFILE = 'legacy'  # pylint: disable=protected-access
        out = io.StringIO()
        stdout, sys.stdout = sys.stdout, out
        try:
            imported.main()
        except SystemExit:
            pass
        finally:
            sys.stdout = stdout
        return json.loads(out.getvalue())

    def writes_since(self, position):
        """The write requests the simulator logged after the first ``position`` lines of its log."""
        return [line['request'] for line in self.sim.log()[position:] if line.get('write')]

    def log_position(self):
        return len(self.sim.log())


@pytest.fixture(scope='module')
def live(tmp_path_factory):
    simulator = SimulatorProcess(tmp_path_factory.mktemp('sim'), PASSWORD, root=ROOT)
    yield Live(simulator)
    simulator.stop()
