# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The settings a class of service gives its accounts (plugins/module_utils/_objects/cos_settings.py).
    # Every one of them takes '' to remove the value.
    DOCUMENTATION = r'''
options:
  mailbox_quota:
    description:
      - Mailbox quota (C(zimbraMailQuota)), a size such as V(500MB), V(10G) or a number of bytes (binary units). V(0) means unlimited.
    type: raw
    aliases: [quota]
  quota_warn_percent:
    description: Mailbox usage, in percent, at which the user is warned (C(zimbraQuotaWarnPercent)), 0 to 100.
    type: raw
  attachment_max_size:
    description: Largest file a user may upload or attach (C(zimbraFileUploadMaxSizePerFile)), a size such as V(25MB).
    type: raw
  attachments_blocked:
    description: Block every attachment of incoming mail (C(zimbraAttachmentsBlocked)), a boolean.
    type: raw
  mail_enabled:
    description: The Mails application (C(carbonioFeatureMailsAppEnabled)), a boolean.
    type: raw
  calendar_enabled:
    description: The Calendar (C(zimbraFeatureCalendarEnabled)), a boolean.
    type: raw
  contacts_enabled:
    description: The Contacts (C(zimbraFeatureContactsEnabled)), a boolean.
    type: raw
  tasks_enabled:
    description: The Tasks application (C(carbonioFeatureTasksEnabled)), a boolean.
    type: raw
  files_enabled:
    description: The Files application, Carbonio's successor of the Briefcase (C(carbonioFeatureFilesEnabled)), a boolean.
    type: raw
  chats_enabled:
    description: The Chats application (C(carbonioFeatureChatsEnabled)), a boolean.
    type: raw
  mobile_sync_enabled:
    description: Mobile (ActiveSync) synchronisation (C(zimbraFeatureMobileSyncEnabled)), a boolean.
    type: raw
  two_factor_auth_available:
    description: Users may turn on two-factor authentication (C(zimbraFeatureTwoFactorAuthAvailable)), a boolean.
    type: raw
  two_factor_auth_required:
    description: Users must use two-factor authentication (C(zimbraFeatureTwoFactorAuthRequired)), a boolean.
    type: raw
  sharing_enabled:
    description: Users may share folders (C(zimbraFeatureSharingEnabled)), a boolean.
    type: raw
  external_imap_enabled:
    description: Users may add external IMAP accounts (C(zimbraFeatureImapDataSourceEnabled)), a boolean.
    type: raw
  external_pop3_enabled:
    description: Users may add external POP3 accounts (C(zimbraFeaturePop3DataSourceEnabled)), a boolean.
    type: raw
  password_min_length:
    description: Shortest password allowed (C(zimbraPasswordMinLength)), an integer.
    type: raw
  password_max_length:
    description: Longest password allowed (C(zimbraPasswordMaxLength)), an integer.
    type: raw
  password_min_uppercase:
    description: Upper-case letters a password must hold (C(zimbraPasswordMinUpperCaseChars)), an integer.
    type: raw
  password_min_lowercase:
    description: Lower-case letters a password must hold (C(zimbraPasswordMinLowerCaseChars)), an integer.
    type: raw
  password_min_digits:
    description: Digits a password must hold (C(zimbraPasswordMinNumericChars)), an integer.
    type: raw
  password_min_punctuation:
    description: Punctuation characters a password must hold (C(zimbraPasswordMinPunctuationChars)), an integer.
    type: raw
  password_max_age_days:
    description: Days after which a password must be changed (C(zimbraPasswordMaxAge)); V(0) means never.
    type: raw
  password_min_age_days:
    description: Days before a password may be changed again (C(zimbraPasswordMinAge)).
    type: raw
  password_history:
    description: Number of earlier passwords that may not be reused (C(zimbraPasswordEnforceHistory)).
    type: raw
  password_lockout_enabled:
    description: Lock an account after repeated failed logins (C(zimbraPasswordLockoutEnabled)), a boolean.
    type: raw
  password_lockout_max_failures:
    description: Failed logins that lock the account (C(zimbraPasswordLockoutMaxFailures)), an integer.
    type: raw
  password_lockout_duration:
    description: How long a locked-out account stays locked (C(zimbraPasswordLockoutDuration)), a duration such as V(1h).
    type: raw
  password_lockout_failure_window:
    description: Window in which failed logins are counted (C(zimbraPasswordLockoutFailureLifetime)), a duration such as V(1h).
    type: raw
  auth_token_lifetime:
    description: Lifetime of a user's login (C(zimbraAuthTokenLifetime)), a duration such as V(2d).
    type: raw
  admin_auth_token_lifetime:
    description: Lifetime of an administrator's login (C(zimbraAdminAuthTokenLifetime)), a duration such as V(12h).
    type: raw
  session_idle_timeout:
    description: Idle time after which a web session ends (C(zimbraMailIdleSessionTimeout)), a duration; V(0) means never.
    type: raw
  trash_lifetime:
    description: How long messages stay in the Trash (C(zimbraMailTrashLifetime)), a duration such as V(30d).
    type: raw
  spam_lifetime:
    description: How long messages stay in the Junk folder (C(zimbraMailSpamLifetime)), a duration such as V(30d).
    type: raw
  time_zone:
    description: Default time zone (C(zimbraPrefTimeZoneId)), an Olson identifier such as V(Europe/Rome).
    type: raw
  locale:
    description: Default language and format locale (C(zimbraPrefLocale)), such as V(en) or V(it_IT).
    type: raw
'''
