# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The class of service description: where a deleted COS's users may be moved, and how they are moved."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._objects import cos
from ansible_collections.carbonio.admin.plugins.module_utils._objects.cos import COS
from ansible_collections.carbonio.admin.plugins.module_utils._references import References


def params(**given):
    found = dict((key, option.get('default')) for key, option in COS.argument_spec().items())
    found.update(dict(state='present'), **given)
    return found


@pytest.mark.parametrize('target', ['defaultExternal', ' DefaultExternal '])
def test_the_external_accounts_cos_is_no_place_for_mailbox_accounts_and_domains(target):
    with pytest.raises(ValueError, match=r'^reassign_to: defaultExternal is the class of service of external'):
        cos.validate(params(name='bronze', state='absent', reassign_to=target))


@pytest.mark.parametrize('given, field', [
    (dict(reassign_to='Bronze'), 'reassign_to: must name another'),
    (dict(reassign_to='silver', force=True), 'reassign_to: give either'),
])
def test_other_refused_reassignments(given, field):
    with pytest.raises(ValueError, match='^' + field):
        cos.validate(params(name='bronze', state='absent', **given))


def test_another_cos_passes():
    cos.validate(params(name='bronze', state='absent', reassign_to='default'))
    cos.validate(params(name='bronze', state='absent', reassign_to='externals'))


class Failed(Exception):
    pass


class Module(object):
    check_mode = False


class Run(object):
    """What before_delete uses of the engine's run: a failure raises with the result it would report."""

    def __init__(self, client, **given):
        self.client, self.type, self.module, self.result = client, COS, Module(), {}
        self.params = params(name='bronze', state='absent', **given)
        self.references = References()
        self.references.add('cos', [{'name': 'bronze', 'id': 'bronze-id'}, {'name': 'silver', 'id': 'silver-id'}])

    def fail(self, msg, **extra):
        raise Failed(msg, dict(self.result, **extra))


class Users(object):
    """Bronze's accounts and domain as Carbonio keeps them; `gone` accounts were deleted meanwhile, `ignored` writes
    are lost on the way."""

    def __init__(self, gone=(), ignored=()):
        self.cos = {'a1': 'bronze-id', 'a2': 'bronze-id', 'a3': 'bronze-id', 'd1': 'bronze-id'}
        self.gone, self.ignored = set(gone), set(ignored)

    def entry(self, element, object_id, attribute):
        name = 'user%s@c.test' % object_id[1] if element == 'account' else 'c.test'
        return {element: [{'name': name, 'id': object_id, 'a': [{'n': attribute, '_content': self.cos[object_id]}]}]}

    def __call__(self, name, body):
        if name == 'SearchDirectoryRequest':
            kind, attribute = ('domain', 'zimbraDomainDefaultCOSId') if body['types'] == 'domains' else ('account', 'zimbraCOSId')
            ids = [key for key in sorted(self.cos) if key[0] == kind[0] and key not in self.gone]
            return {kind: [self.entry(kind, key, attribute)[kind][0] for key in ids]}
        if name in ('GetAccountRequest', 'GetDomainRequest'):
            element = 'account' if name == 'GetAccountRequest' else 'domain'
            key = body[element]['_content']
            if key in self.gone:
                return 'account.NO_SUCH_ACCOUNT'
            return self.entry(element, key, 'zimbraCOSId' if element == 'account' else 'zimbraDomainDefaultCOSId')
        if body['id'] in self.gone:
            return 'account.NO_SUCH_ACCOUNT'
        if body['id'] not in self.ignored:
            self.cos[body['id']] = body['a'][0]['_content']
        return self.entry('account' if name == 'ModifyAccountRequest' else 'domain', body['id'], body['a'][0]['n'])


def test_users_moved_to_another_cos_in_one_page_one_gone_meanwhile_counted_moved(fake_client):
    users = Users()
    client = fake_client(users)

    def delete_a3(name, body):
        # someone deletes user3 between the read of the users and the moves
        if name == 'ModifyAccountRequest':
            users.gone.add('a3')
        return users(name, body)
    client.answer = delete_a3
    run = Run(client, reassign_to='silver')
    cos.before_delete(run, {'name': 'bronze', 'id': 'bronze-id'})
    page = client.batches[1][0]
    assert [name for name, body in page] == ['ModifyAccountRequest'] * 3 + ['ModifyDomainRequest']
    assert page[0][1] == {'id': 'a1', 'a': [{'n': 'zimbraCOSId', '_content': 'silver-id'}]}
    assert page[3][1] == {'id': 'd1', 'a': [{'n': 'zimbraDomainDefaultCOSId', '_content': 'silver-id'}]}
    assert run.result['moved_items'] == ['user1@c.test', 'user2@c.test', 'user3@c.test', 'c.test']
    assert run.result['changed'] is True
    assert run.result['reassigned'] == dict(accounts=3, domains=1, to='silver')


def test_a_lost_page_of_moves_is_read_back_and_a_move_not_in_place_fails_the_delete(fake_client):
    # the page ran except for the domain's move, and its answer was lost
    client = fake_client(Users(ignored={'d1'}), lost={1})
    run = Run(client, reassign_to='silver')
    with pytest.raises(Failed) as failed:
        cos.before_delete(run, {'name': 'bronze', 'id': 'bronze-id'})
    msg, result = failed.value.args
    assert msg == 'could not move 1 of the users of class of service bronze (3 moved); it was kept'
    # the moves were sent once, then read back each as what it is
    assert [name for name, body in client.batches[2][0]] == ['GetAccountRequest'] * 3 + ['GetDomainRequest']
    assert client.batches[2][2] is True and len(client.batches) == 3
    assert result['moved_items'] == ['user1@c.test', 'user2@c.test', 'user3@c.test'] and result['changed'] is True
    assert [(item['name'], item['code']) for item in result['failed_items']] == [('c.test', 'outcome.UNKNOWN')]
    assert 'may still be applied' in result['failed_items'][0]['message']
