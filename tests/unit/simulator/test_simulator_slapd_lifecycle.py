"""The simulator's slapd does not outlive it: a simulator killed with SIGKILL takes its slapd along, and a
simulator started on a data dir whose slapd still runs stops that one first, so one slapd serves a database."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

SLAPD = shutil.which('slapd') or '/usr/sbin/slapd'


def slapd_pids(data_dir):
    """The running slapd processes started on this data dir's slapd.conf (a zombie has no command line)."""
    conf = os.fsencode(os.path.join(str(data_dir), 'slapd.conf'))
    pids = []
    for name in os.listdir('/proc'):
        try:
            with open(f'/proc/{name}/cmdline', 'rb') as handle:
                args = handle.read().split(b'\0')
        except OSError:
            continue
        if os.path.basename(args[0]) == b'slapd' and conf in args:
            pids.append(int(name))
    return pids


def running(pid):
    """True while the process exists and is not a zombie (a zombie has an empty command line)."""
    try:
        with open(f'/proc/{pid}/cmdline', 'rb') as handle:
            return bool(handle.read())
    except OSError:
        return False


def eventually(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def read_pid_file(data_dir):
    try:
        with open(os.path.join(str(data_dir), 'slapd.pid'), encoding='ascii') as handle:
            return int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def test_a_killed_simulator_takes_its_slapd_along(tmp_path, start_simulator):
    first = start_simulator(tmp_path)
    assert first.soap('CreateDomainRequest', name='killed.sim.test')[0] == 200
    [slapd] = slapd_pids(tmp_path)
    first.proc.kill()
    first.proc.wait()
    assert eventually(lambda: slapd not in slapd_pids(tmp_path))
    second = start_simulator(tmp_path)
    assert slapd_pids(tmp_path) == [read_pid_file(tmp_path)]
    assert second.soap('GetDomainRequest', domain={'by': 'name', '_content': 'killed.sim.test'})[0] == 200
    assert second.stop() == 0
    assert slapd_pids(tmp_path) == []


def test_a_slapd_left_on_the_data_dir_is_stopped_before_a_new_one_starts(tmp_path, start_simulator):
    first = start_simulator(tmp_path)
    assert first.soap('CreateDomainRequest', name='stale.sim.test')[0] == 200
    assert first.stop() == 0
    # a slapd still serving the database, as one whose simulator died without stopping it would be
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    stray = subprocess.Popen([SLAPD, '-d', '0', '-h', f'ldap://127.0.0.1:{port}/', '-f', str(tmp_path / 'slapd.conf')],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert eventually(lambda: read_pid_file(tmp_path) == stray.pid)
        second = start_simulator(tmp_path)
        assert stray.wait(timeout=5) is not None
        assert slapd_pids(tmp_path) == [read_pid_file(tmp_path)]
        assert second.soap('GetDomainRequest', domain={'by': 'name', '_content': 'stale.sim.test'})[0] == 200
        assert second.stop() == 0
    finally:
        if stray.poll() is None:
            stray.kill()
            stray.wait()
    assert slapd_pids(tmp_path) == []


def test_a_simulator_stops_with_whoever_started_it(tmp_path):
    """A test runner killed with SIGKILL (a CI timeout) leaves neither its simulator nor that one's slapd."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    starter = subprocess.Popen(  # pylint: disable=consider-using-with
        [sys.executable, '-c', 'import sys, time; sys.path.insert(0, sys.argv[1]); '
         'from simulator_process import SimulatorProcess; s = SimulatorProcess(sys.argv[2], "pw"); '
         'print(s.proc.pid, flush=True); time.sleep(60)', os.path.join(root, 'tools'), str(tmp_path)],
        stdout=subprocess.PIPE, text=True)
    simulator_pid = int(starter.stdout.readline())
    [slapd] = slapd_pids(tmp_path)
    starter.kill()
    starter.wait()
    assert eventually(lambda: not running(simulator_pid), timeout=15)
    assert eventually(lambda: slapd not in slapd_pids(tmp_path))
