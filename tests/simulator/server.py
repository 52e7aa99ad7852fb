"""HTTPS front end: SOAP endpoint, REST extension, control API (/_simulator/), latency and transport-level faults.

Threaded stdlib server on 127.0.0.1; each connection's TLS handshake runs in its own thread. While a `restart`
fault has the server down, its listening socket is closed (new connections are refused) and requests on
connections opened before are answered 503.
"""

import json
import os
import socket
import ssl
import sys
import threading
import time
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

from . import rest_engine, wire_json
from .errors import ServiceFault
from .handlers.zextras_mobile import register_device
from .registry import rest_label, soap_label

SOAP_PREFIX = '/service/admin/soap'
CONTROL_PREFIX = '/_simulator/'


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'CarbonioSimulator/1.0'
    sim = None  # set by make_server

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass  # the request log is the record; keep stderr quiet

    def _read_body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length else b''

    def _send(self, status, body, content_type='application/json; charset=utf-8', headers=None):
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _drop(self):
        """Close the connection without an answer (injected drop_before/drop_after)."""
        self.close_connection = True
        try:
            self.connection.shutdown(2)
        except OSError:
            pass

    # --- routing -------------------------------------------------------------------------------------

    def _route(self, method):
        if self.path.startswith(CONTROL_PREFIX):
            return self._control(method)
        if self.sim.down.is_set():
            # a request on a connection opened before the restart (new ones are refused): 503 says the work was not
            # started, so a client may send it again
            self._read_body()
            self.close_connection = True
            return self._send(503, b'{"error": "service unavailable (restarting)"}', headers={'Retry-After': '1'})
        if self.path.startswith(rest_engine.REST_PREFIX):
            return self._rest(method)
        if method == 'POST' and self.path.split('?')[0].startswith(SOAP_PREFIX):
            return self._soap()
        self._read_body()  # keep the connection usable
        return self._send(404, b'{"error": "not found"}')

    def do_GET(self):  # pylint: disable=invalid-name
        return self._route('GET')

    def do_DELETE(self):  # pylint: disable=invalid-name
        return self._route('DELETE')

    def do_POST(self):  # pylint: disable=invalid-name
        return self._route('POST')

    def do_PUT(self):  # pylint: disable=invalid-name
        return self._route('PUT')

    # --- control API -----------------------------------------------------------------------------------

    def _control(self, method):
        sim = self.sim
        path = self.path[len(CONTROL_PREFIX):].split('?')[0].strip('/')
        try:
            payload = json.loads(self._read_body() or b'{}') if method == 'POST' else {}
            if path == 'health' and method == 'GET':
                result = {'ok': True, 'restarts': sim.restarts}
            elif path == 'faults' and method == 'POST':
                result = {'ok': True, 'fault': sim.faults.add(payload).describe()}
            elif path == 'faults' and method == 'DELETE':
                sim.faults.clear()
                result = {'ok': True}
            elif path == 'faults' and method == 'GET':
                result = {'ok': True, 'faults': sim.faults.list()}
            elif path == 'tokens' and method == 'GET':
                result = {'ok': True, 'tokens': list(sim.tokens.issued)}
            elif path == 'nodes' and method == 'POST':
                # the root of the simulated node that stands for a server (remote_certbot.py)
                sim.state.put('nodes', str(payload['server']), os.path.abspath(str(payload['root'])))
                result = {'ok': True}
            elif path == 'trusted-roots' and method == 'POST':
                # a root the server's trust store holds (openssl's default store): a private ACME CA's
                sim.state.put('trusted-roots', str(payload['name']), str(payload['pem']))
                result = {'ok': True}
            elif path in ('certbot', 'outbox', 'gal-syncs') and method == 'GET':
                if 'wait' in self.path:
                    sim.remote_certbot.wait(60)
                runs = sim.state.section(path)
                result = {'ok': True, path: [runs[key] for key in sorted(runs)]}
            elif path == 'restore-delay' and method == 'POST':
                # how long a restore onto a new account takes (handlers/zextras_core.py)
                sim.state.put('settings', 'restore-delay-ms', int(payload['ms']))
                result = {'ok': True}
            elif path == 'backup' and method == 'GET':
                # what the backup holds of every account (backup.py), with each one's mailbox data marker
                result = {'ok': True, 'accounts': {key: dict(record) for key, record in sim.backup.accounts.items()}}
            elif path == 'mobile-devices' and method == 'POST':
                # a phone that synchronised with the account (handlers/zextras_mobile.py)
                with sim.engine.lock:
                    sim.directory.begin_request()
                    result = {'ok': True, 'device': register_device(sim, payload)}
            elif path == 'quota-usage' and method == 'POST':
                sim.state.put('quota-usage', str(payload['name']).lower(), int(payload['used']))
                result = {'ok': True}
            else:
                return self._send(404, json.dumps({'ok': False, 'error': f'unknown control call {method} {path}'}).encode())
        except (ValueError, KeyError, TypeError) as exc:
            return self._send(400, json.dumps({'ok': False, 'error': str(exc)}).encode())
        return self._send(200, json.dumps(result).encode())

    # --- SOAP ------------------------------------------------------------------------------------------

    def _cookie_token(self):
        cookie = SimpleCookie(self.headers.get('Cookie') or '')
        morsel = cookie.get('ZM_ADMIN_AUTH_TOKEN')
        return morsel.value if morsel else None

    def _soap(self):
        sim = self.sim
        received = time.time()
        raw = self._read_body()
        if sim.latency_ms:
            time.sleep(sim.latency_ms / 1000.0)
        try:
            context, body = wire_json.decode_envelope(raw)
        except ServiceFault as fault:
            sim.request_log.record('(unparsable)', False, status=500, fault=fault.code)
            return self._send(500, wire_json.encode_fault(fault))
        label, writes = soap_label(body)
        rule = self._transport_fault(label, writes, body.name)
        injected = rule.kind if rule else None
        if injected in ('unavailable', 'drop_before'):
            return None
        outcome = sim.engine.execute(context, body, self._cookie_token())
        sim.request_log.record(label, writes, status=outcome.status, fault=outcome.fault, injected=injected, received=received)
        for item in outcome.items:
            sim.request_log.record(item['request'], item['write'], batch=True, status=outcome.status, fault=item['fault'],
                                   injected=item['injected'], received=received)
        if injected == 'drop_after':
            return self._drop()
        if injected == 'restart':
            return sim.restart(rule.down_ms, lose_answer=self._drop)
        headers = {}
        if outcome.token:
            headers['Set-Cookie'] = f'ZM_ADMIN_AUTH_TOKEN={outcome.token}; Path=/; Secure; HttpOnly'
        return self._send(outcome.status, outcome.body, headers=headers)

    def _transport_fault(self, label, writes, *names):
        """Apply an injected transport fault to this request; its rule or None. After `unavailable` and
        `drop_before` the request is over (answered 503, or the connection closed)."""
        sim = self.sim
        rule = sim.faults.take_transport(label, *names)
        injected = rule.kind if rule else None
        if injected == 'unavailable':
            sim.request_log.record(label, writes, status=503, injected=injected)
            self._send(503, b'{"error": "service unavailable (injected)"}', headers={'Retry-After': str(rule.retry_after)})
        elif injected == 'drop_before':
            sim.request_log.record(label, writes, status=None, injected=injected)
            self._drop()
        elif injected == 'slow':
            time.sleep(rule.delay_ms / 1000.0)
        return rule

    # --- REST extension --------------------------------------------------------------------------------

    def _rest(self, method):
        sim = self.sim
        raw = self._read_body()
        if sim.latency_ms:
            time.sleep(sim.latency_ms / 1000.0)
        path, _sep, query = self.path[len(rest_engine.REST_PREFIX):].partition('?')
        path = unquote(path)
        label, writes = rest_label(method, path)
        rule = self._transport_fault(label, writes)
        injected = rule.kind if rule else None
        if injected in ('unavailable', 'drop_before'):
            return None
        status, result = rest_engine.execute(sim, method, path, query, raw.decode('utf-8', 'replace'), self._cookie_token())
        error = result.get('error') if isinstance(result, dict) else None
        fault = error.get('details', {}).get('cause') if isinstance(error, dict) else None
        sim.request_log.record(label, writes, status=status, fault=fault, injected=injected)
        if injected == 'drop_after':
            return self._drop()
        if injected == 'restart':
            return sim.restart(rule.down_ms, lose_answer=self._drop)
        return self._send(status, json.dumps(result).encode('utf-8'))


class SimulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    tls = None  # the SSLContext the listening socket is wrapped with (again after a restart)

    def serve_in_background(self):
        threading.Thread(target=self.serve_forever, name='https', daemon=True).start()

    def stop_listening(self):
        """Stop accepting and close the listening socket: connecting is refused, as to a server that is down.
        Connections already open stay (a request thread may call this: serve_forever runs in another)."""
        self.shutdown()
        self.socket.close()

    def listen_again(self):
        """Listen on the same port again (HTTPServer sets SO_REUSEADDR, so the closed connections' TIME_WAIT
        does not hold it) and serve."""
        self.socket = socket.socket(self.address_family, self.socket_type)
        self.server_bind()
        self.server_activate()
        self.wrap_tls()
        self.serve_in_background()

    def wrap_tls(self):
        # lazy handshake: it happens in the connection's worker thread, not in the accept loop
        self.socket = self.tls.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ssl.SSLError, ConnectionError, TimeoutError)):
            return  # clients that hang up or fail TLS are not the simulator's problem
        super().handle_error(request, client_address)


def make_server(sim, port, cert_path, key_path):
    handler = type('BoundHandler', (Handler,), {'sim': sim})
    httpd = SimulatorHTTPServer(('127.0.0.1', port), handler)
    httpd.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    httpd.tls.load_cert_chain(cert_path, key_path)
    httpd.wrap_tls()
    return httpd
