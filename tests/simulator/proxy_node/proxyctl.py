"""zmproxyctl: start (configuration generation first, unless a second argument is given), stop, restart, reload
(only a signal to nginx: features doc 1.6, a reload does not regenerate), status. nginx's own errors are passed on."""

import os
import signal
import subprocess
import time

from .confgen import generate

NGINX = '/usr/sbin/nginx'


def _nginx(node, *args):
    return subprocess.run([NGINX, '-e', node.path('log', 'error.log'), '-c', node.nginx_conf] + list(args),
                          capture_output=True, text=True, check=False)


def _pid(node):
    try:
        with open(node.pid_file, encoding='utf-8') as handle:
            pid = int(handle.read().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def _stop(node, out):
    pid = _pid(node)
    if pid is None:
        out.write('proxy is not running\n')
        return 0
    os.kill(pid, signal.SIGQUIT)
    for _wait in range(100):
        if _pid(node) is None:
            break
        time.sleep(0.05)
    out.write('proxy stopped\n')
    return 0


def _start(node, out, regenerate=True):
    if _pid(node) is not None:
        out.write('proxy already running\n')
        return 0
    if regenerate:
        generate(node, out)
    done = _nginx(node)
    out.write(done.stdout + done.stderr)
    return 1 if done.returncode else 0


def run(node, args, out):
    command = args[0] if args else 'status'
    if command == 'start':
        return _start(node, out, regenerate=len(args) < 2)
    if command == 'stop':
        return _stop(node, out)
    if command == 'restart':
        _stop(node, out)
        return _start(node, out)
    if command == 'reload':
        if _pid(node) is None:
            out.write('proxy is not running\n')
            return 1
        done = _nginx(node, '-s', 'reload')
        out.write(done.stdout + done.stderr)
        return 1 if done.returncode else 0
    if command == 'status':
        running = _pid(node) is not None
        out.write('proxy is %s\n' % ('running' if running else 'not running'))
        return 0 if running else 1
    out.write('usage: zmproxyctl start|stop|restart|reload|status\n')
    return 1
