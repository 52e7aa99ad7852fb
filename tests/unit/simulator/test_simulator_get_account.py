"""GetAccountRequest, CreateAccountRequest's checks and answer, and GetAccountMembershipRequest as Carbonio answers
them (api-objects doc 2): COS defaults applied unless applyCos=0, strict `attrs`, VALUE-BLOCKED passwords, an
unknown COS refused before any write, the password policy of the effective COS."""

from __future__ import annotations

from soap_answers import attrs_of, fault, ok


DEFAULT_COS_ID = 'e00428a1-0c00-11d9-836a-000d93afea2a'


def get_account(sim, key, by='name', **request):
    return sim.soap('GetAccountRequest', account={'by': by, '_content': key}, **request)


def the_account(answer, response='GetAccountResponse'):
    accounts = ok(answer)[response]['account']
    assert len(accounts) == 1
    return accounts[0]


def cos_id(sim, name, *attrs):
    sim.soap('CreateCosRequest', name={'_content': name}, a=[{'n': n, '_content': v} for n, v in attrs])
    return ok(sim.soap('GetCosRequest', cos={'by': 'name', '_content': name}))['GetCosResponse']['cos'][0]['id']


def test_get_account_applies_the_cos_unless_told_not_to(sim):
    sim.soap('CreateDomainRequest', name='get.account.test')
    created = the_account(sim.soap('CreateAccountRequest', name='Jo@Get.Account.Test', a=[{'n': 'displayName', '_content': 'Jo'}]),
                          'CreateAccountResponse')
    assert created['name'] == 'jo@get.account.test' and 'isExternal' not in created
    assert attrs_of(created)['zimbraCOSId'] == [DEFAULT_COS_ID]  # the answer carries the COS defaults too
    default_quota = attrs_of(ok(sim.soap('GetCosRequest', cos={'by': 'id', '_content': DEFAULT_COS_ID}))['GetCosResponse']['cos'][0])['zimbraMailQuota']
    for found in (the_account(get_account(sim, 'JO@get.account.test')), the_account(get_account(sim, created['id'], by='id'))):
        assert (found['name'], found['id']) == ('jo@get.account.test', created['id'])
        assert 'isExternal' not in found
        attrs = attrs_of(found)
        assert attrs['zimbraCOSId'] == [DEFAULT_COS_ID] and attrs['zimbraMailQuota'] == default_quota
        assert attrs['displayName'] == ['Jo']
    own = attrs_of(the_account(get_account(sim, created['id'], by='id', applyCos=0)))
    assert 'zimbraCOSId' not in own and 'zimbraMailQuota' not in own and own['displayName'] == ['Jo']
    assert {line['write'] for line in sim.log() if line['request'] == 'GetAccountRequest'} == {False}


def test_get_account_attrs_are_strict_and_passwords_blocked(sim):
    sim.soap('CreateDomainRequest', name='attrs.account.test')
    ok(sim.soap('CreateAccountRequest', name='pw@attrs.account.test', password='Secret-123'))
    found = the_account(get_account(sim, 'pw@attrs.account.test', attrs='userPassword,zimbraMailForwardingAddress,zimbraCOSId'))
    assert attrs_of(found) == {'userPassword': ['VALUE-BLOCKED'], 'zimbraCOSId': [DEFAULT_COS_ID]}
    assert fault(get_account(sim, 'pw@attrs.account.test', attrs='displayName,zimbraDomainName')) == (
        'service.INVALID_REQUEST', 'invalid request: requested attribute zimbraDomainName is not on account')


def test_get_account_finds_an_alias_and_names_the_missing_key(sim):
    sim.soap('CreateDomainRequest', name='missing.account.test')
    owner = the_account(sim.soap('CreateAccountRequest', name='owner@missing.account.test'), 'CreateAccountResponse')
    ok(sim.soap('AddAccountAliasRequest', id=owner['id'], alias='other@missing.account.test'))
    assert the_account(get_account(sim, 'other@missing.account.test'))['name'] == 'owner@missing.account.test'
    assert fault(get_account(sim, 'Nobody@missing.account.test')) == ('account.NO_SUCH_ACCOUNT', 'no such account: Nobody@missing.account.test')


def test_create_account_refuses_an_unknown_cos_before_writing(sim):
    sim.soap('CreateDomainRequest', name='cos.create.test')
    unknown = '11111111-2222-3333-4444-555555555555'
    answer = sim.soap('CreateAccountRequest', name='x@cos.create.test', a=[{'n': 'zimbraCOSId', '_content': unknown}])
    assert fault(answer) == ('account.NO_SUCH_COS', f'no such cos: {unknown}')
    assert fault(get_account(sim, 'x@cos.create.test'))[0] == 'account.NO_SUCH_ACCOUNT'


def test_create_account_checks_the_password_against_the_effective_cos(sim):
    sim.soap('CreateDomainRequest', name='policy.create.test')
    assert fault(sim.soap('CreateAccountRequest', name='short@policy.create.test', password='abc12')) == (
        'account.INVALID_PASSWORD', 'invalid password: too short')
    assert fault(get_account(sim, 'short@policy.create.test'))[0] == 'account.NO_SUCH_ACCOUNT'
    strict = cos_id(sim, 'strict-passwords', ('zimbraPasswordMinUpperCaseChars', '1'), ('zimbraPasswordMinNumericChars', '2'))
    in_strict = [{'n': 'zimbraCOSId', '_content': strict}]
    assert fault(sim.soap('CreateAccountRequest', name='a@policy.create.test', password='lowercase-99', a=in_strict)) == (
        'account.INVALID_PASSWORD', 'invalid password: not enough upper case characters')
    assert fault(sim.soap('CreateAccountRequest', name='a@policy.create.test', password='Uppercase-9', a=in_strict)) == (
        'account.INVALID_PASSWORD', 'invalid password: not enough numeric characters')
    created = the_account(sim.soap('CreateAccountRequest', name='a@policy.create.test', password='Uppercase-99', a=in_strict),
                          'CreateAccountResponse')
    assert attrs_of(created)['zimbraCOSId'] == [strict]
    # the account's own policy attributes win over its COS's
    own_minimum = [{'n': 'zimbraPasswordMinLength', '_content': '12'}]
    assert fault(sim.soap('CreateAccountRequest', name='b@policy.create.test', password='Long-enough', a=own_minimum)) == (
        'account.INVALID_PASSWORD', 'invalid password: too short')


def test_create_account_checks_every_rule_of_the_policy(sim):
    """MinAlpha (any character neither digit nor punctuation), MinDigitsOrPuncs, and the allowed characters and
    punctuation (LP.checkPasswordStrength)."""
    sim.soap('CreateDomainRequest', name='rules.create.test')
    counted = [{'n': 'zimbraCOSId', '_content': cos_id(
        sim, 'counted', ('zimbraPasswordMinAlphaChars', '6'), ('zimbraPasswordMinDigitsOrPuncs', '3'),
        ('zimbraPasswordMaxLength', '16'))}]
    allowed = [{'n': 'zimbraCOSId', '_content': cos_id(
        sim, 'allowed', ('zimbraPasswordAllowedChars', '[A-Za-z0-9#!-]'), ('zimbraPasswordAllowedPunctuationChars', '[#]'),
        ('zimbraPasswordMinPunctuationChars', '1'))}]
    broken = [{'n': 'zimbraCOSId', '_content': cos_id(sim, 'broken', ('zimbraPasswordAllowedChars', '[a-z'))}]
    for password, attrs, reason in [
            ('12345!?abc', counted, 'not enough alpha characters'),
            ('Abcdefghij1!', counted, 'not enough numeric or punctuation characters'),
            ('Abcdefgh-123456789', counted, 'too long'),
            ('', counted, 'too short'),
            ('Abc$1234#x', allowed, '$ is not an allowed character'),
            ('Abc-1234!x', allowed, 'not enough punctuation characters'),
            ('Abcdefgh-1', broken, 'zimbraPasswordAllowedChars is not valid regex: ')]:
        code, message = fault(sim.soap('CreateAccountRequest', name='r@rules.create.test', password=password, a=attrs))
        assert code == 'account.INVALID_PASSWORD' and message.startswith('invalid password: ' + reason)
    assert fault(get_account(sim, 'r@rules.create.test'))[0] == 'account.NO_SUCH_ACCOUNT'
    ok(sim.soap('CreateAccountRequest', name='r@rules.create.test', password='Abcdefg-1!', a=counted))
    ok(sim.soap('CreateAccountRequest', name='s@rules.create.test', password='Abc-1234#x', a=allowed))


def test_account_membership_lists_the_static_lists_of_any_of_its_addresses(sim):
    sim.soap('CreateDomainRequest', name='member.account.test')
    member = the_account(sim.soap('CreateAccountRequest', name='m@member.account.test'), 'CreateAccountResponse')
    ok(sim.soap('AddAccountAliasRequest', id=member['id'], alias='m2@member.account.test'))
    lists = {}
    for name, address in (('by-name@member.account.test', 'm@member.account.test'), ('by-alias@member.account.test', 'm2@member.account.test'),
                          ('other@member.account.test', 'someone@else.test')):
        answer = sim.soap('CreateDistributionListRequest', name=name, a=[{'n': 'zimbraMailForwardingAddress', '_content': address}])
        lists[name] = ok(answer)['CreateDistributionListResponse']['dl'][0]['id']
    body = ok(sim.soap('GetAccountMembershipRequest', account={'by': 'id', '_content': member['id']}))
    assert body['GetAccountMembershipResponse']['dl'] == [
        {'name': 'by-alias@member.account.test', 'id': lists['by-alias@member.account.test'], 'dynamic': False},
        {'name': 'by-name@member.account.test', 'id': lists['by-name@member.account.test'], 'dynamic': False}]
    loner = the_account(sim.soap('CreateAccountRequest', name='loner@member.account.test'), 'CreateAccountResponse')
    body = ok(sim.soap('GetAccountMembershipRequest', account={'by': 'name', '_content': loner['name']}))
    assert body == {'GetAccountMembershipResponse': {'_jsns': 'urn:zimbraAdmin'}}
    answer = sim.soap('GetAccountMembershipRequest', account={'by': 'name', '_content': 'gone@member.account.test'})
    assert fault(answer) == ('account.NO_SUCH_ACCOUNT', 'no such account: gone@member.account.test')
    assert {line['write'] for line in sim.log() if line['request'] == 'GetAccountMembershipRequest'} == {False}
