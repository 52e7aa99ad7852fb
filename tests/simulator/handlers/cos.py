"""Classes of service: GetCos, GetAllCos and CreateCos."""

import uuid

from ldap3.utils.dn import escape_rdn

from ..errors import ServiceFault, invalid_request
from ..seed import COS_BASE
from ..timeutil import gentime_now
from ..validation import parse_changes
from . import handles
from .encoding import add_cos, requested_attrs, response


@handles('GetCosRequest')
def get_cos(sim, req):
    node = req.child('cos')
    if node is None:
        raise invalid_request('missing required element: cos')
    cos = sim.directory.cos_by(node.attrs.get('by', 'name'), node.text or '')
    if cos is None:
        raise ServiceFault('account.NO_SUCH_COS', f'no such cos: {node.text}')
    wanted = requested_attrs(req)
    if wanted:
        for name in wanted:
            info = sim.catalog.get(name)
            if info is None or 'zimbraCOS' not in info.optional_in + info.required_in:
                raise invalid_request(f'requested attribute {name} is not on cos')
    resp = response('GetCosResponse')
    add_cos(resp, sim, cos, wanted)
    return resp


@handles('GetAllCosRequest')
def get_all_cos(sim, req):  # pylint: disable=unused-argument
    resp = response('GetAllCosResponse')
    for cos in sim.directory.all_cos():
        add_cos(resp, sim, cos)
    return resp


# LP.createCos copies COS `default` except these (api doc 13.1).
_NOT_COPIED = {'objectclass', 'zimbraid', 'zimbracreatetimestamp', 'zimbraace', 'cn', 'description'}


@handles('CreateCosRequest')
def create_cos(sim, req):
    name = (req.get('name') or '').strip()
    if not name:
        raise invalid_request('missing required element: name')
    if sim.directory.cos_by('name', name.lower()) is not None:
        raise ServiceFault('account.COS_EXISTS', f'cos already exists: {name}')
    changes = parse_changes(sim.catalog, req.attr_pairs())
    default = sim.directory.cos_by('name', 'default')
    attrs = {key: list(values) for key, values in default.attrs.items()
             if key.lower() not in _NOT_COPIED and not (sim.catalog.get(key) and sim.catalog.get(key).deprecated)}
    for key, values in changes.replace.items():
        attrs = {k: v for k, v in attrs.items() if k.lower() != key.lower()}
        kept = [v for v in values if v != '']
        if kept:
            attrs[key] = kept
    config = sim.directory.global_config()
    attrs.update({'objectClass': ['zimbraCOS'] + config.values('zimbraCosExtraObjectClass'), 'cn': [name.lower()],
                  'zimbraId': [str(uuid.uuid4())], 'zimbraCreateTimestamp': [gentime_now()]})
    dn = f'cn={escape_rdn(name.lower())},{COS_BASE}'
    sim.directory.add(dn, attrs)
    resp = response('CreateCosResponse')
    add_cos(resp, sim, sim.directory.get(dn))
    return resp
