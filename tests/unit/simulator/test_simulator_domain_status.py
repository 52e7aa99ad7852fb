"""A suspended or shutdown domain (AccessManager.checkDomainStatus): its accounts, calendar resources, lists and
aliases cannot be created, modified or deleted (service.PERM_DENIED "permission denied: domain is suspended"),
checked on the domain of the entry and of the address; the suspended domain itself stays modifiable, and
DeleteDomain still answers DOMAIN_NOT_EMPTY."""

from __future__ import annotations

from soap_answers import ok


def refusal(answer):
    status, body = answer
    error = body['Body'].get('Fault', {})
    return status, error.get('Detail', {}).get('Error', {}).get('Code'), error.get('Reason', {}).get('Text')


CREATED = {'CreateDomainRequest': 'domain', 'CreateAccountRequest': 'account', 'CreateCalendarResourceRequest': 'calresource',
           'CreateDistributionListRequest': 'dl'}


def created(sim, request, name, *pairs):
    """The id of a new object."""
    body = ok(sim.soap(request, name=name, a=[{'n': n, '_content': v} for n, v in pairs]))
    return body[request.replace('Request', 'Response')][CREATED[request]][0]['id']


ROOM = (('displayName', 'Room'), ('zimbraCalResType', 'Location'))


def set_status(sim, domain_id, status):
    return sim.soap('ModifyDomainRequest', id=domain_id, a=[{'n': 'zimbraDomainStatus', '_content': status}])


def names(sim, domain):
    body = ok(sim.soap('SearchDirectoryRequest', domain=domain, types='accounts,resources,distributionlists,aliases', attrs='uid'))
    response = body['SearchDirectoryResponse']
    return sorted(entry['name'] for kind in ('account', 'calresource', 'dl', 'alias') for entry in response.get(kind, []))


def test_a_suspended_domain_refuses_writes_to_what_it_holds(sim):
    domain_id = created(sim, 'CreateDomainRequest', 'held.status.test')
    created(sim, 'CreateDomainRequest', 'open.status.test')
    user = created(sim, 'CreateAccountRequest', 'user@held.status.test')
    room = created(sim, 'CreateCalendarResourceRequest', 'room@held.status.test', *ROOM)
    team = created(sim, 'CreateDistributionListRequest', 'team@held.status.test')
    outside = created(sim, 'CreateAccountRequest', 'outside@open.status.test')
    ok(sim.soap('AddAccountAliasRequest', id=user, alias='alias@held.status.test'))
    before = names(sim, 'held.status.test')
    ok(set_status(sim, domain_id, 'suspended'))
    denied = [
        ('CreateAccountRequest', {'name': 'new@held.status.test'}),
        ('CreateCalendarResourceRequest', {'name': 'hall@held.status.test', 'a': [{'n': n, '_content': v} for n, v in ROOM]}),
        ('CreateDistributionListRequest', {'name': 'new-list@held.status.test'}),
        ('CreateDistributionListRequest', {'name': 'new-group@held.status.test', 'dynamic': True}),
        ('ModifyAccountRequest', {'id': user, 'a': [{'n': 'displayName', '_content': 'User'}]}),
        ('DeleteAccountRequest', {'id': user}),
        ('DeleteCalendarResourceRequest', {'id': room}),
        ('DeleteDistributionListRequest', {'id': team}),
        ('AddAccountAliasRequest', {'id': user, 'alias': 'more@held.status.test'}),
        ('RemoveAccountAliasRequest', {'id': user, 'alias': 'alias@held.status.test'}),
        # the account's domain counts, and so does the alias's
        ('AddAccountAliasRequest', {'id': user, 'alias': 'user@open.status.test'}),
        ('AddAccountAliasRequest', {'id': outside, 'alias': 'outside@held.status.test'}),
        ('RemoveAccountAliasRequest', {'id': 'e1d2a7f0-0000-4000-8000-000000000000', 'alias': 'alias@held.status.test'}),
    ]
    for request, body in denied:
        assert refusal(sim.soap(request, **body)) == (500, 'service.PERM_DENIED', 'permission denied: domain is suspended'), request
    assert names(sim, 'held.status.test') == before
    # the domain itself: modifiable while suspended, and not deletable while it holds entries
    assert refusal(sim.soap('DeleteDomainRequest', id=domain_id))[:2] == (500, 'account.DOMAIN_NOT_EMPTY')
    ok(set_status(sim, domain_id, 'active'))
    ok(sim.soap('DeleteAccountRequest', id=user))
    ok(sim.soap('CreateAccountRequest', name='new@held.status.test'))


def test_a_shutdown_domain_refuses_them_too(sim):
    # shutdown cannot be set by ModifyDomain, but CreateDomain takes the status without the callback (api doc 13.2)
    created(sim, 'CreateDomainRequest', 'down.status.test', ('zimbraDomainStatus', 'shutdown'))
    assert refusal(sim.soap('CreateAccountRequest', name='user@down.status.test')) == (
        500, 'service.PERM_DENIED', 'permission denied: domain is shutdown')


def test_other_statuses_allow_writes(sim):
    domain_id = created(sim, 'CreateDomainRequest', 'locked.status.test')
    for status in ('locked', 'maintenance', 'closed'):
        ok(set_status(sim, domain_id, status))
        user = created(sim, 'CreateAccountRequest', f'{status}@locked.status.test')
        ok(sim.soap('DeleteAccountRequest', id=user))
