"""AuthRequest: the admin identity is held by the simulator (name/password from its options), not LDAP."""

from ..errors import ServiceFault
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
        state, name, _expires = sim.tokens.check(token_node.text)
        if state == EXPIRED:
            raise ServiceFault('service.AUTH_EXPIRED', 'auth credentials have expired')
        if state != VALID:
            raise ServiceFault('service.AUTH_REQUIRED', 'no valid authtoken present')
        return _auth_response(sim, name)
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
