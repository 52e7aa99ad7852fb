"""Fault rules as the control API takes them: which matching request a rule hits, and how often."""

from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, ROOT)
from tests.simulator.faults import FaultRegistry  # noqa: E402 pylint: disable=wrong-import-position


def test_after_lets_matching_requests_pass_first_then_times_applies():
    rules = FaultRegistry(on_expire_tokens=lambda: None)
    rules.add({'kind': 'drop_after', 'request': 'BatchRequest', 'after': 2, 'times': 2})
    hits = [rules.take_transport("BatchRequest") is not None for dummy in range(5)]
    assert hits == [False, False, True, True, False]
    assert rules.list() == []


def test_other_requests_neither_hit_nor_count():
    rules = FaultRegistry(on_expire_tokens=lambda: None)
    rules.add({'kind': 'slow', 'request': 'ModifyDomainRequest', 'after': 1, 'delay_ms': 10})
    assert rules.take_transport('GetDomainRequest') is None
    assert rules.take_transport('ModifyDomainRequest') is None
    assert rules.take_transport('ModifyDomainRequest').delay_ms == 10


def test_tokens_expire_when_the_named_request_arrives():
    expired = []
    rules = FaultRegistry(on_expire_tokens=lambda: expired.append(1))
    rules.add({'kind': 'expire_tokens'})
    assert expired == [1] and rules.list() == []
    rules.add({'kind': 'expire_tokens', 'request': 'ModifyDomainRequest'})
    assert rules.take_transport('BatchRequest') is None and expired == [1]
    assert rules.take_transport('ModifyDomainRequest').kind == 'expire_tokens' and expired == [1, 1]


def test_a_restart_is_a_transport_fault_down_three_seconds_by_default():
    rules = FaultRegistry(on_expire_tokens=lambda: None)
    rules.add({'kind': 'restart', 'request': 'BatchRequest', 'after': 1})
    assert rules.take_transport('BatchRequest') is None
    assert rules.take_transport('BatchRequest').down_ms == 3000
