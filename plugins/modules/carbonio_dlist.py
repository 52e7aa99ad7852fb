#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_dlist
short_description: Create, change, rename and delete Carbonio mailing lists (distribution lists)
version_added: 0.1.0
description:
  - Manages a Zextras Carbonio mailing list (distribution list) - its address, display name, description,
    notes, whether it is hidden from the Global Address List and receives mail, its members, owners, who may send to
    it and its aliases - or a tenant's lists in one task (O(lists)).
  - A list is static (Carbonio keeps its members) or dynamic (O(dynamic=true)), chosen when it is created. A dynamic
    list either has members added one by one like a static list (an ACL group, which can also be given rights), or
    a O(member_url) whose LDAP query selects its members whenever mail is delivered to it.
  - Only the options you set are managed. To remove a value give V('') (an empty string).
  - Every value is checked before anything is sent, including that the domains of the list and of its aliases exist,
    that no alias to add belongs to another object, and that a list is not its own member.
  - A write whose answer is lost is never sent again; the list is read back (see O(retries)).
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
  - carbonio.admin._dlist_items
options:
  name:
    description:
      - The list's address, such as C(team@example.com). Carbonio stores it in lower case.
      - The domain must exist. No account, alias or other list may have the address.
      - One of O(name), O(lists) and O(lists_src) is required.
    type: str
  lists_mode:
    description:
      - With O(lists), V(present) manages the listed lists only.
      - V(exact) also deletes every list of O(domain), static or dynamic, that O(lists) does not list. Every item must
        be a list of O(domain), the domain must exist, and an empty O(lists) is refused unless O(allow_empty=true).
    type: str
    choices: [present, exact]
    default: present
  domain:
    description:
      - The domain whose unlisted lists O(lists_mode=exact) deletes. Required with it.
    type: str
  allow_empty:
    description:
      - With O(lists_mode=exact), accept an empty O(lists), which then deletes every list of O(domain).
    type: bool
    default: false
  state:
    description:
      - V(present) creates the list if needed and sets the given options; V(absent) deletes it (it leaves the lists it
        was a member of, and the rights given to it are revoked).
      - A list is found by its own address only; with V(absent), an address that is another object's alias deletes
        nothing, and with V(present) it is refused naming its owner.
    type: str
    choices: [present, absent]
    default: present
  old_name:
    description:
      - Rename the list called O(old_name) to O(name), keeping its id, members and rights (C(RenameDistributionListRequest)).
        Memberships in other lists follow. The old address does not become an alias; list it in O(aliases) to keep it.
      - Nothing is renamed when O(name) already exists and O(old_name) does not (a re-run after the rename); when both
        exist the task is refused; when neither exists a new list is created. Only with O(state=present).
    type: str
  dynamic:
    description:
      - Whether the list is dynamic (Carbonio's dynamic group, C(dynamic) of C(CreateDistributionListRequest)), a
        boolean. A new list is static unless this is true.
      - Fixed when the list is created; asking an existing list to be the other kind is refused (nothing is deleted
        and created again). Left out, an existing list is managed as whatever kind it is.
    type: raw
  member_url:
    description:
      - For a dynamic list, the LDAP URL whose search selects its members (C(memberURL)), such as
        V(ldap:///??sub?(&(objectClass=zimbraAccount\)(ou=sales\))). Its form and its filter are checked before
        anything is sent. Members are the accounts it finds; lists, aliases and entries without a mailbox are skipped.
      - Members of a list with a member URL cannot be listed in O(members).
      - Left out, the dynamic list is an ACL group whose members are added one by one. It cannot be removed, and it
        cannot be changed on an ACL group (O(acl_group=true)).
    type: raw
  acl_group:
    description:
      - For a dynamic list, whether it is an ACL group (C(zimbraIsACLGroup)), a boolean, fixed when it is created. An
        ACL group can be given rights; Carbonio keeps a unit of its members for that.
      - Left out at creation, a list with O(member_url) is no ACL group and one without is (the Admin Panel's choice);
        V(false) needs O(member_url).
    type: raw
  display_name:
    description: The name shown for the list (C(displayName)).
    type: raw
  description:
    description: Description of the list (C(description)). Carbonio allows several values; give a list to set several.
    type: raw
  notes:
    description: Free notes (C(zimbraNotes)), at most 1024 characters.
    type: raw
  hidden:
    description: Hide the list from the Global Address List (C(zimbraHideInGal)), a boolean.
    type: raw
  mail_enabled:
    description:
      - Whether the list receives mail (C(zimbraMailStatus) V(enabled) or V(disabled)), a boolean. It cannot be removed.
    type: raw
  subscription_policy:
    description:
      - Who may subscribe (C(zimbraDistributionListSubscriptionPolicy)), one of V(ACCEPT), V(APPROVAL), V(REJECT).
      - Carbonio deprecated this attribute in 23.7.0; the module warns when it is set.
    type: raw
  unsubscription_policy:
    description:
      - Who may unsubscribe (C(zimbraDistributionListUnsubscriptionPolicy)), one of V(ACCEPT), V(APPROVAL), V(REJECT).
      - Carbonio deprecated this attribute in 23.7.0; the module warns when it is set.
    type: raw
  members:
    description:
      - The list's members, addresses inside or outside Carbonio (C(AddDistributionListMemberRequest),
        C(RemoveDistributionListMemberRequest)); all the members a run adds go in one request, and all it removes in another.
      - Compared case-insensitively, as Carbonio stores them in lower case.
      - For a dynamic ACL group, accounts of this Carbonio are kept on the accounts and other addresses in the group;
        an address of another list cannot be a member. Refused for a list with a O(member_url).
    type: list
    elements: str
  members_mode:
    description:
      - V(exact) makes O(members) the whole set (others are removed); V(present) adds the listed ones; V(absent) removes them.
    type: str
    choices: [exact, present, absent]
    default: exact
  aliases:
    description:
      - Other addresses of the list, on any existing domain (C(AddDistributionListAliasRequest)).
      - An alias to add must be free once the task is done; one that is another object's address, or an alias another
        object keeps, is refused before anything is sent, naming that object.
    type: list
    elements: str
  aliases_mode:
    description:
      - V(exact) makes O(aliases) the whole set (others are removed); V(present) adds the listed ones; V(absent) removes them.
    type: str
    choices: [exact, present, absent]
    default: exact
  owners:
    description:
      - The accounts or lists that own the list (may manage it from their own client), by address
        (C(DistributionListActionRequest) C(addOwners) and C(removeOwners); all the owners a run adds in one request).
      - Each must be the address of an existing account or list (not an alias); checked before anything is sent.
    type: list
    elements: str
  owners_mode:
    description:
      - V(exact) makes O(owners) the whole set (others are removed); V(present) adds the listed ones; V(absent) removes them.
    type: str
    choices: [exact, present, absent]
    default: exact
  senders:
    description:
      - Who may send to the list, as the Admin Panel offers it. V(anyone) (no restriction, Carbonio's default), V(members)
        (the list's own members), V(internal) (every account of this Carbonio), or a list of addresses (accounts, lists
        or external addresses) and domain names (every account of that domain) that alone may send. A domain must exist.
      - Kept by Carbonio as the list's C(sendToDistList) grants and set all at once (C(DistributionListActionRequest)
        C(setRights)), so the named senders are always the whole set. Left out of results when anyone may send.
    type: raw
  attrs:
    description:
      - Any other list attribute, as C(name) to value (a list for several values). An empty string or empty list removes it.
      - Checked against Carbonio's attribute definitions before anything is sent. C(mail) and C(uid) are refused (they change
        through O(name) and O(old_name)), and so are C(zimbraMailForwardingAddress), C(zimbraMailAlias) and C(zimbraACE)
        (O(members), O(aliases), O(owners) and O(senders)).
    type: dict
notes:
  - The directory computes the members of a list with a O(member_url) when it is read; the result of this module
    does not list them, M(carbonio.admin.carbonio_dlist_info) does.
seealso:
  - module: carbonio.admin.carbonio_account
  - module: carbonio.admin.carbonio_domain
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: A team list with members inside and outside Carbonio, hidden from the GAL
  carbonio.admin.carbonio_dlist:
    name: team@example.com
    display_name: The team
    members: [jo@example.com, al@example.com, partner@example.org]
    owners: [jo@example.com]
    senders: members
    hidden: true
  delegate_to: localhost

- name: Add two members, leaving the others as they are
  carbonio.admin.carbonio_dlist:
    name: team@example.com
    members: [bea@example.com, cy@example.com]
    members_mode: present
  delegate_to: localhost

- name: Rename it, keeping the old address as an alias
  carbonio.admin.carbonio_dlist:
    name: staff@example.com
    old_name: team@example.com
    aliases: [team@example.com]
    aliases_mode: present
  delegate_to: localhost

- name: A tenant's lists in one task; the domain holds exactly these
  carbonio.admin.carbonio_dlist:
    lists:
      - {name: sales@example.com, members: [al@example.com, bea@example.com]}
      - {name: support@example.com, members: [cy@example.com], aliases: [help@example.com]}
    lists_mode: exact
    domain: example.com
  delegate_to: localhost

- name: A tenant's lists from a YAML file of the provisioning system (a role's files/lists.yml); hidden by default
  # - {name: sales@example.com, members: [al@example.com, bea@example.com]}
  # - {name: support@example.com, members: [cy@example.com], hidden: false}
  carbonio.admin.carbonio_dlist:
    lists_src: lists.yml
    hidden: true
  delegate_to: localhost

- name: A dynamic list of every account of the sales department, computed by the directory
  carbonio.admin.carbonio_dlist:
    name: sales-all@example.com
    dynamic: true
    member_url: ldap:///??sub?(&(objectClass=zimbraAccount)(ou=sales))
  delegate_to: localhost

- name: A dynamic ACL group, whose members are named one by one
  carbonio.admin.carbonio_dlist:
    name: admins@example.com
    dynamic: true
    members: [jo@example.com, al@example.com]
  delegate_to: localhost

- name: Delete a list
  carbonio.admin.carbonio_dlist:
    name: old-team@example.com
    state: absent
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What happened, in a few words.
  returned: always
  type: str
  sample: "list team@example.com: 1 setting changed, members: 2 added"
list:
  description:
    - The list as managed by this module after the run (before it, for O(state=absent)), as options of this module.
  returned: when the list exists or was created, with O(name)
  type: dict
  sample: {name: team@example.com, id: 5d3f5b62-1111-4c1d-9b1e-000000000007, display_name: The team, hidden: true,
           members: [al@example.com, jo@example.com, partner@example.org]}
changed_attributes:
  description:
    - Names of the Carbonio attributes written (or that would be written in check mode). When a write fails part-way,
      only those written before it; the diff then shows those only.
  returned: with O(name)
  type: list
  elements: str
  sample: [displayName, zimbraMailForwardingAddress]
lists:
  description:
    - With O(lists), one entry per list created, changed, deleted or failed (or predicted so in check mode), or with a
      note, in the order given; an unchanged list is only counted in RV(summary).
  returned: with O(lists)
  type: list
  elements: dict
  sample: [{name: sales@example.com, outcome: created}, {name: support@example.com, outcome: changed}]
  contains:
    name:
      description: The list's address.
      type: str
    outcome:
      description: One of V(created), V(changed), V(deleted), V(failed), or V(unchanged) with a note (predicted in check mode).
      type: str
    error:
      description: The Carbonio error code and message, for a failed list.
      type: dict
      returned: when the outcome is V(failed)
    applied:
      description: For a failed list, the writes that landed before the one that failed; it is then also counted as changed.
      type: list
      elements: str
      returned: when a failed list had writes that landed
    note:
      description: Why nothing was done, such as an address to delete that is another object's alias.
      type: str
      returned: when there is something to say
summary:
  description: How many lists had each outcome; a failed list whose first writes landed is also counted as created or changed.
  returned: with O(lists)
  type: dict
  sample: {created: 2, changed: 0, unchanged: 40, deleted: 1, failed: 0}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._engine import run_object_module
from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST


def main():
    run_object_module(DLIST)


if __name__ == '__main__':
    main()
