#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_mobile_device_info
short_description: List the ActiveSync devices of Carbonio accounts
version_added: 0.1.0
description:
  - Lists every ActiveSync device, or those of a domain or of an account, as the Admin Panel's mobile devices page does,
    with the device's id, type, user agent, protocol version, first and last contact, status and ABQ status.
  - One request, answered by every server; the devices of a server that does not answer are missing from the list, and
    the module says so.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  domain:
    description:
      - The domain whose accounts' devices to list.
    type: str
  account:
    description:
      - The account whose devices to list.
    type: str
seealso:
  - module: carbonio.admin.carbonio_mobile_device
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: The devices of one account
  carbonio.admin.carbonio_mobile_device_info:
    account: jo@example.com
  register: phones
  delegate_to: localhost

- name: The devices of a domain
  carbonio.admin.carbonio_mobile_device_info:
    domain: example.com
  register: domain_phones
  delegate_to: localhost

- name: Those whose synchronisation is suspended
  ansible.builtin.debug:
    msg: "{{ domain_phones.devices | selectattr('status', 'equalto', 'suspended') | map(attribute='device_id') | list }}"
'''

RETURN = r'''
msg:
  description: How many devices were found.
  returned: always
  type: str
  sample: 2 devices of jo@example.com
devices:
  description: The devices, sorted by account and device id.
  returned: success
  type: list
  elements: dict
  contains:
    account:
      description: The account's address.
      type: str
      sample: jo@example.com
    device_id:
      description: The device's ActiveSync id.
      type: str
      sample: ApplF2LXK1ZQ
    device_type:
      description: The device type it reports.
      type: str
      sample: iPhone
    user_agent:
      description: The user agent it reports.
      type: str
      sample: Apple-iPhone15C2/2104.54
    protocol:
      description: The ActiveSync protocol version it speaks.
      type: str
      sample: "16.1"
    first_seen:
      description: When it first synchronised (ISO 8601, UTC).
      type: str
      sample: "2026-03-02T08:15:00Z"
    last_seen:
      description: When it last synchronised (ISO 8601, UTC).
      type: str
      sample: "2026-12-01T17:40:12Z"
    status:
      description:
        - V(needs_provisioning), V(active), V(suspended), V(wipe_requested) or V(wiped) (the number Carbonio gives, in
          RV(devices[].status_code), when it is none of these).
      type: str
      sample: active
    status_code:
      description: The status as Carbonio gives it.
      type: int
      sample: 1
    abq_status:
      description: V(allowed), V(blocked) or V(quarantined).
      type: str
      sample: allowed
    online:
      description: Whether the device holds a connection now.
      type: bool
      sample: true
    last_command:
      description: The last ActiveSync command it sent.
      type: str
      sample: Sync
    server:
      description: The mailbox server of the account.
      type: str
      sample: mbox1.example.com
unanswered_servers:
  description: The servers that did not answer, with the reason; their devices are missing from RV(devices).
  returned: success
  type: list
  elements: str
  sample: []
'''

from ansible_collections.carbonio.admin.plugins.module_utils._mobile import run_mobile_device_info_module


def main():
    run_mobile_device_info_module()


if __name__ == '__main__':
    main()
