"""The simulator process: wires catalog, slapd, directory, tokens, faults, request log and HTTPS server together.

Startup order: TLS material, schema + slapd.conf, slapd, seed (only into an empty database), HTTPS; then one
JSON ready line on stdout. SIGTERM/SIGINT stop the HTTPS server and slapd, and the process exits 0. A `restart`
fault crashes slapd and starts it again while the HTTPS port is closed (Simulator.restart).
"""

import cProfile
import json
import os
import queue
import signal
import threading
import time

from .catalog import Catalog
from .directory import Directory
from .faults import FaultRegistry
from .request_log import RequestLog
from .seed import seed_entries
from .server import make_server
from .session_store import SessionStore
from .slapd import Slapd, write_config
from .soap_engine import SoapEngine
from .backup import Backup
from .state_store import StateStore
from .timeutil import duration_ms
from .remote_certbot import RemoteCertbot
from .tls import ensure_certificates
from .tokens import TokenStore

SEEDED_MARKER = 'seeded'
# a file name: SOAP requests run under cProfile, whose stats are written there on stop (bench/simulator_profile.py)
PROFILE_ENV = 'CARBONIO_SIM_PROFILE'


class Simulator:
    def __init__(self, options):
        self.options = options
        self.data_dir = os.path.abspath(options.data_dir)
        os.makedirs(self.data_dir, exist_ok=True)
        self.admin_user = options.admin_user.strip().lower()
        self.admin_password = options.admin_password
        self.latency_ms = options.latency_ms
        self.request_log = RequestLog(os.path.abspath(options.request_log) if options.request_log else None)
        self.catalog = Catalog()
        self.state = StateStore(self.data_dir)  # what Carbonio keeps outside LDAP
        self.backup = Backup(self.data_dir)  # what its backup holds of every account
        self.remote_certbot = RemoteCertbot(self.state)  # what IssueCert starts on a proxy node
        self.slapd = None
        self.directory = None
        self.tokens = None
        self.sessions = SessionStore()
        self.caller = None  # TokenInfo of the envelope being executed (set by SoapEngine, which runs one at a time)
        self.engine = None
        self.httpd = None
        self.faults = FaultRegistry(on_expire_tokens=self._expire_tokens)
        self.profiler = None
        self.down = threading.Event()  # set while a restart has the server down: server.py answers 503
        self.restarts = 0  # backend restarts so far (the control API's health answer)
        self._main_calls = queue.Queue()  # work for the main thread: see _on_main_thread

    def _expire_tokens(self):
        self.tokens.expire_all()

    def _seed_if_empty(self):
        if os.path.exists(os.path.join(self.data_dir, SEEDED_MARKER)):
            return
        for dn, attrs in seed_entries(self.catalog):
            if not self.directory.exists(dn):
                self.directory.add(dn, attrs)
        with open(os.path.join(self.data_dir, SEEDED_MARKER), 'w', encoding='utf-8') as handle:
            handle.write('directory seeded from tests/carbonio-ldap\n')

    def start(self):
        ca_path, cert_path, key_path = ensure_certificates(self.data_dir)
        self.slapd = Slapd(self.data_dir, write_config(self.data_dir, self.catalog))
        self.slapd.start()  # from the main thread: slapd's parent-death signal follows the thread that forks it
        self.directory = Directory(self.slapd.connect())
        self._seed_if_empty()
        lifetime = self.directory.get('cn=default,cn=cos,cn=zimbra').first('zimbraAdminAuthTokenLifetime') or '12h'
        self.tokens = TokenStore(self.data_dir, duration_ms(lifetime) or 12 * 3600 * 1000)
        for spec in self.options.fault or []:
            self.faults.add(spec)
        self.engine = SoapEngine(self)
        if os.environ.get(PROFILE_ENV):
            self._profile_engine()
        self.httpd = make_server(self, self.options.port, cert_path, key_path)
        port = self.httpd.server_address[1]
        return {'url': f'https://127.0.0.1:{port}/service/admin/soap/', 'ca_path': ca_path, 'admin_user': self.admin_user,
                'request_log': self.request_log.path, 'control_url': f'https://127.0.0.1:{port}/_simulator/',
                'ldap_url': self.slapd.url}

    def _profile_engine(self):
        """Run every SOAP envelope under one cProfile.Profile, one at a time (as the engine runs them anyway)."""
        self.profiler = cProfile.Profile()
        execute, lock = self.engine.execute, threading.Lock()

        def profiled(*args, **kwargs):
            with lock:
                return self.profiler.runcall(execute, *args, **kwargs)
        self.engine.execute = profiled

    def restart(self, down_ms, lose_answer):
        """The `restart` fault, from the thread of the request that triggered it (run, its answer not sent): the
        port closes, lose_answer() drops the connection, slapd crashes and starts again, and after down_ms (or as
        long as slapd took) the port opens again. The engine lock is held throughout: no request runs against a
        half-restarted directory."""
        back_at = time.monotonic() + down_ms / 1000.0
        with self.engine.lock:
            self.down.set()
            self.httpd.stop_listening()  # before the answer is lost: the client's next try finds the server down
            lose_answer()
            self._on_main_thread(self._restart_backend)
            time.sleep(max(0.0, back_at - time.monotonic()))
            self.restarts += 1
            self.down.clear()  # before the port opens, so no new connection finds it still set
            self.httpd.listen_again()

    def _restart_backend(self):
        """What a Carbonio restart keeps and loses. Kept: the directory's data (slapd killed, not stopped, then
        started on the same database and port), state.json (read again, as a new process reads it) and the tokens:
        signed, so one within its lifetime stays valid, and a de-registered one stays refused (Carbonio removes it
        from the account's zimbraAuthTokens in LDAP). Lost with the process's memory: the sessions and the
        directory's caches (a new connection, a new Directory)."""
        self.slapd.crash()
        self.directory.conn.close_after_crash()
        self.slapd.start()
        self.directory = Directory(self.slapd.connect())
        self.sessions = SessionStore()
        self.state = StateStore(self.data_dir)

    def _on_main_thread(self, func):
        """Run func on the main thread (run()'s loop) and wait for it: slapd's parent-death signal follows the
        thread that forks it, and a request's thread ends with its connection."""
        done = threading.Event()
        self._main_calls.put((func, done))
        done.wait()

    def serve_main_calls(self, timeout):
        """run()'s loop: run what _on_main_thread queued, else return after timeout seconds. An exception ends
        the simulator: a backend that cannot come back leaves the service down for good."""
        try:
            func, done = self._main_calls.get(timeout=timeout)
        except queue.Empty:
            return
        func()
        done.set()

    def stop(self):
        self.remote_certbot.stop()
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
        if self.profiler:
            self.profiler.dump_stats(os.environ[PROFILE_ENV])
        if self.directory:
            self.directory.conn.unbind()
        if self.slapd:
            self.slapd.stop()


def run(options):
    sim = Simulator(options)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        ready = sim.start()
        sim.httpd.serve_in_background()
        print(json.dumps(ready), flush=True)
        while not stop.is_set():
            sim.serve_main_calls(timeout=1.0)
    finally:
        sim.stop()
    return 0
