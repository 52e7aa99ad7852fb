# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The items of carbonio_dlist's lists option: the module's own options, per list
    # (plugins/module_utils/_bulk.py bulk_spec); a unit test checks they match.
    DOCUMENTATION = r'''
options:
  lists:
    description:
      - Many lists in one task, each with the options of this module. An option an item leaves out takes the
        top-level value, so top-level options are defaults for every item. Mutually exclusive with O(name).
      - Everything is checked before the first request; the lists are read in one round trip (a search per domain,
        with their members) and written in pages of 250 (renames in the order they need, then creates, changes and
        deletes, then member and alias removals, then additions).
      - The list of lists is planned as a whole before anything is sent, as for O(old_name) and O(aliases).
      - The result lists every list with its outcome; a fault on some lists does not stop the others, and the task
        fails at the end naming each with its reason.
    type: list
    elements: dict
    suboptions:
      acl_group:
        description: As the top-level O(acl_group), for this list; default the top-level value.
        type: raw
      aliases:
        description: As the top-level O(aliases), for this list; default the top-level value.
        type: list
        elements: str
      aliases_mode:
        description: As the top-level O(aliases_mode), for this list; default the top-level value.
        type: str
        choices: [exact, present, absent]
      attrs:
        description: As the top-level O(attrs), for this list; default the top-level value.
        type: dict
      description:
        description: As the top-level O(description), for this list; default the top-level value.
        type: raw
      display_name:
        description: As the top-level O(display_name), for this list; default the top-level value.
        type: raw
      dynamic:
        description: As the top-level O(dynamic), for this list; default the top-level value.
        type: raw
      hidden:
        description: As the top-level O(hidden), for this list; default the top-level value.
        type: raw
      mail_enabled:
        description: As the top-level O(mail_enabled), for this list; default the top-level value.
        type: raw
      member_url:
        description: As the top-level O(member_url), for this list; default the top-level value.
        type: raw
      members:
        description: As the top-level O(members), for this list; default the top-level value.
        type: list
        elements: str
      members_mode:
        description: As the top-level O(members_mode), for this list; default the top-level value.
        type: str
        choices: [exact, present, absent]
      name:
        description: The list's address, as O(name).
        type: str
        required: true
      notes:
        description: As the top-level O(notes), for this list; default the top-level value.
        type: raw
      old_name:
        description: As the top-level O(old_name), for this list.
        type: str
      owners:
        description: As the top-level O(owners), for this list; default the top-level value.
        type: list
        elements: str
      owners_mode:
        description: As the top-level O(owners_mode), for this list; default the top-level value.
        type: str
        choices: [exact, present, absent]
      senders:
        description: As the top-level O(senders), for this list; default the top-level value.
        type: raw
      state:
        description: As O(state); default the top-level O(state).
        type: str
        choices: [present, absent]
      subscription_policy:
        description: As the top-level O(subscription_policy), for this list; default the top-level value.
        type: raw
      unsubscription_policy:
        description: As the top-level O(unsubscription_policy), for this list; default the top-level value.
        type: raw
'''
