"""DistributionListActionRequest in urn:zimbraAccount, which the admin URL serves too (api-objects doc 9;
ACC/DistributionListAction): a list's owner, or an admin, changes its owners, its rights, its members, its
attributes and its name, or deletes it. The answer is an empty DistributionListActionResponse."""

from .. import acl
from ..elements import Element
from ..errors import ServiceFault, failure, invalid_request, perm_denied
from ..registry import NS_ACCOUNT
from . import handles
from .accounts import find_account
from .groups import find_group, selected_group
from .list_members import add_members, remove_members
from .list_names import rename_group
from .lists import delete_group, modify_group
from .rights import grant_right, revoke_right

# AddOwnersHandler.VALID_GRANTEE_TYPES: owners cannot be guests, keys or the public
OWNER_TYPES = ('usr', 'grp', 'egp', 'dom', 'all')


def _account_matches(directory, ace, account, group_ids):
    return (ace.grantee_type == 'usr' and ace.grantee == account.id) or ace.grantee_type == 'all' \
        or (ace.grantee_type == 'grp' and ace.grantee in group_ids) \
        or (ace.grantee_type == 'dom' and ace.grantee == _domain_id(directory, account))


def _domain_id(directory, account):
    domain = directory.domain_by('name', (account.first('zimbraMailDeliveryAddress') or '@').split('@')[1])
    return domain.id if domain is not None else None


def _user_has_right(sim, account, right, entries):
    """Whether one of the entries grants the right to the account (as itself, as a member of a group, through its
    domain or as any user), no grant that matches it denying it. A simplification of Carbonio's ACL checker,
    which also ranks grants by how specific their grantee is."""
    directory = sim.directory
    group_ids = acl.group_ids(directory, account)
    matching = [ace for entry in entries if entry is not None for ace in acl.aces_of(entry)
                if ace.right == right and _account_matches(directory, ace, account, group_ids)]
    return bool(matching) and not any(ace.modifier == '-' for ace in matching)


def _caller_account(sim):
    caller = sim.caller
    return None if caller.admin else sim.directory.by_id(caller.account_id, 'zimbraAccount')


def _check_create_right(sim, account, address, verb):
    """AccessManager.canCreateGroup: a user needs createDistList on the list's domain (or globally)."""
    if account is None:
        return
    domain = sim.directory.domain_by('name', address.split('@')[-1])
    if not _user_has_right(sim, account, 'createDistList', [domain, sim.directory.get('cn=globalgrant,cn=zimbra')]):
        raise perm_denied(f'you do not have sufficient rights to {verb} this distribution list')


def _grantees(sim, parent, name):
    """ModifyRightHandler.parseGrantees: type (email resolved now: an account is usr, a list grp, anything else a
    guest; the simulator has no external groups), by and the key, except for all and pub."""
    found = []
    for node in parent.children_named(name):
        kind = node.attrs.get('type')
        if kind is None:
            raise invalid_request('missing required attribute: type')
        kind = str(kind)
        if kind not in acl.GRANTEE_TYPES:
            raise ServiceFault('service.PARSE_ERROR', f'parse error: invalid grantee type: {kind}')
        by, key = None, None
        if kind not in ('all', 'pub'):
            by = node.attrs.get('by')
            if by is None:
                raise invalid_request('missing required attribute: by')
            by, key = str(by), (node.text or '')
        if kind == 'email':
            kind = 'usr' if find_account(sim, by, key) is not None else 'grp' if find_group(sim, by, key) is not None else 'gst'
        found.append((kind, by or 'name', key))
    return found


def _rights(sim, action):
    """ModifyMultipleRightsHandler.parseRights: each `right` element names a user right and its grantees."""
    rights = []
    for node in action.children_named('right'):
        name = node.attrs.get('right')
        if name is None:
            raise invalid_request('missing required attribute: right')
        right = acl.user_rights().get(str(name))
        if right is None:
            raise failure(f'invalid right {name}')  # RightManager.getUserRight
        if right.name == acl.OWNER_RIGHT:
            raise invalid_request(f'{right.name} cannot be granted directly, use addOwners/removeOwners/setOwners operation instead')
        rights.append((right.name, _grantees(sim, node, 'grantee')))
    return rights


def _grant(sim, group, right, grantee):
    # granted on target type dl whatever the group's kind, as a system admin would (no canPerform check)
    grant_right(sim, 'dl', group, grantee[0], grantee[1], grantee[2], right)


def _revoke(sim, group, right, grantee):
    revoke_right(sim, 'dl', group, grantee[0], grantee[1], grantee[2], right)


def _verified_owners(sim, group, action):
    owners = _grantees(sim, action, 'owner')
    for owner in owners:
        if owner[0] not in OWNER_TYPES:
            raise invalid_request('invalid grantee type for groups owner')
        # verifyGrantRight: every lookup and check of a grant, before anything changes
        grant_right(sim, 'dl', group, owner[0], owner[1], owner[2], acl.OWNER_RIGHT, dry_run=True)
    return owners


def _set_owners(sim, group, action):
    owners = _verified_owners(sim, group, action)
    for ace in [ace for ace in acl.aces_of(group) if ace.right == acl.OWNER_RIGHT]:
        _revoke(sim, group, acl.OWNER_RIGHT, (ace.grantee_type, 'id', ace.grantee))
    for owner in owners:
        _grant(sim, group, acl.OWNER_RIGHT, owner)


def _set_rights(sim, group, action):
    """Each right: every current ACE of it is revoked (by grantee id, without modifier), then the grantees granted;
    so an empty grantee list leaves the right's default."""
    for right, grantees in _rights(sim, action):
        for ace in [ace for ace in acl.aces_of(sim.directory.get(group.dn)) if ace.right == right]:
            _revoke(sim, group, right, (ace.grantee_type, 'id', ace.grantee))
        for grantee in grantees:
            _grant(sim, group, right, grantee)


def _each_right(change):
    def run(sim, group, action):
        for right, grantees in _rights(sim, action):
            for grantee in grantees:
                change(sim, group, right, grantee)
    return run


def _each_owner(change, verify):
    def run(sim, group, action):
        owners = _verified_owners(sim, group, action) if verify else _grantees(sim, action, 'owner')
        for owner in owners:
            change(sim, group, acl.OWNER_RIGHT, owner)
    return run


def _dlm(action):
    return [(node.text or '').strip() for node in action.children_named('dlm')]


def _delete(sim, group, _action):
    _check_create_right(sim, _caller_account(sim), group.first('mail') or '', 'delete')
    delete_group(sim, group)


def _rename(sim, group, action):
    new_name = action.element_text('newName')
    account = _caller_account(sim)
    _check_create_right(sim, account, group.first('mail') or '', 'rename')
    if new_name.partition('@')[2].lower() != (group.first('mail') or '').partition('@')[2].lower():
        _check_create_right(sim, account, new_name, 'rename')
    rename_group(sim, group, new_name)


OPERATIONS = {
    'delete': _delete,
    'modify': lambda sim, group, action: modify_group(sim, group, action.attr_pairs()),
    'rename': _rename,
    'addOwners': _each_owner(_grant, verify=True),
    'removeOwners': _each_owner(_revoke, verify=False),
    'setOwners': _set_owners,
    'grantRights': _each_right(_grant),
    'revokeRights': _each_right(_revoke),
    'setRights': _set_rights,
    'addMembers': lambda sim, group, action: add_members(sim, group, _dlm(action)),
    'removeMembers': lambda sim, group, action: remove_members(sim, group, _dlm(action)),
}


@handles('DistributionListActionRequest', namespace=NS_ACCOUNT, writes=True)
def distribution_list_action(sim, req):
    """The list (`dl`, by id or name) first, then the operation; every operation needs owner privilege, which an
    admin has (GroupOwner.hasOwnerPrivilege); a user needs an ownDistList grant on the list, and createDistList on
    the domain to delete or rename it. No domain status check: this is not the admin service's access control."""
    group = selected_group(sim, req.child('dl'))
    action = req.child('action')
    if action is None:
        raise invalid_request('missing required element: action')
    op = action.attrs.get('op')
    if op is None:
        raise invalid_request('missing required attribute: op')
    operation = OPERATIONS.get(str(op))
    if operation is None:
        raise invalid_request(f'unknown operation: {op}')
    account = _caller_account(sim)
    if account is not None and not _user_has_right(sim, account, acl.OWNER_RIGHT, [group]):
        raise perm_denied('you do not have sufficient rights to access this distribution list')
    operation(sim, group, action)
    return Element('DistributionListActionResponse', ns=NS_ACCOUNT)
