"""The proxy_assets role on three simulated proxy nodes (real nginx serving /static/custom/ from each node's custom folder):
the files reach every node and the themes link to them, each node reporting its own changes; a re-run copies nothing and
touches nothing; a node serving another file stops the play before any theme changes, naming the node and the file; prune
removes what no theme links to.

Run by `make playbooks` (tests/playbooks/nodes) under tools/with_simulator.py and tests/simulator/proxy_lab.py (CARBONIO_PROXY_LAB)."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from node_lab import ansible, writes_during

DOMAIN = 'assets.test'
PUBLIC = 'mail.carbonio.test'
PLAYBOOK = '''
- name: White-label assets on every proxy node
  hosts: all
  gather_facts: false
  roles:
    - role: carbonio.admin.proxy_assets
      vars:
        proxy_assets_become: false
        proxy_assets_public_host: %s
        proxy_assets_files: [logo.svg, favicon.ico, {src: files/background.jpg, name: bg.jpg}]
        proxy_assets_prune: "{{ prune | default(false) }}"
        proxy_assets_themes:
          - scope: global
            title: "{{ title | default('Assets Mail') }}"
            logo_url: logo.svg
            favicon_url: favicon.ico
          - domain: %s
            public_host: mail.%s
            login_background_url: bg.jpg
''' % (PUBLIC, DOMAIN, DOMAIN)
FILES = {'logo.svg': b'<svg xmlns="http://www.w3.org/2000/svg"/>\n', 'favicon.ico': bytes(range(256)) * 4,
         'files/background.jpg': b'\xff\xd8\xff\xe0' + b'\x00' * 4096}


@pytest.fixture(scope='module')
def workdir(tmp_path_factory, lab):
    folder = tmp_path_factory.mktemp('assets')
    # each node checked at its own name, with its own (self-signed) certificate as what to trust
    hosts = {node['server']: {'proxy_assets_zextras_root': node['zextras_root'], 'proxy_assets_https_port': node['https_port'],
                              'proxy_assets_ca_path': os.path.join(node['zextras_root'], 'conf', 'nginx.crt')}
             for node in lab['nodes']}
    inventory = {'all': {'hosts': hosts, 'vars': {'ansible_connection': 'local',
                                                  'ansible_python_interpreter': '{{ ansible_playbook_python }}'}}}
    (folder / 'inventory.json').write_text(json.dumps(inventory))
    (folder / 'assets.yml').write_text(PLAYBOOK)
    for name, data in FILES.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(data)
    ansible(folder, ['ansible', 'localhost', '-i', 'localhost,', '-c', 'local', '-m', 'carbonio.admin.carbonio_domain',
                     '-a', json.dumps({'name': DOMAIN})])
    return folder


def play(folder, *extra):
    done = ansible(folder, ['ansible-playbook', '-i', 'inventory.json', 'assets.yml'] + list(extra), check=False)
    recap = dict((host, dict((key, int(value)) for key, value in re.findall(r'(\w+)=(\d+)', counts)))
                 for host, counts in re.findall(r'^(\S+)\s+: (ok=.*)$', done.stdout, re.M))
    return done, recap


def theme(folder):
    done = ansible(folder, ['ansible', 'localhost', '-i', 'localhost,', '-c', 'local', '-m', 'carbonio.admin.carbonio_theme_info',
                            '-a', json.dumps({'domain': DOMAIN})])
    return json.loads(done.stdout.split(' => ', 1)[1])['themes']


def served_files(lab):
    return dict((node['server'], dict((name, open(os.path.join(node['zextras_root'], 'web', 'custom', name), 'rb').read())
                                      for name in sorted(os.listdir(os.path.join(node['zextras_root'], 'web', 'custom')))))
                for node in lab['nodes'])


def mtimes(lab):
    custom = [os.path.join(node['zextras_root'], 'web', 'custom') for node in lab['nodes']]
    return dict((os.path.join(folder, name), os.stat(os.path.join(folder, name)).st_mtime_ns) for folder in custom for name in os.listdir(folder))


def test_every_node_gets_the_files_then_the_theme_links_to_them(lab, workdir):
    (done, recap), writes = writes_during(lambda: play(workdir))
    assert done.returncode == 0, done.stdout + done.stderr
    expected = {'logo.svg': FILES['logo.svg'], 'favicon.ico': FILES['favicon.ico'], 'bg.jpg': FILES['files/background.jpg']}
    assert served_files(lab) == dict((node['server'], expected) for node in lab['nodes'])
    # each node reports its own folder and its copies (the recap counts tasks); the themes are set once
    for node in lab['nodes']:
        assert recap[node['server']]['changed'] >= 2, recap
    assert writes.count('ModifyConfigRequest') == 1 and writes.count('ModifyDomainRequest') == 1
    themes = theme(workdir)
    assert themes[0]['logo_url'] == 'https://%s/static/custom/logo.svg' % PUBLIC
    assert themes[0]['favicon_url'] == 'https://%s/static/custom/favicon.ico' % PUBLIC
    assert themes[1] == {'domain': DOMAIN, 'login_background_url': 'https://mail.%s/static/custom/bg.jpg' % DOMAIN}
    assert '[WARNING]' not in done.stdout + done.stderr


def test_a_rerun_copies_nothing_and_touches_nothing(lab, workdir):
    before = mtimes(lab)
    (done, recap), writes = writes_during(lambda: play(workdir))
    assert done.returncode == 0, done.stdout + done.stderr
    assert all(counts['changed'] == 0 for counts in recap.values()), recap
    assert writes == [] and mtimes(lab) == before


def test_a_node_serving_another_file_stops_the_play_before_any_theme_changes(lab, workdir):
    node = lab['nodes'][1]
    local = os.path.join(node['zextras_root'], 'conf', 'nginx.conf.local')
    conf = os.path.join(node['zextras_root'], 'conf')
    # something in front of the custom folder (a cache, a hand-made rule) answers for the logo on this node only
    with open(local, 'w', encoding='utf-8') as handle:
        handle.write('server { listen 127.0.0.1:%d ssl; server_name %s; ssl_certificate %s/nginx.crt; ssl_certificate_key %s/nginx.key;\n'
                     '  location = /static/custom/logo.svg { return 200 "an old logo"; } }\n' % (node['https_port'], node['server'], conf, conf))
    reload = [os.path.join(node['zextras_root'], 'bin', 'zmproxyctl'), 'reload']
    subprocess.run(reload, check=True, capture_output=True)
    try:
        (done, recap), writes = writes_during(lambda: play(workdir, '-e', 'title="A New Title"'))
        assert done.returncode != 0
        text = done.stdout + done.stderr
        assert '%s does not serve logo.svg (another checksum)' % node['server'] in text, text
        assert writes == [] and theme(workdir)[0]['title'] == 'Assets Mail'
        assert recap[node['server']]['failed'] == 1
    finally:
        with open(local, 'w', encoding='utf-8') as handle:
            handle.write('')
        subprocess.run(reload, check=True, capture_output=True)
    (done, _recap), writes = writes_during(lambda: play(workdir, '-e', 'title="A New Title"'))
    assert done.returncode == 0 and writes == ['ModifyConfigRequest'] and theme(workdir)[0]['title'] == 'A New Title'


def test_prune_removes_what_no_theme_links_to_on_every_node(lab, workdir):
    for node in lab['nodes']:
        with open(os.path.join(node['zextras_root'], 'web', 'custom', 'old-logo.png'), 'wb') as handle:
            handle.write(b'old')
    # the title the test before left
    done, recap = play(workdir, '-e', 'title="A New Title"')
    assert done.returncode == 0 and all(counts['changed'] == 0 for counts in recap.values()), recap
    assert all('old-logo.png' in files for files in served_files(lab).values())
    done, recap = play(workdir, '-e', 'prune=true', '-e', 'title="A New Title"')
    assert done.returncode == 0, done.stdout + done.stderr
    assert all(sorted(files) == ['bg.jpg', 'favicon.ico', 'logo.svg'] for files in served_files(lab).values())
    assert all(recap[node['server']]['changed'] == 1 for node in lab['nodes']), recap
