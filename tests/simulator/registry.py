"""The three dispatch tables of the simulator, as Carbonio has them (DESIGN "The Carbonio simulator"):

- SOAP requests by (namespace, element name): the admin URL also serves urn:zimbraAccount requests;
- the `zextras` channel (one urn:zimbraAdmin element named `zextras`) by (module, action);
- the REST extension under /service/extension/zextras_admin/ by (method, path pattern).

Every entry declares whether it writes. The request log takes its label and write flag from here, and a
request that no entry knows is logged as a write, so a check-mode test that sends one fails safe.
"""

import re
from dataclasses import dataclass

NS_ADMIN = 'urn:zimbraAdmin'
NS_ACCOUNT = 'urn:zimbraAccount'
NS_ZIMBRA = 'urn:zimbra'
ZEXTRAS_ELEMENT = 'zextras'


@dataclass(frozen=True)
class Route:
    """One registered entry: what runs, whether it writes, whether it needs a valid token, its log label, and
    whether that token must be an admin's (admin service handlers; urn:zimbraAccount ones take a user's)."""

    func: object
    writes: bool
    label: str
    kind: str = 'soap'  # 'soap', 'zextras' or 'rest'
    needs_auth: bool = True
    admin: bool = True


SOAP = {}       # (namespace, request name) -> Route
ZEXTRAS = {}    # (module, action) -> Route
REST = []       # (method, compiled path pattern, Route)

_PLACEHOLDER = re.compile(r'\{(\w+)\}')


def _writes_flag(writes):
    if not isinstance(writes, bool):
        # a forgotten flag would silently make a write look like a read in check-mode tests
        raise TypeError('writes must be declared True or False')
    return writes


def handles(name, *, writes, namespace=NS_ADMIN, needs_auth=True):
    """Register a SOAP request handler `func(sim, request Element) -> response Element`."""
    def register(func):
        SOAP[(namespace, name)] = Route(func, _writes_flag(writes), name, 'soap', needs_auth, namespace == NS_ADMIN)
        return func
    return register


def zextras_action(module, action, *, writes):
    """Register a zextras channel action `func(sim, request Element) -> dict` (the reply's JSON content)."""
    def register(func):
        ZEXTRAS[(module, action)] = Route(func, _writes_flag(writes), f'zextras {module}.{action}', 'zextras')
        return func
    return register


def rest_route(method, pattern, *, writes):
    """Register a REST extension endpoint `func(sim, RestCall) -> (HTTP status, JSON-able body)`.

    `pattern` is the path after /service/extension/zextras_admin/, with `{name}` for one path segment,
    e.g. 'auth/saml/{domain}'; the matched segments reach the handler as RestCall.params.
    """
    parts = _PLACEHOLDER.split(pattern)  # literal, name, literal, name, ...
    regex = re.compile('^' + ''.join(re.escape(part) if index % 2 == 0 else f'(?P<{part}>[^/]+)'
                                     for index, part in enumerate(parts)) + '$')

    def register(func):
        REST.append((method.upper(), regex, Route(func, _writes_flag(writes), f'REST {method.upper()} {pattern}', 'rest')))
        return func
    return register


def namespace_of(element):
    """The element's _jsns. Clients send it; when one forgets it the simulator is lenient and takes the only
    namespace that registers that name, else the admin service's."""
    if element.ns:
        return element.ns
    spaces = [namespace for namespace, name in SOAP if name == element.name]
    return spaces[0] if len(spaces) == 1 else NS_ADMIN


def soap_route(element):
    """The Route for a request element, or None; a `zextras` element is routed by its module and action."""
    namespace = namespace_of(element)
    if (namespace, element.name) == (NS_ADMIN, ZEXTRAS_ELEMENT):
        return ZEXTRAS.get((str(element.attrs.get('module')), str(element.attrs.get('action'))))
    return SOAP.get((namespace, element.name))


def soap_label(element):
    """(log label, writes) of a request element; unknown ones count as writes."""
    route = soap_route(element)
    if route is not None:
        return route.label, route.writes
    if (namespace_of(element), element.name) == (NS_ADMIN, ZEXTRAS_ELEMENT):
        return f"zextras {element.attrs.get('module')}.{element.attrs.get('action')}", True
    return element.name, True


def rest_lookup(method, path):
    """(Route, path parameters) for a REST call, or (None, {})."""
    for route_method, regex, route in REST:
        match = regex.match(path)
        if route_method == method.upper() and match:
            return route, match.groupdict()
    return None, {}


def rest_label(method, path):
    """(log label, writes) of a REST call; unknown ones count as writes."""
    route, _params = rest_lookup(method, path)
    return (route.label, route.writes) if route else (f'REST {method.upper()} {path}', True)
