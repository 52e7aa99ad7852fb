"""The zextras channel (routed by module and action) and the REST extension (routed by method and path
pattern), each through HTTPS, with the request log's labels `zextras ZxCore.<action>` and `REST <METHOD> <pattern>`.

The registered read-only handlers: ZxCore.getOperationLog and GET backup/getBackupAccounts (api-features doc 6)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

REST = 'service/extension/zextras_admin/'


def fault_code(body):
    return body['Body']['Fault']['Detail']['Error']['Code']


def rest(sim, method, path, cookie=True, token=None):
    """(HTTP status, decoded JSON) of one REST call, with the admin token (or `token`) in the ZM_ADMIN_AUTH_TOKEN cookie."""
    if sim.token is None:
        sim.login()
    base = sim.ready['url'].split('service/admin/soap/')[0]
    headers = {'Cookie': f'ZM_ADMIN_AUTH_TOKEN={token or sim.token}'} if cookie else {}
    request = urllib.request.Request(base + REST + path, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, context=sim.ssl, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def last_log_line(sim, label):
    return [line for line in sim.log() if line['request'] == label][-1]


def test_zextras_operation_log_answers_json_text_in_response_content(sim):
    status, body = sim.soap('zextras', module='ZxCore', action='getOperationLog')
    assert status == 200
    content = body['Body']['response']['content']
    assert isinstance(content, str)
    assert json.loads(content) == {'ok': True, 'response': {'operationList': []}}
    line = last_log_line(sim, 'zextras ZxCore.getOperationLog')
    assert (line['write'], line['batch']) == (False, False)


def test_zextras_unknown_action_fails_and_counts_as_a_write(sim):
    status, body = sim.soap('zextras', module='ZxCore', action='doSomethingUnknown')
    assert (status, fault_code(body)) == (500, 'service.UNKNOWN_DOCUMENT')
    assert last_log_line(sim, 'zextras ZxCore.doSomethingUnknown')['write'] is True


def test_zextras_needs_an_admin_token(sim):
    status, body = sim.post({'Body': {'zextras': {'_jsns': 'urn:zimbraAdmin', 'module': 'ZxCore', 'action': 'getOperationLog'}}})
    assert (status, fault_code(body)) == (500, 'service.AUTH_REQUIRED')


def test_zextras_inside_a_batch_is_logged_with_its_label(sim):
    status, body = sim.soap('BatchRequest', zextras=[{'_jsns': 'urn:zimbraAdmin', 'module': 'ZxCore', 'action': 'getOperationLog'}])
    assert status == 200
    assert json.loads(body['Body']['BatchResponse']['response'][0]['content'])['ok'] is True
    line = last_log_line(sim, 'zextras ZxCore.getOperationLog')
    assert (line['batch'], line['write']) == (True, False)


def test_rest_backup_accounts_read(sim):
    status, body = rest(sim, 'GET', 'backup/getBackupAccounts?page=0&pageSize=20&domains=example.test&filter=')
    assert status == 200
    assert body == {'accounts': [], 'maxPage': 0}
    line = last_log_line(sim, 'REST GET backup/getBackupAccounts')
    assert (line['write'], line['status']) == (False, 200)


def test_rest_needs_the_admin_cookie(sim):
    status, body = rest(sim, 'GET', 'backup/getBackupAccounts', cookie=False)
    assert status == 401
    assert body['error']['details']['cause'] == 'service.AUTH_REQUIRED'


def test_rest_and_zextras_refuse_a_user_token(sim):
    sim.soap('CreateDomainRequest', name='user.channels.test')
    sim.soap('CreateAccountRequest', name='user@user.channels.test', password='User-Pass-42')
    status, body = sim.post({'Body': {'AuthRequest': {'_jsns': 'urn:zimbraAccount', 'password': 'User-Pass-42',
                                                      'account': {'by': 'name', '_content': 'user@user.channels.test'}}}})
    assert status == 200, body
    token = body['Body']['AuthResponse']['authToken'][0]['_content']
    status, body = rest(sim, 'GET', 'backup/getBackupAccounts', token=token)
    assert (status, body['error']['details']['cause']) == (401, 'service.PERM_DENIED')
    status, body = sim.post({'Header': {'context': {'_jsns': 'urn:zimbra', 'authToken': {'_content': token}}},
                             'Body': {'zextras': {'_jsns': 'urn:zimbraAdmin', 'module': 'ZxCore', 'action': 'getOperationLog'}}})
    assert (status, fault_code(body)) == (500, 'service.PERM_DENIED')


def test_rest_unknown_endpoint_is_404_and_counts_as_a_write(sim):
    status, body = rest(sim, 'POST', 'backup/doSomethingUnknown')
    assert status == 404
    assert 'error' in body
    assert last_log_line(sim, 'REST POST backup/doSomethingUnknown')['write'] is True
