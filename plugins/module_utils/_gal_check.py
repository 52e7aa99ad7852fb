# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: carbonio_gal's check_external, before anything is written.

Two checks of the external directory settings as they would be after the task: from where the module runs, a bind
and the configured search with ldap3 (the number of entries found and a few of their names), and from Carbonio,
CheckGalConfigRequest with the same values, whose check.* code names what Carbonio could not do. Each failure is a
ValueError whose message names the option to fix; the bind password is in no message.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import re
import ssl

try:
    import ldap3
    from ldap3.core import exceptions as ldap_errors
    HAS_LDAP3 = True
except ImportError:  # only check_external needs it
    HAS_LDAP3 = False

SAMPLE = 5
TIMEOUT = 15
# an assertion on what users type, (cn=*%s*), becomes a presence test when the check searches for everyone
_TYPED_RE = re.compile(r'\(([^()=~<>]+)=[^()]*%s[^()]*\)')
# Carbonio's answers (ldap/Check.java, LdapProvisioning.toResult) and the options each points at; any failure it does
# not tell apart, a search base that does not exist included, is check.AUTH_FAILED
CHECK_FIELDS = {
    'check.UNKNOWN_HOST': 'ldap_urls', 'check.CONNECTION_REFUSED': 'ldap_urls', 'check.COMMUNICATION_FAILURE': 'ldap_urls or start_tls',
    'check.SSL_HANDSHAKE_FAILURE': 'ldap_urls', 'check.AUTH_FAILED': 'bind_dn, bind_password or search_base',
    'check.INVALID_SEARCH_FILTER': 'search_filter', 'check.NAME_NOT_FOUND': 'search_base',
}


def filter_definitions(config):
    """{name: filter} of the global zimbraGalLdapFilterDef (name:filter values)."""
    definitions = {}
    for value in config.get('zimbraGalLdapFilterDef') or []:
        name, _sep, text = value.partition(':')
        definitions[name] = text
    return definitions


def _first(attrs, attribute):
    values = attrs.get(attribute) or []
    return values[0] if values else None


def profiles(attrs, config):
    """(label, option prefix, {urls, base, bind_dn, password, filter, mechanism, start_tls}) of what is checked: the
    search settings, and the sync settings when any differs (each unset one falls back to the search value)."""
    definitions = filter_definitions(config)

    def profile(prefix):
        def value(suffix):
            return _first(attrs, prefix + suffix) or _first(attrs, 'zimbraGalLdap' + suffix)
        flt = value('Filter') or ''
        return dict(urls=attrs.get(prefix + 'URL') or attrs.get('zimbraGalLdapURL') or [], base=value('SearchBase') or '',
                    bind_dn=value('BindDn'), password=value('BindPassword'), filter=definitions.get(flt, flt),
                    mechanism=value('AuthMech') or ('simple' if value('BindDn') else 'none'),
                    start_tls=value('StartTlsEnabled') == 'TRUE')
    checked = [('search', '', 'zimbraGalLdap', profile('zimbraGalLdap'))]
    if any(attribute.startswith('zimbraGalSyncLdap') and values for attribute, values in attrs.items()):
        checked.append(('sync', 'sync_', 'zimbraGalSyncLdap', profile('zimbraGalSyncLdap')))
    return checked


def expand(flt, query):
    """The filter Carbonio runs for `query` (%s), or for everyone when the query is empty."""
    if not query:
        flt = _TYPED_RE.sub(r'(\1=*)', flt)
    return flt.replace('%s', ldap3.utils.conv.escape_filter_chars(query) if query else '*').replace('%u', '*').replace('%d', '*').replace('%D', '*')


def check_external(client, attrs, config, query, ca_path=None):
    """{search: {entries, sample, carbonio}, sync: ...} for the settings as they would be; ValueError naming the option.
    ca_path: the CA bundle the directory's certificate is checked against (default the system's trusted roots)."""
    if not HAS_LDAP3:
        raise ValueError('needs the Python library ldap3 where the module runs (pip install ldap3)')
    results = {}
    for label, prefix, attribute_prefix, profile in profiles(attrs, config):
        if not profile['urls']:
            raise ValueError('%sldap_urls: no external directory to check' % prefix)
        if not profile['filter']:
            raise ValueError('%ssearch_filter: no filter to check with' % prefix)
        found = _search(profile, prefix, query, ca_path)
        found['carbonio'] = _ask_carbonio(client, attrs, profile, prefix, attribute_prefix, label, query)
        results[label] = found
    return results


def _server(url, prefix, ca_path=None):
    """The server of one URL; over ldaps:// or StartTLS its certificate is checked against ca_path or the system's
    trusted roots (as Carbonio checks it against its own), never taken on trust."""
    try:
        return ldap3.Server(url, connect_timeout=TIMEOUT, get_info=ldap3.NONE,
                            tls=ldap3.Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=ca_path))
    except ldap_errors.LDAPException as exc:
        raise ValueError('%sldap_urls: %s: %s' % (prefix, url, exc))


def _connect(profile, prefix, ca_path):
    """A bound connection to the first server that answers."""
    failures = []
    for url in profile['urls']:
        user, password = (profile['bind_dn'], profile['password']) if profile['mechanism'] == 'simple' else (None, None)
        connection = ldap3.Connection(_server(url, prefix, ca_path), user=user, password=password, receive_timeout=TIMEOUT,
                                      authentication=ldap3.SIMPLE if user else ldap3.ANONYMOUS, raise_exceptions=True)
        try:
            connection.open()
        except ldap_errors.LDAPException as exc:
            failures.append('%s: %s' % (url, _reason(exc)))
            continue
        if profile['start_tls']:
            try:
                connection.start_tls()
            except (ldap_errors.LDAPException, ssl.SSLError) as exc:
                raise ValueError('%sstart_tls: StartTLS with %s failed (%s); its certificate is checked against %s'
                                 % (prefix, url, _reason(exc), 'check_ca_path' if ca_path else 'the system\'s trusted roots (see check_ca_path)'))
        try:
            connection.bind()
        except ldap_errors.LDAPInvalidCredentialsResult:
            raise ValueError('%sbind_dn or %sbind_password: %s refused the bind of %s (invalid credentials)'
                             % (prefix, prefix, url, profile['bind_dn']))
        except ldap_errors.LDAPException as exc:
            raise ValueError('%sauth_mechanism: %s refused the bind: %s' % (prefix, url, _reason(exc)))
        return connection
    raise ValueError('%sldap_urls: no server answers (%s)' % (prefix, '; '.join(failures)))


def _reason(exc):
    text = str(exc) or exc.__class__.__name__
    return text.replace('socket connection error while opening: ', '')


def _search(profile, prefix, query, ca_path):
    connection = _connect(profile, prefix, ca_path)
    try:
        flt = expand(profile['filter'], query)
        try:
            entries = connection.extend.standard.paged_search(profile['base'], flt, attributes=['cn', 'displayName', 'mail'],
                                                              paged_size=500, generator=True)
            found = [entry for entry in entries if entry.get('type') == 'searchResEntry']
        except ldap_errors.LDAPNoSuchObjectResult:
            raise ValueError('%ssearch_base: %s does not exist in the external directory' % (prefix, profile['base']))
        except ldap_errors.LDAPInvalidFilterError as exc:
            raise ValueError('%ssearch_filter: %s does not parse: %s' % (prefix, flt, exc))
        except ldap_errors.LDAPException as exc:
            raise ValueError('%ssearch_filter: the search under %s failed: %s' % (prefix, profile['base'], _reason(exc)))
    finally:
        with contextlib.suppress(ldap_errors.LDAPException):
            connection.unbind()  # a connection the server or a failed handshake closed has nothing to unbind
    if not found:
        raise ValueError('%ssearch_filter: %s found no entry under %s' % (prefix, flt, profile['base']))
    return dict(entries=len(found), filter=flt, sample=[_name(entry) for entry in found[:SAMPLE]])


def _name(entry):
    attributes = entry.get('attributes') or {}
    for attribute in ('displayName', 'cn', 'mail'):
        value = attributes.get(attribute)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            return value
    return entry.get('dn')


def _ask_carbonio(client, attrs, profile, prefix, attribute_prefix, label, query):
    """Carbonio's own check of the same values (its check.* code); a code other than check.OK names the option."""
    values = [('zimbraGalMode', 'ldap')]
    for attribute, value_list in sorted(attrs.items()):
        if attribute.startswith(('zimbraGalLdap', 'zimbraGalSyncLdap')) and attribute != 'zimbraGalLdapFilterDef':
            values += [(attribute, value) for value in value_list]
    body = {'a': [{'n': name, '_content': value} for name, value in values],
            'query': {'limit': SAMPLE, '_content': query}, 'action': {'_content': label}}
    response = client.soap('CheckGalConfigRequest', body)
    code = _text(response.get('code'))
    if code != 'check.OK':
        # the message is a Java stack trace: its first line says what failed
        message = (_text(response.get('message')) or '').strip().splitlines()
        fields = CHECK_FIELDS.get(code, 'ldap_urls')
        if prefix:
            fields = ', '.join(prefix + field for field in fields.replace(' or ', ', ').split(', '))
        raise ValueError('%s: Carbonio\'s own check of the external directory answered %s%s' % (
            fields, code, ' (%s)' % message[0] if message else ''))
    return code


def _text(node):
    if isinstance(node, list):
        node = node[0] if node else None
    if isinstance(node, dict):
        return node.get('_content')
    return node
