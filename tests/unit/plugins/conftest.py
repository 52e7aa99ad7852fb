# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Under plain pytest (a quick run from the collection copy), the collection finder ansible-test units installs before
any test is imported, as ansible-test does it: the inventory plugin's tests load the plugin by name, which needs the
collection imported through the finder."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible.utils.collection_loader import AnsibleCollectionConfig

if AnsibleCollectionConfig.collection_finder is None:
    from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder
    # <root>/ansible_collections/carbonio/admin/tests/unit/plugins/conftest.py
    ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), *(['..'] * 6)))
    _AnsibleCollectionFinder(paths=[ROOT])._install()  # pylint: disable=protected-access
