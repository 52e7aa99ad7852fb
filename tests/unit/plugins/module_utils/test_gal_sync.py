# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""GAL sync accounts planned as a whole against what is held: creates, added data sources, changes, deletes, and what
is refused before any write (ordinary accounts, Carbonio's one account per domain and server, one data source per folder)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _gal_sync as sync

SERVER = 'mail1.example.test'


def held(*accounts, **kwargs):
    """A state as read_state returns it: GAL sync accounts of the domain, and other accounts by name."""
    ours = dict((account['id'], account) for account in accounts)
    by_name = dict((account['name'], account) for account in accounts)
    for other in kwargs.get('others', ()):
        by_name[other['name']] = other
    return dict(servers=kwargs.get('servers', [SERVER]), accounts=ours, by_name=by_name)


def gal_account(name='galsync@example.test', server=SERVER, sources=None, zimbra_id='g1'):
    return dict(name=name, id=zimbra_id, server=server, system=True, sources=sources if sources is not None else [
        dict(name='InternalGal', id='ds1', type='zimbra', polling='1d', folder_id='7', status='enabled', last_success=None, last_failure=None)])


def plan(items, state):
    return sync.plan(sync.parse_items(items), state, 'example.test')


def requests_of(actions):
    return [(action.request, action.body) for action in actions]


def test_a_new_account_goes_on_the_only_mailbox_server():
    actions, problems = plan([dict(address='GalSync@Example.test', polling_interval='12h')], held())
    assert problems == []
    assert requests_of(actions) == [('CreateGalSyncAccountRequest', {
        'name': 'InternalGal', 'domain': 'example.test', 'type': 'zimbra', 'server': SERVER,
        'account': {'by': 'name', '_content': 'galsync@example.test'}, 'a': [{'n': 'zimbraDataSourcePollingInterval', '_content': '12h'}]})]


def test_held_as_declared_needs_no_write_and_a_new_interval_is_changed_in_place():
    assert plan([dict(address='galsync@example.test', polling_interval='24h')], held(gal_account())) == ([], [])
    actions, problems = plan([dict(address='galsync@example.test', datasource='InternalGal', polling_interval='30m', type='external')],
                             held(gal_account()))
    assert problems == []
    assert requests_of(actions) == [('ModifyDataSourceRequest', {'id': 'g1', 'dataSource': {'id': 'ds1', 'a': [
        {'n': 'zimbraGalType', '_content': 'ldap'}, {'n': 'zimbraDataSourcePollingInterval', '_content': '30m'}]}})]


def test_a_second_data_source_needs_its_own_folder():
    items = [dict(address='galsync@example.test', type='external')]
    actions, problems = plan(items, held(gal_account()))
    assert actions == [] and problems == [
        'sync_accounts[0].folder: required: data source InternalGal of galsync@example.test already imports into /Contacts, '
        'and Carbonio keeps one data source per folder']
    actions, problems = plan([dict(items[0], folder='_ExternalGal')], held(gal_account()))
    assert problems == [] and [action.request for action in actions] == ['AddGalSyncDataSourceRequest']
    assert actions[0].body['folder'] == '_ExternalGal' and actions[0].body['type'] == 'ldap'


def test_an_ordinary_account_is_never_made_or_deleted_as_a_gal_sync_account():
    user = dict(name='user@example.test', id='u1', server=SERVER, system=False, sources=[])
    for state, verb in (('present', 'changed'), ('absent', 'deleted')):
        actions, problems = plan([dict(address='user@example.test', state=state)], held(others=[user]))
        assert actions == [] and problems == [
            'sync_accounts[0].address: user@example.test is an ordinary account, not a GAL sync account of domain example.test; nothing %s' % verb]


def test_one_new_account_per_domain_and_mail_server():
    actions, problems = plan([dict(address='other@example.test')], held(gal_account()))
    assert actions == [] and problems == ['sync_accounts[0].server: domain example.test already has GAL sync account '
                                          'galsync@example.test on mail1.example.test; Carbonio keeps one per domain and mail server']
    actions, problems = plan([dict(address='a@example.test'), dict(address='b@example.test')], held())
    assert len(actions) == 1 and problems[0].startswith('sync_accounts[1].server: domain example.test already has GAL sync account a@example.test')
    # on another server, a second one is fine
    actions, problems = plan([dict(address='b@example.test', server='MAIL2.example.test')], held(gal_account(), servers=[SERVER, 'mail2.example.test']))
    assert problems == [] and actions[0].body['server'] == 'mail2.example.test'


def test_the_server_is_known_required_among_several_and_never_moved():
    state = held(servers=[SERVER, 'mail2.example.test'])
    assert plan([dict(address='g@example.test')], state)[1] == [
        'sync_accounts[0].server: required for a new GAL sync account (mailbox servers: mail1.example.test, mail2.example.test)']
    assert plan([dict(address='g@example.test', server='mail9.example.test')], state)[1] == [
        'sync_accounts[0].server: mail9.example.test is no mailbox server (mailbox servers: mail1.example.test, mail2.example.test)']
    assert plan([dict(address='galsync@example.test', server='mail2.example.test')], held(gal_account(), servers=state['servers']))[1] == [
        'sync_accounts[0].server: galsync@example.test lives on mail1.example.test; a GAL sync account does not move '
        '(remove it and add one on mail2.example.test)']


def test_absent_deletes_the_account_and_a_missing_one_is_nothing_to_do():
    actions, problems = plan([dict(address='galsync@example.test', state='absent')], held(gal_account()))
    assert problems == [] and requests_of(actions) == [('DeleteGalSyncAccountRequest', {'account': {'by': 'id', '_content': 'g1'}})]
    assert actions[0].landed({}) and not actions[0].landed({'galsync@example.test': gal_account()})
    assert plan([dict(address='gone@example.test', state='absent')], held()) == ([], [])


@pytest.mark.parametrize('item, message', [
    (dict(address='g@example.test', polling_interval='2 days'),
     "sync_accounts[0].polling_interval: expected an interval of a minute or more such as 30m, 12h or 1d, or 0 for never, got '2 days'"),
    (dict(address='g@example.test', polling_interval='30s'), 'sync_accounts[0].polling_interval: 30s is shorter than a minute'),
    (dict(address='not an address'), 'sync_accounts[0].address:'),
    (dict(address='g@example.test', server='bad_host!'), 'sync_accounts[0].server:'),
    (dict(address='g@example.test', datasource=' '), 'sync_accounts[0].datasource: must not be empty'),
])
def test_bad_items_are_refused_naming_the_field(item, message):
    with pytest.raises(ValueError) as refused:
        sync.parse_items([item])
    assert message in str(refused.value)


def test_the_same_account_and_data_source_twice_is_refused():
    with pytest.raises(ValueError) as refused:
        sync.parse_items([dict(address='g@example.test'), dict(address='G@example.test', datasource='internalgal')])
    assert str(refused.value) == 'sync_accounts[1]: g@example.test with data source internalgal is also sync_accounts[0]; give each once'


def test_a_zero_interval_means_never_and_is_allowed():
    assert sync.parse_items([dict(address='g@example.test', polling_interval=0)])[0]['polling'] == '0'


@pytest.mark.parametrize('kind, flags', [('trickle', {}), ('full', {'fullSync': True}), ('reset', {'fullSync': True, 'reset': True})])
def test_a_resync_names_every_data_source(kind, flags):
    account = gal_account(sources=[dict(name='InternalGal'), dict(name='ExternalGal')])
    assert sync.resync_requests({'g1': account, 'g2': gal_account(name='empty@example.test', zimbra_id='g2', sources=[])}, kind) == [
        dict(id='g1', datasource=[dict(flags, by='name', _content='InternalGal'), dict(flags, by='name', _content='ExternalGal')])]


def test_the_diff_shows_the_declared_accounts_before_and_after():
    items = sync.parse_items([dict(address='galsync@example.test', polling_interval='12h'), dict(address='new@example.test', server=SERVER, type='external')])
    before, after = sync.predicted(items, held(gal_account()))
    assert before == [dict(address='galsync@example.test', datasource='InternalGal', type='internal', server=SERVER, polling_interval='1d')]
    assert after == [dict(address='galsync@example.test', datasource='InternalGal', type='internal', server=SERVER, polling_interval='12h'),
                     dict(address='new@example.test', datasource='ExternalGal', type='external', server=SERVER)]
