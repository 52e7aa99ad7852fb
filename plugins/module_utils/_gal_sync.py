# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: a domain's GAL sync accounts (carbonio_gal's sync_accounts and resync, carbonio_gal_info).

A GAL sync account is a hidden system account whose GAL data sources import the domain's directory (internal) or the
external one into a contacts folder, on a polling interval. It is no attribute of the domain (the domain only lists
the accounts' ids in zimbraGalAccountId), so it stays outside the engine (DESIGN): read with one search and
GetDataSources, created with CreateGalSyncAccount, given another data source with AddGalSyncDataSource, changed with
ModifyDataSource, removed with DeleteGalSyncAccount, synchronised with SyncGalAccount (api-objects doc 10).

The declared accounts are planned as a whole before any write: an address that is an ordinary account is never
turned into (or deleted as) a GAL sync account, Carbonio's one new account per domain and mail server and its one data
source per contacts folder are checked first, and each write whose answer is lost is settled by reading back.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._directory_requests import elements
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioFault
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import (
    KINDS, duration_ms, iso_time, validate_domain_name, validate_email)

TYPES = {'internal': 'zimbra', 'external': 'ldap'}
TYPE_NAMES = dict((wire, name) for name, wire in TYPES.items())
DEFAULT_DATASOURCE = {'internal': 'InternalGal', 'external': 'ExternalGal'}
RESYNC = {'trickle': {}, 'full': {'fullSync': True}, 'reset': {'fullSync': True, 'reset': True}}
MIN_POLLING_MS = 60000  # the default zimbraDataSourceMinPollingInterval: Carbonio refuses a shorter one (0 means never)
POLLING_FORM = 'an interval of a minute or more such as 30m, 12h or 1d, or 0 for never'
CONTACTS_FOLDER_ID = '7'

SYNC_ACCOUNT_SPEC = dict(
    address=dict(type='str', required=True),
    datasource=dict(type='str'),
    type=dict(type='str', choices=list(TYPES), default='internal'),
    server=dict(type='str'),
    folder=dict(type='str'),
    polling_interval=dict(type='raw'),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
)


def _first(attrs, name):
    values = attrs.get(name)
    if isinstance(values, list):
        return values[0] if values else None
    return values


def parse_items(items):
    """The declared accounts, checked and in wire form; ValueError naming sync_accounts[i].field."""
    parsed, seen = [], {}
    for index, item in enumerate(items or []):
        field = 'sync_accounts[%d]' % index
        address = validate_email((item.get('address') or '').strip(), field + '.address').lower()
        kind = item.get('type') or 'internal'
        datasource = (item.get('datasource') or DEFAULT_DATASOURCE[kind]).strip()
        if not datasource:
            raise ValueError('%s.datasource: must not be empty' % field)
        polling = item.get('polling_interval')
        if polling is not None:
            try:
                polling = KINDS['duration'].parse(polling, field + '.polling_interval')
            except ValueError:
                raise ValueError('%s.polling_interval: expected %s, got %r' % (field, POLLING_FORM, polling))
            if 0 < duration_ms(polling) < MIN_POLLING_MS:
                raise ValueError('%s.polling_interval: %s is shorter than a minute, which Carbonio refuses; expected %s'
                                 % (field, polling, POLLING_FORM))
        server = item.get('server')
        if server is not None:
            server = validate_domain_name(server.strip(), field + '.server').lower()
        key = (address, datasource.lower())
        if key in seen:
            raise ValueError('%s: %s with data source %s is also sync_accounts[%d]; give each once' % (field, address, datasource, seen[key]))
        seen[key] = index
        parsed.append(dict(field=field, address=address, datasource=datasource, type=TYPES[kind], server=server,
                           folder=item.get('folder'), polling=polling, state=item.get('state') or 'present'))
    return parsed


ACCOUNT_ATTRS = 'zimbraId,mail,zimbraMailHost,zimbraIsSystemResource'


def read_state(client, domain_attrs, items):
    """{servers: [names], accounts: {id: account with its data sources}, by_name: {address: account}}, in one round trip:
    the mailbox servers, one search for the domain's GAL sync accounts and the declared addresses, and the data sources
    of each GAL sync account (GetDataSources takes one account)."""
    gal_ids = list(domain_attrs.get('zimbraGalAccountId') or [])
    addresses = sorted(set(item['address'] for item in items))
    reads = [('GetAllServersRequest', {'service': 'mailbox'})]
    if gal_ids or addresses:
        reads.append(requests.accounts_request(gal_ids, addresses, ACCOUNT_ATTRS))
    reads += [('GetDataSourcesRequest', {'id': gal_id}) for gal_id in gal_ids]
    answers = client.batch(reads, repeatable=True)
    servers = sorted(element['name'].lower() for element in elements(requests.response_items(answers[0]), 'server'))
    found = _accounts(answers[1]) if gal_ids or addresses else []
    sources = dict(zip(gal_ids, answers[len(reads) - len(gal_ids):]))
    accounts, by_name = {}, {}
    for account in found:
        if account['id'] in sources:
            # an id the domain still lists for an account that is gone is not found, and its data sources not read
            account['sources'] = _sources(sources[account['id']])
            accounts[account['id']] = account
        for address in account['addresses']:
            by_name[address] = account
    return dict(servers=servers, accounts=accounts, by_name=by_name)


def reread(client, addresses):
    """{address: account with its data sources} of the declared addresses, read back after a write's answer was lost."""
    found = _accounts(client.batch([requests.accounts_request((), addresses, ACCOUNT_ATTRS)], repeatable=True)[0])
    if found:
        answers = client.batch([('GetDataSourcesRequest', {'id': account['id']}) for account in found], repeatable=True)
        for account, answer in zip(found, answers):
            account['sources'] = _sources(answer)
    return dict((address, account) for account in found for address in account['addresses'])


def _accounts(answer):
    """The accounts a search found: name, id, server, whether a system resource, every address (own and aliases)."""
    return [dict(name=entry['name'].lower(), id=entry['id'], server=(entry['attrs'].get('zimbraMailHost') or [''])[0].lower(),
                 system=entry['attrs'].get('zimbraIsSystemResource') == ['TRUE'], sources=[],
                 addresses=set(address.lower() for address in entry['attrs'].get('mail') or [entry['name']]))
            for entry in requests.search_results(requests.response_items(answer)).get('account', [])]


def _sources(answer):
    return [_source(source) for source in elements(requests.response_items(answer), 'dataSource')]


def _source(element):
    attrs = element.get('_attrs') or {}
    return dict(name=element.get('name'), id=element.get('id'), type=_first(attrs, 'zimbraGalType'),
                polling=_first(attrs, 'zimbraDataSourcePollingInterval'), folder_id=_first(attrs, 'zimbraDataSourceFolderId'),
                status=_first(attrs, 'zimbraGalStatus'), last_success=iso_time(_first(attrs, 'zimbraGalLastSuccessfulSyncTimestamp')),
                last_failure=iso_time(_first(attrs, 'zimbraGalLastFailedSyncTimestamp')))


class Action(object):
    """One write of the plan: what it is for the result, its request, and how to tell it landed from a read-back."""

    def __init__(self, label, request, body, landed):
        self.label, self.request, self.body, self.landed = label, request, body, landed


def plan(items, state, domain):
    """(actions, problems) for the declared accounts against what is held, planned as a whole."""
    actions, problems = [], []
    gal_by_server = dict((account['server'], account) for account in state['accounts'].values())
    new_on_server = {}
    for item in items:
        field, address = item['field'], item['address']
        held = state['by_name'].get(address)
        ours = held is not None and held['id'] in state['accounts']
        if held is not None and not ours:
            what = 'a GAL sync account of another domain' if held.get('system') else 'an ordinary account'
            verb = 'deleted' if item['state'] == 'absent' else 'changed'
            problems.append('%s.address: %s is %s, not a GAL sync account of domain %s; nothing %s' % (field, address, what, domain, verb))
            continue
        if item['state'] == 'absent':
            if ours:
                actions.append(_delete(held))
            continue
        if not ours:
            problems += _plan_create(item, state, domain, gal_by_server, new_on_server, actions)
            continue
        problems += _plan_change(item, held, domain, actions)
    return actions, problems


def _plan_create(item, state, domain, gal_by_server, new_on_server, actions):
    field = item['field']
    server = item['server']
    if server is None:
        if len(state['servers']) != 1:
            return ['%s.server: required for a new GAL sync account (mailbox servers: %s)' % (field, ', '.join(state['servers']) or 'none')]
        server = state['servers'][0]
    if server not in state['servers']:
        return ['%s.server: %s is no mailbox server (mailbox servers: %s)' % (field, server, ', '.join(state['servers']) or 'none')]
    other = gal_by_server.get(server) or new_on_server.get(server)
    if other is not None and other['name'] != item['address']:
        return ['%s.server: domain %s already has GAL sync account %s on %s; Carbonio keeps one per domain and mail server'
                % (field, domain, other['name'], server)]
    new_on_server[server] = dict(name=item['address'])
    body = dict(name=item['datasource'], domain=domain, type=item['type'], server=server,
                account={'by': 'name', '_content': item['address']})
    _creation_fields(item, body)
    actions.append(Action('%s created on %s with data source %s' % (item['address'], server, item['datasource']), 'CreateGalSyncAccountRequest',
                          body, lambda found, item=item: _has_source(found, item['address'], item['datasource'])))
    return []


def _creation_fields(item, body):
    if item['folder']:
        body['folder'] = item['folder']
    if item['polling'] is not None:
        body['a'] = [{'n': 'zimbraDataSourcePollingInterval', '_content': item['polling']}]


def _plan_change(item, held, domain, actions):
    field = item['field']
    if item['server'] is not None and item['server'] != held['server']:
        return ['%s.server: %s lives on %s; a GAL sync account does not move (remove it and add one on %s)'
                % (field, held['name'], held['server'], item['server'])]
    source = next((one for one in held['sources'] if (one['name'] or '').lower() == item['datasource'].lower()), None)
    if source is None:
        if not item['folder'] and any(one['folder_id'] == CONTACTS_FOLDER_ID for one in held['sources']):
            return ['%s.folder: required: data source %s of %s already imports into /Contacts, and Carbonio keeps one data '
                    'source per folder' % (field, held['sources'][0]['name'], held['name'])]
        body = dict(name=item['datasource'], domain=domain, type=item['type'], account={'by': 'name', '_content': held['name']})
        _creation_fields(item, body)
        actions.append(Action('%s: data source %s added' % (held['name'], item['datasource']), 'AddGalSyncDataSourceRequest', body,
                              lambda found, item=item: _has_source(found, held['name'], item['datasource'])))
        return []
    changes = []
    if source['type'] != item['type']:
        changes.append({'n': 'zimbraGalType', '_content': item['type']})
    if item['polling'] is not None and duration_ms(source['polling'] or '') != duration_ms(item['polling']):
        changes.append({'n': 'zimbraDataSourcePollingInterval', '_content': item['polling']})
    if changes:
        body = {'id': held['id'], 'dataSource': {'id': source['id'], 'a': changes}}
        actions.append(Action('%s: data source %s changed (%s)' % (held['name'], source['name'], ', '.join(change['n'] for change in changes)),
                              'ModifyDataSourceRequest', body, lambda found, item=item: _source_is(found, held['name'], item)))
    return []


def _delete(held):
    return Action('%s deleted' % held['name'], 'DeleteGalSyncAccountRequest', {'account': {'by': 'id', '_content': held['id']}},
                  lambda found, name=held['name']: name not in found)


def _has_source(found, address, datasource):
    account = found.get(address)
    return account is not None and any((one['name'] or '').lower() == datasource.lower() for one in account['sources'])


def _source_is(found, address, item):
    account = found.get(address) or {}
    for one in account.get('sources') or []:
        if (one['name'] or '').lower() == item['datasource'].lower():
            return one['type'] == item['type'] and (item['polling'] is None or duration_ms(one['polling'] or '') == duration_ms(item['polling']))
    return False


def apply(client, actions, reread):
    """Send each write once, in order; (done labels, error). A lost answer is settled by reading the accounts back
    (reread() returns {address: account with sources}); the first failure stops the rest."""
    done = []
    for action in actions:
        try:
            client.write(action.request, action.body, settled=lambda action=action: action.landed(reread()) or None)
        except CarbonioFault as exc:
            return done, exc
        done.append(action.label)
    return done, None


def resync_requests(accounts, kind):
    """One SyncGalAccountRequest naming every data source of every GAL sync account (one without data sources would
    sync nothing: Carbonio imports only the data sources a request names)."""
    listed = []
    for account in sorted(accounts.values(), key=lambda one: one['name']):
        sources = [dict(RESYNC[kind], by='name', _content=source['name']) for source in account['sources']]
        if sources:
            listed.append(dict(id=account['id'], datasource=sources))
    return listed


def export(accounts):
    """The GAL sync accounts in carbonio_gal's sync_accounts shape, one item per data source, with what they hold."""
    items = []
    for account in sorted(accounts.values(), key=lambda one: one['name']):
        for source in account['sources']:
            item = dict(address=account['name'], datasource=source['name'], type=TYPE_NAMES.get(source['type'], source['type']),
                        server=account['server'])
            if source['polling']:
                item['polling_interval'] = source['polling']
            items.append(item)
    return items


def status(accounts):
    """Each data source with what carbonio_gal does not set: folder id, GAL status, last successful and failed sync."""
    return [dict(address=account['name'], id=account['id'], server=account['server'], datasource=source['name'],
                 datasource_id=source['id'], folder_id=source['folder_id'], status=source['status'],
                 last_success=source['last_success'], last_failure=source['last_failure'])
            for account in sorted(accounts.values(), key=lambda one: one['name']) for source in account['sources']]


def predicted(items, state):
    """(before, after) of the declared addresses in the sync_accounts shape, for the diff."""
    addresses = set(item['address'] for item in items)
    held = dict((account['id'], account) for account in state['by_name'].values()
                if account['name'] in addresses and account['id'] in state['accounts'])
    before = export(held)
    after = dict(((one['address'], one['datasource'].lower()), dict(one)) for one in before)
    for item in items:
        if item['state'] == 'absent':
            after = dict((key, one) for key, one in after.items() if key[0] != item['address'])
            continue
        key = (item['address'], item['datasource'].lower())
        account = state['by_name'].get(item['address']) or {}
        one = after.setdefault(key, dict(address=item['address'], datasource=item['datasource'],
                                         server=item['server'] or account.get('server') or (state['servers'] or [None])[0]))
        one['type'] = TYPE_NAMES[item['type']]
        if item['polling'] is not None:
            one['polling_interval'] = item['polling']
    return before, [after[key] for key in sorted(after)]
