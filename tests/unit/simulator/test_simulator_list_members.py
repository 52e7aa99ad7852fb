"""AddDistributionListMember and RemoveDistributionListMember as Carbonio does them (api-objects doc 7, 8): a static
list's zimbraMailForwardingAddress values; an ACL group's zimbraMemberOf on internal accounts and cn=external unit
for other addresses; a custom-URL group refuses both."""

from __future__ import annotations

from list_requests import account, create_list, dlm, domain, entry_attrs, members, static_list
from soap_answers import fault, ok


def test_adding_members_lowercases_and_skips_existing_ones(sim):
    domain(sim, 'add.members.test')
    list_id = static_list(sim, 'team@add.members.test', 'kept@x.test')
    body = ok(sim.soap('AddDistributionListMemberRequest', id=list_id, dlm=dlm('New@X.test', 'kept@x.test', 'new@x.test', ' other@x.test ')))
    assert body == {'AddDistributionListMemberResponse': {'_jsns': 'urn:zimbraAdmin'}}
    assert members(sim, list_id) == ['kept@x.test', 'new@x.test', 'other@x.test']
    assert entry_attrs(sim, 'add.members.test', 'team@add.members.test')['zimbraMailForwardingAddress'] == [
        'kept@x.test', 'new@x.test', 'other@x.test']
    assert {line['write'] for line in sim.log() if line['request'] == 'AddDistributionListMemberRequest'} == {True}


def test_adding_self_a_dynamic_group_or_nothing_is_refused(sim):
    domain(sim, 'refused.members.test')
    list_id = static_list(sim, 'team@refused.members.test')
    ok(sim.soap('AddDistributionListAliasRequest', id=list_id, alias='crew@refused.members.test'))
    create_list(sim, 'group@refused.members.test', dynamic=True)
    assert fault(sim.soap('AddDistributionListMemberRequest', id=list_id, dlm=dlm('a@x.test', 'Crew@refused.members.test'))) == (
        'service.INVALID_REQUEST', 'invalid request: Cannot add self as a member: crew@refused.members.test')
    assert fault(sim.soap('AddDistributionListMemberRequest', id=list_id, dlm=dlm('group@refused.members.test'))) == (
        'service.INVALID_REQUEST', 'invalid request: Cannot add dynamic group as a member: group@refused.members.test')
    assert fault(sim.soap('AddDistributionListMemberRequest', id=list_id, dlm=[])) == (
        'service.INVALID_REQUEST', 'invalid request: members to add not specified')
    assert fault(sim.soap('AddDistributionListMemberRequest', id='6b0c3f52-1a8e-4d1c-9a62-7f0e1d2c3b4a', dlm=dlm('a@x.test'))) == (
        'account.NO_SUCH_DISTRIBUTION_LIST', 'no such distribution list: 6b0c3f52-1a8e-4d1c-9a62-7f0e1d2c3b4a')
    assert members(sim, list_id) == []  # nothing written by a refused request


def test_removing_an_accounts_address_removes_all_of_its_addresses(sim):
    domain(sim, 'remove.members.test')
    owner = account(sim, 'owner@remove.members.test')
    ok(sim.soap('AddAccountAliasRequest', id=owner, alias='nick@remove.members.test'))
    list_id = static_list(sim, 'team@remove.members.test', 'owner@remove.members.test', 'nick@remove.members.test', 'x@ext.test')
    body = ok(sim.soap('RemoveDistributionListMemberRequest', id=list_id, dlm=dlm('NICK@remove.members.test')))
    assert body == {'RemoveDistributionListMemberResponse': {'_jsns': 'urn:zimbraAdmin'}}
    assert members(sim, list_id) == ['x@ext.test']
    assert fault(sim.soap('RemoveDistributionListMemberRequest', id=list_id, dlm=dlm('x@ext.test', 'gone@ext.test', 'owner@remove.members.test'))) == (
        'account.NO_SUCH_MEMBER', 'non-existent members: gone@ext.test,owner@remove.members.test in distribution list: team@remove.members.test')
    assert members(sim, list_id) == ['x@ext.test']  # nothing removed
    assert fault(sim.soap('RemoveDistributionListMemberRequest', id=list_id, dlm=[])) == (
        'service.INVALID_REQUEST', 'invalid request: empty remove set')
    # `account` elements name an account: whichever of its addresses are members leave
    ok(sim.soap('AddDistributionListMemberRequest', id=list_id, dlm=dlm('nick@remove.members.test')))
    ok(sim.soap('RemoveDistributionListMemberRequest', id=list_id, account=[{'_content': owner}]))
    assert members(sim, list_id) == ['x@ext.test']


def test_acl_group_members_are_accounts_member_of_it_and_its_external_unit(sim):
    domain(sim, 'acl.members.test')
    account(sim, 'user@acl.members.test')
    group = create_list(sim, 'group@acl.members.test', dynamic=True)['id']
    static_list(sim, 'list@acl.members.test')
    ok(sim.soap('AddDistributionListMemberRequest', id=group, dlm=dlm('USER@acl.members.test', 'Out@ext.test', 'user@acl.members.test')))
    assert members(sim, group) == ['out@ext.test', 'user@acl.members.test']
    assert entry_attrs(sim, 'acl.members.test', 'user@acl.members.test')['zimbraMemberOf'] == [group]
    # adding again is no error and changes nothing
    ok(sim.soap('AddDistributionListMemberRequest', id=group, dlm=dlm('user@acl.members.test', 'out@ext.test')))
    assert members(sim, group) == ['out@ext.test', 'user@acl.members.test']
    assert fault(sim.soap('AddDistributionListMemberRequest', id=group, dlm=dlm('list@acl.members.test', 'z@ext.test'))) == (
        'service.INVALID_REQUEST', 'invalid request: address cannot be a group: [list@acl.members.test, z@ext.test]')
    account(sim, 'other@acl.members.test')
    assert fault(sim.soap('RemoveDistributionListMemberRequest', id=group, dlm=dlm('other@acl.members.test'))) == (
        'account.NO_SUCH_MEMBER', 'non-existent members: other@acl.members.test in distribution list: group@acl.members.test')
    # an external address that is no member is no error
    ok(sim.soap('RemoveDistributionListMemberRequest', id=group, dlm=dlm('user@acl.members.test', 'OUT@ext.test', 'never@ext.test')))
    assert members(sim, group) == []
    assert 'zimbraMemberOf' not in entry_attrs(sim, 'acl.members.test', 'user@acl.members.test')


def test_a_new_account_stops_being_an_external_member(sim):
    """removeExternalAddrsFromAllDynamicGroups: an address that now belongs to an entry leaves the external units."""
    domain(sim, 'external.members.test')
    group = create_list(sim, 'group@external.members.test', dynamic=True)['id']
    ok(sim.soap('AddDistributionListMemberRequest', id=group, dlm=dlm('later@external.members.test', 'stay@ext.test')))
    account(sim, 'later@external.members.test')
    assert members(sim, group) == ['stay@ext.test']


def test_custom_url_groups_refuse_member_changes(sim):
    domain(sim, 'custom.members.test')
    group = create_list(sim, 'custom@custom.members.test', ('memberURL', 'ldap:///??sub?(objectClass=zimbraAccount)'),
                        ('zimbraIsACLGroup', 'FALSE'), dynamic=True)['id']
    assert fault(sim.soap('AddDistributionListMemberRequest', id=group, dlm=dlm('a@x.test'))) == (
        'service.INVALID_REQUEST', 'invalid request: cannot add members to dynamic group with custom memberURL')
    assert fault(sim.soap('RemoveDistributionListMemberRequest', id=group, dlm=dlm('a@x.test'))) == (
        'service.INVALID_REQUEST', "invalid request: cannot remove members from dynamic group 'custom@custom.members.test' with custom memberURL")
