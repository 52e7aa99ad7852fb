"""Attribute write checks as Carbonio makes them (api doc 13.3), driven by the attrs.xml catalog.

parse_changes() validates a request's <a n> pairs (all of them, before anything is written) and returns a
Changes object that turns into an LDAP modify list or the attributes of a new entry.
"""

import base64
import binascii
import re

import ldap3

from .errors import ServiceFault, invalid_attr_value, invalid_request
from .timeutil import DURATION_RE, duration_ms

INT_MIN, INT_MAX = -2 ** 31, 2 ** 31 - 1
LONG_MIN, LONG_MAX = -2 ** 63, 2 ** 63 - 1
_INTEGER_RE = re.compile(r'^[+-]?\d+$')
_GENTIME_RE = re.compile(r'^\d{14}(\.\d{1,3})?[zZ]$')
UUID_RE = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')
# Close to javax.mail InternetAddress(strict) for a bare address: no spaces, brackets, commas or doubled dots.
_ADDRESS_RE = re.compile(r'^[A-Za-z0-9!#$%&\'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$')
_PERSONAL_RE = re.compile(r'^\s*(?:"[^"]*"|[^<>"]*?)\s*<([^<>]+)>\s*$')
DURATION_USAGE = ('{digits}{time-unit}.  digits: 0-9, time-unit: [hmsd]|ms.  h - hours, m - minutes, s - seconds, '
                  'd - days, ms - milliseconds.  If time unit is not specified, the default is s(seconds).')


def _check_number(attr, value, kind, low, high):
    if not _INTEGER_RE.match(value):
        raise invalid_attr_value(f'{attr.name} must be a valid {kind}: {value}')
    number = int(value)
    if not low <= number <= high:
        raise invalid_attr_value(f'{attr.name} must be a valid {kind}: {value}')
    if attr.min is not None and number < int(attr.min):
        raise invalid_attr_value(f'{attr.name} value({value}) smaller than minimum allowed: {attr.min}')
    if attr.max is not None and number > int(attr.max):
        raise invalid_attr_value(f'{attr.name} value({value}) larger than max allowed: {attr.max}')


def _check_email(attr, value, personal_allowed):
    if attr.max and len(value) > int(attr.max):
        raise invalid_attr_value(f'{attr.name} value length({len(value)}) larger than max allowed: {attr.max}')
    if '@' not in value:
        raise invalid_attr_value(f"address '{value}' does not include domain")
    address = value
    match = _PERSONAL_RE.match(value)
    if match and personal_allowed:
        address = match.group(1)
    if not valid_address(address.strip()):
        raise invalid_attr_value(f'invalid email address: {value}')


def valid_address(address):
    """A bare address as InternetAddress(strict) takes it, near enough (NameUtil.validEmailAddress)."""
    return bool(_ADDRESS_RE.match(address)) and '..' not in address


def check_value(attr, value):
    """Raise INVALID_ATTR_VALUE when value does not fit the attribute's type (LdapAttributeInfo.checkValue)."""
    kind = attr.type
    if kind == 'boolean':
        if value not in ('TRUE', 'FALSE'):
            raise invalid_attr_value(f'{attr.name} must be TRUE or FALSE')
    elif kind == 'integer':
        _check_number(attr, value, 'integer', INT_MIN, INT_MAX)
    elif kind == 'long':
        _check_number(attr, value, 'long', LONG_MIN, LONG_MAX)
    elif kind == 'port':
        if not _INTEGER_RE.match(value) or not 0 <= int(value) <= 65535:
            raise invalid_attr_value(f'{attr.name} must be a valid port: {value}')
    elif kind == 'duration':
        if not DURATION_RE.match(value):
            raise invalid_attr_value(f'{attr.name} Must be in valid duration format: {DURATION_USAGE}')
        if attr.min and duration_ms(value) < duration_ms(attr.min):
            raise invalid_attr_value(f'{attr.name} is shorter than minimum allowed: {attr.min}')
        if attr.max and duration_ms(value) > duration_ms(attr.max):
            raise invalid_attr_value(f'{attr.name} is longer than max allowed: {attr.max}')
    elif kind == 'enum':
        if value not in (attr.values or '').split(','):
            raise invalid_attr_value(f'{attr.name} must be one of: {attr.values}')
    elif kind == 'gentime':
        if not _GENTIME_RE.match(value):
            raise invalid_attr_value(f'{attr.name} must be a valid generalized time: yyyyMMddHHmmssZ or yyyyMMddHHmmss.SSSZ')
    elif kind == 'id':
        if not UUID_RE.match(value):
            raise invalid_attr_value(f'{attr.name} must be a valid id')
    elif kind in ('email', 'emailp'):
        _check_email(attr, value, kind == 'emailp')
    elif kind == 'cs_emailp':
        for item in value.split(','):
            _check_email(attr, item.strip(), True)
    elif kind == 'regex':
        if not re.fullmatch(attr.values or '.*', value):
            raise invalid_attr_value(f'{attr.name} must match the regex: {attr.values}')
        _check_length(attr, value)
    elif kind in ('binary', 'certificate'):
        try:
            size = len(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError):
            size = len(value)
        if attr.max and size > int(attr.max):
            raise invalid_attr_value(f'{attr.name} value length({size}) larger than max allowed: {attr.max}')
    else:
        _check_length(attr, value)


def _check_length(attr, value):
    if attr.max and len(value) > int(attr.max):
        raise invalid_attr_value(f'{attr.name} value length({len(value)}) larger than max allowed: {attr.max}')


class Changes:
    """Validated attribute changes: replace (plain name), add (+name) and remove (-name) value lists."""

    def __init__(self):
        self.replace = {}
        self.add = {}
        self.remove = {}

    def names(self):
        return set(self.replace) | set(self.add) | set(self.remove)

    def pop(self, name):
        """Take an attribute out of the change set (handlers treat some attributes specially)."""
        for table in (self.replace, self.add, self.remove):
            for key in list(table):
                if key.lower() == name.lower():
                    return table.pop(key)
        return None

    def get(self, name):
        for key, values in self.replace.items():
            if key.lower() == name.lower():
                return values
        return None

    def set(self, name, values):
        self.pop(name)
        self.replace[name] = list(values)

    def as_new_entry(self):
        """Attributes for an LDAP add: empty values are dropped, +name counts as a plain value."""
        attrs = {}
        for table in (self.replace, self.add):
            for name, values in table.items():
                kept = [v for v in values if v != '']
                if kept:
                    attrs.setdefault(name, []).extend(kept)
        return attrs

    def modify_list(self, entry):
        """ldap3 modify dict against the current entry (ZLdapHelper.getModList semantics)."""
        changes = {}
        for name, values in self.replace.items():
            kept = [v for v in values if v != '']
            if kept:
                changes[name] = [(ldap3.MODIFY_REPLACE, kept)]
            elif entry.values(name):
                changes[name] = [(ldap3.MODIFY_DELETE, [])]
        for name, values in self.add.items():
            present = {v.lower() for v in entry.values(name)}
            new = [v for v in dict.fromkeys(values) if v and v.lower() not in present]
            if new:
                changes.setdefault(name, []).append((ldap3.MODIFY_ADD, new))
        for name, values in self.remove.items():
            present = {v.lower(): v for v in entry.values(name)}
            gone = [present[v.lower()] for v in dict.fromkeys(values) if v and v.lower() in present]
            if gone:
                changes.setdefault(name, []).append((ldap3.MODIFY_DELETE, gone))
        return changes


def parse_changes(catalog, pairs, check_immutable=True, skip_immutable=()):
    """Validate request attribute pairs; raise the first fault Carbonio would raise, else return Changes."""
    changes = Changes()
    plain, signed = set(), set()
    for raw_name, value in pairs:
        if not raw_name:
            raise ServiceFault('account.INVALID_ATTR_NAME', 'empty attr name found')
        sign = raw_name[0] if raw_name[0] in '+-' else ''
        name = raw_name[1:] if sign else raw_name
        (signed if sign else plain).add(name.lower())
        if name.lower() in plain and name.lower() in signed:
            raise invalid_request("can't mix +attrName/-attrName with attrName")
        info = catalog.get(name)
        name = info.name if info else name
        table = {'+': changes.add, '-': changes.remove, '': changes.replace}[sign]
        table.setdefault(name, []).append(value)
        if info is None:
            continue  # unknown to Carbonio: it only logs, and slapd then refuses the name (INVALID_ATTR_NAME)
        if check_immutable and info.immutable and name.lower() not in skip_immutable:
            raise invalid_request(f'{name} is immutable')
        if value != '' and sign != '-':
            check_value(info, value)
    return changes
