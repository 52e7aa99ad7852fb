"""The node's nginx configuration, as ProxyConfGen writes Carbonio's (features doc 1.6, step 5): one HTTPS server per
domain with virtual hosts, its certificate from conf/domaincerts when the domain has one, else the node's default;
/.well-known/acme-challenge/ served from /opt/zextras on the HTTP port; on every HTTPS server, /static/custom/ from
/opt/zextras/web/custom/, the folder white-label assets go to (carbonio-api.md 2, "Hosting the images")."""

import getpass
import os


def render(node, domains):
    """domains: [(name, [virtual hosts], has_certificate)], in name order."""
    conf, zextras = node.conf, node.zextras
    custom = '    location /static/custom/ { alias %s/; }' % os.path.join(zextras, 'web', 'custom')
    ports = node.settings
    lines = []
    if os.geteuid() == 0:
        lines.append('user %s;' % getpass.getuser())
    lines += ['worker_processes 1;', 'pid %s;' % node.pid_file, 'error_log %s warn;' % node.path('log', 'error.log'),
              'events { worker_connections 64; }', 'http {', '  access_log off;', '  default_type text/plain;']
    for kind in ('client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'):
        lines.append('  %s_temp_path %s;' % (kind, node.path('tmp', kind)))
    lines += ['  server {', '    listen 127.0.0.1:%d default_server;' % ports['http_port'],
              '    location /.well-known/acme-challenge/ { root %s; }' % zextras,
              '    location / { return 301 https://$host$request_uri; }', '  }',
              '  server {', '    listen 127.0.0.1:%d ssl default_server;' % ports['https_port'],
              '    ssl_certificate %s;' % os.path.join(conf, 'nginx.crt'), '    ssl_certificate_key %s;' % os.path.join(conf, 'nginx.key'),
              custom, '    location / { return 200 "%s default\\n"; }' % ports['server'], '  }']
    for name, hosts, has_certificate in domains:
        crt, key = ((os.path.join(node.domaincerts, name + '.crt'), os.path.join(node.domaincerts, name + '.key')) if has_certificate
                    else (os.path.join(conf, 'nginx.crt'), os.path.join(conf, 'nginx.key')))
        lines += ['  server {', '    listen 127.0.0.1:%d ssl;' % ports['https_port'], '    server_name %s;' % ' '.join(hosts),
                  '    ssl_certificate %s;' % crt, '    ssl_certificate_key %s;' % key,
                  custom, '    location / { return 200 "%s %s\\n"; }' % (ports['server'], name), '  }']
    # what an administrator adds by hand (a test breaks a node here)
    lines += ['  include %s;' % os.path.join(conf, 'nginx.conf.local'), '}', '']
    return '\n'.join(lines)
