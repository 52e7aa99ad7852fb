"""Servers as the admin API shows them: GetAllServers (all, or those with a service enabled), GetServer by name, id or
service host name with `attrs`, ModifyServer; what IssueCert's proxy check will read (features doc 1.5, 1.7)."""

from __future__ import annotations

from soap_answers import attrs_of, fault, ok

SERVER = 'mail.carbonio.test'


def servers(sim, **body):
    return [server['name'] for server in ok(sim.soap('GetAllServersRequest', **body))['GetAllServersResponse'].get('server', [])]


def test_servers_are_listed_by_the_services_they_run_and_a_service_can_be_taken_away(sim):
    assert servers(sim) == [SERVER]
    assert servers(sim, service='proxy') == [SERVER]
    assert servers(sim, service='spell') == []
    server = ok(sim.soap('GetServerRequest', server={'by': 'name', '_content': SERVER}))['GetServerResponse']['server'][0]
    body = ok(sim.soap('ModifyServerRequest', id={'_content': server['id']}, a=[{'n': '-zimbraServiceEnabled', '_content': 'proxy'}]))
    assert attrs_of(body['ModifyServerResponse']['server'][0])['zimbraServiceEnabled'] == ['mailbox', 'mta']
    assert servers(sim, service='proxy') == []
    ok(sim.soap('ModifyServerRequest', id={'_content': server['id']}, a=[{'n': '+zimbraServiceEnabled', '_content': 'proxy'}]))
    assert servers(sim, service='proxy') == [SERVER]
    assert [line['write'] for line in sim.log() if line['request'] == 'ModifyServerRequest'] == [True, True]


def test_one_server_by_name_id_or_service_host_name(sim):
    by_name = ok(sim.soap('GetServerRequest', server={'by': 'name', '_content': SERVER}))['GetServerResponse']['server'][0]
    for by, key in (('id', by_name['id']), ('serviceHostname', SERVER)):
        found = ok(sim.soap('GetServerRequest', server={'by': by, '_content': key}, attrs='zimbraServiceInstalled'))
        server = found['GetServerResponse']['server'][0]
        assert (server['name'], attrs_of(server)) == (SERVER, {'zimbraServiceInstalled': ['mailbox', 'proxy', 'mta']})
    assert fault(sim.soap('GetServerRequest', server={'by': 'name', '_content': 'nowhere.test'})) == (
        'account.NO_SUCH_SERVER', 'no such server: nowhere.test')
    assert fault(sim.soap('ModifyServerRequest', id={'_content': '0f0f0f0f-0000-4000-8000-000000000000'},
                          a=[{'n': 'zimbraServiceEnabled', '_content': 'proxy'}]))[0] == 'account.NO_SUCH_SERVER'


def test_a_server_is_created_for_a_node_and_deleted(sim):
    created = ok(sim.soap('CreateServerRequest', name='Proxy9.sim.test', a=[{'n': 'zimbraServiceEnabled', '_content': 'proxy'}]))
    server = created['CreateServerResponse']['server'][0]
    assert server['name'] == 'proxy9.sim.test'
    assert attrs_of(server)['zimbraServiceHostname'] == ['proxy9.sim.test']
    assert servers(sim, service='proxy') == [SERVER, 'proxy9.sim.test']
    assert fault(sim.soap('CreateServerRequest', name='proxy9.sim.test'))[0] == 'account.SERVER_EXISTS'
    ok(sim.soap('DeleteServerRequest', id=server['id']))
    assert servers(sim) == [SERVER]
    assert fault(sim.soap('DeleteServerRequest', id=server['id']))[0] == 'account.NO_SUCH_SERVER'
