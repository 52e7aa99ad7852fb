# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domain description: a virtual host another domain has is refused, read in the module's one read batch."""

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
