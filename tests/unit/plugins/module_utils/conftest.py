# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures shared by the module_utils tests: a client that answers batches without any network."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import BatchItem, CarbonioFault


class FakeClient(object):
    """Records every batch and answers each item from `answer(name, body)` (a response dict or a fault code)."""

    def __init__(self, answer):
        self.answer = answer
        self.batches = []

    def batch(self, requests, onerror='continue', repeatable=False):
        self.batches.append((list(requests), onerror, repeatable))
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
