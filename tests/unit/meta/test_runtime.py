# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""meta/runtime.yml must list every module in the action group, so module_defaults reach them all."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))


def module_names():
    folder = os.path.join(ROOT, 'plugins', 'modules')
    return sorted(f[:-3] for f in os.listdir(folder) if f.endswith('.py') and not f.startswith('_'))


def test_action_group_lists_every_module():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    assert module_names(), 'no modules found'
    assert sorted(runtime['action_groups']['carbonio']) == module_names()


def test_every_module_has_an_integration_target():
    targets = os.path.join(ROOT, 'tests', 'integration', 'targets')
    missing = [name for name in module_names() if not os.path.isfile(os.path.join(targets, name, 'tasks', 'main.yml'))]
    assert missing == [], 'modules without an integration target: %s' % ', '.join(missing)
