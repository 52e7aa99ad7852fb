"""A list's addresses (api-objects doc 7, 8): RenameDistributionList (LP.renameDistributionList, renameDynamicGroup)
and AddDistributionListAlias / RemoveDistributionListAlias, with the address rules and alias mechanics accounts have."""

import ldap3
from ldap3.utils.dn import escape_rdn

from ..directory import eq_filter, groups_dn, people_dn
from ..errors import ServiceFault, invalid_request
from . import handles
from .account_rename import checked_new_name, move_alias_entry, replaced_addresses
from .accounts import check_entry_domain
from .aliases import add_alias, remove_alias
from .encoding import add_group, entry_name, response
from .groups import find_group, group_to_change, is_acl_group, is_dynamic, no_such_list
from .memberships import addresses_of, drop_external_members, rename_in_static_lists

_ADDRESS_ATTRS = ('mail', 'zimbraMailAlias', 'zimbraPrefAllowAddressForDelegatedSender')


def _taken(sim, group, new_address, new_dn, domain_changed, new_aliases, new_domain):
    """DISTRIBUTION_LIST_EXISTS when the new DN is taken (static lists share ou=people with accounts and aliases) or
    another entry has the new address; across domains, also when a renamed alias exists in the new domain
    (addressExistsUnderDN). The address check of a dynamic group is the simulator's stand-in for the unique
    overlay on `mail` that Carbonio's directory has and the simulator's has not."""
    directory = sim.directory
    owner = directory.address_owner(new_address)
    if (new_dn.lower() != group.dn.lower() and directory.exists(new_dn)) or (owner is not None and owner.id != group.id):
        raise ServiceFault('account.DISTRIBUTION_LIST_EXISTS', f'email address already exists: {new_address}')
    if domain_changed and new_aliases:
        terms = ''.join(eq_filter(attr, alias) for alias in new_aliases for attr in ('zimbraMailDeliveryAddress', 'zimbraMailAlias'))
        if directory.find_one(f'(|{terms})', people_dn(new_domain)) is not None:
            raise ServiceFault('account.DISTRIBUTION_LIST_EXISTS', f'email address already exists: {new_address}')


def rename_group(sim, group, new_name):
    """prov.renameGroup: the entry moves (uid=<local>,ou=people for a static list, cn=<local>,cn=groups for a dynamic
    group, into the new domain when it changes), mail, zimbraMailAlias and zimbraPrefAllowAddressForDelegatedSender
    follow as for accounts, the old domain's alias entries move along; a static list's addresses are renamed in the
    other lists (a dynamic group's are not: commented out in Carbonio), an ACL group's cn=internal unit takes
    <local>.__internal__@<domain>. Returns the renamed entry."""
    directory = sim.directory
    old_address = entry_name(group)
    old_domain = old_address.split('@')[1]
    new_address, new_local, new_domain = checked_new_name(sim, new_name)
    domain_changed = new_domain != old_domain
    if domain_changed and directory.domain_by('name', new_domain).first('zimbraDomainType', 'local') != 'local':
        raise invalid_request('domain type must be local')
    pairs = {attr: replaced_addresses(group.values(attr), old_address, new_address) for attr in _ADDRESS_ATTRS}
    rdn, parent = (f'cn={escape_rdn(new_local)}', groups_dn(new_domain)) if is_dynamic(group) else \
        (f'uid={escape_rdn(new_local)}', people_dn(new_domain))
    _taken(sim, group, new_address, f'{rdn},{parent}', domain_changed, [new for _old, new in pairs['zimbraMailAlias']], new_domain)
    new_dn = f'{rdn},{parent}'
    if new_dn.lower() != group.dn.lower():
        directory.rename(group.dn, rdn, parent if domain_changed else None)
    else:
        new_dn = group.dn
    if not is_dynamic(group):
        renamed = {old: new for old, new in pairs['zimbraMailAlias'] if old != new}
        rename_in_static_lists(sim, {**renamed, old_address: new_address})
    if domain_changed:
        for old, new in pairs['zimbraMailAlias']:
            if new.split('@')[0] != new_local and old != new:  # LP.moveAliases skips the primary address
                move_alias_entry(directory, old, new)
    changes = {'mail': [new for _old, new in pairs['mail']] or [new_address]}
    for attr in ('zimbraMailAlias', 'zimbraPrefAllowAddressForDelegatedSender'):
        if pairs[attr]:
            changes[attr] = [new for _old, new in pairs[attr]]
    directory.modify(new_dn, {attr: [(ldap3.MODIFY_REPLACE, list(dict.fromkeys(values)))] for attr, values in changes.items()})
    if is_dynamic(group) and is_acl_group(group) and directory.exists(f'cn=internal,{new_dn}'):
        internal = f'{new_local}.__internal__@{new_domain}'
        directory.modify(f'cn=internal,{new_dn}', {attr: [(ldap3.MODIFY_REPLACE, [internal])] for attr in ('mail', 'zimbraMailAlias')})
    renamed_group = directory.get(new_dn)
    drop_external_members(sim, addresses_of(renamed_group))
    return renamed_group


@handles('RenameDistributionListRequest', writes=True)
def rename_distribution_list(sim, req):
    group = group_to_change(sim, req.get('id'))
    resp = response('RenameDistributionListResponse')
    add_group(resp, sim, rename_group(sim, group, req.get('newName')))
    return resp


@handles('AddDistributionListAliasRequest', writes=True)
def add_distribution_list_alias(sim, req):
    add_alias(sim, group_to_change(sim, req.get('id')), req.get('alias'))
    return response('AddDistributionListAliasResponse')


@handles('RemoveDistributionListAliasRequest', writes=True)
def remove_distribution_list_alias(sim, req):
    """An unknown id still cleans up a dangling alias, then answers NO_SUCH_DISTRIBUTION_LIST."""
    group = find_group(sim, 'id', str(req.get('id') or ''))
    if group is not None:
        check_entry_domain(sim, group)
    remove_alias(sim, group, req.get('alias'))
    if group is None:
        raise no_such_list(req.get('id'))
    return response('RemoveDistributionListAliasResponse')
