"""GrantRight, RevokeRight and GetGrants in urn:zimbraAdmin for the list rights (api-objects doc 9): zimbraACE values
`<grantee id> <type> [modifier]<right>` on the list, granting twice silent, NO_SUCH_GRANT and NO_SUCH_RIGHT, the
grantee types, and GetGrants by target or by grantee."""

from __future__ import annotations

from list_requests import account, create_list, domain, entry_attrs, grants, static_list
from soap_answers import fault, ok

ALL = '00000000-0000-0000-0000-000000000000'
PUBLIC = '99999999-9999-9999-9999-999999999999'


def grant(sim, target, grantee, right, request='GrantRightRequest', kind='dl'):
    return sim.soap(request, target={'type': kind, 'by': 'id', '_content': target}, grantee=grantee,
                    right=right if isinstance(right, dict) else {'_content': right})


def aces(sim, domain_name, list_name):
    return entry_attrs(sim, domain_name, list_name).get('zimbraACE', [])


def test_grants_are_aces_on_the_list(sim):
    domain(sim, 'grant.rights.test')
    user = account(sim, 'user@grant.rights.test')
    list_id = static_list(sim, 'team@grant.rights.test')
    body = ok(grant(sim, list_id, {'type': 'usr', 'by': 'name', '_content': 'User@grant.rights.test'}, 'sendToDistList'))
    assert body == {'GrantRightResponse': {'_jsns': 'urn:zimbraAdmin'}}
    ok(grant(sim, list_id, {'type': 'usr', 'by': 'id', '_content': user}, 'sendToDistList'))  # again: silent
    ok(grant(sim, list_id, {'type': 'all'}, 'viewDistList'))
    ok(grant(sim, list_id, {'type': 'pub'}, {'_content': 'sendAsDistList', 'deny': True}))
    ok(grant(sim, list_id, {'type': 'gst', 'by': 'name', '_content': 'guest@ext.test'}, 'sendOnBehalfOfDistList'))
    ok(grant(sim, list_id, {'type': 'dom', 'by': 'name', '_content': 'grant.rights.test'}, 'ownDistList'))
    domain_id = ok(sim.soap('GetDomainRequest', domain={'by': 'name', '_content': 'grant.rights.test'}))['GetDomainResponse']['domain'][0]['id']
    assert aces(sim, 'grant.rights.test', 'team@grant.rights.test') == [
        f'{user} usr sendToDistList', f'{ALL} all viewDistList', f'{PUBLIC} pub -sendAsDistList',
        'guest@ext.test: gst sendOnBehalfOfDistList', f'{domain_id} dom ownDistList']
    # a different modifier replaces the grant's, in place
    ok(grant(sim, list_id, {'type': 'usr', 'by': 'id', '_content': user}, {'_content': 'sendToDistList', 'deny': 1}))
    assert aces(sim, 'grant.rights.test', 'team@grant.rights.test')[0] == f'{user} usr -sendToDistList'
    assert {line['write'] for line in sim.log() if line['request'] in ('GrantRightRequest', 'RevokeRightRequest')} == {True}


def test_email_grantees_are_stored_as_sent_by_grant_right(sim):
    """RightCommand.grantRightInternal keeps an `email` grantee as it is (it is no directory entry type); only
    DistributionListAction resolves it to usr, grp or gst."""
    domain(sim, 'email.rights.test')
    account(sim, 'user@email.rights.test')
    list_id = static_list(sim, 'team@email.rights.test')
    ok(grant(sim, list_id, {'type': 'email', 'by': 'name', '_content': 'user@email.rights.test'}, 'sendToDistList'))
    assert aces(sim, 'email.rights.test', 'team@email.rights.test') == ['user@email.rights.test email sendToDistList']
    assert grants(sim, list_id) == [('email', 'user@email.rights.test', None, 'sendToDistList', frozenset())]


def test_revoking_needs_the_same_grant(sim):
    domain(sim, 'revoke.rights.test')
    user = account(sim, 'user@revoke.rights.test')
    list_id = static_list(sim, 'team@revoke.rights.test')
    ok(grant(sim, list_id, {'type': 'usr', 'by': 'id', '_content': user}, {'_content': 'sendToDistList', 'deny': True}))
    grantee = {'type': 'usr', 'by': 'name', '_content': 'user@revoke.rights.test'}
    assert fault(grant(sim, list_id, grantee, 'sendToDistList', request='RevokeRightRequest')) == (
        'account.NO_SUCH_GRANT', f'no such grant: [grantee name=user@revoke.rights.test, grantee id={user}, grantee type=usr, right=sendToDistList]')
    body = ok(grant(sim, list_id, grantee, {'_content': 'sendToDistList', 'deny': True}, request='RevokeRightRequest'))
    assert body == {'RevokeRightResponse': {'_jsns': 'urn:zimbraAdmin'}}
    assert aces(sim, 'revoke.rights.test', 'team@revoke.rights.test') == []
    assert fault(grant(sim, list_id, {'type': 'all'}, 'viewDistList', request='RevokeRightRequest')) == (
        'account.NO_SUCH_GRANT', f'no such grant: [grantee name=null, grantee id={ALL}, grantee type=all, right=viewDistList]')
    # a grantee gone by name cannot be found; by id its orphan grant can still go
    ok(grant(sim, list_id, {'type': 'usr', 'by': 'id', '_content': user}, 'viewDistList'))
    ok(sim.soap('DeleteAccountRequest', id=user))
    ok(grant(sim, list_id, {'type': 'all'}, 'viewDistList'))
    ok(sim.soap('ModifyDistributionListRequest', id=list_id, a=[{'n': '+zimbraACE', '_content': f'{user} usr viewDistList'}]))
    assert fault(grant(sim, list_id, grantee, 'viewDistList', request='RevokeRightRequest')) == (
        'service.INVALID_REQUEST', 'invalid request: cannot find grantee by name: user@revoke.rights.test, try revoke by grantee id if you want to '
        'remove the orphan grant')
    ok(grant(sim, list_id, {'type': 'usr', 'by': 'id', '_content': user}, 'viewDistList', request='RevokeRightRequest'))
    assert aces(sim, 'revoke.rights.test', 'team@revoke.rights.test') == [f'{ALL} all viewDistList']


def test_grant_right_faults(sim):
    domain(sim, 'faults.rights.test')
    account(sim, 'user@faults.rights.test')
    list_id = static_list(sim, 'team@faults.rights.test')
    user = {'type': 'usr', 'by': 'name', '_content': 'user@faults.rights.test'}
    assert fault(grant(sim, list_id, user, 'sendToList')) == ('account.NO_SUCH_RIGHT', 'no such right: invalid right sendToList')
    assert fault(grant(sim, list_id, {'type': 'usr', 'by': 'name', '_content': 'nobody@faults.rights.test'}, 'sendToDistList')) == (
        'account.NO_SUCH_ACCOUNT', 'no such account: nobody@faults.rights.test')
    assert fault(grant(sim, 'nothing@faults.rights.test', user, 'sendToDistList')) == (
        'account.NO_SUCH_DISTRIBUTION_LIST', 'no such distribution list: nothing@faults.rights.test')
    assert fault(grant(sim, list_id, user, 'sendAs')) == (
        'service.INVALID_REQUEST', 'invalid request: right sendAs cannot be granted on a dl entry. It can only be granted on target types: account')
    assert fault(grant(sim, list_id, user, {'_content': 'sendToDistList', 'deny': True, 'canDelegate': True})) == (
        'service.INVALID_REQUEST', 'invalid request: can only have one modifier')
    assert fault(grant(sim, list_id, user, {'_content': 'sendToDistList', 'canDelegate': True}))[0] == 'service.INVALID_REQUEST'
    assert fault(grant(sim, list_id, {'type': 'friend', 'by': 'name', '_content': 'x'}, 'sendToDistList')) == (
        'service.PARSE_ERROR', 'parse error: invalid grantee type: friend')
    assert aces(sim, 'faults.rights.test', 'team@faults.rights.test') == []


def test_get_grants_by_target_type_and_by_grantee(sim):
    domain(sim, 'get.rights.test')
    user = account(sim, 'user@get.rights.test')
    list_id = static_list(sim, 'team@get.rights.test', 'user@get.rights.test')
    group = create_list(sim, 'group@get.rights.test', dynamic=True)['id']
    ok(grant(sim, list_id, {'type': 'usr', 'by': 'id', '_content': user}, 'ownDistList'))
    ok(grant(sim, group, {'type': 'grp', 'by': 'id', '_content': list_id}, 'sendToDistList', kind='group'))
    body = ok(sim.soap('GetGrantsRequest', target={'type': 'group', 'by': 'name', '_content': 'group@get.rights.test'}))
    assert body['GetGrantsResponse']['grant'] == [{
        'target': [{'type': 'group', 'id': group, 'name': 'group@get.rights.test'}],
        'grantee': [{'type': 'grp', 'id': list_id, 'name': 'team@get.rights.test'}],
        'right': [{'deny': False, 'canDelegate': False, 'disinheritSubGroups': False, 'subDomain': False, '_content': 'sendToDistList'}]}]
    # by grantee, without a target: each target typed as what it is; `all` adds the groups the grantee is in
    body = ok(sim.soap('GetGrantsRequest', grantee={'type': 'usr', 'by': 'id', 'all': 1, '_content': user}))
    found = [(g['target'][0]['type'], g['target'][0]['name'], g['right'][0]['_content']) for g in body['GetGrantsResponse']['grant']]
    assert found == [('group', 'group@get.rights.test', 'sendToDistList'), ('dl', 'team@get.rights.test', 'ownDistList')]
    body = ok(sim.soap('GetGrantsRequest', grantee={'type': 'usr', 'by': 'id', 'all': 0, '_content': user}))
    assert [g['target'][0]['name'] for g in body['GetGrantsResponse']['grant']] == ['team@get.rights.test']
    assert fault(sim.soap('GetGrantsRequest')) == (
        'service.INVALID_REQUEST', 'invalid request: at least one of target or grantee must be specified')
    assert fault(sim.soap('GetGrantsRequest', grantee={'type': 'usr', 'by': 'id', '_content': user})) == (
        'service.INVALID_REQUEST', 'invalid request: missing required attribute: all')
    assert {line['write'] for line in sim.log() if line['request'] == 'GetGrantsRequest'} == {False}
