"""The admin AuthRequest: the admin identity is held by the simulator (name/password from its options), not LDAP.

The user AuthRequest (urn:zimbraAccount) is in sessions.py."""

from ..errors import ServiceFault, auth_expired, perm_denied
from ..tokens import EXPIRED, VALID
from . import handles
from .encoding import response


def _auth_response(sim, name):
    token, lifetime = sim.tokens.issue(name)
    resp = response('AuthResponse')
    resp.add('authToken', text=token)
    # a long attribute keeps its type in Carbonio's JSON: a plain number of ms, not [{_content}] (api doc 12, 13.4)
    resp.attrs['lifetime'] = int(lifetime)
    resp.add('skin', text='carbonio')
    return resp


@handles('AuthRequest', writes=False, needs_auth=False)
def auth(sim, req):
    token_node = req.child('authToken')
    if token_node is not None and token_node.text:
        presented = sim.tokens.read(token_node.text)
        if presented.state == EXPIRED:
            raise auth_expired()
        if presented.state != VALID:
            raise ServiceFault('service.AUTH_REQUIRED', 'no valid authtoken present')
        if not presented.admin:
            raise perm_denied('not an admin account')
        return _auth_response(sim, presented.name)
    account = req.child('account')
    if account is not None:
        name = account.text or ''
        by = account.attrs.get('by', 'name')
    else:
        name, by = req.get('name') or '', 'name'
    password = req.get('password')
    ok = by in ('name', 'adminName') and name.strip().lower() == sim.admin_user.lower() and password == sim.admin_password
    if not ok:
        raise ServiceFault('account.AUTH_FAILED', f'authentication failed for [{name}]')
    return _auth_response(sim, sim.admin_user)
