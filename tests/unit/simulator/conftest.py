"""Shared by the simulator's black-box tests: one simulator per test module, started as users start it
(tools/simulator_process.py) and spoken to over HTTPS with raw SOAP JSON, so no collection code is involved."""

from __future__ import annotations

import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
from simulator_process import SimulatorProcess  # noqa: E402 pylint: disable=wrong-import-position

PASSWORD = 'Sim-Test-Passw0rd'


@pytest.fixture(scope='module')
def sim(tmp_path_factory):
    simulator = SimulatorProcess(tmp_path_factory.mktemp('sim'), PASSWORD)
    yield simulator
    simulator.stop()


@pytest.fixture(scope='module')
def start_simulator():
    """Start simulators on a given data dir (for restart tests); all are stopped at the end of the module."""
    started = []

    def start(data_dir):
        simulator = SimulatorProcess(data_dir, PASSWORD)
        started.append(simulator)
        return simulator
    yield start
    for simulator in started:
        if simulator.proc.poll() is None:
            simulator.stop()
