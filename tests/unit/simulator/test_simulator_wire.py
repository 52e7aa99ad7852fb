"""The simulator seen from outside, as users run it: its command line, ready line, wire format, faults,
request log, validation of attribute writes, paging, and data kept across a restart on the same data dir."""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
from simulator_process import SimulatorProcess  # noqa: E402 pylint: disable=wrong-import-position

PASSWORD = 'Sim-Test-Passw0rd'


def domain_id(sim, name):
    """Create the domain unless it exists (tests may run in any order, on any xdist worker); its id."""
    _status, body = sim.soap('CreateDomainRequest', name=name)
    if 'Fault' in body['Body']:
        _status, body = sim.soap('GetDomainRequest', domain={'by': 'name', '_content': name})
        return body['Body']['GetDomainResponse']['domain'][0]['id']
    return body['Body']['CreateDomainResponse']['domain'][0]['id']


def fault_code(body):
    return body['Body']['Fault']['Detail']['Error']['Code']


def attrs(pairs):
    return [{'n': name, '_content': value} for name, value in pairs]


@pytest.fixture(scope='module')
def sim(tmp_path_factory):
    simulator = SimulatorProcess(tmp_path_factory.mktemp('sim'), PASSWORD)
    yield simulator
    simulator.stop()


def test_ready_line_names_everything_a_user_needs(sim):
    for key in ('url', 'ca_path', 'admin_user', 'request_log', 'control_url'):
        assert sim.ready[key]
    assert sim.ready['url'].startswith('https://127.0.0.1:')
    assert sim.ready['url'].endswith('/service/admin/soap/')


@pytest.mark.parametrize('content_type', ['application/json', 'application/x-www-form-urlencoded'])
def test_auth_account_element_form_with_format_header(sim, content_type):
    """Other Zimbra clients send the account element form, a format element and urllib's content type."""
    status, body = sim.post({
        'Header': {'context': {'_jsns': 'urn:zimbra', 'format': {'type': 'js'}}},
        'Body': {'AuthRequest': {'_jsns': 'urn:zimbraAdmin', 'account': {'by': 'name', '_content': sim.ready['admin_user']},
                                 'password': {'_content': PASSWORD}}}}, content_type=content_type)
    assert status == 200
    assert body['Body']['AuthResponse']['authToken'][0]['_content']
    # a plain JSON number of milliseconds, as Carbonio's JSONElement keeps a long attribute (api doc 13.4)
    lifetime = body['Body']['AuthResponse']['lifetime']
    assert isinstance(lifetime, int) and not isinstance(lifetime, bool) and lifetime > 0


def test_wrong_password_is_a_sender_fault_with_http_500(sim):
    status, body = sim.post({'Body': {'AuthRequest': {'_jsns': 'urn:zimbraAdmin', 'name': sim.ready['admin_user'],
                                                      'password': 'wrong'}}})
    assert status == 500
    assert fault_code(body) == 'account.AUTH_FAILED'
    assert body['Body']['Fault']['Code']['Value'] == 'soap:Sender'


def test_request_without_token_needs_auth(sim):
    status, body = sim.post({'Body': {'GetAllDomainsRequest': {'_jsns': 'urn:zimbraAdmin'}}})
    assert status == 500
    assert fault_code(body) == 'service.AUTH_REQUIRED'


def test_domain_lifecycle_and_faults(sim):
    status, body = sim.soap('CreateDomainRequest', name='wire.sim.test', a=attrs([('zimbraDomainMaxAccounts', '5')]))
    assert status == 200
    domain = body['Body']['CreateDomainResponse']['domain'][0]
    assert domain['name'] == 'wire.sim.test'
    status, body = sim.soap('CreateDomainRequest', name='wire.sim.test')
    assert (status, fault_code(body)) == (500, 'account.DOMAIN_EXISTS')
    status, body = sim.soap('GetDomainRequest', domain={'by': 'name', '_content': 'WIRE.sim.test'})
    assert body['Body']['GetDomainResponse']['domain'][0]['id'] == domain['id']
    status, body = sim.soap('GetDomainRequest', domain={'by': 'name', '_content': 'missing.sim.test'})
    assert fault_code(body) == 'account.NO_SUCH_DOMAIN'
    sim.soap('CreateAccountRequest', name='someone@wire.sim.test', password='Some-Passw0rd')
    status, body = sim.soap('DeleteDomainRequest', id=domain['id'])
    assert (status, fault_code(body)) == (500, 'account.DOMAIN_NOT_EMPTY')


@pytest.mark.parametrize('pairs, code', [
    ([('zimbraNoSuchAttribute', 'x')], 'account.INVALID_ATTR_NAME'),
    ([('zimbraDomainMaxAccounts', '-1')], 'account.INVALID_ATTR_VALUE'),
    ([('zimbraDomainStatus', 'retired')], 'account.INVALID_ATTR_VALUE'),
    ([('zimbraGalLdapStartTlsEnabled', 'true')], 'account.INVALID_ATTR_VALUE'),
    ([('zimbraMailDomainQuota', '1G')], 'account.INVALID_ATTR_VALUE'),
    ([('zimbraDomainMaxAccounts', '1'), ('zimbraDomainMaxAccounts', '2')], 'account.INVALID_ATTR_VALUE'),
    ([('zimbraId', 'a3c35d40-1c1c-4c4c-8c8c-000000000001')], 'service.INVALID_REQUEST'),
    ([('zimbraDomainMaxAccounts', '1'), ('+zimbraDomainMaxAccounts', '2')], 'service.INVALID_REQUEST'),
])
def test_modify_domain_validates_like_carbonio(sim, pairs, code):
    status, body = sim.soap('ModifyDomainRequest', id=domain_id(sim, 'validate.sim.test'), a=attrs(pairs))
    assert status == 500
    assert fault_code(body) == code


def test_batch_items_logged_and_answered_per_request_id(sim):
    domain_id(sim, 'batch.sim.test')
    status, body = sim.soap('BatchRequest', onerror='continue', GetDomainRequest=[
        {'_jsns': 'urn:zimbraAdmin', 'requestId': 'found', 'domain': {'by': 'name', '_content': 'batch.sim.test'}},
        {'_jsns': 'urn:zimbraAdmin', 'requestId': 'missing', 'domain': {'by': 'name', '_content': 'nope.sim.test'}}])
    assert status == 200
    batch = body['Body']['BatchResponse']
    assert [item['requestId'] for item in batch['GetDomainResponse']] == ['found']
    assert [(item['requestId'], item['Detail']['Error']['Code']) for item in batch['Fault']] == [('missing', 'account.NO_SUCH_DOMAIN')]
    logged = [line for line in sim.log() if line['request'] == 'GetDomainRequest' and line['batch']]
    assert len(logged) >= 2


def test_search_directory_paging_and_count(sim):
    domain_id(sim, 'search.sim.test')
    for number in range(8):
        sim.soap('CreateAccountRequest', name=f'user{number}@search.sim.test')
    query = {'domain': 'search.sim.test', 'types': 'accounts', 'sortBy': 'name', 'attrs': 'zimbraMailStatus'}
    _status, body = sim.soap('SearchDirectoryRequest', countOnly=1, **query)
    assert int(body['Body']['SearchDirectoryResponse']['num']) == 8
    names = []
    for offset in (0, 3, 6):
        _status, body = sim.soap('SearchDirectoryRequest', limit=3, offset=offset, **query)
        page = body['Body']['SearchDirectoryResponse']
        names += [account['name'] for account in page.get('account', [])]
        assert bool(page['more']) == (offset < 6)
    assert len(names) == 8 and names == sorted(names)
    _status, body = sim.soap('SearchDirectoryRequest', query='(uid=user3)', **query)
    assert [a['name'] for a in body['Body']['SearchDirectoryResponse']['account']] == ['user3@search.sim.test']


def test_transport_fault_then_recovery(sim):
    if sim.token is None:
        sim.login()
    request = urllib.request.Request(sim.ready['control_url'] + 'faults', method='POST',
                                     data=json.dumps({'kind': 'unavailable', 'request': 'GetAllCosRequest',
                                                      'times': 1, 'retry_after': 7}).encode())
    with urllib.request.urlopen(request, context=sim.ssl, timeout=30):
        pass
    first = urllib.request.Request(sim.ready['url'], method='POST', data=json.dumps({
        'Header': {'context': {'_jsns': 'urn:zimbra', 'authToken': {'_content': sim.token}}},
        'Body': {'GetAllCosRequest': {'_jsns': 'urn:zimbraAdmin'}}}).encode())
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(first, context=sim.ssl, timeout=30)
    assert refused.value.code == 503
    assert refused.value.headers['Retry-After'] == '7'
    status, body = sim.soap('GetAllCosRequest')
    assert status == 200
    assert {cos['name'] for cos in body['Body']['GetAllCosResponse']['cos']} >= {'default', 'defaultExternal'}


def test_data_survives_a_restart_and_stop_is_clean(tmp_path):
    first = SimulatorProcess(tmp_path, PASSWORD)
    first.soap('CreateDomainRequest', name='kept.sim.test')
    assert first.stop() == 0
    second = SimulatorProcess(tmp_path, PASSWORD)
    try:
        status, body = second.soap('GetDomainRequest', domain={'by': 'name', '_content': 'kept.sim.test'})
        assert status == 200
        assert body['Body']['GetDomainResponse']['domain'][0]['name'] == 'kept.sim.test'
    finally:
        assert second.stop() == 0


def test_gal_sync_account_is_hidden_and_recorded_on_its_domain(sim):
    domain_id(sim, 'gal.sim.test')
    request = {'name': 'internal-gal', 'domain': 'gal.sim.test', 'type': 'zimbra', 'server': 'mail.carbonio.test',
               'account': {'by': 'name', '_content': 'galsync@gal.sim.test'}}
    status, body = sim.soap('CreateGalSyncAccountRequest', **request)
    assert status == 200
    gal_id = body['Body']['CreateGalSyncAccountResponse']['account'][0]['id']
    _status, body = sim.soap('GetDomainRequest', domain={'by': 'name', '_content': 'gal.sim.test'}, attrs='zimbraGalAccountId')
    values = [a['_content'] for a in body['Body']['GetDomainResponse']['domain'][0]['a'] if a['n'] == 'zimbraGalAccountId']
    assert values == [gal_id]
    status, body = sim.soap('CreateGalSyncAccountRequest', **dict(request, account={'by': 'name', '_content': 'other@gal.sim.test'}))
    assert (status, fault_code(body)) == (500, 'account.ACCOUNT_EXISTS')
    status, body = sim.soap('DeleteGalSyncAccountRequest', account={'by': 'id', '_content': gal_id})
    assert status == 200
    _status, body = sim.soap('GetDomainRequest', domain={'by': 'name', '_content': 'gal.sim.test'}, attrs='zimbraGalAccountId')
    assert not [a for a in body['Body']['GetDomainResponse']['domain'][0].get('a', []) if a['n'] == 'zimbraGalAccountId']
