#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_auth_policy_info
short_description: Read Carbonio's two-factor authentication policies, global and per domain
version_added: 0.1.0
description:
  - Returns the global 2FA policies and those of one domain, or of every domain whose users authenticate with
    Carbonio, in exactly the form M(carbonio.admin.carbonio_auth_policy) accepts, so they can be exported and applied
    back unchanged.
  - Each level costs two requests (its policies and its trusted-device expiration), after one that reads the domains.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  domain:
    description:
      - Name of one domain to read, besides the global policies. Every domain when not set.
    type: str
seealso:
  - module: carbonio.admin.carbonio_auth_policy
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Read the global policies and one domain's
  carbonio.admin.carbonio_auth_policy_info:
    domain: example.com
  register: twofa
  delegate_to: localhost

- name: Export them as carbonio_auth_policy options
  ansible.builtin.copy:
    content: "{{ twofa.auth_policies | to_nice_yaml }}"
    dest: auth_policies.yml
  delegate_to: localhost

- name: Apply the export back (reports no change); each item's options as the module's defaults, not as templated args
  carbonio.admin.carbonio_auth_policy:
  module_defaults:
    carbonio.admin.carbonio_auth_policy: "{{ item }}"
  loop: "{{ lookup('file', 'auth_policies.yml') | from_yaml }}"
  loop_control:
    label: "{{ item.domain | default('global') }}"
  delegate_to: localhost
'''

RETURN = r'''
auth_policies:
  description:
    - The global policies first (with O(carbonio.admin.carbonio_auth_policy#module:scope=global)), then each domain read
      whose users authenticate with Carbonio (with O(carbonio.admin.carbonio_auth_policy#module:domain)), sorted by
      name; each in the options of M(carbonio.admin.carbonio_auth_policy), every service listed, services with the
      same settings in one item.
  returned: success
  type: list
  elements: dict
  sample:
    - scope: global
      policies:
        - {service: [admin_api, web_ui], policy: ip_2fa, trusted_ip_ranges: [192.0.2.0/24]}
        - {service: [mobile_app, activesync, desktop, dav, pop3, imap, smtp], policy: no_2fa, trusted_ip_ranges: []}
      trusted_device_expiration_days: 30
'''

from ansible_collections.carbonio.admin.plugins.module_utils._auth_policy import run_auth_policy_info_module


def main():
    run_auth_policy_info_module()


if __name__ == '__main__':
    main()
