"""The simulator driven from outside, as users run it: start it, stop it, and speak raw SOAP JSON to it.

Shared by tools/with_simulator.py, bench/ and the simulator's own tests. Raw SOAP (urllib, no
collection code) keeps what prepares or checks the simulator independent of the client under test.
"""
import json
import os
import signal
import ssl
import subprocess
import sys
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from tests.simulator.slapd import die_with_parent  # noqa: E402 pylint: disable=wrong-import-position


class SimulatorProcess:
    """`python -m tests.simulator` on a data dir, from a collection root (this repository's by default, or an
    installed copy's); `ready` is its ready line, `password` the admin password."""

    def __init__(self, data_dir, password, extra_args=(), root=ROOT):
        os.makedirs(data_dir, exist_ok=True)
        self.password = password
        env = dict(os.environ, CARBONIO_SIM_ADMIN_PASSWORD=password)
        self.proc = subprocess.Popen(
            [sys.executable, '-m', 'tests.simulator', '--port', '0', '--data-dir', str(data_dir),
             '--request-log', os.path.join(str(data_dir), 'requests.jsonl')] + list(extra_args),
            cwd=root, env=env, stdout=subprocess.PIPE, text=True,
            # SIGTERM when whoever started it dies, so the simulator stops its slapd and exits as on a clean stop
            preexec_fn=die_with_parent(os.getpid(), signal.SIGTERM))  # pylint: disable=subprocess-popen-preexec-fn
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait()
            raise SystemExit('the simulator exited before it was ready (exit code %s)' % self.proc.returncode)
        self.ready = json.loads(line)
        self.ssl = ssl.create_default_context(cafile=self.ready['ca_path'])
        self.token = None

    def stop(self):
        """SIGTERM, then the exit code (killed after 20 s)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def post(self, payload, content_type='application/json'):
        """(HTTP status, decoded JSON) of one POST to the admin SOAP URL."""
        request = urllib.request.Request(self.ready['url'], data=json.dumps(payload).encode(),
                                         headers={'Content-Type': content_type}, method='POST')
        try:
            with urllib.request.urlopen(request, context=self.ssl, timeout=600) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def login(self):
        auth = {'_jsns': 'urn:zimbraAdmin', 'name': self.ready['admin_user'], 'password': self.password}
        status, body = self.post({'Body': {'AuthRequest': auth}})
        if status != 200:
            raise RuntimeError('simulator refused the admin login: %s' % body)
        self.token = body['Body']['AuthResponse']['authToken'][0]['_content']

    def soap(self, request, **body):
        """(HTTP status, decoded JSON) of one request, authenticated with the admin token."""
        if self.token is None:
            self.login()
        body['_jsns'] = 'urn:zimbra' if request == 'BatchRequest' else 'urn:zimbraAdmin'
        return self.post({'Header': {'context': {'_jsns': 'urn:zimbra', 'authToken': {'_content': self.token}}},
                          'Body': {request: body}})

    def control(self, method, path, body=None):
        """The decoded answer of one call to the control API (``path`` relative to control_url, query included)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.ready['control_url'] + path, data=data, method=method)
        with urllib.request.urlopen(request, context=self.ssl, timeout=120) as answer:
            return json.loads(answer.read())

    def log(self):
        """The request log, one dict per line."""
        with open(self.ready['request_log'], encoding='utf-8') as handle:
            return [json.loads(line) for line in handle]
