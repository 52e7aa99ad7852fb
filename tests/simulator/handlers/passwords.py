"""The password policy (LP.checkPasswordStrength) and what a password change writes (LP.setPassword), shared by
CreateAccount, SetPassword and the user AuthRequest (api-objects doc 2, 5)."""

import re
import string

import ldap3

from ..directory import domain_of_dn
from ..errors import ServiceFault
from ..timeutil import gentime_now

INT_MAX = 2 ** 31 - 1

# (policy attribute, what it counts, the reason when short), in Carbonio's order
_MINIMUMS = (
    ('zimbraPasswordMinUpperCaseChars', 'upper', 'not enough upper case characters'),
    ('zimbraPasswordMinLowerCaseChars', 'lower', 'not enough lower case characters'),
    ('zimbraPasswordMinNumericChars', 'numeric', 'not enough numeric characters'),
    ('zimbraPasswordMinPunctuationChars', 'punctuation', 'not enough punctuation characters'),
    ('zimbraPasswordMinAlphaChars', 'alpha', 'not enough alpha characters'),
    ('zimbraPasswordMinDigitsOrPuncs', 'numeric_or_punctuation', 'not enough numeric or punctuation characters'),
)


# Java regular expressions: every character must match the first; the second replaces ASCII punctuation
ALLOWED_CHARS, ALLOWED_PUNCTUATION = 'zimbraPasswordAllowedChars', 'zimbraPasswordAllowedPunctuationChars'

# every attribute check_password reads, lowercase: a caller applying COS defaults needs only these
POLICY_ATTRS = frozenset(name.lower() for name in ['zimbraPasswordMinLength', 'zimbraPasswordMaxLength', ALLOWED_CHARS,
                                                   ALLOWED_PUNCTUATION] + [name for name, _kind, _reason in _MINIMUMS])


def invalid_password(reason):
    return ServiceFault('account.INVALID_PASSWORD', f'invalid password: {reason}')


def _policy_int(attrs, name):
    """The attribute as an int (0 when absent or not a number); attrs keyed by lowercase name (see _by_lower)."""
    values = attrs.get(name.lower())
    try:
        return int(values[0]) if values else 0
    except ValueError:
        return 0


def _by_lower(attrs):
    """The attributes by lowercase name, the first of names that differ only in case winning."""
    lowered = {}
    for key, values in attrs.items():
        lowered.setdefault(key.lower(), values)
    return lowered


def _pattern(attrs, name):
    """The policy's regular expression (Python's re standing in for Java's), None when unset; one that does not
    compile refuses every password, as Carbonio's PatternSyntaxException does."""
    values = attrs.get(name.lower())
    if not values:
        return None
    try:
        return re.compile(values[0])
    except re.error as exc:
        raise invalid_password(f'{name} is not valid regex: {exc}') from None


def _counts(password, allowed=None, punctuation=None):
    counts = dict.fromkeys(('upper', 'lower', 'numeric', 'punctuation', 'alpha'), 0)
    for char in password:
        if allowed is not None and not allowed.fullmatch(char):
            raise invalid_password(f'{char} is not an allowed character')
        if char.isupper():
            counts['upper'] += 1
        elif char.islower():
            counts['lower'] += 1
        elif char.isdecimal():
            counts['numeric'] += 1
            continue
        elif punctuation is not None:  # zimbraPasswordAllowedPunctuationChars replaces the ASCII punctuation
            if punctuation.fullmatch(char):
                counts['punctuation'] += 1
                continue
        elif char in string.punctuation:  # Carbonio's isAsciiPunc: exactly the ASCII punctuation
            counts['punctuation'] += 1
            continue
        counts['alpha'] += 1  # as in Carbonio: any character that is neither a digit nor punctuation
    counts['numeric_or_punctuation'] = counts['numeric'] + counts['punctuation']
    return counts


def _personal_data(account):
    """LP.validatePasswordEntropyForPersonalData's dictionary: sn, cn (whole, without spaces and split on spaces),
    initials, the domain (whole and split; Carbonio's class `+-_` is a range, kept as written) and the parts of
    `mail` without its top-level domain."""
    first = {name: (account.first(name) or '') for name in ('sn', 'cn', 'initials', 'mail')}
    domain = domain_of_dn(account.dn)
    common = first['cn'].lower()
    email_parts = re.split(r'[@._]', first['mail'])[:-1]
    return ([first['sn'].lower(), common, common.replace(' ', ''), first['initials'].lower(), domain.lower()]
            + email_parts + common.split(' ') + re.split(r'[\s@&.?$+-_]+', domain))


def check_password(attrs, password, account=None):
    """Raise INVALID_PASSWORD as LP.checkPasswordStrength does. `attrs` holds the policy attributes (the account's
    with its COS defaults applied, or the entry being created); the personal-data rule needs an existing `account`.
    Not imitated: common-password blocking (off by default). The allowed-characters regexes are Java's in Carbonio,
    Python's here."""
    attrs = _by_lower(attrs)
    minimum, maximum = _policy_int(attrs, 'zimbraPasswordMinLength'), _policy_int(attrs, 'zimbraPasswordMaxLength')
    if minimum > 0 and len(password) < minimum:
        raise invalid_password('too short')
    if maximum > 0 and len(password) > maximum:
        raise invalid_password('too long')
    allowed = _pattern(attrs, ALLOWED_CHARS)
    if account is not None:
        lowered = password.lower()
        for part in _personal_data(account):
            if len(part) > 2 and (lowered in part or part in lowered):
                raise invalid_password(f'password contains username or other personal data: {part}')
    counts = _counts(password, allowed, _pattern(attrs, ALLOWED_PUNCTUATION))
    for name, kind, reason in _MINIMUMS:
        if counts[kind] < _policy_int(attrs, name):
            raise invalid_password(reason)


def validity_value(account):
    """zimbraAuthTokenValidityValue as the generated getter reads it: -1 when absent."""
    return int(account.first('zimbraAuthTokenValidityValue', '-1'))


def password_changed(account):
    """The attribute changes of a password change (LP.setPassword): modified time, must-change cleared, and the
    validity value bumped (wrapping to 0), which invalidates every token of the account."""
    value = validity_value(account)
    changes = {'zimbraPasswordModifiedTime': [(ldap3.MODIFY_REPLACE, [gentime_now()])],
               'zimbraAuthTokenValidityValue': [(ldap3.MODIFY_REPLACE, [str(0 if value == INT_MAX else value + 1)])]}
    if account.values('zimbraPasswordMustChange'):
        changes['zimbraPasswordMustChange'] = [(ldap3.MODIFY_DELETE, [])]
    return changes
