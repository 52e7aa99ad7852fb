# -*- coding: utf-8 -*-
# Copyright: (c) 2026, carbonio.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of tools/generate_attribute_catalog.py (run as a script, as users and CI do)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ast
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SCRIPT = os.path.join(ROOT, 'tools', 'generate_attribute_catalog.py')
SHIPPED = os.path.join(ROOT, 'plugins', 'module_utils', '_attribute_catalog_data.py')


def _run(*args):
    return subprocess.run([sys.executable, SCRIPT] + list(args), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, check=False)


def _read(path):
    with open(path, 'r', encoding='utf-8') as handle:
        return handle.read()


def _catalog(path):
    """Return the JSON data of a generated module, read without importing it."""
    tree = ast.parse(_read(path))
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == 'CATALOG_JSON':
            return json.loads(ast.literal_eval(node.value))
    raise AssertionError('CATALOG_JSON not found in %s' % path)


def test_check_passes_on_shipped_file():
    result = _run('--check')
    assert result.returncode == 0, result.stderr
    assert 'up to date' in result.stdout


def test_generate_matches_shipped(tmp_path):
    output = str(tmp_path / 'data.py')
    result = _run('--output', output)
    assert result.returncode == 0, result.stderr
    assert _read(output) == _read(SHIPPED)


def test_check_detects_modified_copy(tmp_path):
    output = str(tmp_path / 'data.py')
    assert _run('--output', output).returncode == 0
    content = _read(output)
    with open(output, 'w', encoding='utf-8') as handle:
        handle.write(content.replace('"zimbraDomainStatus":', '"zimbraDomainStatuz":'))
    result = _run('--check', '--output', output)
    assert result.returncode != 0
    assert 'out of date' in result.stderr
    assert 'python tools/generate_attribute_catalog.py' in result.stderr


def test_check_detects_missing_file(tmp_path):
    result = _run('--check', '--output', str(tmp_path / 'missing.py'))
    assert result.returncode != 0
    assert 'cannot read' in result.stderr


def test_shipped_file_shape():
    content = _read(SHIPPED)
    assert content.startswith('# -*- coding: utf-8 -*-\n# GENERATED FILE - DO NOT EDIT. Regenerate with: python tools/generate_attribute_catalog.py\n')
    assert '9574645f24771b8700f3ca3105f23dcbc218eda7' in content.splitlines()[2]
    assert 'from __future__ import absolute_import, division, print_function' in content
    assert '# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)' in content
    assert max(len(line) for line in content.splitlines()) <= 130
    assert len(content.encode('utf-8')) < 400 * 1024
    content.encode('ascii')  # plain ASCII


def test_catalog_content():
    data = _catalog(SHIPPED)
    assert data['fmt'] == 1
    assert data['src'] == '9574645f24771b8700f3ca3105f23dcbc218eda7'
    assert data['sup']['account'] == ['mailRecipient']
    assert data['sup']['domain'] == ['mailRecipient']
    attrs = data['a']
    assert len(attrs) == 1819
    assert attrs['zimbraDomainStatus'] == {
        'di': 1, 'm': 0, 'oc': ['domain', 'globalConfig'], 't': 'enum',
        'v': ['active', 'maintenance', 'locked', 'closed', 'suspended', 'shutdown'],
    }
    assert attrs['zimbraMailDomainQuota'] == {'di': 1, 'gc': ['0'], 'lo': '0', 'm': 0, 'oc': ['domain', 'globalConfig'], 't': 'long'}
    assert attrs['zimbraVirtualHostname'] == {'hi': '256', 'm': 1, 'oc': ['domain'], 't': 'string'}
    assert attrs['zimbraId']['im'] == 1
    assert attrs['zimbraDNSCheckHostname']['dp'] == '23.6.0'
    assert attrs['zimbraMailQuota']['ai'] == 1
    assert attrs['zimbraPrefTimeZoneId']['cdi'] == 1 and 'di' not in attrs['zimbraPrefTimeZoneId']


def test_output_is_deterministic(tmp_path):
    first = str(tmp_path / 'a.py')
    second = str(tmp_path / 'b.py')
    assert _run('--output', first).returncode == 0
    assert _run('--output', second).returncode == 0
    assert _read(first) == _read(second)
