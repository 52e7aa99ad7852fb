# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the settings a class of service gives its accounts, as readable options.

One table for both carbonio_cos (the COS values) and carbonio_account (per-account overrides of them).
Every attribute here is flagged accountInherited in Carbonio's attrs.xml (a test checks it).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._object_model import Option

COS_SETTINGS = [
    # limits
    Option('mailbox_quota', 'zimbraMailQuota', 'size', aliases=('quota',)),
    Option('quota_warn_percent', 'zimbraQuotaWarnPercent', 'percent'),
    Option('attachment_max_size', 'zimbraFileUploadMaxSizePerFile', 'size'),
    Option('attachments_blocked', 'zimbraAttachmentsBlocked', 'bool'),
    # features
    Option('mail_enabled', 'carbonioFeatureMailsAppEnabled', 'bool'),
    Option('calendar_enabled', 'zimbraFeatureCalendarEnabled', 'bool'),
    Option('contacts_enabled', 'zimbraFeatureContactsEnabled', 'bool'),
    Option('tasks_enabled', 'carbonioFeatureTasksEnabled', 'bool'),
    Option('files_enabled', 'carbonioFeatureFilesEnabled', 'bool'),
    Option('chats_enabled', 'carbonioFeatureChatsEnabled', 'bool'),
    Option('mobile_sync_enabled', 'zimbraFeatureMobileSyncEnabled', 'bool'),
    Option('two_factor_auth_available', 'zimbraFeatureTwoFactorAuthAvailable', 'bool'),
    Option('two_factor_auth_required', 'zimbraFeatureTwoFactorAuthRequired', 'bool'),
    Option('sharing_enabled', 'zimbraFeatureSharingEnabled', 'bool'),
    Option('external_imap_enabled', 'zimbraFeatureImapDataSourceEnabled', 'bool'),
    Option('external_pop3_enabled', 'zimbraFeaturePop3DataSourceEnabled', 'bool'),
    # password policy
    Option('password_min_length', 'zimbraPasswordMinLength', 'int'),
    Option('password_max_length', 'zimbraPasswordMaxLength', 'int'),
    Option('password_min_uppercase', 'zimbraPasswordMinUpperCaseChars', 'int'),
    Option('password_min_lowercase', 'zimbraPasswordMinLowerCaseChars', 'int'),
    Option('password_min_digits', 'zimbraPasswordMinNumericChars', 'int'),
    Option('password_min_punctuation', 'zimbraPasswordMinPunctuationChars', 'int'),
    Option('password_max_age_days', 'zimbraPasswordMaxAge', 'int'),
    Option('password_min_age_days', 'zimbraPasswordMinAge', 'int'),
    Option('password_history', 'zimbraPasswordEnforceHistory', 'int'),
    Option('password_lockout_enabled', 'zimbraPasswordLockoutEnabled', 'bool'),
    Option('password_lockout_max_failures', 'zimbraPasswordLockoutMaxFailures', 'int'),
    Option('password_lockout_duration', 'zimbraPasswordLockoutDuration', 'duration'),
    Option('password_lockout_failure_window', 'zimbraPasswordLockoutFailureLifetime', 'duration'),
    # sessions and tokens
    Option('auth_token_lifetime', 'zimbraAuthTokenLifetime', 'duration'),
    Option('admin_auth_token_lifetime', 'zimbraAdminAuthTokenLifetime', 'duration'),
    Option('session_idle_timeout', 'zimbraMailIdleSessionTimeout', 'duration'),
    # retention
    Option('trash_lifetime', 'zimbraMailTrashLifetime', 'duration'),
    Option('spam_lifetime', 'zimbraMailSpamLifetime', 'duration'),
    # preferences
    Option('time_zone', 'zimbraPrefTimeZoneId', 'time_zone'),
    Option('locale', 'zimbraPrefLocale'),
]
