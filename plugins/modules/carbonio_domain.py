#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_domain
short_description: Create, change and delete Carbonio domains
version_added: 0.1.0
description:
  - Manages a Zextras Carbonio domain and the settings the Admin Panel shows for it (General Settings, Mailbox Limits,
    virtual hosts), plus any other domain attribute through O(attrs).
  - Only the options you set are managed; everything else on the domain is left as it is.
  - To remove a setting, give it as V('') (an empty string), or V([]) for a list; every setting but O(status) can be removed.
  - Every value is checked against Carbonio's attribute definitions (form, length, range) before anything is sent,
    whether it is given through its option or through O(attrs).
  - Talks to the Carbonio admin SOAP service; run it on the controller.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
options:
  name:
    description:
      - Domain name, for example C(example.com). Internationalised names are converted to their ASCII (punycode) form.
      - Underscores and single-label names are accepted, as Carbonio accepts them.
    type: str
    required: true
  state:
    description:
      - V(present) creates the domain if needed and sets the given options.
      - V(absent) deletes the domain. A domain that still holds accounts, lists, aliases or resources is not deleted
        unless O(purge=true); to stop a domain while keeping its objects use O(status=closed) instead.
    type: str
    choices: [present, absent]
    default: present
  purge:
    description:
      - With O(state=absent), first delete everything the domain holds (accounts including GAL sync accounts,
        distribution lists, dynamic groups, calendar resources, aliases), in batches, then the domain.
      - Mail data of deleted accounts is lost. Use with care.
    type: bool
    default: false
  status:
    description:
      - Domain status (C(zimbraDomainStatus)). One of V(active), V(maintenance), V(locked), V(closed), V(suspended).
      - V(closed) makes every account behave as closed and disables mail delivery to the domain; V(suspended) also
        forbids creating, changing or deleting its accounts and lists.
      - C(shutdown) is Carbonio's internal state while a domain is renamed and is refused. The status cannot be removed.
    type: raw
  time_zone:
    description:
      - Default time zone of the domain's accounts (C(zimbraPrefTimeZoneId)), an Olson identifier such as V(Europe/Rome).
    type: raw
  public_service_protocol:
    description:
      - Protocol of the public URL users reach the domain at (C(zimbraPublicServiceProtocol)), V(http) or V(https).
    type: raw
  public_service_hostname:
    description:
      - Public host name of the domain (C(zimbraPublicServiceHostname)); needed for domain certificates and white-labelling.
    type: raw
  public_service_port:
    description:
      - Public port of the domain (C(zimbraPublicServicePort)), 1 to 65535.
    type: raw
  default_cos:
    description:
      - Name of the class of service given to the domain's accounts that have none (C(zimbraDomainDefaultCOSId)).
      - The COS must exist. An empty string removes the setting; the domain's accounts then get the C(default) COS.
      - The built-in C(defaultExternal) COS cannot be a domain default; its id is not a UUID, which Carbonio requires here.
    type: raw
  inbound_smtp_hostname:
    description:
      - Mail server used to transmit spam, when the domain's MX points at a spam relay or another external SMTP server
        (C(zimbraDNSCheckHostname), the "Inbound SMTP host name" of the Admin Panel).
      - Carbonio deprecated this attribute in 23.6.0; setting it gives a warning.
    type: raw
    aliases: [spam_relay_hostname]
  description:
    description:
      - Description of the domain (C(description)). Carbonio allows several values; give a list to set several.
    type: raw
  notes:
    description:
      - Free notes about the domain (C(zimbraNotes)), at most 1024 characters.
    type: raw
  help_admin_url:
    description:
      - Help link shown to global administrators (C(zimbraHelpAdminURL)). Must be an https URL of at most 256 characters.
    type: raw
  help_delegated_url:
    description:
      - Help link shown to delegated administrators (C(zimbraHelpDelegatedURL)). Must be an https URL of at most 256 characters.
    type: raw
  notification_sender:
    description:
      - Sender address of the infrastructure notifications about the domain (C(carbonioNotificationFrom)).
      - An internationalised domain part is converted to its ASCII (punycode) form, the only form Carbonio accepts.
    type: raw
  notification_recipients:
    description:
      - Who receives the infrastructure notifications about the domain, including certificate results
        (C(carbonioNotificationRecipients)). Compared as a set.
    type: list
    elements: str
  notification_recipients_mode:
    description:
      - V(exact) makes O(notification_recipients) the whole list, V(present) only adds, V(absent) only removes the listed ones.
    type: str
    choices: [exact, present, absent]
    default: exact
  virtual_hostnames:
    description:
      - Host names that lead to this domain (C(zimbraVirtualHostname)). Compared as a set.
      - A host name another domain already has is refused before anything is written, also when given as
        C(zimbraVirtualHostname) in O(attrs). Carbonio would store it with only a warning, and requests for it could
        then reach either domain. To move a host name, remove it from its domain first.
    type: list
    elements: str
  virtual_hostnames_mode:
    description:
      - V(exact) makes O(virtual_hostnames) the whole list, V(present) only adds, V(absent) only removes the listed ones.
    type: str
    choices: [exact, present, absent]
    default: exact
  max_account_quota:
    description:
      - Largest quota an account of the domain may have (C(zimbraMailDomainQuota)).
      - A size such as V(500MB), V(10G) or a number of bytes; units are binary (1G = 1024 MB). V(0) means unlimited.
    type: raw
  aggregate_quota:
    description:
      - Total space the domain's accounts may use together (C(zimbraDomainAggregateQuota)), a size as for
        O(max_account_quota). V(0) means unlimited.
    type: raw
  aggregate_quota_policy:
    description:
      - What happens when the domain goes over O(aggregate_quota) (C(zimbraDomainAggregateQuotaPolicy)), one of
        V(ALLOWSENDRECEIVE), V(BLOCKSEND) or V(BLOCKSENDRECEIVE).
    type: raw
  quota_warn_percent:
    description:
      - Usage of O(aggregate_quota), in percent, at which a warning is sent (C(zimbraDomainAggregateQuotaWarnPercent)), 0 to 100.
    type: raw
  quota_warn_recipients:
    description:
      - Who receives the aggregate quota warning (C(zimbraDomainAggregateQuotaWarnEmailRecipient)). Compared as a set.
    type: list
    elements: str
  quota_warn_recipients_mode:
    description:
      - V(exact) makes O(quota_warn_recipients) the whole list, V(present) only adds, V(absent) only removes the listed ones.
    type: str
    choices: [exact, present, absent]
    default: exact
  attrs:
    description:
      - Any other domain attribute, as C(name) to value (a list for several values). An empty string or empty list removes it.
      - Names, types, allowed values and which attributes a domain may carry are checked against Carbonio's attribute
        definitions before anything is sent. Booleans may be given as YAML booleans; C(long) values also accept sizes such as V(10G).
      - An attribute may not be set both here and through its own option. An attribute that has an option follows the
        option's rules here too (for example host names are lower-cased and checked).
      - Attributes that make the entry what it is (C(objectClass), C(zimbraId), C(zimbraDomainName), ...) are refused.
    type: dict
seealso:
  - module: carbonio.admin.carbonio_domain_info
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: A domain for a customer, with its public name and limits
  carbonio.admin.carbonio_domain:
    name: example.com
    status: active
    time_zone: Europe/Rome
    public_service_protocol: https
    public_service_hostname: mail.example.com
    public_service_port: 443
    default_cos: default
    virtual_hostnames:
      - mail.example.com
      - webmail.example.com
    max_account_quota: 10G
    aggregate_quota: 500G
    aggregate_quota_policy: BLOCKSEND
    quota_warn_percent: 90
    quota_warn_recipients: [postmaster@example.com]
    notification_recipients: [noc@example.com]
  delegate_to: localhost

- name: Add one virtual host and keep the others
  carbonio.admin.carbonio_domain:
    name: example.com
    virtual_hostnames: [mail2.example.com]
    virtual_hostnames_mode: present
  delegate_to: localhost

- name: Any other domain attribute
  carbonio.admin.carbonio_domain:
    name: example.com
    attrs:
      zimbraDomainMaxAccounts: 500
      zimbraAuthFallbackToLocal: true
  delegate_to: localhost

- name: Close a domain but keep its accounts
  carbonio.admin.carbonio_domain:
    name: old.example.com
    status: closed
  delegate_to: localhost

- name: Delete a domain with everything in it
  carbonio.admin.carbonio_domain:
    name: old.example.com
    state: absent
    purge: true
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What happened, in a few words.
  returned: always
  type: str
  sample: domain example.com created
domain:
  description:
    - The domain as managed by this module after the run (before it, for O(state=absent)); options not set on the domain are left out.
    - Its shape is the same after a change, a run with nothing to change and a check-mode run.
  returned: when the domain exists or was created
  type: dict
  sample:
    name: example.com
    id: 1d2e3f40-aaaa-bbbb-cccc-000000000001
    status: active
    virtual_hostnames: [mail.example.com]
    max_account_quota: 10G
changed_attributes:
  description: Names of the Carbonio attributes written (or that would be written in check mode).
  returned: always
  type: list
  elements: str
  sample: [zimbraDomainStatus, zimbraVirtualHostname]
purged:
  description: Objects deleted (or that would be deleted in check mode) before the domain, by kind.
  returned: when O(state=absent) and O(purge=true)
  type: dict
  sample: {accounts: 12, distribution_lists: 2, calendar_resources: 1, aliases: 3}
deleted_items:
  description: Names of the objects a purge deleted before it failed part-way.
  returned: when a purge fails part-way
  type: list
  elements: str
failed_items:
  description: Objects that could not be deleted during a purge, each with the Carbonio error.
  returned: when a purge fails part-way
  type: list
  elements: dict
  sample: [{name: user@example.com, code: service.FAILURE, message: "system failure: ..."}]
'''

from ansible_collections.carbonio.admin.plugins.module_utils._engine import run_object_module
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN


def main():
    run_object_module(DOMAIN)


if __name__ == '__main__':
    main()
