# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dynamic lists: the member URL's form, what each kind of list may be given, and the kind fixed at creation."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._plan import Plan
from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._ldap_url import check_filter, parse_ldap_url
from ansible_collections.carbonio.admin.plugins.module_utils._objects import dlist
from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import BatchItem

URL = 'ldap:///??sub?(&(objectClass=zimbraAccount)(ou=sales))'


@pytest.mark.parametrize('url', [
    URL,
    'ldap:///??sub?(|(zimbraMemberOf=1234)(zimbraId=5678))',
    'ldap://ldap.example.com:389/ou=people,dc=example,dc=com?mail?one?(mail=*@example.com)',
    'ldaps:///??sub?(&(objectClass=zimbraAccount)(!(zimbraAccountStatus=closed)))',
    'ldap:///??sub?(displayName=Night%20shift)',
    'ldap:///??sub?(displayName=Night shift*)',
    'ldap:///??sub?(cn=a\\2ab)',
    'ldap:///??sub?(cn:caseExactMatch:=Fred)',
    'ldap:///??sub?(:dn:2.4.6.8.10:=Dino)',
    'ldap:///??base',
    '  ldap:///??sub?(ou>=m)  ',
])
def test_ldap_urls_carbonio_and_openldap_take_are_accepted(url):
    assert parse_ldap_url(url, 'member_url') == url.strip()


@pytest.mark.parametrize('url, problem', [
    ('https://example.org/', 'is not an LDAP URL'),
    ('ldap:///??sub?ou=sales', "does not parse (expected ( at position 0)"),
    ('ldap:///??sub?(&(ou=x)', 'does not parse'),
    ('ldap:///??sub?(ou=x))', 'does not parse (text after the filter'),
    ('ldap:///??sub?(&)', 'does not parse (& needs at least one filter'),
    ('ldap:///??sub?(=x)', 'does not parse'),
    ('ldap:///??sub?(o u=x)', 'is not an attribute name'),
    ('ldap:///??sub?(cn=a\\zz)', 'two hexadecimal digits'),
    ('ldap:///??sub?(cn~=a*)', '* only with ='),
    ('ldap:///??sub?(cn=(x))', 'unescaped ('),
    ('ldap:///??tree?(ou=x)', "scope 'tree' is not base, one or sub"),
])
def test_a_bad_member_url_names_the_field_and_what_is_wrong(url, problem):
    with pytest.raises(ValueError) as caught:
        parse_ldap_url(url, 'member_url')
    assert str(caught.value).startswith('member_url: ') and problem in str(caught.value)


def test_a_filter_is_one_parenthesised_filter():
    assert check_filter('(!(cn=x))') is None
    assert check_filter('(cn=x)(cn=y)') == 'text after the filter at position 6'


class Run(object):
    """What the check hook sees of a run: the list's name and the module's params."""

    def __init__(self, name, **params):
        self.name = name
        self.params = dict(dict(dynamic=None, member_url=None, acl_group=None), **params)


def parsed(**params):
    values = dict((name, None) for name in DLIST.argument_spec())
    values.update(params)
    return DLIST.parse(values)[0]


def entry(name, **attrs):
    found = {'name': name, 'id': 'l1', 'attrs': dict((key, list(values)) for key, values in attrs.items())}
    dlist.decode({'dynamic': True} if 'memberURL' in attrs or attrs.get('dynamic') else {}, found)
    return found


ACL_GROUP = entry('acl@example.com', dynamic=['TRUE'], memberURL=['ldap:///??sub?(|(zimbraMemberOf=l1)(zimbraId=u1))'])
CUSTOM = entry('night@example.com', memberURL=[URL], zimbraIsACLGroup=['FALSE'])
STATIC = entry('team@example.com', zimbraMailForwardingAddress=['jo@example.com'])


def test_an_acl_groups_own_url_is_no_setting_and_a_custom_urls_members_are_computed():
    assert DLIST.show(ACL_GROUP['attrs'], None) == {'dynamic': True, 'acl_group': True}
    computed = entry('night@example.com', memberURL=[URL], zimbraMailForwardingAddress=['owl@example.com'])
    assert DLIST.show(computed['attrs'], None) == {'dynamic': True, 'acl_group': True, 'member_url': URL}
    assert computed['computed_members'] == ['owl@example.com']


@pytest.mark.parametrize('params, acl_group', [
    (dict(dynamic=True), ['TRUE']),
    (dict(dynamic=True, member_url=URL), ['FALSE']),  # the Admin Panel's choice
    (dict(dynamic=True, member_url=URL, acl_group=True), ['TRUE']),
])
def test_a_new_dynamic_list_is_an_acl_group_unless_it_has_a_member_url(params, acl_group):
    desired = parsed(**params)
    dlist._check_kind(Run('new@example.com', **params), None, desired)
    assert desired['zimbraIsACLGroup'] == acl_group


@pytest.mark.parametrize('current, params, problem', [
    (None, dict(dynamic=True, acl_group=False), 'acl_group: false needs member_url'),
    (None, dict(dynamic=True, member_url=URL, members=['jo@example.com']), 'members: the members of x@example.com are those its member_url'),
    (None, dict(member_url=URL), 'member_url: only for a dynamic list (dynamic: true); x@example.com is static'),
    (STATIC, dict(acl_group=True), 'acl_group: only for a dynamic list'),
    (STATIC, dict(dynamic=True), 'dynamic: fixed when the list is created; team@example.com has dynamic: false'),
    (CUSTOM, dict(dynamic=False), 'dynamic: fixed when the list is created; night@example.com has dynamic: true'),
    (ACL_GROUP, dict(member_url=URL), 'member_url: acl@example.com is an ACL group (acl_group: true)'),
    (CUSTOM, dict(members=['jo@example.com'], members_mode='present'), 'members: the members of x@example.com'),
    (CUSTOM, dict(attrs={'zimbraDistributionListSendShareMessageToNewMembers': True}),
     'attrs.zimbraDistributionListSendShareMessageToNewMembers: is not allowed on group entries'),
])
def test_what_a_list_of_each_kind_may_not_be_given(current, params, problem):
    with pytest.raises(ValueError) as caught:
        desired = parsed(**params)
        dlist._check_kind(Run('x@example.com', **params), current, desired)
        DLIST.settle_fixed(current, desired)
    assert str(caught.value).startswith(problem)


def test_the_kind_said_again_is_no_change_and_a_custom_url_may_change():
    desired = parsed(dynamic=True, acl_group=False, member_url='ldap:///??sub?(ou=night)')
    dlist._check_kind(Run('night@example.com'), CUSTOM, desired)
    DLIST.settle_fixed(CUSTOM, desired)
    assert desired == {'memberURL': ['ldap:///??sub?(ou=night)']}
    with pytest.raises(ValueError, match='^acl_group: fixed when the list is created; night@example.com has acl_group: false'):
        DLIST.settle_fixed(CUSTOM, parsed(acl_group=True))


class Context(object):
    type, references, params = DLIST, None, {}

    def __init__(self, name):
        self.name = name


def test_dynamic_goes_in_the_create_requests_own_field_never_in_its_attributes():
    desired = parsed(dynamic=True, member_url=URL, display_name='Night')
    dlist._check_kind(Run('night@example.com'), None, desired)
    write = Plan(Context('night@example.com'), None, None, desired, {}).create_write()
    assert write.request == 'CreateDistributionListRequest' and write.body['dynamic'] is True
    assert sorted(attr['n'] for attr in write.body['a']) == ['displayName', 'memberURL', 'zimbraIsACLGroup']
    static = Plan(Context('team@example.com'), None, None, parsed(display_name='Team'), {}).create_write()
    assert 'dynamic' not in static.body


def test_dynamic_is_no_attribute_in_attrs_nor_in_what_a_search_reads():
    with pytest.raises(ValueError, match='^attrs.dynamic: is no Carbonio attribute; use option dynamic$'):
        parsed(attrs={'dynamic': True})
    with pytest.raises(ValueError, match='^attrs.memberURL: is structural: set it through the module.s option member_url$'):
        parsed(attrs={'memberURL': URL})
    assert 'dynamic' not in DLIST.read_attributes and 'memberURL' in DLIST.read_attributes


def test_a_bulk_acl_group_declaring_members_reads_them_once_more():
    class Item(object):
        current = entry('acl@example.com', dynamic=['TRUE'])
        wanted = {'zimbraMailForwardingAddress': ['jo@example.com']}
        grantees = {}

    (request, use), = dlist.more_reads(Item())
    assert request == ('GetDistributionListRequest', {'dl': {'by': 'id', '_content': 'l1'}, 'limit': 0, 'attrs': 'zimbraId'})
    Item.wanted = {'displayName': ['x']}
    assert dlist.more_reads(Item()) == []
    Item.current, Item.wanted = STATIC, {'zimbraMailForwardingAddress': ['jo@example.com']}
    assert dlist.more_reads(Item()) == []


def test_grants_the_task_does_not_name_are_named_by_one_search_in_a_list():
    class Item(object):
        current = requests.entry({'name': 'team@example.com', 'id': 'l1', 'a': [
            {'n': 'zimbraACE', '_content': 'u1 usr sendToDistList'}, {'n': 'zimbraACE', '_content': 'd1 dom sendToDistList'}]}, DLIST)
        wanted = {}
        # the declared senders the read batch looked up: the account only
        grantees = {'jo@example.com': ('jo@example.com', 'account', True, 'u1')}

    (request, use), = dlist.more_reads(Item())
    assert request[1]['query'] == '(|(zimbraId=d1))' and 'domains' in request[1]['types']
    assert Item.current['attrs']['zimbraACE:sendToDistList'] == ['jo@example.com', 'id:d1']
    use(BatchItem('0', 'SearchDirectoryRequest', {'domain': [{'name': 'example.org', 'id': 'd1', 'a': []}]}, None))
    assert Item.current['attrs']['zimbraACE:sendToDistList'] == ['jo@example.com', 'example.org']
