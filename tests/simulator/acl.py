"""Grants as Carbonio keeps them (api-objects doc 9): zimbraACE values `<grantee> <grantee type> [modifier]<right>` on
the target entry (ZimbraACE.serialize), the user rights they may name (user-rights.xml, with right-manager's UserRight
and TargetType rules), and the entry-level grant, revoke and look-ups the request handlers share.

Carbonio keeps an entry's ACEs in a list and rewrites the whole attribute on every change (ACLUtil.serialize), so the
values keep their order: grants are appended.
"""

import functools
import os
import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

import ldap3
from ldap3.utils.conv import escape_filter_chars

from .catalog import DATA_DIR
from .directory import eq_filter
from .errors import invalid_request

ACE = 'zimbraACE'
GUID_AUTHUSER = '00000000-0000-0000-0000-000000000000'  # grantee id of `all` (GuestAccount)
GUID_PUBLIC = '99999999-9999-9999-9999-999999999999'    # grantee id of `pub`
OWNER_RIGHT = 'ownDistList'  # Group.GroupOwner.GROUP_OWNER_RIGHT
# RightModifier: the character written before the right, and its attribute in requests and answers
MODIFIERS = (('-', 'deny'), ('+', 'canDelegate'), ('^', 'disinheritSubGroups'), ('*', 'subDomain'))
_MODIFIER_CHARS = ''.join(char for char, _name in MODIFIERS)
# GranteeType codes, in Carbonio's order; gst and key carry a secret after a colon
GRANTEE_TYPES = ('usr', 'grp', 'egp', 'all', 'dom', 'edom', 'gst', 'key', 'pub', 'email')
_WITH_SECRET = ('gst', 'key')
TARGET_TYPES = ('account', 'calresource', 'cos', 'dl', 'group', 'domain', 'server', 'xmppcomponent', 'zimlet', 'config',
                'global')
# TargetType.init: which target types inherit the grants made on each target type
_INHERITED_BY = {'account': ('account',), 'calresource': ('calresource',), 'dl': ('account', 'calresource', 'dl'),
                 'group': ('account', 'calresource', 'group'),
                 'domain': ('account', 'calresource', 'dl', 'group', 'domain'), 'cos': ('cos',), 'server': ('server',),
                 'xmppcomponent': ('xmppcomponent',), 'zimlet': ('zimlet',), 'config': ('config',),
                 'global': TARGET_TYPES}
# UserRight.disguiseTargetType: for user rights a calendar resource is an account and a dynamic group a list
_DISGUISED = {'calresource': 'account', 'group': 'dl'}


@dataclass(frozen=True)
class UserRight:
    """One <right userRight="1"> of user-rights.xml."""

    name: str
    target_type: str
    grant_target_type: str = None

    def grantable_types(self):
        """UserRight.getGrantableTargetTypes, in TargetType's order (Carbonio lists a HashSet, in no stated order)."""
        if self.grant_target_type:
            return (self.grant_target_type,)
        return tuple(kind for kind in TARGET_TYPES if self.target_type in _INHERITED_BY[kind])

    def check_target(self, target_type, modifier):
        """RightCommand.validateGrant's checks of the target type and the modifier, in its order."""
        if _DISGUISED.get(target_type, target_type) not in self.grantable_types():
            raise invalid_request(f'right {self.name} cannot be granted on a {target_type} entry. It can only be granted on '
                                  f'target types: {" or ".join(self.grantable_types())}')
        if target_type in ('dl', 'group') and self.target_type == 'account':
            raise invalid_request(f'group target is not supported for right: {self.name}')  # CheckRight.allowGroupTarget
        if modifier == '*':
            if target_type != 'domain':
                raise invalid_request('right modifier * can only be granted on domain targets')
            raise invalid_request(f'right modifier * is not allowed for the right: {self.name}')
        if modifier == '^':
            if target_type != 'dl':
                raise invalid_request('right modifier ^ can only be granted on group targets')
            if self.target_type not in ('dl', 'account'):
                raise invalid_request(f'right modifier ^ is not allowed for the right: {self.name}')


@functools.lru_cache(maxsize=1)
def user_rights():
    """{name: UserRight} from Carbonio's user-rights.xml (its default target type is account)."""
    root = ET.parse(os.path.join(DATA_DIR, 'user-rights.xml')).getroot()
    return {node.get('name'): UserRight(node.get('name'), node.get('targetType') or 'account', node.get('grantTargetType'))
            for node in root.iter('right') if node.get('userRight') == '1'}


@dataclass(frozen=True)
class Ace:
    """One zimbraACE value. `grantee` is an id (usr, grp, dom, all, pub) or a name (gst, key, egp, edom, email)."""

    grantee: str
    grantee_type: str
    right: str
    modifier: str = ''
    secret: str = None

    @classmethod
    def parse(cls, value):
        """ZimbraACE(String): the last two spaces delimit the type and the right (a key grantee's name may hold
        spaces); None for a value that is not an ACE."""
        parts = value.rsplit(' ', 2)
        if len(parts) != 3 or parts[1] not in GRANTEE_TYPES or not parts[2]:
            return None
        grantee, grantee_type, right = parts
        modifier = right[0] if right[0] in _MODIFIER_CHARS else ''
        secret = None
        if grantee_type in _WITH_SECRET:
            grantee, _colon, secret = grantee.partition(':')
        return cls(grantee, grantee_type, right[len(modifier):], modifier, secret or None)

    def serialize(self):
        grantee = f'{self.grantee}:{self.secret or ""}' if self.grantee_type in _WITH_SECRET else self.grantee
        return f'{grantee} {self.grantee_type} {self.modifier}{self.right}'

    def is_grantee(self, principal):
        """ZimbraACE.isGrantee: the pseudo ids of `all` and `pub` match by type, anything else by its text."""
        if principal == GUID_PUBLIC:
            return self.grantee_type == 'pub'
        if principal == GUID_AUTHUSER:
            return self.grantee_type == 'all'
        return principal == self.grantee

    def modifier_flags(self):
        return {name: self.modifier == char for char, name in MODIFIERS}


def new_ace(grantee, grantee_type, right, modifier='', secret=None):
    """ZimbraACE(granteeId, type, ...): all and pub always take their pseudo ids."""
    grantee = {'all': GUID_AUTHUSER, 'pub': GUID_PUBLIC}.get(grantee_type, grantee)
    if grantee_type in _WITH_SECRET:  # ZimbraACE.validate
        if ':' in grantee:
            raise invalid_request('grantee cannot contain::')
        if secret and ':' in secret:
            raise invalid_request('password/accesskey cannot contain::')
    return Ace(grantee, grantee_type, right, modifier, secret)


def aces_of(entry):
    return [ace for ace in (Ace.parse(value) for value in entry.values(ACE)) if ace is not None]


def _current(directory, entry):
    """The entry's ACEs as the directory holds them now (an Entry read earlier in the request may be stale)."""
    found = directory.search(entry.dn, '(objectClass=*)', ldap3.BASE, attributes=[ACE])
    return aces_of(found[0]) if found else []


def _write(directory, entry, aces):
    values = [ace.serialize() for ace in aces]
    directory.modify(entry.dn, {ACE: [(ldap3.MODIFY_REPLACE, values)] if values else [(ldap3.MODIFY_DELETE, [])]})


def grant(directory, entry, new):
    """ZimbraACL.grant: the same right to the same grantee again changes at most its modifier (and a guest's or key's
    secret); otherwise the ACE is appended. Nothing is written when nothing changes."""
    aces = _current(directory, entry)
    for index, ace in enumerate(aces):
        if ace.is_grantee(new.grantee) and ace.right == new.right:
            changed = replace(ace, modifier=new.modifier)
            if new.grantee_type in _WITH_SECRET and new.secret is not None:
                changed = replace(changed, secret=new.secret)
            if changed != ace:
                aces[index] = changed
                _write(directory, entry, aces)
            return
    if new.grantee_type == 'key' and new.secret is None:
        new = replace(new, secret=secrets.token_hex(16))  # ACL.generateAccessKey
    _write(directory, entry, aces + [new])


def revoke(directory, entry, gone):
    """ZimbraACL.revoke: the first ACE of that grantee, right and modifier goes; whether one went."""
    aces = _current(directory, entry)
    for index, ace in enumerate(aces):
        if ace.is_grantee(gone.grantee) and ace.right == gone.right and ace.modifier == gone.modifier:
            _write(directory, entry, aces[:index] + aces[index + 1:])
            return True
    return False


def granting_filter(grantee_ids):
    """A filter for the entries with an ACE that may name one of the ids (a prefix may also match a longer grantee:
    check with granted_to); the presence index narrows it to the entries with grants."""
    terms = ''.join(f'({ACE}={escape_filter_chars(grantee)}*)' for grantee in grantee_ids)
    return f'(&({ACE}=*)(|{terms}))'


def granted_to(entry, grantee_ids):
    wanted = set(grantee_ids)
    return any(ace.grantee in wanted for ace in aces_of(entry))


def entries_granting(directory, grantee_ids):
    """Every entry with an ACE whose grantee is one of the ids (SearchGrants), whatever the target type."""
    if not grantee_ids:
        return []
    return [entry for entry in directory.search('', granting_filter(grantee_ids)) if granted_to(entry, grantee_ids)]


def revoke_all_to(directory, grantee_id, entries=None):
    """RightCommand.revokeAllRights: every grant made to the grantee, on any target, goes (a deleted account or list).
    `entries`: those found with granting_filter, when the caller searched already."""
    found = entries_granting(directory, [grantee_id]) if entries is None else [e for e in entries if granted_to(e, [grantee_id])]
    for entry in found:
        _write(directory, entry, [ace for ace in _current(directory, entry) if ace.grantee != grantee_id])


def grantee_name(directory, ace):
    """ZimbraACE.getGranteeDisplayName; None for all, pub and email, and for a grantee that no longer exists."""
    kind = ace.grantee_type
    if kind in ('gst', 'key', 'edom'):
        return ace.grantee
    if kind == 'egp':
        return ace.grantee.partition(':')[2]
    if kind not in ('usr', 'grp', 'dom'):
        return None
    classes = {'usr': '(objectClass=zimbraAccount)', 'grp': '(|(objectClass=zimbraDistributionList)(objectClass=zimbraGroup))',
               'dom': '(objectClass=zimbraDomain)'}[kind]
    found = directory.find_one(f'(&{classes}{eq_filter("zimbraId", ace.grantee)})')
    if found is None:
        return None
    if kind == 'dom':
        return found.first('zimbraDomainName')
    return found.first('zimbraMailDeliveryAddress') or found.first('mail')


def owners(directory, entry):
    """Group.GroupOwner.getOwners: (type, id, name) of each ownDistList ACE of a list, in ACE order."""
    return [(ace.grantee_type, ace.grantee, grantee_name(directory, ace)) for ace in aces_of(entry) if ace.right == OWNER_RIGHT]


def group_ids(directory, entry):
    """The ids of the groups an account or list belongs to, as grants see them: static lists holding one of its
    addresses (and the lists holding those, transitively), and the dynamic groups its zimbraMemberOf names."""
    found = set(entry.values('zimbraMemberOf'))
    addresses = entry.values('mail') + entry.values('zimbraMailAlias')
    seen = set()
    while addresses:
        terms = ''.join(eq_filter('zimbraMailForwardingAddress', address) for address in addresses)
        lists = [dl for dl in directory.search('', f'(&(objectClass=zimbraDistributionList)(|{terms}))', attributes=['zimbraId', 'mail', 'zimbraMailAlias'])
                 if dl.id not in seen]
        seen.update(dl.id for dl in lists)
        addresses = [address for dl in lists for address in dl.values('mail') + dl.values('zimbraMailAlias')]
    return found | seen
