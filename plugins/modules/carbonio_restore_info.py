#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_restore_info
short_description: List the accounts Carbonio's backup can restore
version_added: 0.1.0
description:
  - Lists the accounts the backup holds - of a domain or of all - with the deleted ones marked and their deletion time and
    server, so that a playbook can pick what M(carbonio.admin.carbonio_restore) restores.
  - Reads every page of the backup's list.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  domain:
    description:
      - The domain whose accounts to list. Every domain when not set.
    type: str
  filter:
    description:
      - Only the accounts whose address holds this text.
    type: str
  deleted_only:
    description:
      - Only the deleted accounts.
    type: bool
    default: false
seealso:
  - module: carbonio.admin.carbonio_restore
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: The deleted accounts of a domain
  carbonio.admin.carbonio_restore_info:
    domain: example.com
    deleted_only: true
  register: gone
  delegate_to: localhost

- name: Restore each one onto a new address
  carbonio.admin.carbonio_restore:
    source: "{{ item.id }}"
    destination: "{{ item.name | regex_replace('@', '.restored@') }}"
  loop: "{{ gone.accounts }}"
  loop_control:
    label: "{{ item.name }}"
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: How many accounts were found, and how many are deleted.
  returned: always
  type: str
  sample: 120 accounts in the backup of example.com, 3 deleted
accounts:
  description: The accounts, sorted by address and creation.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The account's id in the backup (give it as O(carbonio.admin.carbonio_restore#module:source)).
      type: str
      sample: 0f3c6a0e-3f1e-4b1e-9d1c-2b6a9f1e7c11
    name:
      description: The account's address.
      type: str
      sample: jo@example.com
    status:
      description: The status the backup gives it.
      type: str
      sample: deleted
    deleted:
      description: Whether the account was deleted.
      type: bool
      sample: true
    created_at:
      description: When the account was created (ISO 8601, UTC).
      type: str
      sample: "2025-04-01T09:00:00Z"
    deleted_at:
      description: When it was deleted (ISO 8601, UTC), V(null) if it was not.
      type: str
      sample: "2026-11-30T18:02:11Z"
    server:
      description: The mailbox server that holds its backup.
      type: str
      sample: mbox1.example.com
    legal_hold:
      description: Whether the account is under legal hold.
      type: bool
      sample: false
'''

from ansible_collections.carbonio.admin.plugins.module_utils._restore import run_restore_info_module


def main():
    run_restore_info_module()


if __name__ == '__main__':
    main()
