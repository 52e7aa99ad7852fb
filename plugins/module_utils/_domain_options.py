# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""How carbonio_domain's options map to Carbonio domain attributes, both ways.

carbonio_domain uses it to turn options into attribute values, carbonio_domain_info to turn a
domain's attributes back into the same options (so that an export applies back unchanged).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _value_formats as formats
from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog import normalize_attrs

STATUSES = ('active', 'maintenance', 'locked', 'closed', 'suspended')
QUOTA_POLICIES = ('ALLOWSENDRECEIVE', 'BLOCKSEND', 'BLOCKSENDRECEIVE')
PROTOCOLS = ('http', 'https')
LIST_MODES = ('exact', 'present', 'absent')

# option -> (attribute, value kind). Kinds ending in 's' are lists (multi-valued attributes).
DOMAIN_OPTIONS = {
    'status': ('zimbraDomainStatus', 'status'),
    'time_zone': ('zimbraPrefTimeZoneId', 'time_zone'),
    'public_service_protocol': ('zimbraPublicServiceProtocol', 'protocol'),
    'public_service_hostname': ('zimbraPublicServiceHostname', 'hostname'),
    'public_service_port': ('zimbraPublicServicePort', 'port'),
    'default_cos': ('zimbraDomainDefaultCOSId', 'cos'),
    'inbound_smtp_hostname': ('zimbraDNSCheckHostname', 'hostname'),
    'description': ('description', 'text'),
    'notes': ('zimbraNotes', 'text'),
    'help_admin_url': ('zimbraHelpAdminURL', 'https_url'),
    'help_delegated_url': ('zimbraHelpDelegatedURL', 'https_url'),
    'notification_sender': ('carbonioNotificationFrom', 'email'),
    'notification_recipients': ('carbonioNotificationRecipients', 'emails'),
    'virtual_hostnames': ('zimbraVirtualHostname', 'hostnames'),
    'max_account_quota': ('zimbraMailDomainQuota', 'size'),
    'aggregate_quota': ('zimbraDomainAggregateQuota', 'size'),
    'aggregate_quota_policy': ('zimbraDomainAggregateQuotaPolicy', 'quota_policy'),
    'quota_warn_percent': ('zimbraDomainAggregateQuotaWarnPercent', 'percent'),
    'quota_warn_recipients': ('zimbraDomainAggregateQuotaWarnEmailRecipient', 'emails'),
}

# List options whose `<option>_mode` says whether unlisted values are removed.
MODE_OPTIONS = ('virtual_hostnames', 'notification_recipients', 'quota_warn_recipients')

# White-label images and links the Admin Panel only accepts as https URLs.
HTTPS_ONLY_ATTRIBUTES = frozenset((
    'carbonioWebUiFavicon', 'carbonioWebUiLoginLogo', 'carbonioWebUiDarkLoginLogo', 'carbonioWebUiLoginBackground',
    'carbonioWebUiDarkLoginBackground', 'carbonioWebUiAppLogo', 'carbonioWebUiDarkAppLogo', 'carbonioAdminUiFavicon',
    'carbonioAdminUiLoginLogo', 'carbonioAdminUiDarkLoginLogo', 'carbonioAdminUiAppLogo', 'carbonioAdminUiDarkAppLogo',
    'carbonioAdminUiBackground', 'carbonioAdminUiDarkBackground', 'zimbraHelpAdminURL', 'zimbraHelpDelegatedURL',
))

DOMAIN_ARGUMENT_SPEC = dict(
    status=dict(type='str'),
    time_zone=dict(type='str'),
    public_service_protocol=dict(type='str', choices=list(PROTOCOLS)),
    public_service_hostname=dict(type='str'),
    public_service_port=dict(type='int'),
    default_cos=dict(type='str'),
    inbound_smtp_hostname=dict(type='str', aliases=['spam_relay_hostname']),
    description=dict(type='str'),
    notes=dict(type='str'),
    help_admin_url=dict(type='str'),
    help_delegated_url=dict(type='str'),
    notification_sender=dict(type='str'),
    notification_recipients=dict(type='list', elements='str'),
    notification_recipients_mode=dict(type='str', choices=list(LIST_MODES), default='exact'),
    virtual_hostnames=dict(type='list', elements='str'),
    virtual_hostnames_mode=dict(type='str', choices=list(LIST_MODES), default='exact'),
    max_account_quota=dict(type='str'),
    aggregate_quota=dict(type='str'),
    aggregate_quota_policy=dict(type='str', choices=list(QUOTA_POLICIES)),
    quota_warn_percent=dict(type='int'),
    quota_warn_recipients=dict(type='list', elements='str'),
    quota_warn_recipients_mode=dict(type='str', choices=list(LIST_MODES), default='exact'),
    attrs=dict(type='dict'),
)


def _status(value, field):
    if value == 'shutdown':
        raise ValueError('%s: shutdown is the internal state Carbonio uses while renaming a domain and cannot be set; '
                         'use one of %s' % (field, ', '.join(STATUSES)))
    if value not in STATUSES:
        raise ValueError('%s: must be one of %s, got %r' % (field, ', '.join(STATUSES), value))
    return value


def _text(value, field):
    return value


def _size(value, field):
    return str(formats.parse_size(value, field))


def _port(value, field):
    return str(formats.validate_port(value, field))


def _percent(value, field):
    return str(formats.validate_percent(value, field))


_SCALAR_KINDS = {
    'status': _status,
    'time_zone': formats.validate_time_zone,
    'protocol': _text,
    'hostname': formats.validate_domain_name,
    'port': _port,
    'text': _text,
    'https_url': formats.validate_https_url,
    'email': formats.validate_email,
    'size': _size,
    'quota_policy': _text,
    'percent': _percent,
}
_LIST_KINDS = {'emails': formats.validate_email, 'hostnames': formats.validate_domain_name}


def desired_domain_attrs(params):
    """Attribute values (lists of wire strings) and list modes for the options the user set.

    Raises ValueError naming the option and the accepted form. An empty string or empty list removes
    the setting. A `default_cos` name is not included: the caller looks the COS up and sets its id.
    """
    desired, modes = {}, {}
    for option, (attribute, kind) in DOMAIN_OPTIONS.items():
        value = params.get(option)
        if value is None:
            continue
        if kind in _LIST_KINDS:
            check = _LIST_KINDS[kind]
            desired[attribute] = [check(item, '%s[%d]' % (option, index)) for index, item in enumerate(value)]
            if option in MODE_OPTIONS:
                modes[attribute] = params.get(option + '_mode') or 'exact'
        elif value == '':
            desired[attribute] = []
        elif kind == 'cos':
            continue
        else:
            desired[attribute] = [_SCALAR_KINDS[kind](value, option)]
    raw = params.get('attrs') or {}
    for name, value in raw.items():
        if name in HTTPS_ONLY_ATTRIBUTES:
            for item in value if isinstance(value, list) else [value]:
                if item not in ('', None):
                    formats.validate_https_url(item, 'attrs.%s' % name)
    set_by_options = set(attribute for option, (attribute, kind) in DOMAIN_OPTIONS.items() if params.get(option) is not None)
    overlap = sorted(set(raw) & set_by_options)
    if overlap:
        raise ValueError('attrs: %s also set by a module option; set it in one place only' % ', '.join(overlap))
    desired.update(normalize_attrs(raw, 'domain', field='attrs'))
    return desired, modes


def domain_options_from_attrs(attrs, cos_names):
    """The carbonio_domain options that describe a domain's own (not inherited) attribute values."""
    options = {}
    for option, (attribute, kind) in DOMAIN_OPTIONS.items():
        values = attrs.get(attribute) or []
        if not values:
            continue
        if kind in _LIST_KINDS:
            options[option] = list(values)
        elif kind == 'cos':
            options[option] = cos_names.get(values[0], values[0])
        elif kind in ('size', 'percent', 'port'):
            options[option] = formats.format_size(int(values[0])) if kind == 'size' else int(values[0])
        else:
            options[option] = values[0]
    return options


def options_view(attrs, attributes, cos_names):
    """Option-shaped view of the given attributes only (for diff output)."""
    view = {}
    by_attribute = dict((attribute, option) for option, (attribute, kind) in DOMAIN_OPTIONS.items())
    shown = domain_options_from_attrs(attrs, cos_names)
    for attribute in sorted(attributes):
        option = by_attribute.get(attribute)
        if option:
            view[option] = shown.get(option)
        else:
            values = attrs.get(attribute) or []
            view.setdefault('attrs', {})[attribute] = values[0] if len(values) == 1 else values
    return view
