# -*- coding: utf-8 -*-
# Copyright: (c) 2026, carbonio.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of tools/check_readme_packages.py (run as a script in a folder, as `make lint` runs it in the collection copy)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SCRIPT = os.path.join(ROOT, 'tools', 'check_readme_packages.py')
README = 'Both commands install the Debian packages `slapd`, `ldap-utils`\nand `nginx-light` (with `apt-get`, as root).\n'


def _check(folder, makefile, readme=README):
    with open(os.path.join(folder, 'Makefile'), 'w') as handle:
        handle.write(makefile)
    with open(os.path.join(folder, 'README.md'), 'w') as handle:
        handle.write(readme)
    return subprocess.run([sys.executable, SCRIPT], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, check=False)


def test_the_same_packages_pass(tmp_path):
    result = _check(str(tmp_path), 'SHELL := /bin/bash\nAPT_PACKAGES := slapd nginx-light ldap-utils\n')
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_package_the_readme_does_not_list_fails(tmp_path):
    result = _check(str(tmp_path), 'APT_PACKAGES := slapd ldap-utils nginx-light pebble\n')
    assert result.returncode == 1
    assert "missing from README: ['pebble']" in result.stdout


def test_a_package_the_makefile_does_not_install_fails(tmp_path):
    result = _check(str(tmp_path), 'APT_PACKAGES := slapd ldap-utils\n')
    assert result.returncode == 1
    assert "not installed: ['nginx-light']" in result.stdout


def test_the_sentence_gone_fails(tmp_path):
    result = _check(str(tmp_path), 'APT_PACKAGES := slapd\n', readme='No packages named here.\n')
    assert result.returncode == 1
