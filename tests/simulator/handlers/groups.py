"""Finding distribution lists and dynamic groups (Provisioning.getGroup), what kind each is, and their members as
Carbonio reads them (api-objects doc 7, 8): the handlers of lists, members, names, grants and DistributionListAction
share these."""

import ldap3

from ..directory import eq_filter
from ..errors import ServiceFault, invalid_request
from .accounts import check_entry_domain
from .memberships import MEMBER

GROUP_FILTER = '(|(objectClass=zimbraDistributionList)(objectClass=zimbraGroup))'  # FILTER_ALL_GROUPS
# DynamicGroup.isMembershipDefinedByCustomURL: the default memberURL of an ACL group starts so
DEFAULT_URL_PREFIX = 'ldap:///??sub?(|(zimbraMemberOf='


def no_such_list(key):
    return ServiceFault('account.NO_SUCH_DISTRIBUTION_LIST', f'no such distribution list: {key}')


def is_dynamic(group):
    return group.has_class('zimbraGroup')


def has_custom_url(group):
    url = group.first('memberURL')
    return url is not None and not url.startswith(DEFAULT_URL_PREFIX)


def is_acl_group(group):
    """getBooleanAttr(zimbraIsACLGroup, true): absent counts as TRUE."""
    return group.first('zimbraIsACLGroup', 'TRUE').upper() == 'TRUE'


def find_group(sim, by, key):
    """Provisioning.getGroup(DistributionListBy, key), static or dynamic: by id, or by name, any of its addresses
    (zimbraMailAlias, which holds the primary address too). None when there is none."""
    if by not in ('id', 'name'):
        raise invalid_request(f'unknown key: {by}')  # Key.DistributionListBy.fromString
    key = (key or '').strip()
    if not key:
        return None
    term = eq_filter('zimbraId', key) if by == 'id' else eq_filter('zimbraMailAlias', key.lower())
    return sim.directory.find_one(f'(&{GROUP_FILTER}{term})')


def selected_group(sim, node):
    """The group a `dl: {by, _content}` element names; NO_SUCH_DISTRIBUTION_LIST with the key as sent."""
    if node is None:
        raise invalid_request('missing required element: dl')
    by = node.attrs.get('by')
    if by is None:
        raise invalid_request('missing required attribute: by')
    group = find_group(sim, str(by), node.text)
    if group is None:
        raise no_such_list(node.text or '')
    return group


def group_to_change(sim, list_id):
    """The group an admin write names by `id`: it must exist, then pass its domain's status check."""
    if list_id is None:
        raise invalid_request('missing required attribute: id')
    group = find_group(sim, 'id', str(list_id))
    if group is None:
        raise no_such_list(list_id)
    check_entry_domain(sim, group)
    return group


def external_unit_dn(group):
    return f'cn=external,{group.dn}'


def members_of(sim, group):
    """Group.getAllMembers as GetDistributionList reads them: a static list's zimbraMailForwardingAddress values; for
    an ACL group (default memberURL) the delivery addresses of the internal accounts whose zimbraMemberOf names it,
    then the addresses of its cn=external unit (LP.searchDynamicGroupMembers); for a custom memberURL the member DNs
    slapd's dynlist overlay computed, each as its zimbraMailDeliveryAddress, skipping entries without one and
    external virtual accounts (LP.getNonDefaultDynamicGroupMembers)."""
    directory = sim.directory
    if not is_dynamic(group):
        return group.values(MEMBER)
    if has_custom_url(group):
        found = []
        for dn in group.values('member'):
            for entry in directory.search(dn, '(objectClass=*)', ldap3.BASE,
                                          attributes=['zimbraMailDeliveryAddress', 'zimbraIsExternalVirtualAccount']):
                address = entry.first('zimbraMailDeliveryAddress')
                if address and entry.first('zimbraIsExternalVirtualAccount', '').upper() != 'TRUE':
                    found.append(address)
        return found
    flt = (f'(&{eq_filter("zimbraMemberOf", group.id)}(objectClass=zimbraAccount)'
           '(!(zimbraIsExternalVirtualAccount=TRUE)))')  # LdapFilterFactory.accountByMemberOf
    internal = [entry.first('zimbraMailDeliveryAddress') for entry in directory.search('', flt, attributes=['zimbraMailDeliveryAddress'])]
    unit = directory.search(external_unit_dn(group), '(objectClass=*)', ldap3.BASE, attributes=[MEMBER])
    return [address for address in internal if address] + (unit[0].values(MEMBER) if unit else [])
