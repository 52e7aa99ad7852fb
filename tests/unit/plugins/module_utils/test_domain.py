# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domain description: a virtual host another domain has is refused, read in the module's one read batch; a purge
deletes the domain's objects in pages."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._objects import domain
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import BatchItem, CarbonioFault

A = {'name': 'a.test', 'id': 'a1', 'attrs': {'zimbraVirtualHostname': ['mail.a.test']}}


def params(**given):
    found = dict((key, option.get('default')) for key, option in DOMAIN.argument_spec().items())
    found.update(given)
    return found


class Run(object):
    def __init__(self, name, **given):
        self.name, self.params = name, params(**given)


def owners(*domains):
    """The answer to the owners search: domains with their virtual hosts."""
    answer = {'domain': [{'name': name, 'id': name + '-id', 'a': [{'n': 'zimbraVirtualHostname', '_content': h} for h in hosts]}
                         for name, hosts in domains]}
    return [BatchItem('0', 'SearchDirectoryRequest', answer, None)]


def check(name, current, items, **given):
    run = Run(name, **given)
    wanted = DOMAIN.parse(run.params)[0]
    domain.check(run, current, wanted, items)


def test_only_tasks_that_set_or_add_virtual_hosts_read_their_owners():
    assert domain.reads(['a.test'], {}, params()) == []
    assert domain.reads(['a.test'], {}, params(virtual_hostnames=['mail.b.test'], virtual_hostnames_mode='absent')) == []
    assert domain.reads(['a.test'], {}, params(virtual_hostnames=[])) == []
    (name, body), = domain.reads(['a.test'], {}, params(virtual_hostnames=['Web.A.test', 'mail.a.test', 'mail.a.test']))
    assert name == 'SearchDirectoryRequest' and body['types'] == 'domains'
    assert body['query'] == '(|(zimbraVirtualHostname=mail.a.test)(zimbraVirtualHostname=web.a.test))'
    (name, body), = domain.reads(['a.test'], {}, params(attrs={'zimbraVirtualHostname': 'web.a.test'}))
    assert body['query'] == '(|(zimbraVirtualHostname=web.a.test))'


@pytest.mark.parametrize('given, message', [
    (dict(virtual_hostnames=['web.a.test', 'MAIL.B.test']), 'virtual_hostnames[1]: mail.b.test is already a virtual host of domain b.test'),
    (dict(virtual_hostnames=['mail.b.test'], virtual_hostnames_mode='present'),
     'virtual_hostnames[0]: mail.b.test is already a virtual host of domain b.test'),
    (dict(attrs={'zimbraVirtualHostname': ['web.a.test', 'mail.b.test']}),
     'attrs.zimbraVirtualHostname[1]: mail.b.test is already a virtual host of domain b.test'),
    (dict(attrs={'zimbraVirtualHostname': 'mail.b.test'}), 'attrs.zimbraVirtualHostname: mail.b.test is already a virtual host of domain b.test'),
])
def test_a_virtual_host_of_another_domain_is_refused_naming_the_field_the_host_and_its_domain(given, message):
    # Carbonio stores host names as given and compares them without regard to case
    with pytest.raises(ValueError) as error:
        check('a.test', A, owners(('b.test', ['Mail.B.test'])), **given)
    assert str(error.value) == message


def test_a_new_domain_is_refused_too():
    with pytest.raises(ValueError, match=r'^virtual_hostnames\[0\]: mail.b.test is already a virtual host of domain b.test$'):
        check('new.test', None, owners(('b.test', ['mail.b.test'])), virtual_hostnames=['mail.b.test'])


def test_the_domains_own_hosts_a_removal_and_free_hosts_pass():
    # the search finds the domain itself for its own hosts
    check('a.test', A, owners(('a.test', ['mail.a.test'])), virtual_hostnames=['MAIL.a.test', 'web.a.test'])
    # a host it already shares with another domain is not made worse by listing it again
    check('a.test', A, owners(('b.test', ['mail.a.test'])), virtual_hostnames=['mail.a.test'])
    check('a.test', A, [], virtual_hostnames=['mail.b.test'], virtual_hostnames_mode='absent')
    check('a.test', A, [], status='active')
    check('a.test', A, owners(), virtual_hostnames=['web.a.test'])


def test_a_refused_owners_search_is_raised():
    fault = CarbonioFault('service.PERM_DENIED', 'permission denied')
    with pytest.raises(CarbonioFault):
        check('a.test', A, [BatchItem('0', 'SearchDirectoryRequest', None, fault)], virtual_hostnames=['web.a.test'])


class Failed(Exception):
    pass


class Module(object):
    check_mode = False


class PurgeRun(object):
    """What before_delete uses of the engine's run: a failure raises with the result it would report."""

    def __init__(self, client):
        self.client, self.type, self.module, self.result = client, DOMAIN, Module(), {}
        self.params = params(name='p.test', state='absent', purge=True)

    def fail(self, msg, **extra):
        raise Failed(msg, dict(self.result, **extra))


class Contents(object):
    """p.test's objects as Carbonio keeps them: a list, a calendar resource, an account and an alias of an account of
    another domain; `kept` deletes do not happen."""

    GONE = {'GetDistributionListRequest': 'account.NO_SUCH_DISTRIBUTION_LIST', 'GetAccountRequest': 'account.NO_SUCH_ACCOUNT'}

    def __init__(self, kept=()):
        self.objects = {'l1': ('dl', 'team@p.test'), 'r1': ('calresource', 'room@p.test'), 'a1': ('account', 'jo@p.test')}
        self.alias = 'x@p.test'  # of bob@other.test (b1)
        self.kept = set(kept)

    def search(self):
        found = {}
        for key, (kind, name) in sorted(self.objects.items()):
            found.setdefault(kind, []).append({'name': name, 'id': key, 'a': []})
        if self.alias:
            found['alias'] = [{'name': self.alias, 'id': 'x1', 'targetName': 'bob@other.test', 'type': 'account',
                               'a': [{'n': 'zimbraAliasTargetId', '_content': 'b1'}]}]
        return found

    def __call__(self, name, body):
        if name.startswith('Get'):
            key = (body.get('account') or body.get('dl'))['_content']
            if key == 'b1':
                return {'account': [{'name': 'bob@other.test', 'id': 'b1', 'a': [{'n': 'zimbraMailAlias', '_content': self.alias}]
                                     if self.alias else []}]}
            return self.GONE[name] if key not in self.objects else {'account' if name == 'GetAccountRequest' else 'dl': [
                {'name': self.objects[key][1], 'id': key, 'a': []}]}
        if name == 'RemoveAccountAliasRequest':
            self.alias = None if 'x1' not in self.kept else self.alias
        elif body['id'] not in self.kept:
            self.objects.pop(body['id'])
        return None


def purge_client(fake_client, contents, lost=()):
    class Client(fake_client):
        def soap(self, name, body=None):
            assert name == 'SearchDirectoryRequest' and body['domain'] == 'p.test'
            return contents.search()
    return Client(contents, lost=lost)


def test_a_purge_deletes_every_object_in_one_page_of_several_types(fake_client):
    client = purge_client(fake_client, Contents())
    run = PurgeRun(client)
    domain.before_delete(run, {'name': 'p.test', 'id': 'p1', 'attrs': {}})
    assert [name for name, body in client.batches[0][0]] == [
        'RemoveAccountAliasRequest', 'DeleteDistributionListRequest', 'DeleteCalendarResourceRequest', 'DeleteAccountRequest']
    assert len(client.batches) == 1 and client.batches[0][2] is False
    assert run.result['deleted_items'] == ['x@p.test', 'team@p.test', 'room@p.test', 'jo@p.test'] and run.result['changed'] is True
    assert run.result['purged'] == dict(accounts=1, distribution_lists=1, calendar_resources=1, aliases=1)


def test_a_purge_whose_page_was_lost_reads_each_object_back_and_keeps_the_domain(fake_client):
    # the page ran except for the account's delete, and its answer was lost
    client = purge_client(fake_client, Contents(kept={'a1'}), lost={0})
    run = PurgeRun(client)
    with pytest.raises(Failed) as failed:
        domain.before_delete(run, {'name': 'p.test', 'id': 'p1', 'attrs': {}})
    msg, result = failed.value.args
    assert msg == 'could not delete 1 of the objects in domain p.test (3 deleted); the domain was kept'
    # sent once, then read back: the alias through its target, the resource as an account
    assert len(client.batches) == 2 and client.batches[1][2] is True
    assert client.batches[1][0] == [('GetAccountRequest', {'account': {'by': 'id', '_content': 'b1'}, 'applyCos': 0}),
                                    ('GetDistributionListRequest', {'dl': {'by': 'id', '_content': 'l1'}}),
                                    ('GetAccountRequest', {'account': {'by': 'id', '_content': 'r1'}, 'applyCos': 0}),
                                    ('GetAccountRequest', {'account': {'by': 'id', '_content': 'a1'}, 'applyCos': 0})]
    assert result['deleted_items'] == ['x@p.test', 'team@p.test', 'room@p.test'] and result['changed'] is True
    assert [(item['name'], item['code']) for item in result['failed_items']] == [('jo@p.test', 'outcome.UNKNOWN')]


def test_objects_deleted_meanwhile_count_as_deleted(fake_client):
    contents = Contents()

    def answer(name, body):
        # someone else deleted the list and removed the alias after the purge read them
        return {'DeleteDistributionListRequest': 'account.NO_SUCH_DISTRIBUTION_LIST',
                'RemoveAccountAliasRequest': 'account.NO_SUCH_ALIAS'}.get(name) or contents(name, body)
    client = purge_client(fake_client, contents)
    client.answer = answer
    run = PurgeRun(client)
    domain.before_delete(run, {'name': 'p.test', 'id': 'p1', 'attrs': {}})
    assert run.result['deleted_items'] == ['x@p.test', 'team@p.test', 'room@p.test', 'jo@p.test']
