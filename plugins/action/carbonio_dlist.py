# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of carbonio_dlist: reads lists_src on the controller (plugins/plugin_utils/_items_action.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST
from ansible_collections.carbonio.admin.plugins.plugin_utils._items_action import ItemsSourceAction


class ActionModule(ItemsSourceAction):
    OBJECT_TYPE = DLIST
