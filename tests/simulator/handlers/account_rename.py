"""RenameAccountRequest (api-objects doc 4; ADM/RenameAccount, LP.renameAccount)."""

import ldap3
from ldap3.utils.dn import escape_rdn

from ..directory import eq_filter, people_dn
from ..errors import ServiceFault, invalid_request
from ..validation import valid_address
from . import handles
from .accounts import _write_target, address_domain, parse_address
from .encoding import add_account, entry_name, response
from .memberships import addresses_of, drop_external_members, rename_in_static_lists

# the address attributes LP.renameAccount rewrites (replaceMailAddresses)
_ADDRESS_ATTRS = ('mail', 'zimbraMailAlias', 'zimbraPrefAllowAddressForDelegatedSender')


def replaced_addresses(values, old_address, new_address):
    """LP.replaceMailAddresses: the old address becomes the new one; other addresses in the old domain keep their
    local part and take the new domain; addresses in other domains stay. A list of (old, new) pairs."""
    old_domain, new_domain = old_address.split('@')[1], new_address.split('@')[1]
    pairs = []
    for value in values:
        local, _at, domain = value.partition('@')
        if value == old_address:
            pairs.append((value, new_address))
        elif domain == old_domain:
            pairs.append((value, f'{local}@{new_domain}'))
        else:
            pairs.append((value, value))
    return pairs


def checked_new_name(sim, sent):
    """The new address, checked in Carbonio's order: an address with a domain (checkDomainRightByEmail), that domain
    existing and not suspended, then a valid address; (address, local part, domain)."""
    sent = str(sent or '')
    if not sent.partition('@')[2]:
        raise invalid_request(f'must be valid email address: {sent}')
    address_domain(sim, sent.partition('@')[2].strip().lower())
    if not valid_address(sent.strip()):
        raise invalid_request('invalid email address')
    return parse_address(sent)


def _check_aliases(directory, new_aliases, new_address, new_domain, domain_changed):
    """Before anything moves: across domains no alias may land on an address the new domain already has
    (ALIAS_EXISTS), and no alias may become the new name itself."""
    if domain_changed and new_aliases:
        clash = ''.join(eq_filter(attr, alias) for alias in new_aliases for attr in ('zimbraMailDeliveryAddress', 'zimbraMailAlias'))
        if directory.find_one(f'(|{clash})', people_dn(new_domain)) is not None:
            raise ServiceFault('account.ALIAS_EXISTS', f'email address alias already exists: [{", ".join(new_aliases)}]')
    if new_address in new_aliases:
        raise ServiceFault('account.ACCOUNT_EXISTS', f'email address already exists: {new_address}')


def move_alias_entry(directory, old, new):
    """LP.moveAliases: an alias entry follows its address into the new domain; when that DN is taken Carbonio
    only logs it, so the entry stays where it was."""
    (old_local, old_domain), (new_local, new_domain) = old.split('@'), new.split('@')
    old_dn = f'uid={escape_rdn(old_local)},{people_dn(old_domain)}'
    if directory.exists(old_dn) and not directory.exists(f'uid={escape_rdn(new_local)},{people_dn(new_domain)}'):
        directory.rename(old_dn, f'uid={escape_rdn(new_local)}', people_dn(new_domain))


@handles('RenameAccountRequest', writes=True)
def rename_account(sim, req):
    """The entry moves (modrdn, into the new domain's ou=people when the domain changes) and its addresses follow;
    the id stays and the old address does not become an alias."""
    directory = sim.directory
    account = _write_target(sim, req.get('id'), 'zimbraAccount', 'account.NO_SUCH_ACCOUNT', 'account')
    old_address = entry_name(account)
    old_local, old_domain = old_address.split('@')
    new_address, new_local, new_domain = checked_new_name(sim, req.get('newName'))
    domain_changed = new_domain != old_domain
    if domain_changed and directory.domain_by('name', new_domain).first('zimbraDomainType', 'local') != 'local':
        raise invalid_request('domain type must be local')
    pairs = {attr: replaced_addresses(account.values(attr), old_address, new_address) for attr in _ADDRESS_ATTRS}
    _check_aliases(directory, [new for _old, new in pairs['zimbraMailAlias']], new_address, new_domain, domain_changed)
    new_dn = f'uid={escape_rdn(new_local)},{people_dn(new_domain)}'
    if new_dn.lower() == account.dn.lower():
        new_dn = account.dn
    elif directory.exists(new_dn):
        raise ServiceFault('account.ACCOUNT_EXISTS', f'email address already exists: {new_address}')
    else:
        directory.rename(account.dn, f'uid={escape_rdn(new_local)}', people_dn(new_domain) if domain_changed else None)
    renamed = {old: new for attr in ('mail', 'zimbraMailAlias') for old, new in pairs[attr] if old != new}
    rename_in_static_lists(sim, {**renamed, old_address: new_address})
    if domain_changed:
        for old, new in pairs['zimbraMailAlias']:
            if old != new:
                move_alias_entry(directory, old, new)
    changes = {'uid': [new_local], 'zimbraMailDeliveryAddress': [new_address],
               'mail': [new for _old, new in pairs['mail']] or [new_address]}
    for attr in ('zimbraMailAlias', 'zimbraPrefAllowAddressForDelegatedSender'):
        if pairs[attr]:
            changes[attr] = [new for _old, new in pairs[attr]]
    if account.first('zimbraPrefFromAddress') == old_address:
        changes['zimbraPrefFromAddress'] = [new_address]
    if not account.values('displayName') and account.first('cn') == old_local:
        changes['cn'] = [new_local]
    directory.modify(new_dn, {attr: [(ldap3.MODIFY_REPLACE, list(dict.fromkeys(values)))] for attr, values in changes.items()})
    renamed_account = directory.get(new_dn)
    sim.backup.changed(renamed_account)
    drop_external_members(sim, addresses_of(renamed_account))
    resp = response('RenameAccountResponse')
    add_account(resp, sim, renamed_account)
    return resp
