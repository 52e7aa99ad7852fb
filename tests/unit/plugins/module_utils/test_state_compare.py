# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import apply_changes, changes_in_place, plan_attribute_changes


def test_equal_single_value_is_no_change():
    assert plan_attribute_changes({'a': ['1']}, {'a': ['1']}) == ({}, {}, {})


def test_single_value_replaced():
    modify, before, after = plan_attribute_changes({'a': ['1']}, {'a': ['2']})
    assert modify == {'a': ['2']} and before == {'a': ['1']} and after == {'a': ['2']}


def test_empty_list_removes_only_when_set():
    assert plan_attribute_changes({}, {'a': []}) == ({}, {}, {})
    modify, before, after = plan_attribute_changes({'a': ['x']}, {'a': []})
    assert modify == {'a': []} and after == {'a': []}


def test_multi_values_compare_as_sets():
    assert plan_attribute_changes({'v': ['b', 'a']}, {'v': ['a', 'b', 'a']}) == ({}, {}, {})


def test_exact_mode_replaces_whole_set():
    modify, before, after = plan_attribute_changes({'v': ['a', 'b']}, {'v': ['b', 'c']})
    assert modify == {'v': ['b', 'c']}
    assert before == {'v': ['a', 'b']} and after == {'v': ['b', 'c']}


def test_present_mode_adds_missing_only():
    modify, before, after = plan_attribute_changes({'v': ['a']}, {'v': ['a', 'c']}, {'v': 'present'})
    assert modify == {'+v': ['c']} and after == {'v': ['a', 'c']}
    assert plan_attribute_changes({'v': ['a', 'c']}, {'v': ['c']}, {'v': 'present'}) == ({}, {}, {})


def test_absent_mode_removes_listed_only():
    modify, before, after = plan_attribute_changes({'v': ['a', 'b']}, {'v': ['b', 'z']}, {'v': 'absent'})
    assert modify == {'-v': ['b']} and after == {'v': ['a']}
    assert plan_attribute_changes({'v': ['a']}, {'v': ['z']}, {'v': 'absent'}) == ({}, {}, {})


def test_apply_changes_drops_emptied_attributes():
    assert apply_changes({'a': ['1'], 'b': ['2']}, {'a': [], 'b': ['3'], 'c': ['4']}) == {'b': ['3'], 'c': ['4']}


def test_values_equal_under_the_compare_key_are_not_rewritten():
    keys = {'host': str.lower, 'ttl': lambda wire: {'1d': 86400000, '24h': 86400000}.get(wire, wire)}
    assert plan_attribute_changes({'host': ['Mail.Example.com'], 'ttl': ['1d']}, {'host': ['mail.example.com'], 'ttl': ['24h']},
                                  keys=keys) == ({}, {}, {})
    modify, before, after = plan_attribute_changes({'host': ['A.example.com', 'b.example.com']}, {'host': ['a.example.com']},
                                                   {'host': 'absent'}, keys)
    # the value removed is the one the server holds, in its own case
    assert modify == {'-host': ['A.example.com']} and after == {'host': ['b.example.com']}


def test_changes_in_place_finds_a_write_that_landed():
    current = {'zimbraDomainStatus': ['locked'], 'zimbraVirtualHostname': ['a.example.com', 'B.example.com'], 'zimbraNotes': []}
    assert changes_in_place(current, {'zimbraDomainStatus': ['locked']})
    assert not changes_in_place(current, {'zimbraDomainStatus': ['active']})
    assert changes_in_place(current, {'+zimbraVirtualHostname': ['b.example.com'], '-zimbraVirtualHostname': ['c.example.com']})
    assert not changes_in_place(current, {'-zimbraVirtualHostname': ['a.example.com']})
    assert changes_in_place(current, {'zimbraNotes': [], 'zimbraCOSId': ''})
    assert not changes_in_place(current, {'zimbraNotes': ['x']})


def test_one_value_held_and_wanted_compares_by_its_key_and_mode():
    lower = {'m': lambda value: value.lower()}
    assert plan_attribute_changes({'m': ['A@x.test']}, {'m': ['a@x.test']}, keys=lower) == ({}, {}, {})
    assert plan_attribute_changes({'m': ['a@x.test']}, {'m': ['b@x.test']}, keys=lower)[0] == {'m': ['b@x.test']}
    # absent mode removes the one value held when it is the one listed, whatever the shortcut for equal values
    assert plan_attribute_changes({'m': ['a']}, {'m': ['a']}, modes={'m': 'absent'})[0] == {'-m': ['a']}
    assert plan_attribute_changes({'m': ['a']}, {'m': ['a']}, modes={'m': 'present'}) == ({}, {}, {})
