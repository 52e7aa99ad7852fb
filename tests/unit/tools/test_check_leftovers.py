# -*- coding: utf-8 -*-
# Copyright: (c) 2026, carbonio.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of tools/check_leftovers.py (run as a script, as `make leftovers` does)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import subprocess
import sys
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SCRIPT = os.path.join(ROOT, 'tools', 'check_leftovers.py')


def _check(env):
    return subprocess.run([sys.executable, SCRIPT, '--grace', '0'], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, check=False)


def test_names_a_marked_process_until_it_is_gone():
    env = dict(os.environ, CARBONIO_TEST_RUN='unit-test-' + uuid.uuid4().hex)
    sleeper = subprocess.Popen(['sleep', '30'], env=env)
    try:
        result = _check(env)
        assert result.returncode == 1, result.stderr
        assert 'pid %d: sleep 30' % sleeper.pid in result.stdout
    finally:
        sleeper.kill()
        sleeper.wait()
    result = _check(env)
    assert (result.returncode, result.stdout) == (0, '')


def test_refuses_to_run_without_the_marker():
    env = dict(os.environ)
    env.pop('CARBONIO_TEST_RUN', None)
    result = _check(env)
    assert result.returncode == 2
    assert 'CARBONIO_TEST_RUN is not set' in result.stderr
