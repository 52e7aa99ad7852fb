# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bulk path keeps the single path's rules: protected names, a create hook, the phases of _plan."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

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
