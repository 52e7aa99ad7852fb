# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""References: one lookup request per kind in the read batch, names <-> ids read from its answer."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._references import References, lookup_requests, read_references
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import BatchItem, CarbonioFault

DEFAULT_COS = 'e00428a1-0c00-11d9-836a-000d93afea2a'
GOLD_COS = '0c0c0c0c-1111-4222-8333-444444444444'


def _answer(response):
    return BatchItem('1', 'GetAllCosRequest', response, None)


def test_one_request_per_kind_in_the_order_given():
    assert lookup_requests(['cos']) == [('GetAllCosRequest', {})]
    assert lookup_requests([]) == []


def test_names_and_ids_both_ways_with_the_attributes_read():
    answer = {'cos': [{'name': 'default', 'id': DEFAULT_COS, 'a': [{'n': 'zimbraPasswordMinLength', '_content': '6'}]},
                      {'name': 'Gold', 'id': GOLD_COS}]}
    references = read_references(['cos'], [_answer(answer)])
    assert references.to_id('cos', ' gold ', 'cos') == GOLD_COS
    assert references.find('cos', 'GOLD') == GOLD_COS and references.find('cos', 'silver') is None
    assert references.to_name('cos', DEFAULT_COS) == 'default'
    assert references.to_name('cos', 'no-such-id') == 'no-such-id'
    assert references.has('cos', GOLD_COS) and not references.has('cos', 'no-such-id')
    assert references.attrs('cos', DEFAULT_COS) == {'zimbraPasswordMinLength': ['6']}
    assert references.attrs('cos', GOLD_COS) == {} and references.attrs('cos', 'no-such-id') == {}


def test_one_object_answered_as_a_dict_and_none_answered():
    assert read_references(['cos'], [_answer({'cos': {'name': 'default', 'id': DEFAULT_COS}})]).find('cos', 'default') == DEFAULT_COS
    assert read_references(['cos'], [_answer({})]).find('cos', 'default') is None


def test_an_unknown_name_is_refused_naming_the_option_and_a_lookup_fault_is_raised():
    with pytest.raises(ValueError, match="cos: no class of service named 'silver' exists"):
        References().to_id('cos', 'silver', 'cos')
    with pytest.raises(ValueError, match='cos: expected a text'):
        References().to_id('cos', ['gold'], 'cos')
    fault = CarbonioFault('service.PERM_DENIED', 'permission denied')
    with pytest.raises(CarbonioFault, match='service.PERM_DENIED'):
        read_references(['cos'], [BatchItem('1', 'GetAllCosRequest', None, fault)])
