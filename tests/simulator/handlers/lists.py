"""Distribution lists (api-objects doc 7, 8; ADM/CreateDistributionList, GetDistributionList, GetAllDistributionLists,
ModifyDistributionList, DeleteDistributionList): static lists under ou=people, dynamic groups under cn=groups with,
for ACL groups, their cn=internal and cn=external units."""

import uuid

import ldap3
from ldap3.utils.dn import escape_rdn

from ..directory import domain_of_dn, eq_filter, groups_dn, people_dn
from ..errors import invalid_request, no_such_domain
from ..seed import MAIL_SERVER
from ..slapd import ROOT_DN
from ..timeutil import gentime_now
from ..validation import UUID_RE, parse_changes
from . import handles
from .accounts import delete_addressable, ensure_free, split_address
from .aliases import remove_alias
from .encoding import add_group, entry_name, requested_attrs_on, response
from .groups import GROUP_FILTER, find_group, group_to_change, is_acl_group, is_dynamic, members_of, no_such_list
from .memberships import addresses_of, drop_external_members

# AttributeClass.distributionList: what GetDistributionList's `attrs` may name, for lists and groups alike
LIST_CLASSES = ('zimbraDistributionList', 'zimbraMailRecipient')


def _create_static(sim, attrs, address, local, domain_name):
    """LP.createDistributionList: mail and zimbraMailAlias both hold the address, cn the displayName if any."""
    attrs['objectClass'] = ['zimbraDistributionList', 'zimbraMailRecipient']
    attrs.update({'mail': [address], 'zimbraMailAlias': [address], 'uid': [local], 'zimbraMailHost': [MAIL_SERVER]})
    attrs.setdefault('zimbraMailStatus', ['enabled'])
    if attrs.get('displayName'):
        attrs['cn'] = attrs['displayName'][:1]
    dn = f'uid={escape_rdn(local)},{people_dn(domain_name)}'
    sim.directory.add(dn, attrs)
    return dn


def _create_dynamic(sim, attrs, address, local, domain_name):
    """LP.createDynamicGroup. Without a memberURL the group gets the default one (naming its cn=external unit) and
    must be an ACL group; with one, zimbraIsACLGroup is written only when given, and slapd refuses the entry when
    it is missing (it is a MUST of zimbraGroup: the code path, read with the schema, not observed)."""
    group_id, unit_id = attrs['zimbraId'][0], str(uuid.uuid4())
    given_acl = (attrs.pop('zimbraIsACLGroup', None) or [None])[0]
    if attrs.get('memberURL'):
        acl_group = given_acl != 'FALSE'
        if given_acl is not None:
            attrs['zimbraIsACLGroup'] = [given_acl]
    else:
        if given_acl == 'FALSE':
            raise invalid_request('No custom memberURL is provided, zimbraIsACLGroup cannot be set to FALSE')
        acl_group = True
        attrs['memberURL'] = [f'ldap:///??sub?(|(zimbraMemberOf={group_id})(zimbraId={unit_id}))']
        attrs['zimbraIsACLGroup'] = [given_acl or 'TRUE']
    attrs['objectClass'] = ['groupOfURLs', 'dgIdentityAux', 'zimbraGroup']
    attrs.setdefault('zimbraMailStatus', ['enabled'])
    attrs.update({'mail': [address], 'zimbraMailAlias': [address], 'cn': [local], 'dgIdentity': [ROOT_DN],
                  'zimbraMailHost': [MAIL_SERVER]})
    dn = f'cn={escape_rdn(local)},{groups_dn(domain_name)}'
    sim.directory.add(dn, attrs)
    if acl_group:
        internal = f'{local}.__internal__@{domain_name}'
        created = attrs['zimbraCreateTimestamp']
        sim.directory.add(f'cn=internal,{dn}', {
            'objectClass': ['groupOfURLs', 'dgIdentityAux', 'zimbraGroupDynamicUnit'], 'cn': ['internal'],
            'memberURL': [f'ldap:///??sub?(zimbraMemberOf={group_id})'], 'mail': [internal], 'zimbraMailAlias': [internal],
            'zimbraId': [str(uuid.uuid4())], 'zimbraGroupId': [group_id], 'dgIdentity': [ROOT_DN],
            'zimbraCreateTimestamp': created, 'zimbraMailStatus': attrs['zimbraMailStatus']})
        sim.directory.add(f'cn=external,{dn}', {
            'objectClass': ['zimbraGroupStaticUnit'], 'cn': ['external'], 'zimbraId': [unit_id],
            'zimbraGroupId': [group_id], 'zimbraCreateTimestamp': created})
    return dn


@handles('CreateDistributionListRequest', writes=True)
def create_distribution_list(sim, req):
    """ADM/CreateDistributionList. The attributes are checked as at any create (immutables refused), except that a
    dynamic group's zimbraIsACLGroup is taken out of that check; a given zimbraId is checked, then ignored."""
    if not req.get('name'):
        raise invalid_request('missing name')
    dynamic = req.get_bool('dynamic')
    address, local, domain_name = split_address(sim, req.get('name'))
    exempt = ('zimbraid', 'zimbraisaclgroup') if dynamic else ('zimbraid',)
    changes = parse_changes(sim.catalog, [(n, v) for n, v in req.attr_pairs() if v != ''], skip_immutable=exempt)
    supplied = changes.pop('zimbraId')
    if supplied and not UUID_RE.match(supplied[0]):
        raise invalid_request(f'{supplied[0]} is not a valid UUID')
    ensure_free(sim, address, 'account.DISTRIBUTION_LIST_EXISTS')
    attrs = changes.as_new_entry()
    attrs.update({'zimbraId': [str(uuid.uuid4())], 'zimbraCreateTimestamp': [gentime_now()]})
    dn = (_create_dynamic if dynamic else _create_static)(sim, attrs, address, local, domain_name)
    group = sim.directory.get(dn)
    drop_external_members(sim, addresses_of(group))
    resp = response('CreateDistributionListResponse')
    add_group(resp, sim, group)
    return resp


@handles('GetDistributionListRequest', writes=False)
def get_distribution_list(sim, req):
    """ADM/GetDistributionList: members as `dlm`, sorted in Java's string order, then cut by offset and limit (0: all);
    `more` and `total` on the response element."""
    node = req.child('dl')
    if node is None:
        raise invalid_request('missing required element: dl')
    by = node.attrs.get('by')
    if by is None:
        raise invalid_request('missing required attribute: by')
    group = find_group(sim, str(by), node.text)
    limit, offset = req.get_int('limit', 0), req.get_int('offset', 0)
    if limit < 0:
        raise invalid_request(f'limit{limit} is negative')  # sic, no space
    if offset < 0:
        raise invalid_request(f'offset{offset} is negative')
    wanted = requested_attrs_on(sim, req, 'distributionList', LIST_CLASSES)
    if group is None:
        raise no_such_list(node.text or '')
    resp = response('GetDistributionListResponse')
    element = add_group(resp, sim, group, wanted=wanted)
    members = members_of(sim, group)
    if offset > 0 and offset >= len(members):
        raise invalid_request(f'offset {offset} greater than size {len(members)}')
    # Arrays.sort compares UTF-16 units; member values are IA5 (ASCII) strings, where Python's order is the same
    members.sort(reverse=not req.get_bool('sortAscending', True))
    stop = len(members) if limit == 0 else min(offset + limit, len(members))
    for member in members[offset:stop]:
        element.add('dlm', text=member)
    resp.attrs['more'] = stop < len(members)
    resp.attrs['total'] = len(members)
    return resp


@handles('GetAllDistributionListsRequest', writes=False)
def get_all_distribution_lists(sim, req):
    """ADM/GetAllDistributionLists: every list and dynamic group of the domain (the `domain` element, which must be
    an element: a plain attribute is not seen, as getOptionalElement does not see it), or of every domain; members
    hidden, owners shown; each domain's own lists sorted by name."""
    node = req.child('domain')
    if node is None:
        domains = sim.directory.all_domains()
    else:
        by = node.attrs.get('by')
        if by is None:
            raise invalid_request('missing required attribute: by')
        if by not in ('name', 'id'):
            raise invalid_request(f'unknown value for by: {by}')
        domain = sim.directory.domain_by(str(by), node.text or '')
        if domain is None:
            raise no_such_domain(node.text or '')
        domains = [domain]
    resp = response('GetAllDistributionListsResponse')
    for domain in domains:
        name = domain.first('zimbraDomainName').lower()
        own = [group for group in sim.directory.search(domain.dn, GROUP_FILTER) if domain_of_dn(group.dn).lower() == name]
        for group in sorted(own, key=lambda group: entry_name(group).lower()):
            add_group(resp, sim, group)
    return resp


def modify_group(sim, group, pairs):
    """prov.modifyAttrs(group, attrs, checkImmutable=true): the values as any modify checks them, then the callbacks:
    memberURL only on a group that is not an ACL group (MemberURL), and on a static list a displayName also
    becomes its cn unless the request sets cn (DisplayName)."""
    changes = parse_changes(sim.catalog, pairs)
    names = {name.lower() for name in changes.names()}
    if 'memberurl' in names and is_acl_group(group):
        raise invalid_request('cannot modify memberURL when zimbraIsACLGroup is TRUE')
    display = changes.get('displayName')
    if not is_dynamic(group) and display and display[0] != '' and 'cn' not in names:
        changes.set('cn', display[:1])
    sim.directory.modify(group.dn, changes.modify_list(group))


@handles('ModifyDistributionListRequest', writes=True)
def modify_distribution_list(sim, req):
    group = group_to_change(sim, req.get('id'))
    modify_group(sim, group, req.attr_pairs())
    resp = response('ModifyDistributionListResponse')
    add_group(resp, sim, sim.directory.get(group.dn))
    return resp


def delete_group(sim, group):
    """prov.deleteGroup. A static list leaves the other lists, loses its aliases and the grants made to it
    (LP.deleteDistributionList). A dynamic group loses its aliases (each leaving the static lists; its primary
    address does not: Carbonio comments that out), its units, and the zimbraMemberOf values naming it; grants
    made to it stay (commented out too) (LP.deleteDynamicGroup)."""
    if not is_dynamic(group):
        delete_addressable(sim, group)
        return
    primary = entry_name(group).lower()
    for alias in group.values('zimbraMailAlias'):
        if alias.lower() != primary:
            remove_alias(sim, sim.directory.get(group.dn), alias)
    sim.directory.delete_subtree(group.dn)
    for account in sim.directory.search('', eq_filter('zimbraMemberOf', group.id), attributes=['1.1']):
        sim.directory.modify(account.dn, {'zimbraMemberOf': [(ldap3.MODIFY_DELETE, [group.id])]})


@handles('DeleteDistributionListRequest', writes=True)
def delete_distribution_list(sim, req):
    """ADM/DeleteDistributionList (`cascadeDelete` concerns address-book groups, which the simulator has not)."""
    delete_group(sim, group_to_change(sim, req.get('id')))
    return response('DeleteDistributionListResponse')
