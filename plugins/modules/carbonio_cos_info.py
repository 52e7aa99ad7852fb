#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_cos_info
short_description: Read Carbonio classes of service, their settings and who uses them
version_added: 0.1.0
description:
  - Returns one class of service (COS) or all of them, each with its own values, its settings as options of
    M(carbonio.admin.carbonio_cos), how many accounts have it as their own and which domains give it by default.
  - Each COS also comes back under RV(classes_of_service[].carbonio_cos) in exactly the form M(carbonio.admin.carbonio_cos)
    accepts, so existing classes of service can be exported to YAML and applied back unchanged.
  - Two round trips, plus one for O(include_usage).
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  name:
    description:
      - Name of one COS to read. All when not set.
    type: str
  include_usage:
    description:
      - Count the accounts that have each COS as their own and list the domains that give it by default.
    type: bool
    default: true
seealso:
  - module: carbonio.admin.carbonio_cos
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Read every class of service
  carbonio.admin.carbonio_cos_info:
  register: carbonio
  delegate_to: localhost

- name: Export them as carbonio_cos options
  ansible.builtin.copy:
    content: "{{ carbonio.classes_of_service | map(attribute='carbonio_cos') | list | to_nice_yaml }}"
    dest: classes_of_service.yml
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: How many classes of service were found.
  returned: always
  type: str
  sample: 3 classes of service found
classes_of_service:
  description: The classes of service, sorted by name; empty when O(name) does not exist.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name of the COS.
      type: str
      sample: gold
    id:
      description: Carbonio id (C(zimbraId)) of the COS.
      type: str
    attrs:
      description: Every attribute of the COS, name to list of values.
      type: dict
    settings:
      description: For each option of M(carbonio.admin.carbonio_cos), the value of the COS (C(own)) and the value in force (C(effective)).
      type: dict
      sample: {mailbox_quota: {own: 10G, effective: 10G}}
    account_count:
      description: Number of accounts (calendar resources included) whose own COS it is.
      returned: when O(include_usage=true)
      type: int
      sample: 12
    domains:
      description: Domains that give this COS to their accounts by default.
      returned: when O(include_usage=true)
      type: list
      elements: str
      sample: [example.com]
    carbonio_cos:
      description: The COS as options of M(carbonio.admin.carbonio_cos).
      type: dict
      sample: {name: gold, mailbox_quota: 10G, files_enabled: true}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._engine import run_info_module
from ansible_collections.carbonio.admin.plugins.module_utils._objects.cos import COS


def main():
    run_info_module(COS)


if __name__ == '__main__':
    main()
