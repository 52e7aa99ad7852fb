"""ModifyAccountRequest's rules as ADM/ModifyAccount and the AccountStatus callback apply them (api-objects doc 2):
immutable attributes, zimbraCOSId and zimbraMailQuota checked first, mail status following the account status,
a closed account leaving every static list, the answer re-read with COS defaults."""

from __future__ import annotations

import pytest

from soap_answers import attrs_of, fault, ok


DEFAULT_COS_ID = 'e00428a1-0c00-11d9-836a-000d93afea2a'


def account(sim, name):
    sim.soap('CreateDomainRequest', name=name.split('@')[1])
    return ok(sim.soap('CreateAccountRequest', name=name))['CreateAccountResponse']['account'][0]['id']


def modify(sim, account_id, *attrs):
    return sim.soap('ModifyAccountRequest', id=account_id, a=[{'n': n, '_content': v} for n, v in attrs])


def own_attrs(sim, account_id):
    body = ok(sim.soap('GetAccountRequest', account={'by': 'id', '_content': account_id}, applyCos=0))
    return attrs_of(body['GetAccountResponse']['account'][0])


@pytest.mark.parametrize('name', ['mail', 'zimbraMailAlias', 'zimbraMailDeliveryAddress', 'uid', 'zimbraId',
                                  'zimbraCreateTimestamp', 'zimbraMemberOf'])
def test_immutable_attributes_are_refused(sim, name):
    target = account(sim, f'{name.lower()}@immutable.modify.test')
    value = {'zimbraId': target, 'zimbraMemberOf': target, 'zimbraCreateTimestamp': '20240101000000Z'}.get(name, 'x@immutable.modify.test')
    assert fault(modify(sim, target, (name, value))) == ('service.INVALID_REQUEST', f'invalid request: {name} is immutable')


def test_cos_is_checked_first_and_an_empty_value_removes_it(sim):
    target = account(sim, 'cos@cos.modify.test')
    unknown = '11111111-2222-3333-4444-555555555555'
    # checked before the values: the immutable attribute in the same request is not what is reported
    assert fault(modify(sim, target, ('zimbraCOSId', unknown), ('uid', 'other'))) == ('account.NO_SUCH_COS', f'no such cos: {unknown}')
    sim.soap('CreateCosRequest', name={'_content': 'modify-cos'})
    cos_id = ok(sim.soap('GetCosRequest', cos={'by': 'name', '_content': 'modify-cos'}))['GetCosResponse']['cos'][0]['id']
    answer = ok(modify(sim, target, ('zimbraCOSId', cos_id)))
    assert attrs_of(answer['ModifyAccountResponse']['account'][0])['zimbraCOSId'] == [cos_id]
    answer = ok(modify(sim, target, ('zimbraCOSId', '')))
    # removed: the answer shows the effective COS again, the entry has none
    assert attrs_of(answer['ModifyAccountResponse']['account'][0])['zimbraCOSId'] == [DEFAULT_COS_ID]
    assert 'zimbraCOSId' not in own_attrs(sim, target)


def test_quota_must_be_a_long(sim):
    target = account(sim, 'quota@quota.modify.test')
    assert fault(modify(sim, target, ('zimbraMailQuota', '10GB'))) == (
        'account.INVALID_ATTR_VALUE', 'can not modify mail quota (invalid format): 10GB')
    ok(modify(sim, target, ('zimbraMailQuota', '1073741824')))
    assert own_attrs(sim, target)['zimbraMailQuota'] == ['1073741824']


def test_status_sets_the_mail_status(sim):
    target = account(sim, 'status@status.modify.test')
    assert fault(modify(sim, target, ('zimbraAccountStatus', ''))) == (
        'service.INVALID_REQUEST', 'invalid request: zimbraAccountStatus is a required attribute')
    for status, mail_status, expected in (('locked', None, 'enabled'), ('pending', 'enabled', 'disabled'),
                                          ('maintenance', None, 'enabled'), ('active', 'disabled', 'disabled'),
                                          ('active', None, 'enabled')):
        attrs = [('zimbraAccountStatus', status)] + ([('zimbraMailStatus', mail_status)] if mail_status else [])
        body = ok(modify(sim, target, *attrs))
        assert attrs_of(body['ModifyAccountResponse']['account'][0])['zimbraMailStatus'] == [expected], (status, mail_status)


def test_active_clears_the_lockout_and_the_callback_runs_on_create_too(sim):
    target = account(sim, 'locked@lockout.modify.test')
    ok(modify(sim, target, ('zimbraAccountStatus', 'lockout'), ('zimbraPasswordLockoutLockedTime', '20240101000000Z')))
    ok(modify(sim, target, ('zimbraAccountStatus', 'active')))
    assert 'zimbraPasswordLockoutLockedTime' not in own_attrs(sim, target)
    body = ok(sim.soap('CreateAccountRequest', name='born-closed@lockout.modify.test', a=[{'n': 'zimbraAccountStatus', '_content': 'closed'}]))
    assert attrs_of(body['CreateAccountResponse']['account'][0])['zimbraMailStatus'] == ['disabled']


def test_a_closed_account_leaves_every_static_list(sim):
    target = account(sim, 'closing@closed.modify.test')
    ok(sim.soap('AddAccountAliasRequest', id=target, alias='alias@closed.modify.test'))
    members = ['closing@closed.modify.test', 'alias@closed.modify.test', 'someone@else.test']
    ok(sim.soap('CreateDistributionListRequest', name='team@closed.modify.test',
                a=[{'n': 'zimbraMailForwardingAddress', '_content': member} for member in members]))
    body = ok(modify(sim, target, ('zimbraAccountStatus', 'closed')))
    assert attrs_of(body['ModifyAccountResponse']['account'][0])['zimbraMailStatus'] == ['disabled']
    found = ok(sim.soap('SearchDirectoryRequest', domain='closed.modify.test', types='distributionlists'))
    team = found['SearchDirectoryResponse']['dl'][0]
    assert attrs_of(team)['zimbraMailForwardingAddress'] == ['someone@else.test']
