"""User logins, sessions and token validity (api-objects doc 2 SetPassword, doc 5; api doc 13.6): the user
AuthRequest checks the stored password and the status and opens a SOAP session, GetSessions lists it,
DelegateAuth + EndSession end it, SetPassword sets any password for the admin and moves the validity value on,
which kills the account's older tokens."""

from __future__ import annotations

import re

from soap_answers import attrs_of, fault, ok


PASSWORD = 'Good-Pass-42'


def account(sim, name, password=PASSWORD):
    sim.soap('CreateDomainRequest', name=name.split('@')[1])
    request = {'name': name, 'password': password} if password else {'name': name}
    return ok(sim.soap('CreateAccountRequest', **request))['CreateAccountResponse']['account'][0]['id']


def user_login(sim, name, password=PASSWORD):
    return sim.post({'Body': {'AuthRequest': {'_jsns': 'urn:zimbraAccount', 'account': {'by': 'name', '_content': name},
                                              'password': password}}})


def user_token(sim, name, password=PASSWORD):
    response = ok(user_login(sim, name, password))['AuthResponse']
    return response['authToken'][0]['_content'], response['session']['id']


def send(sim, token, request, namespace='urn:zimbraAccount', **body):
    """A request with the given token (a user's), in the given namespace."""
    return sim.post({'Header': {'context': {'_jsns': 'urn:zimbra', 'authToken': {'_content': token}}},
                     'Body': {request: dict(body, _jsns=namespace)}})


def sessions(sim, kind='soap'):
    return ok(sim.soap('GetSessionsRequest', type=kind))['GetSessionsResponse']


def own_attrs(sim, account_id):
    body = ok(sim.soap('GetAccountRequest', account={'by': 'id', '_content': account_id}, applyCos=0))
    return attrs_of(body['GetAccountResponse']['account'][0])


def test_user_login_checks_the_password_and_the_status(sim):
    user = account(sim, 'login@auth.session.test')
    response = ok(user_login(sim, 'Login@auth.session.test'))['AuthResponse']
    assert response['_jsns'] == 'urn:zimbraAccount' and isinstance(response['lifetime'], int)
    assert response['session']['id'] == response['session']['_content']
    assert fault(user_login(sim, 'login@auth.session.test', 'wrong-password')) == (
        'account.AUTH_FAILED', 'authentication failed for [login@auth.session.test]')
    assert fault(user_login(sim, 'nobody@auth.session.test'))[0] == 'account.AUTH_FAILED'
    ok(sim.soap('ModifyAccountRequest', id=user, a=[{'n': 'zimbraAccountStatus', '_content': 'locked'}]))
    assert fault(user_login(sim, 'login@auth.session.test'))[0] == 'account.AUTH_FAILED'
    ok(sim.soap('ModifyAccountRequest', id=user, a=[{'n': 'zimbraAccountStatus', '_content': 'maintenance'}]))
    status, body = user_login(sim, 'login@auth.session.test')
    assert (status, body['Body']['Fault']['Code']['Value']) == (500, 'soap:Receiver')
    assert body['Body']['Fault']['Detail']['Error']['Code'] == 'account.MAINTENANCE_MODE'
    # an account created without a password cannot log in
    account(sim, 'nopass@auth.session.test', password=None)
    assert fault(user_login(sim, 'nopass@auth.session.test'))[0] == 'account.AUTH_FAILED'
    assert {line['write'] for line in sim.log() if line['request'] == 'AuthRequest'} == {False}


def test_a_user_token_is_no_admin_token(sim):
    account(sim, 'plain@perm.session.test')
    token, _sid = user_token(sim, 'plain@perm.session.test')
    assert fault(send(sim, token, 'GetAllCosRequest', namespace='urn:zimbraAdmin')) == (
        'service.PERM_DENIED', 'permission denied: need adequate admin token')


def test_get_sessions_lists_every_session_of_a_type(sim):
    user = account(sim, 'listed@list.session.test')
    _token, sid = user_token(sim, 'listed@list.session.test')
    found = sessions(sim)
    assert found['more'] is False and found['total'] == len(found['s'])
    mine = [s for s in found['s'] if s['sid'] == sid]
    assert len(mine) == 1 and (mine[0]['zid'], mine[0]['name']) == (user, 'listed@list.session.test')
    assert isinstance(mine[0]['cd'], int) and mine[0]['ld'] >= mine[0]['cd']
    assert sessions(sim, 'imap') == {'more': False, 'total': 0, '_jsns': 'urn:zimbraAdmin'}
    assert fault(sim.soap('GetSessionsRequest', type='bogus')) == ('service.INVALID_REQUEST', 'invalid request: invalid session type: bogus')
    assert {line['write'] for line in sim.log() if line['request'] == 'GetSessionsRequest'} == {False}


def test_the_admin_ends_a_users_session_with_a_delegated_token(sim):
    user = account(sim, 'ended@end.session.test')
    token, sid = user_token(sim, 'ended@end.session.test')
    delegated = ok(sim.soap('DelegateAuthRequest', account={'by': 'id', '_content': user}, duration=600))['DelegateAuthResponse']
    assert delegated['lifetime'] == 600000
    delegated_token = delegated['authToken'][0]['_content']
    assert fault(send(sim, delegated_token, 'EndSessionRequest', sessionId='no-such-session')) == (
        'service.FAILURE', 'system failure: Failed to find session with given sessionId')
    body = ok(send(sim, delegated_token, 'EndSessionRequest', sessionId=sid))
    assert body == {'EndSessionResponse': {'_jsns': 'urn:zimbraAccount'}}
    assert sid not in [s['sid'] for s in sessions(sim).get('s', [])]
    # the ended session's token is de-registered
    assert fault(send(sim, token, 'EndSessionRequest'))[0] == 'service.AUTH_EXPIRED'
    # all=1 ends every session of the account
    for _login in range(2):
        user_token(sim, 'ended@end.session.test')
    ok(send(sim, delegated_token, 'EndSessionRequest', all=1))
    assert [s for s in sessions(sim).get('s', []) if s['zid'] == user] == []
    default = ok(sim.soap('DelegateAuthRequest', account={'by': 'name', '_content': 'ended@end.session.test'}))['DelegateAuthResponse']
    assert default['lifetime'] == 3600000
    assert fault(sim.soap('DelegateAuthRequest', account={'by': 'name', '_content': 'gone@end.session.test'}))[0] == 'account.NO_SUCH_ACCOUNT'
    writes = {line['request']: line['write'] for line in sim.log() if line['request'] in ('DelegateAuthRequest', 'EndSessionRequest')}
    assert writes == {'DelegateAuthRequest': False, 'EndSessionRequest': True}


def test_set_password_sets_any_password_and_expires_the_accounts_tokens(sim):
    user = account(sim, 'changer@password.session.test')
    token, _sid = user_token(sim, 'changer@password.session.test')
    ok(sim.soap('ModifyAccountRequest', id=user, a=[{'n': 'zimbraPasswordMustChange', '_content': 'TRUE'}]))
    before = own_attrs(sim, user)['zimbraPasswordModifiedTime']
    assert 'zimbraAuthTokenValidityValue' not in own_attrs(sim, user)
    body = ok(sim.soap('SetPasswordRequest', id=user, newPassword='abc'))
    message = ('Password violation: account=changer@password.session.test, violation=invalid password: too short.  '
               'Password is set successfully.')
    assert body['SetPasswordResponse']['message'] == [{'_content': message}]
    attrs = own_attrs(sim, user)
    assert attrs['zimbraAuthTokenValidityValue'] == ['0']  # absent counts as -1
    assert 'zimbraPasswordMustChange' not in attrs
    assert re.fullmatch(r'\d{14}\.\d{3}Z', attrs['zimbraPasswordModifiedTime'][0]) and attrs['zimbraPasswordModifiedTime'] >= before
    # the old token dies: on a user request by its validity value, on an admin request first for not being an admin's
    assert fault(send(sim, token, 'EndSessionRequest')) == ('service.AUTH_EXPIRED', 'auth credentials have expired: invalid validity value')
    assert fault(send(sim, token, 'GetAllCosRequest', namespace='urn:zimbraAdmin'))[0] == 'service.PERM_DENIED'
    assert fault(user_login(sim, 'changer@password.session.test'))[0] == 'account.AUTH_FAILED'
    new_token, _sid = user_token(sim, 'changer@password.session.test', 'abc')
    ok(send(sim, new_token, 'EndSessionRequest'))
    body = ok(sim.soap('SetPasswordRequest', id=user, newPassword='Fine-Pass-77'))
    assert body == {'SetPasswordResponse': {'_jsns': 'urn:zimbraAdmin'}}
    assert own_attrs(sim, user)['zimbraAuthTokenValidityValue'] == ['1']
    assert fault(sim.soap('SetPasswordRequest', id='11111111-2222-3333-4444-555555555555', newPassword='Fine-Pass-77')) == (
        'account.NO_SUCH_ACCOUNT', 'no such account: 11111111-2222-3333-4444-555555555555')


def test_set_password_reports_personal_data(sim):
    user = account(sim, 'margherita@personal.session.test')
    body = ok(sim.soap('SetPasswordRequest', id=user, newPassword='Margherita-2024'))
    assert 'violation=invalid password: password contains username or other personal data: margherita.' in (
        body['SetPasswordResponse']['message'][0]['_content'])
    user_token(sim, 'margherita@personal.session.test', 'Margherita-2024')  # set all the same
