#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_dlist_info
short_description: List and inspect Carbonio mailing lists (distribution lists and dynamic lists)
version_added: 0.1.0
description:
  - Returns the mailing lists of a domain, or of every domain, static lists and dynamic lists alike, each with its
    aliases, how many members and aliases it has, and whether it is dynamic (its members computed by Carbonio from a
    member URL).
  - With O(name), one list in detail, with its members (for a dynamic list with a member URL, those the directory
    selects now) and its settings.
  - Each list also comes back under RV(lists[].carbonio_dlist) in the form M(carbonio.admin.carbonio_dlist)
    accepts in its O(carbonio.admin.carbonio_dlist#module:lists) list, members, aliases, owners and senders included, and
    for a dynamic list whether it is one, its member URL and whether it is an ACL group, so a tenant's lists can be
    exported to YAML and applied back unchanged. The members a member URL selects are not in the export (they are
    not set, they are computed).
  - Two round trips with O(name); a listing takes one more when it holds dynamic lists (their members), and one more
    when lists name accounts or lists that may send to them; never one per list.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  name:
    description:
      - Address of one list to read in detail. Otherwise the lists of O(domain), or of every domain.
      - A list is found by its own address only, never by one of its aliases.
      - O(query) and O(type) still apply; O(domain) is the domain of O(name).
    type: str
  domain:
    description:
      - Only the lists of this domain (never those of its sub-domains). The domain must exist.
    type: str
  query:
    description:
      - Only lists whose address, one of whose aliases, or whose display name contains this text.
    type: str
  type:
    description:
      - Only static lists (V(static)) or only dynamic lists (V(dynamic)). Both when not set.
    type: str
seealso:
  - module: carbonio.admin.carbonio_dlist
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: The lists of a tenant
  carbonio.admin.carbonio_dlist_info:
    domain: example.com
  register: tenant_lists
  delegate_to: localhost

- name: One list in detail, with every member
  carbonio.admin.carbonio_dlist_info:
    name: team@example.com
  register: team
  delegate_to: localhost

- name: The lists whose address or display name mentions sales
  carbonio.admin.carbonio_dlist_info:
    domain: example.com
    query: sales
  delegate_to: localhost

- name: Export a tenant's lists
  carbonio.admin.carbonio_dlist_info:
    domain: example.com
  register: exported
  delegate_to: localhost

- name: Apply the export back (no change)
  carbonio.admin.carbonio_dlist:
    lists: "{{ exported.lists | map(attribute='carbonio_dlist') | list }}"
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: How many lists were found.
  returned: always
  type: str
  sample: 2 lists found
lists:
  description: The lists found, sorted by address; empty when O(name) is not the address of a list.
  returned: always
  type: list
  elements: dict
  sample:
    - name: team@example.com
      id: 5d3f5b62-1111-4c1d-9b1e-000000000007
      dynamic: false
      aliases: [staff@example.com]
      alias_count: 1
      member_count: 2
      attrs: {displayName: [The team], zimbraMailStatus: [enabled], zimbraMailAlias: [staff@example.com],
              zimbraMailForwardingAddress: [jo@example.com, partner@example.org]}
      carbonio_dlist: {name: team@example.com, display_name: The team, mail_enabled: true, aliases: [staff@example.com],
                       members: [jo@example.com, partner@example.org]}
  contains:
    name:
      description: The list's address.
      type: str
    id:
      description: The list's id.
      type: str
    dynamic:
      description: Whether the list is dynamic (an ACL group, or its members computed from RV(lists[].member_url)).
      type: bool
    member_url:
      description:
        - The LDAP URL whose matches are a dynamic list's members (C(memberURL)), as Carbonio holds it; null for an ACL
          group without one (Carbonio's own URL, naming the group, is no setting).
      type: str
      returned: for dynamic lists
    aliases:
      description: The list's other addresses.
      type: list
      elements: str
    alias_count:
      description: How many aliases the list has.
      type: int
    member_count:
      description: How many members the list has (for a dynamic list with a member URL, how many it selects now).
      type: int
    members:
      description: With O(name), the list's members (for a dynamic list with a member URL, those it selects now).
      type: list
      elements: str
      returned: with O(name)
    attrs:
      description:
        - The list's own values of the attributes the collection manages, as Carbonio holds them; a static list's (or an
          ACL group's) members as C(zimbraMailForwardingAddress), its aliases as C(zimbraMailAlias) (its own address left
          out).
      type: dict
    settings:
      description:
        - With O(name), each option of M(carbonio.admin.carbonio_dlist) with its value (C(own)) and the value in force
          (C(effective)).
      type: dict
      returned: with O(name)
    carbonio_dlist:
      description:
        - The list as an item of M(carbonio.admin.carbonio_dlist)'s O(carbonio.admin.carbonio_dlist#module:lists) list.
      type: dict
      returned: always
      sample: {name: team@example.com, display_name: The team, hidden: true, mail_enabled: true, members: [jo@example.com]}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._engine import run_info_module
from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST


def main():
    run_info_module(DLIST)


if __name__ == '__main__':
    main()
