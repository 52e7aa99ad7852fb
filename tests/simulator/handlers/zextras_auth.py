"""The zextras channel's ZxAuth module (api-features doc 3): 2FA policies per service, global and per domain.

Carbonio Auth is closed source; the shapes are the Admin Panel's (what it sends, what its parser and its tests expect):
- listPolicies {level, domain}: {"response": {"values": [{"<Service>": {"trustedDevice": n, "trustedIpRange": [...]}}]}};
- setPolicy {level, domain, service, trustedDevice, trustedIpRange}: {"ok": true, "message": "ok"} or {"ok": false,
  "error": text}; an empty range travels as the word "empty", several as one comma-joined text.
The trusted-device lifetime (getTrustedDeviceExpiration / setTrustedDeviceExpiration {level, domain, value}, in days)
is the CLI's `auth policy trustedDevice getExpiration|setExpiration`; the Panel has no control for it and its action
names on the channel are inferred from the CLI's (api-features doc 3.2).

State: the state store's `auth-policies` section, {"global" | "domain:<name>": {service: {...}}}. A domain without
its own policy for a service lists the global one (inference: the Panel shows a domain's list as its settings).
"""

import ipaddress

from . import zextras_action

# the Panel's nine rows, then the two the CLI also knows
SERVICES = ('WebAdminUI', 'WebUI', 'MobileApp', 'EAS', 'DesktopApp', 'Dav', 'Pop3', 'Imap', 'Smtp', 'Cli', 'ZmWebUI')
LISTED = SERVICES[:9]
CODES = (0, 1, 2)  # 0 no 2FA, 1 trust the IP, 2 trust the device
DEFAULT_EXPIRATION_DAYS = 30
EMPTY_RANGE = 'empty'


class Refused(ValueError):
    """What ZxAuth answers with {"ok": false, "error": ...}."""


def _scope(sim, req):
    """The state key of the request's level: 'global', or 'domain:<name>' of a domain that exists."""
    level = str(req.attrs.get('level', ''))
    domain = str(req.attrs.get('domain', '') or '').strip().lower()
    if level == 'global':
        return 'global'
    if level != 'domain':
        raise Refused(f'unknown level: {level!r} (global or domain)')
    if not domain:
        raise Refused('level domain needs a domain name')
    if sim.directory.domain_by('name', domain) is None:
        raise Refused(f'no such domain: {domain}')
    return f'domain:{domain}'


def _policies(sim, scope):
    """{service: {trustedDevice, trustedIpRange}} in effect at this scope."""
    stored = sim.state.get('auth-policies', 'global', {})
    effective = {service: stored.get(service, {'trustedDevice': 0, 'trustedIpRange': []}) for service in SERVICES}
    if scope != 'global':
        effective.update(sim.state.get('auth-policies', scope, {}))
    return effective


def _answer(run):
    try:
        return run()
    except Refused as exc:
        return {'ok': False, 'error': str(exc)}


@zextras_action('ZxAuth', 'listPolicies', writes=False)
def list_policies(sim, req):
    def run():
        policies = _policies(sim, _scope(sim, req))
        return {'response': {'values': [{service: policies[service]} for service in LISTED]}}
    return _answer(run)


def _ranges(value):
    text = str(value if value is not None else '').strip()
    if text in ('', EMPTY_RANGE):
        return []
    ranges = [part.strip() for part in text.split(',') if part.strip()]
    for part in ranges:
        try:
            ipaddress.IPv4Interface(part)
        except ValueError:
            raise Refused(f'invalid trusted ip range: {part}') from None
    return ranges


@zextras_action('ZxAuth', 'setPolicy', writes=True)
def set_policy(sim, req):
    def run():
        scope = _scope(sim, req)
        service = str(req.attrs.get('service', ''))
        if service not in SERVICES:
            raise Refused(f'unknown service: {service}')
        try:
            code = int(req.attrs.get('trustedDevice'))
        except (TypeError, ValueError):
            code = None
        if code not in CODES:
            raise Refused(f'invalid 2fa policy: {req.attrs.get("trustedDevice")!r} (0, 1 or 2)')
        stored = dict(sim.state.get('auth-policies', scope, {}))
        stored[service] = {'trustedDevice': code, 'trustedIpRange': _ranges(req.attrs.get('trustedIpRange'))}
        sim.state.put('auth-policies', scope, stored)
        return {'ok': True, 'message': 'ok'}
    return _answer(run)


def _expirations(sim, scope):
    stored = sim.state.get('auth-policies', 'expiration', {})
    return stored.get(scope, stored.get('global', DEFAULT_EXPIRATION_DAYS))


@zextras_action('ZxAuth', 'getTrustedDeviceExpiration', writes=False)
def get_trusted_device_expiration(sim, req):
    return _answer(lambda: {'ok': True, 'response': {'value': _expirations(sim, _scope(sim, req))}})


@zextras_action('ZxAuth', 'setTrustedDeviceExpiration', writes=True)
def set_trusted_device_expiration(sim, req):
    def run():
        scope = _scope(sim, req)
        try:
            days = int(req.attrs.get('value'))
        except (TypeError, ValueError):
            days = 0
        if days < 1:
            raise Refused(f'invalid value: {req.attrs.get("value")!r} (a number of days)')
        stored = dict(sim.state.get('auth-policies', 'expiration', {}))
        stored[scope] = days
        sim.state.put('auth-policies', 'expiration', stored)
        return {'ok': True, 'message': 'ok'}
    return _answer(run)
