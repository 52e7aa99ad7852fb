# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domain's GAL settings: the forms of their values, the checks of the settings as a whole, what check_external runs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ssl

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._gal import consistency_problems, gal_spec
from ansible_collections.carbonio.admin.plugins.module_utils._gal_check import _server, expand, filter_definitions, profiles
from ansible_collections.carbonio.admin.plugins.module_utils._objects.gal import GAL

DEFINITIONS = {'ad': '(&(|(cn=%s*)(mail=%s*))(objectclass=user))', 'zimbraAccounts': '(objectclass=zimbraAccount)'}


def parse(**given):
    params = dict((name, spec.get('default')) for name, spec in gal_spec().items())
    params.update(given)
    return GAL.parse(params)[0]


@pytest.mark.parametrize('given, wire', [
    (dict(mode='internal'), {'zimbraGalMode': ['zimbra']}),
    (dict(mode='external'), {'zimbraGalMode': ['ldap']}),
    (dict(ldap_urls=['ldap://ldap.example.com', 'ldaps://[::1]:636/']), {'zimbraGalLdapURL': ['ldap://ldap.example.com', 'ldaps://[::1]:636/']}),
    (dict(search_base='ou=people,dc=example,dc=com'), {'zimbraGalLdapSearchBase': ['ou=people,dc=example,dc=com']}),
    (dict(bind_dn='cn=Reader\\, GAL+uid=r,dc=example'), {'zimbraGalLdapBindDn': ['cn=Reader\\, GAL+uid=r,dc=example']}),
    (dict(search_filter='ad'), {'zimbraGalLdapFilter': ['ad']}),
    (dict(sync_search_filter='(objectClass=person)'), {'zimbraGalSyncLdapFilter': ['(objectClass=person)']}),
    (dict(auth_mechanism='simple', start_tls=True, page_size=500),
     {'zimbraGalLdapAuthMech': ['simple'], 'zimbraGalLdapStartTlsEnabled': ['TRUE'], 'zimbraGalLdapPageSize': ['500']}),
])
def test_options_become_wire_values(given, wire):
    assert parse(**given) == wire


@pytest.mark.parametrize('given, message', [
    (dict(mode='ldap'), 'mode: expected one of internal, external, both'),
    (dict(ldap_urls=['http://ldap.example.com']), "ldap_urls[0]: 'http://ldap.example.com' is not an LDAP server URL"),
    (dict(ldap_urls=['ldap://ldap.example.com/ou=x']), 'ldap_urls[0]:'),
    (dict(ldap_urls=['ldap://ldap.example.com:99999']), 'ldap_urls[0]: port 99999 is out of range'),
    (dict(search_base='people'), "search_base: 'people' is not a distinguished name"),
    (dict(bind_dn='cn=a,,dc=b'), 'bind_dn:'),
    (dict(search_filter='(&(cn=*%s*)(objectClass=person)'), 'search_filter: the filter (&(cn=*%s*)(objectClass=person) does not parse'),
    (dict(autocomplete_filter='cn=%s'), 'autocomplete_filter: the filter cn=%s does not parse'),
    (dict(auth_mechanism='kerberos'), 'auth_mechanism: must be one of none, simple, kerberos5'),
    (dict(page_size='lots'), 'page_size:'),
    (dict(sync_ldap_urls=['ldap//x']), 'sync_ldap_urls[0]:'),
])
def test_bad_values_are_refused_naming_the_option(given, message):
    with pytest.raises(ValueError) as refused:
        parse(**given)
    assert message in str(refused.value)


@pytest.mark.parametrize('attrs, problems', [
    ({'zimbraGalMode': ['ldap']}, ["ldap_urls: required when mode is external or both (the external directory's servers)"]),
    ({'zimbraGalMode': ['both'], 'zimbraGalLdapURL': ['ldap://x'], 'zimbraGalLdapAuthMech': ['simple']},
     ['bind_dn: required when auth_mechanism is simple', 'bind_password: required when auth_mechanism is simple',
      'sync_bind_dn: required when sync_auth_mechanism is simple', 'sync_bind_password: required when sync_auth_mechanism is simple']),
    # the sync settings fall back to the search ones
    ({'zimbraGalSyncLdapAuthMech': ['simple'], 'zimbraGalLdapBindDn': ['cn=r'], 'zimbraGalLdapBindPassword': ['s']}, []),
    ({'zimbraGalLdapFilter': ['adx']},
     ['search_filter: adx names no filter of the global zimbraGalLdapFilterDef; give a filter, or one of ad, zimbraAccounts']),
    ({'zimbraGalMode': ['zimbra'], 'zimbraGalLdapFilter': ['ad']}, []),
])
def test_the_settings_as_they_would_be_are_checked_as_a_whole(attrs, problems):
    assert consistency_problems(attrs, DEFINITIONS) == problems


def test_check_external_checks_the_sync_settings_only_when_one_is_set():
    config = {'zimbraGalLdapFilterDef': ['ad:' + DEFINITIONS['ad']]}
    attrs = {'zimbraGalLdapURL': ['ldap://a'], 'zimbraGalLdapSearchBase': ['dc=a'], 'zimbraGalLdapFilter': ['ad'],
             'zimbraGalLdapBindDn': ['cn=r'], 'zimbraGalLdapBindPassword': ['s']}
    checked = profiles(attrs, config)
    assert [label for label, _prefix, _attribute_prefix, _profile in checked] == ['search']
    assert checked[0][3] == dict(urls=['ldap://a'], base='dc=a', bind_dn='cn=r', password='s', filter=DEFINITIONS['ad'],
                                 mechanism='simple', start_tls=False)
    checked = profiles(dict(attrs, zimbraGalSyncLdapSearchBase=['ou=sync,dc=a']), config)
    assert [(label, prefix) for label, prefix, _attribute_prefix, _profile in checked] == [('search', ''), ('sync', 'sync_')]
    assert checked[1][3]['base'] == 'ou=sync,dc=a' and checked[1][3]['urls'] == ['ldap://a']
    assert filter_definitions(config) == {'ad': DEFINITIONS['ad']}


def test_the_check_searches_for_everyone_or_for_the_query():
    flt = '(&(|(cn=*%s*)(mail=%s*))(objectClass=person))'
    assert expand(flt, '') == '(&(|(cn=*)(mail=*))(objectClass=person))'
    assert expand(flt, 'ada(x)') == '(&(|(cn=*ada\\28x\\29*)(mail=ada\\28x\\29*))(objectClass=person))'


@pytest.mark.parametrize('url', ['ldaps://ldap.example.com:636', 'ldap://ldap.example.com'])
def test_the_directory_certificate_is_checked_not_taken_on_trust(url):
    server = _server(url, '')
    assert server.tls.validate == ssl.CERT_REQUIRED
    assert server.ssl == url.startswith('ldaps')
