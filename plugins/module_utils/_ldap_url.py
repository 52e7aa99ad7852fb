# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the form of an LDAP URL (RFC 4516), of its search filter (RFC 4515) and of a DN (RFC 4514).

A dynamic list's member URL is stored by Carbonio as given and only read by slapd's dynlist overlay when the list
is read: a filter that does not parse makes a list with no members and no error. An external GAL's server URLs,
search base, bind DN and filters are stored as given too, and only fail when a user searches. The syntax is checked
here, on the managed node, with the standard library only (ldap3 is not a requirement of the modules that use them).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
from urllib.parse import unquote

LDAP_URL_FORM = ('an LDAP URL such as ldap:///??sub?(&(objectClass=zimbraAccount)(ou=sales)): '
                 'ldap://[host[:port]]/[base DN]?[attributes]?[base|one|sub]?(filter)')
SERVER_URL_FORM = 'an LDAP server URL such as ldap://ldap.example.com or ldaps://ldap.example.com:636'
DN_FORM = 'a distinguished name such as ou=people,dc=example,dc=com'
GAL_FILTER_FORM = ('an LDAP filter such as (&(|(cn=*%s*)(mail=*%s*))(objectClass=person)), %s standing for what users '
                   'type, or the name of a filter of the global zimbraGalLdapFilterDef such as ad')
SCOPES = ('', 'base', 'one', 'sub')
_SERVER_RE = re.compile(r'(ldaps?)://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::([0-9]{1,5}))?/?', re.I)
_RDN_RE = re.compile(r'\s*(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)+)\s*=(?:[^,+"\\]|\\.)*')
# what GAL filters may hold in place of a value, as Carbonio expands them (%s what users type, %u %d %D the user's names)
_GAL_PLACEHOLDER_RE = re.compile(r'%[sudD]')
_FILTER_DEF_NAME_RE = re.compile(r'[A-Za-z][A-Za-z0-9_.-]*')
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


def parse_server_url(value, field):
    """An LDAP server URL (ldap:// or ldaps://, a host, an optional port and nothing after it); ValueError naming field."""
    text = value.strip()
    match = _SERVER_RE.fullmatch(text)
    if not match:
        raise ValueError('%s: %r is not an LDAP server URL; expected %s' % (field, value, SERVER_URL_FORM))
    if match.group(3) and not 0 < int(match.group(3)) < 65536:
        raise ValueError('%s: port %s is out of range; expected %s' % (field, match.group(3), SERVER_URL_FORM))
    return text


def parse_dn(value, field):
    """A distinguished name: relative names attr=value separated by commas (escapes as RFC 4514)."""
    text = value.strip()
    for rdn in _split_unescaped(text, ','):
        if not all(_RDN_RE.fullmatch(part) for part in _split_unescaped(rdn, '+')):
            raise ValueError('%s: %r is not a distinguished name (%r is not attribute=value); expected %s' % (field, value, rdn.strip(), DN_FORM))
    return text


def _split_unescaped(text, separator):
    parts, start, at = [], 0, 0
    while at < len(text):
        if text[at] == '\\':
            at += 2
            continue
        if text[at] == separator:
            parts.append(text[start:at])
            start = at + 1
        at += 1
    parts.append(text[start:])
    return parts


def parse_gal_filter(value, field):
    """A GAL search filter (placeholders such as %s allowed where values go) or the name of a global filter definition."""
    text = value.strip()
    if _FILTER_DEF_NAME_RE.fullmatch(text):
        return text
    problem = check_filter(_GAL_PLACEHOLDER_RE.sub('x', text))
    if problem:
        raise ValueError('%s: the filter %s does not parse (%s); expected %s' % (field, text, problem, GAL_FILTER_FORM))
    return text
