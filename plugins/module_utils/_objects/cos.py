# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the class of service object type (carbonio_cos, carbonio_cos_info)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._object_model import ObjectType, Option
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT
from ansible_collections.carbonio.admin.plugins.module_utils._objects.cos_settings import COS_SETTINGS
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN

# Carbonio protects both built-in classes of service from rename and delete (Cos.isDefaultCos).
PROTECTED = ('default', 'defaultExternal')
# The COS of external (non-mailbox) accounts: no place for a COS's mailbox accounts and domains.
EXTERNAL = 'defaultExternal'
MAX_LISTED = 10

OPTIONS = [Option('description', 'description'), Option('notes', 'zimbraNotes')] + COS_SETTINGS


def validate(params):
    if params['state'] == 'absent' and params['reassign_to'] and params['force']:
        raise ValueError('reassign_to: give either reassign_to or force, not both')
    if params['reassign_to'] and params['reassign_to'].strip().lower() == params['name'].strip().lower():
        raise ValueError('reassign_to: must name another class of service than %s' % params['name'])
    if params['reassign_to'] and params['reassign_to'].strip().lower() == EXTERNAL.lower():
        raise ValueError('reassign_to: %s is the class of service of external (non-mailbox) accounts; name one for '
                         'mailbox accounts and domains' % EXTERNAL)


def create(run, name, attrs):
    """A new COS: a copy of copy_from with the options applied, else Carbonio's copy of default."""
    client, object_type = run.client, run.type
    if not run.params['copy_from']:
        return requests.create(client, object_type, name, attrs)
    source_id = run.references.to_id('cos', run.params['copy_from'], 'copy_from')
    created = requests.copy(client, object_type, name, source_id)
    run.result['changed'] = True
    if attrs:
        created = requests.modify(client, object_type, created['id'], attrs, object_type.compare_keys())
    return created


def _users(client, cos_id=None):
    """{COS id: (accounts whose own COS it is, domains that give it by default)} for one COS or all: one round trip."""
    value = requests.escape_filter(cos_id) if cos_id else '*'
    items = client.batch([
        requests.search_request('(zimbraCOSId=%s)' % value, 'accounts,resources', 'zimbraCOSId'),
        requests.search_request('(zimbraDomainDefaultCOSId=%s)' % value, 'domains', 'zimbraDomainDefaultCOSId'),
    ], repeatable=True)
    accounts = requests.search_results(requests.response_items(items[0]))
    domains = requests.search_results(requests.response_items(items[1])).get('domain', [])
    users = {}
    for account in accounts.get('account', []) + accounts.get('calresource', []):
        users.setdefault(account['attrs']['zimbraCOSId'][0], ([], []))[0].append(account)
    for domain in domains:
        users.setdefault(domain['attrs']['zimbraDomainDefaultCOSId'][0], ([], []))[1].append(domain)
    return users


def before_delete(run, cos):
    """Carbonio deletes a COS in use and its accounts silently fall back to another: refuse, or move them first."""
    params = run.params
    accounts, domains = _users(run.client, cos['id']).get(cos['id'], ([], []))
    run.result['users'] = dict(accounts=len(accounts), domains=[d['name'] for d in domains])
    if not (accounts or domains) or params['force']:
        return
    if not params['reassign_to']:
        run.fail('class of service %s is used by %d account%s and %d domain%s (%s); set reassign_to to move them to another '
                 'class of service first, or force: true to delete it anyway (they then fall back to their domain\'s '
                 'default or to default)' % (cos['name'], len(accounts), '' if len(accounts) == 1 else 's', len(domains),
                                             '' if len(domains) == 1 else 's', ', '.join(d['name'] for d in domains[:MAX_LISTED]) or 'none'))
    try:
        target = run.references.to_id('cos', params['reassign_to'], 'reassign_to')
    except ValueError as exc:
        run.fail(str(exc))
    # a user gone meanwhile uses this COS no more: moved; calendar resources are accounts to Carbonio
    moves = [requests.modify_write(ACCOUNT, account['name'], account['id'], {'zimbraCOSId': [target]}, gone_is_done=True)
             for account in accounts]
    moves += [requests.modify_write(DOMAIN, domain['name'], domain['id'], {'zimbraDomainDefaultCOSId': [target]}, gone_is_done=True)
              for domain in domains]
    run.result['reassigned'] = dict(accounts=len(accounts), domains=len(domains), to=params['reassign_to'])
    if run.module.check_mode:
        return
    done, failed = requests.labelled(moves, requests.send_pages(run.client, run.type, moves))
    run.result['moved_items'] = done
    if done:
        run.result['changed'] = True
    if failed:
        run.fail('could not move %d of the users of class of service %s (%d moved); it was kept' % (len(failed), cos['name'], len(done)),
                 failed_items=[dict(name=label, code=fault.code, message=fault.message) for label, fault in failed])


def extra_facts(client, coses, params, items):
    """How many accounts use each COS as their own, and which domains give it by default."""
    if not params['include_usage'] or not coses:
        return {}
    users = _users(client, coses[0]['id'] if len(coses) == 1 else None)
    facts = {}
    for cos in coses:
        accounts, domains = users.get(cos['id'], ([], []))
        facts[cos['name']] = dict(account_count=len(accounts), domains=sorted(d['name'] for d in domains))
    return facts


COS = ObjectType(
    element='cos', label='class of service', module='carbonio_cos', object_class='cos', options=OPTIONS,
    plural='classes_of_service', name_kind='object_name', id_elements=True, protected=PROTECTED, structural={'cn': ('name', 'old_name')},
    requests=dict(get='GetCosRequest', get_all='GetAllCosRequest', create='CreateCosRequest', modify='ModifyCosRequest',
                  delete='DeleteCosRequest', rename='RenameCosRequest', copy='CopyCosRequest'),
    missing_fault='account.NO_SUCH_COS', lookups=('cos',),
    extra_spec=dict(old_name=dict(type='str'), copy_from=dict(type='str'), reassign_to=dict(type='str'),
                    force=dict(type='bool', default=False)),
    info_spec=dict(include_usage=dict(type='bool', default=True)),
    hooks=dict(validate=validate, create=create, before_delete=before_delete, extra_facts=extra_facts),
)
