"""HTTPS front end: SOAP endpoint, control API (/_simulator/), latency and transport-level fault injection.

Threaded stdlib server on 127.0.0.1; each connection's TLS handshake runs in its own thread.
"""

import json
import ssl
import sys
import time
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import wire_json
from .errors import ServiceFault

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

    def do_GET(self):  # pylint: disable=invalid-name
        if self.path.startswith(CONTROL_PREFIX):
            return self._control('GET')
        return self._send(404, b'{"error": "not found"}')

    def do_DELETE(self):  # pylint: disable=invalid-name
        if self.path.startswith(CONTROL_PREFIX):
            return self._control('DELETE')
        return self._send(404, b'{"error": "not found"}')

    def do_POST(self):  # pylint: disable=invalid-name
        if self.path.startswith(CONTROL_PREFIX):
            return self._control('POST')
        if self.path.split('?')[0].startswith(SOAP_PREFIX):
            return self._soap()
        return self._send(404, b'{"error": "not found"}')

    # --- control API -----------------------------------------------------------------------------------

    def _control(self, method):
        sim = self.sim
        path = self.path[len(CONTROL_PREFIX):].split('?')[0].strip('/')
        try:
            payload = json.loads(self._read_body() or b'{}') if method == 'POST' else {}
            if path == 'health' and method == 'GET':
                result = {'ok': True}
            elif path == 'faults' and method == 'POST':
                result = {'ok': True, 'fault': sim.faults.add(payload).describe()}
            elif path == 'faults' and method == 'DELETE':
                sim.faults.clear()
                result = {'ok': True}
            elif path == 'faults' and method == 'GET':
                result = {'ok': True, 'faults': sim.faults.list()}
            elif path == 'tokens' and method == 'GET':
                result = {'ok': True, 'tokens': list(sim.tokens.issued)}
            elif path == 'quota-usage' and method == 'POST':
                sim.quota_used[str(payload['name']).lower()] = int(payload['used'])
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
        raw = self._read_body()
        if sim.latency_ms:
            time.sleep(sim.latency_ms / 1000.0)
        try:
            context, body = wire_json.decode_envelope(raw)
        except ServiceFault as fault:
            sim.request_log.record('(unparsable)', status=500, fault=fault.code, write=False)
            return self._send(500, wire_json.encode_fault(fault))
        rule = sim.faults.take_transport(body.name)
        injected = rule.kind if rule else None
        if injected == 'unavailable':
            sim.request_log.record(body.name, status=503, injected=injected)
            return self._send(503, b'{"error": "service unavailable (injected)"}', headers={'Retry-After': str(rule.retry_after)})
        if injected == 'drop_before':
            sim.request_log.record(body.name, status=None, injected=injected)
            return self._drop()
        if injected == 'slow':
            time.sleep(rule.delay_ms / 1000.0)
        outcome = sim.engine.execute(context, body, self._cookie_token())
        sim.request_log.record(body.name, status=outcome.status, fault=outcome.fault, injected=injected)
        for item in outcome.items:
            sim.request_log.record(item['request'], batch=True, status=outcome.status, fault=item['fault'], injected=item['injected'])
        if injected == 'drop_after':
            return self._drop()
        headers = {}
        if outcome.token:
            headers['Set-Cookie'] = f'ZM_ADMIN_AUTH_TOKEN={outcome.token}; Path=/; Secure; HttpOnly'
        return self._send(outcome.status, outcome.body, headers=headers)


class SimulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ssl.SSLError, ConnectionError, TimeoutError)):
            return  # clients that hang up or fail TLS are not the simulator's problem
        super().handle_error(request, client_address)


def make_server(sim, port, cert_path, key_path):
    handler = type('BoundHandler', (Handler,), {'sim': sim})
    httpd = SimulatorHTTPServer(('127.0.0.1', port), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    # lazy handshake: it happens in the connection's worker thread, not in the accept loop
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True, do_handshake_on_connect=False)
    return httpd
