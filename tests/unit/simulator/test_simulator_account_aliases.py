"""RemoveAccountAliasRequest as LP.removeAliasInternal does it (api-objects doc 3): the address leaves the account's
mail/zimbraMailAlias and the static lists, the alias entry goes when it points to the account or to nothing,
NO_SUCH_ALIAS only for an existing account, and an unknown id still cleans up a dangling alias."""

from __future__ import annotations

import uuid

from behind_its_back import ldapmodify
from soap_answers import fault_code, ok


def domain(sim, name):
    return ok(sim.soap('CreateDomainRequest', name=name))['CreateDomainResponse']['domain'][0]['id']


def account(sim, name):
    return ok(sim.soap('CreateAccountRequest', name=name))['CreateAccountResponse']['account'][0]['id']


def static_list(sim, name, *members):
    body = ok(sim.soap('CreateDistributionListRequest', name=name,
                       a=[{'n': 'zimbraMailForwardingAddress', '_content': member} for member in members]))
    return body['CreateDistributionListResponse']['dl'][0]['id']


def search(sim, domain_name, types, query=''):
    body = ok(sim.soap('SearchDirectoryRequest', domain=domain_name, types=types, query=query, applyCos=0))
    response = body['SearchDirectoryResponse']
    return {entry['name']: entry for kind in ('account', 'alias', 'dl') for entry in response.get(kind, [])}


def values(entry, name):
    return [a['_content'] for a in entry.get('a', []) if a['n'] == name]


def test_removes_the_alias_everywhere(sim):
    domain(sim, 'rm.alias.test')
    owner = account(sim, 'owner@rm.alias.test')
    ok(sim.soap('AddAccountAliasRequest', id=owner, alias='Al@rm.alias.test'))
    static_list(sim, 'team@rm.alias.test', 'al@rm.alias.test', 'someone@else.test')
    body = ok(sim.soap('RemoveAccountAliasRequest', id=owner, alias='AL@rm.alias.test'))
    assert body == {'RemoveAccountAliasResponse': {'_jsns': 'urn:zimbraAdmin'}}
    found = search(sim, 'rm.alias.test', 'accounts,aliases,distributionlists')
    assert 'al@rm.alias.test' not in found
    assert values(found['owner@rm.alias.test'], 'mail') == ['owner@rm.alias.test']
    assert values(found['owner@rm.alias.test'], 'zimbraMailAlias') == []
    assert values(found['team@rm.alias.test'], 'zimbraMailForwardingAddress') == ['someone@else.test']
    assert [line['write'] for line in sim.log() if line['request'] == 'RemoveAccountAliasRequest'] == [True]


def test_no_such_alias_for_a_missing_alias_or_another_accounts(sim):
    domain(sim, 'other.alias.test')
    mine, theirs = account(sim, 'mine@other.alias.test'), account(sim, 'theirs@other.alias.test')
    ok(sim.soap('AddAccountAliasRequest', id=theirs, alias='shared@other.alias.test'))
    static_list(sim, 'list@other.alias.test', 'shared@other.alias.test')
    assert fault_code(sim.soap('RemoveAccountAliasRequest', id=mine, alias='nothing@other.alias.test')) == 'account.NO_SUCH_ALIAS'
    status, body = sim.soap('RemoveAccountAliasRequest', id=mine, alias='shared@other.alias.test')
    assert body['Body']['Fault']['Reason']['Text'] == 'no such alias: shared@other.alias.test'
    # the other account's alias and its list membership are untouched
    found = search(sim, 'other.alias.test', 'accounts,aliases,distributionlists')
    assert found['shared@other.alias.test']['targetName'] == 'theirs@other.alias.test'
    assert 'shared@other.alias.test' in values(found['theirs@other.alias.test'], 'zimbraMailAlias')
    assert values(found['list@other.alias.test'], 'zimbraMailForwardingAddress') == ['shared@other.alias.test']
    assert fault_code(sim.soap('RemoveAccountAliasRequest', id=mine, alias='x@nowhere.alias.test')) == 'account.NO_SUCH_DOMAIN'


def test_an_unknown_id_still_removes_a_dangling_alias(sim):
    domain(sim, 'dangling.alias.test')
    owner = account(sim, 'owner@dangling.alias.test')
    ok(sim.soap('AddAccountAliasRequest', id=owner, alias='left@dangling.alias.test'))
    static_list(sim, 'list@dangling.alias.test', 'left@dangling.alias.test')
    ldapmodify(sim, 'dn: uid=left,ou=people,dc=dangling,dc=alias,dc=test\nchangetype: modify\n'
                    f'replace: zimbraAliasTargetId\nzimbraAliasTargetId: {uuid.uuid4()}\n')
    ok(sim.soap('RemoveAccountAliasRequest', id=str(uuid.uuid4()), alias='left@dangling.alias.test'))
    found = search(sim, 'dangling.alias.test', 'aliases,distributionlists')
    assert 'left@dangling.alias.test' not in found
    assert values(found['list@dangling.alias.test'], 'zimbraMailForwardingAddress') == []
    # nothing to remove and nobody to answer to: no fault either
    ok(sim.soap('RemoveAccountAliasRequest', id=str(uuid.uuid4()), alias='never@dangling.alias.test'))


def test_a_domain_holding_an_alias_of_another_domains_account_can_be_emptied_and_deleted(sim):
    domain(sim, 'home.alias.test')
    alias_domain = domain(sim, 'away.alias.test')
    owner = account(sim, 'user@home.alias.test')
    ok(sim.soap('AddAccountAliasRequest', id=owner, alias='user@away.alias.test'))
    assert fault_code(sim.soap('DeleteDomainRequest', id=alias_domain)) == 'account.DOMAIN_NOT_EMPTY'
    ok(sim.soap('RemoveAccountAliasRequest', id=owner, alias='user@away.alias.test'))
    ok(sim.soap('DeleteDomainRequest', id=alias_domain))
    found = search(sim, 'home.alias.test', 'accounts')
    assert values(found['user@home.alias.test'], 'mail') == ['user@home.alias.test']
