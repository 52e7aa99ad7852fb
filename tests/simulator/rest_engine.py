"""The REST extension under /service/extension/zextras_admin/ (api doc 12, 7, 11; api-features doc 7).

Plain JSON in and out, authenticated by the ZM_ADMIN_AUTH_TOKEN cookie. Its server side is closed source, so
status codes and error bodies here are the simulator's choice, shaped as the Admin Panel parses them:
`{"error": {"message": ..., "details": {"cause": <code>}}}`.
"""

import json
import sys
import traceback
from dataclasses import dataclass
from urllib.parse import parse_qs

from .errors import ServiceFault
from .registry import rest_lookup
from .tokens import EXPIRED, VALID

REST_PREFIX = '/service/extension/zextras_admin/'


@dataclass
class RestCall:
    """What a REST handler gets: the path parameters of its pattern, the query string and the JSON body."""

    method: str
    path: str
    params: dict
    query: dict  # name -> list of values (parse_qs)
    body: object

    def arg(self, name, default=None):
        values = self.query.get(name)
        return values[0] if values else default


def _error(status, message, cause=None):
    error = {'message': message}
    if cause:
        error['details'] = {'cause': cause}
    return status, {'error': error}


def execute(sim, method, path, query_string, raw_body, cookie_token):
    """(HTTP status, JSON-able body) of one REST call; `path` is relative to REST_PREFIX."""
    route, params = rest_lookup(method, path)
    if route is None:
        return _error(404, f'unknown endpoint: {method} {path} (not simulated)')
    caller = sim.tokens.read(cookie_token)
    if caller.state == EXPIRED:
        return _error(401, 'auth credentials have expired', 'service.AUTH_EXPIRED')
    if caller.state != VALID:
        return _error(401, 'no valid authtoken present', 'service.AUTH_REQUIRED')
    if not caller.admin:
        return _error(401, 'permission denied: need adequate admin token', 'service.PERM_DENIED')
    try:
        body = json.loads(raw_body) if raw_body.strip() else None
    except ValueError as exc:
        return _error(400, f'invalid JSON body: {exc}')
    call = RestCall(method, path, params, parse_qs(query_string or ''), body)
    with sim.engine.lock:  # one request at a time against the directory and the state store, as for SOAP
        sim.directory.begin_request()
        try:
            return route.func(sim, call)
        except ServiceFault as fault:
            return _error(500, fault.message, fault.code)
        except Exception as exc:  # pylint: disable=broad-exception-caught
            traceback.print_exc(file=sys.stderr)
            return _error(500, f'system failure: {exc}', 'service.FAILURE')
