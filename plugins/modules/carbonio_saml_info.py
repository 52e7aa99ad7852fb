#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_saml_info
short_description: Read the SAML single sign-on configuration of Carbonio domains
version_added: 0.1.0
description:
  - Returns the SAML configuration of one domain, or of every domain that has one, in exactly the form
    M(carbonio.admin.carbonio_saml) accepts, so it can be exported and applied back unchanged, with the entity ID and
    assertion consumer service URL to give the identity provider.
  - The SP's private key is left out; its certificate is said by O(carbonio.admin.carbonio_saml#module:generate_sp_certificate).
  - One request per domain, after one that reads the domains.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  domain:
    description:
      - Name of one domain to read. Every domain with a SAML configuration when not set.
    type: str
seealso:
  - module: carbonio.admin.carbonio_saml
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Read every domain's SAML configuration
  carbonio.admin.carbonio_saml_info:
  register: sso
  delegate_to: localhost

- name: Apply the export back (reports no change); each item's options as the module's defaults, not as templated args
  carbonio.admin.carbonio_saml:
  module_defaults:
    carbonio.admin.carbonio_saml: "{{ item }}"
  loop: "{{ sso.saml }}"
  loop_control:
    label: "{{ item.domain }}"
  delegate_to: localhost

- name: The names one domain gives its IdP
  carbonio.admin.carbonio_saml_info:
    domain: example.com
  register: one
  delegate_to: localhost
'''

RETURN = r'''
saml:
  description:
    - Each domain read, sorted by name, in the options of M(carbonio.admin.carbonio_saml) - O(carbonio.admin.carbonio_saml#module:domain),
      O(carbonio.admin.carbonio_saml#module:properties) (the stored properties without the SP's key and certificate) and
      O(carbonio.admin.carbonio_saml#module:generate_sp_certificate) (true when a certificate is stored).
  returned: success
  type: list
  elements: dict
  sample: [{domain: example.com, properties: {idp.entityid: "https://idp.example.com/idp/metadata"}, generate_sp_certificate: true}]
domains:
  description: Each domain read, sorted by name.
  returned: success
  type: list
  elements: dict
  contains:
    name:
      description: Domain name.
      type: str
      sample: example.com
    entity_id:
      description: The service provider's entity ID, V(null) without a public service hostname.
      type: str
      sample: https://mail.example.com/zx/auth/samlMetadata?domain=example.com
    service_url:
      description: The assertion consumer service URL, V(null) without a public service hostname.
      type: str
      sample: https://mail.example.com/zx/auth/saml
    settings:
      description: Every stored property but the SP's private key.
      type: dict
      sample: {idp.entityid: "https://idp.example.com/idp/metadata", sp.x509cert: "MIIC..."}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._saml import run_saml_info_module


def main():
    run_saml_info_module()


if __name__ == '__main__':
    main()
