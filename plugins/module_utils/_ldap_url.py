# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the form of an LDAP URL (RFC 4516) and of its search filter (RFC 4515).

A dynamic list's member URL is stored by Carbonio as given and only read by slapd's dynlist overlay when the list
is read: a filter that does not parse makes a list with no members and no error. The syntax is checked here, on the
managed node, with the standard library only (ldap3 is not a requirement of the modules that manage lists).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
from urllib.parse import unquote

LDAP_URL_FORM = ('an LDAP URL such as ldap:///??sub?(&(objectClass=zimbraAccount)(ou=sales)): '
                 'ldap://[host[:port]]/[base DN]?[attributes]?[base|one|sub]?(filter)')
SCOPES = ('', 'base', 'one', 'sub')
_URL_RE = re.compile(r'(ldaps?|ldapi)://([^/?]*)(?:/([^?]*)(?:\?([^?]*)(?:\?([^?]*)(?:\?([^?]*)(?:\?(.*))?)?)?)?)?', re.I)
# an attribute description: a name or an OID, with options (cn;lang-en)
_ATTRIBUTE_RE = re.compile(r'(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)+)(?:;[A-Za-z0-9-]+)*')
_RULE_RE = re.compile(r'(?::dn)?(?::(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)+))?')
_ESCAPE_RE = re.compile(r'\\(?![0-9A-Fa-f]{2})')


def check_filter(text):
    """None when text is one RFC 4515 filter, else what is wrong, in a few words."""
    try:
        end = _filter(text, 0)
    except ValueError as exc:
        return str(exc)
    return None if end == len(text) else 'text after the filter at position %d' % end


def _filter(text, at):
    """Parse one parenthesised filter at ``at``; the position after it."""
    if text[at:at + 1] != '(':
        raise ValueError('expected ( at position %d' % at)
    at += 1
    op = text[at:at + 1]
    if op in ('&', '|'):
        at += 1
        if text[at:at + 1] != '(':
            raise ValueError('%s needs at least one filter at position %d' % (op, at))
        while text[at:at + 1] == '(':
            at = _filter(text, at)
    elif op == '!':
        at = _filter(text, at + 1)
    else:
        at = _item(text, at)
    if text[at:at + 1] != ')':
        raise ValueError('expected ) at position %d' % at)
    return at + 1


def _item(text, at):
    """attr=value, attr~=, >=, <=, attr=*, attr=*sub*string*, attr:dn:rule:=value; the position of its ')'."""
    close = text.find(')', at)
    if close < 0:
        raise ValueError('unclosed ( before position %d' % at)
    item = text[at:close]
    if '(' in item:
        raise ValueError('unescaped ( at position %d (write \\28)' % (at + item.index('(')))
    match = re.match(r'([^=~<>:]*)(:[^=]*)?(~=|>=|<=|:=|=)', item)
    if not match:
        raise ValueError('%r is not attribute, operator, value' % item)
    attribute, rule, operator = match.group(1), match.group(2), match.group(3)
    value = item[match.end():]
    if rule is not None and operator != ':=' and not (operator == '=' and rule.endswith(':')):
        raise ValueError('%r: a matching rule needs :=' % item)
    if operator == '=' and rule is not None:
        operator, rule = ':=', rule[:-1]
    if operator == ':=':
        if not (attribute or rule) or not _RULE_RE.fullmatch(rule or ''):
            raise ValueError('%r is not an extensible match (attr:dn:rule:=value)' % item)
    if attribute and not _ATTRIBUTE_RE.fullmatch(attribute):
        raise ValueError('%r is not an attribute name' % attribute)
    if not attribute and operator != ':=':
        raise ValueError('%r has no attribute name' % item)
    if '*' in value and operator != '=':
        raise ValueError('%r: * only with = (presence or substrings)' % item)
    bad = _ESCAPE_RE.search(value)
    if bad:
        raise ValueError('%r: \\ must be followed by two hexadecimal digits' % item)
    return close


def parse_ldap_url(value, field):
    """The URL if it is an LDAP URL whose scope is base, one or sub and whose filter parses; ValueError naming field."""
    text = value.strip()
    match = _URL_RE.fullmatch(text)
    if not match:
        raise ValueError('%s: %r is not an LDAP URL; expected %s' % (field, value, LDAP_URL_FORM))
    scope, flt = (match.group(5) or '').lower(), match.group(6)
    if scope not in SCOPES:
        raise ValueError('%s: scope %r is not base, one or sub; expected %s' % (field, match.group(5), LDAP_URL_FORM))
    if flt:
        problem = check_filter(unquote(flt))
        if problem:
            raise ValueError('%s: the filter %s does not parse (%s); expected %s' % (field, unquote(flt), problem, LDAP_URL_FORM))
    return text
