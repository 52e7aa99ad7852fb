#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_mobile_device
short_description: Wipe, reset, suspend, resume or remove an account's ActiveSync device, or set its ABQ status
version_added: 0.1.0
description:
  - Acts on one ActiveSync device of an account, as the Admin Panel's mobile device page does - requests a remote wipe of
    a lost phone, resets the device (it synchronises again from scratch), suspends or resumes its synchronisation, or
    removes it - and sets its ABQ status (allowed, blocked, quarantined).
  - The device is read first, and only what its state asks for is sent - a device already suspended is not suspended
    again, a wipe already requested is not requested again, a device that is gone is not removed again - so a second run
    changes nothing. A reset is an action, sent every time.
  - A device's status is read in the codes of Zimbra's mobile synchronisation and its ABQ status from its record, and the
    ABQ change is sent as the CLI's C(carbonio mobile ABQ set) names it; Carbonio Mobile's answers are not published
    and the Admin Panel reads neither.
  - Talks to Carbonio Mobile through the admin SOAP service; run it on the controller.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
options:
  account:
    description:
      - The address of the account the device belongs to.
    type: str
    required: true
  device_id:
    description:
      - The device's ActiveSync id, as M(carbonio.admin.carbonio_mobile_device_info) lists it.
    type: str
    required: true
  state:
    description:
      - V(wiped) - request a remote wipe; the phone erases itself when it next connects. Needs O(confirm=true).
      - V(reset) - forget the device's synchronisation state; it provisions and synchronises again (always a change).
      - V(suspended) - stop synchronising the device until it is resumed.
      - V(resumed) - synchronise a suspended device again.
      - V(removed) - forget the device (a device that is not there is already removed).
    type: str
    choices: [wiped, reset, suspended, resumed, removed]
  abq_status:
    description:
      - The device's status in the ActiveSync quarantine (ABQ) - V(allowed), V(blocked) or V(quarantined).
    type: str
    choices: [allowed, blocked, quarantined]
  confirm:
    description:
      - Confirms O(state=wiped), as the Admin Panel's "I understand" check box does.
    type: bool
    default: false
seealso:
  - module: carbonio.admin.carbonio_mobile_device_info
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: A lost phone is wiped
  carbonio.admin.carbonio_mobile_device:
    account: jo@example.com
    device_id: ApplF2LXK1ZQ
    state: wiped
    confirm: true
  delegate_to: localhost

- name: A device waits for approval until the helpdesk allows it
  carbonio.admin.carbonio_mobile_device:
    account: al@example.com
    device_id: androidc1234567
    abq_status: quarantined
  delegate_to: localhost

- name: Suspend every device of an account that left
  carbonio.admin.carbonio_mobile_device:
    account: "{{ item.account }}"
    device_id: "{{ item.device_id }}"
    state: suspended
  loop: "{{ leaver_devices }}"
  loop_control:
    label: "{{ item.device_id }}"
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What was done, or would be done in check mode.
  returned: always
  type: str
  sample: "device ApplF2LXK1ZQ of jo@example.com: wipe requested"
actions:
  description:
    - What was sent, in order (V(ABQ status quarantined), V(wipe requested), V(reset), V(suspended), V(resumed),
      V(removed)); in check mode what would be. After a failure, those that were done.
  returned: always
  type: list
  elements: str
  sample: [wipe requested]
device:
  description:
    - The device once the task is done (predicted in check mode), as M(carbonio.admin.carbonio_mobile_device_info)
      returns it; V(null) once removed.
  returned: success
  type: dict
  sample: {account: jo@example.com, device_id: ApplF2LXK1ZQ, status: wipe_requested, abq_status: allowed}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._mobile import run_mobile_device_module


def main():
    run_mobile_device_module()


if __name__ == '__main__':
    main()
