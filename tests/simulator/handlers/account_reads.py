"""Reads of one account (api-objects doc 2): GetAccount and GetAccountMembership."""

from ..directory import eq_filter
from . import handles
from .accounts import selected_account
from .encoding import add_account, entry_name, requested_attrs_on, response

# AttributeClass.account is mailRecipient plus account (AttributeManager.computeClassToAllAttrsMap)
ACCOUNT_CLASSES = ('zimbraAccount', 'zimbraMailRecipient')


@handles('GetAccountRequest', writes=False)
def get_account(sim, req):
    """ADM/GetAccount: the account first (NO_SUCH_ACCOUNT), then its `attrs` (INVALID_REQUEST for a name that is
    not an account attribute); applyCos defaults to on."""
    account = selected_account(sim, req)
    wanted = requested_attrs_on(sim, req, 'account', ACCOUNT_CLASSES)
    resp = response('GetAccountResponse')
    add_account(resp, sim, account, wanted, apply_cos=req.get_bool('applyCos', True))
    return resp


@handles('GetAccountMembershipRequest', writes=False)
def get_account_membership(sim, req):
    """ADM/GetAccountMembership, direct memberships only (no `via`): the static lists that have one of the account's
    addresses as a member, and the dynamic groups named in its zimbraMemberOf, by name."""
    account = selected_account(sim, req)
    addresses = dict.fromkeys(account.values('mail') + account.values('zimbraMailAlias'))
    member_terms = [eq_filter('zimbraMailForwardingAddress', address) for address in addresses]
    group_terms = [eq_filter('zimbraId', group_id) for group_id in account.values('zimbraMemberOf')]
    found = []
    if member_terms:
        found += sim.directory.search('', f'(&(objectClass=zimbraDistributionList)(|{"".join(member_terms)}))')
    if group_terms:
        found += sim.directory.search('', f'(&(objectClass=zimbraGroup)(|{"".join(group_terms)}))')
    resp = response('GetAccountMembershipResponse')
    for group in sorted(found, key=lambda g: entry_name(g).lower()):
        node = resp.add('dl', {'name': entry_name(group), 'id': group.id, 'dynamic': group.has_class('zimbraGroup')})
        if group.first('zimbraIsAdminGroup') is not None:
            node.add('a', {'n': 'zimbraIsAdminGroup'}, text=group.first('zimbraIsAdminGroup'))
    return resp
