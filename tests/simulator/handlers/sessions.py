"""User tokens and sessions (api-objects doc 5, api doc 13.6): the user AuthRequest, DelegateAuth, GetSessions,
EndSession, and the check every user token passes on each request (AuthProvider.validateAuthToken).

A user token embeds the account's zimbraAuthTokenValidityValue; SetPassword (or a ModifyAccount of that value)
moves it on, and from then on the account's older tokens are refused.
"""

from ..directory import Entry
from ..elements import Element
from ..errors import ServiceFault, auth_expired, failure, invalid_request, no_such_account
from ..registry import NS_ACCOUNT
from ..session_store import TYPES
from ..timeutil import duration_ms
from . import handles
from .accounts import find_account
from .effective_cos import CosResolver
from .encoding import entry_name, response
from .passwords import INT_MAX, validity_value

SORT_BY = ('nameAsc', 'nameDesc', 'createdAsc', 'createdDesc', 'accessedAsc', 'accessedDesc')


def check_user_token(sim, caller):
    """AuthProvider.validateAuthToken for a user token: the account still exists, still has the validity value
    the token was issued with, and is active (a delegated token is only refused in maintenance). A deleted
    account is refused too, with the message Carbonio's unreachable branch has (it lets the request through)."""
    account = sim.directory.by_id(caller.account_id, 'zimbraAccount')
    if account is None:
        raise auth_expired(f'account {caller.account_id} not found')
    enabled = sim.directory.global_config().first('zimbraAuthTokenValidityValueEnabled', 'TRUE') == 'TRUE'
    if enabled and validity_value(account) != caller.validity:
        raise auth_expired('invalid validity value')
    status = account.first('zimbraAccountStatus')
    if caller.delegated and status == 'maintenance':
        raise auth_expired('delegated account in MAINTENANCE mode')
    if not caller.delegated and status != 'active':
        raise auth_expired('account not active')
    sim.sessions.touch(caller.token_id)
    return account


def _user_token(sim, account, lifetime_ms=None, delegated=False):
    """(token, lifetime ms) for the account: at most its zimbraAuthTokenLifetime (own, else its COS's)."""
    limit = duration_ms(Entry(account.dn, CosResolver(sim).apply(account)).first('zimbraAuthTokenLifetime', '2d'))
    lifetime_ms = limit if lifetime_ms is None else min(lifetime_ms, limit)
    return sim.tokens.issue(entry_name(account), lifetime_ms, account.id, validity_value(account), delegated)


@handles('AuthRequest', namespace=NS_ACCOUNT, writes=False, needs_auth=False)
def user_auth(sim, req):
    """account/Auth with a password, in LP.authAccount's order. Status `lockout` is refused like `locked` (the
    lockout policy is not imitated). Opens a SOAP session; no cookie is set (the token travels in the header)."""
    node = req.child('account')
    sent = (node.text or '') if node is not None else ''
    account = find_account(sim, str(node.attrs.get('by', 'name')), sent) if node is not None else None
    refused = ServiceFault('account.AUTH_FAILED', f'authentication failed for [{sent}]')
    if account is None:
        raise refused
    password = req.get('password')
    if password is None:
        raise invalid_request('must specify password')
    if not password:
        raise refused
    status = account.first('zimbraAccountStatus')
    if status == 'maintenance':
        raise ServiceFault('account.MAINTENANCE_MODE', 'account is in maintenance mode')
    if status != 'active' or not sim.directory.check_password(account.dn, str(password)):
        raise refused
    token, lifetime = _user_token(sim, account)
    session = sim.sessions.open('soap', account.id, sim.tokens.read(token).token_id)
    resp = Element('AuthResponse', ns=NS_ACCOUNT)
    resp.add('authToken', text=token)
    resp.attrs['lifetime'] = int(lifetime)
    resp.add('session', {'id': session.sid}, text=session.sid, unique=True)
    return resp


@handles('DelegateAuthRequest', writes=False)
def delegate_auth(sim, req):
    """ADM/DelegateAuth: a delegated user token for the account; `lifetime` echoes duration x 1000 while the token
    itself lasts at most the account's zimbraAuthTokenLifetime. Declared a read: nothing in the directory changes."""
    node = req.child('account')
    if node is None:
        raise invalid_request('missing required element: account')
    by = node.attrs.get('by')
    if by is None:
        raise invalid_request('missing required attribute: by')
    if by not in ('name', 'id'):
        raise invalid_request(f'unknown value for by: {by}')
    account = find_account(sim, by, node.text)
    if account is None:
        raise no_such_account(node.text)
    lifetime = req.get_int('duration', 3600) * 1000
    token, _lasts = _user_token(sim, account, lifetime, delegated=True)
    resp = response('DelegateAuthResponse')
    resp.add('authToken', text=token)
    resp.attrs['lifetime'] = lifetime
    return resp


@handles('GetSessionsRequest', writes=False)
def get_sessions(sim, req):
    """ADM/GetSessions: every session of the type on this server, no per-account filter; created* sorts by last
    access as Carbonio does. Not imitated: the result cached in the admin session (`refresh`)."""
    kind = req.get('type')
    if kind is None:
        raise invalid_request('missing required attribute: type')
    if str(kind).lower() not in TYPES:
        raise invalid_request(f'invalid session type: {kind}')
    sort_by = str(req.get('sortBy') or 'nameAsc')
    if sort_by not in SORT_BY:
        raise invalid_request(f'invalid sortBy: {sort_by}, valid values: [{", ".join(SORT_BY)}]')
    rows = []
    for session in sim.sessions.of_kind(str(kind).lower()):
        account = sim.directory.by_id(session.account_id, 'zimbraAccount')
        rows.append({'zid': session.account_id, 'name': entry_name(account) if account else session.account_id,
                     'sid': session.sid, 'cd': session.created_ms, 'ld': session.accessed_ms})
    key = (lambda row: row['name'].lower()) if sort_by.startswith('name') else (lambda row: row['ld'])
    rows.sort(key=key, reverse=sort_by.endswith('Desc'))
    offset, limit = req.get_int('offset', 0), req.get_int('limit', INT_MAX)
    resp = response('GetSessionsResponse')
    for row in rows[offset:offset + limit]:
        resp.add('s', row)
    resp.attrs['more'] = offset + limit < len(rows)
    resp.attrs['total'] = len(rows)
    return resp


def _clear(sim, session):
    """EndSession.clearSession: the token that opened the session is de-registered, then the session ends."""
    sim.tokens.revoke(session.token_id)
    sim.sessions.end(session)


@handles('EndSessionRequest', namespace=NS_ACCOUNT, writes=True)
def end_session(sim, req):
    """account/EndSession, on the authenticated account's own sessions only. The "current" session is the one the
    calling token opened (Carbonio: the session named in the SOAP header)."""
    caller = sim.caller
    current = sim.sessions.opened_by(caller.token_id)
    if req.get_bool('all'):
        kept = {session.sid for session in current} if req.get_bool('excludeCurrent') else set()
        for session in sim.sessions.of_account(caller.account_id):
            if session.sid not in kept:
                _clear(sim, session)
    elif req.get('sessionId'):
        session = sim.sessions.find(str(req.get('sessionId')), caller.account_id)
        if session is None:
            raise failure('Failed to find session with given sessionId')
        _clear(sim, session)
    else:
        for session in current:
            sim.sessions.end(session)
        if req.get_bool('logoff'):
            sim.tokens.revoke(caller.token_id)
    return Element('EndSessionResponse', ns=NS_ACCOUNT)
