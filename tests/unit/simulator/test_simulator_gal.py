"""CheckGalConfig against a real company directory (a second slapd): the check.* codes Carbonio answers for a good
configuration and for each kind of mistake, and the faults for a request it refuses (api-objects doc 10)."""

from __future__ import annotations

import re

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


# ---- GAL sync accounts

def gal_account(sim, name, domain, server='mail.carbonio.test', gal_type='zimbra', folder=None, polling='1d', request='CreateGalSyncAccountRequest'):
    body = dict(name=name, domain=domain, type=gal_type, account={'by': 'name', '_content': 'galsync@' + domain},
                a=[{'n': 'zimbraDataSourcePollingInterval', '_content': polling}])
    if request == 'CreateGalSyncAccountRequest':
        body['server'] = server
    if folder:
        body['folder'] = folder
    return sim.soap(request, **body)


def account_id(answer, response='CreateGalSyncAccountResponse'):
    return ok(answer)[response]['account'][0]['id']


def sources(sim, zimbra_id):
    return ok(sim.soap('GetDataSourcesRequest', id=zimbra_id))['GetDataSourcesResponse'].get('dataSource', [])


def test_a_gal_sync_account_is_a_hidden_system_account_with_one_data_source(sim):
    ok(sim.soap('CreateDomainRequest', name='sync.gal.test'))
    zimbra_id = account_id(gal_account(sim, 'InternalGal', 'sync.gal.test'))
    found = ok(sim.soap('GetAccountRequest', account={'by': 'id', '_content': zimbra_id}))['GetAccountResponse']['account'][0]
    attrs = {attr['n']: attr['_content'] for attr in found['a']}
    assert (attrs['zimbraIsSystemAccount'], attrs['zimbraIsSystemResource'], attrs['zimbraHideInGal']) == ('TRUE', 'TRUE', 'TRUE')
    assert attrs['zimbraMailHost'] == 'mail.carbonio.test'
    domain = ok(sim.soap('GetDomainRequest', domain={'by': 'name', '_content': 'sync.gal.test'}))['GetDomainResponse']['domain'][0]
    assert zimbra_id in [attr['_content'] for attr in domain['a'] if attr['n'] == 'zimbraGalAccountId']
    (source,) = sources(sim, zimbra_id)
    assert (source['name'], source['type']) == ('InternalGal', 'gal')
    assert source['_attrs']['zimbraDataSourceFolderId'] == '7' and source['_attrs']['zimbraGalType'] == 'zimbra'
    assert source['_attrs']['zimbraDataSourcePollingInterval'] == '1d' and source['_attrs']['zimbraGalStatus'] == 'enabled'


def test_the_same_account_again_is_reused_and_its_folder_rules_apply(sim):
    ok(sim.soap('CreateDomainRequest', name='reuse.gal.test'))
    zimbra_id = account_id(gal_account(sim, 'InternalGal', 'reuse.gal.test'))
    # the same name again: the account is reused, its folder is taken
    assert fault(gal_account(sim, 'Again', 'reuse.gal.test')) == (
        'mail.ALREADY_EXISTS', 'object with that name already exists: data source InternalGal already contains folder /Contacts')
    assert account_id(gal_account(sim, 'ExternalGal', 'reuse.gal.test', gal_type='ldap', folder='_ExternalGal')) == zimbra_id
    assert sorted(source['name'] for source in sources(sim, zimbra_id)) == ['ExternalGal', 'InternalGal']
    assert account_id(gal_account(sim, 'Third', 'reuse.gal.test', folder='_Third', request='AddGalSyncDataSourceRequest'),
                      'AddGalSyncDataSourceResponse') == zimbra_id


def test_one_new_gal_sync_account_per_domain_and_server(sim):
    ok(sim.soap('CreateDomainRequest', name='one.gal.test'))
    gal_account(sim, 'InternalGal', 'one.gal.test')
    other = dict(name='Other', domain='one.gal.test', type='zimbra', server='mail.carbonio.test',
                 account={'by': 'name', '_content': 'other@one.gal.test'})
    assert fault(sim.soap('CreateGalSyncAccountRequest', **other)) == ('account.ACCOUNT_EXISTS', 'email address already exists: galsync@one.gal.test')
    assert fault(sim.soap('CreateGalSyncAccountRequest', **dict(other, server='nowhere.carbonio.test'))) == (
        'account.NO_SUCH_SERVER', 'no such server: nowhere.carbonio.test')


def test_polling_interval_below_a_minute_is_refused_and_a_data_source_is_modified_and_deleted(sim):
    ok(sim.soap('CreateDomainRequest', name='poll.gal.test'))
    assert fault(gal_account(sim, 'InternalGal', 'poll.gal.test', polling='30s')) == (
        'service.INVALID_REQUEST', 'invalid request: Polling interval 30s for zimbraDataSourcePollingInterval is shorter than the allowed minimum of 1m.')
    zimbra_id = account_id(gal_account(sim, 'InternalGal', 'poll.gal.test'))
    (source,) = sources(sim, zimbra_id)
    ok(sim.soap('ModifyDataSourceRequest', id=zimbra_id, dataSource={'id': source['id'], 'a': [{'n': 'zimbraDataSourcePollingInterval', '_content': '12h'}]}))
    assert sources(sim, zimbra_id)[0]['_attrs']['zimbraDataSourcePollingInterval'] == '12h'
    assert fault(sim.soap('ModifyDataSourceRequest', id=zimbra_id, dataSource={'id': 'nope', 'a': []})) == (
        'service.INVALID_REQUEST', 'invalid request: Cannot find data source with id=nope')
    assert fault(sim.soap('DeleteDataSourceRequest', id=zimbra_id, dataSource={'id': 'nope'})) == (
        'service.FAILURE', 'system failure: unable to delete data source: nope')
    ok(sim.soap('DeleteDataSourceRequest', id=zimbra_id, dataSource={'id': source['id']}))
    assert sources(sim, zimbra_id) == []


def test_a_sync_imports_and_records_when_and_how(sim, company):
    ok(sim.soap('CreateDomainRequest', name='import.gal.test', a=[
        {'n': 'zimbraGalLdapURL', '_content': company['url']}, {'n': 'zimbraGalLdapSearchBase', '_content': company['base']},
        {'n': 'zimbraGalLdapBindDn', '_content': company['bind_dn']}, {'n': 'zimbraGalLdapBindPassword', '_content': company['bind_password']},
        {'n': 'zimbraGalLdapFilter', '_content': '(&(cn=*%s*)(objectClass=inetOrgPerson))'}]))
    zimbra_id = account_id(gal_account(sim, 'ExternalGal', 'import.gal.test', gal_type='ldap'))
    ok(sim.soap('SyncGalAccountRequest', account=[{'id': zimbra_id, 'datasource': [{'by': 'name', 'fullSync': True, '_content': 'ExternalGal'}]}]))
    (source,) = sources(sim, zimbra_id)
    assert re.fullmatch(r'\d{14}\.\d{3}Z', source['_attrs']['zimbraGalLastSuccessfulSyncTimestamp'])
    (record,) = [one for one in sim.control('GET', 'gal-syncs')['gal-syncs'] if one['account'] == 'galsync@import.gal.test']
    assert (record['kind'], record['ok'], record['contacts']) == ('full', True, company['people'])
    assert fault(sim.soap('SyncGalAccountRequest', account=[{'id': zimbra_id, 'datasource': [{'by': 'name', '_content': 'Nope'}]}])) == (
        'account.NO_SUCH_DATA_SOURCE', 'no such data source: Nope')


def test_one_gal_url_per_change(sim):
    urls = [{'n': 'zimbraGalLdapURL', '_content': 'ldap://a.corp.test'}, {'n': 'zimbraGalLdapURL', '_content': 'ldap://b.corp.test'}]
    assert fault(sim.soap('CreateDomainRequest', name='urls.gal.test', a=urls)) == (
        'service.INVALID_REQUEST', 'invalid request: zimbraGalLdapURL is a single-valued attribute')
    ok(sim.soap('CreateDomainRequest', name='urls.gal.test', a=urls[:1]))


def test_start_tls_is_checked_against_the_servers_trust_store(sim, company):
    assert code(check(sim, company, zimbraGalLdapStartTlsEnabled='TRUE')) == 'check.COMMUNICATION_FAILURE'
    with open(company['ca_path'], encoding='utf-8') as handle:
        sim.control('POST', 'trusted-roots', {'name': 'corp', 'pem': handle.read()})
    assert code(check(sim, company, zimbraGalLdapStartTlsEnabled='TRUE')) == 'check.OK'
