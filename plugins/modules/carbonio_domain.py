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
  - Talks to the Carbonio admin SOAP service; run it on the controller.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
options:
  name:
    description:
      - Domain name, for example C(example.com). Internationalised names are converted to their ASCII (punycode) form.
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
      - C(shutdown) is Carbonio's internal state while a domain is renamed and is refused.
    type: str
  time_zone:
    description:
      - Default time zone of the domain's accounts (C(zimbraPrefTimeZoneId)), an Olson identifier such as V(Europe/Rome).
    type: str
  public_service_protocol:
    description:
      - Protocol of the public URL users reach the domain at (C(zimbraPublicServiceProtocol)).
    type: str
    choices: [http, https]
  public_service_hostname:
    description:
      - Public host name of the domain (C(zimbraPublicServiceHostname)); needed for domain certificates and white-labelling.
    type: str
  public_service_port:
    description:
      - Public port of the domain (C(zimbraPublicServicePort)), 1 to 65535.
    type: int
  default_cos:
    description:
      - Name of the class of service given to the domain's accounts that have none (C(zimbraDomainDefaultCOSId)).
      - The COS must exist. An empty string removes the setting.
      - The built-in C(defaultExternal) COS cannot be a domain default; its id is not a UUID, which Carbonio requires here.
    type: str
  inbound_smtp_hostname:
    description:
      - Mail server used to transmit spam, when the domain's MX points at a spam relay or another external SMTP server
        (C(zimbraDNSCheckHostname), the "Inbound SMTP host name" of the Admin Panel).
    type: str
    aliases: [spam_relay_hostname]
  description:
    description:
      - Description of the domain (C(description)).
    type: str
  notes:
    description:
      - Free notes about the domain (C(zimbraNotes)), at most 1024 characters.
    type: str
  help_admin_url:
    description:
      - Help link shown to global administrators (C(zimbraHelpAdminURL)). Must be an https URL.
    type: str
  help_delegated_url:
    description:
      - Help link shown to delegated administrators (C(zimbraHelpDelegatedURL)). Must be an https URL.
    type: str
  notification_sender:
    description:
      - Sender address of the infrastructure notifications about the domain (C(carbonioNotificationFrom)).
    type: str
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
    type: str
  aggregate_quota:
    description:
      - Total space the domain's accounts may use together (C(zimbraDomainAggregateQuota)), a size as for
        O(max_account_quota). V(0) means unlimited.
    type: str
  aggregate_quota_policy:
    description:
      - What happens when the domain goes over O(aggregate_quota) (C(zimbraDomainAggregateQuotaPolicy)).
    type: str
    choices: [ALLOWSENDRECEIVE, BLOCKSEND, BLOCKSENDRECEIVE]
  quota_warn_percent:
    description:
      - Usage of O(aggregate_quota), in percent, at which a warning is sent (C(zimbraDomainAggregateQuotaWarnPercent)).
    type: int
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
      - An attribute may not be set both here and through its own option.
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
domain:
  description: The domain as managed by this module after the run (before it, for O(state=absent)); options not set on the domain are left out.
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
failed_items:
  description: Objects that could not be deleted during a purge, each with the Carbonio error.
  returned: when a purge fails part-way
  type: list
  elements: dict
  sample: [{name: user@example.com, code: service.FAILURE, message: "system failure: ..."}]
'''

from ansible_collections.carbonio.admin.plugins.module_utils import _domain_api as api
from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog import normalize_value
from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._domain_options import (
    DOMAIN_ARGUMENT_SPEC, desired_domain_attrs, domain_options_from_attrs, options_view)
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import apply_changes, plan_attribute_changes
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import validate_domain_name

CONTENT_LABELS = (('account', 'accounts'), ('dl', 'distribution_lists'), ('calresource', 'calendar_resources'), ('alias', 'aliases'))


def shown(domain, cos_names):
    return dict(domain_options_from_attrs(domain['attrs'], cos_names), name=domain['name'], id=domain['id'])


def ensure_present(module, client, name, desired, modes):
    cos_name = module.params['default_cos']
    if cos_name:
        domain, cos = api.get_domain_and_cos(client, name, cos_name)
        if cos is None:
            module.fail_json(msg='default_cos: no class of service named %r exists' % cos_name, changed=False, changed_attributes=[])
        try:
            # Carbonio accepts only UUID ids here, which the built-in defaultExternal COS does not have.
            desired['zimbraDomainDefaultCOSId'] = normalize_value('zimbraDomainDefaultCOSId', cos['id'], field='default_cos')
        except ValueError as exc:
            module.fail_json(msg='%s (the id of class of service %r); Carbonio refuses it as a domain default' % (exc, cos_name),
                             changed=False, changed_attributes=[])
        cos_names = {cos['id']: cos['name']}
    else:
        domain, cos_names = api.get_domain(client, name), {}
    current = domain['attrs'] if domain else {}
    modify, before, after = plan_attribute_changes(current, desired, modes)
    changed = domain is None or bool(modify)
    result = dict(changed=changed, changed_attributes=sorted(before))
    if module._diff:
        result['diff'] = dict(before=options_view(current, before, cos_names) if domain else {},
                              after=options_view(apply_changes(current, after), after, cos_names))
    if domain is None:
        if not module.check_mode:
            # At creation "+name" (mode present) is just the list; removals have nothing to remove.
            domain = api.create_domain(client, name, dict((key.lstrip('+'), values) for key, values in modify.items()
                                                          if values and not key.startswith('-')))
        else:
            domain = dict(name=name, id=None, attrs=apply_changes({}, after))
    elif modify:
        domain = api.modify_domain(client, domain['id'], modify) if not module.check_mode else dict(domain, attrs=apply_changes(current, after))
    result['domain'] = shown(domain, cos_names)
    module.exit_json(**result)


def ensure_absent(module, client, name):
    domain = api.get_domain(client, name)
    if domain is None:
        module.exit_json(changed=False, changed_attributes=[])
    result = dict(changed=True, changed_attributes=[], domain=shown(domain, {}))
    if module._diff:
        result['diff'] = dict(before=result['domain'], after={})
    contents = api.domain_contents(client, name)
    counts = dict((label, len(contents.get(key, []))) for key, label in CONTENT_LABELS)
    if contents and not module.params['purge']:
        names = [item['name'] for key, label in CONTENT_LABELS for item in contents.get(key, [])]
        module.fail_json(
            msg='domain %s is not empty: %s (%s%s). Set purge: true to delete them with the domain, '
                'or use status: closed to close the domain and keep them.' % (
                    name, ', '.join('%d %s' % (n, label.replace('_', ' ')) for label, n in sorted(counts.items()) if n),
                    ', '.join(names[:20]), ', ...' if len(names) > 20 else ''),
            changed=False, changed_attributes=[], contents=dict((label, [i['name'] for i in contents.get(key, [])]) for key, label in CONTENT_LABELS))
    if module.params['purge']:
        result['purged'] = counts
    if module.check_mode:
        module.exit_json(**result)
    if contents:
        done, failed = api.run_in_batches(client, api.purge_requests(domain, contents))
        if failed:
            module.fail_json(msg='could not delete %d of the objects in domain %s; the domain was kept' % (len(failed), name),
                             failed_items=[dict(name=label, code=fault.code, message=fault.message) for label, fault in failed],
                             deleted_items=done, **result)
    api.delete_domain(client, domain['id'])
    module.exit_json(**result)


def main():
    module = create_module(dict(
        name=dict(type='str', required=True),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        purge=dict(type='bool', default=False),
        **DOMAIN_ARGUMENT_SPEC
    ))
    params = module.params
    # Every option is checked before the first request: bad input never reaches the server.
    try:
        name = validate_domain_name(params['name'], 'name')
        desired, modes = desired_domain_attrs(params)
    except ValueError as exc:
        module.fail_json(msg=str(exc), changed=False)
    client = create_client(module)
    try:
        if params['state'] == 'absent':
            ensure_absent(module, client, name)
        else:
            ensure_present(module, client, name, desired, modes)
    except CarbonioError as exc:
        fail_on_error(module, exc, changed=False)


if __name__ == '__main__':
    main()
