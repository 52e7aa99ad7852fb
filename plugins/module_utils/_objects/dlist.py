# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the distribution list type (carbonio_dlist), static and dynamic lists.

A static list's members are its zimbraMailForwardingAddress values, changed only through
Add/RemoveDistributionListMember, all the values of one change in one request (``dlm`` elements);
GetDistributionList hides them from a[] and answers them as ``dlm``, a search shows them in a[]. A list's
zimbraMailAlias holds its own address too: its aliases are the others. Aliases change through
Add/RemoveDistributionListAlias, the address through RenameDistributionList.

A dynamic list (Carbonio's dynamic group, created with ``dynamic: true``) is either an ACL group, whose members
are added and removed by the same requests but kept on the accounts (zimbraMemberOf) and answered only by
GetDistributionList, or a list whose custom memberURL selects its members (the directory computes them; none can be
added or removed). Carbonio gives an ACL group a memberURL of its own, naming the group's id: it is no setting of the
list and is left out of what the module shows. Whether a list is dynamic, and whether it is an ACL group, is fixed
when it is created.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._object_model import ObjectType, Option, Relation
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._plan import missing
from ansible_collections.carbonio.admin.plugins.module_utils._references import lookup_requests, read_references
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import KINDS

MEMBERS = 'zimbraMailForwardingAddress'
ALIASES = 'zimbraMailAlias'
# the create request's dynamic field, which decode puts into an entry's attrs under this name
DYNAMIC = 'dynamic'
MEMBER_URL = 'memberURL'
ACL_GROUP = 'zimbraIsACLGroup'
# DynamicGroup.isMembershipDefinedByCustomURL: an ACL group's own memberURL starts so
DEFAULT_URL_PREFIX = 'ldap:///??sub?(|(zimbraMemberOf='
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
# all authenticated users: anyone with an account here; else the named accounts, lists, external addresses and domains
# (every account of the domain).
SENDERS = 'zimbraACE:sendToDistList'
SEND_CHOICES = {'anyone': [], 'members': ['@members'], 'internal': ['@all']}
SENDERS_FORM = 'anyone, members, internal, or a list of addresses (accounts, lists or external addresses) and domain names'


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
                kind = 'account_name' if not isinstance(one, str) or '@' in one else 'hostname'
                found.append(KINDS[kind].parse(one, '%s[%d]' % (field, index)).lower())
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
    a named sender by address (Carbonio makes it an account, a list or a guest grant), a domain by name."""
    grantees = []
    for value in values:
        if value == '@all':
            grantees.append({'type': 'all'})
        elif value == '@members':
            grantees.append({'type': 'grp', 'by': 'name', '_content': plan.ctx.name})
        elif '@' not in value:
            grantees.append({'type': 'dom', 'by': 'name', '_content': value})
        else:
            grantees.append({'type': 'email', 'by': 'name', '_content': value})
    return {'dl': {'by': 'id', '_content': list_id},
            'action': {'op': 'setRights', 'right': [{'right': 'sendToDistList', 'grantee': grantees}]}}


OPTIONS = [
    Option('dynamic', DYNAMIC, 'bool', fixed=True, create_field='dynamic', fallback=False, removable=False),
    # a custom URL makes the directory compute the members; left out, Carbonio's ACL group keeps them one by one
    Option('member_url', MEMBER_URL, 'ldap_url', removable=False),
    Option('acl_group', ACL_GROUP, 'bool', fixed=True, removable=False),
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


def _is_dynamic(element):
    return element.get('dynamic') in (True, 1, '1', 'true', 'TRUE')


def decode(element, entry):
    """Members answered as dlm elements (GetDistributionList), owners as an owners element (by name, with their
    grantee type); the list's own address is no alias of it. A dynamic list says so (``dynamic``, and
    zimbraIsACLGroup as Carbonio reads it: unset is true); an ACL group's own memberURL is no setting; the members a
    custom URL selects are no setting either (``computed_members``)."""
    attrs = entry['attrs']
    if 'dlm' in element:
        attrs[MEMBERS] = [value.get('_content') if isinstance(value, dict) else value for value in requests.elements(element, 'dlm')]
    if _is_dynamic(element) or attrs.get(MEMBER_URL):
        entry['dynamic'] = True
        attrs[DYNAMIC] = ['TRUE']
        attrs.setdefault(ACL_GROUP, ['TRUE'])
        url = (attrs.get(MEMBER_URL) or [''])[0]
        if url.startswith(DEFAULT_URL_PREFIX):
            del attrs[MEMBER_URL]
        elif url:
            entry['computed_members'] = attrs.pop(MEMBERS, None)
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
    """The sendToDistList grants as senders: '@all', '@members', an external address, or 'id:<id>' of an account, a
    list or a domain (named once what the read batch knows of the declared senders is at hand, see check)."""
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


def _read_domains(name, params, values):
    """The domains read with a list: its own and its aliases' (a sender domain is looked up with the senders)."""
    return _domains([name] + _added_aliases(params, values))


def _domains(addresses):
    """The domains of these addresses, each once, in order."""
    found = []
    for address in addresses:
        if _domain_of(address) not in found:
            found.append(_domain_of(address))
    return found


def reads(names, wanted, params):
    """The domains of the list and of the aliases it adds, in the same batch (a missing one fails before any write)."""
    return [requests.get_request(DOMAIN, domain) for domain in _read_domains(names[0], params, wanted)]


def object_class(params):
    """A dynamic list is a ``group`` for the attribute catalog, a static one a ``distributionList``."""
    try:
        dynamic = params.get('dynamic') is not None and KINDS['bool'].parse(params['dynamic'], 'dynamic') == 'TRUE'
    except ValueError:
        dynamic = False  # the option's own check names it
    return 'group' if dynamic or params.get('member_url') or params.get('acl_group') is not None else 'distributionList'


def _check_kind(run, current, desired):
    """What a static or a dynamic list may be given, before any write (Carbonio's rules, api-objects §8)."""
    if current is not None and DYNAMIC in desired:
        # the kind first (the engine settles the other fixed options once this hook has said what they may be)
        DLIST.settle_fixed(current, {DYNAMIC: desired.pop(DYNAMIC)})
    dynamic = bool(current.get('dynamic')) if current is not None else desired.get(DYNAMIC) == ['TRUE']
    if not dynamic:
        for option, attribute in (('member_url', MEMBER_URL), ('acl_group', ACL_GROUP)):
            if attribute in desired:
                raise ValueError('%s: only for a dynamic list (dynamic: true); %s is static' % (option, run.name))
        return
    if current is not None and object_class(run.params) != 'group':
        DLIST.regate(desired, 'group')
    own = current['attrs'] if current is not None else {}
    custom = desired.get(MEMBER_URL) or own.get(MEMBER_URL)
    if current is None:
        if ACL_GROUP not in desired:
            # the Admin Panel's choice: an ACL group unless a member URL is given
            desired[ACL_GROUP] = ['FALSE' if custom else 'TRUE']
        elif desired[ACL_GROUP] == ['FALSE'] and not custom:
            raise ValueError('acl_group: false needs member_url (without one Carbonio keeps the members itself, as an ACL group)')
    elif MEMBER_URL in desired and own.get(ACL_GROUP) == ['TRUE'] and desired[MEMBER_URL] != own.get(MEMBER_URL):
        raise ValueError('member_url: %s is an ACL group (acl_group: true), whose member URL Carbonio fixes; it cannot be changed'
                         % current['name'])
    if custom and MEMBERS in desired:
        raise ValueError('members: the members of %s are those its member_url selects; none can be listed' % run.name)


def check(run, current, desired, items):
    """What the list's kind allows; the domains exist; a list is not its own member; an alias is not the list's own
    address."""
    _check_kind(run, current, desired)
    name, params = run.name, run.params
    aliases = _added_aliases(params, desired)
    found = set(domain for domain, item in zip(_read_domains(name, params, desired), items) if requests.found(DOMAIN, item) is not None)
    if current is not None:
        _name_grants(current, run.grantees)
        unnamed = _grant_ids(current)
        if unnamed and not current.get('grants_named'):
            # grants to what the task does not name: one more search, so that results and diffs show addresses
            _use_names(current, requests.search(run.client, *_ids_search(unnamed)))
    for index, sender in enumerate(desired.get(SENDERS, [])):
        if '@' not in sender and (run.grantees or {}).get(sender, (None, None))[1] != 'domain':
            missing(run, 'senders[%d]' % index, 'domain %s' % sender)
    if _domain_of(name) not in found:
        missing(run, 'name', 'domain %s' % _domain_of(name), '; create it first (carbonio.admin.carbonio_domain)')
    for index, alias in enumerate(aliases):
        if _domain_of(alias) not in found:
            missing(run, 'aliases[%d]' % index, 'domain %s' % _domain_of(alias), ' for alias %s' % alias)
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
# answers both as ``dl``, a dynamic group with ``dynamic: true``).
INFO_TYPES = {'static': 'distributionlists', 'dynamic': 'dynamicgroups'}


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


def _get_members(list_id):
    """GetDistributionList of one list by id with all its members (limit 0) and no attribute but its id."""
    return (DLIST.requests['get'], {'dl': {'by': 'id', '_content': list_id}, 'limit': 0, 'attrs': 'zimbraId'})


def info_read(client, name, params):
    """The lists of a domain or of every domain, filtered, or one list in detail: one SearchDirectory for the
    static lists and dynamic groups (a static list's members come in its a[]), with, for one list, its
    GetDistributionList (a dynamic list's members, which the search does not give), in one BatchRequest. A listing
    with dynamic lists reads their members in one more BatchRequest.

    A dynamic list's members are its setting when it is an ACL group, and a fact (``members``, ``member_count``)
    when its member URL selects them. No list inherits anything (no settings in a listing)."""
    kind = params['type']
    if kind is not None and kind not in INFO_TYPES:
        raise ValueError('type: must be one of %s, got %r' % (', '.join(sorted(INFO_TYPES)), kind))
    domain = _domain_of(name) if name else (DOMAIN.parse_name(params['domain'], 'domain') if params['domain'] else None)
    types = INFO_TYPES[kind] if kind else 'distributionlists,dynamicgroups'
    kinds = DLIST.references()
    batch = [requests.search_request(_info_filter(name, params), types, ','.join(DLIST.read_attributes), domain)]
    batch += lookup_requests(kinds)
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
    references = read_references(kinds, items[1:1 + len(kinds)])
    lists = [requests.entry(element, DLIST) for element in found]
    # a list is found by its own address only (name may be an alias of another list)
    lists = [entry for entry in lists if not name or entry['name'].lower() == name]
    details = _dynamic_members(client, [entry for entry in lists if entry.get('dynamic')], items[-1] if name else None)
    facts = {}
    for entry in lists:
        own = entry['attrs']
        aliases = own.get(ALIASES, [])
        fact = dict(dynamic=bool(entry.get('dynamic')), aliases=list(aliases), alias_count=len(aliases))
        if entry.get('dynamic'):
            # read by id with no attribute but the id: its members are in its attrs whatever kind of dynamic list it is
            detail = details.get(entry['id']) or {'attrs': {}}
            members = detail.get('computed_members') or detail['attrs'].get(MEMBERS) or []
            fact['member_url'] = (own.get(MEMBER_URL) or [None])[0]
            if MEMBER_URL in own:
                entry['computed_members'] = members
            elif members:
                own[MEMBERS] = members
        members = entry.get('computed_members', own.get(MEMBERS, []))
        fact['member_count'] = len(members)
        if name:
            fact['members'] = list(members)
        facts[entry['name']] = fact
    _name_senders(client, lists)
    return lists, references, dict((entry['name'], {}) for entry in lists), facts


def _dynamic_members(client, dynamic, reply):
    """{id: entry} of GetDistributionList for the dynamic lists: the reply at hand (one list read by name), else one
    BatchRequest for them all (none when there are none)."""
    replies = [reply] if reply is not None else (client.batch([_get_members(entry['id']) for entry in dynamic], repeatable=True)
                                                 if dynamic else [])
    details = {}
    for one in replies:
        detail = requests.found(DLIST, one)
        if detail is not None:
            details[detail['id']] = detail
    return details


def _name_senders(client, lists):
    """Named senders are grants to ids: the accounts, lists and domains they name are read by id, in one more round trip
    only when some list has named senders, so that the export names them."""
    ids = sorted(set(one for entry in lists for one in _grant_ids(entry)))
    if ids:
        found = requests.search(client, *_ids_search(ids))
        for entry in lists:
            _use_names(entry, found)


def _grant_ids(entry):
    """The ids of the accounts, lists and domains the list's sender grants name that are not named yet."""
    return [value[3:] for value in entry['attrs'].get(SENDERS, []) if value.startswith('id:')]


def _ids_search(ids):
    """(query, types, attrs) of a SearchDirectory for the accounts, lists and domains with these ids."""
    query = '(|%s)' % ''.join('(zimbraId=%s)' % requests.escape_filter(one) for one in sorted(set(ids)))
    return (query, 'accounts,distributionlists,dynamicgroups,domains', 'zimbraId')


def _use_names(entry, found):
    """Name the list's sender grants from a search by id (search_results); an id found nowhere stays as it is."""
    names = dict(('id:' + one['id'], one['name']) for entries in found.values() for one in entries)
    if SENDERS in entry['attrs']:
        entry['attrs'][SENDERS] = [names.get(value, value) for value in entry['attrs'][SENDERS]]
    entry['grants_named'] = True


def _name_grants(entry, grantees):
    """Name the list's sender grants from what the read batch looked up (the declared senders, domains included)."""
    if SENDERS in entry['attrs']:
        ids = dict(('id:' + holder[3], holder[0].lower()) for holder in (grantees or {}).values() if holder[2])
        entry['attrs'][SENDERS] = [ids.get(value, value) for value in entry['attrs'][SENDERS]]


def more_reads(item):
    """What a bulk item's list needs that the search does not give: an ACL group's members when the item declares
    them (GetDistributionList), and the names of the sender grants the item does not name (a search by id)."""
    current, pairs = item.current, []
    if current.get('dynamic') and MEMBER_URL not in current['attrs'] and MEMBERS in item.wanted:
        def members(reply):
            detail = requests.found(DLIST, reply)
            current['attrs'][MEMBERS] = detail['attrs'].get(MEMBERS, []) if detail else []
        pairs.append((_get_members(current['id']), members))
    _name_grants(current, item.grantees)
    unnamed = _grant_ids(current)
    if unnamed:
        pairs.append((requests.search_request(*_ids_search(unnamed)), lambda reply: _use_names(
            current, requests.search_results(requests.response_items(reply)))))
    return pairs


DLIST = ObjectType(
    element='dl', label='list', module='carbonio_dlist', object_class='distributionList', options=OPTIONS,
    name_kind='account_name', plural='lists', result_key='list',
    requests=dict(get='GetDistributionListRequest', get_all='GetAllDistributionListsRequest',
                  create='CreateDistributionListRequest', modify='ModifyDistributionListRequest',
                  delete='DeleteDistributionListRequest', rename='RenameDistributionListRequest'),
    missing_fault='account.NO_SUCH_DISTRIBUTION_LIST',
    structural={'mail': ('name', 'old_name'), 'uid': ('name', 'old_name'), 'zimbraACE': ('owners', 'senders'), MEMBER_URL: ('member_url',)},
    extra_spec=dict(old_name=dict(type='str')),
    bulk_key='lists',
    # whatever else may hold an address in the domains a list of lists touches
    search_types='distributionlists,dynamicgroups,accounts,aliases,resources',
    info_spec=dict(domain=dict(type='str'), query=dict(type='str'), type=dict(type='str')),
    hooks=dict(decode=decode, reads=reads, check=check, info_read=info_read, object_class=object_class, more_reads=more_reads),
)
