#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_gal_info
short_description: Read Carbonio domains' Global Address List settings and GAL sync accounts
version_added: 0.1.0
description:
  - Returns a domain's GAL settings, or every domain's, with its GAL sync accounts and their data sources, in the
    shape M(carbonio.admin.carbonio_gal) takes, so that the result can be applied back with no change.
  - The bind passwords are left out; each data source's folder, status and last successful and failed
    synchronisation are returned beside.
  - Reads only, so it runs the same in check mode. Talks to the Carbonio admin SOAP service; run it on the controller.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  domain:
    description:
      - Name of one domain; every domain when left out.
    type: str
seealso:
  - module: carbonio.admin.carbonio_gal
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Export a domain's GAL
  carbonio.admin.carbonio_gal_info:
    domain: example.com
  register: gal
  delegate_to: localhost

- name: Apply its mode and GAL sync accounts back, as a drift check would (no change)
  carbonio.admin.carbonio_gal:
    domain: "{{ gal.gals[0].domain }}"
    mode: "{{ gal.gals[0].mode | default(omit) }}"
    sync_accounts: "{{ gal.gals[0].sync_accounts | default(omit) }}"
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: How many domains were read.
  returned: always
  type: str
  sample: "GAL of 1 domain"
gals:
  description:
    - Each domain's GAL in M(carbonio.admin.carbonio_gal)'s options - O(carbonio.admin.carbonio_gal#module:domain),
      every setting the domain sets itself but the bind passwords, and
      O(carbonio.admin.carbonio_gal#module:sync_accounts), one item per data source.
  returned: success
  type: list
  elements: dict
  sample:
    - domain: example.com
      mode: both
      ldap_urls: ["ldaps://ldap.example.com"]
      sync_accounts: [{address: galsync@example.com, datasource: InternalGal, type: internal, server: mail.example.com, polling_interval: 1d}]
domains:
  description: Each domain's GAL settings with its own and effective values, and the state of its GAL sync accounts.
  returned: success
  type: list
  elements: dict
  contains:
    name:
      description: The domain's name.
      type: str
    id:
      description: The domain's id.
      type: str
    settings:
      description: Every GAL setting but the passwords, with the domain's own value and the effective one.
      type: dict
    sync_accounts:
      description:
        - One entry per data source - the account's C(address), C(id) and C(server), the C(datasource) name and
          C(datasource_id), its C(folder_id), its GAL C(status), and C(last_success) and C(last_failure), the times
          of its last successful and failed synchronisation (ISO 8601, UTC; null when none).
      type: list
      elements: dict
'''

from ansible_collections.carbonio.admin.plugins.module_utils._gal import run_gal_info_module


def main():
    run_gal_info_module()


if __name__ == '__main__':
    main()
