#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_account
short_description: Create, change, rename and delete Carbonio accounts
version_added: 0.1.0
description:
  - Manages a Zextras Carbonio user account (its names, status, class of service, the Global Administrator switch,
    its aliases, its password and any setting it overrides from its class of service).
  - Only the options you set are managed. To remove a value give V('') (an empty string).
  - A class of service (COS) setting left out keeps what the account has; set on the account it overrides the COS;
    V('') drops the override so that the COS value applies again. The result names the overrides.
  - Every value is checked before anything is sent, including that the domains of the account and of its aliases exist
    and that a password to set fits the password policy that applies to the account.
  - A write whose answer is lost is never sent again; the account is read back (see O(retries)).
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._cos_settings
  - carbonio.admin._account_items
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target; nothing is written to Carbonio.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details:
      - The password never appears in a diff.
  idempotent:
    description: When run twice in a row with the same arguments, the second run reports no change and sends no write.
    support: partial
    details:
      - With O(update_password=always) the password is set, and reported as a change, on every run.
options:
  name:
    description:
      - The account's address, such as C(jo@example.com). Carbonio stores it in lower case; an internationalised domain
        is converted to its ASCII form.
      - The domain must exist.
      - One of O(name), O(accounts) and O(accounts_src) is required.
    type: str
  accounts_mode:
    description:
      - With O(accounts), V(present) manages the listed accounts only.
      - V(exact) also deletes every account of O(domain) that O(accounts) does not list, with its mailbox. This destroys
        mail data. Carbonio's system accounts (GAL sync and the like) and the account the module logs in as are never deleted.
      - With V(exact), every item must be an account of O(domain), the domain must exist, and an empty O(accounts)
        (an empty or undefined variable) is refused unless O(allow_empty=true).
    type: str
    choices: [present, exact]
    default: present
  domain:
    description:
      - The domain whose unlisted accounts O(accounts_mode=exact) deletes. Required with it.
    type: str
  allow_empty:
    description:
      - With O(accounts_mode=exact), accept an empty O(accounts), which then deletes every account of O(domain).
    type: bool
    default: false
  state:
    description:
      - V(present) creates the account if needed and sets the given options; V(absent) deletes it, with its mailbox.
      - Carbonio's system accounts are never deleted.
      - An account is found by its own address only. With V(absent), an address that is another account's alias deletes
        nothing (the result says whose alias it is); with V(present), such an address is refused, naming its owner.
    type: str
    choices: [present, absent]
    default: present
  old_name:
    description:
      - Rename the account called O(old_name) to O(name) without losing its mailbox (C(RenameAccountRequest)).
      - Within one domain the aliases stay as they are; into another domain, the aliases in the old domain move to the
        new one. List memberships follow. The old address does not become an alias; list it in O(aliases) to keep it.
      - Nothing is renamed when O(name) already exists and O(old_name) does not (a re-run after the rename); when both exist
        the task is refused; when neither exists a new account is created. O(old_name) is found by its own address only,
        never as an alias. Only with O(state=present).
      - In O(accounts), the renames of the list are planned together. A chain (V(b) to V(c), then V(a) to V(b)) runs in the
        order that works; a swap or a cycle, an old name given twice, or a rename whose old name another item deletes or
        declares is refused before anything is sent, naming both items.
    type: str
  password:
    description:
      - The password, set when the account is created (and on every run with O(update_password=always)).
      - Checked before anything is sent against the password policy that applies once the task's other changes are
        made (the account's own values, else its class of service's), rule by rule as Carbonio checks it. A password
        the policy refuses fails naming the rule, never the password.
      - The rules are the minimum and maximum length; the minimum counts of upper-case, lower-case, digit,
        punctuation, alpha and digit-or-punctuation characters; the allowed characters and punctuation
        (C(zimbraPasswordAllowedChars), C(zimbraPasswordAllowedPunctuationChars)) when Python reads the pattern as
        Java does; and, when an existing account's password is set, that it neither holds nor is part of the
        account's surname, common name, initials, address or domain name.
      - An empty password, or one with a NUL character, is refused.
      - Never read back, compared, returned or shown in a diff.
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the account is created.
      - V(always) sets it on every run (C(SetPasswordRequest)) and reports a change, since a password cannot be read
        back to compare. Setting a password ends every session the account holds.
    type: str
    choices: [always, on_create]
    default: on_create
  end_sessions:
    description:
      - End the account's active sessions (SOAP, IMAP and admin), as the Admin Panel's END SESSION does
        (C(GetSessionsRequest), then C(EndSessionRequest) with a token delegated to the user).
      - Nothing is done, and no change reported, when the account has no active session. The sessions that were
        active are returned in RV(sessions). Only with O(name).
    type: bool
    default: false
  logout_everywhere:
    description:
      - End the active sessions (as O(end_sessions)) and invalidate every token the account holds, also those of
        clients without a live session, by changing C(zimbraAuthTokenValidityValue), so the user must log in again everywhere.
      - Nothing is done when the account has no active session. Only with O(name).
    type: bool
    default: false
  display_name:
    description: The name shown for the account (C(displayName)).
    type: raw
  given_name:
    description: First name (C(givenName)).
    type: raw
  surname:
    description: Last name (C(sn)).
    type: raw
  status:
    description:
      - Account status (C(zimbraAccountStatus)). One of V(active), V(maintenance), V(locked), V(closed), V(lockout), V(pending).
      - V(closed) also removes the account from every distribution list. V(lockout) is what Carbonio sets after too many
        failed logins; V(active) lifts it. The status cannot be removed.
    type: raw
  cos:
    description:
      - Name of the account's class of service (C(zimbraCOSId)). V('') removes it, so that the domain's default COS applies.
    type: raw
  global_admin:
    description: The Admin Panel's "This is a Global Administrator" switch (C(zimbraIsAdminAccount)), a boolean.
    type: raw
  aliases:
    description:
      - Other addresses of the account, on any existing domain (C(AddAccountAliasRequest), C(RemoveAccountAliasRequest)).
      - Compared as Carbonio stores them, in lower case.
      - An alias to add must be free once the task is done; one that is another account's address, or an alias another
        account keeps, is refused before anything is sent, naming that account. In O(accounts), an alias may move from one
        listed account to another in one run (every removal is sent before any addition).
    type: list
    elements: str
  aliases_mode:
    description:
      - V(exact) makes O(aliases) the whole set (others are removed); V(present) adds the listed ones; V(absent) removes them.
    type: str
    choices: [exact, present, absent]
    default: exact
  description:
    description: Description of the account (C(description)). Carbonio allows several values; give a list to set several.
    type: raw
  notes:
    description: Free notes (C(zimbraNotes)), at most 1024 characters.
    type: raw
  attrs:
    description:
      - Any other account attribute, as C(name) to value (a list for several values). An empty string or empty list removes it.
      - Checked against Carbonio's attribute definitions before anything is sent. An attribute that has an option follows
        the option's rules here too. C(mail), C(uid), C(zimbraMailDeliveryAddress), C(userPassword) and
        C(zimbraMailAlias) are refused, since they change through O(name), O(old_name), O(password) and O(aliases).
    type: dict
seealso:
  - module: carbonio.admin.carbonio_cos
  - module: carbonio.admin.carbonio_domain
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: A user with an alias on another domain, a bigger mailbox than her COS gives, and files
  carbonio.admin.carbonio_account:
    name: jo@example.com
    password: "{{ vault_initial_password }}"
    display_name: Jo Doe
    given_name: Jo
    surname: Doe
    cos: gold
    aliases: [j.doe@example.com, jo@example.org]
    mailbox_quota: 20G
    files_enabled: true
  delegate_to: localhost

- name: Make her a Global Administrator
  carbonio.admin.carbonio_account:
    name: jo@example.com
    global_admin: true
  delegate_to: localhost

- name: Drop the quota override, so the COS quota applies again
  carbonio.admin.carbonio_account:
    name: jo@example.com
    mailbox_quota: ''
  delegate_to: localhost

- name: Rename her, keeping her mailbox and the old address as an alias
  carbonio.admin.carbonio_account:
    name: jo.doe@example.com
    old_name: jo@example.com
    aliases: [jo@example.com]
    aliases_mode: present
  delegate_to: localhost

- name: Close the account
  carbonio.admin.carbonio_account:
    name: jo.doe@example.com
    status: closed
  delegate_to: localhost

- name: A tenant's accounts in one task; the top-level options are every item's defaults
  carbonio.admin.carbonio_account:
    cos: gold
    files_enabled: true
    password: "{{ vault_initial_password }}"
    accounts:
      - {name: al@example.com, display_name: Al}
      - {name: bea@example.com, display_name: Bea, aliases: [b@example.com], cos: premium}
      - {name: old@example.com, state: absent}
  delegate_to: localhost
  register: tenant

- name: A tenant's accounts from the provisioning system's CSV export (files/example.com.csv), the COS a default
  # name,display_name,aliases,mailbox_quota,password
  # al@example.com,Al,al.smith@example.com;smith@example.com,20G,Initial-Passw0rd-1
  carbonio.admin.carbonio_account:
    accounts_src: example.com.csv
    cos: gold
  delegate_to: localhost

- name: Make the domain hold exactly the listed accounts (deletes the others, with their mail)
  carbonio.admin.carbonio_account:
    accounts: "{{ tenant_accounts }}"
    accounts_mode: exact
    domain: example.com
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What happened, in a few words.
  returned: always
  type: str
  sample: "account jo@example.com: 2 settings changed"
account:
  description:
    - The account as managed by this module after the run (before it, for O(state=absent)), as options of this module;
      options the account does not set itself are left out. Never the password.
  returned: when the account exists or was created
  type: dict
  sample: {name: jo@example.com, id: 5d3f5b62-1111-4c1d-9b1e-000000000002, status: active, cos: gold,
           aliases: [jo@example.org], mailbox_quota: 20G, overrides: [mailbox_quota]}
  contains:
    overrides:
      description: The class of service settings the account sets itself instead of taking them from its COS.
      type: list
      elements: str
changed_attributes:
  description:
    - Names of the Carbonio attributes written (or that would be written in check mode). When a write fails part-way,
      only those written before it; the diff then shows those only.
  returned: with O(name)
  type: list
  elements: str
  sample: [zimbraMailQuota]
sessions:
  description: The account's sessions that were active before the run, with O(end_sessions) or O(logout_everywhere).
  returned: with O(end_sessions) or O(logout_everywhere)
  type: list
  elements: dict
  sample: [{type: soap, id: "1234", created: 1795660000000, last_access: 1795660100000}]
accounts:
  description:
    - With O(accounts), one entry per account created, changed, deleted or failed (or predicted so in check mode), or
      with a note, in the order listed; an unchanged account is only counted in RV(summary).
  returned: with O(accounts)
  type: list
  elements: dict
  sample: [{name: jo@example.com, outcome: created}, {name: al@example.com, outcome: failed,
            error: {code: account.INVALID_ATTR_VALUE, message: "invalid attribute value"}}]
  contains:
    name:
      description: The account's address.
      type: str
    outcome:
      description: One of V(created), V(changed), V(deleted), V(failed), or V(unchanged) with a note (predicted in check mode).
      type: str
    error:
      description: The Carbonio error code and message, for a failed account.
      type: dict
      returned: when the outcome is V(failed)
    applied:
      description:
        - For a failed account, the writes that landed before the one that failed (such as V(created) or
          V(1 setting changed)); the account is then also counted in RV(summary) as created, changed or deleted.
      type: list
      elements: str
      returned: when a failed account had writes that landed
    note:
      description: Why nothing was done, such as an address to delete that is another account's alias.
      type: str
      returned: when there is something to say
summary:
  description:
    - How many accounts had each outcome. A failed account whose first writes landed is counted as failed and as
      created, changed or deleted.
  returned: with O(accounts)
  type: dict
  sample: {created: 12, changed: 3, unchanged: 985, deleted: 0, failed: 0}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._engine import run_object_module
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT


def main():
    run_object_module(ACCOUNT)


if __name__ == '__main__':
    main()
