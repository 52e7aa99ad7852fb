"""Grants (api-objects doc 9; ADM/GrantRight, RevokeRight, GetGrants; AC/RightCommand): the user rights of
user-rights.xml granted on lists, accounts, domains and the other targets as zimbraACE values (../acl.py).

Admin rights (rights.xml) are not imitated: their names are `account.NO_SUCH_RIGHT` here.
"""

from .. import acl
from ..directory import eq_filter
from ..errors import ServiceFault, invalid_request, no_such_account, no_such_domain, perm_denied
from ..seed import GLOBAL_CONFIG_DN, SERVER_BASE
from . import handles
from .accounts import find_account
from .encoding import entry_name, response
from .groups import find_group, no_such_list

GLOBAL_GRANT_DN = 'cn=globalgrant,cn=zimbra'
_BY = ('id', 'name')


def lookup_right(name):
    right = acl.user_rights().get(name or '')
    if right is None:
        raise ServiceFault('account.NO_SUCH_RIGHT', f'no such right: invalid right {name}')  # RightManager.getRight
    return right


def lookup_target(sim, kind, by, key):
    """TargetTypeLookup.lookupTarget: the entry a `target` names, or its NO_SUCH_* fault."""
    directory = sim.directory
    if kind not in acl.TARGET_TYPES:
        raise invalid_request(f'unknown target type: {kind}')
    if kind in ('config', 'global'):
        return directory.get(GLOBAL_CONFIG_DN if kind == 'config' else GLOBAL_GRANT_DN)
    if by not in _BY:
        raise invalid_request(f"unknown 'By' key: {by}, valid values: [id, name]")  # TargetBy.fromString
    key = key or ''
    found = None
    if kind in ('account', 'calresource'):
        found = find_account(sim, by, key)
        if kind == 'calresource' and found is not None and not found.has_class('zimbraCalendarResource'):
            found = None
        if found is None:
            raise no_such_account(key) if kind == 'account' else \
                ServiceFault('account.NO_SUCH_CALENDAR_RESOURCE', f'no such calendar resource: {key}')
    elif kind in ('dl', 'group'):
        found = find_group(sim, by, key)
        if found is None:
            raise no_such_list(key)
    elif kind == 'domain':
        found = directory.domain_by(by, key)
        if found is None:
            raise no_such_domain(key)
    elif kind in ('cos', 'server'):
        found = directory.cos_by(by, key) if kind == 'cos' else directory.find_one(
            f'(&(objectClass=zimbraServer){eq_filter("zimbraId" if by == "id" else "cn", key)})', SERVER_BASE)
        if found is None:
            raise ServiceFault(f'account.NO_SUCH_{kind.upper()}', f'no such {kind}: {key}')
    else:  # zimlet, xmppcomponent: the simulator has none
        if kind == 'zimlet' and by != 'name':
            raise invalid_request('zimlet must be by name')
        raise ServiceFault('account.NO_SUCH_ZIMLET', f'no such zimlet: {key}') if kind == 'zimlet' else \
            ServiceFault('account.NO_SUCH_XMPP_COMPONENT', f'no such xmpp component: {key}')
    return found


def lookup_grantee(sim, kind, by, key):
    """GranteeType.lookupGrantee for the grantee types that are directory entries: usr, grp, dom."""
    if by not in _BY:
        raise invalid_request(f'unknown key: {by}')  # GranteeBy.fromString
    key = key or ''
    if kind == 'usr':
        found = find_account(sim, by, key)
        if found is None:
            raise no_such_account(key)
    elif kind == 'grp':
        found = find_group(sim, by, key)
        if found is None:
            raise no_such_list(key)
    else:
        found = sim.directory.domain_by(by, key)
        if found is None:
            raise no_such_domain(key)
    return found


def grantee_type(kind):
    if kind not in acl.GRANTEE_TYPES:
        raise ServiceFault('service.PARSE_ERROR', f'parse error: invalid grantee type: {kind}')  # GranteeType.fromCode
    return kind


def _is_admin_grantee(kind, entry):
    """RightBearer.isValidGranteeForAdminRights: a delegated (not global) admin account, an admin group, an
    external group."""
    if kind == 'usr':
        return entry.first('zimbraIsAdminAccount', 'FALSE') != 'TRUE' and entry.first('zimbraIsDelegatedAdminAccount') == 'TRUE'
    if kind == 'grp':
        return entry.first('zimbraIsAdminGroup') == 'TRUE'
    return kind == 'egp'


def grant_right(sim, target_kind, target, kind, by, key, right_name, modifier='', secret=None, dry_run=False):
    """RightCommand.grantRightInternal as a global admin: the right, the grantee (an entry's id; all and pub their
    pseudo ids; anything else its text as given, so `email` is stored as it is sent), the checks of
    validateGrant, then ZimbraACL.grant (again: silent); a dry run stops before the grant (verifyGrantRight)."""
    right = lookup_right(right_name)
    entry = lookup_grantee(sim, kind, by, key) if kind in ('usr', 'grp', 'dom') else None
    if kind == 'egp':
        raise invalid_request(f'unable to find external group {key}')  # the simulator has no external GAL groups
    if modifier == '+' and not _is_admin_grantee(kind, entry):
        raise invalid_request('grantee for admin right or for user right with the canDelegate modifier must be a delegated '
                              'admin account or admin group, it cannot be a global admin account or a regular user account.')
    right.check_target(target_kind, modifier)
    if secret is not None and kind not in ('gst', 'key'):
        raise perm_denied(f'password is not allowed for grantee type {kind}')
    if dry_run:
        return
    acl.grant(sim.directory, target, acl.new_ace(entry.id if entry is not None else key, kind, right.name, modifier, secret))


def revoke_right(sim, target_kind, target, kind, by, key, right_name, modifier=''):
    """RightCommand.revokeRight: a grantee entry that no longer exists may still be named by id (an orphan grant);
    by name it is INVALID_REQUEST. No grant to revoke is NO_SUCH_GRANT."""
    grantee_id, entry = key, None
    if kind in ('usr', 'grp', 'dom'):
        try:
            entry = lookup_grantee(sim, kind, by, key)
            grantee_id = entry.id
        except ServiceFault as fault:
            if not fault.code.startswith('account.NO_SUCH_'):
                raise
            if by != 'id':
                raise invalid_request(f'cannot find grantee by name: {key}, try revoke by grantee id if you want to remove '
                                      'the orphan grant') from fault
    right = lookup_right(right_name)
    if entry is not None:
        right.check_target(target_kind, modifier)
    gone = acl.new_ace(grantee_id, kind, right.name, modifier)
    if not acl.revoke(sim.directory, target, gone):
        name = acl.grantee_name(sim.directory, gone)  # Java prints a null name as "null"
        raise ServiceFault('account.NO_SUCH_GRANT', f'no such grant: [grantee name={"null" if name is None else name}, grantee id={gone.grantee}, '
                                                    f'grantee type={kind}, right={right.name}]')


def _selector(req, name):
    node = req.child(name)
    if node is None:
        raise invalid_request(f'missing required element: {name}')
    return node


def _modifier(req):
    """GrantRight.getRightModifier from the `right` element's flags (at most one)."""
    node = req.child('right')
    if node is None and req.get('right') is None:
        raise invalid_request('No information specified on what right to assign')
    flags = [char for char, name in acl.MODIFIERS if node is not None and node.get_bool(name)]
    if len(flags) > 1:
        raise invalid_request('can only have one modifier')
    return (node.text if node is not None else req.get('right')) or '', flags[0] if flags else ''


def _target_and_grantee(sim, req):
    target_node, grantee_node = _selector(req, 'target'), _selector(req, 'grantee')
    kind = str(target_node.attrs.get('type', ''))
    target = lookup_target(sim, kind, str(target_node.attrs.get('by', '')), (target_node.text or '').strip())
    grantee = grantee_type(str(grantee_node.attrs.get('type', '')))
    return kind, target, grantee, grantee_node


@handles('GrantRightRequest', writes=True)
def grant_right_request(sim, req):
    right_name, modifier = _modifier(req)
    kind, target, grantee, node = _target_and_grantee(sim, req)
    secret = node.attrs.get('secret')
    grant_right(sim, kind, target, grantee, str(node.attrs.get('by', 'name')), (node.text or '').strip(), right_name,
                modifier, None if secret is None else str(secret))
    return response('GrantRightResponse')


@handles('RevokeRightRequest', writes=True)
def revoke_right_request(sim, req):
    right_name, modifier = _modifier(req)
    kind, target, grantee, node = _target_and_grantee(sim, req)
    revoke_right(sim, kind, target, grantee, str(node.attrs.get('by', 'name')), (node.text or '').strip(), right_name, modifier)
    return response('RevokeRightResponse')


def _grantee_ids(sim, kind, by, key, include_groups):
    """The grantee ids GetGrants filters by (GranteeType.lookupGrantee, Grantee.getIdAndGroupIds): an entry's id, with
    `all` also its groups'; a guest, or an address that is no account or group, is a GuestAccount, whose id is
    the public pseudo id."""
    if kind == 'email':
        kind = 'usr' if find_account(sim, by, key) is not None else 'grp' if find_group(sim, by, key) is not None else 'gst'
    if kind == 'gst':
        return {acl.GUID_PUBLIC}
    if kind not in ('usr', 'grp', 'dom'):
        raise invalid_request(f'invalid grantee type for lookupGrantee:{kind}')
    entry = lookup_grantee(sim, kind, by, key)
    if include_groups and kind != 'dom':
        return {entry.id} | acl.group_ids(sim.directory, entry)
    return {entry.id}


def _target_kind(entry):
    """TargetTypeLookup.getTargetType of an entry found by a grantee search."""
    for object_class, kind in (('zimbraCalendarResource', 'calresource'), ('zimbraAccount', 'account'),
                               ('zimbraDomain', 'domain'), ('zimbraCOS', 'cos'), ('zimbraDistributionList', 'dl'),
                               ('zimbraGroup', 'group'), ('zimbraServer', 'server'), ('zimbraGlobalConfig', 'config')):
        if entry.has_class(object_class):
            return kind
    return 'global'


def _add_grant(resp, sim, kind, target, ace):
    """RightCommand.Grants.toXML for one ACE."""
    grant = resp.add('grant')
    if kind in ('config', 'global'):  # Config and GlobalGrant are no named entries: no id, a fixed label
        grant.add('target', {'type': kind, 'id': '', 'name': 'globalconfig' if kind == 'config' else 'globalacltarget'})
    else:
        grant.add('target', {'type': kind, 'id': target.id, 'name': entry_name(target)})
    name = acl.grantee_name(sim.directory, ace)
    grant.add('grantee', {'type': ace.grantee_type, 'id': ace.grantee, **({'name': name} if name is not None else {})})
    grant.add('right', ace.modifier_flags(), text=ace.right)


@handles('GetGrantsRequest', writes=False)
def get_grants(sim, req):
    """ADM/GetGrants: the ACEs on a target, or those naming a grantee (with `all`, also the groups it belongs to) on
    any target, or both. Carbonio collects them in a HashSet; here they come target by target in ACE order."""
    target_node, grantee_node = req.child('target'), req.child('grantee')
    if target_node is None and grantee_node is None:
        raise invalid_request('at least one of target or grantee must be specified')
    targets = []
    if target_node is not None:
        kind = target_node.attrs.get('type')
        if kind is None:
            raise invalid_request('missing required attribute: type')
        kind = str(kind)
        targets = [(kind, lookup_target(sim, kind, str(target_node.attrs.get('by', '')), (target_node.text or '').strip()))]
    wanted = None
    if grantee_node is not None:
        kind = grantee_type(str(grantee_node.attrs.get('type', '')))
        by = grantee_node.attrs.get('by')
        include_groups = grantee_node.attrs.get('all')
        if by is None or include_groups is None:
            raise invalid_request(f'missing required attribute: {"by" if by is None else "all"}')
        wanted = _grantee_ids(sim, kind, str(by), (grantee_node.text or '').strip(), str(include_groups).lower() in ('1', 'true'))
        if not targets:
            found = acl.entries_granting(sim.directory, wanted)
            targets = [(_target_kind(entry), entry) for entry in sorted(found, key=lambda e: (entry_name(e) or '').lower())]
    resp = response('GetGrantsResponse')
    for kind, target in targets:
        for ace in acl.aces_of(target):
            if wanted is None or ace.grantee in wanted:
                _add_grant(resp, sim, kind, target, ace)
    return resp
