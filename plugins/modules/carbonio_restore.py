#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_restore
short_description: Restore an account from Carbonio's backup onto a new account
version_added: 0.1.0
description:
  - Restores an account the backup holds - deleted or not - onto a new account, as the Admin Panel's "Restore deleted
    account" does, at a chosen date or in its last state, then waits until Carbonio's operation log says the restore
    has finished.
  - Before anything starts, the source is found in the backup (by address or id) and the destination is checked - its
    domain exists and the address is free. A destination that a finished restore of the same source already made is
    left alone - nothing is started and the module says so - and a restore of it still running is waited for, never
    started twice; so a second run changes nothing.
  - Recognising an earlier restore relies on the operation log naming the source and the destination of each restore,
    as the collection infers from the request (Carbonio's backup is closed source).
  - Talks to Carbonio's backup through the admin REST service and the operation lists; run it on the controller.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
options:
  source:
    description:
      - The account to restore, by its address or by its id in the backup (as M(carbonio.admin.carbonio_restore_info)
        lists it). When the backup holds several accounts of that address (one deleted, then made again), give the id.
    type: str
    required: true
  destination:
    description:
      - The address of the new account the restore makes. Its domain must exist and the address must be free.
    type: str
    required: true
  at:
    description:
      - V(last) - the account's last state.
      - An ISO 8601 date-time (V(2026-11-30T18:00:00Z); UTC when no offset is given) - the account as it was then; a date
        before the account existed restores its first state, as the Admin Panel does.
    type: str
    default: last
  apply_hsm:
    description:
      - Apply the HSM policies once the restore is done (the Admin Panel's "Apply HSM policies").
    type: bool
    default: false
  restore_data_sources:
    description:
      - Restore the account's external data sources too.
    type: bool
    default: true
  notify:
    description:
      - Addresses that Carbonio notifies when the restore is done, besides the admin.
    type: list
    elements: str
    default: []
  wait:
    description:
      - Wait until the restore has finished. Without waiting, the result gives the operation's id.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait. A restore still running then fails the task with the operation's id; it goes on in
        Carbonio, and running the task again waits for it.
    type: int
    default: 1800
seealso:
  - module: carbonio.admin.carbonio_restore_info
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: A deleted account back, as a new account, in its last state
  carbonio.admin.carbonio_restore:
    source: jo@example.com
    destination: jo.restored@example.com
    notify: [helpdesk@example.com]
  register: restored
  delegate_to: localhost

- name: The same account as it was before a change, without waiting
  carbonio.admin.carbonio_restore:
    source: jo@example.com
    destination: jo.before@example.com
    at: "2020-01-01T00:00:00Z"
    wait: false
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What was done, or would be done in check mode.
  returned: always
  type: str
  sample: "restore of jo@example.com onto jo.restored@example.com: finished (operation 5b7a...)"
source:
  description: The account of the backup that is restored, as M(carbonio.admin.carbonio_restore_info) lists it.
  returned: when found
  type: dict
  sample: {id: 0f3c6a0e-3f1e-4b1e-9d1c-2b6a9f1e7c11, name: jo@example.com, deleted: true, deleted_at: "2026-11-30T18:02:11Z"}
operation_id:
  description: The id of the restore operation started or waited for.
  returned: when a restore was started or found running
  type: str
  sample: 5b7a2e4c-8d53-4a5e-9f4e-5f1b1d9a1a7e
operation:
  description: The operation - id, state (queued, started, finished, failed), when it was queued, started and ended, and
    the error of a failed one.
  returned: when a restore was started, found running or found done
  type: dict
  sample: {id: 5b7a2e4c-8d53-4a5e-9f4e-5f1b1d9a1a7e, state: finished, queued_at: "2026-12-01T10:00:00Z"}
progress:
  description: The states the operation was seen in while waiting, in order.
  returned: when the module waited
  type: list
  elements: str
  sample: [queued, started, finished]
'''

from ansible_collections.carbonio.admin.plugins.module_utils._restore import run_restore_module


def main():
    run_restore_module()


if __name__ == '__main__':
    main()
