# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: 2FA policies per service, global and per domain (Carbonio Auth, ZxAuth on the zextras
channel; api-features doc 3), for carbonio_auth_policy and carbonio_auth_policy_info.

A policy is not a directory attribute: it is read with ``listPolicies`` and written with one ``setPolicy`` per changed
service, as the Admin Panel saves its 2FA page; ``_engine.ensure_settings`` compares, diffs, honours check mode and
settles a write whose answer was lost. Services and policies have readable names here, mapped to Carbonio's keys and
codes; the trusted ranges of a service are a set compared by ``_state_compare`` with a mode, as list options are.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress

from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._engine import Run, ensure_settings
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._settings import level_of, read_domains, read_level
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError, CarbonioFault
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import MODES, plan_attribute_changes

MODULE = 'ZxAuth'
# readable name -> Carbonio's service key, in the order of the Admin Panel's 2FA page
SERVICES = (('admin_api', 'WebAdminUI'), ('web_ui', 'WebUI'), ('mobile_app', 'MobileApp'), ('activesync', 'EAS'),
            ('desktop', 'DesktopApp'), ('dav', 'Dav'), ('pop3', 'Pop3'), ('imap', 'Imap'), ('smtp', 'Smtp'))
SERVICE_KEYS = dict(SERVICES)
SERVICE_NAMES = dict((key, name) for name, key in SERVICES)
# the CLI's names of the codes (0 "Disable 2FA", 1 "Trust the IP", 2 "Trust the device" in the Panel)
POLICIES = (('no_2fa', 0), ('ip_2fa', 1), ('device_2fa', 2))
POLICY_CODES = dict(POLICIES)
POLICY_NAMES = dict((code, name) for name, code in POLICIES)
EMPTY_RANGE = 'empty'  # how setPolicy is told "no trusted range"
EXPIRATION = 'trusted_device_expiration_days'
ALL = 'all'


def policy_spec():
    return dict(
        scope=dict(type='str', choices=['global', 'domain']),
        domain=dict(type='str'),
        policies=dict(type='list', elements='dict', default=[], options=dict(
            service=dict(type='list', elements='str', required=True),
            policy=dict(type='str', choices=[name for name, _code in POLICIES]),
            trusted_ip_ranges=dict(type='list', elements='str'),
            trusted_ip_ranges_mode=dict(type='str', choices=list(MODES), default='exact'),
        )),
        trusted_device_expiration_days=dict(type='int'),
    )


def service_key(value, field):
    """Carbonio's key of a service named readably (web_ui) or as Carbonio does (WebUI), any case."""
    text = str(value).strip().lower()
    for name, key in SERVICES:
        if text in (name, key.lower()):
            return key
    raise ValueError('%s: unknown service %r; expected one of %s, or %s' % (field, value, ', '.join(SERVICE_KEYS), ALL))


def range_key(value):
    """The form a trusted range compares in: 10.0.0.1 is 10.0.0.1/32."""
    return str(ipaddress.IPv4Interface(value))


def parse_range(value, field):
    text = str(value).strip()
    try:
        ipaddress.IPv4Interface(text)
    except ValueError:
        raise ValueError('%s: %r is not an IPv4 address or IPv4 network (192.168.1.10, 10.0.0.0/8), the forms Carbonio '
                         'Auth takes' % (field, value))
    return text


def parse_policies(items):
    """{service key: (policy code or None, ranges or None, mode)}; a service named twice is refused."""
    wanted, named = {}, {}
    for index, item in enumerate(items):
        field = 'policies[%d]' % index
        services = item['service']
        if not services:
            raise ValueError('%s.service: name at least one service' % field)
        if any(str(one).strip().lower() == ALL for one in services):
            if len(services) > 1:
                raise ValueError('%s.service: %s stands for every service; give it alone' % (field, ALL))
            keys = list(SERVICE_KEYS.values())
        else:
            keys = [service_key(one, '%s.service' % field) for one in services]
        if item['policy'] is None and item['trusted_ip_ranges'] is None:
            raise ValueError('%s: give policy, trusted_ip_ranges or both' % field)
        ranges = None
        if item['trusted_ip_ranges'] is not None:
            ranges = [parse_range(one, '%s.trusted_ip_ranges[%d]' % (field, number)) for number, one in enumerate(item['trusted_ip_ranges'])]
        code = POLICY_CODES[item['policy']] if item['policy'] else None
        for key in keys:
            if key in named:
                raise ValueError('%s.service: %s is already set by %s; name each service once' % (field, SERVICE_NAMES[key], named[key]))
            named[key] = field
            wanted[key] = (code, ranges, item['trusted_ip_ranges_mode'])
    return wanted


def parse_expiration(value):
    if value is not None and value < 1:
        raise ValueError('%s: %d is not a number of days (1 or more)' % (EXPIRATION, value))
    return value


def _level_params(level, domain):
    # the Panel always sends domain, empty at the global level
    return dict(level=level, domain=domain or '')


def read_policies(client, level, domain):
    """{readable service: {policy, trusted_ip_ranges}} as listPolicies gives them."""
    reply = client.zextras(MODULE, 'listPolicies', **_level_params(level, domain))
    values = (reply or {}).get('values') if isinstance(reply, dict) else None
    policies = {}
    for entry in values or []:
        for key, value in entry.items():
            if key in SERVICE_NAMES:
                policies[SERVICE_NAMES[key]] = dict(policy=POLICY_NAMES.get(value.get('trustedDevice'), value.get('trustedDevice')),
                                                    trusted_ip_ranges=list(value.get('trustedIpRange') or []))
    return policies


def read_expiration(client, level, domain):
    reply = client.zextras(MODULE, 'getTrustedDeviceExpiration', **_level_params(level, domain))
    value = reply.get('value') if isinstance(reply, dict) else reply
    return int(value) if value is not None else None


def desired_settings(current, wanted, expiration):
    """What each managed service (and the expiration) should hold, in read_policies' form."""
    desired = {}
    for key, (code, ranges, mode) in wanted.items():
        name = SERVICE_NAMES[key]
        held = current.get(name) or dict(policy=None, trusted_ip_ranges=[])
        value = dict(held, trusted_ip_ranges=list(held['trusted_ip_ranges']))
        if code is not None:
            value['policy'] = POLICY_NAMES[code]
        if ranges is not None:
            # a range Carbonio holds in a form this module cannot read stays as it is, compared as text
            keys = {name: _safe_range_key}
            _modify, _before, after = plan_attribute_changes({name: held['trusted_ip_ranges']}, {name: ranges}, {name: mode}, keys)
            if name in after:
                value['trusted_ip_ranges'] = after[name]
        desired[name] = value
    if expiration is not None:
        desired[EXPIRATION] = expiration
    return desired


def _safe_range_key(value):
    try:
        return range_key(value)
    except ValueError:
        return str(value)


def export(level, domain, settings):
    """carbonio_auth_policy's input for these settings: services with the same policy and ranges in one item."""
    shown = dict(scope='global') if level == 'global' else dict(domain=domain)
    items = []
    for name, _key in SERVICES:
        value = settings.get(name)
        if value is None:
            continue
        same = [item for item in items if item['policy'] == value['policy'] and item['trusted_ip_ranges'] == value['trusted_ip_ranges']]
        if same:
            same[0]['service'].append(name)
        else:
            items.append(dict(service=[name], policy=value['policy'], trusted_ip_ranges=list(value['trusted_ip_ranges'])))
    shown['policies'] = items
    if settings.get(EXPIRATION) is not None:
        shown[EXPIRATION] = settings[EXPIRATION]
    return shown


def auth_mechanism(entry):
    """How a domain's users authenticate (zimbraAuthMech; Carbonio's own when unset)."""
    return (entry['attrs'].get('zimbraAuthMech') or ['zimbra'])[0]


def _carbonio_logins(entry):
    """Refuse a domain whose users do not log in with Carbonio: 2FA applies to those only, as the Admin Panel offers it."""
    mechanism = auth_mechanism(entry)
    if mechanism != 'zimbra':
        raise ValueError('domain: %s authenticates its users with %s; 2FA policies apply to domains whose authentication '
                         'method is Carbonio (zimbraAuthMech zimbra), as the Admin Panel offers them' % (entry['name'], mechanism))


def _write(client, level, domain, warn):
    def write(name, value):
        if name == EXPIRATION:
            return client.zextras(MODULE, 'setTrustedDeviceExpiration', repeatable=False, value=value, **_level_params(level, domain))
        reply = client.zextras(MODULE, 'setPolicy', repeatable=False, service=SERVICE_KEYS[name], trustedDevice=POLICY_CODES[value['policy']],
                               trustedIpRange=','.join(value['trusted_ip_ranges']) or EMPTY_RANGE, **_level_params(level, domain))
        message = reply.get('message') if isinstance(reply, dict) else None
        if message and message != 'ok':
            # the Panel shows a message other than "ok" as a warning
            warn('%s: %s' % (name, message))
        return reply
    return write


def run_auth_policy_module():
    module = create_module(policy_spec())
    params = module.params
    run = Run(module, None)
    run.result.pop('changed_attributes')
    try:
        level, domain = level_of(DOMAIN, params, '2FA policies')
        wanted = parse_policies(params['policies'])
        expiration = parse_expiration(params[EXPIRATION])
    except ValueError as exc:
        run.fail(str(exc))
    if not wanted and expiration is None:
        run.fail('policies: give the policies to set (or %s)' % EXPIRATION)
    run.client = create_client(module)
    where = 'every domain' if level == 'global' else 'domain %s' % domain
    label = '2FA policies of %s' % where
    entry = read_level(run, DOMAIN, level, domain)[0] if level == 'domain' else None
    try:
        if entry is not None:
            _carbonio_logins(entry)
        if entry is not None and entry['id'] is None:
            current = {}  # the domain an earlier task creates: it would take every policy given
        else:
            current = read_policies(run.client, level, domain)
            if expiration is not None:
                current[EXPIRATION] = read_expiration(run.client, level, domain)
    except ValueError as exc:
        run.fail(str(exc))
    except CarbonioError as exc:
        fail_on_error(module, exc, **run.result)

    def reread():
        again = read_policies(run.client, level, domain)
        if expiration is not None:
            again[EXPIRATION] = read_expiration(run.client, level, domain)
        return again

    settings = ensure_settings(run, current, desired_settings(current, wanted, expiration), _write(run.client, level, domain, module.warn),
                               label, reread=reread)
    run.result['auth_policy'] = export(level, domain, settings)
    module.exit_json(**run.result)


class Lifetimes(object):
    """The trusted-device lifetime of each level for an export. Its action's name on the channel is inferred from the
    CLI, so a server that does not know it costs the export that value (said once), not the policies."""

    def __init__(self, client, warn):
        self.client, self.warn, self.unknown = client, warn, False

    def add(self, settings, level, domain):
        if not self.unknown:
            try:
                settings[EXPIRATION] = read_expiration(self.client, level, domain)
            except CarbonioFault as fault:
                self.unknown = True
                self.warn('%s left out of the export: Carbonio did not answer it (%s)' % (EXPIRATION, fault))
        return settings


def run_auth_policy_info_module():
    """The global policies and those of one domain or of every domain, in carbonio_auth_policy's input shape."""
    module = create_module(dict(domain=dict(type='str')))
    client = create_client(module)
    try:
        objects = read_domains(client, DOMAIN, module.params['domain'])[1]
        lifetimes = Lifetimes(client, module.warn)
        found = [export('global', None, lifetimes.add(read_policies(client, 'global', None), 'global', None))]
        for entry in sorted(objects, key=lambda one: one['name']):
            if auth_mechanism(entry) != 'zimbra':
                continue  # no 2FA for a domain whose users authenticate elsewhere
            name = entry['name']
            found.append(export('domain', name, lifetimes.add(read_policies(client, 'domain', name), 'domain', name)))
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    except CarbonioError as exc:
        fail_on_error(module, exc)
    module.exit_json(changed=False, auth_policies=found)
