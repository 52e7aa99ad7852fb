"""Every module's EXAMPLES block parses as a playbook's tasks: one playbook per module, `ansible-playbook --syntax-check`.

Run from the collection copy with ANSIBLE_COLLECTIONS_PATH pointing above it (make lint does). tests/playbooks/test_examples.py
runs them against the simulator (make playbooks). Exit 1 naming each
module whose examples do not parse, with ansible-playbook's error.
"""
import ast
import os
import subprocess
import sys
import tempfile

import yaml

PLAY = {'hosts': 'localhost', 'gather_facts': False, 'tasks': None}


def examples(path):
    """The EXAMPLES string of a module file, read without importing it."""
    with open(path, encoding='utf-8') as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, 'id', None) == 'EXAMPLES' for target in node.targets):
            return node.value.value
    return None


def main():
    folder = os.path.join('plugins', 'modules')
    failed = []
    with tempfile.TemporaryDirectory() as workdir:
        for name in sorted(os.listdir(folder)):
            if not name.endswith('.py') or name.startswith('_'):
                continue
            text = examples(os.path.join(folder, name))
            if not text:
                failed.append('%s: no EXAMPLES' % name)
                continue
            playbook = os.path.join(workdir, name[:-3] + '.yml')
            with open(playbook, 'w', encoding='utf-8') as handle:
                yaml.safe_dump([dict(PLAY, tasks=yaml.safe_load(text))], handle, sort_keys=False)
            run = subprocess.run(['ansible-playbook', '--syntax-check', '-i', 'localhost,', playbook],
                                 capture_output=True, text=True, check=False)
            if run.returncode:
                failed.append('%s: %s' % (name, (run.stderr or run.stdout).strip()))
    for line in failed:
        print(line)
    print('EXAMPLES of every module parse as playbooks' if not failed else '%d module(s) with EXAMPLES that do not parse' % len(failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
