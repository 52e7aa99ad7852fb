"""Helpers of the tests on the simulated proxy nodes: an ansible command run in a folder, and the writes the simulator
received during an action."""

from __future__ import annotations

import json
import os
import subprocess


def ansible(folder, command, check=True):
    """An ansible or ansible-playbook command run in folder with the controller's Python; must succeed when check."""
    done = subprocess.run(command + ['-e', 'ansible_python_interpreter={{ ansible_playbook_python }}'], text=True, capture_output=True,
                          check=False, cwd=folder, env=dict(os.environ, ANSIBLE_NOCOLOR='1'))
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def writes_during(action):
    """(what action() returned, the write requests the simulator logged meanwhile)."""
    log = os.environ['CARBONIO_REQUEST_LOG']
    offset = os.path.getsize(log)
    outcome = action()
    with open(log, encoding='utf-8') as handle:
        handle.seek(offset)
        return outcome, [line['request'] for line in map(json.loads, handle) if line['write']]
