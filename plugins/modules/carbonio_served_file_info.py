#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_served_file_info
short_description: Which files a Carbonio proxy node serves under a host name, over HTTPS with a validated certificate
version_added: 0.1.0
description:
  - Asks one proxy node, at its own address, for each path under one host name (sent in the TLS handshake and as the
    HTTP C(Host), as a browser does), validates the certificate the node answers with for that name, and returns each
    file's HTTP status, size and SHA-256 checksum.
  - This is what a browser gets from that node, whatever is on its disk; the P(carbonio.admin.proxy_assets#role) role
    uses it to check that every node serves every white-label asset, with the expected checksum, before the theme
    points at them.
  - A certificate that fails validation, a refused connection or a timeout is reported per path, not raised, so one
    run says everything that is wrong.
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
  server_name:
    description:
      - The host name to ask for, as users reach Carbonio (a public service host name or a virtual host); the node's
        certificate must be valid for it.
    type: str
    required: true
  paths:
    description:
      - The paths to fetch, such as V(/static/custom/logo.svg).
    type: list
    elements: str
    required: true
  expected_sha256:
    description:
      - Path to the SHA-256 checksum (hexadecimal) each path should have; the result then says, per path, whether it does.
    type: dict
  ca_path:
    description:
      - A PEM file of the certificate authorities to trust instead of the system's.
    type: path
  timeout:
    description:
      - Seconds to wait for each connection and answer.
    type: int
    default: 10
seealso:
  - module: carbonio.admin.carbonio_served_cert_info
  - module: carbonio.admin.carbonio_theme
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: The logo as this proxy node serves it for the public host name
  carbonio.admin.carbonio_served_file_info:
    server_name: mail.example.com
    paths: [/static/custom/logo.svg, /static/custom/favicon.ico]
  register: served
'''

RETURN = r'''
files:
  description: One entry per path, in the order given.
  returned: always
  type: list
  elements: dict
  contains:
    path:
      description: The path asked for.
      type: str
      sample: /static/custom/logo.svg
    status:
      description: The HTTP status of the answer; V(null) when there was none (see RV(files[].error)).
      type: int
      sample: 200
    size:
      description: The length of the body in bytes (V(null) without an answer).
      type: int
      sample: 5120
    sha256:
      description: The SHA-256 checksum of the body, in lowercase hexadecimal (V(null) without an answer).
      type: str
      sample: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
    error:
      description: Why there was no answer (the certificate, the connection); V(null) otherwise.
      type: str
      sample: "certificate verify failed: self-signed certificate"
    matches:
      description: Whether the file is served (status 200) with its expected checksum; only with O(expected_sha256).
      type: bool
      sample: true
all_match:
  description: Whether every path given a checksum in O(expected_sha256) matches it; only with O(expected_sha256).
  returned: when O(expected_sha256) is given
  type: bool
  sample: true
'''

import ssl

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.carbonio.admin.plugins.module_utils._served import files_served


def main():
    module = AnsibleModule(
        argument_spec=dict(
            address=dict(type='str', default='127.0.0.1'),
            port=dict(type='int', default=443),
            server_name=dict(type='str', required=True),
            paths=dict(type='list', elements='str', required=True),
            expected_sha256=dict(type='dict'),
            ca_path=dict(type='path'),
            timeout=dict(type='int', default=10),
        ),
        supports_check_mode=True,
    )
    params = module.params
    paths, expected = params['paths'], params['expected_sha256'] or {}
    if not paths:
        module.fail_json(msg='paths: give at least one path, such as /static/custom/logo.svg')
    relative = [path for path in paths if not path.startswith('/')]
    if relative:
        module.fail_json(msg='paths: %s does not start with /; give absolute paths such as /static/custom/logo.svg' % relative[0])
    unknown = sorted(set(expected) - set(paths))
    if unknown:
        module.fail_json(msg='expected_sha256: %s is none of the paths given' % unknown[0])
    try:
        context = ssl.create_default_context(cafile=params['ca_path'])
    except (OSError, ssl.SSLError) as exc:
        module.fail_json(msg='ca_path: cannot load %s: %s' % (params['ca_path'], exc))
    files = files_served(params['address'], params['port'], params['server_name'], paths, context, params['timeout'], expected)
    result = dict(changed=False, files=files)
    if expected:
        result['all_match'] = all(found.get('matches', True) for found in files)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
