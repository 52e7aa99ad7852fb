"""Aliases of accounts and lists (api-objects doc 3, 7; LP.addAliasInternal, LP.removeAliasInternal): an alias is its
own entry uid=<local>,ou=people,<its domain> pointing at its target, whose mail and zimbraMailAlias carry it."""

import uuid

import ldap3
from ldap3.utils.dn import escape_rdn

from ..directory import people_dn
from ..errors import ServiceFault
from ..timeutil import gentime_now
from . import handles
from .accounts import _write_target, address_domain, check_entry_domain, parse_address, split_address
from .encoding import response
from .memberships import addresses_of, drop_external_members, remove_from_static_lists


def add_alias(sim, target, alias):
    """LP.addAliasInternal: the alias entry is written, then the address is added to the target's zimbraMailAlias and
    mail and stops being an external member of dynamic groups. At the alias's DN a dangling alias is removed first
    (as removeAliasInternal would); an alias entry already pointing at this target only has the target's values
    repaired when one is missing; any other owner of the address is ACCOUNT_EXISTS naming that DN."""
    directory = sim.directory
    address, local, domain_name = split_address(sim, alias)
    alias_dn = f'uid={escape_rdn(local)},{people_dn(domain_name)}'
    owner = directory.address_owner(address)
    repair = False
    if owner is not None:
        pointed_id = owner.first('zimbraAliasTargetId') if owner.has_class('zimbraAlias') else None
        carried = all(address in {v.lower() for v in target.values(attr)} for attr in ('mail', 'zimbraMailAlias'))
        if pointed_id is not None and directory.by_id(pointed_id) is None:
            remove_alias(sim, None, address)
        elif pointed_id == target.id and not carried:
            repair = True
        else:
            raise ServiceFault('account.ACCOUNT_EXISTS', f'email address already exists: {address}, at DN: {alias_dn}')
    if not repair:
        directory.add(alias_dn, {'objectClass': ['zimbraAlias'], 'uid': [local], 'zimbraId': [str(uuid.uuid4())],
                                 'zimbraCreateTimestamp': [gentime_now()], 'zimbraAliasTargetId': [target.id]})
    changes = {attr: [(ldap3.MODIFY_ADD, [address])] for attr in ('zimbraMailAlias', 'mail')
               if address not in {v.lower() for v in target.values(attr)}}
    directory.modify(target.dn, changes)
    drop_external_members(sim, addresses_of(target) + [address])


def remove_alias(sim, target, alias):
    """LP.removeAliasInternal, `target` None when the request's id names nothing (the handlers swallow that): the
    address leaves the target's mail and zimbraMailAlias, then the static lists unless it belongs to another
    existing entry, and the alias entry goes if it points at the target or at nothing. NO_SUCH_ALIAS only for an
    existing target."""
    directory = sim.directory
    address, local, domain_name = parse_address(alias)
    address_domain(sim, domain_name)
    alias = directory.get(f'uid={escape_rdn(local)},{people_dn(domain_name)}')
    if alias is not None and not alias.has_class('zimbraAlias'):
        alias = None
    target_id = alias.first('zimbraAliasTargetId') if alias is not None else None
    pointed = directory.by_id(target_id) if target_id else None
    points_here = target is not None and alias is not None and target_id == target.id
    if target is not None:
        held = {attr: [v for v in target.values(attr) if v.lower() == address] for attr in ('mail', 'zimbraMailAlias')}
        # one LDAP modify in Carbonio: when either attribute lacks the address, neither changes
        if all(held.values()):
            directory.modify(target.dn, {attr: [(ldap3.MODIFY_DELETE, values)] for attr, values in held.items()})
    if pointed is None or points_here:
        remove_from_static_lists(sim, address)
    if alias is not None and (pointed is None or points_here):
        directory.delete(alias.dn)
    if target is not None and not points_here:
        raise ServiceFault('account.NO_SUCH_ALIAS', f'no such alias: {address}')


@handles('AddAccountAliasRequest', writes=True)
def add_account_alias(sim, req):
    target = _write_target(sim, req.get('id'), 'zimbraAccount', 'account.NO_SUCH_ACCOUNT', 'account')
    add_alias(sim, target, req.get('alias'))
    return response('AddAccountAliasResponse')


@handles('RemoveAccountAliasRequest', writes=True)
def remove_account_alias(sim, req):
    """ADM/RemoveAccountAlias: an unknown id is no error by itself (the handler swallows it), so a dangling alias is
    still cleaned up."""
    account = sim.directory.by_id(req.get('id'), 'zimbraAccount') if req.get('id') else None
    if account is not None:
        check_entry_domain(sim, account)
    remove_alias(sim, account, req.get('alias'))
    return response('RemoveAccountAliasResponse')
