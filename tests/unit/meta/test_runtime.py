# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""meta/runtime.yml must list every module that connects to Carbonio in the action group, so module_defaults reach
them all, and no other (a module without the connection options would refuse the group's defaults)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))


def module_names():
    folder = os.path.join(ROOT, 'plugins', 'modules')
    return sorted(f[:-3] for f in os.listdir(folder) if f.endswith('.py') and not f.startswith('_'))


def connecting_modules():
    """The modules whose documentation takes the connection options."""
    found = []
    for name in module_names():
        with open(os.path.join(ROOT, 'plugins', 'modules', name + '.py')) as handle:
            if 'carbonio.admin._connection' in handle.read():
                found.append(name)
    return found


def test_action_group_lists_every_module_that_connects():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    assert len(connecting_modules()) > 1, 'no modules found'
    assert 'carbonio_served_cert_info' in module_names() and 'carbonio_served_cert_info' not in connecting_modules()
    assert sorted(runtime['action_groups']['carbonio']) == connecting_modules()


def test_every_module_has_an_integration_target():
    targets = os.path.join(ROOT, 'tests', 'integration', 'targets')
    missing = [name for name in module_names() if not os.path.isfile(os.path.join(targets, name, 'tasks', 'main.yml'))]
    assert missing == [], 'modules without an integration target: %s' % ', '.join(missing)
