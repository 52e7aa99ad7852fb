"""The collection as a user gets it, checked end to end (`make installed`, part of `make test`).

1. `ansible-galaxy collection build` makes the tarball; its members are listed and checked: what a user needs is
   in it (every plugin, the playbooks, the AWX and execution environment files, the simulator and its data) and
   the project's own tools are not.
2. `ansible-galaxy collection install` puts it into a clean collections path, outside the work tree; ansible-doc
   shows the cert_deploy role's options from there.
3. The simulator is started from the installed copy (`python -m tests.simulator` in its root, as the README says);
   so is the proxy lab (`python -m tests.simulator.proxy_lab` with a simulator of its own and one node), whose
   command sees the node serve TLS and pebble's ACME directory answer.
4. The AWX credential type's injectors are rendered as AWX renders them (a sandboxed Jinja2 with the inputs and
   `tower.filename` for the file injector); the installed copy's demo playbook runs with exactly that environment
   and only the installed collection on its path. Skipping TLS verification and leaving it on without a CA are
   run too: the first must connect, the second must refuse the simulator's certificate. The demo must print no
   warning.
5. `ansible-builder create` makes the build context of extensions/awx/execution-environment.yml, and
   `ansible-builder introspect` on the installed copy shows what a build would install for the collection.
Prints the tarball's size and file count.
"""
import argparse
import glob
import os
import re
import secrets
import shutil
import subprocess
import sys
import tarfile

import jinja2.sandbox
import yaml

from simulator_process import SimulatorProcess

VENV_BIN = os.path.dirname(os.path.abspath(sys.executable))
# members a user needs; every plugin file of the source is checked besides these
REQUIRED = ('MANIFEST.json', 'FILES.json', 'README.md', 'LICENSE', 'changelogs/changelog.yaml', 'meta/runtime.yml',
            'meta/execution-environment.yml', 'meta/ee-requirements.txt', 'meta/ee-bindep.txt',
            'extensions/awx/credential_type.yml', 'extensions/awx/execution-environment.yml', 'playbooks/demo.yml',
            'playbooks/tenant.yml', 'playbooks/drift_check.yml', 'playbooks/tasks/tenant_objects.yml',
            'playbooks/templates/drift_report.md.j2', 'playbooks/inventory/tenants.example.yml', 'playbooks/cert_report.yml',
            'tests/simulator/__main__.py', 'tests/simulator/proxy_node/__main__.py', 'tests/simulator/proxy_lab.py',
            'tests/simulator/README.md', 'CHANGELOG.md', 'tests/carbonio-ldap/attrs.xml',
            'tests/carbonio-ldap/carbonio.ldif', 'roles/cert_deploy/tasks/main.yml', 'roles/cert_deploy/meta/argument_specs.yml',
            'roles/cert_deploy/defaults/main.yml')
# the project's own build, test and bench tools
FORBIDDEN = ('bench/', 'tools/', 'tests/unit/', 'tests/integration/', 'tests/playbooks/', 'tests/against_simulator/', 'tests/pki.py',
             'tests/output/', '.ci/', '.venv/', '.git/', 'Makefile', 'requirements.txt', '.gitignore')


def run(command, **kwargs):
    done = subprocess.run(command, text=True, capture_output=True, check=False, **kwargs)
    if done.returncode:
        raise SystemExit('%s failed (%s):\n%s%s' % (' '.join(command), done.returncode, done.stdout, done.stderr))
    return done.stdout


def build(source, work):
    dist = os.path.join(work, 'dist')
    run([os.path.join(VENV_BIN, 'ansible-galaxy'), 'collection', 'build', source, '--output-path', dist, '--force'])
    with open(os.path.join(source, 'galaxy.yml'), encoding='utf-8') as handle:
        galaxy = yaml.safe_load(handle)
    tarball = os.path.join(dist, '%s-%s-%s.tar.gz' % (galaxy['namespace'], galaxy['name'], galaxy['version']))
    with tarfile.open(tarball) as archive:
        members = sorted(member.name for member in archive.getmembers() if member.isfile())
    missing = [name for name in REQUIRED if name not in members]
    for folder, _dirs, files in os.walk(os.path.join(source, 'plugins')):
        plugin_files = (os.path.relpath(os.path.join(folder, name), source) for name in files if name.endswith('.py'))
        missing += [name for name in plugin_files if name not in members]
    extra = [name for name in members if name.startswith(FORBIDDEN) or name in FORBIDDEN or '__pycache__' in name]
    if missing or extra:
        raise SystemExit('tarball %s: missing %s; should not carry %s' % (tarball, missing, extra))
    size_kb = os.path.getsize(tarball) / 1024.0
    print('tarball %s: %d files, %.0f KB' % (os.path.basename(tarball), len(members), size_kb))
    by_folder = {}
    for name in members:
        folder, _sep, base = name.rpartition('/')
        by_folder.setdefault(folder or '.', []).append(base)
    for folder in sorted(by_folder):
        print('  %s/ (%d): %s' % (folder, len(by_folder[folder]), ', '.join(by_folder[folder])))
    return tarball


def install(tarball, work):
    collections = os.path.join(work, 'installed')
    run([os.path.join(VENV_BIN, 'ansible-galaxy'), 'collection', 'install', '--offline', '--no-deps', '--force', '-p', collections, tarball])
    root = os.path.join(collections, 'ansible_collections', 'carbonio', 'admin')
    if not os.path.isfile(os.path.join(root, 'MANIFEST.json')):
        raise SystemExit('the tarball did not install to %s' % root)
    return collections, root


def check_role_docs(collections):
    """The installed role documents itself (its argument specs) to ansible-doc, with only the installed copy on the path."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections)
    shown = run([os.path.join(VENV_BIN, 'ansible-doc'), '-t', 'role', 'carbonio.admin.cert_deploy'], env=env)
    for option in ('cert_deploy_domains', 'cert_deploy_nodes', 'cert_deploy_renewal_timer'):
        if option not in shown:
            raise SystemExit('ansible-doc -t role carbonio.admin.cert_deploy does not show %s' % option)
    print('role cert_deploy: ansible-doc shows its options from the installed copy')


def injected_environment(root, inputs, files_dir):
    """The environment AWX gives a job from the credential type's injectors and these inputs."""
    with open(os.path.join(root, 'extensions', 'awx', 'credential_type.yml'), encoding='utf-8') as handle:
        credential_type = yaml.safe_load(handle)
    fields = {field['id'] for field in credential_type['inputs']['fields']}
    unknown = set(inputs) - fields
    absent = set(credential_type['inputs']['required']) - set(inputs)
    if unknown or absent:
        raise SystemExit('credential type inputs: unknown %s, required but not given %s' % (sorted(unknown), sorted(absent)))
    templates = jinja2.sandbox.ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined)
    filenames = {}
    for key, template in credential_type['injectors'].get('file', {}).items():
        path = os.path.join(files_dir, key.split('.', 1)[1])
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(templates.from_string(template).render(inputs))
        filenames[key.split('.', 1)[1]] = path
    context = dict(inputs, tower={'filename': filenames})
    return {name: templates.from_string(template).render(context) for name, template in credential_type['injectors']['env'].items()}


def read_environment_names(root):
    """The CARBONIO_* variables the installed modules fall back to (their shared connection options)."""
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(root))))
    from ansible_collections.carbonio.admin.plugins.module_utils._connection import CONNECTION_ARGUMENT_SPEC  # pylint: disable=import-outside-toplevel
    return {name for option in CONNECTION_ARGUMENT_SPEC.values() for name in option.get('fallback', (None, []))[1]}


def playbook(collections, env, path, work):
    """rc and output of ansible-playbook with exactly `env` for the connection and only the installed collection."""
    base = {name: value for name, value in os.environ.items() if not name.startswith(('CARBONIO_', 'ANSIBLE_'))}
    base.update(env, ANSIBLE_COLLECTIONS_PATH=collections, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false', PATH=VENV_BIN + ':' + base['PATH'])
    done = subprocess.run([os.path.join(VENV_BIN, 'ansible-playbook'), '-i', 'localhost,', path], cwd=work, env=base,
                          text=True, capture_output=True, check=False)
    return done.returncode, done.stdout + done.stderr


def check_credential_type(collections, root, sim, work):
    files_dir = os.path.join(work, 'awx-files')
    os.makedirs(files_dir, exist_ok=True)
    with open(sim.ready['ca_path'], encoding='utf-8') as handle:
        ca_pem = handle.read()
    login = {'url': sim.ready['url'], 'admin_user': sim.ready['admin_user'], 'admin_password': sim.password}
    env = injected_environment(root, dict(login, ca_certificate=ca_pem), files_dir)
    stray = set(env) - read_environment_names(root)
    if stray:
        raise SystemExit('the credential type injects variables no module reads: %s' % sorted(stray))
    rc, output = playbook(collections, env, os.path.join(root, 'playbooks', 'demo.yml'), work)
    if rc:
        raise SystemExit('the installed demo playbook failed with the credential type environment:\n' + output)
    if re.search(r'\[(DEPRECATION )?WARNING\]', output):
        raise SystemExit('the installed demo playbook printed a warning:\n' + output)
    requests = [line['request'] for line in sim.log()]
    if 'CreateDomainRequest' not in requests:
        raise SystemExit('the installed demo playbook wrote nothing to the simulator: %s' % requests)
    print('credential type: the installed demo playbook converged with its environment (%d requests)' % len(requests))

    probe = os.path.join(work, 'probe.yml')
    with open(probe, 'w', encoding='utf-8') as handle:
        handle.write('- hosts: localhost\n  connection: local\n  gather_facts: false\n'
                     '  vars:\n    ansible_python_interpreter: "{{ ansible_playbook_python }}"\n'
                     '  tasks:\n    - carbonio.admin.carbonio_domain_info:\n        name: acme.demo.test\n')
    env = injected_environment(root, dict(login, skip_tls_verify=True), files_dir)
    rc, output = playbook(collections, env, probe, work)
    if rc or env['CARBONIO_CA_PATH'] != '' or env['CARBONIO_VALIDATE_CERTS'] != 'false':
        raise SystemExit('skipping TLS verification did not connect (%s):\n%s' % (env, output))
    env = injected_environment(root, login, files_dir)
    rc, output = playbook(collections, env, probe, work)
    if not rc or 'TLS certificate verification failed' not in output:
        raise SystemExit('without a CA and with verification on, the simulator\'s certificate was not refused:\n' + output)
    print('credential type: skip_tls_verify connects; without a CA the certificate is refused')


LAB_PROBE = '''
import json, os, socket, ssl, urllib.request
with open(os.environ['CARBONIO_PROXY_LAB'], encoding='utf-8') as handle:
    lab = json.load(handle)
node = lab['nodes'][0]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
with socket.create_connection(('127.0.0.1', node['https_port']), timeout=10) as raw:
    with context.wrap_socket(raw, server_hostname=node['server']) as tls:
        tls.getpeercert(binary_form=True)
directory = urllib.request.urlopen(lab['acme']['directory'], context=ssl.create_default_context(cafile=lab['acme']['ca_path']), timeout=10)
print('lab: %d node(s), %s serves TLS, ACME directory %s' % (len(lab['nodes']), node['server'], directory.status))
'''


def check_proxy_lab(root, work):
    """The proxy lab ships beside the simulator and starts from the installed copy, as tests/simulator/README.md tells
    users to run it: with a simulator of its own, one node, pebble; the command it runs sees a node serve TLS and the
    ACME directory answer."""
    env = {name: value for name, value in os.environ.items()
           if name == 'CARBONIO_TEST_RUN' or not name.startswith(('CARBONIO_', 'PYTHON'))}
    done = subprocess.run([sys.executable, '-m', 'tests.simulator.proxy_lab', '--simulator', os.path.join(work, 'lab-sim'),
                           '--dir', os.path.join(work, 'lab'), '--nodes', '1', '--', sys.executable, '-c', LAB_PROBE],
                          cwd=root, env=env, text=True, capture_output=True, check=False, timeout=300)
    if done.returncode or 'serves TLS, ACME directory 200' not in done.stdout:
        raise SystemExit('the proxy lab did not start from the installed copy (exit %s):\n%s%s' % (
            done.returncode, done.stdout, done.stderr))
    print('proxy lab: python -m tests.simulator.proxy_lab started from the installed copy; ' + done.stdout.strip())


def check_execution_environment(collections, root, tarball, work):
    ee_dir = os.path.join(work, 'ee')
    os.makedirs(ee_dir)
    definition = os.path.join(ee_dir, 'execution-environment.yml')
    shutil.copy(os.path.join(root, 'extensions', 'awx', 'execution-environment.yml'), definition)
    shutil.copy(tarball, ee_dir)
    context = os.path.join(ee_dir, 'context')
    run([os.path.join(VENV_BIN, 'ansible-builder'), 'create', '-f', definition, '--context', context, '--output-filename', 'Containerfile'])
    with open(os.path.join(context, '_build', 'requirements.yml'), encoding='utf-8') as handle:
        wanted = yaml.safe_load(handle)
    names = [item['name'] for item in wanted.get('collections', [])]
    copied = glob.glob(os.path.join(context, '_build', 'collections', os.path.basename(tarball)))
    with open(os.path.join(context, 'Containerfile'), encoding='utf-8') as handle:
        containerfile = handle.read()
    if names != ['/build/collections/' + os.path.basename(tarball)] or not copied or 'COPY _build/collections/ /build/collections/' not in containerfile:
        raise SystemExit('the execution environment context does not install %s from the tarball: %s, %s' % (
            os.path.basename(tarball), names, copied))
    # only this collection is installed there: what introspection finds must be exactly what meta/ declares
    found = yaml.safe_load(run([os.path.join(VENV_BIN, 'ansible-builder'), 'introspect', '--sanitize', collections]))
    for kind, declared_in in (('python', 'ee-requirements.txt'), ('system', 'ee-bindep.txt')):
        wanted, got = package_names(declared_lines(os.path.join(root, 'meta', declared_in))), package_names(found.get(kind) or [])
        if wanted != got:
            raise SystemExit('an execution environment would get %s packages %s for the collection, not the %s of meta/%s' % (
                kind, got, wanted, declared_in))
    print('execution environment: the context installs %s; the collection adds python %s, system %s' % (
        os.path.basename(tarball), found.get('python') or 'nothing', found.get('system') or 'nothing'))


def declared_lines(path):
    with open(path, encoding='utf-8') as handle:
        return [line.split('#')[0].strip() for line in handle if line.split('#')[0].strip()]


def package_names(lines):
    """The package names of requirement or bindep lines ('cryptography>=41  # from ...' -> 'cryptography')."""
    return sorted(re.split(r'[\s<>=!~\[;#]', line.strip(), maxsplit=1)[0].lower() for line in lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--source', required=True, help='the collection to build (a copy of the work tree)')
    parser.add_argument('--work', required=True, help='a scratch folder outside the work tree')
    args = parser.parse_args()
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)  # a fresh simulator and install at every run
    os.makedirs(work)
    tarball = build(os.path.abspath(args.source), work)
    collections, root = install(tarball, work)
    check_role_docs(collections)
    sim = SimulatorProcess(os.path.join(work, 'sim'), secrets.token_urlsafe(18), root=root)
    try:
        if os.path.realpath('/proc/%d/cwd' % sim.proc.pid) != os.path.realpath(root):
            raise SystemExit('the simulator did not start from the installed copy')
        check_credential_type(collections, root, sim, work)
    finally:
        sim.stop()
    check_proxy_lab(root, work)
    check_execution_environment(collections, root, tarball, work)


if __name__ == '__main__':
    main()
