# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the Carbonio HTTPS client (fake transport; one real HTTP round trip on loopback)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json
import socket
import ssl
import threading
import time

from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ansible.module_utils.six.moves.urllib.error import URLError
from ansible_collections.carbonio.admin.plugins.module_utils import _soap_client as soap_client_module
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import (
    BATCH_NOT_EXECUTED, BatchItem, CarbonioClient, CarbonioError, CarbonioFault, CarbonioOutcomeUnknown, CarbonioTransportError,
    TransportFailure, _classify, decode_attrs, encode_attrs,
)

URL = 'https://mail.example.com:7071/service/admin/soap/'
PASSWORD = 's3cr3t-P@ss'


def envelope(name, content):
    return {'Header': {'context': {'_jsns': 'urn:zimbra'}}, 'Body': {name: content}, '_jsns': 'urn:zimbraSoap'}


def ok(name, content=None, headers=None):
    return (200, headers or {}, json.dumps(envelope(name, dict(content or {}, _jsns='urn:zimbraAdmin'))).encode())


def fault(code, text, status=500, request_id=None):
    body = {'Code': {'Value': 'soap:Sender'}, 'Reason': {'Text': text},
            'Detail': {'Error': {'_jsns': 'urn:zimbra', 'Code': code, 'Trace': 'qtp-1'}}}
    if request_id is not None:
        body['requestId'] = request_id
    return (status, {}, json.dumps(envelope('Fault', body)).encode())


def auth_ok(token, form='list'):
    value = {'list': [{'_content': token}], 'dict': {'_content': token}, 'plain': token}[form]
    return ok('AuthResponse', {'authToken': value, 'lifetime': [{'_content': 43199999}]})


class FakeTransport(object):
    """Answers from a script (responses, exceptions or callables) and records every request."""

    def __init__(self, *script, **kwargs):
        self.script = list(script)
        self.calls = []
        self.tokens = iter('tok-%d' % n for n in range(1, 100))
        self.auto_auth = kwargs.get('auto_auth', True)

    def __call__(self, url, data, headers, timeout, method='POST'):
        request = {'url': url, 'method': method, 'headers': headers, 'timeout': timeout,
                   'json': json.loads(data.decode()) if data else None}
        self.calls.append(request)
        if self.auto_auth and url.endswith('/AuthRequest'):
            return auth_ok(next(self.tokens))
        if not self.script:
            raise AssertionError('unexpected request %s' % url)
        answer = self.script.pop(0)
        if callable(answer):
            answer = answer(request)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def names(self):
        return [c['url'].rsplit('/', 1)[1] for c in self.calls]

    def token_of(self, index):
        return self.calls[index]['json']['Header']['context']['authToken']['_content']


def client(transport, sleeps=None, **kwargs):
    options = dict(admin_user='admin@example.com', admin_password=PASSWORD, transport=transport,
                   sleep=(sleeps.append if sleeps is not None else lambda s: None))
    options.update(kwargs)
    return CarbonioClient(URL, **options)


# ------------------------------------------------------------------- wire format and auth

@pytest.mark.parametrize('form', ['list', 'dict', 'plain'])
def test_auth_token_forms_and_wire_format(form):
    fake = FakeTransport(ok('GetDomainResponse', {'domain': [{'name': 'example.com', 'id': 'd1'}]}), auto_auth=False)
    fake.script.insert(0, auth_ok('the-token', form))
    c = client(fake)
    reply = c.soap('GetDomainRequest', {'domain': {'by': 'name', '_content': 'example.com'}})
    assert reply['domain'][0]['id'] == 'd1'
    auth, get = fake.calls
    assert auth['url'] == URL + 'AuthRequest'
    assert auth['json']['Body'] == {'AuthRequest': {'_jsns': 'urn:zimbraAdmin', 'name': 'admin@example.com', 'password': PASSWORD}}
    assert 'authToken' not in auth['json']['Header']['context']
    assert get['url'] == URL + 'GetDomainRequest'
    assert get['method'] == 'POST' and get['headers']['Content-Type'] == 'application/json'
    assert get['json']['Header'] == {'context': {'_jsns': 'urn:zimbra', 'authToken': {'_content': 'the-token'},
                                                 'userAgent': {'name': 'carbonio.admin'}}}
    assert get['json']['Body'] == {'GetDomainRequest': {'_jsns': 'urn:zimbraAdmin', 'domain': {'by': 'name', '_content': 'example.com'}}}
    assert get['timeout'] == 30
    assert c.request_count == 2


def test_url_normalisation():
    assert CarbonioClient('https://h:6071', auth_token='t').url == 'https://h:6071/service/admin/soap/'
    assert CarbonioClient('https://h:7071/service/admin/soap', auth_token='t').url == URL.replace('mail.example.com', 'h')
    with pytest.raises(CarbonioError):
        CarbonioClient('h:7071', auth_token='t')


def test_auth_once_for_many_requests():
    fake = FakeTransport(*[ok('GetDomainResponse') for dummy in range(5)])
    c = client(fake)
    for dummy in range(5):
        c.soap('GetDomainRequest', {})
    assert fake.names().count('AuthRequest') == 1
    assert c.request_count == 6
    assert all(fake.token_of(i) == 'tok-1' for i in range(1, 6))


def test_given_token_used_without_auth_request():
    fake = FakeTransport(ok('GetVersionInfoResponse'))
    c = CarbonioClient(URL, auth_token='given-token', transport=fake)
    c.soap('GetVersionInfoRequest')
    assert fake.names() == ['GetVersionInfoRequest']
    assert fake.token_of(0) == 'given-token'


def test_no_credentials():
    c = CarbonioClient(URL, transport=FakeTransport())
    with pytest.raises(CarbonioError, match='no credentials'):
        c.soap('GetVersionInfoRequest')


def test_reauth_once_on_auth_expired_then_success():
    fake = FakeTransport(ok('GetDomainResponse'), fault('service.AUTH_EXPIRED', 'auth credentials have expired'), ok('GetDomainResponse'))
    c = client(fake)
    c.soap('GetDomainRequest')
    assert c.soap('GetDomainRequest', repeatable=False) == {'_jsns': 'urn:zimbraAdmin'}
    assert fake.names() == ['AuthRequest', 'GetDomainRequest', 'GetDomainRequest', 'AuthRequest', 'GetDomainRequest']
    assert fake.token_of(2) == 'tok-1' and fake.token_of(4) == 'tok-2'


def test_given_token_expired_renewed_with_password():
    fake = FakeTransport(fault('service.AUTH_EXPIRED', 'expired'), ok('GetDomainResponse'))
    c = client(fake, auth_token='old-token')
    c.soap('GetDomainRequest')
    assert fake.names() == ['GetDomainRequest', 'AuthRequest', 'GetDomainRequest']
    assert fake.token_of(0) == 'old-token' and fake.token_of(2) == 'tok-1'


def test_second_auth_expired_raises():
    fake = FakeTransport(fault('service.AUTH_EXPIRED', 'expired'), fault('service.AUTH_EXPIRED', 'expired again'))
    c = client(fake)
    with pytest.raises(CarbonioFault) as info:
        c.soap('GetDomainRequest')
    assert info.value.code == 'service.AUTH_EXPIRED'
    assert fake.names().count('AuthRequest') == 2 and fake.names().count('GetDomainRequest') == 2


def test_auth_required_reauth_only_for_login_tokens():
    fake = FakeTransport(fault('service.AUTH_REQUIRED', 'no valid authtoken present'), ok('GetDomainResponse'))
    client(fake).soap('GetDomainRequest')
    assert fake.names() == ['AuthRequest', 'GetDomainRequest', 'AuthRequest', 'GetDomainRequest']
    # A token given by the user that the server rejects is the user's problem: no silent login.
    fake = FakeTransport(fault('service.AUTH_REQUIRED', 'no valid authtoken present'))
    with pytest.raises(CarbonioFault, match='AUTH_REQUIRED'):
        client(fake, auth_token='bad').soap('GetDomainRequest')
    assert fake.names() == ['GetDomainRequest']
    # Without a password an expired token cannot be renewed.
    fake = FakeTransport(fault('service.AUTH_EXPIRED', 'expired'))
    with pytest.raises(CarbonioFault, match='AUTH_EXPIRED'):
        CarbonioClient(URL, auth_token='old', transport=fake).soap('GetDomainRequest')


def test_auth_failed_is_a_fault_without_retry():
    fake = FakeTransport(fault('account.AUTH_FAILED', 'authentication failed for [admin@example.com]'), auto_auth=False)
    with pytest.raises(CarbonioFault) as info:
        client(fake).soap('GetDomainRequest')
    assert info.value.code == 'account.AUTH_FAILED' and info.value.request == 'AuthRequest'
    assert fake.names() == ['AuthRequest']


def test_fault_becomes_carbonio_fault():
    fake = FakeTransport(fault('account.NO_SUCH_DOMAIN', 'no such domain: nope.example'))
    with pytest.raises(CarbonioFault) as info:
        client(fake).soap('GetDomainRequest', {'domain': {'by': 'name', '_content': 'nope.example'}})
    err = info.value
    assert (err.code, err.message, err.request, err.request_id) == ('account.NO_SUCH_DOMAIN', 'no such domain: nope.example', 'GetDomainRequest', None)
    assert 'account.NO_SUCH_DOMAIN' in str(err) and isinstance(err, CarbonioError)
    assert fake.names().count('GetDomainRequest') == 1  # faults are answers: never retried


def test_fault_parsed_whatever_the_status():
    fake = FakeTransport(fault('service.INVALID_REQUEST', 'invalid request: bad', status=200))
    with pytest.raises(CarbonioFault, match='service.INVALID_REQUEST'):
        client(fake).soap('GetDomainRequest')


def test_unexpected_status_and_non_json():
    fake = FakeTransport((404, {}, b'<html>not found</html>'), (200, {}, b'not json'), ok('OtherResponse'))
    c = client(fake)
    with pytest.raises(CarbonioTransportError) as info:
        c.soap('GetDomainRequest')
    assert info.value.status == 404
    with pytest.raises(CarbonioError, match='not a JSON SOAP envelope'):
        c.soap('GetDomainRequest')
    with pytest.raises(CarbonioError, match='no GetDomainResponse element'):
        c.soap('GetDomainRequest')


# ------------------------------------------------------------------- retries

def test_503_retry_after_seconds_honoured():
    sleeps = []
    fake = FakeTransport((503, {'Retry-After': '7'}, b''), (503, {'retry-after': '120'}, b''), ok('GetDomainResponse'))
    client(fake, sleeps, max_retry_wait=30).soap('GetDomainRequest')
    assert sleeps == [7.0, 30.0]
    assert fake.names().count('GetDomainRequest') == 3


def test_503_retry_after_http_date():
    sleeps = []
    future = formatdate(time.time() + 3600, usegmt=True)
    past = formatdate(time.time() - 3600, usegmt=True)
    fake = FakeTransport((503, {'Retry-After': future}, b''), (503, {'Retry-After': past}, b''),
                         (503, {'Retry-After': 'garbage'}, b''), ok('GetDomainResponse'))
    client(fake, sleeps, max_retry_wait=20, retry_backoff=0.5).soap('GetDomainRequest', repeatable=False)
    assert sleeps == [20.0, 0.0, 2.0]


def test_exponential_backoff_capped_and_exhausted():
    sleeps = []
    fake = FakeTransport(*[(504, {}, b'')] * 6)
    with pytest.raises(CarbonioTransportError) as info:
        client(fake, sleeps, retries=5, retry_backoff=1.5, max_retry_wait=10).soap('GetDomainRequest')
    assert sleeps == [1.5, 3.0, 6.0, 10.0, 10.0]
    assert info.value.status == 504 and info.value.attempts == 6 and info.value.maybe_executed
    assert 'after 6 attempts' in str(info.value)


@pytest.mark.parametrize('answer', [(502, {}, b'bad gateway'), (504, {}, b''), TransportFailure(True, 'ConnectionResetError: reset'),
                                    TransportFailure(True, 'timed out')])
def test_maybe_executed_failures_retried_only_when_repeatable(answer):
    sleeps = []
    fake = FakeTransport(answer, ok('GetDomainResponse'))
    client(fake, sleeps).soap('GetDomainRequest')
    assert fake.names().count('GetDomainRequest') == 2 and sleeps == [1.0]

    sleeps = []
    fake = FakeTransport(answer, ok('ModifyDomainResponse'))
    with pytest.raises(CarbonioTransportError) as info:
        client(fake, sleeps).soap('ModifyDomainRequest', {'id': 'x'}, repeatable=False)
    assert fake.names().count('ModifyDomainRequest') == 1 and sleeps == []
    assert info.value.maybe_executed and 'may have been executed' in str(info.value)


@pytest.mark.parametrize('repeatable', [True, False])
def test_not_executed_failures_retried_for_all(repeatable):
    sleeps = []
    fake = FakeTransport(TransportFailure(False, '[Errno 111] Connection refused'), (503, {}, b''), ok('ModifyDomainResponse'))
    client(fake, sleeps).soap('ModifyDomainRequest', {'id': 'x'}, repeatable=repeatable)
    assert fake.names().count('ModifyDomainRequest') == 3 and sleeps == [1.0, 2.0]


def test_refused_exhausted_and_fatal_tls():
    sleeps = []
    fake = FakeTransport(*[TransportFailure(False, 'Connection refused')] * 3)
    with pytest.raises(CarbonioTransportError) as info:
        client(fake, sleeps, retries=2).soap('GetDomainRequest', repeatable=False)
    assert info.value.attempts == 3 and not info.value.maybe_executed and info.value.status is None
    assert 'Connection refused' in str(info.value)
    fake = FakeTransport(TransportFailure(False, 'TLS certificate verification failed', fatal=True))
    with pytest.raises(CarbonioTransportError, match='TLS'):
        client(fake).soap('GetDomainRequest')
    assert fake.names() == ['AuthRequest', 'GetDomainRequest']


@pytest.mark.parametrize('error, reached, fatal', [
    (URLError(ConnectionRefusedError(111, 'Connection refused')), False, False),
    (URLError(socket.gaierror(-2, 'Name or service not known')), False, False),
    (URLError(ConnectionResetError(104, 'Connection reset by peer')), True, False),
    (http.client.RemoteDisconnected('Remote end closed connection without response'), True, False),
    (socket.timeout('timed out'), True, False),
    (URLError(socket.timeout('timed out')), True, False),
    (URLError(ssl.SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed')), False, True),
])
def test_low_level_errors_classified(error, reached, fatal):
    failure = _classify(error)
    assert isinstance(failure, TransportFailure)
    assert (failure.reached_server, failure.fatal) == (reached, fatal)


def test_a_refused_connection_says_which_ports_to_check_and_a_tls_failure_never_suggests_turning_checks_off():
    refused = _classify(URLError(ConnectionRefusedError(111, 'Connection refused')))
    assert refused.reason.endswith('check url: the admin service listens on port 7071 of a mailbox server, 6071 through the proxy')
    unknown = _classify(URLError(socket.gaierror(-2, 'Name or service not known')))
    assert unknown.reason.startswith('cannot resolve the host name') and unknown.reason.endswith('check url')
    tls = _classify(URLError(ssl.SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed')))
    assert 'ca_path' in tls.reason and 'validate_certs' not in tls.reason


# ------------------------------------------------------------------- writes

def test_write_plain_success_no_read_back():
    fake = FakeTransport(ok('CreateDomainResponse', {'domain': [{'name': 'a.example', 'id': '1'}]}))
    reads, sleeps = [], []
    reply = client(fake, sleeps).write('CreateDomainRequest', {'name': 'a.example'}, lambda: reads.append(1))
    assert reply['domain'][0]['id'] == '1' and reads == [] and sleeps == []


@pytest.mark.parametrize('lost', [TransportFailure(True, 'RemoteDisconnected: closed'), TransportFailure(True, 'timed out'),
                                  (502, {}, b''), (504, {}, b'')])
def test_write_lost_answer_settled_by_reading_back_after_a_wait(lost):
    fake = FakeTransport(lost)
    sleeps = []
    found = {'domain': [{'name': 'a.example', 'id': '1'}]}
    assert client(fake, sleeps, settle_wait=2).write('ModifyDomainRequest', {'id': '1'}, lambda: found) is found
    assert fake.names().count('ModifyDomainRequest') == 1 and sleeps == [2.0]


def test_write_lost_answer_not_in_place_is_never_sent_again():
    fake = FakeTransport(TransportFailure(True, 'timed out (read timeout)'))
    sleeps = []
    with pytest.raises(CarbonioOutcomeUnknown) as info:
        client(fake, sleeps).write('ModifyDomainRequest', {'id': '1'}, lambda: None)
    assert fake.names().count('ModifyDomainRequest') == 1 and sleeps == [2.0]
    message = str(info.value)
    assert 'ModifyDomainRequest' in message and 'timed out' in message and 'may still apply it' in message
    assert 'Nothing was sent again' in message and info.value.maybe_executed


def test_write_lost_answer_and_failed_read_back_says_it_may_have_happened():
    fake = FakeTransport(TransportFailure(True, 'reset'))

    def read_back():
        raise CarbonioTransportError('GetDomainRequest: connection refused')

    with pytest.raises(CarbonioOutcomeUnknown, match='may or may not have been made'):
        client(fake).write('DeleteDomainRequest', {'id': '1'}, read_back)
    assert fake.names().count('DeleteDomainRequest') == 1


def test_write_503_retried_normally_and_faults_raised():
    sleeps = []
    fake = FakeTransport((503, {'Retry-After': '1'}, b''), fault('account.DOMAIN_EXISTS', 'domain already exists: c.example'))
    with pytest.raises(CarbonioFault, match='DOMAIN_EXISTS'):
        client(fake, sleeps).write('CreateDomainRequest', {'name': 'c.example'}, lambda: pytest.fail('no read-back expected'))
    assert sleeps == [1.0] and fake.names().count('CreateDomainRequest') == 2


# ------------------------------------------------------------------- local configuration errors

@pytest.mark.parametrize('url, words', [
    ('http://mail.example.com:7071/service/admin/soap/', 'travel in clear'),
    ('ftp://mail.example.com', 'must be an https URL'),
    ('mail.example.com:7071', 'must be an https URL'),
    ('', 'required'),
])
def test_only_https_urls_accepted(url, words):
    fake = FakeTransport()
    with pytest.raises(CarbonioError) as info:
        CarbonioClient(url, admin_user='a', admin_password=PASSWORD, transport=fake)
    assert str(info.value).startswith('url: ') and words in str(info.value)
    assert fake.calls == []


@pytest.mark.parametrize('options, words', [
    ({'timeout': 0}, 'timeout: must be a positive number'),
    ({'timeout': -5}, 'timeout: must be a positive number'),
    ({'retries': -1}, 'retries: must be 0 or more'),
])
def test_bad_local_settings_fail_at_once_naming_the_option(options, words):
    fake = FakeTransport()
    with pytest.raises(CarbonioError, match=words):
        client(fake, **options)
    assert fake.calls == []


# ------------------------------------------------------------------- batch

def batch_reply(entries):
    body = {'_jsns': 'urn:zimbra'}
    for key, element in entries:
        body.setdefault(key, []).append(element)
    return (200, {}, json.dumps(envelope('BatchResponse', body)).encode())


def test_batch_grouping_and_mapping():
    fault_entry = json.loads(fault('account.NO_SUCH_ACCOUNT', 'no such account: x', request_id='1')[2])['Body']['Fault']
    fake = FakeTransport(batch_reply([
        ('DeleteAccountResponse', {'_jsns': 'urn:zimbraAdmin', 'requestId': '2'}),
        ('DeleteAccountResponse', {'_jsns': 'urn:zimbraAdmin', 'requestId': '0'}),
        ('Fault', fault_entry),
        ('GetDomainResponse', {'_jsns': 'urn:zimbraAdmin', 'requestId': '3', 'domain': [{'id': 'd'}]}),
    ]))
    c = client(fake)
    items = c.batch([('DeleteAccountRequest', {'id': 'a'}), ('DeleteAccountRequest', {'id': 'b'}),
                     ('DeleteAccountRequest', {'id': 'c'}), ('GetDomainRequest', {'domain': {'by': 'name', '_content': 'e'}}),
                     ('NoOpRequest', {}, 'urn:zimbraMail')], onerror='stop')
    sent = fake.calls[1]
    assert sent['url'] == URL + 'BatchRequest'
    body = sent['json']['Body']['BatchRequest']
    assert body['_jsns'] == 'urn:zimbra' and body['onerror'] == 'stop'
    assert body['DeleteAccountRequest'] == [{'_jsns': 'urn:zimbraAdmin', 'id': 'a', 'requestId': '0'},
                                            {'_jsns': 'urn:zimbraAdmin', 'id': 'b', 'requestId': '1'},
                                            {'_jsns': 'urn:zimbraAdmin', 'id': 'c', 'requestId': '2'}]
    assert body['GetDomainRequest'][0]['requestId'] == '3'
    assert body['NoOpRequest'] == [{'_jsns': 'urn:zimbraMail', 'requestId': '4'}]
    assert [i.request_id for i in items] == ['0', '1', '2', '3', '4']
    assert all(isinstance(i, BatchItem) for i in items)
    assert items[0].response['requestId'] == '0' and items[0].fault is None
    assert items[1].response is None and items[1].fault.code == 'account.NO_SUCH_ACCOUNT'
    assert (items[1].fault.request, items[1].fault.request_id) == ('DeleteAccountRequest', '1')
    assert items[2].response['requestId'] == '2'
    assert items[3].response['domain'] == [{'id': 'd'}]
    assert items[4].fault.code == BATCH_NOT_EXECUTED and items[4].request == 'NoOpRequest'
    assert c.batch([]) == [] and c.request_count == 2


def test_batch_not_retried_by_default_and_envelope_reauth():
    fake = FakeTransport((502, {}, b''))
    with pytest.raises(CarbonioTransportError):
        client(fake).batch([('DeleteAccountRequest', {'id': 'a'})])
    assert fake.names().count('BatchRequest') == 1

    fake = FakeTransport(fault('service.AUTH_EXPIRED', 'auth credentials have expired'),
                         batch_reply([('DeleteAccountResponse', {'requestId': '0'})]))
    items = client(fake).batch([('DeleteAccountRequest', {'id': 'a'})])
    assert items[0].response == {'requestId': '0'}
    assert fake.names() == ['AuthRequest', 'BatchRequest', 'AuthRequest', 'BatchRequest']


def test_a_batch_without_attributes_keeps_each_objects_name_and_id_and_the_rest():
    account = {'name': 'a@example.com', 'id': 'i1', 'a': [{'n': 'displayName', '_content': 'A'}]}
    reply = batch_reply([('CreateAccountResponse', {'requestId': '0', 'account': [account]}),
                         ('SetPasswordResponse', {'requestId': '1', 'message': [{'_content': 'policy bypassed'}]})])
    items = client(FakeTransport(reply)).batch([('CreateAccountRequest', {}), ('SetPasswordRequest', {})], attributes=False)
    assert items[0].response['account'] == [{'name': 'a@example.com', 'id': 'i1'}]
    assert items[1].response['message'] == [{'_content': 'policy bypassed'}]
    items = client(FakeTransport(reply)).batch([('CreateAccountRequest', {}), ('SetPasswordRequest', {})])
    assert items[0].response['account'][0]['a'] == [{'n': 'displayName', '_content': 'A'}]


def test_batch_items_all_failing_on_token_reauth_once():
    def auth_faults(request_ids):
        return batch_reply([('Fault', dict(json.loads(fault('service.AUTH_REQUIRED', 'no valid authtoken present')[2])['Body']['Fault'],
                                           requestId=r)) for r in request_ids])
    fake = FakeTransport(auth_faults(['0', '1']), auth_faults(['0', '1']))
    items = client(fake).batch([('GetAccountRequest', {}), ('GetAccountRequest', {})])
    # The second time the faults are reported per item instead of looping.
    assert fake.names() == ['AuthRequest', 'BatchRequest', 'AuthRequest', 'BatchRequest']
    assert [i.fault.code for i in items] == ['service.AUTH_REQUIRED'] * 2


# ------------------------------------------------------------------- zextras

@pytest.mark.parametrize('wrap', [lambda s: s, lambda s: [{'_content': s}]])
def test_zextras_ok(wrap):
    content = json.dumps({'ok': True, 'response': {'policy': 'required'}})
    fake = FakeTransport(ok('response', {'content': wrap(content)}))
    result = client(fake).zextras('ZxAuth', 'getPolicy', domain='example.com', skipped=None, targetServers='all_servers')
    assert result == {'policy': 'required'}
    sent = fake.calls[1]
    assert sent['url'] == URL + 'zextras'
    assert sent['json']['Body'] == {'zextras': {'_jsns': 'urn:zimbraAdmin', 'module': 'ZxAuth', 'action': 'getPolicy',
                                                'domain': 'example.com', 'targetServers': 'all_servers'}}


def test_zextras_error_and_garbage():
    fake = FakeTransport(ok('response', {'content': json.dumps({'ok': False, 'error': 'domain not found'})}),
                         ok('response', {'content': json.dumps({'ok': False, 'error': {'message': 'boom'}})}),
                         ok('response', {'content': 'no json'}))
    c = client(fake)
    with pytest.raises(CarbonioFault) as info:
        c.zextras('ZxAuth', 'setPolicy', domain='x')
    assert info.value.code == 'zextras.ERROR' and info.value.message == 'domain not found'
    with pytest.raises(CarbonioFault, match='boom'):
        c.zextras('ZxMobile', 'doWipeDevice', repeatable=False)
    with pytest.raises(CarbonioError, match='not JSON'):
        c.zextras('ZxCore', 'getOperationLog')


# ------------------------------------------------------------------- rest

def test_rest_url_cookie_body_and_results():
    fake = FakeTransport((200, {}, b'{"sp.entityid": "x"}'), (204, {}, b''), (200, {}, b'[1, 2]'))
    c = CarbonioClient('https://proxy.example.com:6071/service/admin/soap/', admin_user='admin@example.com',
                       admin_password=PASSWORD, transport=fake, sleep=lambda s: None)
    assert c.rest('GET', 'auth/saml/example.com', query={'raw': 'true'}) == {'sp.entityid': 'x'}
    get = fake.calls[1]
    assert get['url'] == 'https://proxy.example.com:6071/service/extension/zextras_admin/auth/saml/example.com?raw=true'
    assert get['method'] == 'GET' and get['json'] is None and get['headers']['Cookie'] == 'ZM_ADMIN_AUTH_TOKEN=tok-1'
    assert 'Content-Type' not in get['headers']
    assert c.rest('DELETE', '/auth/saml/my domain.example') is None
    assert fake.calls[2]['url'].endswith('/zextras_admin/auth/saml/my%20domain.example')
    assert c.rest('POST', 'backup/doRestoreOnNewAccount', body={'srcAccountName': 'id1'}, query={'targetServers': 'a,b'}) == [1, 2]
    post = fake.calls[3]
    assert post['method'] == 'POST' and post['json'] == {'srcAccountName': 'id1'}
    assert post['headers']['Content-Type'] == 'application/json'
    assert post['url'].endswith('/backup/doRestoreOnNewAccount?targetServers=a%2Cb')


def test_rest_errors_retries_and_reauth():
    err_body = json.dumps({'error': {'message': 'account not found', 'details': {'cause': 'deleted too long ago'}}}).encode()
    fake = FakeTransport((400, {}, err_body), (500, {}, b'oops'), (502, {}, b''), (401, {}, b''), (200, {}, b'{}'))
    c = client(fake)
    with pytest.raises(CarbonioFault) as info:
        c.rest('POST', 'backup/doRestoreOnNewAccount', body={})
    assert info.value.code == 'rest.HTTP_400' and info.value.message == 'account not found (deleted too long ago)'
    with pytest.raises(CarbonioFault, match='rest.HTTP_500: Internal Server Error'):
        c.rest('GET', 'auth/saml/x')
    with pytest.raises(CarbonioTransportError):
        c.rest('POST', 'auth/saml/x', body={})  # POST is not repeated after a 502
    assert c.rest('GET', 'auth/saml/x') == {}  # 401: log in again once, then repeat
    assert fake.names()[-3:] == ['x', 'AuthRequest', 'x']


def test_rest_error_in_a_success_answer_is_a_fault():
    # the extension's failures come as {"error": ...} in the body, at times with HTTP 200 (the Admin Panel parses both)
    fake = FakeTransport((200, {}, b'{"error": "no such domain: x"}'), (200, {}, b'{"status": 500, "error": {"message": "busy"}}'),
                         (200, {}, b'{"operationId": "op-1", "status": 200}'))
    c = client(fake)
    with pytest.raises(CarbonioFault) as info:
        c.rest('GET', 'auth/saml/x')
    assert (info.value.code, info.value.message, info.value.request) == ('rest.ERROR', 'no such domain: x', 'GET auth/saml/x')
    with pytest.raises(CarbonioFault, match='rest.ERROR: busy'):
        c.rest('POST', 'backup/doRestoreOnNewAccount', body={})
    assert c.rest('POST', 'backup/doRestoreOnNewAccount', body={}) == {'operationId': 'op-1', 'status': 200}


# ------------------------------------------------------------------- attributes

def test_encode_attrs():
    assert encode_attrs({'zimbraA': 'x', 'zimbraB': ['1', '2'], 'zimbraC': [], 'zimbraD': '', '+zimbraE': 'v', '-zimbraF': ['w'],
                         'zimbraG': True, 'zimbraH': 5, 'zimbraI': None}) == [
        {'n': 'zimbraA', '_content': 'x'}, {'n': 'zimbraB', '_content': '1'}, {'n': 'zimbraB', '_content': '2'},
        {'n': 'zimbraC', '_content': ''}, {'n': 'zimbraD', '_content': ''}, {'n': '+zimbraE', '_content': 'v'},
        {'n': '-zimbraF', '_content': 'w'}, {'n': 'zimbraG', '_content': 'TRUE'}, {'n': 'zimbraH', '_content': '5'},
        {'n': 'zimbraI', '_content': ''}]
    assert encode_attrs({}) == [] and encode_attrs(None) == []


def test_decode_attrs():
    assert decode_attrs([{'n': 'zimbraB', '_content': '2'}, {'n': 'zimbraA', '_content': 'x'}, {'n': 'zimbraB', '_content': '1'},
                         {'n': 'zimbraSecret', 'pd': True}, {'n': 'zimbraOther', 'pd': '1'}, {'n': 'zimbraEmpty'},
                         {'n': 'zimbraNum', '_content': 7}]) == {
        'zimbraB': ['2', '1'], 'zimbraA': ['x'], 'zimbraEmpty': [''], 'zimbraNum': ['7']}
    assert decode_attrs(None) == {} and decode_attrs({'n': 'a', '_content': 'b'}) == {'a': ['b']}


# ------------------------------------------------------------------- secrets

def _no_secret(*texts):
    for text in texts:
        assert PASSWORD not in text and 'tok-1' not in text and 'given-tok' not in text, text


def test_secrets_never_in_errors_or_reprs():
    # The server echoes the password in an AuthRequest fault: it must be masked.
    fake = FakeTransport(fault('account.AUTH_FAILED', 'authentication failed for [admin@example.com] password ' + PASSWORD), auto_auth=False)
    c = client(fake)
    with pytest.raises(CarbonioFault) as info:
        c.authenticate()
    _no_secret(str(info.value), repr(info.value), info.value.message, repr(c), str(info.value.args))
    assert '********' in info.value.message

    # Transport failures, faults echoing the token, zextras and REST errors, batch item faults.
    fake = FakeTransport(TransportFailure(True, 'reset by peer'), fault('service.FAILURE', 'bad token tok-1'),
                         ok('response', {'content': json.dumps({'ok': False, 'error': 'token tok-1 invalid'})}),
                         (403, {}, json.dumps({'error': {'message': 'denied for tok-1'}}).encode()),
                         batch_reply([('Fault', dict(json.loads(fault('service.FAILURE', PASSWORD)[2])['Body']['Fault'], requestId='0'))]))
    c = client(fake, retries=0)
    errors = []
    for call in (lambda: c.soap('GetDomainRequest'), lambda: c.soap('GetDomainRequest'), lambda: c.zextras('ZxAuth', 'getPolicy'),
                 lambda: c.rest('GET', 'auth/saml/x')):
        with pytest.raises(CarbonioError) as info:
            call()
        errors.append(info.value)
    items = c.batch([('GetDomainRequest', {})])
    errors.append(items[0].fault)
    for err in errors:
        _no_secret(str(err), repr(err), err.message, str(err.args))
    _no_secret(repr(c), repr(items))

    c = CarbonioClient(URL, auth_token='given-tok', transport=FakeTransport(fault('service.FAILURE', 'x given-tok')))
    with pytest.raises(CarbonioFault) as info:
        c.soap('GetDomainRequest')
    _no_secret(str(info.value), repr(c))


def test_url_credentials_never_echoed():
    fake = FakeTransport(TransportFailure(False, 'Connection refused'), auto_auth=False)
    c = CarbonioClient('https://user:' + PASSWORD + '@h:7071/service/admin/soap/', admin_user='a', admin_password='other-secret',
                       transport=fake, retries=0)
    with pytest.raises(CarbonioTransportError) as info:
        c.authenticate()
    _no_secret(str(info.value), repr(c))


# ------------------------------------------------------------------- real Request path on loopback

class _Handler(BaseHTTPRequestHandler):
    state = {}

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _reply(self, status, payload, headers=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # pylint: disable=invalid-name
        request = json.loads(self.rfile.read(int(self.headers['Content-Length'])).decode())
        name = self.path.rsplit('/', 1)[1]
        self.state.setdefault('seen', []).append((name, self.headers.get('Content-Type'), self.headers.get('User-Agent')))
        if name == 'AuthRequest':
            self._reply(200, envelope('AuthResponse', {'authToken': [{'_content': 'tok-1'}], '_jsns': 'urn:zimbraAdmin'}))
        elif name == 'GetDomainRequest' and self.state.setdefault('busy', 1):
            self.state['busy'] -= 1
            self._reply(503, {'error': 'busy'}, {'Retry-After': '3'})
        elif name == 'GetDomainRequest':
            assert request['Header']['context']['authToken'] == {'_content': 'tok-1'}
            self._reply(200, envelope('GetDomainResponse', {'domain': [{'name': 'example.com'}], '_jsns': 'urn:zimbraAdmin'}))
        elif name == 'DropRequest':
            self.close_connection = True  # answer nothing: the client sees the connection closed
        else:
            body = json.loads(fault('account.NO_SUCH_DOMAIN', 'no such domain: x')[2])
            self._reply(500, body)

    def do_GET(self):  # pylint: disable=invalid-name
        self.state.setdefault('seen', []).append((self.path, None, self.headers.get('Cookie')))
        self._reply(404, {'error': {'message': 'no such config'}})


@pytest.fixture
def local_server():
    _Handler.state = {}
    server = HTTPServer(('127.0.0.1', 0), _Handler)
    thread = threading.Thread(target=server.serve_forever)
    thread.daemon = True
    thread.start()
    try:
        yield 'http://127.0.0.1:%d/service/admin/soap/' % server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_default_transport_against_local_http_server(local_server):
    sleeps = []
    # plain http only because this loopback server has no certificate: modules never allow it
    c = CarbonioClient(local_server, admin_user='admin@example.com', admin_password=PASSWORD, sleep=sleeps.append, timeout=5,
                       allow_plain_http=True)
    assert c.soap('GetDomainRequest')['domain'] == [{'name': 'example.com'}]
    assert sleeps == [3.0]
    assert _Handler.state['seen'] == [('AuthRequest', 'application/json', 'carbonio.admin')] + [
        ('GetDomainRequest', 'application/json', 'carbonio.admin')] * 2
    with pytest.raises(CarbonioFault) as info:
        c.soap('ModifyDomainRequest', {'id': 'x'}, repeatable=False)
    assert (info.value.code, info.value.message) == ('account.NO_SUCH_DOMAIN', 'no such domain: x')
    with pytest.raises(CarbonioTransportError) as info:
        c.soap('DropRequest', repeatable=False)
    assert info.value.maybe_executed and info.value.status is None
    with pytest.raises(CarbonioFault) as info:
        c.rest('GET', 'auth/saml/example.com')
    assert info.value.code == 'rest.HTTP_404' and info.value.message == 'no such config'
    assert _Handler.state['seen'][-1] == ('/service/extension/zextras_admin/auth/saml/example.com', None, 'ZM_ADMIN_AUTH_TOKEN=tok-1')
    assert c.request_count == 6


def test_default_transport_connection_refused_is_retried():
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    sleeps = []
    c = CarbonioClient('http://127.0.0.1:%d' % port, auth_token='given-tok', sleep=sleeps.append, retries=2, timeout=5,
                       allow_plain_http=True)
    with pytest.raises(CarbonioTransportError) as info:
        c.soap('CreateDomainRequest', {'name': 'x'}, repeatable=False)
    assert info.value.attempts == 3 and not info.value.maybe_executed and sleeps == [1.0, 2.0]
    _no_secret(str(info.value))


def test_default_transport_passes_tls_options(monkeypatch):
    seen = {}

    class FakeResponse(object):
        headers = {'Content-Type': 'application/json'}

        def getcode(self):
            return 200

        def read(self):
            return json.dumps(envelope('GetDomainResponse', {})).encode()

        def close(self):
            seen['closed'] = True

    class FakeRequest(object):
        def __init__(self, **kwargs):
            seen['init'] = kwargs

        def open(self, method, url, **kwargs):
            seen['open'] = (method, url, kwargs['timeout'])
            return FakeResponse()

    monkeypatch.setattr(soap_client_module, 'Request', FakeRequest)
    c = CarbonioClient(URL, auth_token='given-tok', validate_certs=False, ca_path='/etc/ca.pem', timeout=12)
    assert c.soap('GetDomainRequest') == {}
    assert seen['init']['validate_certs'] is False and seen['init']['ca_path'] == '/etc/ca.pem'
    assert seen['init']['timeout'] == 12 and seen['open'] == ('POST', URL + 'GetDomainRequest', 12) and seen['closed']
    assert CarbonioClient(URL, auth_token='t').validate_certs is True


def test_a_delegated_token_is_sent_as_given_and_kept_out_of_errors():
    fake = FakeTransport(ok('EndSessionResponse'), fault('service.FAILURE', 'bad token user-tok-9'))
    c = client(fake)
    c.soap_as('user-tok-9', 'EndSessionRequest', {'sessionId': '1'}, namespace='urn:zimbraAccount')
    assert fake.token_of(1) == 'user-tok-9' and fake.calls[1]['json']['Body']['EndSessionRequest']['_jsns'] == 'urn:zimbraAccount'
    with pytest.raises(CarbonioFault) as info:
        c.soap_as('user-tok-9', 'EndSessionRequest', {'sessionId': '2'}, namespace='urn:zimbraAccount')
    assert 'user-tok-9' not in str(info.value) and fake.names().count('AuthRequest') == 1
