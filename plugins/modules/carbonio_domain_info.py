#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_domain_info
short_description: Read Carbonio domains, their own and inherited settings, account counts and quota usage
version_added: 0.1.0
description:
  - Returns one Carbonio domain or all of them. For each domain it gives the values set on the domain and the effective
    values it inherits from the global configuration side by side and, on request, the number of accounts per class of
    service and every account with its used and allowed quota (the Admin Panel's Mailbox Limit page).
  - The values every domain inherits from the global configuration are returned once, in RV(inherited_attrs).
  - Each domain also comes back under RV(domains[].carbonio_domain) in exactly the form M(carbonio.admin.carbonio_domain)
    accepts, so existing domains can be exported to YAML and applied back unchanged.
  - All domains are read in a fixed number of round trips whatever their number, two, plus one for each of
    O(include_account_counts) (when O(name) is not set) and O(include_quota_usage).
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  name:
    description:
      - Name of one domain to read. All domains when not set.
    type: str
  include_account_counts:
    description:
      - Also return the number of accounts per class of service of each domain (Carbonio's C(CountAccountRequest)).
    type: bool
    default: false
  include_quota_usage:
    description:
      - Also return every account of each domain with its used and allowed quota.
    type: bool
    default: false
seealso:
  - module: carbonio.admin.carbonio_domain
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Read every domain
  carbonio.admin.carbonio_domain_info:
  register: carbonio
  delegate_to: localhost

- name: Export every domain as carbonio_domain options
  ansible.builtin.copy:
    content: "{{ carbonio.domains | map(attribute='carbonio_domain') | list | to_nice_yaml }}"
    dest: domains.yml
  delegate_to: localhost

- name: Apply the export back (reports no change); each item's options as the module's defaults, not as templated args
  carbonio.admin.carbonio_domain:
    name: "{{ item.name }}"
  module_defaults:
    carbonio.admin.carbonio_domain: "{{ item }}"
  loop: "{{ lookup('file', 'domains.yml') | from_yaml }}"
  loop_control:
    label: "{{ item.name }}"
  delegate_to: localhost

- name: One domain with the quota of its accounts
  carbonio.admin.carbonio_domain_info:
    name: example.com
    include_quota_usage: true
  register: example
  delegate_to: localhost

- name: Every domain with its accounts per class of service
  carbonio.admin.carbonio_domain_info:
    include_account_counts: true
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: How many domains were found.
  returned: always
  type: str
  sample: 3 domains found
inherited_attrs:
  description:
    - The values of the global configuration that a domain inherits when it does not set its own, name to list of values.
      A domain's effective value of an attribute is its own (RV(domains[].attrs)) when set, else this one.
  returned: always
  type: dict
  sample: {zimbraDomainAggregateQuotaWarnPercent: ['80']}
domains:
  description: The domains, sorted by name; empty when O(name) does not exist.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Domain name.
      type: str
      sample: example.com
    id:
      description: Carbonio id (C(zimbraId)) of the domain.
      type: str
    attrs:
      description: Attributes set on the domain itself, name to list of values.
      type: dict
    settings:
      description:
        - For each option of M(carbonio.admin.carbonio_domain), the value set on the domain (C(own), null when unset)
          and the value in force (C(effective)), which is inherited from the global configuration when the domain sets none.
        - The effective O(carbonio.admin.carbonio_domain#module:default_cos) of a domain that sets none is C(default), as Carbonio applies it.
      type: dict
      sample: {max_account_quota: {own: null, effective: "0"}, status: {own: active, effective: active}}
    gal:
      description:
        - The domain's Global Address List - its C(mode) (V(internal), V(external) or V(both); unset is V(internal), as
          Carbonio takes it) and the addresses of its GAL C(sync_accounts). M(carbonio.admin.carbonio_gal_info) has the rest.
      returned: always
      type: dict
      sample: {mode: internal, sync_accounts: [galsync@example.com]}
    account_counts:
      description: Number of accounts per class of service name (calendar resources and system resources are not counted).
      returned: when O(include_account_counts=true)
      type: dict
      sample: {default: 120, premium: 8}
    quota_usage:
      description: Accounts with used and allowed quota in bytes (0 = unlimited), largest use first.
      returned: when O(include_quota_usage=true)
      type: list
      elements: dict
      sample: [{name: user@example.com, used: 1048576, limit: 10737418240}]
    carbonio_domain:
      description: The domain as options of M(carbonio.admin.carbonio_domain) (its own values only).
      type: dict
      sample: {name: example.com, status: active, virtual_hostnames: [mail.example.com]}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._engine import run_info_module
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN


def main():
    run_info_module(DOMAIN)


if __name__ == '__main__':
    main()
