# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bulk path keeps the single path's rules: protected names, a create hook, the phases of _plan."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _bulk as bulk
from ansible_collections.carbonio.admin.plugins.module_utils._list_plan import Holdings
from ansible_collections.carbonio.admin.plugins.module_utils._object_model import ObjectType, Option
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioFault

CREATED = []


def _create(ctx, name, attrs):
    if name == 'broken':
        raise CarbonioFault('service.FAILURE', 'no copy')
    CREATED.append((name, attrs))
    return {'name': name, 'id': 'id-' + name, 'attrs': attrs}


THING = ObjectType('thing', 'thing', 'carbonio_thing', 'cos', [Option('notes', 'zimbraNotes')],
                   dict(get='GetCosRequest', get_all='GetAllCosRequest', create='CreateCosRequest', modify='ModifyCosRequest',
                        delete='DeleteCosRequest', rename='RenameCosRequest'),
                   'account.NO_SUCH_COS', name_kind='object_name', protected=('default',), bulk_key='things',
                   hooks=dict(create=_create))


class Module(object):
    check_mode, _diff = False, False

    def __init__(self, **params):
        self.params = params


class Run(object):
    def __init__(self, client, **params):
        self.type, self.client, self.module = THING, client, Module(**params)
        self.params = self.module.params


def item(run, index, name, state='present', old_name=None, **wanted):
    one = bulk.Item(run, index, {'state': state})
    one.name, one.old_name, one.wanted = name, old_name, dict(('zimbraNotes', [value]) for value in wanted.values())
    return one


def entry(name):
    return {'name': name, 'id': 'id-' + name, 'attrs': {}}


def test_a_protected_name_is_never_renamed_nor_deleted_in_a_list(fake_client):
    run = Run(fake_client(lambda name, body: {}))
    renamed = [item(run, 0, 'premium', old_name='default')]
    renames, problems = bulk._plan(run, renamed, Holdings(primaries={'default': entry('default')}), None, [])
    assert problems == ['things[0].old_name: thing default cannot be renamed']
    deleted = [item(run, 0, 'default', state='absent')]
    renames, problems = bulk._plan(run, deleted, Holdings(primaries={'default': entry('default')}), None, [])
    assert problems == ['things[0].name: thing default cannot be deleted']


def test_exact_mode_leaves_a_protected_name_alone(fake_client):
    run = Run(fake_client(lambda name, body: {}), domain=None)
    holdings = Holdings(primaries={'default': entry('default'), 'old': entry('old')})
    # a name without a domain part is its own scope: the protected one is never an unlisted object to delete
    assert [one.name for one in bulk._unlisted(run, [], holdings, 'default')] == []
    assert [one.name for one in bulk._unlisted(run, [], holdings, 'old')] == ['old']


def test_a_create_hook_creates_each_new_item_alone_and_its_fault_is_its_own(fake_client):
    del CREATED[:]
    client = fake_client(lambda name, body: {})
    run = Run(client)
    items = [item(run, 0, 'gold', notes='x'), item(run, 1, 'broken', notes='y'), item(run, 2, 'silver')]
    renames, problems = bulk._plan(run, items, Holdings(), None, [])
    assert problems == []
    for one in items:
        one.landed = []
    bulk._execute(run, items, renames)
    assert CREATED == [('gold', {'zimbraNotes': ['x']}), ('silver', {})]
    assert [one.landed for one in items] == [['created'], [], ['created']]
    assert items[1].fault.code == 'service.FAILURE' and items[0].created['id'] == 'id-gold'
    # nothing was paged: the hook did every create
    assert client.batches == []


def test_identical_refusal_reasons_are_said_once_with_their_items():
    problems = ['accounts[%d].name: no domain beta.test exists' % n for n in range(300)] + [
        'accounts[7].aliases[0]: bad', 'accounts[9].aliases[0]: bad', 'accounts[10].aliases[0]: bad', 'domain: required']
    assert bulk.group_problems('accounts', problems) == [
        'accounts[0..299].name: no domain beta.test exists', 'accounts[7,9..10].aliases[0]: bad', 'domain: required']


def test_a_refused_list_names_twenty_reasons_then_how_many_more(fake_client):
    class Failed(Exception):
        pass

    class Refusing(object):
        def fail_json(self, **result):
            raise Failed(result)
    problems = ['things[%d].notes: reason %d' % (n, n) for n in range(25)] + ['things[25].notes: reason 0']
    with pytest.raises(Failed) as failed:
        bulk._refuse(Refusing(), 'things', problems)
    result = failed.value.args[0]
    assert result['msg'].startswith('26 of the things refused, nothing was sent: things[0,25].notes: reason 0; things[1].notes: reason 1;')
    assert result['msg'].endswith('things[19].notes: reason 19; and 5 more') and result['refused'] == problems
