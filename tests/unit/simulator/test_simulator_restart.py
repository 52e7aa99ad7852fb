"""The `restart` fault: the request runs, its answer is lost, slapd is killed and started again on the same
database while the HTTPS port refuses connections; the data and the tokens survive, the sessions do not."""

from __future__ import annotations

import http.client
import os
import socket
import time
import urllib.error

from soap_answers import fault_code, ok
from test_simulator_sessions import account, send, sessions, user_token
from test_simulator_slapd_lifecycle import eventually, read_pid_file, running, slapd_pids


def control(sim, method, path, body=None):
    return sim.control(method, path, body)


def arm_restart(sim, request, down_ms):
    control(sim, 'POST', 'faults', {'kind': 'restart', 'request': request, 'down_ms': down_ms})


def lost(call):
    """True when the request got no answer: the connection closed under it."""
    try:
        call()
    except (http.client.RemoteDisconnected, ConnectionResetError):
        return True
    except urllib.error.URLError as error:
        return isinstance(error.reason, (http.client.RemoteDisconnected, ConnectionResetError))
    return False


def refused(call):
    try:
        call()
    except urllib.error.URLError as error:
        return isinstance(error.reason, ConnectionRefusedError)
    return False


def get_domain(sim, name):
    return sim.soap('GetDomainRequest', domain={'by': 'name', '_content': name})


def wait_until_up(sim, name, timeout=30.0):
    """The answer to GetDomainRequest of name once the port opens again (connections refused meanwhile), and
    the seconds it took."""
    started = time.monotonic()
    while True:
        try:
            return get_domain(sim, name), time.monotonic() - started
        except urllib.error.URLError as error:
            assert isinstance(error.reason, ConnectionRefusedError), error
            assert time.monotonic() - started < timeout, 'the simulator did not come back'
            time.sleep(0.1)


def test_a_restart_keeps_the_data_and_the_tokens_and_loses_the_sessions(sim):
    ok(sim.soap('CreateDomainRequest', name='before.restart.test'))
    account(sim, 'user@before.restart.test')
    kept, _sid = user_token(sim, 'user@before.restart.test')
    ended, ended_sid = user_token(sim, 'user@before.restart.test')
    ok(send(sim, kept, 'EndSessionRequest', sessionId=ended_sid))  # de-registers the token that opened it
    assert sessions(sim)['total'] == 1
    admin_token = sim.token
    data_dir = os.path.dirname(sim.ready['request_log'])
    old_slapd = read_pid_file(data_dir)
    arm_restart(sim, 'CreateDomainRequest', down_ms=1500)
    assert lost(lambda: sim.soap('CreateDomainRequest', name='during.restart.test'))
    # the port closed before the answer was lost: the next try finds the server down
    assert refused(lambda: get_domain(sim, 'during.restart.test'))
    answer, waited = wait_until_up(sim, 'during.restart.test')
    assert waited > 1.0
    assert ok(answer)['GetDomainResponse']['domain'][0]['name'] == 'during.restart.test'
    new_slapd = read_pid_file(data_dir)
    assert new_slapd != old_slapd and not running(old_slapd) and slapd_pids(data_dir) == [new_slapd]
    with socket.create_connection(tuple(sim.ready['ldap_url'].split('/')[2].split(':'))):
        pass  # on the LDAP URL of the ready line still
    assert ok(get_domain(sim, 'before.restart.test'))['GetDomainResponse']['domain'][0]['name'] == 'before.restart.test'
    # the admin token issued before still works (sim.soap does not log in again), the session is gone
    assert sim.token == admin_token and sessions(sim)['total'] == 0
    assert [line['request'] for line in sim.log()].count('AuthRequest') == 3  # the admin's and the user's two
    # a user token too, unless de-registered: Carbonio keeps that in LDAP
    ok(send(sim, kept, 'EndSessionRequest'))
    assert fault_code(send(sim, ended, 'EndSessionRequest')) == 'service.AUTH_EXPIRED'
    assert control(sim, 'GET', 'health') == {'ok': True, 'restarts': 1}
    assert [line['injected'] for line in sim.log() if line['request'] == 'CreateDomainRequest'][-1] == 'restart'


def test_a_connection_opened_before_gets_503_while_down(sim):
    ok(sim.soap('CreateDomainRequest', name='open.restart.test'))
    restarts = control(sim, 'GET', 'health')['restarts']
    host, port = sim.ready['url'].split('/')[2].split(':')
    kept = http.client.HTTPSConnection(host, int(port), context=sim.ssl, timeout=30)
    try:
        kept.request('GET', '/_simulator/health')  # HTTP/1.1: the connection stays open after the answer
        kept.getresponse().read()
        arm_restart(sim, 'GetDomainRequest', down_ms=2000)
        assert lost(lambda: get_domain(sim, 'open.restart.test'))
        kept.request('POST', '/service/admin/soap/', body=b'{}', headers={'Content-Type': 'application/json'})
        answer = kept.getresponse()
        assert (answer.status, answer.getheader('Retry-After')) == (503, '1')
        answer.read()
    finally:
        kept.close()
    assert ok(wait_until_up(sim, 'open.restart.test')[0])
    assert control(sim, 'GET', 'health')['restarts'] == restarts + 1


def test_the_new_slapd_lives_as_long_as_its_simulator(tmp_path, start_simulator):
    """Started on the main thread, not the request's (which ends at once): a killed simulator still takes it along."""
    first = start_simulator(tmp_path)
    ok(first.soap('CreateDomainRequest', name='kept.restart.test'))
    arm_restart(first, 'GetDomainRequest', down_ms=0)
    assert lost(lambda: get_domain(first, 'kept.restart.test'))
    ok(wait_until_up(first, 'kept.restart.test')[0])
    [slapd] = slapd_pids(tmp_path)
    time.sleep(0.5)
    assert running(slapd) and ok(get_domain(first, 'kept.restart.test'))
    first.proc.kill()
    first.proc.wait()
    assert eventually(lambda: slapd not in slapd_pids(tmp_path))
