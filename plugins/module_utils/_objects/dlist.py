# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the distribution list type (carbonio_dlist), static lists.

A static list's members are its zimbraMailForwardingAddress values, changed only through
Add/RemoveDistributionListMember, all the values of one change in one request (``dlm`` elements);
GetDistributionList hides them from a[] and answers them as ``dlm``, a search shows them in a[]. A list's
zimbraMailAlias holds its own address too: its aliases are the others. Aliases change through
Add/RemoveDistributionListAlias, the address through RenameDistributionList.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._object_model import ObjectType, Option, Relation
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import KINDS

MEMBERS = 'zimbraMailForwardingAddress'
ALIASES = 'zimbraMailAlias'
# The owners are the list's ownDistList grants (zimbraACE values); answers name them in an ``owners`` element.
OWNERS = 'zimbraACE:ownDistList'
# Carbonio's grantee types of an owner, by what holds its address
GRANTEE_TYPES = {'account': 'usr', 'dl': 'grp'}


def _owners_body(list_id, values, add, plan):
    """DistributionListActionRequest (urn:zimbraAccount): one addOwners or removeOwners with every owner it changes,
    each with its grantee type (what the read batch found for a new owner, what the list said for a current one)."""
    known = (plan.current or {}).get('grantee_types', {})
    found = getattr(plan.ctx, 'grantees', None) or {}
    owners = []
    for value in values:
        kind = found.get(value.lower(), (None, None, None))[1]
        owners.append({'type': GRANTEE_TYPES.get(kind) or known.get(value.lower(), 'usr'), 'by': 'name', '_content': value})
    return {'dl': {'by': 'id', '_content': list_id}, 'action': {'op': 'addOwners' if add else 'removeOwners', 'owner': owners}}


# Who may send: Carbonio's sendToDistList grants, set all at once. No grant: anyone; the list itself: its members;
# all authenticated users: anyone with an account here; else the named accounts, lists and external addresses.
SENDERS = 'zimbraACE:sendToDistList'
SEND_CHOICES = {'anyone': [], 'members': ['@members'], 'internal': ['@all']}
SENDERS_FORM = 'anyone, members, internal, or a list of addresses (accounts, lists or external addresses)'


class SendersOption(Option):
    """The Admin Panel's sender choices: a word for the three fixed ones, or a list of addresses."""

    def spec(self):
        return dict(type='raw', no_log=False)

    def parse(self, value, field):
        if value in ('', None) or value == []:
            return []
        if isinstance(value, list):
            found = []
            for index, one in enumerate(value):
                if one in SEND_CHOICES:
                    raise ValueError('%s[%d]: %s stands alone, not in a list; expected %s' % (field, index, one, SENDERS_FORM))
                found.append(KINDS['account_name'].parse(one, '%s[%d]' % (field, index)))
            return found
        if isinstance(value, str) and value in SEND_CHOICES:
            return list(SEND_CHOICES[value])
        raise ValueError('%s: expected %s, got %r' % (field, SENDERS_FORM, value))

    def show(self, values, references):
        """None for anyone (no grant: what Carbonio does when nothing is said), like any option left unset."""
        if not values:
            return None
        for word, wire in SEND_CHOICES.items():
            if list(values) == wire:
                return word
        return list(values)

    def form(self):
        return SENDERS_FORM


def _senders_body(list_id, values, add, plan):
    """DistributionListActionRequest setRights: every sendToDistList grant revoked, then these granted (none: anyone);
    a named sender by address (Carbonio makes it an account, a list or a guest grant)."""
    grantees = []
    for value in values:
        if value == '@all':
            grantees.append({'type': 'all'})
        elif value == '@members':
            grantees.append({'type': 'grp', 'by': 'name', '_content': plan.ctx.name})
        else:
            grantees.append({'type': 'email', 'by': 'name', '_content': value})
    return {'dl': {'by': 'id', '_content': list_id},
            'action': {'op': 'setRights', 'right': [{'right': 'sendToDistList', 'grantee': grantees}]}}


OPTIONS = [
    Option('display_name', 'displayName'),
    Option('description', 'description'),
    Option('notes', 'zimbraNotes'),
    # the Admin Panel's "Hidden from GAL"
    Option('hidden', 'zimbraHideInGal', 'bool'),
    Option('mail_enabled', 'zimbraMailStatus', 'enabled', removable=False),
    Option('subscription_policy', 'zimbraDistributionListSubscriptionPolicy', 'enum'),
    Option('unsubscription_policy', 'zimbraDistributionListUnsubscriptionPolicy', 'enum'),
    # any address, inside Carbonio or not, lower-cased as Carbonio stores it
    Option('members', MEMBERS, 'account_name', list=True, mode=True,
           relation=Relation('AddDistributionListMemberRequest', 'RemoveDistributionListMemberRequest', 'dlm', grouped=True)),
    Option('aliases', ALIASES, 'account_name', list=True, mode=True,
           relation=Relation('AddDistributionListAliasRequest', 'RemoveDistributionListAliasRequest', 'alias', claims=True)),
    # accounts or lists that may manage the list, by address
    Option('owners', OWNERS, 'account_name', list=True, mode=True, lookup=True,
           relation=Relation('DistributionListActionRequest', 'DistributionListActionRequest', build=_owners_body,
                             namespace='urn:zimbraAccount')),
    SendersOption('senders', SENDERS, 'account_name', list=True, lookup='open',
                  relation=Relation('DistributionListActionRequest', 'DistributionListActionRequest', build=_senders_body,
                                    namespace='urn:zimbraAccount', whole=True)),
]


def _domain_of(address):
    return address.rpartition('@')[2]


def decode(element, entry):
    """Members answered as dlm elements (GetDistributionList), owners as an owners element (by name, with their
    grantee type); the list's own address is no alias of it."""
    if 'dlm' in element:
        entry['attrs'][MEMBERS] = [value.get('_content') if isinstance(value, dict) else value
                                   for value in requests.elements(element, 'dlm')]
    if element.get('dynamic') in (True, 1, '1', 'true', 'TRUE'):
        entry['dynamic'] = True
    owners = [owner for holder in requests.elements(element, 'owners') for owner in requests.elements(holder, 'owner')]
    if owners:
        entry['attrs'][OWNERS] = [owner.get('name') or owner.get('id') for owner in owners]
        entry['grantee_types'] = dict(((owner.get('name') or '').lower(), owner.get('type')) for owner in owners)
    senders = _senders_read(entry)
    if senders:
        entry['attrs'][SENDERS] = senders
    own = (entry.get('name') or '').lower()
    aliases = [value for value in entry['attrs'].get(ALIASES, []) if value.lower() != own]
    if aliases:
        entry['attrs'][ALIASES] = aliases
    else:
        entry['attrs'].pop(ALIASES, None)


def _senders_read(entry):
    """The sendToDistList grants as senders: '@all', '@members', an external address, or 'id:<id>' of an account or
    list (named once what the read batch knows of the declared senders is at hand, see check)."""
    senders = []
    for value in entry['attrs'].get('zimbraACE', []):
        parts = value.rsplit(' ', 2)
        if len(parts) != 3 or parts[2] != 'sendToDistList':
            continue
        grantee, kind = parts[0], parts[1]
        if kind == 'all':
            senders.append('@all')
        elif kind == 'grp' and grantee == entry.get('id'):
            senders.append('@members')
        elif kind == 'gst':
            senders.append(grantee.partition(':')[0].lower())
        elif kind != 'pub':
            senders.append('id:' + grantee)
    return senders


def _added_aliases(params, values):
    return values.get(ALIASES, []) if params.get('aliases_mode') != 'absent' else []


def _domains(addresses):
    """The domains of these addresses, each once, in order."""
    found = []
    for address in addresses:
        if _domain_of(address) not in found:
            found.append(_domain_of(address))
    return found


def reads(names, wanted, params):
    """The domains of the list and of the aliases it adds, in the same batch (a missing one fails before any write)."""
    return [requests.get_request(DOMAIN, domain) for domain in _domains(names[:1] + _added_aliases(params, wanted))]


def _refuse_dynamic(entry, field):
    if entry is not None and (entry.get('dynamic') or entry['attrs'].get('memberURL')):
        raise ValueError('%s: %s is a dynamic list; this module manages static lists only' % (field, entry['name']))


def before_delete(run, entry):
    try:
        _refuse_dynamic(entry, 'name')
    except ValueError as exc:
        run.fail(str(exc))


def check(run, current, desired, items):
    """The list is static; the domains exist; a list is not its own member; an alias is not the list's own address."""
    _refuse_dynamic(current, 'old_name' if getattr(run, 'renamed_from', None) else 'name')
    name, params = run.name, run.params
    aliases = _added_aliases(params, desired)
    found = set(domain for domain, item in zip(_domains([name] + aliases), items) if requests.found(DOMAIN, item) is not None)
    if current is not None and SENDERS in current['attrs']:
        # grants name their grantees by id: the engine's look-up of the declared senders gives their ids
        ids = dict(('id:' + holder[3], holder[0].lower()) for holder in (run.grantees or {}).values() if holder[2])
        current['attrs'][SENDERS] = [ids.get(value, value) for value in current['attrs'][SENDERS]]
    if _domain_of(name) not in found:
        raise ValueError('name: no domain %s exists; create it first (carbonio.admin.carbonio_domain)' % _domain_of(name))
    for index, alias in enumerate(aliases):
        if _domain_of(alias) not in found:
            raise ValueError('aliases[%d]: no domain %s exists for alias %s' % (index, _domain_of(alias), alias))
        if alias == name:
            raise ValueError('aliases[%d]: %s is the list\'s own address, not an alias' % (index, alias))
    own = set([name] + aliases + [a.lower() for a in ((current or {}).get('attrs', {}).get(ALIASES) or [])])
    if current is not None:
        own.add(current['name'].lower())
    if params.get('members_mode') != 'absent':
        for index, member in enumerate(desired.get(MEMBERS, [])):
            if member.lower() in own:
                raise ValueError('members[%d]: %s is the list itself; a list cannot be its own member' % (index, member))


# What carbonio_dlist_info lists: type static is a distribution list, type dynamic a dynamic group (SearchDirectory
# answers both as ``dl``, a dynamic group with ``dynamic: true``). carbonio_dlist manages static lists only.
INFO_TYPES = {'static': 'distributionlists', 'dynamic': 'dynamicgroups'}
MEMBER_URL = 'memberURL'


def _info_filter(name, params):
    """The LDAP filter of the info module's search, every user value escaped (a text can never widen it)."""
    parts = []
    if name:
        # mail holds a list's address and its aliases: the entry whose own address it is is kept below
        parts.append('(mail=%s)' % requests.escape_filter(name))
    if params['query']:
        text = requests.escape_filter(params['query'])
        parts.append('(|(mail=*%s*)(displayName=*%s*))' % (text, text))
    return '(&%s)' % ''.join(parts) if len(parts) > 1 else (parts[0] if parts else None)


def _is_dynamic(element):
    return element.get('dynamic') in (True, 1, '1', 'true', 'TRUE')


def info_read(client, name, params):
    """The lists of a domain or of every domain, filtered, or one list in detail: one SearchDirectory for the
    static lists and dynamic groups (a static list's members come in its a[]), with, for one list, its
    GetDistributionList (a dynamic group's members, which the directory computes), in one BatchRequest.

    A dynamic group is returned with ``dynamic: true``, its member URL and no export (``managed: False``):
    carbonio_dlist would create a static list from it. No list inherits anything (no settings in a listing)."""
    kind = params['type']
    if kind is not None and kind not in INFO_TYPES:
        raise ValueError('type: must be one of %s, got %r' % (', '.join(sorted(INFO_TYPES)), kind))
    domain = _domain_of(name) if name else (DOMAIN.parse_name(params['domain'], 'domain') if params['domain'] else None)
    attrs = ','.join(sorted(set(DLIST.read_attributes) | set([MEMBER_URL])))
    types = INFO_TYPES[kind] if kind else 'distributionlists,dynamicgroups'
    kinds = DLIST.references()
    batch = [requests.search_request(_info_filter(name, params), types, attrs, domain)] + requests.lookup_requests(kinds)
    if name:
        batch.append((DLIST.requests['get'], {'dl': {'by': 'name', '_content': name}, 'limit': 0, 'attrs': 'zimbraId'}))
    items = client.batch(batch, repeatable=True)
    search = items[0]
    if search.fault is not None and search.fault.code == 'account.NO_SUCH_DOMAIN':
        if not name:
            raise ValueError('domain: no domain %s exists' % domain)
        found = []
    else:
        found = requests.elements(requests.response_items(search), 'dl')
    references = requests.read_references(kinds, items[1:1 + len(kinds)])
    detail = requests.found(DLIST, items[-1]) if name else None
    lists, facts = [], {}
    for element in found:
        entry = requests.entry(element, DLIST)
        if name and entry['name'].lower() != name:
            continue  # name is an alias of this list: a list is found by its own address only
        own = entry['attrs']
        aliases = own.get(ALIASES, [])
        fact = dict(dynamic=_is_dynamic(element), aliases=list(aliases), alias_count=len(aliases))
        members = own.get(MEMBERS, [])
        if fact['dynamic']:
            entry['managed'] = False
            fact['member_url'] = (own.get(MEMBER_URL) or [None])[0]
            members = detail['attrs'].get(MEMBERS, []) if detail and detail['id'] == entry['id'] else None
        fact['member_count'] = len(members) if members is not None else None
        if name:
            fact['members'] = list(members or [])
        lists.append(entry)
        facts[entry['name']] = fact
    _name_senders(client, lists)
    return lists, references, dict((entry['name'], {}) for entry in lists), facts


def _name_senders(client, lists):
    """Named senders are grants to ids: the accounts and lists they name are read by id, in one more round trip
    only when some list has named senders, so that the export names them."""
    ids = sorted(set(value[3:] for entry in lists for value in entry['attrs'].get(SENDERS, []) if value.startswith('id:')))
    if not ids:
        return
    query = '(|%s)' % ''.join('(zimbraId=%s)' % requests.escape_filter(one) for one in ids)
    found = requests.search(client, query, 'accounts,distributionlists,dynamicgroups', 'zimbraId')
    names = dict(('id:' + one['id'], one['name']) for entries in found.values() for one in entries)
    for entry in lists:
        if SENDERS in entry['attrs']:
            entry['attrs'][SENDERS] = [names.get(value, value) for value in entry['attrs'][SENDERS]]


def keep(run, entry):
    """lists_mode: exact never deletes a dynamic list, which carbonio_dlist does not manage: a dynamic group has a
    memberURL (Carbonio writes a default one when none is given), a static list never has one."""
    return bool(entry.get('dynamic') or entry['attrs'].get(MEMBER_URL))


DLIST = ObjectType(
    element='dl', label='list', module='carbonio_dlist', object_class='distributionList', options=OPTIONS,
    name_kind='account_name', plural='lists', result_key='list',
    requests=dict(get='GetDistributionListRequest', get_all='GetAllDistributionListsRequest',
                  create='CreateDistributionListRequest', modify='ModifyDistributionListRequest',
                  delete='DeleteDistributionListRequest', rename='RenameDistributionListRequest'),
    missing_fault='account.NO_SUCH_DISTRIBUTION_LIST',
    structural={'mail': ('name', 'old_name'), 'uid': ('name', 'old_name'), 'zimbraACE': ('owners', 'senders')},
    extra_spec=dict(old_name=dict(type='str')),
    bulk_key='lists',
    # whatever else may hold an address in the domains a list of lists touches
    search_types='distributionlists,dynamicgroups,accounts,aliases,resources',
    info_spec=dict(domain=dict(type='str'), query=dict(type='str'), type=dict(type='str')),
    # what keep needs to tell a dynamic list from a static one
    bulk_read_attributes=(MEMBER_URL,),
    hooks=dict(decode=decode, reads=reads, check=check, before_delete=before_delete, info_read=info_read, keep=keep),
)
