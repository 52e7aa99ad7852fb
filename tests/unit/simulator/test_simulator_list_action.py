"""DistributionListActionRequest in urn:zimbraAccount through the admin URL (api-objects doc 9): owners, rights with
setRights revoking before it grants, members, attributes, rename and delete; an empty answer in urn:zimbraAccount;
an owner's user token may act too, anyone else's may not."""

from __future__ import annotations

from list_requests import account, action, dlm, domain, entry_attrs, get_list, grants, members, static_list
from soap_answers import attrs_of, fault, ok

EMPTY = {'DistributionListActionResponse': {'_jsns': 'urn:zimbraAccount'}}


def owner(kind, key, by='name'):
    return {'type': kind, 'by': by, '_content': key}


def senders(*grantees, right='sendToDistList'):
    return [{'right': right, 'grantee': list(grantees)}]


def test_owners_are_added_removed_and_set(sim):
    domain(sim, 'owners.action.test')
    first, second = account(sim, 'first@owners.action.test'), account(sim, 'second@owners.action.test')
    list_id = static_list(sim, 'team@owners.action.test')
    helpers = static_list(sim, 'helpers@owners.action.test')
    assert ok(action(sim, list_id, 'addOwners', owner=[owner('usr', 'first@owners.action.test'), owner('grp', helpers, by='id')])) == EMPTY
    found = ok(get_list(sim, list_id))['GetDistributionListResponse']['dl'][0]
    assert found['owners'] == [{'owner': [{'type': 'usr', 'id': first, 'name': 'first@owners.action.test'},
                                          {'type': 'grp', 'id': helpers, 'name': 'helpers@owners.action.test'}]}]
    ok(action(sim, 'team@owners.action.test', 'removeOwners', by='name', owner=[owner('grp', 'helpers@owners.action.test')]))
    ok(action(sim, list_id, 'setOwners', owner=[owner('usr', 'second@owners.action.test'), {'type': 'all'}]))
    assert [(g[0], g[1], g[3]) for g in grants(sim, list_id)] == [
        ('usr', second, 'ownDistList'), ('all', '00000000-0000-0000-0000-000000000000', 'ownDistList')]
    assert fault(action(sim, list_id, 'addOwners', owner=[owner('email', 'guest@ext.test')])) == (
        'service.INVALID_REQUEST', 'invalid request: invalid grantee type for groups owner')
    assert fault(action(sim, list_id, 'addOwners', owner=[owner('usr', 'nobody@owners.action.test')])) == (
        'account.NO_SUCH_ACCOUNT', 'no such account: nobody@owners.action.test')
    assert fault(action(sim, list_id, 'removeOwners', owner=[owner('usr', 'first@owners.action.test')])) == (
        'account.NO_SUCH_GRANT', f'no such grant: [grantee name=first@owners.action.test, grantee id={first}, grantee type=usr, right=ownDistList]')
    assert [line['write'] for line in sim.log() if line['request'] == 'DistributionListActionRequest'][:1] == [True]


def test_set_rights_revokes_then_grants_and_resolves_email_grantees(sim):
    domain(sim, 'rights.action.test')
    user = account(sim, 'user@rights.action.test')
    list_id = static_list(sim, 'team@rights.action.test')
    ok(action(sim, list_id, 'grantRights', right=senders({'type': 'pub'})))
    ok(action(sim, 'team@rights.action.test', 'setRights', by='name', right=senders(
        {'type': 'email', 'by': 'name', '_content': 'user@rights.action.test'},
        {'type': 'email', 'by': 'name', '_content': 'Team@rights.action.test'},
        {'type': 'email', 'by': 'name', '_content': 'guest@ext.test'})))
    assert entry_attrs(sim, 'rights.action.test', 'team@rights.action.test')['zimbraACE'] == [
        f'{user} usr sendToDistList', f'{list_id} grp sendToDistList', 'guest@ext.test: gst sendToDistList']
    # no grantee: every grant of the right goes, which leaves Carbonio's default (everyone may send)
    ok(action(sim, list_id, 'setRights', right=senders()))
    assert grants(sim, list_id) == []
    ok(action(sim, list_id, 'grantRights', right=senders({'type': 'all'})))
    ok(action(sim, list_id, 'revokeRights', right=senders({'type': 'all'})))
    assert fault(action(sim, list_id, 'revokeRights', right=senders({'type': 'all'})))[0] == 'account.NO_SUCH_GRANT'
    assert fault(action(sim, list_id, 'grantRights', right=senders({'type': 'all'}, right='ownDistList'))) == (
        'service.INVALID_REQUEST', 'invalid request: ownDistList cannot be granted directly, use addOwners/removeOwners/setOwners operation instead')
    assert fault(action(sim, list_id, 'grantRights', right=senders({'type': 'all'}, right='sendTo'))) == (
        'service.FAILURE', 'system failure: invalid right sendTo')


def test_members_attributes_name_and_deletion(sim):
    domain(sim, 'other.action.test')
    list_id = static_list(sim, 'team@other.action.test', 'old@x.test')
    ok(action(sim, list_id, 'addMembers', dlm=dlm('New@x.test', 'old@x.test')))
    ok(action(sim, list_id, 'removeMembers', dlm=dlm('old@x.test')))
    assert members(sim, list_id) == ['new@x.test']
    assert fault(action(sim, list_id, 'removeMembers', dlm=dlm('old@x.test'))) == (
        'account.NO_SUCH_MEMBER', 'non-existent members: old@x.test in distribution list: team@other.action.test')
    ok(action(sim, list_id, 'modify', a=[{'n': 'description', '_content': 'our team'}]))
    assert fault(action(sim, list_id, 'modify', a=[{'n': 'mail', '_content': 'x@other.action.test'}])) == (
        'service.INVALID_REQUEST', 'invalid request: mail is immutable')
    ok(action(sim, list_id, 'rename', newName={'_content': 'crew@other.action.test'}))
    found = ok(get_list(sim, list_id))['GetDistributionListResponse']['dl'][0]
    assert found['name'] == 'crew@other.action.test' and attrs_of(found)['description'] == ['our team']
    assert fault(action(sim, list_id, 'rename', newName='plain@other.action.test')) == (
        'service.INVALID_REQUEST', 'invalid request: missing required element: newName')
    assert ok(action(sim, list_id, 'delete')) == EMPTY
    assert fault(action(sim, list_id, 'delete')) == ('account.NO_SUCH_DISTRIBUTION_LIST', f'no such distribution list: {list_id}')
    other = static_list(sim, 'other@other.action.test')
    assert fault(action(sim, other, 'explode')) == ('service.INVALID_REQUEST', 'invalid request: unknown operation: explode')


def test_only_owners_act_with_a_user_token(sim):
    domain(sim, 'user.action.test')
    list_id = static_list(sim, 'team@user.action.test')
    ok(sim.soap('SetPasswordRequest', id=account(sim, 'owner@user.action.test'), newPassword='Owner-Passw0rd'))
    ok(sim.soap('SetPasswordRequest', id=account(sim, 'stranger@user.action.test'), newPassword='Stranger-Passw0rd'))

    def token(name, password):
        body = ok(sim.post({'Body': {'AuthRequest': {'_jsns': 'urn:zimbraAccount', 'account': {'by': 'name', '_content': name},
                                                     'password': password}}}))
        return body['AuthResponse']['authToken'][0]['_content']
    ok(action(sim, list_id, 'addOwners', owner=[owner('usr', 'owner@user.action.test')]))
    owner_token, stranger_token = token('owner@user.action.test', 'Owner-Passw0rd'), token('stranger@user.action.test', 'Stranger-Passw0rd')
    assert fault(action(sim, list_id, 'addMembers', token=stranger_token, dlm=dlm('a@x.test'))) == (
        'service.PERM_DENIED', 'permission denied: you do not have sufficient rights to access this distribution list')
    assert ok(action(sim, list_id, 'addMembers', token=owner_token, dlm=dlm('a@x.test'))) == EMPTY
    assert members(sim, list_id) == ['a@x.test']
    # deleting needs createDistList on the domain besides
    assert fault(action(sim, list_id, 'delete', token=owner_token)) == (
        'service.PERM_DENIED', 'permission denied: you do not have sufficient rights to delete this distribution list')
    # an admin request in the account namespace is still refused to a user
    assert fault(sim.post({'Header': {'context': {'_jsns': 'urn:zimbra', 'authToken': {'_content': owner_token}}},
                           'Body': {'GetDistributionListRequest': {'_jsns': 'urn:zimbraAdmin', 'dl': {'by': 'id', '_content': list_id}}}}))[0] == (
        'service.PERM_DENIED')
