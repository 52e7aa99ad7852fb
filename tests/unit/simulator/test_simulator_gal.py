"""CheckGalConfig against a real company directory (a second slapd): the check.* codes Carbonio answers for a good
configuration and for each kind of mistake, and the faults for a request it refuses (api-objects doc 10)."""

from __future__ import annotations

import pytest

from soap_answers import fault, ok
from tests.simulator.company_directory import CompanyDirectory
from tests.simulator.slapd import free_port


@pytest.fixture(scope='module')
def company(tmp_path_factory):
    directory = CompanyDirectory(tmp_path_factory.mktemp('company'), count=40).start()
    yield directory.details
    directory.stop()


def check(sim, company, query='', action=None, **changes):
    values = {'zimbraGalMode': 'ldap', 'zimbraGalLdapURL': company['url'], 'zimbraGalLdapSearchBase': company['base'],
              'zimbraGalLdapBindDn': company['bind_dn'], 'zimbraGalLdapBindPassword': company['bind_password'],
              'zimbraGalLdapFilter': '(&(|(cn=*%s*)(mail=*%s*))(objectClass=inetOrgPerson))', 'zimbraGalLdapAuthMech': 'simple'}
    values.update(changes)
    body = dict(a=[{'n': name, '_content': value} for name, value in values.items() if value is not None],
                query={'limit': 3, '_content': query})
    if action:
        body['action'] = {'_content': action}
    return sim.soap('CheckGalConfigRequest', **body)


def code(answer):
    body = ok(answer)['CheckGalConfigResponse']
    return body['code'][0]['_content']


def test_a_good_configuration_finds_people(sim, company):
    body = ok(check(sim, company, query='ada'))['CheckGalConfigResponse']
    assert body['code'][0]['_content'] == 'check.OK'
    assert len(body['cn']) == 2  # ada.rossi0 and ada.bianchi20 among 40 people
    assert body['cn'][0]['id'] == 'uid=ada.rossi0,ou=people,dc=corp,dc=test'
    assert body['cn'][0]['_attrs'] == {'email': 'ada.rossi0@corp.test', 'fullName': 'Ada Rossi', 'firstName': 'Ada', 'lastName': 'Rossi'}
    everyone = ok(check(sim, company))['CheckGalConfigResponse']
    assert len(everyone['cn']) == 3  # the limit


@pytest.mark.parametrize('changes, expected', [
    (dict(zimbraGalLdapBindPassword='wrong'), 'check.AUTH_FAILED'),
    # Carbonio does not tell a missing search base apart from other failures
    (dict(zimbraGalLdapSearchBase='ou=nobody,dc=corp,dc=test'), 'check.AUTH_FAILED'),
    (dict(zimbraGalLdapFilter='(&(cn=*%s*)'), 'check.INVALID_SEARCH_FILTER'),
    (dict(zimbraGalLdapURL='ldap://127.0.0.1:%d' % free_port()), 'check.CONNECTION_REFUSED'),
    (dict(zimbraGalLdapAuthMech='kerberos5'), 'check.AUTH_FAILED'),
])
def test_each_mistake_has_its_code(sim, company, changes, expected):
    assert code(check(sim, company, **changes)) == expected


def test_sync_uses_its_own_settings_and_falls_back_to_the_search_ones(sim, company):
    assert code(check(sim, company, action='sync', zimbraGalSyncLdapFilter='(objectClass=inetOrgPerson)')) == 'check.OK'
    assert code(check(sim, company, action='sync', zimbraGalSyncLdapFilter='(objectClass=inetOrgPerson)',
                      zimbraGalSyncLdapBindPassword='wrong')) == 'check.AUTH_FAILED'


def test_a_filter_definition_name_is_resolved_from_the_global_configuration(sim, company):
    # zimbraAccounts looks for Carbonio's own object classes: a valid filter that finds nobody here
    body = ok(check(sim, company, zimbraGalLdapFilter='zimbraAccounts', query='ada'))['CheckGalConfigResponse']
    assert body['code'][0]['_content'] == 'check.OK' and 'cn' not in body


def test_a_failure_message_is_a_stack_trace(sim, company):
    body = ok(check(sim, company, zimbraGalLdapBindPassword='wrong'))['CheckGalConfigResponse']
    assert body['message'][0]['_content'].startswith('com.zimbra.cs.ldap.LdapException: ')


def test_an_empty_query_finds_everyone_and_no_query_looks_for_the_letter_s(sim, company):
    assert len(ok(check(sim, company, query=''))['CheckGalConfigResponse']['cn']) == 3


def test_what_carbonio_refuses_before_checking(sim, company):
    invalid = 'service.INVALID_REQUEST'
    assert fault(check(sim, company, zimbraGalMode=None)) == (invalid, 'invalid request: must specifiy: zimbraGalMode')
    assert fault(check(sim, company, zimbraGalMode='both')) == (invalid, 'invalid request: gal mode must be: ldap')
    assert fault(check(sim, company, zimbraGalLdapURL=None)) == (invalid, 'invalid request: must specifiy: zimbraGalLdapURL')
    assert fault(check(sim, company, zimbraGalLdapFilter=None)) == (invalid, 'invalid request: must specifiy: zimbraGalLdapFilter')
    assert fault(check(sim, company, action='lookup')) == (invalid, 'invalid request: invalid GAL op: lookup')
