"""Distribution lists: static lists under ou=people, dynamic groups under cn=groups (api doc 9, 13.1)."""

import uuid

from ldap3.utils.dn import escape_rdn

from ..directory import eq_filter, groups_dn, people_dn
from ..errors import ServiceFault, invalid_request
from ..seed import MAIL_SERVER
from ..slapd import ROOT_DN
from ..timeutil import gentime_now
from ..validation import parse_changes
from . import handles
from .accounts import check_entry_domain, delete_addressable, ensure_free, split_address
from .encoding import add_object, response


def _create_static(sim, attrs, address, local, domain_name):
    attrs['objectClass'] = ['zimbraDistributionList', 'zimbraMailRecipient']
    attrs.update({'mail': [address], 'zimbraMailAlias': [address], 'uid': [local], 'zimbraMailHost': [MAIL_SERVER]})
    attrs.setdefault('zimbraMailStatus', ['enabled'])
    dn = f'uid={escape_rdn(local)},{people_dn(domain_name)}'
    sim.directory.add(dn, attrs)
    return dn


def _create_dynamic(sim, attrs, address, local, domain_name):
    group_id = attrs['zimbraId'][0]
    custom_url = bool(attrs.get('memberURL'))
    acl = (attrs.pop('zimbraIsACLGroup', None) or ['TRUE'])[0]
    if not custom_url and acl == 'FALSE':
        raise invalid_request('No custom memberURL is provided, zimbraIsACLGroup cannot be set to FALSE')
    if not custom_url:
        attrs['memberURL'] = [f'ldap:///??sub?(|(zimbraMemberOf={group_id})(zimbraId={group_id}))']
    attrs['objectClass'] = ['groupOfURLs', 'dgIdentityAux', 'zimbraGroup']
    attrs.update({'mail': [address], 'zimbraMailAlias': [address], 'cn': [local], 'dgIdentity': [ROOT_DN],
                  'zimbraMailStatus': ['enabled'], 'zimbraMailHost': [MAIL_SERVER], 'zimbraIsACLGroup': [acl]})
    dn = f'cn={escape_rdn(local)},{groups_dn(domain_name)}'
    sim.directory.add(dn, attrs)
    if acl == 'TRUE':
        internal = f'{local}.__internal__@{domain_name}'
        sim.directory.add(f'cn=internal,{dn}', {
            'objectClass': ['groupOfURLs', 'dgIdentityAux', 'zimbraGroupDynamicUnit'], 'cn': ['internal'],
            'memberURL': [f'ldap:///??sub?(zimbraMemberOf={group_id})'], 'mail': [internal], 'zimbraMailAlias': [internal],
            'zimbraId': [str(uuid.uuid4())], 'zimbraGroupId': [group_id], 'dgIdentity': [ROOT_DN],
            'zimbraCreateTimestamp': [gentime_now()], 'zimbraMailStatus': ['enabled']})
        sim.directory.add(f'cn=external,{dn}', {
            'objectClass': ['zimbraGroupStaticUnit'], 'cn': ['external'], 'zimbraId': [str(uuid.uuid4())],
            'zimbraGroupId': [group_id], 'zimbraCreateTimestamp': [gentime_now()]})
    return dn


@handles('CreateDistributionListRequest', writes=True)
def create_distribution_list(sim, req):
    address, local, domain_name = split_address(sim, req.get('name'))
    changes = parse_changes(sim.catalog, [(n, v) for n, v in req.attr_pairs() if v != ''])
    ensure_free(sim, address, 'account.DISTRIBUTION_LIST_EXISTS')
    attrs = changes.as_new_entry()
    attrs.update({'zimbraId': [str(uuid.uuid4())], 'zimbraCreateTimestamp': [gentime_now()]})
    create = _create_dynamic if req.get_bool('dynamic') else _create_static
    dn = create(sim, attrs, address, local, domain_name)
    resp = response('CreateDistributionListResponse')
    add_object(resp, sim, sim.directory.get(dn))
    return resp


@handles('DeleteDistributionListRequest', writes=True)
def delete_distribution_list(sim, req):
    list_id = str(req.get('id') or '')
    flt = f'(&(|(objectClass=zimbraDistributionList)(objectClass=zimbraGroup)){eq_filter("zimbraId", list_id)})'
    entry = sim.directory.find_one(flt) if list_id else None
    if entry is None:
        raise ServiceFault('account.NO_SUCH_DISTRIBUTION_LIST', f'no such distribution list: {list_id}')
    check_entry_domain(sim, entry)
    delete_addressable(sim, entry)
    return response('DeleteDistributionListResponse')
