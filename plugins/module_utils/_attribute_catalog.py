# -*- coding: utf-8 -*-
# Copyright: (c) 2026, carbonio.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Knowledge of Carbonio attribute types: the attribute catalog and value normalisation.

This module owns what the collection knows about Carbonio's directory attributes (their type,
cardinality, allowed values, bounds, the object classes that may carry them, and the immutable,
inheritance and deprecation flags), as generated from Carbonio's attrs.xml and ocs.xml into
``_attribute_catalog_data`` by ``tools/generate_attribute_catalog.py``.

It turns the values users write in YAML (strings, ints, bools, lists) into the wire values
Carbonio expects (lists of strings), refusing before any request what Carbonio would refuse
(its AttributeInfo.checkValue rules), with messages that name the option and the accepted form:

- boolean: Python bools and yes/no, true/false, on/off, 1/0 (any case) become ``TRUE``/``FALSE``;
- integer / long: min/max of attrs.xml (default 32-bit / 64-bit bounds); a long also accepts a
  size such as ``500MB`` or ``10G`` (binary units, converted to bytes) since Carbonio's size
  attributes are longs;
- port: 0..65535; duration: ``^\\d+([hmsd]|ms)?$`` (seconds by default) within min/max;
- enum: exact, case-sensitive; gentime: ``yyyyMMddHHmmss[.SSS]Z``; id: UUID;
- email: ``local@domain`` without display name; emailp: display name allowed; cs_emailp:
  comma-separated emailp (a list given for a single-valued cs_emailp attribute is joined);
- string types: length <= max; astring: ASCII only; regex: full match of the attrs.xml pattern; no value of
  any type may contain a NUL character;
- ``zimbraPrefTimeZoneId``: a time zone id (see _value_formats.validate_time_zone).

An empty string, ``None`` or an empty list means "remove the attribute" and gives ``[]``.
Deprecated attributes are accepted (Carbonio accepts them by default); callers may warn using
``get_attribute(name).deprecated``. Attributes that attrs.xml declares without cardinality
(standard LDAP attributes such as ``cn``) have ``multi`` None and are not checked for it; those
declared on no object class (``objectClass``, ``memberURL``) are not checked for the class.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
from collections import namedtuple

from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog_data import CATALOG_JSON
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import (
    BOOL_FALSE,
    BOOL_TRUE,
    DURATION_FORM,
    SIZE_FORM,
    duration_ms,
    parse_size,
    validate_email,
    validate_time_zone,
)

AttributeInfo = namedtuple('AttributeInfo', [
    'name',                          # attribute name as in attrs.xml
    'type',                          # attrs.xml type: string, boolean, integer, long, enum, duration, ...
    'multi',                         # True multi-valued, False single-valued, None not declared
    'values',                        # tuple of enum values (empty for other types)
    'min',                           # min as written in attrs.xml (str) or None
    'max',                           # max as written in attrs.xml (str) or None
    'object_classes',                # tuple of attrs.xml class names (optionalIn + requiredIn)
    'immutable',                     # bool
    'domain_inherited',              # bool (flag domainInherited)
    'account_inherited',             # bool (flag accountInherited)
    'deprecated',                    # bool (deprecatedSince present)
    'account_cos_domain_inherited',  # bool (flag accountCosDomainInherited)
    'required_in',                   # tuple of classes of requiredIn
    'deprecated_since',              # version string or None
    'regex',                         # pattern of a regex-type attribute, or None
    'global_config_values',          # tuple of globalConfigValue values (the defaults of cn=config)
])

# Entry kinds whose entries carry more Carbonio object classes than their own and its
# superiors (ocs.xml): a calendar resource is created as an account plus zimbraCalendarResource.
# Object classes an entry carries besides its structural one's superiors: a calendar resource is an account, and a
# static list's entry is also a zimbraMailRecipient (as Carbonio creates it), though ocs.xml gives it no superior.
_EXTRA_ENTRY_CLASSES = {'calendarResource': ('account',), 'distributionList': ('mailRecipient',)}

_INT_BOUNDS = (-2 ** 31, 2 ** 31 - 1)
_LONG_BOUNDS = (-2 ** 63, 2 ** 63 - 1)
# Matched with fullmatch (never '$', which also matches before a final newline); ASCII digits as in Java.
_INT_RE = re.compile(r'[+-]?[0-9]+')
_GENTIME_RE = re.compile(r'[0-9]{14}(\.[0-9]{1,3})?[zZ]')
_ID_RE = re.compile(r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')
_STRING_TYPES = ('string', 'astring', 'ostring', 'cstring', 'phone')
_EMAILP_RE = re.compile(r'(.*?)\s*<([^<>]*)>')
_SPECIAL_VALIDATORS = {'zimbraPrefTimeZoneId': validate_time_zone}

_CATALOG = {}

# Attributes that make an entry what it is: written by Carbonio's own requests (create, rename,
# alias, grant), never through attrs:, where a replace would silently change the entry's nature.
STRUCTURAL_ATTRIBUTES = frozenset((
    'objectClass', 'zimbraId', 'zimbraCreateTimestamp', 'dc', 'uid', 'mail', 'zimbraDomainName',
    'zimbraMailDeliveryAddress', 'zimbraMailAlias', 'zimbraACE', 'zimbraDomainType', 'zimbraDomainAliasTargetId',
    'zimbraIsSystemAccount', 'zimbraIsSystemResource', 'member', 'memberURL', 'zimbraGalAccountId',
))


class AttributeValueError(ValueError):
    """A value (or attribute name) that Carbonio would refuse; the message names the option."""


def _data():
    if not _CATALOG:
        data = json.loads(CATALOG_JSON)
        _CATALOG['raw'] = data['a']
        _CATALOG['sup'] = data.get('sup', {})
        _CATALOG['info'] = {}
    return _CATALOG


def _make_info(name, raw):
    multi = raw.get('m')
    return AttributeInfo(
        name=name,
        type=raw.get('t', 'string'),
        multi=None if multi is None else bool(multi),
        values=tuple(raw.get('v', ())),
        min=raw.get('lo'),
        max=raw.get('hi'),
        object_classes=tuple(raw.get('oc', ())),
        immutable=bool(raw.get('im')),
        domain_inherited=bool(raw.get('di')),
        account_inherited=bool(raw.get('ai')),
        deprecated='dp' in raw,
        account_cos_domain_inherited=bool(raw.get('cdi')),
        required_in=tuple(raw.get('rq', ())),
        deprecated_since=raw.get('dp'),
        regex=raw.get('re'),
        global_config_values=tuple(raw.get('gc', ())),
    )


def get_attribute(name):
    """Return the AttributeInfo of a Carbonio attribute (exact, case-sensitive name) or None."""
    data = _data()
    info = data['info'].get(name)
    if info is None:
        raw = data['raw'].get(name)
        if raw is None:
            return None
        info = data['info'][name] = _make_info(name, raw)
    return info


def attribute_names():
    """Return the sorted list of every attribute name of the catalog."""
    return sorted(_data()['raw'])


def domain_inherited_attributes():
    """Return the sorted names of the attributes flagged domainInherited that a domain may carry."""
    raw = _data()['raw']
    return sorted(name for name, entry in raw.items() if entry.get('di') and 'domain' in entry.get('oc', ()))


def entry_classes(object_class):
    """Return the set of attrs.xml class names whose attributes an entry of object_class may carry.

    object_class is an attrs.xml class name ('domain', 'account', 'cos', 'calendarResource',
    'distributionList', 'group', 'server', 'globalConfig', ...). It includes the superiors of
    ocs.xml (an account is also a mailRecipient) and a calendar resource is also an account.
    """
    data = _data()
    if 'classes' not in data:
        known = set(data['sup'])
        for entry in data['raw'].values():
            known.update(entry.get('oc', ()))
        data['classes'] = known
    if object_class not in data['classes']:
        raise ValueError('object_class: unknown Carbonio object class %r; expected one of %s' % (object_class, ', '.join(sorted(data['classes']))))
    sup = data['sup']
    result = set()
    pending = [object_class]
    while pending:
        current = pending.pop()
        if current in result:
            continue
        result.add(current)
        pending.extend(sup.get(current, ()))
        pending.extend(_EXTRA_ENTRY_CLASSES.get(current, ()))
    return result


def _error(prefix, message):
    return AttributeValueError('%s: %s' % (prefix, message))


def _describe(value):
    return repr(value) if not isinstance(value, str) else "'%s'" % value


def _as_text(info, value, prefix):
    """Return a scalar value as str; bools, floats and containers are refused for non-boolean types."""
    if isinstance(value, bool):
        raise _error(prefix, 'got a boolean (%s) for a %s attribute; quote the value in YAML' % (value, info.type))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if '\x00' in value:
            raise _error(prefix, 'must not contain a NUL character')
        return value
    raise _error(prefix, 'expected a %s value, got %s' % (info.type, type(value).__name__))


def _bounds(info, default):
    low, high = default
    if info.min is not None and _INT_RE.fullmatch(info.min):
        low = int(info.min)
    if info.max is not None and _INT_RE.fullmatch(info.max):
        high = int(info.max)
    return low, high


def _check_range(info, number, bounds, prefix, form):
    low, high = _bounds(info, bounds)
    if number < low or number > high:
        raise _error(prefix, 'must be %s from %d to %d, got %d' % (form, low, high, number))
    return str(number)


def _check_boolean(info, value, prefix):
    if isinstance(value, bool):
        return 'TRUE' if value else 'FALSE'
    text = str(value).strip().lower() if isinstance(value, (str, int)) else None
    if text in BOOL_TRUE:
        return 'TRUE'
    if text in BOOL_FALSE:
        return 'FALSE'
    raise _error(prefix, 'must be a boolean (true/false, yes/no, on/off, 1/0), got %s' % _describe(value))


def _check_integer(info, value, prefix):
    text = _as_text(info, value, prefix).strip()
    if not _INT_RE.fullmatch(text):
        raise _error(prefix, 'must be an integer, got %s' % _describe(value))
    return _check_range(info, int(text), _INT_BOUNDS, prefix, 'an integer')


def _check_long(info, value, prefix):
    text = _as_text(info, value, prefix).strip()
    if _INT_RE.fullmatch(text):
        number = int(text)
    else:
        try:
            number = parse_size(text, prefix)
        except ValueError:
            raise _error(prefix, 'must be an integer or %s, got %s' % (SIZE_FORM, _describe(value))) from None
    return _check_range(info, number, _LONG_BOUNDS, prefix, 'a number')


def _check_port(info, value, prefix):
    text = _as_text(info, value, prefix).strip()
    if not _INT_RE.fullmatch(text) or not 0 <= int(text) <= 65535:
        raise _error(prefix, 'must be a port number from 0 to 65535, got %s' % _describe(value))
    return str(int(text))


def _check_duration(info, value, prefix):
    text = _as_text(info, value, prefix).strip()
    millis = duration_ms(text)
    if millis is None:
        raise _error(prefix, 'must be %s, got %s' % (DURATION_FORM, _describe(value)))
    low = duration_ms(info.min) if info.min is not None else None
    high = duration_ms(info.max) if info.max is not None else None
    if low is not None and millis < low:
        raise _error(prefix, 'is shorter than the minimum allowed %s; expected %s' % (info.min, DURATION_FORM))
    if high is not None and millis > high:
        raise _error(prefix, 'is longer than the maximum allowed %s; expected %s' % (info.max, DURATION_FORM))
    return text


def _check_enum(info, value, prefix):
    text = _as_text(info, value, prefix)
    if text not in info.values:
        raise _error(prefix, 'must be one of %s, got %s' % (', '.join(info.values), _describe(value)))
    return text


def _check_gentime(info, value, prefix):
    text = _as_text(info, value, prefix).strip()
    if not _GENTIME_RE.fullmatch(text):
        raise _error(prefix, 'must be a generalized time yyyyMMddHHmmssZ or yyyyMMddHHmmss.SSSZ (UTC), got %s' % _describe(value))
    return text


def _check_id(info, value, prefix):
    text = _as_text(info, value, prefix).strip()
    if not _ID_RE.fullmatch(text):
        raise _error(prefix, 'must be an id (UUID such as 8cf3db5d-cfd7-11d9-884f-e7b38f15492d), got %s' % _describe(value))
    return text


def _check_length(info, text, prefix):
    if info.max is not None and _INT_RE.fullmatch(info.max) and len(text) > int(info.max):
        raise _error(prefix, 'must be at most %s characters long, got %d' % (info.max, len(text)))
    return text


def _email(text, prefix, personal):
    address = text.strip()
    match = _EMAILP_RE.fullmatch(address) if personal else None
    if match:
        address = match.group(2).strip()
    try:
        ascii_address = validate_email(address, prefix)
    except ValueError as exc:
        raise AttributeValueError(str(exc)) from None
    if ascii_address.lower() != address.lower():
        # Carbonio parses addresses strictly (javax.mail) and refuses a non-ASCII domain.
        raise _error(prefix, 'write the domain in its ASCII form, as in %s' % ascii_address)
    return text.strip()


def _check_email(info, value, prefix):
    text = _check_length(info, _as_text(info, value, prefix), prefix)
    return _email(text, prefix, False)


def _check_emailp(info, value, prefix):
    text = _check_length(info, _as_text(info, value, prefix), prefix)
    return _email(text, prefix, True)


def _check_cs_emailp(info, value, prefix):
    text = _check_length(info, _as_text(info, value, prefix), prefix)
    return ','.join(_email(item, prefix, True) for item in text.split(','))


def _check_string(info, value, prefix):
    text = _check_length(info, _as_text(info, value, prefix), prefix)
    if info.type == 'astring':
        try:
            text.encode('ascii')
        except UnicodeError:
            raise _error(prefix, 'must contain ASCII characters only')
    return text


def _check_regex(info, value, prefix):
    text = _check_length(info, _as_text(info, value, prefix), prefix)
    try:
        pattern = re.compile(info.regex)
    except (re.error, TypeError):
        return text
    if not pattern.fullmatch(text):
        raise _error(prefix, 'must match the regular expression %s, got %s' % (info.regex, _describe(value)))
    return text


def _check_other(info, value, prefix):
    return _as_text(info, value, prefix)


_CHECKS = {
    'boolean': _check_boolean,
    'integer': _check_integer,
    'long': _check_long,
    'port': _check_port,
    'duration': _check_duration,
    'enum': _check_enum,
    'gentime': _check_gentime,
    'id': _check_id,
    'email': _check_email,
    'emailp': _check_emailp,
    'cs_emailp': _check_cs_emailp,
    'regex': _check_regex,
}


def _check_one(info, value, prefix):
    check = _CHECKS.get(info.type)
    if check is None:
        check = _check_string if info.type in _STRING_TYPES else _check_other
    wire = check(info, value, prefix)
    special = _SPECIAL_VALIDATORS.get(info.name)
    if special is not None:
        try:
            wire = special(wire, prefix)
        except ValueError as exc:
            raise AttributeValueError(str(exc)) from None
    return wire


def _normalize(name, value, prefix, object_class):
    info = get_attribute(name)
    if info is None:
        similar = [other for other in _data()['raw'] if other.lower() == name.lower()]
        raise _error(prefix, 'unknown Carbonio attribute%s' % (
            ' (names are case-sensitive: did you mean %s?)' % similar[0] if similar else ''))
    if object_class is not None and info.object_classes:
        allowed = entry_classes(object_class)
        if not allowed.intersection(info.object_classes):
            raise _error(prefix, 'is not allowed on %s entries (Carbonio allows it on: %s)' % (object_class, ', '.join(info.object_classes)))
    if info.immutable:
        raise _error(prefix, 'is immutable: Carbonio manages it and refuses changes')
    if name in STRUCTURAL_ATTRIBUTES:
        raise _error(prefix, 'is structural: Carbonio sets it through its own requests, never as a plain attribute')

    if value is None or (isinstance(value, str) and value == ''):
        return []
    if isinstance(value, (list, tuple)):
        values = list(value)
    elif isinstance(value, (dict, set)):
        raise _error(prefix, 'expected a value or a list of values, got %s' % type(value).__name__)
    else:
        values = [value]
    if not values:
        return []
    if any(item is None or (isinstance(item, str) and item.strip() == '') or isinstance(item, (list, tuple, dict, set))
           for item in values):
        raise _error(prefix, 'a list of values must hold non-empty scalar values; use an empty list or "" to remove the attribute')

    if info.type == 'cs_emailp' and info.multi is False and len(values) > 1:
        values = [','.join(_as_text(info, item, prefix) for item in values)]
    if info.multi is False and len(values) > 1:
        raise _error(prefix, 'is single-valued, got %d values' % len(values))

    result = []
    for item in values:
        wire = _check_one(info, item, prefix)
        if wire not in result:
            result.append(wire)
    return result


def _prefix(field, name):
    return '%s.%s' % (field, name) if field else name


def normalize_value(name, value, field=None, object_class=None):
    """Return the wire values (list of str) of attribute name for value, or raise AttributeValueError.

    field is the option name used in messages (default: the attribute name), so a module mapping
    its option ``mailbox_quota`` to ``zimbraMailQuota`` reports ``mailbox_quota: ...``.
    object_class, when given, is the attrs.xml class of the entry (see entry_classes).
    """
    return _normalize(name, value, field or name, object_class)


def normalize_attrs(attrs, object_class=None, field='attrs'):
    """Return {name: [wire values]} for a user's dict of attributes, or raise AttributeValueError.

    attrs maps attribute names to a value or a list of values as written in YAML. An empty value
    or list gives [] (remove the attribute). Messages start with '<field>.<name>: '.
    """
    if attrs is None:
        return {}
    if not isinstance(attrs, dict):
        raise AttributeValueError('%s: must be a dictionary of Carbonio attribute names to values' % field)
    result = {}
    for name, value in attrs.items():
        if not isinstance(name, str) or not name.strip():
            raise AttributeValueError('%s: attribute names must be non-empty strings, got %r' % (field, name))
        result[name] = _normalize(name, value, _prefix(field, name), object_class)
    return result
