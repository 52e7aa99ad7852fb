"""Servers (cn=<host>,cn=servers,cn=zimbra): GetAllServers with its optional service filter, GetServer, CreateServer,
ModifyServer and DeleteServer. IssueCert's "a proxy server exists" check reads them (features doc 1.5, 1.7), so a test
can take the proxy service away from a server and put it back; a simulated proxy node has a server entry of its own."""

import uuid

import ldap3

from ..errors import ServiceFault, invalid_request
from ..seed import SERVER_BASE
from ..timeutil import gentime_now
from ..validation import parse_changes
from . import handles
from .encoding import inherited_attrs, requested_attrs, response, select

SERVER_BY = {'id': 'zimbraId', 'name': 'cn', 'serviceHostname': 'zimbraServiceHostname'}


def all_servers(sim):
    return sorted(sim.directory.search(SERVER_BASE, '(objectClass=zimbraServer)', ldap3.LEVEL), key=lambda s: s.first('cn', '').lower())


def _no_such_server(key):
    return ServiceFault('account.NO_SUCH_SERVER', f'no such server: {key}')


def _add_server(parent, sim, entry, apply_config, wanted=None):
    """With applyConfig (the default), unset serverInherited attributes come from the global config."""
    attrs = {name: values for name, values in inherited_attrs(sim, entry, apply_config, 'serverInherited').items()
             if name.lower() != 'objectclass'}
    parent.add('server', {'name': entry.first('cn'), 'id': entry.id}).add_attr_values(select(attrs, wanted))


@handles('GetAllServersRequest', writes=False)
def get_all_servers(sim, req):
    service = req.get('service')
    resp = response('GetAllServersResponse')
    for server in all_servers(sim):
        if not service or service in server.values('zimbraServiceEnabled'):
            _add_server(resp, sim, server, req.get_bool('applyConfig', True))
    return resp


@handles('GetServerRequest', writes=False)
def get_server(sim, req):
    node = req.child('server')
    if node is None:
        raise invalid_request('missing required element: server')
    by, key = str(node.attrs.get('by', 'name')), (node.text or '').strip()
    if by not in SERVER_BY:
        raise invalid_request(f'unknown value for by: {by}')
    found = [server for server in all_servers(sim) if key and key.lower() in (v.lower() for v in server.values(SERVER_BY[by]))]
    if not found:
        raise _no_such_server(key)
    resp = response('GetServerResponse')
    _add_server(resp, sim, found[0], req.get_bool('applyConfig', True), requested_attrs(req))
    return resp


@handles('CreateServerRequest', writes=True)
def create_server(sim, req):
    name = (req.get('name') or '').strip().lower()
    if not name:
        raise invalid_request('missing required attribute: name')
    if any(server.first('cn').lower() == name for server in all_servers(sim)):
        raise ServiceFault('account.SERVER_EXISTS', f'server already exists: {name}')
    changes = parse_changes(sim.catalog, req.attr_pairs())
    attrs = changes.as_new_entry()
    attrs.update({'objectClass': ['zimbraServer'], 'cn': [name], 'zimbraId': [str(uuid.uuid4())],
                  'zimbraCreateTimestamp': [gentime_now()]})
    attrs.setdefault('zimbraServiceHostname', [name])
    entry = sim.directory.add(f'cn={name},{SERVER_BASE}', attrs)
    resp = response('CreateServerResponse')
    _add_server(resp, sim, entry, True)
    return resp


def _server_by_id(sim, req):
    server_id = req.get('id')
    found = [server for server in all_servers(sim) if server_id and server.id == server_id]
    if not found:
        raise _no_such_server(server_id)
    return found[0]


@handles('DeleteServerRequest', writes=True)
def delete_server(sim, req):
    sim.directory.delete(_server_by_id(sim, req).dn)
    return response('DeleteServerResponse')


@handles('ModifyServerRequest', writes=True)
def modify_server(sim, req):
    server = _server_by_id(sim, req)
    changes = parse_changes(sim.catalog, req.attr_pairs())
    sim.directory.modify(server.dn, changes.modify_list(server))
    resp = response('ModifyServerResponse')
    _add_server(resp, sim, sim.directory.get(server.dn), True)
    return resp
