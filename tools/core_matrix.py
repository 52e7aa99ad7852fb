"""Run the collection's tests under each older ansible-core release it supports (`make matrix`).

For each release: a virtualenv of its own under the build folder with that ansible-core pinned and what
ansible-test units need, a copy of the collection (ansible-test writes tests/output into it), then
ansible-test sanity, the unit tests
under ansible-test units, and one integration target against a simulator of its own. Two releases run at once
(the steps of one release one after the other). The newest core is the main venv's and `make sanity units
integration` test it in full; this adds the older ones.

Prints one line per release and step with the time it took; the logs are in the build folder. Exits 1 if any
step failed.
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# The newest patch release of each ansible-core minor that runs on Python 3.11, older than the main venv's.
CORES = ['2.15.13', '2.16.19', '2.17.14', '2.18.19']

# Sanity tests an older ansible-test has that later ones dropped, skipped there (never an ignore file: the
# collection's sanity has no ignore entries). replace-urlopen (gone since 2.16) wants plugins to use open_url; it
# flags urllib in the simulator and the test tools, which are no plugins.
SKIPPED_SANITY = {'2.15.13': ['replace-urlopen']}

# What ansible-test units needs (ansible_test/_data/requirements/units.txt) and what the collection's
# code and tests import, pinned as in requirements.txt. ansible-test 2.15 forks each test with pytest-forked,
# which fails every test under pytest 9 ("EXITED with status 3"), so 2.15 keeps pytest 8.
COMMON = ['pytest-mock==3.17.0', 'pytest-xdist==3.8.0', 'execnet==2.1.2', 'PyYAML==6.0.4',
          'cryptography==50.0.2', 'ldap3==2.9.1', 'pyasn1==0.6.5']
PER_MINOR = {'2.15': ['pytest==8.3.5', 'pytest-forked==1.6.0']}
DEFAULT_EXTRA = ['pytest==9.2.0']

# ansible-test sanity runs in full on each core: on two cores it takes about two minutes a release, its own venvs
# included, and the tests that matter most for compatibility are among them (validate-modules reads the argument
# specs against the documentation as that core does, import loads the plugins on that core alone, ansible-doc
# renders the documentation, runtime-metadata reads meta/runtime.yml, compile, pylint with that core's release).
# --sanity-test limits the run to some of them.
# ansible-test bootstraps pip in each sanity venv with a get-pip script it downloads from a host this machine
# cannot reach, unless a copy is cached: the offline stand-in serves for every pip release these cores ask for.
GET_PIP_VERSIONS = ['21.3.1', '23.1.2', '24.2']

INTEGRATION_TARGETS = ['carbonio_domain']


def run(cmd, log, env=None, cwd=None):
    with open(log, 'ab') as out:
        out.write(('\n$ %s\n' % ' '.join(cmd)).encode())
        out.flush()
        return subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd, stdin=subprocess.DEVNULL)


def make_venv(core, folder, log):
    minor = core.rsplit('.', 1)[0]
    wanted = ['ansible-core==%s' % core] + COMMON + PER_MINOR.get(minor, DEFAULT_EXTRA)
    stamp = os.path.join(folder, '.installed')
    if os.path.isfile(stamp):
        with open(stamp, encoding='utf-8') as handle:
            if handle.read().split() == wanted:
                return 0
    shutil.rmtree(folder, ignore_errors=True)
    if run([sys.executable, '-m', 'venv', folder], log):
        return 1
    if run([os.path.join(folder, 'bin', 'python'), '-m', 'pip', 'install', '-q', '--disable-pip-version-check'] + wanted, log):
        return 1
    with open(stamp, 'w', encoding='utf-8') as handle:
        handle.write('\n'.join(wanted))
    return 0


def one_core(core, args):
    minor = core.rsplit('.', 1)[0]
    work = os.path.join(args.build, minor)
    os.makedirs(work, exist_ok=True)
    log_dir = os.path.join(work, 'logs')
    shutil.rmtree(log_dir, ignore_errors=True)
    os.makedirs(log_dir)
    venv = os.path.join(work, 'venv')
    collections = os.path.join(work, 'collections')
    copy = os.path.join(collections, 'ansible_collections', 'carbonio', 'admin')
    env = dict(os.environ, PATH=os.path.join(venv, 'bin') + os.pathsep + os.environ['PATH'])
    env.pop('VIRTUAL_ENV', None)
    results = []

    def step(name, func):
        started = time.monotonic()
        log = os.path.join(log_dir, name + '.log')
        code = func(log)
        results.append((core, name, code, time.monotonic() - started, log))
        return code

    def copy_collection():
        shutil.rmtree(collections, ignore_errors=True)
        shutil.copytree(args.source, copy, ignore=shutil.ignore_patterns('output'), symlinks=True)
        return 0

    ansible_test = ['ansible-test']
    if step('venv', lambda log: make_venv(core, venv, log)) or copy_collection():
        return results
    if args.sanity:
        step('sanity', lambda log: run(ansible_test + ['sanity', '--python', '3.11', '--local', '--color', 'no']
                                       + [a for t in args.sanity_tests for a in ('--test', t)]
                                       + [a for t in SKIPPED_SANITY.get(core, []) for a in ('--skip-test', t)], log, env=env, cwd=copy))
    step('units', lambda log: run(ansible_test + ['units', '--python', '3.11', '--local', '--color', 'no', '--num-workers', '1',
                                                  'tests/unit/plugins/', 'tests/unit/meta/'], log, env=env, cwd=copy))
    if args.integration:
        config = os.path.join(copy, 'tests', 'integration', 'integration_config.yml')
        step('integration', lambda log: run(
            [sys.executable, os.path.join(HERE, 'with_simulator.py'), '--data-dir', os.path.join(work, 'sim'),
             '--integration-config', config, '--', 'ansible-test', 'integration', '--python', '3.11', '--local',
             '--color', 'no'] + args.integration, log, env=env, cwd=copy))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--build', required=True, help='folder for the venvs, copies and logs')
    parser.add_argument('--source', required=True, help='the collection copy (ansible_collections/carbonio/admin) to test')
    parser.add_argument('--cores', nargs='+', default=CORES)
    parser.add_argument('--sanity-test', dest='sanity_tests', action='append', default=[], help='run only this sanity test (repeatable)')
    parser.add_argument('--no-sanity', dest='sanity', action='store_false')
    parser.add_argument('--integration', nargs='*', default=INTEGRATION_TARGETS, help='integration targets (none: skip)')
    parser.add_argument('--jobs', type=int, default=2)
    args = parser.parse_args()
    args.build = os.path.abspath(args.build)
    args.source = os.path.abspath(args.source)
    cache = os.path.expanduser('~/.ansible/test/cache')
    os.makedirs(cache, exist_ok=True)
    for version in GET_PIP_VERSIONS:
        shutil.copy(os.path.join(HERE, 'ansible_test_get_pip.py'), os.path.join(cache, 'get_pip_%s.py' % version.replace('.', '_')))
    started = time.monotonic()
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for results in pool.map(lambda core: one_core(core, args), args.cores):
            for core, name, code, seconds, log in results:
                print('ansible-core %-8s %-12s %-4s %4.0f s  %s' % (core, name, 'ok' if code == 0 else 'FAIL', seconds, log))
                if code:
                    failed.append('%s %s' % (core, name))
    print('make matrix: %.0f s; %s' % (time.monotonic() - started, 'failed: ' + ', '.join(failed) if failed else 'all passed'))
    if failed:
        for core, name in (f.split() for f in failed):
            log = os.path.join(args.build, core.rsplit('.', 1)[0], 'logs', name + '.log')
            if os.path.isfile(log):
                print('--- last lines of %s' % log)
                with open(log, encoding='utf-8', errors='replace') as handle:
                    print(''.join(handle.readlines()[-40:]))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
