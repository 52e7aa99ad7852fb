"""Dispatch by (namespace, request name), and the request log's label and write flag taken from the registry:
reads are not writes, writes are, and a request no handler knows counts as a write so check-mode tests fail safe."""

from __future__ import annotations


def fault_code(body):
    return body['Body']['Fault']['Detail']['Error']['Code']


def logged(sim, label):
    return [line for line in sim.log() if line['request'] == label]


def test_reads_and_writes_are_flagged_by_their_handlers(sim):
    sim.soap('GetAllCosRequest')
    sim.soap('CreateDomainRequest', name='flags.dispatch.test')
    sim.soap('CopyCosRequest', name={'_content': 'flagged'}, cos={'by': 'name', '_content': 'default'})
    assert {line['write'] for line in logged(sim, 'GetAllCosRequest')} == {False}
    assert {line['write'] for line in logged(sim, 'AuthRequest')} == {False}
    assert {line['write'] for line in logged(sim, 'CreateDomainRequest')} == {True}
    # no name prefix rule any more: Copy* is a write because its handler says so
    assert {line['write'] for line in logged(sim, 'CopyCosRequest')} == {True}


def test_unknown_request_is_refused_and_logged_as_a_write(sim):
    status, body = sim.soap('GetNothingRequest')
    assert (status, fault_code(body)) == (500, 'service.UNKNOWN_DOCUMENT')
    assert [line['write'] for line in logged(sim, 'GetNothingRequest')] == [True]


def test_dispatch_is_by_namespace_too(sim):
    """An admin request name sent in the account namespace is a different (unknown) document."""
    if sim.token is None:
        sim.login()
    status, body = sim.post({'Header': {'context': {'_jsns': 'urn:zimbra', 'authToken': {'_content': sim.token}}},
                             'Body': {'GetAllDomainsRequest': {'_jsns': 'urn:zimbraAccount'}}})
    assert (status, fault_code(body)) == (500, 'service.UNKNOWN_DOCUMENT')
    assert logged(sim, 'GetAllDomainsRequest')[-1]['write'] is True


def test_batch_items_take_their_flags_from_the_registry(sim):
    status, body = sim.soap('BatchRequest', onerror='continue', GetAllCosRequest=[{'_jsns': 'urn:zimbraAdmin'}],
                            CreateDomainRequest=[{'_jsns': 'urn:zimbraAdmin', 'name': 'batch.dispatch.test'}],
                            NoSuchThingRequest=[{'_jsns': 'urn:zimbraAdmin'}])
    assert status == 200
    batch = body['Body']['BatchResponse']
    assert batch['GetAllCosResponse'] and batch['CreateDomainResponse']
    assert [fault['Detail']['Error']['Code'] for fault in batch['Fault']] == ['service.UNKNOWN_DOCUMENT']
    items = {line['request']: line['write'] for line in sim.log() if line['batch']}
    assert items['GetAllCosRequest'] is False
    assert items['CreateDomainRequest'] is True
    assert items['NoSuchThingRequest'] is True
    assert {line['write'] for line in logged(sim, 'BatchRequest')} == {False}
