"""The raw SOAP requests the simulator's list tests send again and again (one place, not one copy per test file)."""

from __future__ import annotations

from soap_answers import attrs_of, ok


def domain(sim, name):
    return ok(sim.soap('CreateDomainRequest', name=name))['CreateDomainResponse']['domain'][0]['id']


def account(sim, name, *attrs):
    body = ok(sim.soap('CreateAccountRequest', name=name, a=[{'n': n, '_content': v} for n, v in attrs]))
    return body['CreateAccountResponse']['account'][0]['id']


def create_list(sim, name, *attrs, dynamic=False):
    """CreateDistributionListRequest's answer (`dl`), `attrs` as (name, value) pairs."""
    request = {'name': name, 'a': [{'n': n, '_content': v} for n, v in attrs]}
    if dynamic:
        request['dynamic'] = True
    return ok(sim.soap('CreateDistributionListRequest', **request))['CreateDistributionListResponse']['dl'][0]


def static_list(sim, name, *members):
    return create_list(sim, name, *[('zimbraMailForwardingAddress', member) for member in members])['id']


def dlm(*addresses):
    return [{'_content': address} for address in addresses]


def get_list(sim, key, by='id', **request):
    """(status, body) of GetDistributionListRequest."""
    return sim.soap('GetDistributionListRequest', dl={'by': by, '_content': key}, **request)


def members(sim, list_id):
    found = ok(get_list(sim, list_id))['GetDistributionListResponse']['dl'][0]
    return [member['_content'] for member in found.get('dlm', [])]


def entry_attrs(sim, domain_name, name, types='accounts,distributionlists,dynamicgroups,aliases'):
    """{attr: [values]} of one entry as SearchDirectory shows it (without COS defaults), or None."""
    body = ok(sim.soap('SearchDirectoryRequest', domain=domain_name, types=types, applyCos=0))['SearchDirectoryResponse']
    for kind in ('account', 'dl', 'alias'):
        for entry in body.get(kind, []):
            if entry['name'] == name:
                return attrs_of(entry)
    return None


def action(sim, list_key, operation, by='id', token=None, **fields):
    """(status, body) of DistributionListActionRequest in urn:zimbraAccount through the admin URL (the admin's
    token unless another is given)."""
    if token is None:
        if sim.token is None:
            sim.login()
        token = sim.token
    body = {'_jsns': 'urn:zimbraAccount', 'dl': {'by': by, '_content': list_key}, 'action': dict(fields, op=operation)}
    return sim.post({'Header': {'context': {'_jsns': 'urn:zimbra', 'authToken': {'_content': token}}},
                     'Body': {'DistributionListActionRequest': body}})


def grants(sim, target, kind='dl', by='id'):
    """(grantee type, grantee id, grantee name, right, modifiers set) of every grant GetGrants lists on a target."""
    body = ok(sim.soap('GetGrantsRequest', target={'type': kind, 'by': by, '_content': target}))['GetGrantsResponse']
    found = []
    for grant in body.get('grant', []):
        grantee, right = grant['grantee'][0], grant['right'][0]
        flags = {flag for flag in ('deny', 'canDelegate', 'disinheritSubGroups', 'subDomain') if right[flag]}
        found.append((grantee['type'], grantee['id'], grantee.get('name'), right['_content'], frozenset(flags)))
    return found
