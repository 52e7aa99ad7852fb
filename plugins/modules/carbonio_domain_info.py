#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_domain_info
short_description: Read Carbonio domains, their own and inherited settings, account counts and quota usage
version_added: 0.1.0
description:
  - Returns one Carbonio domain or all of them. For each domain it gives the values set on the domain and the effective
    values it inherits from the global configuration side by side, the number of accounts per class of service and,
    on request, every account with its used and allowed quota (the Admin Panel's Mailbox Limit page).
  - Each domain also comes back under RV(domains[].carbonio_domain) in exactly the form M(carbonio.admin.carbonio_domain)
    accepts, so existing domains can be exported to YAML and applied back unchanged.
  - All domains are read in a fixed number of round trips, whatever their number.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  name:
    description:
      - Name of one domain to read. All domains when not set.
    type: str
  include_quota_usage:
    description:
      - Also return every account of each domain with its used and allowed quota.
    type: bool
    default: false
seealso:
  - module: carbonio.admin.carbonio_domain
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Read every domain
  carbonio.admin.carbonio_domain_info:
  register: carbonio
  delegate_to: localhost

- name: Export every domain as carbonio_domain options
  ansible.builtin.copy:
    content: "{{ carbonio.domains | map(attribute='carbonio_domain') | list | to_nice_yaml }}"
    dest: domains.yml
  delegate_to: localhost

- name: Apply the export back (reports no change)
  carbonio.admin.carbonio_domain: "{{ item }}"
  loop: "{{ lookup('file', 'domains.yml') | from_yaml }}"
  delegate_to: localhost

- name: One domain with the quota of its accounts
  carbonio.admin.carbonio_domain_info:
    name: example.com
    include_quota_usage: true
  register: example
  delegate_to: localhost
'''

RETURN = r'''
domains:
  description: The domains, sorted by name; empty when O(name) does not exist.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Domain name.
      type: str
      sample: example.com
    id:
      description: Carbonio id (C(zimbraId)) of the domain.
      type: str
    attrs:
      description: Attributes set on the domain itself, name to list of values.
      type: dict
    inherited_attrs:
      description: Attributes not set on the domain whose value comes from the global configuration, name to list of values.
      type: dict
    settings:
      description:
        - For each option of M(carbonio.admin.carbonio_domain), the value set on the domain (C(own), null when unset)
          and the value in force (C(effective)), which is inherited from the global configuration when the domain sets none.
      type: dict
      sample: {max_account_quota: {own: null, effective: "0"}, status: {own: active, effective: active}}
    account_counts:
      description: Number of accounts per class of service name (calendar resources and system resources are not counted).
      type: dict
      sample: {default: 120, premium: 8}
    quota_usage:
      description: Accounts with used and allowed quota in bytes (0 = unlimited), largest use first.
      returned: when O(include_quota_usage=true)
      type: list
      elements: dict
      sample: [{name: user@example.com, used: 1048576, limit: 10737418240}]
    carbonio_domain:
      description: The domain as options of M(carbonio.admin.carbonio_domain) (its own values only).
      type: dict
      sample: {name: example.com, status: active, virtual_hostnames: [mail.example.com]}
'''

from ansible_collections.carbonio.admin.plugins.module_utils import _domain_api as api
from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog import domain_inherited_attributes
from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._domain_options import DOMAIN_OPTIONS, domain_options_from_attrs
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import validate_domain_name

DEFAULT_COS_NAME = 'default'


def describe(domain, global_config, inherited_names, cos_names):
    own = domain['attrs']
    inherited = dict((n, global_config[n]) for n in inherited_names if n not in own and global_config.get(n))
    effective = dict(inherited, **own)
    settings = {}
    own_options = domain_options_from_attrs(own, cos_names)
    effective_options = domain_options_from_attrs(effective, cos_names)
    for option in DOMAIN_OPTIONS:
        settings[option] = dict(own=own_options.get(option), effective=effective_options.get(option))
    return dict(name=domain['name'], id=domain['id'], attrs=own, inherited_attrs=inherited, settings=settings,
                carbonio_domain=dict(own_options, name=domain['name']))


def main():
    module = create_module(dict(
        name=dict(type='str'),
        include_quota_usage=dict(type='bool', default=False),
    ))
    name = module.params['name']
    if name:
        try:
            name = validate_domain_name(name, 'name')
        except ValueError as exc:
            module.fail_json(msg=str(exc))
    client = create_client(module)
    try:
        read = api.read_domains_overview(client, name)
        domains = sorted(read['domains'], key=lambda d: d['name'])
        cos_names = dict((cos['id'], cos['name']) for cos in read['coses'])
        default_cos_id = next((cos['id'] for cos in read['coses'] if cos['name'] == DEFAULT_COS_NAME), None)
        counts = api.account_counts_by_cos(read['accounts'], domains, default_cos_id, cos_names)
        usage = api.quota_usage(client, [d['name'] for d in domains]) if module.params['include_quota_usage'] else None
    except CarbonioError as exc:
        fail_on_error(module, exc)
    inherited_names = domain_inherited_attributes()
    result = []
    for domain in domains:
        entry = describe(domain, read['config'], inherited_names, cos_names)
        entry['account_counts'] = counts.get(domain['name'], {})
        if usage is not None:
            entry['quota_usage'] = usage.get(domain['name'], [])
        result.append(entry)
    module.exit_json(changed=False, domains=result)


if __name__ == '__main__':
    main()
