"""A virtual host name another domain already has (features doc 1.4): CreateDomain and ModifyDomain accept it and
store it, and their answer carries a warning of type duplicate_virtual_hostname naming the other domains (not the
host names). A name only the domain itself has, or one being removed, gives no warning."""

from __future__ import annotations

from soap_answers import attrs_of, ok

MESSAGE = ('Virtual hostname conflicts detected. The following virtual hostnames are already in use by other domains: %s. '
           'This may cause routing issues.')


def hosts(*names):
    return [{'n': 'zimbraVirtualHostname', '_content': name} for name in names]


def answer(sim, request, **body):
    """(the domain answered, its warnings) of a CreateDomain or ModifyDomain."""
    response = ok(sim.soap(request, **body))[request.replace('Request', 'Response')]
    return response['domain'][0], response.get('warning', [])


def test_a_virtual_host_of_another_domain_is_taken_with_a_warning(sim):
    first, warnings = answer(sim, 'CreateDomainRequest', name='first.vhost.test', a=hosts('mail.first.vhost.test', 'shared.vhost.test'))
    assert warnings == []
    answer(sim, 'CreateDomainRequest', name='second.vhost.test', a=hosts('shared.vhost.test'))

    # CreateDomain: stored all the same, the warning names both domains that have the name
    third, warnings = answer(sim, 'CreateDomainRequest', name='third.vhost.test', a=hosts('SHARED.vhost.test', 'mail.third.vhost.test'))
    assert warnings == [{'type': 'duplicate_virtual_hostname', 'message': MESSAGE % 'first.vhost.test, second.vhost.test'}]
    assert sorted(attrs_of(third)['zimbraVirtualHostname']) == ['SHARED.vhost.test', 'mail.third.vhost.test']

    # ModifyDomain, adding: the domain's own names do not count, another domain's do
    third_id = third['id']
    warnings = answer(sim, 'ModifyDomainRequest', id=third_id, a=[{'n': '+zimbraVirtualHostname', '_content': 'mail.first.vhost.test'}])[1]
    assert warnings == [{'type': 'duplicate_virtual_hostname', 'message': MESSAGE % 'first.vhost.test'}]
    # a whole list replaced: every name it holds counts, also one the domain had (third took it meanwhile)
    modified, warnings = answer(sim, 'ModifyDomainRequest', id=first['id'], a=hosts('mail.first.vhost.test'))
    assert attrs_of(modified)['zimbraVirtualHostname'] == ['mail.first.vhost.test']
    assert warnings == [{'type': 'duplicate_virtual_hostname', 'message': MESSAGE % 'third.vhost.test'}]

    # a removal, an unrelated change and a name nobody else has: no warning
    for change in ([{'n': '-zimbraVirtualHostname', '_content': 'shared.vhost.test'}], [{'n': 'description', '_content': 'x'}],
                   [{'n': '+zimbraVirtualHostname', '_content': 'webmail.third.vhost.test'}]):
        warnings = answer(sim, 'ModifyDomainRequest', id=third_id, a=change)[1]
        assert warnings == [], change
