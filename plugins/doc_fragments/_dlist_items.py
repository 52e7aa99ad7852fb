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
        top-level value, so top-level options are defaults for every item. Mutually exclusive with O(name)
        and O(lists_src).
      - Everything is checked before the first request; the lists are read in one round trip (a search per domain,
        with their members) and written in pages of 250 (renames in the order they need, then creates, changes and
        deletes, then member and alias removals, then additions).
      - The list of lists is planned as a whole before anything is sent, as for O(old_name) and O(aliases).
      - The result lists every list created, changed, deleted or failed, with its outcome, and counts the unchanged ones;
        a fault on some lists does not stop the others, and the task fails at the end naming each with its reason.
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
  lists_src:
    description:
      - A file of lists, read on the controller (never on a managed node) by the module's action plugin, without
        templating, and given to the module as O(lists); everything else is as for O(lists) (top-level options as
        every item's defaults, O(lists_mode=exact), check mode, diff, the result). Mutually exclusive with O(name) and
        O(lists).
      - A relative path is looked for as M(ansible.builtin.copy) looks for its O(ansible.builtin.copy#module:src) - in
        the C(files/) folder of the role, then of the playbook, and beside them. A file encrypted with
        C(ansible-vault) is decrypted with the play's vault secrets.
      - The file's extension gives its format. C(.yml), C(.yaml) or C(.json) - a list of items, each a mapping of the
        options of O(lists). Plain YAML only (no C(!vault) or other tags in it; encrypt the whole file instead).
      - C(.csv) - comma-separated values, UTF-8 (a byte order mark is accepted), quoted as spreadsheets quote them.
        The first line names the columns, each an option of O(lists) (such as
        C(name,display_name,hidden,members,senders)); an unknown or repeated column is refused naming it, with the
        closest option name. Each following line is one list. Whitespace around a cell is stripped; an empty cell
        means the option is not given, so the top-level value applies. Blank lines are skipped.
      - In a CSV cell, C(;) separates the values of an option that takes several (O(lists[].aliases),
        O(lists[].members), O(lists[].owners), O(lists[].senders) when it names addresses, and
        O(lists[].description)), such as C(a@example.com;b@example.com); a C(;) cannot be part of such a value. Every
        other cell is one value, checked as the same text in O(lists) is (C(true), C(20G), C(30d)). O(lists[].attrs)
        takes a JSON object in its cell.
      - Every problem is refused before anything is sent and named by the file, the line and the column (a CSV
        column by its name), also a value the module checks against what Carbonio holds.
    type: str
'''
