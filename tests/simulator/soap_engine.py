"""Request execution (Carbonio's SoapEngine): auth context, dispatch to handlers, BatchRequest, faults to elements.

Works on Elements only; the HTTP server hands it decoded envelopes and encodes what it returns.
"""

import contextlib
import gc
import json
import sys
import threading
import traceback

from . import wire_json
from .elements import Element
from .errors import ServiceFault, auth_expired, invalid_request, perm_denied
from .handlers import load_all
from .handlers.sessions import check_user_token
from .registry import NS_ADMIN, NS_ZIMBRA, handles, soap_label, soap_route
from .tokens import EXPIRED, VALID


@handles('BatchRequest', namespace=NS_ZIMBRA, writes=False, needs_auth=False)
def batch_request(sim, req):  # pylint: disable=unused-argument
    """Registered so the request log knows a BatchRequest itself writes nothing (each item is logged with its own
    flag); SoapEngine.execute runs a top-level one, so reaching this means a batch inside a batch."""
    raise invalid_request('a BatchRequest cannot be nested in a BatchRequest')


def zextras_reply(content):
    """The zextras channel's answer: element `response` whose `content` attribute is JSON text (api doc 12)."""
    return Element('response', ns=NS_ADMIN, attrs={'content': json.dumps(content)})


@contextlib.contextmanager
def cyclic_gc_paused():
    """A big answer (a search of thousands of accounts, a batch of accounts with their COS defaults) allocates
    hundreds of thousands of objects, all freed by reference counting; the cyclic collector's passes over them
    took a quarter of the time. It waits while one envelope runs (one at a time) and runs between them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Outcome:
    """What one envelope produced: HTTP status, encoded body, top-level fault code, per-item log records."""

    def __init__(self, status, body, fault=None, items=None, token=None):
        self.status = status
        self.body = body
        self.fault = fault
        self.items = items or []
        self.token = token  # set after a successful AuthRequest, for the ZM_ADMIN_AUTH_TOKEN cookie


class SoapEngine:
    def __init__(self, sim):
        self.sim = sim
        # one request at a time against the directory: validate-then-write stays consistent
        self.lock = threading.Lock()
        load_all()

    def _caller(self, context, cookie_token):
        """TokenInfo of the envelope's token (header first, then cookie), or None without one."""
        token = context.get('authToken') if context is not None else None
        if isinstance(token, str) and not token.strip():
            token = None
        token = token or cookie_token
        return self.sim.tokens.read(token) if token else None

    def _authorize(self, route, caller):
        """SoapEngine.dispatchRequest: a token is needed; an admin handler needs an admin token, checked before a
        user token's account (validity value, status), so a stale user token there is PERM_DENIED."""
        if caller is None or caller.state != VALID:
            raise ServiceFault('service.AUTH_REQUIRED', 'no valid authtoken present')
        if route.admin and not caller.admin:
            raise perm_denied('need adequate admin token')
        if not caller.admin:
            check_user_token(self.sim, caller)

    def _call(self, req, caller):
        route = soap_route(req)
        if route is None:
            raise ServiceFault('service.UNKNOWN_DOCUMENT', f'unknown document: {soap_label(req)[0]}')
        if route.needs_auth:
            self._authorize(route, caller)
        try:
            result = route.func(self.sim, req)
            return zextras_reply(result) if route.kind == 'zextras' else result
        except ServiceFault:
            raise
        except Exception as exc:  # pylint: disable=broad-exception-caught
            traceback.print_exc(file=sys.stderr)
            raise ServiceFault('service.FAILURE', f'system failure: {exc}') from exc

    def execute(self, context, body, cookie_token=None):
        with self.lock, cyclic_gc_paused():
            self.sim.directory.begin_request()
            caller = self.sim.caller = self._caller(context, cookie_token)
            try:
                if caller is not None and caller.state == EXPIRED:
                    # raised while the SOAP context is built: the whole envelope fails, a batch included
                    raise auth_expired()
                route = soap_route(body)
                if route is not None and route.func is batch_request:
                    return self._batch(body, caller)
                resp = self._call(body, caller)
            except ServiceFault as fault:
                return Outcome(500, wire_json.encode_fault(fault), fault.code)
            finally:
                self.sim.caller = None
            if 'requestId' in body.attrs:
                resp.attrs['requestId'] = body.attrs['requestId']
            # the admin cookie only for an admin login; a user token travels in the header
            admin_login = (resp.name, resp.ns) == ('AuthResponse', NS_ADMIN)
            token = resp.child('authToken').text if admin_login else None
            return Outcome(200, wire_json.encode_response(resp), token=token)

    def _batch(self, body, caller):
        items = list(body.children)
        inject_at, rule = self.sim.faults.take_batch_item([(item.name, soap_label(item)[0]) for item in items])
        stop_on_error = str(body.attrs.get('onerror', 'continue')) != 'continue'
        resp = Element('BatchResponse', ns=NS_ZIMBRA)
        records = []
        for index, item in enumerate(items):
            injected = None
            try:
                if index == inject_at:
                    injected = 'batch_item'
                    raise ServiceFault(rule.code, rule.message or f'injected fault: {rule.code}')
                out = self._call(item, caller)
                fault = None
            except ServiceFault as exc:
                fault, out = exc, wire_json.fault_element(exc)
            if 'requestId' in item.attrs:
                out.attrs['requestId'] = item.attrs['requestId']
            resp.children.append(out)
            label, writes = soap_label(item)
            records.append({'request': label, 'write': writes, 'fault': fault.code if fault else None, 'injected': injected})
            if fault and stop_on_error:
                break
        return Outcome(200, wire_json.encode_response(resp), items=records)
