"""How list memberships follow addresses as they come and go (LdapProvisioning): an address leaves the static lists
when its entry or alias goes, is renamed in them when its entry is renamed, and a new address on the system stops
being an external member of a dynamic group (removeExternalAddrsFromAllDynamicGroups)."""

import ldap3

from ..directory import eq_filter

MEMBER = 'zimbraMailForwardingAddress'  # of static lists, and of a dynamic group's cn=external unit


def remove_from_static_lists(sim, address):
    """The address leaves every static list that has it as a member (LP.removeAddressFromAllDistributionLists)."""
    for dl in sim.directory.search('', f'(&(objectClass=zimbraDistributionList){eq_filter(MEMBER, address)})', attributes=['1.1']):
        sim.directory.modify(dl.dn, {MEMBER: [(ldap3.MODIFY_DELETE, [address])]})


def remove_entry_from_static_lists(sim, entry):
    """Every address of an account or list (primary and aliases) leaves every static list."""
    for address in dict.fromkeys(entry.values('mail') + entry.values('zimbraMailAlias')):
        remove_from_static_lists(sim, address)


def rename_in_static_lists(sim, renamed):
    """LP.renameAddressesInAllDistributionLists: each renamed address is replaced in every static list that has it.
    (Carbonio reuses the first pair's change for every list, a bug not imitated.)"""
    for old, new in renamed.items():
        flt = f'(&(objectClass=zimbraDistributionList){eq_filter(MEMBER, old)})'
        for dl in sim.directory.search('', flt, attributes=['1.1']):
            sim.directory.modify(dl.dn, {MEMBER: [(ldap3.MODIFY_DELETE, [old]), (ldap3.MODIFY_ADD, [new])]})


def _external_members(sim):
    """The lowercase addresses held by any dynamic group's cn=external unit. Read once per request: the units live
    under cn=groups, and any write there makes the directory read it afresh (a bulk run of creates pays one search)."""
    def read():
        units = sim.directory.search('', f'(&(objectClass=zimbraGroupStaticUnit)({MEMBER}=*))', attributes=[MEMBER])
        return frozenset(value.lower() for unit in units for value in unit.values(MEMBER))
    return sim.directory.remember(('external members',), read)


def drop_external_members(sim, addresses):
    """An address that now belongs to an entry (an account or list created, renamed or given an alias) is no longer
    an external member of any dynamic group: it leaves the groups' cn=external units."""
    wanted = {address.lower() for address in addresses} & _external_members(sim)
    if not wanted:
        return
    terms = ''.join(eq_filter(MEMBER, address) for address in wanted)
    for unit in sim.directory.search('', f'(&(objectClass=zimbraGroupStaticUnit)(|{terms}))', attributes=[MEMBER]):
        gone = [value for value in unit.values(MEMBER) if value.lower() in wanted]
        if gone:
            sim.directory.modify(unit.dn, {MEMBER: [(ldap3.MODIFY_DELETE, gone)]})


def addresses_of(entry):
    """Account.getAllAddrsSet / Group.getAllAddrsSet: the primary address and every zimbraMailAlias."""
    primary = entry.first('zimbraMailDeliveryAddress') or entry.first('mail')
    return list(dict.fromkeys(([primary] if primary else []) + entry.values('zimbraMailAlias')))
