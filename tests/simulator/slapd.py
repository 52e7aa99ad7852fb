"""The slapd child process: its generated slapd.conf, schema files, start, readiness wait and stop."""

import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time

from . import ldap_connection, schema

ROOT_DN = 'uid=zimbra,cn=admins,cn=zimbra'
DEBIAN_SCHEMA_DIR = '/etc/ldap/schema'
DEBIAN_SCHEMAS = ('core', 'cosine', 'inetorgperson', 'nis', 'dyngroup')
SLAPD = shutil.which('slapd') or '/usr/sbin/slapd'
SLAPINDEX = shutil.which('slapindex') or '/usr/sbin/slapindex'
MODULE_PATH = '/usr/lib/ldap'
PID_FILE = 'slapd.pid'
REINDEX_MARKER = 'slapd.reindex'  # the index lines changed under an existing database: slapindex before slapd starts
# Equality indexes of what the handlers (and the collection's searches) look entries up by; without one, slapd
# reads every entry of the search scope (in an OR filter, one unindexed term is enough).
INDEXED = ('objectClass', 'zimbraId', 'zimbraDomainName', 'mail', 'zimbraMailAlias', 'uid', 'zimbraMailDeliveryAddress',
           'zimbraOldMailAddress', 'zimbraForeignPrincipal', 'zimbraAliasTargetId', 'zimbraMailForwardingAddress',
           'zimbraMemberOf', 'zimbraGalAccountId', 'zimbraVirtualHostname', 'zimbraCOSId', 'zimbraDomainDefaultCOSId')
# Presence indexes: the entries that carry grants, searched when a deleted account's or list's grants are revoked
PRESENCE_INDEXED = ('zimbraACE',)
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _write_if_changed(path, text):
    if os.path.exists(path):
        with open(path, encoding='utf-8') as handle:
            if handle.read() == text:
                return
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)


def root_password(data_dir):
    """The rootdn password, random per data directory and kept there."""
    return kept_secret(data_dir, 'slapd-rootpw')


def kept_secret(data_dir, name):
    """A random password, made once per data directory and kept there in the file `name`."""
    path = os.path.join(data_dir, name)
    if not os.path.exists(path):
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(secrets.token_urlsafe(24))
        os.chmod(path, 0o600)
    with open(path, encoding='utf-8') as handle:
        return handle.read().strip()


def write_config(data_dir, catalog):
    """Generate carbonio.schema, copy amavisd.schema and write slapd.conf; return the slapd.conf path."""
    _write_if_changed(os.path.join(data_dir, 'carbonio.schema'), schema.generate(catalog))
    shutil.copyfile(os.path.join(catalog.data_dir, 'amavisd.schema'), os.path.join(data_dir, 'amavisd.schema'))
    db_dir = os.path.join(data_dir, 'db')
    os.makedirs(db_dir, exist_ok=True)
    includes = [os.path.join(DEBIAN_SCHEMA_DIR, name + '.schema') for name in DEBIAN_SCHEMAS]
    includes += [os.path.join(data_dir, 'carbonio.schema'), os.path.join(data_dir, 'amavisd.schema')]
    conf = '\n'.join([f'include "{path}"' for path in includes] + [
        f'pidfile "{os.path.join(data_dir, PID_FILE)}"',
        f'argsfile "{os.path.join(data_dir, "slapd.args")}"',
        f'modulepath {MODULE_PATH}',
        'moduleload back_mdb',
        'moduleload dynlist',
        '',
        'database mdb',
        'suffix ""',
        f'rootdn "{ROOT_DN}"',
        f'rootpw "{root_password(data_dir)}"',
        f'directory "{db_dir}"',
        'maxsize 1073741824',
        'sizelimit unlimited',
        'timelimit unlimited',
        # a test double: no fsync per write (the OS still writes the data out; a clean stop or a killed
        # simulator keeps it, only a machine crash could lose the last writes)
        'dbnosync',
    ] + [f'index {name} eq' for name in INDEXED] + [f'index {name} pres' for name in PRESENCE_INDEXED] + [
        # memberURL groups are expanded by slapd itself, as on a real Carbonio directory.
        'overlay dynlist',
        'dynlist-attrset groupOfURLs memberURL member',
        '']) + '\n'
    path = os.path.join(data_dir, 'slapd.conf')
    if os.path.exists(os.path.join(db_dir, 'data.mdb')) and _index_lines(path) != _index_lines(conf_text=conf):
        # a database written under other index lines (an older simulator): its indexes are rebuilt before slapd
        # starts, or searches by a newly indexed attribute would miss the entries written before
        with open(os.path.join(data_dir, REINDEX_MARKER), 'w', encoding='utf-8') as handle:
            handle.write('slapindex before the next start\n')
    _write_if_changed(path, conf)
    return path


def _index_lines(path=None, conf_text=None):
    if conf_text is None:
        try:
            with open(path, encoding='utf-8') as handle:
                conf_text = handle.read()
        except OSError:
            conf_text = ''
    return sorted(line.strip() for line in conf_text.splitlines() if line.strip().startswith('index '))


def reindex_if_needed(data_dir, conf_path):
    """Run slapindex when write_config left the marker (slapd must not be running on the database)."""
    marker = os.path.join(data_dir, REINDEX_MARKER)
    if not os.path.exists(marker):
        return
    result = subprocess.run([SLAPINDEX, '-q', '-f', conf_path], stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f'slapindex failed ({result.returncode}): {result.stderr.strip()}')
    os.remove(marker)


def die_with_parent(parent_pid, sig=signal.SIGKILL):
    """A preexec_fn: the kernel sends `sig` to the child when its parent dies, even by SIGKILL, so none is left behind."""
    libc = ctypes.CDLL(None, use_errno=True)

    def preexec():
        libc.prctl(PR_SET_PDEATHSIG, sig)
        if os.getppid() != parent_pid:  # the parent died before prctl took effect
            os._exit(1)
    return preexec


def _runs_on_conf(pid, conf_path):
    """Whether pid is a slapd started on this slapd.conf (a zombie's empty command line counts as gone)."""
    try:
        with open(f'/proc/{pid}/cmdline', 'rb') as handle:
            args = handle.read().split(b'\0')
    except OSError:
        return False
    conf = os.fsencode(conf_path)
    return os.path.basename(args[0]) == b'slapd' and any(flag == b'-f' and value == conf for flag, value in zip(args, args[1:]))


def _wait_gone(pid, conf_path, timeout):
    deadline = time.monotonic() + timeout
    while _runs_on_conf(pid, conf_path):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def stop_stale(data_dir, conf_path):
    """Stop a slapd still serving this data dir (its simulator was killed): two would share one database."""
    try:
        with open(os.path.join(data_dir, PID_FILE), encoding='ascii') as handle:
            pid = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return
    if not _runs_on_conf(pid, conf_path):
        return
    for sig, timeout in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        if _wait_gone(pid, conf_path, timeout):
            return
    raise RuntimeError(f'a stale slapd (pid {pid}) on {conf_path} does not stop')


class Slapd:
    """A slapd process listening on a free loopback port."""

    def __init__(self, data_dir, conf_path):
        self.data_dir = data_dir
        self.conf_path = conf_path
        self.port = None
        self.process = None

    @property
    def url(self):
        return f'ldap://127.0.0.1:{self.port}/'

    def start(self, timeout=10.0):
        """Start slapd. Call it from a thread that lives as long as the simulator (runtime.run uses the main
        thread): the parent-death signal fires when the thread that forked slapd ends, not the process."""
        stop_stale(self.data_dir, self.conf_path)
        reindex_if_needed(self.data_dir, self.conf_path)
        self.port = self.port or free_port()  # started again after a crash: the same URL, as the ready line gave it
        log = open(os.path.join(self.data_dir, 'slapd.log'), 'ab')  # pylint: disable=consider-using-with
        self.process = subprocess.Popen([SLAPD, '-d', '0', '-h', self.url, '-f', self.conf_path],  # pylint: disable=consider-using-with
                                        stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                                        preexec_fn=die_with_parent(os.getpid()))  # pylint: disable=subprocess-popen-preexec-fn
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f'slapd exited with {self.process.returncode}; see {self.data_dir}/slapd.log')
            try:
                with socket.create_connection(('127.0.0.1', self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.03)
        raise RuntimeError('slapd did not answer in time')

    def connect(self):
        return ldap_connection.connect(('127.0.0.1', self.port), ROOT_DN, root_password(self.data_dir))

    def crash(self):
        """SIGKILL, as a crash or the OOM killer would end it: no clean close of the database (LMDB stays
        consistent; what the kernel got, dbnosync or not, is kept)."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
