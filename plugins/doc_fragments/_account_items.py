# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The items of carbonio_account's accounts list: the module's own options, per account
    # (plugins/module_utils/_bulk.py bulk_spec); ansible-test sanity (validate-modules) checks they match.
    DOCUMENTATION = r'''
options:
  accounts:
    description:
      - Many accounts in one task, each with the options of this module. An option an item leaves out takes the
        top-level value, so top-level options are defaults for every item. Mutually exclusive with O(name)
        and O(accounts_src).
      - Everything is checked before the first request; the accounts are read in one round trip and written in
        pages of 250 (renames in the order they need, then creates, changes and deletes, then alias removals, then alias
        additions and passwords).
      - The list is planned as a whole before anything is sent; see O(old_name), O(aliases) and O(accounts_mode).
      - The result lists every account created, changed, deleted or failed, with its outcome, and counts the unchanged ones;
        a fault on some accounts does not stop the others, and the task fails at the end naming each with its reason.
    type: list
    elements: dict
    suboptions:
      admin_auth_token_lifetime:
        description: As the top-level O(admin_auth_token_lifetime), for this account; default the top-level value.
        type: raw
      aliases:
        description: As the top-level O(aliases), for this account; default the top-level value.
        type: list
        elements: str
      aliases_mode:
        description: As the top-level O(aliases_mode), for this account; default the top-level value.
        type: str
        choices: [exact, present, absent]
      attachment_max_size:
        description: As the top-level O(attachment_max_size), for this account; default the top-level value.
        type: raw
      attachments_blocked:
        description: As the top-level O(attachments_blocked), for this account; default the top-level value.
        type: raw
      attrs:
        description: As the top-level O(attrs), for this account; default the top-level value.
        type: dict
      auth_token_lifetime:
        description: As the top-level O(auth_token_lifetime), for this account; default the top-level value.
        type: raw
      calendar_enabled:
        description: As the top-level O(calendar_enabled), for this account; default the top-level value.
        type: raw
      chats_enabled:
        description: As the top-level O(chats_enabled), for this account; default the top-level value.
        type: raw
      contacts_enabled:
        description: As the top-level O(contacts_enabled), for this account; default the top-level value.
        type: raw
      cos:
        description: As the top-level O(cos), for this account; default the top-level value.
        type: raw
      description:
        description: As the top-level O(description), for this account; default the top-level value.
        type: raw
      display_name:
        description: As the top-level O(display_name), for this account; default the top-level value.
        type: raw
      end_sessions:
        description: Only for one account; refused in a list.
        type: bool
      external_imap_enabled:
        description: As the top-level O(external_imap_enabled), for this account; default the top-level value.
        type: raw
      external_pop3_enabled:
        description: As the top-level O(external_pop3_enabled), for this account; default the top-level value.
        type: raw
      files_enabled:
        description: As the top-level O(files_enabled), for this account; default the top-level value.
        type: raw
      given_name:
        description: As the top-level O(given_name), for this account; default the top-level value.
        type: raw
      global_admin:
        description: As the top-level O(global_admin), for this account; default the top-level value.
        type: raw
      locale:
        description: As the top-level O(locale), for this account; default the top-level value.
        type: raw
      logout_everywhere:
        description: Only for one account; refused in a list.
        type: bool
      mail_enabled:
        description: As the top-level O(mail_enabled), for this account; default the top-level value.
        type: raw
      mailbox_quota:
        description: As the top-level O(mailbox_quota), for this account; default the top-level value.
        type: raw
        aliases: [quota]
      mobile_sync_enabled:
        description: As the top-level O(mobile_sync_enabled), for this account; default the top-level value.
        type: raw
      name:
        description: The account's address, as O(name).
        type: str
        required: true
      notes:
        description: As the top-level O(notes), for this account; default the top-level value.
        type: raw
      old_name:
        description: As the top-level O(old_name), for this account; default the top-level value.
        type: str
      password:
        description: The account's password, as O(password). Never returned or shown.
        type: str
      password_history:
        description: As the top-level O(password_history), for this account; default the top-level value.
        type: raw
      password_lockout_duration:
        description: As the top-level O(password_lockout_duration), for this account; default the top-level value.
        type: raw
      password_lockout_enabled:
        description: As the top-level O(password_lockout_enabled), for this account; default the top-level value.
        type: raw
      password_lockout_failure_window:
        description: As the top-level O(password_lockout_failure_window), for this account; default the top-level value.
        type: raw
      password_lockout_max_failures:
        description: As the top-level O(password_lockout_max_failures), for this account; default the top-level value.
        type: raw
      password_max_age_days:
        description: As the top-level O(password_max_age_days), for this account; default the top-level value.
        type: raw
      password_max_length:
        description: As the top-level O(password_max_length), for this account; default the top-level value.
        type: raw
      password_min_age_days:
        description: As the top-level O(password_min_age_days), for this account; default the top-level value.
        type: raw
      password_min_digits:
        description: As the top-level O(password_min_digits), for this account; default the top-level value.
        type: raw
      password_min_length:
        description: As the top-level O(password_min_length), for this account; default the top-level value.
        type: raw
      password_min_lowercase:
        description: As the top-level O(password_min_lowercase), for this account; default the top-level value.
        type: raw
      password_min_punctuation:
        description: As the top-level O(password_min_punctuation), for this account; default the top-level value.
        type: raw
      password_min_uppercase:
        description: As the top-level O(password_min_uppercase), for this account; default the top-level value.
        type: raw
      quota_warn_percent:
        description: As the top-level O(quota_warn_percent), for this account; default the top-level value.
        type: raw
      session_idle_timeout:
        description: As the top-level O(session_idle_timeout), for this account; default the top-level value.
        type: raw
      sharing_enabled:
        description: As the top-level O(sharing_enabled), for this account; default the top-level value.
        type: raw
      spam_lifetime:
        description: As the top-level O(spam_lifetime), for this account; default the top-level value.
        type: raw
      state:
        description: As O(state); default the top-level O(state).
        type: str
        choices: [present, absent]
      status:
        description: As the top-level O(status), for this account; default the top-level value.
        type: raw
      surname:
        description: As the top-level O(surname), for this account; default the top-level value.
        type: raw
      tasks_enabled:
        description: As the top-level O(tasks_enabled), for this account; default the top-level value.
        type: raw
      time_zone:
        description: As the top-level O(time_zone), for this account; default the top-level value.
        type: raw
      trash_lifetime:
        description: As the top-level O(trash_lifetime), for this account; default the top-level value.
        type: raw
      two_factor_auth_available:
        description: As the top-level O(two_factor_auth_available), for this account; default the top-level value.
        type: raw
      two_factor_auth_required:
        description: As the top-level O(two_factor_auth_required), for this account; default the top-level value.
        type: raw
      update_password:
        description: As the top-level O(update_password), for this account; default the top-level value.
        type: str
        choices: [always, on_create]
  accounts_src:
    description:
      - A file of accounts, read on the controller (never on a managed node) by the module's action plugin, without
        templating, and given to the module as O(accounts); everything else is as for O(accounts) (top-level options
        as every item's defaults, O(accounts_mode=exact), check mode, diff, the result). Mutually exclusive with
        O(name) and O(accounts).
      - A relative path is looked for as M(ansible.builtin.copy) looks for its O(ansible.builtin.copy#module:src) - in
        the C(files/) folder of the role, then of the playbook, and beside them. A file encrypted with
        C(ansible-vault) is decrypted with the play's vault secrets.
      - The file's extension gives its format. C(.yml), C(.yaml) or C(.json) - a list of items, each a mapping of the
        options of O(accounts). Plain YAML only (no C(!vault) or other tags in it; encrypt the whole file instead).
      - C(.csv) - comma-separated values, UTF-8 (a byte order mark is accepted), quoted as spreadsheets quote them.
        The first line names the columns, each an option of O(accounts) (such as
        C(name,display_name,cos,mailbox_quota,aliases,password)); an unknown or repeated column is refused naming it,
        with the closest option name. Each following line is one account. Whitespace around a cell is stripped (also
        around a password); an empty cell means the option is not given, so the top-level value applies. Blank lines
        are skipped.
      - In a CSV cell, C(;) separates the values of an option that takes several (O(accounts[].aliases),
        O(accounts[].description) and O(accounts[].time_zone)), such as C(a@example.com;b@example.com); a C(;) cannot
        be part of such a value. Every other cell is one value, checked as the same text in O(accounts) is (C(true),
        C(20G), C(30d)). O(accounts[].attrs) takes a JSON object in its cell.
      - Every problem is refused before anything is sent and named by the file, the line and the column (a CSV
        column by its name), also a value the module checks against what Carbonio holds. A password never appears in a
        message or in the result.
    type: str
'''
