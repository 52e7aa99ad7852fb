"""RenameAccountRequest as LP.renameAccount does it (api-objects doc 4): the entry moves, uid and delivery address
follow, aliases of the old domain move with a cross-domain rename, static lists are rewritten, the id stays and
the old address is gone."""

from __future__ import annotations

from soap_answers import attrs_of, fault, ok


def domains(sim, *names):
    for name in names:
        sim.soap('CreateDomainRequest', name=name)


def account(sim, name, *aliases):
    account_id = ok(sim.soap('CreateAccountRequest', name=name))['CreateAccountResponse']['account'][0]['id']
    for alias in aliases:
        ok(sim.soap('AddAccountAliasRequest', id=account_id, alias=alias))
    return account_id


def static_list(sim, name, *members):
    ok(sim.soap('CreateDistributionListRequest', name=name,
                a=[{'n': 'zimbraMailForwardingAddress', '_content': member} for member in members]))


def search(sim, domain_name, types):
    body = ok(sim.soap('SearchDirectoryRequest', domain=domain_name, types=types, applyCos=0))
    response = body['SearchDirectoryResponse']
    return {entry['name']: entry for kind in ('account', 'alias', 'dl') for entry in response.get(kind, [])}


def rename(sim, account_id, new_name):
    return sim.soap('RenameAccountRequest', id=account_id, newName=new_name)


def test_rename_inside_a_domain(sim):
    domains(sim, 'same.rename.test')
    jo = account(sim, 'jo@same.rename.test', 'joey@same.rename.test')
    static_list(sim, 'team@same.rename.test', 'jo@same.rename.test', 'joey@same.rename.test')
    renamed = ok(rename(sim, jo, 'Joanna@Same.Rename.Test'))['RenameAccountResponse']['account'][0]
    assert (renamed['name'], renamed['id']) == ('joanna@same.rename.test', jo)
    attrs = attrs_of(renamed)
    assert attrs['uid'] == ['joanna'] and attrs['zimbraMailDeliveryAddress'] == ['joanna@same.rename.test']
    assert sorted(attrs['mail']) == ['joanna@same.rename.test', 'joey@same.rename.test']
    assert attrs['zimbraMailAlias'] == ['joey@same.rename.test'] and attrs['cn'] == ['joanna']
    assert 'zimbraCOSId' in attrs  # COS defaults applied to the answer
    found = search(sim, 'same.rename.test', 'accounts,aliases,distributionlists')
    assert 'jo@same.rename.test' not in found  # the old address does not become an alias
    assert found['joey@same.rename.test']['targetName'] == 'joanna@same.rename.test'
    assert sorted(attrs_of(found['team@same.rename.test'])['zimbraMailForwardingAddress']) == [
        'joanna@same.rename.test', 'joey@same.rename.test']
    status, body = sim.soap('GetAccountRequest', account={'by': 'name', '_content': 'jo@same.rename.test'})
    assert body['Body']['Fault']['Detail']['Error']['Code'] == 'account.NO_SUCH_ACCOUNT'
    assert [line['write'] for line in sim.log() if line['request'] == 'RenameAccountRequest'] == [True]


def test_rename_into_another_domain_moves_the_old_domains_aliases(sim):
    domains(sim, 'old.rename.test', 'new.rename.test', 'third.rename.test')
    mover = account(sim, 'mover@old.rename.test', 'alias@old.rename.test', 'kept@third.rename.test')
    static_list(sim, 'list@third.rename.test', 'mover@old.rename.test', 'alias@old.rename.test', 'kept@third.rename.test')
    attrs = attrs_of(ok(rename(sim, mover, 'moved@new.rename.test'))['RenameAccountResponse']['account'][0])
    assert sorted(attrs['zimbraMailAlias']) == ['alias@new.rename.test', 'kept@third.rename.test']
    assert sorted(attrs['mail']) == ['alias@new.rename.test', 'kept@third.rename.test', 'moved@new.rename.test']
    assert search(sim, 'old.rename.test', 'accounts,aliases') == {}
    moved = search(sim, 'new.rename.test', 'accounts,aliases')
    assert set(moved) == {'moved@new.rename.test', 'alias@new.rename.test'}
    assert moved['moved@new.rename.test']['id'] == mover
    assert moved['alias@new.rename.test']['targetName'] == 'moved@new.rename.test'
    third = search(sim, 'third.rename.test', 'aliases,distributionlists')
    assert third['kept@third.rename.test']['targetName'] == 'moved@new.rename.test'
    assert sorted(attrs_of(third['list@third.rename.test'])['zimbraMailForwardingAddress']) == [
        'alias@new.rename.test', 'kept@third.rename.test', 'moved@new.rename.test']


def test_rename_errors(sim):
    domains(sim, 'errors.rename.test', 'clash.rename.test')
    mine = account(sim, 'mine@errors.rename.test', 'shared@errors.rename.test')
    account(sim, 'taken@errors.rename.test')
    account(sim, 'other@clash.rename.test', 'shared@clash.rename.test')
    assert fault(rename(sim, '11111111-2222-3333-4444-555555555555', 'x@errors.rename.test')) == (
        'account.NO_SUCH_ACCOUNT', 'no such account: 11111111-2222-3333-4444-555555555555')
    assert fault(rename(sim, mine, 'x@nowhere.rename.test')) == ('account.NO_SUCH_DOMAIN', 'no such domain: nowhere.rename.test')
    assert fault(rename(sim, mine, 'taken@errors.rename.test')) == (
        'account.ACCOUNT_EXISTS', 'email address already exists: taken@errors.rename.test')
    assert fault(rename(sim, mine, 'shared@errors.rename.test'))[0] == 'account.ACCOUNT_EXISTS'  # its own alias
    assert fault(rename(sim, mine, 'no-domain')) == ('service.INVALID_REQUEST', 'invalid request: must be valid email address: no-domain')
    assert fault(rename(sim, mine, 'two words@errors.rename.test')) == ('service.INVALID_REQUEST', 'invalid request: invalid email address')
    # across domains an alias may not land on an address the new domain already has
    assert fault(rename(sim, mine, 'mine@clash.rename.test')) == (
        'account.ALIAS_EXISTS', 'email address alias already exists: [shared@clash.rename.test]')
    assert search(sim, 'errors.rename.test', 'accounts')['mine@errors.rename.test']['id'] == mine


def test_rename_refused_when_either_domain_is_suspended(sim):
    domains(sim, 'from.rename.test', 'to.rename.test')
    walker = account(sim, 'walker@from.rename.test')
    to_id = ok(sim.soap('GetDomainRequest', domain={'by': 'name', '_content': 'to.rename.test'}))['GetDomainResponse']['domain'][0]['id']
    ok(sim.soap('ModifyDomainRequest', id=to_id, a=[{'n': 'zimbraDomainStatus', '_content': 'suspended'}]))
    assert fault(rename(sim, walker, 'walker@to.rename.test')) == ('service.PERM_DENIED', 'permission denied: domain is suspended')
    ok(sim.soap('ModifyDomainRequest', id=to_id, a=[{'n': 'zimbraDomainStatus', '_content': 'active'}]))
    from_id = ok(sim.soap('GetDomainRequest', domain={'by': 'name', '_content': 'from.rename.test'}))['GetDomainResponse']['domain'][0]['id']
    ok(sim.soap('ModifyDomainRequest', id=from_id, a=[{'n': 'zimbraDomainStatus', '_content': 'suspended'}]))
    assert fault(rename(sim, walker, 'walker@to.rename.test')) == ('service.PERM_DENIED', 'permission denied: domain is suspended')
