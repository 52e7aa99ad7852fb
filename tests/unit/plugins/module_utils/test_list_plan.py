# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The list planner: renames, deletes and creates of one list checked against each other, in both item orders."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._list_plan import Holdings, check_addresses, check_holders, plan_names

D = '@t.test'


class Item(object):
    def __init__(self, field, spec):
        name, _sep, rest = spec.partition(' ')
        self.field, self.name, self.old_name, self.absent = field, name + D, None, rest == 'absent'
        if rest.startswith('from '):
            self.old_name = rest[5:] + D


def items_of(specs):
    return [Item('accounts[%d]' % index, spec) for index, spec in enumerate(specs)]


def holdings(existing, aliases=None, others=None):
    return Holdings(primaries=dict((name + D, {'name': name + D, 'id': 'id-' + name}) for name in existing),
                    aliases=dict((alias + D, owner + D) for alias, owner in (aliases or {}).items()),
                    others=dict((address + D, what) for address, what in (others or {}).items()))


def plan(specs, existing, **more):
    items = items_of(specs)
    renames, problems = plan_names(items, holdings(existing, **more), 'account')
    return items, renames, problems


def effect(item):
    if item.delete:
        return 'delete'
    if item.note:
        return 'note'
    if item.renamed_from:
        return 'rename ' + item.renamed_from.split('@')[0]
    return 'create' if item.current is None else 'keep'


# (items, existing accounts, the effect of each item, the renames in the order sent by item index)
ACCEPTED = [
    (['b from a'], ['a'], ['rename a'], [0]),
    (['b from a'], ['b'], ['keep'], []),  # the rename ran before: a re-run changes nothing
    (['b from a'], [], ['create'], []),
    # a chain: b moves to c first, then a into b; in either item order
    (['b from a', 'c from b'], ['a', 'b'], ['rename a', 'rename b'], [1, 0]),
    (['c from b', 'b from a'], ['a', 'b'], ['rename b', 'rename a'], [0, 1]),
    (['d from c', 'c from b', 'b from a'], ['a', 'b', 'c'], ['rename c', 'rename b', 'rename a'], [0, 1, 2]),
    # the middle of the chain does not exist: c is new, a becomes b
    (['b from a', 'c from b'], ['a'], ['rename a', 'create'], [0]),
    (['x absent', 'b from a'], ['a', 'x'], ['delete', 'rename a'], [1]),
]


@pytest.mark.parametrize('specs, existing, effects, order', ACCEPTED)
def test_renames_are_ordered_when_an_order_exists(specs, existing, effects, order):
    items, renames, problems = plan(specs, existing)
    assert problems == []
    assert [effect(item) for item in items] == effects
    assert [items.index(item) for item in renames] == order


# (items, existing accounts, what the refusal names)
REFUSED = [
    # a swap and a longer cycle
    (['b from a', 'a from b'], ['a', 'b'], r'accounts\[0\], accounts\[1\]: their renames form a cycle'),
    (['b from a', 'c from b', 'a from c'], ['a', 'b', 'c'], 'form a cycle'),
    (['b from a', 'a from b'], ['a'], 'form a cycle'),
    # an old name claimed twice
    (['b from a', 'c from a'], ['a'], r'accounts\[1\].old_name: a@t.test is also the old_name of accounts\[0\]'),
    # a rename whose old name another item deletes or declares, in both orders
    (['b from a', 'a absent'], ['a'], r'accounts\[0\].old_name: a@t.test is renamed to b@t.test here and deleted by accounts\[1\]'),
    (['a absent', 'b from a'], ['a'], r'accounts\[1\].old_name: .* deleted by accounts\[0\]'),
    (['b from a', 'a'], ['a'], r'accounts\[0\].old_name: .* declared by accounts\[1\]'),
    (['a', 'b from a'], ['a'], r'accounts\[1\].old_name: .* declared by accounts\[0\]'),
    (['b from a', 'a'], [], 'declared by'),
    # both names exist: which one is meant?
    (['b from a'], ['a', 'b'], r'accounts\[0\].old_name: both a@t.test and b@t.test exist'),
]


@pytest.mark.parametrize('specs, existing, problem', REFUSED)
def test_contradictions_are_refused_naming_both_items(specs, existing, problem):
    problems = plan(specs, existing)[2]
    assert len(problems) == 1 and re.search(problem, problems[0]), problems


def test_an_alias_is_not_its_owner():
    # deleting an alias's address deletes nothing; declaring it is refused naming the owner
    items, renames, problems = plan(['jo absent'], ['jodoe'], aliases={'jo': 'jodoe'})
    assert problems == [] and not items[0].delete
    assert items[0].note == 'jo@t.test is an alias of account jodoe@t.test, not account jo@t.test; nothing deleted'
    problems = plan(['jo'], ['jodoe'], aliases={'jo': 'jodoe'})[2]
    assert problems == ['accounts[0].name: jo@t.test is an alias of account jodoe@t.test; remove that alias first']
    # an old name that is an alias renames nothing: the documented rename pattern, re-run
    items, renames, problems = plan(['jodoe from jo'], ['jodoe'], aliases={'jo': 'jodoe'})
    assert problems == [] and effect(items[0]) == 'keep'
    # a rename into an alias (even the account's own) is refused
    assert 'is an alias of account a@t.test' in plan(['b from a'], ['a'], aliases={'b': 'a'})[2][0]
    # an address of another kind
    assert plan(['l'], [], others={'l': 'distribution list l@t.test'})[2] == [
        'accounts[0].name: l@t.test is distribution list l@t.test; choose another address']


class Plan(object):
    def __init__(self, adds=(), removes=()):
        self.links = {'zimbraMailAlias': (list(adds), list(removes))}


def with_aliases(specs, existing, changes, aliases=None):
    """changes: per item, (aliases added, aliases removed) as local parts."""
    items, renames, problems = plan(specs, existing, aliases=aliases)
    assert problems == []
    for item, change in zip(items, changes):
        if change is not None:
            adds, removes = change
            item.plan = Plan([a + D for a in adds], [r + D for r in removes])
            item.wanted = {'zimbraMailAlias': [a + D for a in adds]}
        else:
            item.plan = None
    return check_addresses(items, holdings(existing, aliases=aliases), 'zimbraMailAlias', 'aliases', 'account')


def test_an_address_belongs_to_one_account_after_the_run():
    # two items claim one alias
    assert with_aliases(['a', 'b'], [], [(['x'], []), (['x'], [])]) == [
        'accounts[1].aliases[0]: x@t.test is also added by accounts[0]; an address belongs to one account']
    # an alias that is another account's address (listed or not)
    assert with_aliases(['a'], ['a', 'p'], [(['p'], [])]) == ['accounts[0].aliases[0]: p@t.test is the address of account p@t.test']
    assert with_aliases(['a', 'n'], ['a'], [(['n'], []), ([], [])]) == ['accounts[0].aliases[0]: n@t.test is the address of account n@t.test']
    # an alias another account keeps
    assert with_aliases(['a'], ['a', 'o'], [(['x'], [])], aliases={'x': 'o'}) == [
        'accounts[0].aliases[0]: x@t.test is an alias of account o@t.test, which keeps it']


def test_an_address_freed_in_the_same_run_may_be_taken():
    # moved from a listed account that gives it up, in both orders
    assert with_aliases(['a', 'o'], ['a', 'o'], [(['x'], []), ([], ['x'])], aliases={'x': 'o'}) == []
    assert with_aliases(['o', 'a'], ['a', 'o'], [([], ['x']), (['x'], [])], aliases={'x': 'o'}) == []
    # its holder is deleted
    assert with_aliases(['a', 'o absent'], ['a', 'o'], [(['x'], []), None], aliases={'x': 'o'}) == []
    # the old address of a rename, kept as an alias (the documented pattern)
    assert with_aliases(['jodoe from jo'], ['jo'], [(['jo'], [])]) == []
    # but not the address of an account someone else renames into it
    assert with_aliases(['b from a', 'c'], ['a'], [([], []), (['b'], [])]) == [
        'accounts[1].aliases[0]: b@t.test is the address of account b@t.test']


HELD = {'jo@t.test': ('jo@t.test', 'account', True), 'j@t.test': ('jo@t.test', 'account', False),
        'team@t.test': ('team@t.test', 'dl', True), 'crew@t.test': ('team@t.test', 'dl', False)}


@pytest.mark.parametrize('name, current, renamed, claims, problems', [
    # the object's own address, and aliases it already holds
    ('jo@t.test', {'name': 'jo@t.test'}, False, [('aliases[0]', 'j@t.test')], []),
    # a new object on another object's address or alias
    ('jo@t.test', None, False, [], ['name: jo@t.test is account jo@t.test; choose another address']),
    ('crew@t.test', None, False, [], ['name: crew@t.test is an alias of list team@t.test; remove that alias first']),
    # a rename onto an alias of the object itself
    ('j@t.test', {'name': 'jo@t.test'}, True, [], ['name: j@t.test is an alias of account jo@t.test; remove that alias first']),
    # aliases another object holds, each named
    ('new@t.test', None, False, [('aliases[0]', 'team@t.test'), ('aliases[1]', 'crew@t.test'), ('aliases[2]', 'free@t.test')],
     ['aliases[0]: team@t.test is the address of list team@t.test', 'aliases[1]: crew@t.test is an alias of list team@t.test, which keeps it']),
    # the documented rename pattern: the old address kept as an alias of the renamed object
    ('jo.doe@t.test', {'name': 'jo@t.test'}, True, [('aliases[0]', 'jo@t.test')], []),
])
def test_one_object_holds_only_addresses_no_other_object_holds(name, current, renamed, claims, problems):
    assert check_holders(name, current, renamed, claims, HELD) == problems
