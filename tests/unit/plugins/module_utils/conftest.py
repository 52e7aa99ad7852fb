# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures shared by the module_utils tests: a client that answers batches without any network."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import (
    BatchItem, CarbonioClient, CarbonioFault, CarbonioTransportError)


class FakeClient(object):
    """Records every batch and answers each item from `answer(name, body)` (a response dict or a fault code).

    Batches whose position (0, 1, ...) is in `lost` run, then lose their answer, as a timeout would.
    """

    settle_wait = 0
    # The real client's settling, without its wait.
    read_back_after_loss = CarbonioClient.read_back_after_loss

    def __init__(self, answer, lost=()):
        self.answer = answer
        self.lost = set(lost)
        self.batches = []
        self.attributes = []  # per batch: whether the objects answered keep their attributes

    def _sleep(self, seconds):
        pass

    def _scrub(self, error):
        return error

    def batch(self, requests, onerror='continue', repeatable=False, attributes=True):
        # (name, body) or (name, body, namespace): the namespace is the real client's concern
        requests = [request[:2] for request in requests]
        self.batches.append((list(requests), onerror, repeatable))
        self.attributes.append(attributes)
        if len(self.batches) - 1 in self.lost:
            for name, body in requests:
                self.answer(name, body)
            raise CarbonioTransportError('POST BatchRequest failed after 1 attempt: timed out', maybe_executed=True)
        items = []
        for index, (name, body) in enumerate(requests):
            answer = self.answer(name, body)
            if isinstance(answer, str):
                items.append(BatchItem(str(index), name, None, CarbonioFault(answer, 'refused: %s' % answer)))
            else:
                items.append(BatchItem(str(index), name, answer or {}, None))
        return items


@pytest.fixture
def fake_client():
    return FakeClient
