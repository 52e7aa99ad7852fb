# -*- coding: utf-8 -*-
# Copyright: (c) 2026, carbonio.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsing and validation of the user-facing value forms of the carbonio.admin collection.

This module owns how users may write sizes, domain names, e-mail addresses, ports, URLs,
time zones and percentages in their playbooks, and how those forms become wire values.

Every validator takes the value and ``field`` (the option name used in error messages, for
example ``mailbox_quota`` or ``attrs.zimbraMailQuota``) and raises ``ValueError`` whose message
starts with the field name and states the accepted form.

Choices made here:

- Sizes are binary (1024-based) whatever the suffix spelling (``K``, ``KB``, ``KiB`` all mean
  1024 bytes), like Carbonio's Admin Panel. ``format_size`` returns the largest unit among
  ``T``, ``G``, ``M``, ``K`` that divides the byte count exactly (``10G``, ``500M``, ``1536K``),
  else the plain number of bytes as a string (``1000``); ``0`` is ``0``.
- Time zones: Carbonio stores ``zimbraPrefTimeZoneId`` as a free string (max 256) and offers the
  Olson ids of its own timezones list. When the Python of the managed node has ``zoneinfo``
  with a non-empty tz database, any id of ``zoneinfo.available_timezones()`` is accepted (the
  case is corrected to the canonical spelling); otherwise (Python < 3.9 or no tz data) an id of
  the form ``Area/Location`` (or ``UTC``) is accepted on its form alone.
- E-mail addresses: ``local@domain`` without a display name; the domain part is lower-cased and
  checked as a domain name; an internationalised domain is converted to its ASCII (xn--) form, the
  only form Carbonio's strict address parser accepts.
- Kinds (end of the file): each value kind of an option keeps ``parse`` (option value to wire
  string) and ``show`` (wire string to option value) side by side, plus the key under which
  Carbonio considers two wire values equal.

Runs on Python 3.8+ with the standard library only (module_utils run on managed nodes).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import re
from fractions import Fraction

from urllib.parse import urlsplit

from ansible_collections.carbonio.admin.plugins.module_utils._ldap_url import (
    DN_FORM, GAL_FILTER_FORM, LDAP_URL_FORM, SERVER_URL_FORM, parse_dn, parse_gal_filter, parse_ldap_url, parse_server_url)

SIZE_FORM = 'a size such as 500MB, 10G or a number of bytes; 0 means unlimited'
DOMAIN_FORM = 'a domain name such as example.com (letters, digits, hyphens and underscores, labels of 1 to 63 characters)'
EMAIL_FORM = 'an e-mail address such as user@example.com, without a display name'
PORT_FORM = 'a port number from 1 to 65535'
PERCENT_FORM = 'a percentage from 0 to 100, such as 80 or 80%'
TIME_ZONE_FORM = 'a time zone id such as Europe/Rome or America/New_York'

_UNITS = {
    '': 1, 'B': 1,
    'K': 1024, 'KB': 1024, 'KIB': 1024,
    'M': 1024 ** 2, 'MB': 1024 ** 2, 'MIB': 1024 ** 2,
    'G': 1024 ** 3, 'GB': 1024 ** 3, 'GIB': 1024 ** 3,
    'T': 1024 ** 4, 'TB': 1024 ** 4, 'TIB': 1024 ** 4,
}
# Every pattern is matched with fullmatch: with match and '$', a value ending in a newline passes ('$' also
# matches before a final newline). Digits are ASCII, as in Carbonio's own (Java) checks.
_SIZE_RE = re.compile(r'(\d+(?:\.\d+)?)\s*([A-Za-z]*)', re.ASCII)
_FORMAT_UNITS = (('T', 1024 ** 4), ('G', 1024 ** 3), ('M', 1024 ** 2), ('K', 1024))
_LABEL_RE = re.compile(r'[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?')
_LOCAL_PART_RE = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_TIME_ZONE_RE = re.compile(r'UTC|GMT|[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9][A-Za-z0-9_+-]*)+')
_PERCENT_RE = re.compile(r'(\d+)\s*%?', re.ASCII)
_DIGITS_RE = re.compile(r'[0-9]+')

_TIME_ZONES = None


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def refuse_nul(text, field):
    """The text, unless it holds a NUL character (Carbonio's directory cannot store one; C clients cut the value there)."""
    if '\x00' in text:
        raise ValueError('%s: must not contain a NUL character' % field)
    return text


def _text(value, field, form):
    """Return value as a stripped str; ints are accepted and converted; other types are refused."""
    if _is_int(value):
        return str(value)
    if not isinstance(value, str):
        raise ValueError('%s: expected %s, got %s' % (field, form, type(value).__name__))
    return refuse_nul(value, field).strip()


def parse_size(value, field):
    """Return the number of bytes of a size written as an int, '1048576', '500MB', '10G', '1.5GiB'...

    Units are binary (K = KB = KiB = 1024), case-insensitive. Decimals are allowed when they give
    a whole number of bytes. Negative values and other forms raise ValueError.
    """
    if _is_int(value):
        if value < 0:
            raise ValueError('%s: must not be negative; expected %s' % (field, SIZE_FORM))
        return value
    if not isinstance(value, str):
        raise ValueError('%s: expected %s, got %s' % (field, SIZE_FORM, type(value).__name__))
    match = _SIZE_RE.fullmatch(value.strip())
    if not match or match.group(2).upper() not in _UNITS:
        raise ValueError('%s: invalid size %r; expected %s' % (field, value, SIZE_FORM))
    amount = Fraction(match.group(1)) * _UNITS[match.group(2).upper()]
    if amount.denominator != 1:
        raise ValueError('%s: %r is not a whole number of bytes; expected %s' % (field, value, SIZE_FORM))
    return int(amount)


def format_size(num_bytes):
    """Return the shortest exact form of a byte count: '10G', '500M', '1536K', else '1000' (bytes)."""
    if not _is_int(num_bytes) or num_bytes < 0:
        raise ValueError('size: expected a non-negative number of bytes, got %r' % (num_bytes,))
    if num_bytes:
        for suffix, factor in _FORMAT_UNITS:
            if num_bytes % factor == 0:
                return '%d%s' % (num_bytes // factor, suffix)
    return str(num_bytes)


# domain names already validated, to their ASCII form: the items of a list share a few domains
_DOMAINS_SEEN = {}


def validate_domain_name(value, field):
    """Return the domain name lower-cased, in ASCII (IDN converted to its xn-- form)."""
    if isinstance(value, str) and value in _DOMAINS_SEEN:
        return _DOMAINS_SEEN[value]
    name = _text(value, field, DOMAIN_FORM)
    if name.endswith('.'):
        name = name[:-1]
    if not name:
        raise ValueError('%s: must not be empty; expected %s' % (field, DOMAIN_FORM))
    try:
        ascii_name = name.encode('idna').decode('ascii').lower()
    except UnicodeError:
        raise ValueError('%s: invalid domain name %r; expected %s' % (field, value, DOMAIN_FORM)) from None
    labels = ascii_name.split('.')
    if len(ascii_name) > 253 or not all(_LABEL_RE.fullmatch(label) for label in labels) \
            or _DIGITS_RE.fullmatch(labels[-1]):
        raise ValueError('%s: invalid domain name %r; expected %s' % (field, value, DOMAIN_FORM))
    if isinstance(value, str) and len(_DOMAINS_SEEN) < 4096:
        _DOMAINS_SEEN[value] = ascii_name
    return ascii_name


def validate_email(value, field):
    """Return the address 'local@domain' with the domain lower-cased and in ASCII (IDN converted)."""
    address = _text(value, field, EMAIL_FORM)
    if '@' not in address:
        raise ValueError('%s: %r does not include a domain; expected %s' % (field, value, EMAIL_FORM))
    local, domain = address.rsplit('@', 1)
    if not local or len(local) > 64 or not _LOCAL_PART_RE.fullmatch(local):
        raise ValueError('%s: invalid e-mail address %r; expected %s' % (field, value, EMAIL_FORM))
    try:
        ascii_domain = validate_domain_name(domain, field)
    except ValueError:
        raise ValueError('%s: invalid e-mail address %r (bad domain part); expected %s' % (field, value, EMAIL_FORM)) from None
    if domain.endswith('.'):
        raise ValueError('%s: invalid e-mail address %r; expected %s' % (field, value, EMAIL_FORM))
    return '%s@%s' % (local, ascii_domain)


def validate_port(value, field, allow_zero=False):
    """Return the port as an int (1..65535; 0 too when allow_zero)."""
    low = 0 if allow_zero else 1
    form = 'a port number from %d to 65535' % low
    if isinstance(value, str) and _DIGITS_RE.fullmatch(value.strip()):
        value = int(value.strip())
    if not _is_int(value) or not low <= value <= 65535:
        raise ValueError('%s: invalid port %r; expected %s' % (field, value, form))
    return value


def validate_url(value, field, schemes=('http', 'https')):
    """Return the URL stripped, if it is an absolute URL with one of schemes and a host name."""
    schemes = tuple(s.lower() for s in schemes)
    form = 'an absolute URL starting with %s, such as %s://mail.example.com/' % (
        ' or '.join('%s://' % s for s in schemes), schemes[0])
    url = _text(value, field, form)
    if not url or re.search(r'\s', url):
        raise ValueError('%s: invalid URL %r; expected %s' % (field, value, form))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValueError('%s: invalid URL %r; expected %s' % (field, value, form)) from None
    if parts.scheme.lower() not in schemes or not parts.hostname:
        raise ValueError('%s: invalid URL %r; expected %s' % (field, value, form))
    if port is not None and port == 0:
        raise ValueError('%s: invalid port in URL %r; expected %s' % (field, value, form))
    return url


def validate_https_url(value, field):
    """Return the URL if it is an absolute https:// URL."""
    return validate_url(value, field, schemes=('https',))


def _available_time_zones():
    """Return {lower-cased id: id} of the tz database of this Python, or {} when unavailable."""
    global _TIME_ZONES  # pylint: disable=global-statement
    if _TIME_ZONES is None:
        zones = set()
        try:
            import zoneinfo  # pylint: disable=import-outside-toplevel
            zones = zoneinfo.available_timezones()
        except Exception:  # pylint: disable=broad-except
            zones = set()
        _TIME_ZONES = dict((zone.lower(), zone) for zone in zones)
    return _TIME_ZONES


def validate_time_zone(value, field):
    """Return the time zone id (canonical case when the tz database is available)."""
    zone = _text(value, field, TIME_ZONE_FORM)
    known = _available_time_zones()
    if known:
        canonical = known.get(zone.lower())
        if canonical is None:
            raise ValueError('%s: unknown time zone %r; expected %s (an IANA/Olson id)' % (field, value, TIME_ZONE_FORM))
        return canonical
    if not _TIME_ZONE_RE.fullmatch(zone):
        raise ValueError('%s: invalid time zone %r; expected %s (an IANA/Olson id)' % (field, value, TIME_ZONE_FORM))
    return zone


def validate_percent(value, field):
    """Return a percentage 0..100 as an int; accepts 80, '80' and '80%'."""
    if _is_int(value):
        number = value
    elif isinstance(value, str) and _PERCENT_RE.fullmatch(value.strip()):
        number = int(_PERCENT_RE.fullmatch(value.strip()).group(1))
    else:
        raise ValueError('%s: invalid percentage %r; expected %s' % (field, value, PERCENT_FORM))
    if not 0 <= number <= 100:
        raise ValueError('%s: %r is out of range; expected %s' % (field, value, PERCENT_FORM))
    return number


# ---------------------------------------------------------------- kinds

BOOL_FORM = 'a boolean (true/false, yes/no, on/off, 1/0)'
INT_FORM = 'an integer'
# Carbonio's own duration form (AttributeInfo): digits and an optional unit, seconds by default.
DURATION_FORM = 'a duration such as 30d, 12h, 15m, 30s, 500ms or a number of seconds'
_INT_RE = re.compile(r'[+-]?[0-9]+')
_DURATION_RE = re.compile(r'([0-9]+)(ms|[smhd])?')
_DURATION_MS = {None: 1000, 's': 1000, 'ms': 1, 'm': 60000, 'h': 3600000, 'd': 86400000}
BOOL_TRUE = ('true', 'yes', 'on', '1')
BOOL_FALSE = ('false', 'no', 'off', '0')


COLOUR_FORM = 'a colour as #RGB or #RRGGBB (hexadecimal digits)'
_COLOUR_RE = re.compile(r'#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})')
WHITE_LABEL_URL_FORM = 'an https URL whose host name has a dot, such as https://mail.example.com/static/custom/logo.svg'


def _parse_colour(value, field):
    """A colour as the Admin Panel's theme pages take it: #RGB or #RRGGBB."""
    text = _text(_scalar(value, field, COLOUR_FORM), field, COLOUR_FORM)
    if not _COLOUR_RE.fullmatch(text):
        raise ValueError('%s: invalid colour %r; expected %s' % (field, value, COLOUR_FORM))
    return text


def _parse_white_label_url(value, field):
    """An https URL as the Admin Panel's theme pages take it: their pattern needs a dot in the host name."""
    url = validate_https_url(_scalar(value, field, WHITE_LABEL_URL_FORM), field)
    if '.' not in (urlsplit(url).hostname or ''):
        raise ValueError('%s: invalid URL %r (the host name has no dot); expected %s' % (field, value, WHITE_LABEL_URL_FORM))
    return url


def _scalar(value, field, form):
    """Refuse containers: a list or dict given for a single value is a mistake, never a text."""
    if isinstance(value, (list, tuple, dict, set)):
        raise ValueError('%s: expected %s, got a %s' % (field, form, 'list' if isinstance(value, (list, tuple, set)) else 'dictionary'))
    if isinstance(value, float):
        raise ValueError('%s: expected %s, got the number %r' % (field, form, value))
    return value


def _parse_text(value, field):
    if isinstance(_scalar(value, field, 'a text'), bool):
        raise ValueError('%s: expected a text, got a boolean; quote the value in YAML' % field)
    return refuse_nul(value, field) if isinstance(value, str) else str(value)


# zimbraGalMode in the Admin Panel's words
GAL_MODES = {'internal': 'zimbra', 'external': 'ldap', 'both': 'both'}
GAL_MODE_NAMES = dict((wire, name) for name, wire in GAL_MODES.items())


def _parse_choice(value, field, choices):
    """The wire value of one of the readable choices ({name: wire})."""
    text = _parse_text(value, field).strip()
    if text not in choices:
        raise ValueError('%s: expected one of %s, got %r' % (field, ', '.join(choices), value))
    return choices[text]


def _parse_bool(value, field):
    text = str(_scalar(value, field, BOOL_FORM)).strip().lower()
    if value is True or text in BOOL_TRUE:
        return 'TRUE'
    if value is False or text in BOOL_FALSE:
        return 'FALSE'
    raise ValueError('%s: expected %s, got %r' % (field, BOOL_FORM, value))


def _parse_int(value, field):
    text = str(_scalar(value, field, INT_FORM)).strip()
    if isinstance(value, bool) or not _INT_RE.fullmatch(text):
        raise ValueError('%s: expected %s, got %r' % (field, INT_FORM, value))
    return str(int(text))


def _show_int(wire):
    try:
        return int(wire)
    except ValueError:
        return wire


def _parse_size(value, field):
    return str(parse_size(_scalar(value, field, SIZE_FORM), field))


def _show_size(wire):
    try:
        return format_size(int(wire))
    except ValueError:
        return wire


def duration_ms(text):
    """Milliseconds of a Carbonio duration ('30d', '12h', '500ms', '60'), or None when it is not one."""
    match = _DURATION_RE.fullmatch(text) if isinstance(text, str) else None
    return int(match.group(1)) * _DURATION_MS[match.group(2)] if match else None


def _parse_duration(value, field):
    if isinstance(_scalar(value, field, DURATION_FORM), int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or duration_ms(value.strip()) is None:
        raise ValueError('%s: expected %s, got %r' % (field, DURATION_FORM, value))
    return value.strip()


def _duration_key(wire):
    millis = duration_ms(wire)
    return wire if millis is None else millis


def _parse_percent(value, field):
    return str(validate_percent(_scalar(value, field, PERCENT_FORM), field))


def _parse_port(value, field):
    return str(validate_port(_scalar(value, field, PORT_FORM), field))


OBJECT_NAME_FORM = 'a name of letters, digits, dots, hyphens and underscores, at most 256 characters'
_OBJECT_NAME_RE = re.compile(r'[A-Za-z0-9_][A-Za-z0-9._-]{0,255}')


def _parse_object_name(value, field):
    text = _parse_text(value, field).strip()
    if not _OBJECT_NAME_RE.fullmatch(text):
        raise ValueError('%s: invalid name %r; expected %s' % (field, value, OBJECT_NAME_FORM))
    return text


def _lower(wire):
    return wire.lower()


class Kind(object):
    """How one kind of option value is written by users and on the wire.

    ``parse(value, field)`` returns the wire string or raises ValueError naming ``field``;
    ``show(wire)`` returns the option value; ``key(wire)`` is what Carbonio compares.
    """

    def __init__(self, name, parse, show=None, key=None, form=None):
        self.name = name
        self.parse = parse
        self.show = show or (lambda wire: wire)
        self.key = key or (lambda wire: wire)
        self.form = form


KINDS = dict((kind.name, kind) for kind in (
    Kind('text', _parse_text, form='a text'),
    Kind('object_name', _parse_object_name, key=_lower, form=OBJECT_NAME_FORM),
    Kind('bool', _parse_bool, show=lambda wire: wire == 'TRUE', form=BOOL_FORM),
    # a switch Carbonio stores as enabled/disabled (zimbraMailStatus)
    Kind('enabled', lambda v, f: 'enabled' if _parse_bool(v, f) == 'TRUE' else 'disabled', show=lambda wire: wire == 'enabled',
         form=BOOL_FORM),
    Kind('int', _parse_int, show=_show_int, key=_show_int, form=INT_FORM),
    Kind('size', _parse_size, show=_show_size, key=_show_int, form=SIZE_FORM),
    Kind('duration', _parse_duration, key=_duration_key, form=DURATION_FORM),
    Kind('percent', _parse_percent, show=_show_int, key=_show_int, form=PERCENT_FORM),
    Kind('port', _parse_port, show=_show_int, key=_show_int, form=PORT_FORM),
    Kind('hostname', lambda v, f: validate_domain_name(_scalar(v, f, DOMAIN_FORM), f), key=_lower, form=DOMAIN_FORM),
    Kind('address', lambda v, f: validate_email(_scalar(v, f, EMAIL_FORM), f), key=_lower, form=EMAIL_FORM),
    # Carbonio stores account names and aliases in lower case (CreateAccount, AddAccountAlias lowercase them).
    Kind('account_name', lambda v, f: validate_email(_scalar(v, f, EMAIL_FORM), f).lower(), key=_lower, form=EMAIL_FORM),
    Kind('https_url', lambda v, f: validate_https_url(_scalar(v, f, 'an https URL'), f), form='an https URL'),
    Kind('colour', _parse_colour, key=_lower, form=COLOUR_FORM),
    Kind('white_label_url', _parse_white_label_url, form=WHITE_LABEL_URL_FORM),
    Kind('time_zone', lambda v, f: validate_time_zone(_scalar(v, f, TIME_ZONE_FORM), f), form=TIME_ZONE_FORM),
    # a dynamic list's member URL, its filter parsed (an unparsable one would select no one, silently)
    Kind('ldap_url', lambda v, f: parse_ldap_url(_parse_text(v, f), f), form=LDAP_URL_FORM),
    # an external GAL: its servers, its DNs, its filters, and the mode in the Panel's words
    Kind('ldap_server_url', lambda v, f: parse_server_url(_parse_text(v, f), f), form=SERVER_URL_FORM),
    Kind('dn', lambda v, f: parse_dn(_parse_text(v, f), f), key=_lower, form=DN_FORM),
    Kind('gal_filter', lambda v, f: parse_gal_filter(_parse_text(v, f), f), form=GAL_FILTER_FORM),
    Kind('gal_mode', lambda v, f: _parse_choice(v, f, GAL_MODES), show=lambda wire: GAL_MODE_NAMES.get(wire, wire),
         form='one of %s' % ', '.join(GAL_MODES)),
))


def parse_enum(value, field, choices):
    """The value if it is one of choices (exact, case-sensitive as Carbonio compares)."""
    text = _parse_text(value, field)
    if text not in choices:
        raise ValueError('%s: must be one of %s, got %r' % (field, ', '.join(choices), value))
    return text


def iso_from_epoch_ms(value):
    """Epoch milliseconds (Carbonio's extensions give times so) as ISO 8601 UTC; None, or a value that is no number,
    stays as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    moment = datetime.datetime.fromtimestamp(value / 1000.0, tz=datetime.timezone.utc)
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def iso_time(gentime):
    """LDAP generalized time (20261126043000Z, 20261126043000.123Z) as ISO 8601 (2026-11-26T04:30:00Z); None stays None."""
    if not gentime:
        return None
    digits = gentime.split('.')[0].rstrip('Z')
    if len(digits) < 14 or not digits.isdigit():
        return gentime
    return '%s-%s-%sT%s:%s:%sZ' % (digits[0:4], digits[4:6], digits[6:8], digits[8:10], digits[10:12], digits[12:14])
