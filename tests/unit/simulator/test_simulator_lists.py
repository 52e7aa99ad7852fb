"""Create, Get, GetAll and Modify of distribution lists as Carbonio answers them (api-objects doc 7, 8): members as
sorted `dlm` and hidden from a[], `more`/`total` on the response, owners only when present, the dynamic group rules
of zimbraIsACLGroup and memberURL, and SearchDirectory showing what GetDistributionList hides."""

from __future__ import annotations

from list_requests import account, action, create_list, dlm, domain, get_list, static_list
from soap_answers import attrs_of, fault, ok


def the_list(answer, response='GetDistributionListResponse'):
    body = ok(answer)[response]
    assert len(body['dl']) == 1
    return body, body['dl'][0]


def test_a_static_list_is_created_with_its_addresses_and_members_hidden(sim):
    domain(sim, 'create.lists.test')
    created = create_list(sim, 'Team@Create.Lists.Test', ('displayName', 'The Team'), ('zimbraMailForwardingAddress', 'x@ext.test'))
    attrs = attrs_of(created)
    assert (created['name'], created['dynamic']) == ('team@create.lists.test', False)
    assert 'owners' not in created and 'dlm' not in created
    assert attrs['mail'] == attrs['zimbraMailAlias'] == ['team@create.lists.test']
    assert attrs['uid'] == ['team'] and attrs['cn'] == ['The Team'] and attrs['zimbraMailStatus'] == ['enabled']
    assert attrs['objectClass'] == ['zimbraDistributionList', 'zimbraMailRecipient']
    assert 'zimbraMailForwardingAddress' not in attrs
    assert fault(sim.soap('CreateDistributionListRequest', name='team@create.lists.test')) == (
        'account.DISTRIBUTION_LIST_EXISTS', 'email address already exists: team@create.lists.test')
    assert fault(sim.soap('CreateDistributionListRequest', name='other@create.lists.test',
                          a=[{'n': 'zimbraIsACLGroup', '_content': 'TRUE'}])) == (
        'service.INVALID_REQUEST', 'invalid request: zimbraIsACLGroup is immutable')
    assert fault(sim.soap('CreateDistributionListRequest', name='')) == ('service.INVALID_REQUEST', 'invalid request: missing name')
    assert {line['write'] for line in sim.log() if line['request'] == 'CreateDistributionListRequest'} == {True}


def test_a_dynamic_group_without_member_url_is_an_acl_group_with_units(sim):
    domain(sim, 'acl.lists.test')
    group = create_list(sim, 'group@acl.lists.test', ('zimbraIsACLGroup', 'TRUE'), dynamic=True)
    attrs = attrs_of(group)
    assert group['dynamic'] is True and attrs['cn'] == ['group'] and attrs['zimbraIsACLGroup'] == ['TRUE']
    assert attrs['objectClass'] == ['groupOfURLs', 'dgIdentityAux', 'zimbraGroup']
    prefix = f"ldap:///??sub?(|(zimbraMemberOf={group['id']})(zimbraId="
    assert attrs['memberURL'][0].startswith(prefix) and attrs['memberURL'][0].endswith('))')
    unit_id = attrs['memberURL'][0][len(prefix):-2]
    assert unit_id != group['id'] and len(unit_id) == 36  # the cn=external unit's own id
    assert fault(sim.soap('CreateDistributionListRequest', name='nope@acl.lists.test', dynamic=True,
                          a=[{'n': 'zimbraIsACLGroup', '_content': 'FALSE'}])) == (
        'service.INVALID_REQUEST', 'invalid request: No custom memberURL is provided, zimbraIsACLGroup cannot be set to FALSE')


def test_a_custom_member_url_group_takes_its_members_from_slapd(sim):
    domain(sim, 'url.lists.test')
    account(sim, 'b@url.lists.test', ('ou', 'sales'))
    url = 'ldap:///??sub?(&(objectClass=zimbraAccount)(ou=sales))'
    group = create_list(sim, 'sales@url.lists.test', ('memberURL', url), ('zimbraIsACLGroup', 'FALSE'), dynamic=True)
    assert attrs_of(group)['memberURL'] == [url] and attrs_of(group)['zimbraIsACLGroup'] == ['FALSE']
    account(sim, 'a@url.lists.test', ('ou', 'sales'))
    account(sim, 'c@url.lists.test', ('ou', 'support'))
    body, found = the_list(get_list(sim, group['id']))
    assert [member['_content'] for member in found['dlm']] == ['a@url.lists.test', 'b@url.lists.test']
    assert (body['total'], body['more']) == (2, False)
    assert 'member' not in attrs_of(found)
    # zimbraIsACLGroup is a MUST of zimbraGroup: with a custom URL Carbonio writes it only when given
    assert fault(sim.soap('CreateDistributionListRequest', name='bare@url.lists.test', dynamic=True,
                          a=[{'n': 'memberURL', '_content': url}]))[0] == 'ldap.OBJECT_CLASS_VIOLATION'


def test_get_distribution_list_pages_sorted_members_in_java_order(sim):
    domain(sim, 'get.lists.test')
    list_id = static_list(sim, 'page@get.lists.test', 'b@x.test', 'C@x.test', 'a@x.test', '_z@x.test', 'Z@x.test')
    # stored as given; sorted as Java sorts strings: upper case first
    body, found = the_list(get_list(sim, list_id))
    assert [m['_content'] for m in found['dlm']] == ['C@x.test', 'Z@x.test', '_z@x.test', 'a@x.test', 'b@x.test']
    assert (body['more'], body['total']) == (False, 5) and 'more' not in found
    body, found = the_list(get_list(sim, 'PAGE@get.lists.test', by='name', limit=2, offset=1, sortAscending=0))
    assert [m['_content'] for m in found['dlm']] == ['a@x.test', '_z@x.test']
    assert (body['more'], body['total']) == (True, 5)
    body, found = the_list(get_list(sim, list_id, limit=3, offset=3))
    assert [m['_content'] for m in found['dlm']] == ['a@x.test', 'b@x.test'] and body['more'] is False
    assert fault(get_list(sim, list_id, offset=5)) == ('service.INVALID_REQUEST', 'invalid request: offset 5 greater than size 5')
    assert fault(get_list(sim, list_id, limit=-1)) == ('service.INVALID_REQUEST', 'invalid request: limit-1 is negative')
    assert fault(get_list(sim, list_id, offset=-2)) == ('service.INVALID_REQUEST', 'invalid request: offset-2 is negative')
    empty = static_list(sim, 'empty@get.lists.test')
    body, found = the_list(get_list(sim, empty))
    assert 'dlm' not in found and (body['more'], body['total']) == (False, 0)
    assert fault(get_list(sim, empty, offset=1)) == ('service.INVALID_REQUEST', 'invalid request: offset 1 greater than size 0')
    assert {line['write'] for line in sim.log() if line['request'] == 'GetDistributionListRequest'} == {False}


def test_get_distribution_list_faults_attrs_and_owners(sim):
    domain(sim, 'faults.lists.test')
    owner = account(sim, 'boss@faults.lists.test')
    list_id = static_list(sim, 'team@faults.lists.test', 'm@x.test')
    assert fault(get_list(sim, 'Nobody@faults.lists.test', by='name')) == (
        'account.NO_SUCH_DISTRIBUTION_LIST', 'no such distribution list: Nobody@faults.lists.test')
    assert fault(get_list(sim, list_id, by='uid')) == ('service.INVALID_REQUEST', 'invalid request: unknown key: uid')
    assert fault(sim.soap('GetDistributionListRequest')) == ('service.INVALID_REQUEST', 'invalid request: missing required element: dl')
    assert fault(get_list(sim, list_id, attrs='displayName,zimbraDomainName')) == (
        'service.INVALID_REQUEST', 'invalid request: requested attribute zimbraDomainName is not on distributionList')
    _body, found = the_list(get_list(sim, list_id, attrs='zimbraMailStatus,zimbraMailForwardingAddress'))
    assert attrs_of(found) == {'zimbraMailStatus': ['enabled']} and 'owners' not in found
    ok(action(sim, list_id, 'addOwners', owner=[{'type': 'usr', 'by': 'name', '_content': 'boss@faults.lists.test'}]))
    _body, found = the_list(get_list(sim, list_id))
    assert found['owners'] == [{'owner': [{'type': 'usr', 'id': owner, 'name': 'boss@faults.lists.test'}]}]


def test_get_all_distribution_lists_by_domain_element(sim):
    domain(sim, 'all.lists.test')
    domain(sim, 'sub.all.lists.test')
    static_list(sim, 'b@all.lists.test', 'm@x.test')
    group = create_list(sim, 'a@all.lists.test', dynamic=True)
    static_list(sim, 'c@sub.all.lists.test')
    body = ok(sim.soap('GetAllDistributionListsRequest', domain={'by': 'name', '_content': 'all.lists.test'}))
    found = body['GetAllDistributionListsResponse']['dl']
    assert [(dl['name'], dl['dynamic']) for dl in found] == [('a@all.lists.test', True), ('b@all.lists.test', False)]
    assert found[0]['id'] == group['id'] and 'zimbraMailForwardingAddress' not in attrs_of(found[1]) and 'dlm' not in found[1]
    by_id = ok(sim.soap('GetAllDistributionListsRequest', domain={'by': 'id', '_content': domain(sim, 'id.lists.test')}))
    assert 'dl' not in by_id['GetAllDistributionListsResponse']
    # a plain `domain` attribute is not the element Carbonio reads: every domain's lists come back
    names = [dl['name'] for dl in ok(sim.soap('GetAllDistributionListsRequest', domain='all.lists.test'))['GetAllDistributionListsResponse']['dl']]
    assert {'a@all.lists.test', 'b@all.lists.test', 'c@sub.all.lists.test'} <= set(names)
    assert fault(sim.soap('GetAllDistributionListsRequest', domain={'by': 'name', '_content': 'none.lists.test'})) == (
        'account.NO_SUCH_DOMAIN', 'no such domain: none.lists.test')
    assert fault(sim.soap('GetAllDistributionListsRequest', domain={'by': 'cn', '_content': 'x'})) == (
        'service.INVALID_REQUEST', 'invalid request: unknown value for by: cn')
    assert {line['write'] for line in sim.log() if line['request'] == 'GetAllDistributionListsRequest'} == {False}


def test_modify_distribution_list_refuses_immutables_and_keeps_member_url_rules(sim):
    domain(sim, 'modify.lists.test')
    list_id = static_list(sim, 'team@modify.lists.test', 'm@x.test')
    answer = ok(sim.soap('ModifyDistributionListRequest', id=list_id, a=[{'n': 'displayName', '_content': 'New Name'},
                                                                         {'n': 'description', '_content': 'd'}]))
    found = answer['ModifyDistributionListResponse']['dl'][0]
    attrs = attrs_of(found)
    assert attrs['displayName'] == ['New Name'] and attrs['cn'] == ['New Name'] and attrs['description'] == ['d']
    assert 'zimbraMailForwardingAddress' not in attrs and 'owners' not in found
    ok(sim.soap('ModifyDistributionListRequest', id=list_id, a=[{'n': 'description', '_content': ''}]))
    _body, found = the_list(get_list(sim, list_id))
    assert 'description' not in attrs_of(found)
    for name in ('mail', 'zimbraMailAlias', 'uid'):
        assert fault(sim.soap('ModifyDistributionListRequest', id=list_id, a=[{'n': name, '_content': 'x@modify.lists.test'}])) == (
            'service.INVALID_REQUEST', f'invalid request: {name} is immutable')
    group = create_list(sim, 'group@modify.lists.test', dynamic=True)
    assert fault(sim.soap('ModifyDistributionListRequest', id=group['id'], a=[{'n': 'zimbraIsACLGroup', '_content': 'FALSE'}])) == (
        'service.INVALID_REQUEST', 'invalid request: zimbraIsACLGroup is immutable')
    assert fault(sim.soap('ModifyDistributionListRequest', id=group['id'], a=[{'n': 'memberURL', '_content': 'ldap:///??sub?(ou=x)'}])) == (
        'service.INVALID_REQUEST', 'invalid request: cannot modify memberURL when zimbraIsACLGroup is TRUE')
    custom = create_list(sim, 'custom@modify.lists.test', ('memberURL', 'ldap:///??sub?(ou=a)'), ('zimbraIsACLGroup', 'FALSE'), dynamic=True)
    answer = ok(sim.soap('ModifyDistributionListRequest', id=custom['id'], a=[{'n': 'memberURL', '_content': 'ldap:///??sub?(ou=b)'}]))
    assert attrs_of(answer['ModifyDistributionListResponse']['dl'][0])['memberURL'] == ['ldap:///??sub?(ou=b)']
    assert fault(sim.soap('ModifyDistributionListRequest', id='6b0c3f52-1a8e-4d1c-9a62-7f0e1d2c3b4a', a=[])) == (
        'account.NO_SUCH_DISTRIBUTION_LIST', 'no such distribution list: 6b0c3f52-1a8e-4d1c-9a62-7f0e1d2c3b4a')


def test_search_directory_shows_members_and_owners_of_lists(sim):
    domain(sim, 'search.lists.test')
    account(sim, 'boss@search.lists.test')
    list_id = static_list(sim, 'team@search.lists.test', 'b@x.test', 'a@x.test')
    ok(sim.soap('AddDistributionListMemberRequest', id=list_id, dlm=dlm('c@x.test')))
    ok(action(sim, list_id, 'addOwners', owner=[{'type': 'usr', 'by': 'name', '_content': 'boss@search.lists.test'}]))
    body = ok(sim.soap('SearchDirectoryRequest', domain='search.lists.test', types='distributionlists'))['SearchDirectoryResponse']
    found = body['dl'][0]
    assert attrs_of(found)['zimbraMailForwardingAddress'] == ['b@x.test', 'a@x.test', 'c@x.test']
    assert found['owners'][0]['owner'][0]['name'] == 'boss@search.lists.test' and 'dlm' not in found
    # asking for other attributes reads no zimbraACE, so no owners either (Carbonio builds the list from what it read)
    body = ok(sim.soap('SearchDirectoryRequest', domain='search.lists.test', types='distributionlists', attrs='zimbraMailForwardingAddress'))
    found = body['SearchDirectoryResponse']['dl'][0]
    assert attrs_of(found) == {'zimbraMailForwardingAddress': ['b@x.test', 'a@x.test', 'c@x.test']} and 'owners' not in found
