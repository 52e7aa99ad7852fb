"""An inventory of N tenants for playbooks/tenant.yml and drift_check.yml, one host per tenant (shared by the
tests in this folder and bench/tenants.py)."""

from __future__ import annotations

import yaml

PASSWORD = 'Tenant-Passw0rd-1'


def write_inventory(path, count, suffix='tenants.test'):
    """Tenants tenant0..N-1, each a domain tN.<suffix> with its own COS (tN.<suffix>-standard) and three accounts."""
    hosts = {}
    for n in range(count):
        domain = f't{n}.{suffix}'
        hosts[f'tenant{n}'] = {
            'tenant_cos': [{'name': f'{domain}-standard', 'mailbox_quota': '2G'}],
            'tenant_domain': {'name': domain, 'status': 'active', 'default_cos': f'{domain}-standard', 'description': f'Tenant {n}'},
            'tenant_account_defaults': {'cos': f'{domain}-standard', 'password': PASSWORD},
            'tenant_accounts': [{'name': f'u{k}@{domain}', 'display_name': f'User {k} of tenant {n}'} for k in range(3)],
        }
    inventory = {'carbonio_tenants': {'vars': {'ansible_connection': 'local',
                                               'ansible_python_interpreter': '{{ ansible_playbook_python }}'},
                                      'hosts': hosts}}
    with open(path, 'w', encoding='utf-8') as handle:
        yaml.safe_dump(inventory, handle)
    return path
