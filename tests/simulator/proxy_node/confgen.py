"""zmproxyconfgen: ProxyConfGen's certificate steps (features doc 1.6), in its order.

1. The reverse-proxy domains: those with at least one virtual host.
2. certbot's lineages whose name contains no such domain are deleted.
3. A domain with a lineage on this node gets the lineage's fullchain and key written to its zimbraSSLCertificate and
   zimbraSSLPrivateKey, at every generation (an uploaded certificate is overwritten).
4. conf/domaincerts/<domain>.crt|.key written for each domain with both (the old files kept as .bak while writing).
5. nginx.conf: one server per domain, with its certificate or the node's default.
6. Files in conf/domaincerts of no such domain are deleted.
nginx is not told: `zmproxyctl reload` does that.
"""

import os

from . import nginx_conf
from .admin_api import AdminApi, attrs
from .certbot import delete_lineage, lineages

CERT, KEY = 'zimbraSSLCertificate', 'zimbraSSLPrivateKey'


def _read(path):
    with open(path, encoding='utf-8') as handle:
        return handle.read()


def _write_pair(node, name, certificate, key):
    """Both files or neither: the old ones are moved to .bak and put back if a write fails."""
    paths = [os.path.join(node.domaincerts, name + suffix) for suffix in ('.crt', '.key')]
    for path in paths:
        if os.path.exists(path):
            os.replace(path, path + '.bak')
    try:
        for path, text in zip(paths, (certificate, key)):
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(text)
            os.chmod(path, 0o600)
    except OSError:
        for path in paths:
            if os.path.exists(path + '.bak'):
                os.replace(path + '.bak', path)
        raise


def generate(node, out):
    api = AdminApi(node.settings['simulator'])
    domains = {}
    for element in api.call('GetAllDomainsRequest').get('domain', []):
        values = attrs(element)
        hosts = [host for host in values.get('zimbraVirtualHostname', []) if host]
        if hosts:
            domains[element['name']] = dict(id=element['id'], hosts=hosts, cert=(values.get(CERT) or [''])[0],
                                            key=(values.get(KEY) or [''])[0])
    for lineage in lineages(node):
        if not any(name in lineage for name in domains):
            delete_lineage(node, lineage)
            out.write('deleted certbot lineage %s: no domain with virtual hosts\n' % lineage)
    for name, domain in sorted(domains.items()):
        live = os.path.join(node.live, name)
        if os.path.isdir(live):
            domain['cert'], domain['key'] = _read(os.path.join(live, 'fullchain.pem')), _read(os.path.join(live, 'privkey.pem'))
            pairs = [{'n': CERT, '_content': domain['cert']}, {'n': KEY, '_content': domain['key']}]
            api.call('ModifyDomainRequest', {'id': domain['id'], 'a': pairs})
            out.write('saved the certbot lineage of %s to the directory\n' % name)
        if domain['cert'] and domain['key']:
            _write_pair(node, name, domain['cert'], domain['key'])
    for entry in os.listdir(node.domaincerts):
        if entry.rsplit('.', 1)[0] not in domains and not entry.endswith('.bak'):
            os.remove(os.path.join(node.domaincerts, entry))
    served = [(name, domain['hosts'], bool(domain['cert'] and domain['key'])) for name, domain in sorted(domains.items())]
    local = os.path.join(node.conf, 'nginx.conf.local')
    if not os.path.exists(local):
        open(local, 'w', encoding='utf-8').close()
    with open(node.nginx_conf, 'w', encoding='utf-8') as handle:
        handle.write(nginx_conf.render(node, served))
    out.write('proxy configuration written for %d domains\n' % len(served))
    return 0
