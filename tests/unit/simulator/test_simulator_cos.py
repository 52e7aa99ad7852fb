"""Classes of service as Carbonio's COS handlers treat them (api-objects doc 1.1 and 6): element-form
name/id/newName, lowercased names, copy rules, protected default COSes, deletion that leaves ids dangling."""

from __future__ import annotations

import pytest

DEFAULT_COS_ID = 'e00428a1-0c00-11d9-836a-000d93afea2a'


def fault(body):
    error = body['Body']['Fault']
    return error['Detail']['Error']['Code'], error['Reason']['Text']


def cos_of(body, response):
    return body['Body'][response]['cos'][0]


def values(cos, name):
    return [a['_content'] for a in cos.get('a', []) if a['n'] == name]


def create(sim, name, *pairs):
    status, body = sim.soap('CreateCosRequest', name={'_content': name}, a=[{'n': n, '_content': v} for n, v in pairs])
    assert status == 200, body
    return cos_of(body, 'CreateCosResponse')


@pytest.mark.parametrize('request_name, body', [
    ('CreateCosRequest', {'name': 'gold'}),
    ('CopyCosRequest', {'name': 'gold', 'cos': {'by': 'name', '_content': 'default'}}),
    ('ModifyCosRequest', {'id': DEFAULT_COS_ID}),
    ('RenameCosRequest', {'id': DEFAULT_COS_ID, 'newName': {'_content': 'x'}}),
    ('DeleteCosRequest', {'id': DEFAULT_COS_ID}),
])
def test_plain_string_parameters_are_refused(sim, request_name, body):
    """getElement() does not see JSON attributes: a plain string is a missing element."""
    status, answer = sim.soap(request_name, **body)
    missing = next(k for k, v in body.items() if isinstance(v, str))
    assert status == 500
    assert fault(answer) == ('service.INVALID_REQUEST', f'invalid request: missing required element: {missing}')


def test_create_lowercases_copies_default_and_refuses_a_duplicate(sim):
    cos = create(sim, 'Gold', ('zimbraMailQuota', '1048576'), ('zimbraPrefLocale', ''))
    assert cos['name'] == 'gold'
    assert 'isDefaultCos' not in cos
    assert values(cos, 'zimbraMailQuota') == ['1048576']
    _status, body = sim.soap('GetCosRequest', cos={'by': 'name', '_content': 'default'})
    default = cos_of(body, 'GetCosResponse')
    assert default['isDefaultCos'] is True
    # copied from default, except description (and cn, zimbraId, zimbraCreateTimestamp, zimbraACE)
    assert values(cos, 'zimbraAdminAuthTokenLifetime') == values(default, 'zimbraAdminAuthTokenLifetime')
    assert values(default, 'description') and not values(cos, 'description')
    status, body = sim.soap('CreateCosRequest', name={'_content': 'GOLD'})
    assert (status, fault(body)) == (500, ('account.COS_EXISTS', 'cos already exists: gold'))


def test_both_default_coses_are_flagged_with_a_json_boolean(sim):
    _status, body = sim.soap('GetAllCosRequest')
    flags = {cos['name']: cos.get('isDefaultCos') for cos in body['Body']['GetAllCosResponse']['cos']}
    assert flags['default'] is True and flags['defaultExternal'] is True


def test_modify_replaces_adds_removes_and_validates(sim):
    cos = create(sim, 'modify-me')
    status, body = sim.soap('ModifyCosRequest', id={'_content': cos['id']}, a=[
        {'n': 'zimbraMailQuota', '_content': '2048'}, {'n': '+zimbraZimletAvailableZimlets', '_content': '!com_sim_extra'}])
    assert status == 200
    modified = cos_of(body, 'ModifyCosResponse')
    assert values(modified, 'zimbraMailQuota') == ['2048']
    assert '!com_sim_extra' in values(modified, 'zimbraZimletAvailableZimlets')
    _status, body = sim.soap('ModifyCosRequest', id={'_content': cos['id']}, a=[
        {'n': '-zimbraZimletAvailableZimlets', '_content': '!com_sim_extra'}, {'n': 'zimbraMailQuota', '_content': ''}])
    modified = cos_of(body, 'ModifyCosResponse')
    assert '!com_sim_extra' not in values(modified, 'zimbraZimletAvailableZimlets')
    assert values(modified, 'zimbraMailQuota') == []
    status, body = sim.soap('ModifyCosRequest', id={'_content': cos['id']}, a=[{'n': 'zimbraMailQuota', '_content': 'lots'}])
    assert (status, fault(body)[0]) == (500, 'account.INVALID_ATTR_VALUE')
    status, body = sim.soap('ModifyCosRequest', id={'_content': 'no-such-id'}, a=[])
    assert fault(body) == ('account.NO_SUCH_COS', 'no such cos: no-such-id')


def test_copy_from_any_source(sim):
    source = create(sim, 'copy-source', ('zimbraMailQuota', '4096'))
    status, body = sim.soap('CopyCosRequest', name={'_content': 'Copy-Target'}, cos={'by': 'id', '_content': source['id']})
    assert status == 200
    copy = cos_of(body, 'CopyCosResponse')
    assert copy['name'] == 'copy-target' and copy['id'] != source['id']
    assert values(copy, 'zimbraMailQuota') == ['4096']
    _status, body = sim.soap('CopyCosRequest', name={'_content': 'other'}, cos={'by': 'name', '_content': 'missing'})
    assert fault(body) == ('account.NO_SUCH_COS', 'no such cos: missing')
    _status, body = sim.soap('CopyCosRequest', name={'_content': 'copy-source'}, cos={'by': 'name', '_content': 'default'})
    assert fault(body)[0] == 'account.COS_EXISTS'


def test_rename(sim):
    cos = create(sim, 'rename-me')
    create(sim, 'rename-taken')
    status, body = sim.soap('RenameCosRequest', id={'_content': cos['id']}, newName={'_content': 'Renamed'})
    assert status == 200
    renamed = cos_of(body, 'RenameCosResponse')
    assert (renamed['id'], renamed['name']) == (cos['id'], 'renamed')
    _status, body = sim.soap('RenameCosRequest', id={'_content': cos['id']}, newName={'_content': 'rename-taken'})
    assert fault(body) == ('account.COS_EXISTS', 'cos already exists: rename-taken')
    _status, body = sim.soap('RenameCosRequest', id={'_content': DEFAULT_COS_ID}, newName={'_content': 'standard'})
    assert fault(body) == ('service.INVALID_REQUEST', 'invalid request: unable to rename default cos')


def test_delete_default_refused_in_use_deleted_leaving_ids_dangling(sim):
    _status, body = sim.soap('GetCosRequest', cos={'by': 'name', '_content': 'defaultExternal'})
    external_id = cos_of(body, 'GetCosResponse')['id']
    for cos_id in (DEFAULT_COS_ID, external_id):
        _status, body = sim.soap('DeleteCosRequest', id={'_content': cos_id})
        assert fault(body) == ('service.INVALID_REQUEST', 'invalid request: unable to delete default cos')
    cos = create(sim, 'in-use')
    sim.soap('CreateDomainRequest', name='cosdel.sim.test', a=[{'n': 'zimbraDomainDefaultCOSId', '_content': cos['id']}])
    sim.soap('CreateAccountRequest', name='user@cosdel.sim.test', a=[{'n': 'zimbraCOSId', '_content': cos['id']}])
    status, body = sim.soap('DeleteCosRequest', id={'_content': cos['id']})
    assert (status, list(body['Body']['DeleteCosResponse'])) == (200, ['_jsns'])
    _status, body = sim.soap('GetCosRequest', cos={'by': 'id', '_content': cos['id']})
    assert fault(body)[0] == 'account.NO_SUCH_COS'
    _status, body = sim.soap('GetDomainRequest', domain={'by': 'name', '_content': 'cosdel.sim.test'}, attrs='zimbraDomainDefaultCOSId')
    assert values(body['Body']['GetDomainResponse']['domain'][0], 'zimbraDomainDefaultCOSId') == [cos['id']]
    _status, body = sim.soap('SearchDirectoryRequest', domain='cosdel.sim.test', applyCos=0, attrs='zimbraCOSId')
    assert values(body['Body']['SearchDirectoryResponse']['account'][0], 'zimbraCOSId') == [cos['id']]
    _status, body = sim.soap('DeleteCosRequest', id={'_content': cos['id']})
    assert fault(body)[0] == 'account.NO_SUCH_COS'
