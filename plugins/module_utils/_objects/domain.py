# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the domain object type (carbonio_domain, carbonio_domain_info)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._object_model import ObjectType, Option
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import changes_in_place
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import GAL_MODE_NAMES

CONTENT_TYPES = 'accounts,distributionlists,aliases,resources,dynamicgroups'
# Statuses under which Carbonio refuses to change or delete a domain's accounts and lists.
LOCKED_CONTENTS = ('suspended', 'shutdown')
CONTENT_LABELS = (('account', 'accounts'), ('dl', 'distribution_lists'), ('calresource', 'calendar_resources'), ('alias', 'aliases'))
VIRTUAL_HOSTNAMES = Option('virtual_hostnames', 'zimbraVirtualHostname', 'hostname', list=True, mode=True)

OPTIONS = [
    # shutdown is Carbonio's own state while it renames a domain: never set by hand.
    Option('status', 'zimbraDomainStatus', 'enum', choices=('active', 'maintenance', 'locked', 'closed', 'suspended'),
           removable=False),
    Option('time_zone', 'zimbraPrefTimeZoneId', 'time_zone'),
    Option('public_service_protocol', 'zimbraPublicServiceProtocol', 'enum', choices=('http', 'https')),
    Option('public_service_hostname', 'zimbraPublicServiceHostname', 'hostname'),
    Option('public_service_port', 'zimbraPublicServicePort', 'port'),
    Option('default_cos', 'zimbraDomainDefaultCOSId', 'cos', fallback='default'),
    Option('inbound_smtp_hostname', 'zimbraDNSCheckHostname', 'hostname', aliases=('spam_relay_hostname',)),
    Option('description', 'description'),
    Option('notes', 'zimbraNotes'),
    Option('help_admin_url', 'zimbraHelpAdminURL', 'https_url'),
    Option('help_delegated_url', 'zimbraHelpDelegatedURL', 'https_url'),
    Option('notification_sender', 'carbonioNotificationFrom', 'address'),
    Option('notification_recipients', 'carbonioNotificationRecipients', 'address', list=True, mode=True),
    VIRTUAL_HOSTNAMES,
    Option('max_account_quota', 'zimbraMailDomainQuota', 'size'),
    Option('aggregate_quota', 'zimbraDomainAggregateQuota', 'size'),
    Option('aggregate_quota_policy', 'zimbraDomainAggregateQuotaPolicy', 'enum'),
    Option('quota_warn_percent', 'zimbraDomainAggregateQuotaWarnPercent', 'percent'),
    Option('quota_warn_recipients', 'zimbraDomainAggregateQuotaWarnEmailRecipient', 'address', list=True, mode=True),
]

# White-label images and links the Admin Panel only accepts as https URLs.
HTTPS_ONLY = (
    'carbonioWebUiFavicon', 'carbonioWebUiLoginLogo', 'carbonioWebUiDarkLoginLogo', 'carbonioWebUiLoginBackground',
    'carbonioWebUiDarkLoginBackground', 'carbonioWebUiAppLogo', 'carbonioWebUiDarkAppLogo', 'carbonioAdminUiFavicon',
    'carbonioAdminUiLoginLogo', 'carbonioAdminUiDarkLoginLogo', 'carbonioAdminUiAppLogo', 'carbonioAdminUiDarkAppLogo',
    'carbonioAdminUiBackground', 'carbonioAdminUiDarkBackground',
)


def _outside(domain_name, item):
    return item['name'].rpartition('@')[2].lower() != domain_name


def _content_types():
    """The types a purge reads its objects back as: (accounts, lists). Imported when a purge runs, as both of
    their modules import this one for DOMAIN; a calendar resource reads back as an account (GetAccount finds it)."""
    from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT  # pylint: disable=import-outside-toplevel
    from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST  # pylint: disable=import-outside-toplevel
    return ACCOUNT, DLIST


def _gone_write(label, request, body, object_type, object_id):
    return requests.Write(label, request, body, lambda found: found is None, key=object_id, object_type=object_type)


def _alias_write(alias, request, target_id, target_type):
    """The alias removed from its target; done once the target no longer has it, or is gone."""
    return requests.Write(alias, request, {'id': target_id, 'alias': alias},
                          lambda found: found is None or changes_in_place(found['attrs'], {'-zimbraMailAlias': [alias]}),
                          object_type=target_type)


def purge_writes(domain, contents):
    """The writes that delete a domain's contents, in a safe order; one page may mix their types."""
    accounts, lists = _content_types()
    own = [item for key in ('account', 'calresource', 'dl') for item in contents.get(key, [])]
    own_ids = set(item['id'] for item in own)
    own_names = set(item['name'] for item in own)
    gal_ids = set(domain['attrs'].get('zimbraGalAccountId', []))
    result = []
    for alias in contents.get('alias', []):
        target_ids = alias['attrs'].get('zimbraAliasTargetId', [])
        # An alias of an object of this domain goes with its target; one pointing elsewhere is removed from it.
        if (target_ids and target_ids[0] in own_ids) or alias.get('target') in own_names:
            continue
        to_list = alias.get('target_type') == 'dl'
        result.append(_alias_write(alias['name'], 'RemoveDistributionListAliasRequest' if to_list else 'RemoveAccountAliasRequest',
                                   target_ids[0] if target_ids else '', lists if to_list else accounts))
    for item in contents.get('dl', []):
        result.append(requests.delete_write(lists, item['name'], item['id']))
    for item in contents.get('calresource', []):
        result.append(_gone_write(item['name'], 'DeleteCalendarResourceRequest', {'id': item['id']}, accounts, item['id']))
    for item in contents.get('account', []):
        if item['id'] in gal_ids:
            result.append(_gone_write(item['name'], 'DeleteGalSyncAccountRequest', {'account': {'by': 'id', '_content': item['id']}},
                                      accounts, item['id']))
        else:
            result.append(requests.delete_write(accounts, item['name'], item['id']))
    return result


def _contents(client, name):
    return requests.search(client, types=CONTENT_TYPES, attrs='zimbraId,zimbraIsSystemAccount,zimbraAliasTargetId', domain=name)


def before_delete(run, domain):
    """A domain that still holds objects is deleted only with purge: true, its objects first."""
    name = domain['name']
    contents = _contents(run.client, name)
    strangers = [item['name'] for items in contents.values() for item in items if _outside(name, item)]
    if strangers:
        run.fail('domain %s: the search for its objects returned objects of other domains (%s); nothing was deleted'
                 % (name, ', '.join(strangers[:5])))
    counts = dict((label, len(contents.get(key, []))) for key, label in CONTENT_LABELS)
    if contents and not run.params['purge']:
        names = [item['name'] for key, label in CONTENT_LABELS for item in contents.get(key, [])]
        run.fail('domain %s is not empty: %s (%s%s). Set purge: true to delete them with the domain, '
                 'or use status: closed to close the domain and keep them.' % (
                     name, ', '.join('%d %s' % (n, label.replace('_', ' ')) for label, n in sorted(counts.items()) if n),
                     ', '.join(names[:20]), ', ...' if len(names) > 20 else ''),
                 contents=dict((label, [i['name'] for i in contents.get(key, [])]) for key, label in CONTENT_LABELS))
    status = (domain['attrs'].get('zimbraDomainStatus') or [''])[0]
    if contents and status in LOCKED_CONTENTS:
        # Carbonio refuses every change to the accounts and lists of such a domain; lifting the status here
        # would reopen the tenant behind the operator's back, so the operator chooses the status to purge in.
        run.fail('domain %s is %s: Carbonio refuses to delete its accounts and lists. Set its status to closed '
                 '(or active, maintenance, locked) first, then purge it; nothing was deleted' % (name, status))
    if run.params['purge']:
        run.result['purged'] = counts
    if contents and not run.module.check_mode:
        writes = purge_writes(domain, contents)
        done, failed = requests.labelled(writes, requests.send_pages(run.client, run.type, writes))
        run.result['deleted_items'] = done
        if done:
            run.result['changed'] = True
        if failed:
            run.fail('could not delete %d of the objects in domain %s (%d deleted); the domain was kept' % (len(failed), name, len(done)),
                     failed_items=[dict(name=label, code=fault.code, message=fault.message) for label, fault in failed])


def _hosts_to_write(params):
    """[(field, host)] of the virtual hosts the task sets or adds, through the option or attrs; none when it removes."""
    attribute = VIRTUAL_HOSTNAMES.attribute
    if params.get(VIRTUAL_HOSTNAMES.name) is not None:
        if params.get(VIRTUAL_HOSTNAMES.name + '_mode') == 'absent':
            return []
        field, value = VIRTUAL_HOSTNAMES.name, params[VIRTUAL_HOSTNAMES.name]
    elif attribute in (params.get('attrs') or {}):
        field, value = 'attrs.' + attribute, params['attrs'][attribute]
    else:
        return []
    # the values as the engine parsed them (already checked), one per value given, so each keeps its index
    hosts = VIRTUAL_HOSTNAMES.parse(value, field)
    return list(zip(['%s[%d]' % (field, index) for index in range(len(hosts))] if isinstance(value, list) else [field], hosts))


def reads(names, wanted, params):
    """The domains that already have one of the virtual hosts the task writes, in the same read batch."""
    hosts = sorted(set(host for field, host in _hosts_to_write(params)))
    return [requests.virtual_host_owners_request(hosts)] if hosts else []


def check(run, current, desired, items):
    """Refuse a virtual host another domain has: Carbonio would store it with only a warning, and its requests could
    then reach either domain."""
    listed = _hosts_to_write(run.params)
    if not listed:
        return
    attribute = VIRTUAL_HOSTNAMES.attribute
    own = set(host.lower() for host in (current or {}).get('attrs', {}).get(attribute, []))
    owners = {}
    for domain in requests.search_results(requests.response_items(items[0])).get('domain', []):
        if current is None or domain['id'] != current['id']:
            for host in domain['attrs'].get(attribute, []):
                owners.setdefault(host.lower(), domain['name'])
    for field, host in listed:
        # only a host the domain does not have yet: one it shares already is not made worse by this task
        if host.lower() not in own and host.lower() in owners:
            raise ValueError('%s: %s is already a virtual host of domain %s' % (field, host, owners[host.lower()]))


def info_reads(name, params):
    return [count_accounts_request(name)] if params['include_account_counts'] else []


def extra_facts(client, domains, params, items):
    """Each domain's GAL mode and GAL sync accounts; account counts by COS and quota usage per domain, when asked for."""
    facts = dict((domain['name'], dict(gal=gal)) for domain, gal in zip(domains, gal_facts(client, domains)))
    if params['include_account_counts']:
        if not items:
            items = client.batch([count_accounts_request(d['name']) for d in domains], repeatable=True)
        for domain, item in zip(domains, items):
            facts[domain['name']]['account_counts'] = account_counts(item)
    if params['include_quota_usage']:
        for domain_name, usage in quota_usage(client, [d['name'] for d in domains]).items():
            facts[domain_name]['quota_usage'] = usage
    return facts


def gal_facts(client, domains):
    """{mode, sync_accounts} of each domain: its GAL mode in the Admin Panel's words (unset is internal, as Carbonio takes
    it) and the addresses of its GAL sync accounts (one search more, only when a domain has any)."""
    ids = [gal_id for domain in domains for gal_id in domain['attrs'].get('zimbraGalAccountId') or []]
    names = {}
    if ids:
        # an id a domain still lists for an account that is gone is simply not found
        found = requests.search_results(client.soap(*requests.accounts_request(ids=ids))).get('account', [])
        names = dict((account['id'], account['name']) for account in found)
    return [dict(mode=GAL_MODE_NAMES.get((domain['attrs'].get('zimbraGalMode') or ['zimbra'])[0], 'internal'),
                 sync_accounts=sorted(names[gal_id] for gal_id in domain['attrs'].get('zimbraGalAccountId') or [] if gal_id in names))
            for domain in domains]


def count_accounts_request(domain_name):
    return ('CountAccountRequest', {'domain': {'by': 'name', '_content': domain_name}})


def account_counts(item):
    """{COS name: count} from a CountAccountResponse."""
    return dict((element.get('name'), int(element.get('_content') or 0)) for element in requests.elements(requests.response_items(item), 'cos'))


def quota_usage(client, domain_names):
    """{domain name: [{name, used, limit}]} for every account of the domains, across all mailbox servers: one round trip."""
    if not domain_names:
        return {}
    items = client.batch([('GetQuotaUsageRequest', {'domain': name, 'allServers': 1, 'limit': 0}) for name in domain_names],
                         repeatable=True)
    usage = {}
    for name, item in zip(domain_names, items):
        usage[name] = [dict(name=a.get('name'), used=int(a.get('used', 0)), limit=int(a.get('limit', 0)))
                       for a in requests.elements(requests.response_items(item), 'account')]
    return usage


DOMAIN = ObjectType(
    element='domain', label='domain', module='carbonio_domain', object_class='domain', options=OPTIONS,
    requests=dict(get='GetDomainRequest', get_all='GetAllDomainsRequest', create='CreateDomainRequest',
                  modify='ModifyDomainRequest', delete='DeleteDomainRequest'),
    missing_fault='account.NO_SUCH_DOMAIN',
    get_extra={'applyConfig': 0}, inherits='config', attribute_kinds=dict((name, 'https_url') for name in HTTPS_ONLY),
    extra_spec=dict(purge=dict(type='bool', default=False)),
    info_spec=dict(include_quota_usage=dict(type='bool', default=False), include_account_counts=dict(type='bool', default=False)),
    hooks=dict(reads=reads, check=check, before_delete=before_delete, info_reads=info_reads, extra_facts=extra_facts),
)
