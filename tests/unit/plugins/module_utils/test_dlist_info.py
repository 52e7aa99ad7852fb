# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""carbonio_dlist_info: the one read (a search, and a list's GetDistributionList with name) and what it returns."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _engine as engine
from ansible_collections.carbonio.admin.plugins.module_utils._objects import dlist
from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST

URL = 'ldap:///??sub?(&(objectClass=zimbraAccount)(ou=night))'


def a(**attrs):
    return [{'n': name, '_content': value} for name, values in sorted(attrs.items()) for value in values]


TEAM = {'name': 'team@example.com', 'id': 't1', 'dynamic': False,
        'a': a(displayName=['The team'], zimbraMailStatus=['enabled'], zimbraHideInGal=['TRUE'],
               zimbraMailAlias=['team@example.com', 'staff@example.com'],
               zimbraMailForwardingAddress=['jo@example.com', 'partner@example.org'])}
NIGHT = {'name': 'night@example.com', 'id': 'n1', 'dynamic': True,
         'a': a(displayName=['Night'], zimbraMailStatus=['enabled'], memberURL=[URL], zimbraMailAlias=['night@example.com'],
                zimbraIsACLGroup=['FALSE'])}
# an ACL group: Carbonio's own memberURL names the group's id; zimbraIsACLGroup unset reads as TRUE
ACL = {'name': 'acl@example.com', 'id': 'g1', 'dynamic': True,
       'a': a(memberURL=['ldap:///??sub?(|(zimbraMemberOf=g1)(zimbraId=u1))'], zimbraMailAlias=['acl@example.com'])}


class Directory(object):
    """Answers the info module's batch: the search finds `found`; GetDistributionList answers `members` as dlm."""

    def __init__(self, found=(TEAM, NIGHT), members=(), search_fault=None):
        self.found, self.members, self.search_fault = list(found), list(members), search_fault

    def __call__(self, name, body):
        if name == 'SearchDirectoryRequest':
            return self.search_fault or {'dl': self.found}
        key = body['dl']['_content']
        for element in self.found:
            if key == element[body['dl']['by']]:
                return {'dl': [dict(element, a=[], dlm=[{'_content': member} for member in self.members])]}
        return 'account.NO_SUCH_DISTRIBUTION_LIST'


def params(**given):
    return dict(dict(domain=None, query=None, type=None), **given)


def test_one_search_for_static_lists_and_dynamic_groups_with_the_managed_attributes(fake_client):
    client = fake_client(Directory())
    lists, references, inherited, facts = dlist.info_read(client, None, params(domain='Example.com'))
    assert client.batches[0][2] is True  # safe to repeat
    (name, body), = client.batches[0][0]
    assert name == 'SearchDirectoryRequest' and body['domain'] == 'example.com' and 'query' not in body
    assert body['types'] == 'distributionlists,dynamicgroups'
    # the attributes the options read (zimbraACE for the owners, a view of it; memberURL), never the option dynamic
    assert set(body['attrs'].split(',')) == set(DLIST.read_attributes) and 'zimbraACE' in body['attrs'] and 'memberURL' in body['attrs']
    assert 'dynamic' not in body['attrs'].split(',')
    # the dynamic list's members, which the search does not give, in one more batch
    assert len(client.batches) == 2 and client.batches[1][0] == [
        ('GetDistributionListRequest', {'dl': {'by': 'id', '_content': 'n1'}, 'limit': 0, 'attrs': 'zimbraId'})]
    assert [entry['name'] for entry in lists] == ['team@example.com', 'night@example.com']
    # nothing is inherited: a listing carries no settings
    assert inherited == {'team@example.com': {}, 'night@example.com': {}}


def test_static_and_dynamic_lists_are_decoded_with_what_carbonio_dlist_takes(fake_client):
    client = fake_client(Directory(found=(TEAM, NIGHT, ACL), members=['al@example.com']))
    lists, references, inherited, facts = dlist.info_read(client, None, params())
    team, night, acl = lists
    assert team['attrs']['zimbraMailAlias'] == ['staff@example.com']  # the decode hook drops the list's own address
    assert facts['team@example.com'] == dict(dynamic=False, aliases=['staff@example.com'], alias_count=1, member_count=2)
    # members a URL selects are a fact; an ACL group's are its setting, and its own memberURL none
    assert facts['night@example.com'] == dict(dynamic=True, aliases=[], alias_count=0, member_url=URL, member_count=1)
    assert facts['acl@example.com'] == dict(dynamic=True, aliases=[], alias_count=0, member_url=None, member_count=1)
    assert DLIST.show(team['attrs'], references) == {
        'display_name': 'The team', 'mail_enabled': True, 'hidden': True, 'aliases': ['staff@example.com'],
        'members': ['jo@example.com', 'partner@example.org']}
    assert DLIST.show(night['attrs'], references) == {
        'dynamic': True, 'acl_group': False, 'member_url': URL, 'display_name': 'Night', 'mail_enabled': True}
    assert DLIST.show(acl['attrs'], references) == {'dynamic': True, 'acl_group': True, 'members': ['al@example.com']}
    # both dynamic lists' members in the one more batch
    assert [body['dl']['_content'] for name, body in client.batches[1][0]] == ['n1', 'g1']


@pytest.mark.parametrize('given, query, types', [
    (dict(query='sales'), '(|(mail=*sales*)(displayName=*sales*))', 'distributionlists,dynamicgroups'),
    (dict(query='*)(uid=*'), r'(|(mail=*\2a\29\28uid=\2a*)(displayName=*\2a\29\28uid=\2a*))', 'distributionlists,dynamicgroups'),
    (dict(type='static'), None, 'distributionlists'),
    (dict(type='dynamic', query='a\\b'), r'(|(mail=*a\5cb*)(displayName=*a\5cb*))', 'dynamicgroups'),
])
def test_filters_are_escaped_and_a_type_narrows_the_search(fake_client, given, query, types):
    client = fake_client(Directory(found=()))
    dlist.info_read(client, None, params(**given))
    body = client.batches[0][0][0][1]
    assert body.get('query') == query and body['types'] == types and 'domain' not in body


def test_one_list_by_name_reads_its_domain_and_a_dynamic_groups_computed_members(fake_client):
    client = fake_client(Directory(members=['al@example.com', 'jo@example.com']))
    lists, references, inherited, facts = dlist.info_read(client, 'night@example.com', params(query='ni'))
    search, get = client.batches[0][0]
    assert search[1]['domain'] == 'example.com'
    assert search[1]['query'] == '(&(mail=night@example.com)(|(mail=*ni*)(displayName=*ni*)))'
    assert get == ('GetDistributionListRequest', {'dl': {'by': 'name', '_content': 'night@example.com'}, 'limit': 0, 'attrs': 'zimbraId'})
    assert [entry['name'] for entry in lists] == ['night@example.com']
    assert facts['night@example.com']['members'] == ['al@example.com', 'jo@example.com']
    assert facts['night@example.com']['member_count'] == 2
    assert 'zimbraMailForwardingAddress' not in lists[0]['attrs']
    assert len(client.batches) == 1  # the list's own GetDistributionList was in the one batch


def test_a_static_lists_members_by_name_are_those_of_the_search(fake_client):
    lists, references, inherited, facts = dlist.info_read(fake_client(Directory(members=['x@example.com'])), 'team@example.com', params())
    assert [entry['name'] for entry in lists] == ['team@example.com']
    assert facts['team@example.com']['members'] == ['jo@example.com', 'partner@example.org']


def test_a_name_that_is_an_alias_or_in_no_domain_finds_nothing(fake_client):
    assert dlist.info_read(fake_client(Directory()), 'staff@example.com', params())[0] == []
    missing = Directory(search_fault='account.NO_SUCH_DOMAIN')
    assert dlist.info_read(fake_client(missing), 'team@gone.example', params())[0] == []


def test_a_missing_domain_or_a_bad_type_fails_naming_the_field(fake_client):
    with pytest.raises(ValueError, match='^domain: no domain gone.example exists$'):
        dlist.info_read(fake_client(Directory(search_fault='account.NO_SUCH_DOMAIN')), None, params(domain='gone.example'))
    client = fake_client(Directory())
    with pytest.raises(ValueError, match="^type: must be one of dynamic, static, got 'mailing'$"):
        dlist.info_read(client, None, params(type='mailing'))
    with pytest.raises(ValueError, match='^domain: '):
        dlist.info_read(client, None, params(domain='bad domain'))
    assert client.batches == []


def test_a_search_entry_tells_a_dynamic_list_by_its_member_url_when_the_element_does_not():
    entry = {'name': 'night@example.com', 'attrs': {'memberURL': [URL]}}
    dlist.decode({}, entry)
    assert entry['dynamic'] is True and entry['attrs']['dynamic'] == ['TRUE'] and entry['attrs']['zimbraIsACLGroup'] == ['TRUE']
    static = {'name': 'team@example.com', 'attrs': {'zimbraMailForwardingAddress': ['jo@example.com']}}
    dlist.decode({}, static)
    assert 'dynamic' not in static and set(static['attrs']) == set(['zimbraMailForwardingAddress'])


# ------------------------------------------------------------------- run_info_module: what each list comes back with

class Exited(Exception):
    def __init__(self, result):
        super(Exited, self).__init__(result.get('msg'))
        self.result = result


class FakeModule(object):
    def __init__(self, spec, values):
        self.params = dict((key, None) for key in spec)
        self.params.update(values)
        self.check_mode, self._diff = False, False

    def exit_json(self, **result):
        raise Exited(result)

    def fail_json(self, **result):
        raise Exited(dict(result, failed=True))


def _info(monkeypatch, fake_client, directory, values):
    client = fake_client(directory)
    monkeypatch.setattr(engine, 'create_module', lambda spec, **kwargs: FakeModule(spec, values))
    monkeypatch.setattr(engine, 'create_client', lambda module: client)
    with pytest.raises(Exited) as info:
        engine.run_info_module(DLIST)
    return info.value.result


def test_every_list_carries_its_export_a_dynamic_one_without_the_members_its_url_selects(monkeypatch, fake_client):
    result = _info(monkeypatch, fake_client, Directory(members=['al@example.com']), {'domain': 'example.com'})
    assert result['msg'] == '2 lists found' and result['changed'] is False
    night, team = result['lists']  # sorted by address
    assert team['carbonio_dlist'] == {'name': 'team@example.com', 'display_name': 'The team', 'mail_enabled': True, 'hidden': True,
                                      'aliases': ['staff@example.com'], 'members': ['jo@example.com', 'partner@example.org']}
    assert 'settings' not in team
    assert night['dynamic'] is True and night['member_url'] == URL and night['member_count'] == 1
    assert night['carbonio_dlist'] == {'name': 'night@example.com', 'dynamic': True, 'acl_group': False, 'member_url': URL,
                                       'display_name': 'Night', 'mail_enabled': True}
    # Carbonio's attributes only: the option dynamic is none
    assert 'dynamic' not in night['attrs'] and night['attrs']['memberURL'] == [URL]


def test_one_list_in_detail_has_its_settings(monkeypatch, fake_client):
    result = _info(monkeypatch, fake_client, Directory(), {'name': 'team@example.com'})
    team, = result['lists']
    assert team['settings']['display_name'] == {'own': 'The team', 'effective': 'The team'}
    assert team['members'] == ['jo@example.com', 'partner@example.org'] and team['member_count'] == 2
