# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: Carbonio's password policy, checked on the controller before a password is sent.

The rules of LdapProvisioning.checkPasswordStrength in Carbonio's order: lengths, the personal-data rule (for an
existing account), the allowed characters, then the minimum counts. A rule the collection cannot read the way
Carbonio would is left to Carbonio (never refuse what Carbonio accepts). Errors name the rule, never the password.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import string
import warnings

# Carbonio's password policy (LdapProvisioning.checkPasswordStrength), rule by rule in Carbonio's order. A value that
# neither the account nor its class of service sets, or that is no number, is no rule: Carbonio reads 0 then.
MIN_LENGTH, MAX_LENGTH = 'zimbraPasswordMinLength', 'zimbraPasswordMaxLength'
# (attribute, what it counts, the rule in words)
MINIMUMS = (
    ('zimbraPasswordMinUpperCaseChars', 'upper', 'at least %d upper-case letters'),
    ('zimbraPasswordMinLowerCaseChars', 'lower', 'at least %d lower-case letters'),
    ('zimbraPasswordMinNumericChars', 'numeric', 'at least %d digits'),
    ('zimbraPasswordMinPunctuationChars', 'punctuation', 'at least %d punctuation characters'),
    ('zimbraPasswordMinAlphaChars', 'alpha', 'at least %d characters that are neither digits nor punctuation'),
    ('zimbraPasswordMinDigitsOrPuncs', 'numeric_or_punctuation', 'at least %d digits or punctuation characters'),
)
# Java regular expressions: every character of the password must match the first; the second, when set, says
# what counts as punctuation instead of ASCII punctuation.
ALLOWED_CHARS, ALLOWED_PUNCTUATION = 'zimbraPasswordAllowedChars', 'zimbraPasswordAllowedPunctuationChars'
POLICY_ATTRIBUTES = (MIN_LENGTH, MAX_LENGTH) + tuple(attribute for attribute, kind, text in MINIMUMS) + (
    ALLOWED_CHARS, ALLOWED_PUNCTUATION)
# Carbonio's isAsciiPunc: exactly the ASCII punctuation
ASCII_PUNCTUATION = frozenset(string.punctuation)
# What the personal-data rule reads of an existing account (the address through its mail attribute)
PERSONAL_ATTRIBUTES = ('sn', 'cn', 'initials', 'mail')
DEFAULT_COS = 'default'


def _domain_of(address):
    return address.rpartition('@')[2]


def _first(attrs, attribute):
    values = attrs.get(attribute) or []
    return values[0] if values else None


def effective_policy(run, attrs, domains):
    """{policy attribute: first value} that applies when the password is set: the account's own values (as the task
    leaves them), else those of its class of service (its own if it exists, else its domain's default, else default)."""
    references = run.references
    cos_id = _first(attrs, 'zimbraCOSId')
    if not references.has('cos', cos_id):
        cos_id = _first((domains.get(_domain_of(run.name)) or {}).get('attrs', {}), 'zimbraDomainDefaultCOSId')
    if not references.has('cos', cos_id):
        cos_id = references.find('cos', DEFAULT_COS)
    cos = references.attrs('cos', cos_id) if cos_id else {}
    policy = {}
    for attribute in POLICY_ATTRIBUTES:
        value = _first(attrs, attribute)
        policy[attribute] = value if value is not None else _first(cos, attribute)
    return policy


def _number(policy, attribute):
    """A policy value as Carbonio's getIntAttr reads it (Java's Integer.parseInt): 0 when unset or not a 32-bit number."""
    value = policy.get(attribute)
    if not isinstance(value, str) or not re.fullmatch(r'[+-]?\d+', value):
        return value if isinstance(value, int) else 0
    number = int(value)
    return number if -2 ** 31 <= number < 2 ** 31 else 0


def _java_pattern(pattern):
    """A Java regular expression of the policy, compiled when Python reads it the same way; None otherwise.

    ASCII classes (\\d, \\w, \\s) and ASCII case folding as in Java. Skipped: what Python cannot compile or warns
    about (Java's nested classes and intersections), octal and back references, and \\v (one character in Python,
    Java's vertical whitespace).
    """
    if not pattern or re.search(r'(?<!\\)(?:\\\\)*\\[v0-9]', pattern):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        try:
            return re.compile(pattern, re.ASCII)
        except (re.error, Warning, ValueError, TypeError, OverflowError, RecursionError):
            return None


def _java_chars(text):
    """The text as Java's String.charAt sees it: UTF-16 code units (a character beyond U+FFFF is two)."""
    data = text.encode('utf-16-le', 'surrogatepass')
    return [chr(data[index] | data[index + 1] << 8) for index in range(0, len(data), 2)]


def _counts(chars, punctuation):
    """Carbonio's counts: upper, lower, numeric (Unicode decimal), punctuation; alpha is any character that is neither
    a digit nor punctuation (so upper and lower case letters too)."""
    counts = dict.fromkeys(('upper', 'lower', 'numeric', 'punctuation', 'alpha'), 0)
    for char in chars:
        if char.isupper():
            counts['upper'] += 1
        elif char.islower():
            counts['lower'] += 1
        elif char.isdecimal():
            counts['numeric'] += 1
            continue
        elif (punctuation.fullmatch(char) is not None) if punctuation is not None else (char in ASCII_PUNCTUATION):
            counts['punctuation'] += 1
            continue
        counts['alpha'] += 1
    counts['numeric_or_punctuation'] = counts['numeric'] + counts['punctuation']
    return counts


def _personal_parts(personal):
    """Carbonio's personal-data dictionary (LdapProvisioning.validatePasswordEntropyForPersonalData) for the values
    known: [(what it is, part)]. personal: {'sn', 'cn', 'initials', 'mail', 'domain'}, None where unknown."""
    parts = []
    for key, label in (('sn', 'surname (sn)'), ('cn', 'common name (cn)'), ('initials', 'initials')):
        value = personal.get(key)
        if value is not None:
            parts.append((label, value.lower()))
            if key == 'cn':
                parts.append((label, value.replace(' ', '').lower()))
                parts.extend((label, word) for word in value.lower().split(' '))
    domain = personal.get('domain')
    if domain is not None:
        parts.append(('domain name', domain.lower()))
        # Java's class, where +-_ is a range (from + to _: digits, upper case and more are separators too)
        parts.extend(('domain name', word) for word in re.split(r'[\s@&.?$+-_]+', domain, flags=re.ASCII))
    mail = personal.get('mail')
    if mail is not None:
        words = re.split(r'[@._]', mail)
        while words and not words[-1]:
            words.pop()  # Java's split drops the empty strings at the end
        parts.extend(('address', word) for word in words[:-1])  # without the top-level domain
    return parts


def check_password(password, policy, personal=None):
    """The first rule of Carbonio's policy the password breaks, as words (never the password itself), or None.

    policy: {attribute: first value or None} (see POLICY_ATTRIBUTES); personal: what the personal-data rule compares
    (an existing account only; see _personal_parts). Not imitated: Carbonio's list of common passwords
    (zimbraPasswordBlockCommonEnabled, off by default), which the module cannot read.
    """
    chars = _java_chars(password)
    minimum, maximum = _number(policy, MIN_LENGTH), _number(policy, MAX_LENGTH)
    if minimum > 0 and len(chars) < minimum:
        return 'the password policy asks for at least %d characters' % minimum
    if maximum > 0 and len(chars) > maximum:
        return 'the password policy allows at most %d characters' % maximum
    if personal is not None:
        lowered = password.lower()
        for label, part in _personal_parts(personal):
            if len(_java_chars(part)) > 2 and (lowered in part or part in lowered):
                return 'the password policy refuses a password that holds, or is part of, the account\'s %s' % label
    allowed = _java_pattern(policy.get(ALLOWED_CHARS))
    if allowed is not None and any(allowed.fullmatch(char) is None for char in chars):
        return 'the password policy allows only characters that match %s %s' % (ALLOWED_CHARS, policy[ALLOWED_CHARS])
    counts = _counts(chars, _java_pattern(policy.get(ALLOWED_PUNCTUATION)))
    for attribute, kind, text in MINIMUMS:
        if counts[kind] < _number(policy, attribute):
            return 'the password policy asks for %s' % (text % _number(policy, attribute))
    return None


def personal_data(run, current, modify, attrs):
    """What the personal-data rule compares when the password is set, after the rename and the modify of the task;
    a value the module cannot know for sure is left out (never refuse what Carbonio accepts)."""
    old_name, new_name = current['name'], run.name
    renamed = old_name.lower() != new_name.lower()
    personal = dict(sn=_first(attrs, 'sn') or '', initials=_first(attrs, 'initials') or '', domain=_domain_of(new_name))
    own = current['attrs']
    cn = own.get('cn') or []
    if renamed and not own.get('displayName') and cn == [old_name.partition('@')[0]]:
        cn = [new_name.partition('@')[0]]  # RenameAccount: a cn that was the local part follows it
    if 'cn' in modify:
        cn = modify['cn']
    elif modify.get('displayName'):
        cn = modify['displayName'][:1]  # Carbonio's DisplayName callback sets cn to the new display name
    personal['cn'] = (cn or [''])[0]
    # the first mail value, when it is the account's own address (a rename replaces it with the new one)
    mail = _first(own, 'mail')
    personal['mail'] = new_name if mail is not None and mail.lower() == old_name.lower() else None
    return personal
