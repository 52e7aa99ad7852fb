"""What IssueCert starts and Carbonio does not wait for (carbonio-api-features.md 1.5): certbot run on the first proxy
server through the remote manager, then the notification mails classified from its output.

A proxy server is reached through the node root a test registered for it (control API `nodes`): the root's
`opt/zextras/libexec/certbot` is run with Carbonio's own arguments, as zmrcd maps `certbot certonly ...` there. Without
a registered node the remote call fails as an SSH failure would. Each run and each mail is kept in the state store,
where the control API shows them (`certbot`, `outbox`); the directory is not touched (1.5: only proxy configuration
generation on that node writes the lineage back).
"""

import os
import subprocess
import threading
import time

CERTBOT = ('opt', 'zextras', 'libexec', 'certbot')
RUN_TIMEOUT = 300


def certbot_arguments(email, domain_name, public_hostname, virtual_hosts):
    """RemoteCertbot's command line: the public service hostname first (it becomes the subject), then each virtual host."""
    arguments = ['certonly', '--agree-tos', '--email', email, '-n', '--keep', '--webroot', '-w', '/opt/zextras',
                 '--cert-name', domain_name, '-d', public_hostname]
    for host in virtual_hosts:
        arguments += ['-d', host]
    return arguments


def classify(domain_name, output, notification):
    """CertificateNotificationManager: the mails for one certbot output. notification = {'global': (from, [to]),
    'domain': (from, [to])}; no global sender, no mail."""
    sender, recipients = notification['global']
    if not sender:
        return []
    lowered = output.lower()
    subject = f'{domain_name} SSL certification request - '
    if 'system failure' in lowered:
        return [_mail(sender, recipients, subject + 'system failure', output)]
    domain_sender, domain_recipients = notification['domain']
    if 'fail' in lowered:
        return [_mail(sender, recipients, subject + 'Certificate Authority failure', output),
                _mail(domain_sender, domain_recipients, subject + 'Certificate Authority failure',
                      'FAILURE: check that every host name exists in public DNS (A/AAAA) and reaches the proxy on port 80.')]
    mails = [_mail(sender, recipients, subject + 'Certificate Authority success', output)]
    if 'received' in lowered:
        mails.append(_mail(domain_sender, domain_recipients, subject + 'Certificate Authority success',
                           'SUCCESS: the certificate will be available after the proxy reload.'))
    return mails


def _mail(sender, recipients, subject, body):
    return {'from': sender, 'to': list(recipients), 'subject': subject, 'body': body}


class RemoteCertbot:
    """Runs certbot on a registered node in the background, one thread per request; stop() ends what still runs."""

    def __init__(self, state):
        self.state = state
        self._lock = threading.Lock()
        self._processes = set()
        self._threads = []

    def start(self, server_name, arguments, domain_name, notification):
        thread = threading.Thread(target=self._run, args=(server_name, arguments, domain_name, notification), daemon=True)
        self._threads.append(thread)
        thread.start()

    def _run(self, server_name, arguments, domain_name, notification):
        root = self.state.get('nodes', server_name)
        started = time.time()
        if not root or not os.path.exists(os.path.join(root, *CERTBOT)):
            output, code = f'system failure: cannot reach the remote manager of {server_name}', None
        else:
            output, code = self._execute(os.path.join(root, *CERTBOT), arguments)
        run = {'server': server_name, 'domain': domain_name, 'arguments': arguments, 'output': output, 'exit_code': code,
               'started': started, 'ended': time.time()}
        with self._lock:
            self._append('certbot', run)
            for mail in classify(domain_name, output, notification):
                self._append('outbox', mail)

    def _append(self, section, value):
        self.state.put(section, '%06d' % len(self.state.section(section)), value)

    def _execute(self, program, arguments):
        try:
            process = subprocess.Popen([program] + arguments, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except OSError as exc:
            return f'system failure: {exc}', None
        with self._lock:
            self._processes.add(process)
        try:
            output = process.communicate(timeout=RUN_TIMEOUT)[0]
        except subprocess.TimeoutExpired:
            process.kill()
            output = process.communicate()[0]
            output += '\nsystem failure: certbot timed out'
        finally:
            with self._lock:
                self._processes.discard(process)
        return output, process.returncode

    def wait(self, timeout=None):
        for thread in list(self._threads):
            thread.join(timeout)

    def stop(self):
        with self._lock:
            for process in self._processes:
                process.kill()
        self.wait(5)
