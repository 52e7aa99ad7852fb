"""Run a command with simulated Carbonio proxy nodes and an ACME CA, then stop them all (the proxy lab).

From the collection root (of this repository or of an installed copy):
    python -m tests.simulator.proxy_lab --dir DIR [--nodes N] -- COMMAND...
Needs a running simulator, given in the environment as tools/with_simulator.py gives it (CARBONIO_URL,
CARBONIO_ADMIN_USER, CARBONIO_ADMIN_PASSWORD, CARBONIO_CA_PATH, CARBONIO_CONTROL_URL), and Debian's pebble and
nginx (nginx-light). Starts, all on 127.0.0.1:
- pebble, the ACME CA, with pebble-challtestsrv as its DNS server (every name is 127.0.0.1); the root that signs what
  it issues is added to the simulator's trust store, as Let's Encrypt's root is in a real server's;
- N proxy nodes (tests/simulator/proxy_node): a server entry each in the simulator (which then stands for a
  multi-server installation whose proxies are these nodes: the seeded server keeps mailbox and mta), a node root
  with Carbonio's node commands, and a real nginx started by the node's own `zmproxyctl start`;
- a front nginx on pebble's http-01 port, standing for public DNS and the load balancer in front of the proxies: a
  challenge is answered by any node that has its file.
The command gets CARBONIO_PROXY_LAB, the path of a JSON file describing all of it (nodes, ports, roots, the ACME
directory and the CA files).
"""
import argparse
import datetime
import ipaddress
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.simulator.proxy_node import layout
from tests.simulator.proxy_node.admin_api import AdminApi
from tests.simulator.slapd import die_with_parent

NGINX = '/usr/sbin/nginx'
COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDED_SERVER = 'mail.carbonio.test'


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _write(path, data, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb' if isinstance(data, bytes) else 'w') as handle:
        handle.write(data)
    os.chmod(path, mode)


def self_signed(cn, names, ca_cert=None, ca_key=None, ca=False):
    """(certificate PEM, key PEM): for pebble's TLS (its own CA and a localhost certificate) and a node's default."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(ca_cert.subject if ca_cert else name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address(n)) if n[0].isdigit() else x509.DNSName(n) for n in names]), critical=False)
    cert = builder.sign(ca_key or key, hashes.SHA256())
    return cert, key, cert.public_bytes(serialization.Encoding.PEM), key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def wait_for(url, context, timeout=30):
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, context=context, timeout=5) as answer:
                return answer.read()
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


class Lab:
    def __init__(self, folder, count):
        self.folder = os.path.abspath(folder)
        self.count = count
        self.processes = []
        self.nodes = []
        self.front_pid_file = os.path.join(self.folder, 'front', 'nginx.pid')
        self.simulator = dict(url=os.environ['CARBONIO_URL'], admin_user=os.environ['CARBONIO_ADMIN_USER'],
                              admin_password=os.environ['CARBONIO_ADMIN_PASSWORD'], ca_path=os.environ['CARBONIO_CA_PATH'])
        self.control_url = os.environ['CARBONIO_CONTROL_URL']
        self.api = AdminApi(self.simulator)
        self.server_ids = []
        self.seeded_id = None

    def _spawn(self, argv, env=None):
        process = subprocess.Popen(argv, env=dict(os.environ, **(env or {})), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   preexec_fn=die_with_parent(os.getpid(), signal.SIGTERM))  # pylint: disable=subprocess-popen-preexec-fn
        self.processes.append(process)
        return process

    def _control(self, path, payload):
        request = urllib.request.Request(self.control_url + path, data=json.dumps(payload).encode(), method='POST')
        context = ssl.create_default_context(cafile=self.simulator['ca_path'])
        with urllib.request.urlopen(request, context=context, timeout=30) as answer:
            return json.loads(answer.read())

    def start_acme(self):
        folder = os.path.join(self.folder, 'pebble')
        ca_cert, ca_key, ca_pem, _ca_key = self_signed('Pebble TLS CA (test)', [], ca=True)
        _cert, _key, cert_pem, key_pem = self_signed('localhost', ['localhost', '127.0.0.1'], ca_cert, ca_key)
        _write(os.path.join(folder, 'tls-ca.pem'), ca_pem)
        _write(os.path.join(folder, 'cert.pem'), cert_pem)
        _write(os.path.join(folder, 'key.pem'), key_pem, 0o600)
        self.acme_port, management, dns, self.front_port = free_port(), free_port(), free_port(), free_port()
        config = {'pebble': {'listenAddress': '127.0.0.1:%d' % self.acme_port, 'managementListenAddress': '127.0.0.1:%d' % management,
                             'certificate': os.path.join(folder, 'cert.pem'), 'privateKey': os.path.join(folder, 'key.pem'),
                             'httpPort': self.front_port, 'tlsPort': free_port(), 'ocspResponderURL': '',
                             'externalAccountBindingRequired': False}}
        _write(os.path.join(folder, 'pebble.json'), json.dumps(config))
        self._spawn(['pebble-challtestsrv', '-dns01', '127.0.0.1:%d' % dns, '-http01', '', '-https01', '', '-tlsalpn01', '',
                     '-management', '127.0.0.1:%d' % free_port(), '-defaultIPv6', ''])
        self._spawn(['pebble', '-config', os.path.join(folder, 'pebble.json'), '-dnsserver', '127.0.0.1:%d' % dns],
                    env={'PEBBLE_VA_NOSLEEP': '1', 'PEBBLE_WFE_NONCEREJECT': '0', 'PEBBLE_AUTHZREUSE': '0'})
        context = ssl.create_default_context(cafile=os.path.join(folder, 'tls-ca.pem'))
        self.directory = 'https://127.0.0.1:%d/dir' % self.acme_port
        wait_for(self.directory, context)
        root = wait_for('https://127.0.0.1:%d/roots/0' % management, context).decode()
        self.acme_ca = os.path.join(folder, 'tls-ca.pem')
        self.issuer_root = os.path.join(folder, 'issuer-root.pem')
        _write(self.issuer_root, root)
        self._control('trusted-roots', {'name': 'pebble', 'pem': root})

    def start_nodes(self):
        seeded = self.api.call('GetServerRequest', {'server': {'by': 'name', '_content': SEEDED_SERVER}})['server'][0]
        self.seeded_id = seeded['id']
        self.api.call('ModifyServerRequest', {'id': self.seeded_id, 'a': [{'n': '-zimbraServiceEnabled', '_content': 'proxy'}]})
        for number in range(1, self.count + 1):
            server = 'proxy%d.carbonio.test' % number
            created = self.api.call('CreateServerRequest', {'name': server, 'a': [
                {'n': 'zimbraServiceInstalled', '_content': 'proxy'}, {'n': 'zimbraServiceEnabled', '_content': 'proxy'}]})
            self.server_ids.append(created['server'][0]['id'])
            root = os.path.join(self.folder, 'nodes', 'proxy%d' % number)
            settings = dict(server=server, https_port=free_port(), http_port=free_port(), simulator=self.simulator,
                            acme=dict(directory=self.directory, ca_path=self.acme_ca))
            node = layout.create(root, settings)
            _cert, _key, cert_pem, key_pem = self_signed(server, [server])
            _write(os.path.join(node.conf, 'nginx.crt'), cert_pem)
            _write(os.path.join(node.conf, 'nginx.key'), key_pem, 0o600)
            self._control('nodes', {'server': server, 'root': root})
            done = subprocess.run([node.path('/opt/zextras/bin/zmproxyctl'), 'start'], capture_output=True, text=True, check=False)
            if done.returncode:
                raise SystemExit('node %s did not start: %s%s' % (server, done.stdout, done.stderr))
            self.nodes.append(dict(server=server, root=root, zextras_root=node.zextras, bin=node.path('usr', 'bin'),
                                   https_port=settings['https_port'],
                                   http_port=settings['http_port'], certbot_log=node.certbot_log))

    def start_front(self):
        folder = os.path.join(self.folder, 'front')
        os.makedirs(os.path.join(folder, 'tmp'), exist_ok=True)
        upstreams = ''.join('    server 127.0.0.1:%d;\n' % node['http_port'] for node in self.nodes)
        user = 'user root;\n' if os.geteuid() == 0 else ''
        conf = ('%sworker_processes 1;\npid %s;\nerror_log %s/error.log warn;\nevents { worker_connections 64; }\nhttp {\n'
                '  access_log off;\n  client_body_temp_path %s/tmp/body;\n  proxy_temp_path %s/tmp/proxy;\n'
                '  fastcgi_temp_path %s/tmp/fastcgi;\n  uwsgi_temp_path %s/tmp/uwsgi;\n  scgi_temp_path %s/tmp/scgi;\n'
                '  upstream proxies {\n%s  }\n  server {\n    listen 127.0.0.1:%d;\n    location / {\n'
                '      proxy_pass http://proxies;\n      proxy_set_header Host $host;\n'
                '      proxy_next_upstream error timeout http_404;\n    }\n  }\n}\n') % (
                    user, self.front_pid_file, folder, folder, folder, folder, folder, folder, upstreams, self.front_port)
        _write(os.path.join(folder, 'nginx.conf'), conf)
        subprocess.run([NGINX, '-e', os.path.join(folder, 'error.log'), '-c', os.path.join(folder, 'nginx.conf')], check=True)

    def describe(self):
        path = os.path.join(self.folder, 'lab.json')
        _write(path, json.dumps(dict(nodes=self.nodes, front_port=self.front_port,
                                     acme=dict(directory=self.directory, ca_path=self.acme_ca, issuer_root=self.issuer_root)), indent=1))
        return path

    def stop(self):
        for node in self.nodes:
            subprocess.run([os.path.join(node['zextras_root'], 'bin', 'zmproxyctl'), 'stop'], capture_output=True, check=False)
        try:
            with open(self.front_pid_file, encoding='utf-8') as handle:
                front = int(handle.read().strip())
            os.kill(front, signal.SIGQUIT)
            for _wait in range(100):
                os.kill(front, 0)
                time.sleep(0.05)
        except (OSError, ValueError):
            pass
        for process in self.processes:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        for server_id in self.server_ids:
            self.api.call('DeleteServerRequest', {'id': server_id})
        if self.seeded_id:
            self.api.call('ModifyServerRequest', {'id': self.seeded_id, 'a': [{'n': '+zimbraServiceEnabled', '_content': 'proxy'}]})


def start_simulator(data_dir):
    """A simulator of the lab's own on a fresh data dir, its connection exported as tools/with_simulator.py does."""
    data_dir = os.path.abspath(data_dir)
    shutil.rmtree(data_dir, ignore_errors=True)
    os.makedirs(data_dir)
    password = secrets.token_urlsafe(18)
    process = subprocess.Popen(  # pylint: disable=consider-using-with
        [sys.executable, '-m', 'tests.simulator', '--port', '0', '--data-dir', data_dir,
         '--request-log', os.path.join(data_dir, 'requests.jsonl')],
        cwd=COLLECTION_ROOT, env=dict(os.environ, CARBONIO_SIM_ADMIN_PASSWORD=password), stdout=subprocess.PIPE, text=True,
        preexec_fn=die_with_parent(os.getpid(), signal.SIGTERM))  # pylint: disable=subprocess-popen-preexec-fn
    line = process.stdout.readline()
    if not line:
        process.wait()
        raise SystemExit('the simulator exited before it was ready (exit code %s)' % process.returncode)
    ready = json.loads(line)
    os.environ.update(CARBONIO_URL=ready['url'], CARBONIO_ADMIN_USER=ready['admin_user'], CARBONIO_ADMIN_PASSWORD=password,
                      CARBONIO_CA_PATH=ready['ca_path'], CARBONIO_REQUEST_LOG=ready['request_log'],
                      CARBONIO_CONTROL_URL=ready['control_url'])
    return process


def stop_simulator(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--dir', required=True, help='a scratch folder for the nodes, pebble and nginx (emptied first)')
    parser.add_argument('--nodes', type=int, default=3, help='how many proxy nodes (default 3)')
    parser.add_argument('--simulator', metavar='DATA_DIR',
                        help='start a simulator of the lab\'s own on DATA_DIR (emptied first) instead of using the one the '
                             'CARBONIO_* environment names; COMMAND gets its connection in the same variables')
    parser.add_argument('command', nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    if not command:
        parser.error('no command to run')
    if not args.simulator and 'CARBONIO_CONTROL_URL' not in os.environ:
        parser.error('no simulator: give --simulator DATA_DIR, or run under one (CARBONIO_URL ... CARBONIO_CONTROL_URL set)')
    simulator = start_simulator(args.simulator) if args.simulator else None
    try:
        shutil.rmtree(args.dir, ignore_errors=True)
        lab = Lab(args.dir, args.nodes)
        try:
            lab.start_acme()
            lab.start_nodes()
            lab.start_front()
            return subprocess.call(command, env=dict(os.environ, CARBONIO_PROXY_LAB=lab.describe()))
        finally:
            lab.stop()
    finally:
        if simulator:
            stop_simulator(simulator)


if __name__ == '__main__':
    sys.exit(main())
