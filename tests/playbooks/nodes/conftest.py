"""The lab the tests on the simulated proxy nodes share: tests/simulator/proxy_lab.py, described in CARBONIO_PROXY_LAB
(helpers in node_lab.py)."""

from __future__ import annotations

import json
import os

import pytest


@pytest.fixture(scope='session')
def lab():
    with open(os.environ['CARBONIO_PROXY_LAB'], encoding='utf-8') as handle:
        return json.load(handle)
