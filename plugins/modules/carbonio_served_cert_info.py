#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_served_cert_info
short_description: Which certificate a Carbonio proxy node serves for each virtual host, by a TLS handshake with that name
version_added: 0.1.0
description:
  - Connects to a proxy node's HTTPS address once per host name, sending the name in the TLS handshake (SNI) as a browser
    does, and returns the SHA-256 fingerprint of the certificate the node answers with.
  - This is what a person sees when they open the virtual host, whatever the directory holds; the
    P(carbonio.admin.cert_deploy#role) role uses it to check every node after a rollout.
  - The certificate is not validated (the point is to see which one is served, including a wrong or expired one).
  - Needs nothing but Python on the host it runs on; no Carbonio connection.
extends_documentation_fragment:
  - carbonio.admin._attributes.INFO_MODULE
options:
  address:
    description:
      - The address the node's proxy listens on for HTTPS.
    type: str
    default: 127.0.0.1
  port:
    description:
      - The HTTPS port.
    type: int
    default: 443
  server_names:
    description:
      - The host names to ask for, one handshake each.
    type: list
    elements: str
    required: true
  expected_fingerprint:
    description:
      - The SHA-256 fingerprint (colon-separated hexadecimal, any case) the node should serve; the result then says, per name,
        whether it does.
    type: str
  timeout:
    description:
      - Seconds to wait for each connection and handshake.
    type: int
    default: 10
seealso:
  - module: carbonio.admin.carbonio_cert
  - module: carbonio.admin.carbonio_cert_info
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: What this proxy node serves for the domain's virtual hosts
  carbonio.admin.carbonio_served_cert_info:
    server_names: [mail.example.com, webmail.example.com]
    expected_fingerprint: "{{ cert_result.certificate.fingerprint }}"
  register: served

- name: Every name gets the new certificate
  ansible.builtin.assert:
    that: served.all_match
'''

RETURN = r'''
served:
  description: One entry per name, in the order given.
  returned: always
  type: list
  elements: dict
  sample: [{server_name: mail.example.com, fingerprint: "3A:1F:...", matches: true}]
  contains:
    server_name:
      description: The name sent in the handshake.
      type: str
    fingerprint:
      description: SHA-256 fingerprint of the certificate served, colon-separated uppercase hexadecimal; empty when the
        handshake failed.
      type: str
    error:
      description: Why no certificate was obtained.
      type: str
      returned: when the connection or the handshake failed
    matches:
      description: Whether it is O(expected_fingerprint).
      type: bool
      returned: with O(expected_fingerprint)
all_match:
  description: Whether every name got O(expected_fingerprint).
  returned: with O(expected_fingerprint)
  type: bool
msg:
  description: What was found.
  returned: always
  type: str
  sample: 2 names served 3A:1F:... at 127.0.0.1:443
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.carbonio.admin.plugins.module_utils._served import certificates_served


def main():
    module = AnsibleModule(
        argument_spec=dict(address=dict(type='str', default='127.0.0.1'), port=dict(type='int', default=443),
                           server_names=dict(type='list', elements='str', required=True), expected_fingerprint=dict(type='str'),
                           timeout=dict(type='int', default=10)),
        supports_check_mode=True)
    params = module.params
    if not params['server_names']:
        module.fail_json(msg='server_names: give at least one host name')
    if not 0 < params['port'] < 65536:
        module.fail_json(msg='port: must be between 1 and 65535')
    expected = params['expected_fingerprint']
    served = certificates_served(params['address'], params['port'], params['server_names'], params['timeout'], expected)
    fingerprints = sorted(set(entry['fingerprint'] for entry in served if entry['fingerprint']))
    result = dict(changed=False, served=served, msg='%d names served %s at %s:%d' % (
        len(served), ', '.join(fingerprints) or 'nothing', params['address'], params['port']))
    if expected:
        result['all_match'] = all(entry['matches'] for entry in served)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
