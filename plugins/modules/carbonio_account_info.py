#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_account_info
short_description: List and inspect Carbonio accounts
version_added: 0.1.0
description:
  - Returns the accounts of a domain, or of every domain, as the Admin Panel's Manage Domains page lists them (address,
    aliases, status, kind, class of service, creation date, last logon, used and allowed quota).
  - With O(name), one account in detail, with its settings (what it sets itself and what applies through its class of
    service) and its active sessions.
  - Each account also comes back under RV(accounts[].carbonio_account) in the form M(carbonio.admin.carbonio_account)
    accepts in its O(carbonio.admin.carbonio_account#module:accounts) list (never a password), so a tenant can be exported to YAML and applied back
    unchanged.
  - Two round trips, whatever the number of accounts.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  name:
    description:
      - Address of one account to read in detail. Otherwise the accounts of O(domain), or of every domain.
    type: str
  domain:
    description:
      - Only the accounts of this domain (never those of its sub-domains).
    type: str
  query:
    description:
      - Only accounts whose address, display name or common name contains this text.
    type: str
  status:
    description:
      - Only accounts with this status (V(active), V(maintenance), V(locked), V(closed), V(lockout) or V(pending)).
    type: str
  kind:
    description:
      - Only accounts of this kind. V(user) is a plain user; V(admin) a global or delegated administrator;
        V(system) one of Carbonio's own accounts (GAL sync and the like); V(resource) a calendar resource.
    type: str
  cos:
    description:
      - Only accounts whose class of service (their own, else their domain's default, else C(default)) is this one.
    type: str
seealso:
  - module: carbonio.admin.carbonio_account
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: The locked accounts of a tenant
  carbonio.admin.carbonio_account_info:
    domain: example.com
    status: locked
  register: locked

- name: One account in detail, with its sessions
  carbonio.admin.carbonio_account_info:
    name: jo@example.com
  register: jo

- name: Export a tenant, to apply back with carbonio_account
  carbonio.admin.carbonio_account_info:
    domain: example.com
    kind: user
  register: tenant

- name: Apply the export back (no change)
  carbonio.admin.carbonio_account:
    accounts: "{{ tenant.accounts | map(attribute='carbonio_account') | list }}"
'''

RETURN = r'''
msg:
  description: How many accounts were found.
  returned: always
  type: str
  sample: 2 accounts found
accounts:
  description: The accounts found, sorted by address.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The address.
      type: str
    id:
      description: The account id.
      type: str
    kind:
      description: V(user), V(admin), V(system) or V(resource).
      type: str
    status:
      description: The account status.
      type: str
    cos:
      description: The class of service that applies (the account's own, else its domain's default, else C(default)).
      type: str
    aliases:
      description: The account's other addresses.
      type: list
      elements: str
    created:
      description: When the account was created, ISO 8601 in UTC.
      type: str
    last_logon:
      description: The last logon Carbonio recorded, ISO 8601 in UTC, or null.
      type: str
    quota_used:
      description: Bytes used in the mailbox.
      type: int
    quota_limit:
      description: The mailbox quota that applies, in bytes; 0 is unlimited.
      type: int
    overrides:
      description: The class of service settings the account sets itself.
      type: list
      elements: str
    attrs:
      description: The account's own attribute values (those the collection manages, and O(name)'s all), as Carbonio holds them.
      type: dict
    settings:
      description: With O(name), each option with what the account sets (C(own)) and what applies (C(effective)).
      type: dict
      returned: with O(name)
    sessions:
      description: With O(name), the account's active sessions (type, id, created and last access in epoch ms).
      type: list
      elements: dict
      returned: with O(name)
    carbonio_account:
      description: The account as an item of M(carbonio.admin.carbonio_account)'s O(carbonio.admin.carbonio_account#module:accounts) list.
      type: dict
      sample: {name: jo@example.com, display_name: Jo Doe, status: active, cos: gold, aliases: [j@example.com]}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._engine import run_info_module
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT


def main():
    run_info_module(ACCOUNT)


if __name__ == '__main__':
    main()
