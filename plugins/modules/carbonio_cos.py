#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_cos
short_description: Create, copy, rename, change and delete Carbonio classes of service
version_added: 0.1.0
description:
  - Manages a Zextras Carbonio class of service (COS), the bundle of limits, features and policies that accounts get
    unless they override them.
  - The settings an operator changes most have their own options; any other COS attribute goes through O(attrs).
  - Only the options you set are managed. To remove a value give V('') (an empty string).
  - Every value is checked against Carbonio's attribute definitions before anything is sent.
  - Carbonio itself deletes a COS that accounts or domains still use, and they silently fall back to another one;
    this module refuses unless O(reassign_to) or O(force) says what to do.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
  - carbonio.admin._cos_settings
options:
  name:
    description:
      - Name of the class of service. Carbonio stores new names in lower case.
      - Letters, digits, dots, hyphens and underscores.
    type: str
    required: true
  state:
    description:
      - V(present) creates the COS if needed and sets the given options; V(absent) deletes it.
      - C(default) and C(defaultExternal) can be changed but never renamed or deleted.
    type: str
    choices: [present, absent]
    default: present
  old_name:
    description:
      - Rename the COS called O(old_name) to O(name), keeping its id (accounts refer to it by id and keep it).
      - Nothing is renamed when O(name) already exists; when neither exists a new COS is created.
    type: str
  copy_from:
    description:
      - When the COS is created, start from a copy of this existing COS (C(CopyCosRequest)) instead of C(default),
        then apply the given options. Ignored when the COS exists.
    type: str
  reassign_to:
    description:
      - With O(state=absent), first move the accounts that have this COS and the domains that give it by default to
        the named COS, in batches, then delete it.
      - C(defaultExternal), the COS of external (non-mailbox) accounts, is refused before anything is sent.
    type: str
  force:
    description:
      - With O(state=absent), delete the COS even though accounts or domains use it. They then fall back to their
        domain's default COS, or to C(default).
    type: bool
    default: false
  description:
    description:
      - Description of the COS (C(description)). Carbonio allows several values; give a list to set several.
    type: raw
  notes:
    description:
      - Free notes (C(zimbraNotes)), at most 1024 characters.
    type: raw
  attrs:
    description:
      - Any other COS attribute, as C(name) to value (a list for several values). An empty string or empty list removes it.
      - Checked against Carbonio's attribute definitions (name, type, allowed values, that a COS may carry it) before
        anything is sent. An attribute that has an option follows the option's rules here too.
      - An attribute may not be set both here and through its own option; C(cn), C(objectClass) and C(zimbraId) are refused.
    type: dict
seealso:
  - module: carbonio.admin.carbonio_cos_info
  - module: carbonio.admin.carbonio_domain
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: A class of service for paying customers
  carbonio.admin.carbonio_cos:
    name: gold
    copy_from: default
    mailbox_quota: 50G
    quota_warn_percent: 90
    files_enabled: true
    chats_enabled: true
    mobile_sync_enabled: true
    two_factor_auth_available: true
    password_min_length: 12
    password_lockout_enabled: true
    password_lockout_max_failures: 10
    trash_lifetime: 30d
    time_zone: Europe/Rome
  delegate_to: localhost

- name: Rename it, keeping its accounts
  carbonio.admin.carbonio_cos:
    name: premium
    old_name: gold
  delegate_to: localhost

- name: Drop a per-COS override so the attribute is removed from the COS
  carbonio.admin.carbonio_cos:
    name: premium
    attrs:
      zimbraPrefMailPollingInterval: ''
  delegate_to: localhost

- name: Retire a COS, moving its accounts and domains to another
  carbonio.admin.carbonio_cos:
    name: bronze
    state: absent
    reassign_to: default
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What happened, in a few words.
  returned: always
  type: str
  sample: class of service gold created
cos:
  description:
    - The COS as managed by this module after the run (before it, for O(state=absent)), as options of this module;
      options not set on the COS are left out.
  returned: when the COS exists or was created
  type: dict
  sample: {name: gold, id: 5d3f5b62-1111-4c1d-9b1e-000000000001, mailbox_quota: 50G, files_enabled: true}
changed_attributes:
  description: Names of the Carbonio attributes written (or that would be written in check mode).
  returned: always
  type: list
  elements: str
  sample: [zimbraMailQuota]
users:
  description: How many accounts have the COS as their own and which domains give it by default, before the delete.
  returned: when O(state=absent) and the COS existed
  type: dict
  sample: {accounts: 12, domains: [example.com]}
reassigned:
  description: What was (or would be, in check mode) moved to O(reassign_to) before the delete.
  returned: when O(reassign_to) moved something
  type: dict
  sample: {accounts: 12, domains: 1, to: default}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._engine import run_object_module
from ansible_collections.carbonio.admin.plugins.module_utils._objects.cos import COS


def main():
    run_object_module(COS)


if __name__ == '__main__':
    main()
