"""Where things are in a node root (ROOT stands for the node's `/`), and the node's own settings (ROOT/node.json:
server name, ports, the simulator's URL and admin login, the ACME directory certbot uses)."""

import json
import os
import stat
import sys

ZEXTRAS = ('opt', 'zextras')
NODE_FILE = 'node.json'
# the commands the role runs, each a small script that runs this package's command of the same role
COMMANDS = {
    ('opt', 'zextras', 'libexec', 'zmproxyconfgen'): 'confgen',
    ('opt', 'zextras', 'bin', 'zmproxyctl'): 'proxyctl',
    # zmrcd maps `certbot certonly ...` to libexec/certbot; admins run common/bin/certbot
    ('opt', 'zextras', 'libexec', 'certbot'): 'certbot',
    ('opt', 'zextras', 'common', 'bin', 'certbot'): 'certbot',
    # the node's service manager, for the renewal timer (the role finds it first on the node's PATH)
    ('usr', 'bin', 'systemctl'): 'systemctl',
}
COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


class Node:
    def __init__(self, root):
        self.root = os.path.abspath(root)
        with open(os.path.join(self.root, NODE_FILE), encoding='utf-8') as handle:
            self.settings = json.load(handle)

    def path(self, *parts):
        """A path of the node, given as parts or as the absolute path Carbonio uses (`/opt/zextras/...`)."""
        if len(parts) == 1 and parts[0].startswith('/'):
            parts = parts[0].strip('/').split('/')
        return os.path.join(self.root, *parts)

    @property
    def zextras(self):
        return self.path(*ZEXTRAS)

    @property
    def conf(self):
        return self.path('opt', 'zextras', 'conf')

    @property
    def domaincerts(self):
        return os.path.join(self.conf, 'domaincerts')

    @property
    def live(self):
        return self.path('opt', 'zextras', 'common', 'certbot', 'etc', 'letsencrypt', 'live')

    @property
    def certbot_log(self):
        return self.path('var', 'log', 'carbonio', 'letsencrypt', 'letsencrypt.log')

    @property
    def nginx_conf(self):
        return os.path.join(self.conf, 'nginx.conf')

    @property
    def pid_file(self):
        return self.path('run', 'nginx.pid')


def create(root, settings):
    """Make a node root: folders, node.json and the command files."""
    root = os.path.abspath(root)
    for parts in (('opt', 'zextras', 'conf', 'domaincerts'), ('opt', 'zextras', '.well-known', 'acme-challenge'),
                  ('opt', 'zextras', 'common', 'certbot', 'etc', 'letsencrypt', 'live'), ('var', 'log', 'carbonio', 'letsencrypt'),
                  ('run',), ('tmp',), ('log',)):
        os.makedirs(os.path.join(root, *parts), exist_ok=True)
    with open(os.path.join(root, NODE_FILE), 'w', encoding='utf-8') as handle:
        json.dump(settings, handle, indent=1)
    for parts, command in COMMANDS.items():
        path = os.path.join(root, *parts)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write('#!/bin/sh\nPYTHONPATH=%s exec %s -m tests.simulator.proxy_node %s --root %s "$@"\n' % (
                COLLECTION_ROOT, sys.executable, command, root))
        os.chmod(path, stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    return Node(root)
