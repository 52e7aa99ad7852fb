"""A list's addresses and its end (api-objects doc 7, 8): aliases as accounts have them, RenameDistributionList with
RenameAccount's address rules, DeleteDistributionList's side effects, and how deleting or renaming an account keeps
the static lists in step."""

from __future__ import annotations

from list_requests import account, action, create_list, dlm, domain, entry_attrs, grants, members, static_list
from soap_answers import attrs_of, fault, ok


def test_list_aliases_are_alias_entries_as_for_accounts(sim):
    domain(sim, 'alias.names.test')
    list_id = static_list(sim, 'team@alias.names.test')
    body = ok(sim.soap('AddDistributionListAliasRequest', id=list_id, alias='Crew@alias.names.test'))
    assert body == {'AddDistributionListAliasResponse': {'_jsns': 'urn:zimbraAdmin'}}
    found = entry_attrs(sim, 'alias.names.test', 'team@alias.names.test')
    assert found['mail'] == found['zimbraMailAlias'] == ['team@alias.names.test', 'crew@alias.names.test']
    alias = entry_attrs(sim, 'alias.names.test', 'crew@alias.names.test')
    assert alias['zimbraAliasTargetId'] == [list_id] and alias['uid'] == ['crew']
    assert fault(sim.soap('AddDistributionListAliasRequest', id=list_id, alias='crew@alias.names.test')) == (
        'account.ACCOUNT_EXISTS', 'email address already exists: crew@alias.names.test, at DN: uid=crew,ou=people,dc=alias,dc=names,dc=test')
    # a member list keeps the alias until it is removed
    holder = static_list(sim, 'holder@alias.names.test', 'crew@alias.names.test')
    body = ok(sim.soap('RemoveDistributionListAliasRequest', id=list_id, alias='crew@alias.names.test'))
    assert body == {'RemoveDistributionListAliasResponse': {'_jsns': 'urn:zimbraAdmin'}}
    assert entry_attrs(sim, 'alias.names.test', 'crew@alias.names.test') is None
    assert entry_attrs(sim, 'alias.names.test', 'team@alias.names.test')['zimbraMailAlias'] == ['team@alias.names.test']
    assert members(sim, holder) == []
    assert fault(sim.soap('RemoveDistributionListAliasRequest', id=list_id, alias='crew@alias.names.test')) == (
        'account.NO_SUCH_ALIAS', 'no such alias: crew@alias.names.test')
    assert fault(sim.soap('RemoveDistributionListAliasRequest', id='6b0c3f52-1a8e-4d1c-9a62-7f0e1d2c3b4a', alias='x@alias.names.test')) == (
        'account.NO_SUCH_DISTRIBUTION_LIST', 'no such distribution list: 6b0c3f52-1a8e-4d1c-9a62-7f0e1d2c3b4a')
    group = create_list(sim, 'group@alias.names.test', dynamic=True)['id']
    ok(sim.soap('AddDistributionListAliasRequest', id=group, alias='band@alias.names.test'))
    assert entry_attrs(sim, 'alias.names.test', 'group@alias.names.test')['zimbraMailAlias'] == ['group@alias.names.test', 'band@alias.names.test']
    assert {line['write'] for line in sim.log() if 'DistributionListAlias' in line['request']} == {True}


def test_renaming_a_static_list_moves_it_and_renames_its_memberships(sim):
    domain(sim, 'old.names.test')
    domain(sim, 'new.names.test')
    list_id = static_list(sim, 'team@old.names.test', 'm@x.test')
    ok(sim.soap('AddDistributionListAliasRequest', id=list_id, alias='crew@old.names.test'))
    holder = static_list(sim, 'holder@old.names.test', 'team@old.names.test', 'crew@old.names.test')
    body = ok(sim.soap('RenameDistributionListRequest', id=list_id, newName='Squad@new.names.test'))
    renamed = body['RenameDistributionListResponse']['dl'][0]
    attrs = attrs_of(renamed)
    assert (renamed['name'], renamed['id']) == ('squad@new.names.test', list_id)
    assert attrs['uid'] == ['squad'] and attrs['mail'] == attrs['zimbraMailAlias'] == ['squad@new.names.test', 'crew@new.names.test']
    assert 'zimbraMailForwardingAddress' not in attrs
    assert members(sim, list_id) == ['m@x.test']
    assert sorted(members(sim, holder)) == ['crew@new.names.test', 'squad@new.names.test']
    assert entry_attrs(sim, 'new.names.test', 'crew@new.names.test')['zimbraAliasTargetId'] == [list_id]
    account(sim, 'taken@new.names.test')
    assert fault(sim.soap('RenameDistributionListRequest', id=list_id, newName='taken@new.names.test')) == (
        'account.DISTRIBUTION_LIST_EXISTS', 'email address already exists: taken@new.names.test')
    assert fault(sim.soap('RenameDistributionListRequest', id=list_id, newName='x@none.names.test')) == (
        'account.NO_SUCH_DOMAIN', 'no such domain: none.names.test')


def test_renaming_a_dynamic_group_renames_its_unit_but_not_memberships(sim):
    domain(sim, 'dyn.names.test')
    group = create_list(sim, 'group@dyn.names.test', dynamic=True)['id']
    holder = static_list(sim, 'holder@dyn.names.test')
    # a member the group had before it existed: Carbonio does not rename dynamic groups in static lists
    ok(sim.soap('ModifyDistributionListRequest', id=holder, a=[{'n': 'zimbraMailForwardingAddress', '_content': 'group@dyn.names.test'}]))
    renamed = ok(sim.soap('RenameDistributionListRequest', id=group, newName='band@dyn.names.test'))['RenameDistributionListResponse']['dl'][0]
    attrs = attrs_of(renamed)
    assert renamed['dynamic'] is True and attrs['cn'] == ['band'] and attrs['mail'] == ['band@dyn.names.test']
    assert members(sim, holder) == ['group@dyn.names.test']
    # the cn=internal unit carries the new address, no longer the old one
    assert fault(sim.soap('CreateAccountRequest', name='band.__internal__@dyn.names.test'))[0] == 'account.ACCOUNT_EXISTS'
    account(sim, 'group.__internal__@dyn.names.test')


def test_deleting_a_static_list_cleans_up_after_it(sim):
    domain(sim, 'delete.names.test')
    account(sim, 'boss@delete.names.test')
    list_id = static_list(sim, 'team@delete.names.test', 'm@x.test')
    ok(sim.soap('AddDistributionListAliasRequest', id=list_id, alias='crew@delete.names.test'))
    holder = static_list(sim, 'holder@delete.names.test', 'team@delete.names.test', 'crew@delete.names.test', 'y@x.test')
    # a grant made to the list, on another list
    ok(action(sim, holder, 'grantRights', right=[{'right': 'sendToDistList', 'grantee': [{'type': 'grp', 'by': 'id', '_content': list_id}]}]))
    assert [grant[1] for grant in grants(sim, holder)] == [list_id]
    body = ok(sim.soap('DeleteDistributionListRequest', id=list_id))
    assert body == {'DeleteDistributionListResponse': {'_jsns': 'urn:zimbraAdmin'}}
    assert members(sim, holder) == ['y@x.test']
    assert entry_attrs(sim, 'delete.names.test', 'crew@delete.names.test') is None
    assert grants(sim, holder) == []
    assert fault(sim.soap('DeleteDistributionListRequest', id=list_id)) == (
        'account.NO_SUCH_DISTRIBUTION_LIST', f'no such distribution list: {list_id}')


def test_deleting_a_dynamic_group_removes_units_and_memberships(sim):
    domain(sim, 'dyn.delete.names.test')
    account(sim, 'user@dyn.delete.names.test')
    group = create_list(sim, 'group@dyn.delete.names.test', dynamic=True)['id']
    ok(sim.soap('AddDistributionListMemberRequest', id=group, dlm=dlm('user@dyn.delete.names.test', 'out@ext.test')))
    target = static_list(sim, 'target@dyn.delete.names.test')
    ok(action(sim, target, 'grantRights', right=[{'right': 'sendToDistList', 'grantee': [{'type': 'grp', 'by': 'id', '_content': group}]}]))
    ok(sim.soap('DeleteDistributionListRequest', id=group))
    assert 'zimbraMemberOf' not in entry_attrs(sim, 'dyn.delete.names.test', 'user@dyn.delete.names.test')
    # the units went with it: the same group can be made again, with no member left over
    again = create_list(sim, 'group@dyn.delete.names.test', dynamic=True)['id']
    assert members(sim, again) == []
    # grants made to a dynamic group are not revoked (commented out in Carbonio)
    assert [grant[:2] for grant in grants(sim, target)] == [('grp', group)]


def test_deleting_or_renaming_an_account_keeps_static_lists_in_step(sim):
    domain(sim, 'account.names.test')
    user = account(sim, 'user@account.names.test')
    ok(sim.soap('AddAccountAliasRequest', id=user, alias='nick@account.names.test'))
    list_id = static_list(sim, 'team@account.names.test', 'user@account.names.test', 'nick@account.names.test', 'x@ext.test')
    ok(action(sim, list_id, 'addOwners', owner=[{'type': 'usr', 'by': 'id', '_content': user}]))
    ok(sim.soap('RenameAccountRequest', id=user, newName='renamed@account.names.test'))
    assert sorted(members(sim, list_id)) == ['nick@account.names.test', 'renamed@account.names.test', 'x@ext.test']
    ok(sim.soap('DeleteAccountRequest', id=user))
    assert members(sim, list_id) == ['x@ext.test']
    # the grants made to the account go with it: the list has no owner left
    found = ok(sim.soap('GetDistributionListRequest', dl={'by': 'id', '_content': list_id}))['GetDistributionListResponse']['dl'][0]
    assert 'owners' not in found and 'zimbraACE' not in attrs_of(found)
