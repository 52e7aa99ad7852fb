"""Members of lists (api-objects doc 7, 8; ADM/AddDistributionListMember, RemoveDistributionListMember;
LP.addDistributionListMembers, removeDistributionListMembers, addDynamicGroupMembers, removeDynamicGroupMembers).

A static list's members are its zimbraMailForwardingAddress values. An ACL group's internal members are the accounts
whose zimbraMemberOf names it, its other members the zimbraMailForwardingAddress values of its cn=external unit. A
group with a custom memberURL has the members slapd computes, and none can be added or removed.
"""

import ldap3

from ..directory import eq_filter
from ..errors import ServiceFault, invalid_request
from . import handles
from .accounts import find_account
from .encoding import entry_name, response
from .groups import external_unit_dn, group_to_change, has_custom_url, is_dynamic, members_of
from .memberships import MEMBER, addresses_of


def _addresses_owned(sim, addresses):
    """The lowercase addresses, of those given, that an entry carries as zimbraMailDeliveryAddress or
    zimbraMailAlias (LdapFilterFactory.addrsExist)."""
    terms = ''.join(eq_filter(attr, address) for address in addresses for attr in ('zimbraMailDeliveryAddress', 'zimbraMailAlias'))
    if not terms:
        return set()
    found = set()
    for entry in sim.directory.search('', f'(|{terms})', attributes=['zimbraMailDeliveryAddress', 'zimbraMailAlias']):
        found.update(value.lower() for value in entry.values('zimbraMailDeliveryAddress') + entry.values('zimbraMailAlias'))
    return found & {address.lower() for address in addresses}


def _add_to_static(sim, group, members):
    existing = set(group.values(MEMBER))
    own = {address.lower() for address in addresses_of(group)}
    terms = ''.join(eq_filter('zimbraMailAlias', member.lower()) for member in members)
    dynamic = set()
    if terms:
        for found in sim.directory.search('', f'(&(objectClass=zimbraGroup)(|{terms}))', attributes=['zimbraMailAlias']):
            dynamic.update(value.lower() for value in found.values('zimbraMailAlias'))
    new = []
    for member in members:
        name = member.lower()
        if name in own:
            raise invalid_request(f'Cannot add self as a member: {name}')
        if name in dynamic:
            raise invalid_request(f'Cannot add dynamic group as a member: {name}')
        if name not in existing and name not in new:
            new.append(name)
    if new:
        sim.directory.modify(group.dn, {MEMBER: [(ldap3.MODIFY_ADD, new)]})


def _add_to_dynamic(sim, group, members):
    if has_custom_url(group):
        raise invalid_request('cannot add members to dynamic group with custom memberURL')
    accounts, external = {}, []
    for member in members:
        name = member.lower()
        account = find_account(sim, 'name', name)
        if account is None:
            external.append(name)
        elif group.id not in account.values('zimbraMemberOf'):
            accounts.setdefault(account.id, account)  # the same account named twice is added once
    if external and _addresses_owned(sim, external):
        raise invalid_request(f'address cannot be a group: [{", ".join(external)}]')
    for account in accounts.values():
        sim.directory.modify(account.dn, {'zimbraMemberOf': [(ldap3.MODIFY_ADD, [group.id])]})
    unit = sim.directory.get(external_unit_dn(group))
    present = set(unit.values(MEMBER)) if unit is not None else set()
    new = list(dict.fromkeys(address for address in external if address not in present))
    if new and unit is not None:
        sim.directory.modify(unit.dn, {MEMBER: [(ldap3.MODIFY_ADD, new)]})


def add_members(sim, group, members):
    """prov.addGroupMembers: addresses lowercased, existing members skipped without error."""
    (_add_to_dynamic if is_dynamic(group) else _add_to_static)(sim, group, members)


def _entry_addresses(sim, address):
    """LP.getAllAddressesOfEntry: the primary address and the aliases of the account, else of the static list, that
    has this address; empty for an address nobody has."""
    entry = find_account(sim, 'name', address)
    if entry is None:
        entry = sim.directory.find_one(f'(&(objectClass=zimbraDistributionList){eq_filter("zimbraMailAlias", address)})')
    return addresses_of(entry) if entry is not None else []


def _no_such_member(group, failed):
    return ServiceFault('account.NO_SUCH_MEMBER', f'non-existent members: {",".join(failed)} in distribution list: {entry_name(group)}')


def _remove_from_static(sim, group, members):
    """Matching is case-insensitive; a member that is an account's or a list's address takes all of that entry's
    addresses out; any address that is not a member fails the whole request."""
    existing = {value.lower(): value for value in group.values(MEMBER)}
    gone, failed = [], []
    for member in members:
        name = member.lower()
        if not name:
            raise invalid_request(f'invalid member email address: {name}')
        if name in gone:
            continue
        if name in existing:
            gone.extend(_entry_addresses(sim, name) or [name])
        elif name not in failed:
            # Carbonio's loop over the entry's other addresses stops at once (a bug), so they do not count
            failed.append(name)
    if failed:
        raise _no_such_member(group, failed)
    if not gone:
        raise invalid_request('empty remove set')
    stored = list(dict.fromkeys(existing[value.lower()] for value in gone if value.lower() in existing))
    if stored:
        sim.directory.modify(group.dn, {MEMBER: [(ldap3.MODIFY_DELETE, stored)]})


def _remove_from_dynamic(sim, group, members):
    """An account must be a member (NO_SUCH_MEMBER otherwise); any other address leaves the external unit if it is
    there, and is no error if it is not."""
    if has_custom_url(group):
        raise invalid_request(f"cannot remove members from dynamic group '{entry_name(group)}' with custom memberURL")
    accounts, failed = {}, []
    for member in members:
        account = find_account(sim, 'name', member)
        if account is None:
            continue
        if group.id in account.values('zimbraMemberOf'):
            accounts.setdefault(account.id, account)
        elif member.lower() not in failed:
            failed.append(member.lower())
    if failed:
        raise _no_such_member(group, failed)
    for account in accounts.values():
        sim.directory.modify(account.dn, {'zimbraMemberOf': [(ldap3.MODIFY_DELETE, [group.id])]})
    unit = sim.directory.get(external_unit_dn(group))
    wanted = {member.lower() for member in members}
    gone = [value for value in (unit.values(MEMBER) if unit is not None else []) if value in wanted]
    if gone:
        sim.directory.modify(unit.dn, {MEMBER: [(ldap3.MODIFY_DELETE, gone)]})


def remove_members(sim, group, members):
    """prov.removeGroupMembers."""
    (_remove_from_dynamic if is_dynamic(group) else _remove_from_static)(sim, group, members)


def _dlm(req):
    return [(node.text or '').strip() for node in req.children_named('dlm')]


@handles('AddDistributionListMemberRequest', writes=True)
def add_distribution_list_member(sim, req):
    """The share notification Carbonio mails to new members needs folders shared with the list, which the simulator
    has not, so none is sent."""
    group = group_to_change(sim, req.get('id'))
    members = _dlm(req)
    if not members:
        raise invalid_request('members to add not specified')
    add_members(sim, group, members)
    return response('AddDistributionListMemberResponse')


@handles('RemoveDistributionListMemberRequest', writes=True)
def remove_distribution_list_member(sim, req):
    """`account` elements (an account's name or id) add whichever of its addresses are members (by exact text,
    as Carbonio's Set.contains compares); an unknown account adds nothing."""
    group = group_to_change(sim, req.get('id'))
    members = _dlm(req)
    current = set(members_of(sim, group))
    for node in req.children_named('account'):
        key = (node.text or '').strip()
        account = find_account(sim, 'id', key) or find_account(sim, 'name', key)
        if account is not None:
            members += [address for address in account.values('mail')[:1] + account.values('zimbraMailAlias') if address in current]
    remove_members(sim, group, members)
    return response('RemoveDistributionListMemberResponse')
