"""Classes of service (api-objects doc 6, api doc 13.1): Get, GetAll, Create, Modify, Copy, Rename and DeleteCos.

The five write handlers read name/id/newName with getElement() in Carbonio, so only the element form
`{"_content": ...}` is accepted (Element.element_text).
"""

import uuid

from ldap3.utils.dn import escape_rdn

from ..errors import ServiceFault, invalid_request
from ..seed import COS_BASE
from ..timeutil import gentime_now
from ..validation import parse_changes
from . import handles
from .encoding import add_cos, is_default_cos, requested_attrs_on, response

# LP.copyCos copies every attribute of the source except these, and drops deprecated ones (api doc 13.1).
_NOT_COPIED = {'objectclass', 'zimbraid', 'zimbracreatetimestamp', 'zimbraace', 'cn', 'description'}


def _no_such_cos(key):
    return ServiceFault('account.NO_SUCH_COS', f'no such cos: {key}')


def _cos_by_id(sim, req):
    cos_id = req.element_text('id')
    cos = sim.directory.cos_by('id', cos_id) if cos_id else None
    if cos is None:
        raise _no_such_cos(cos_id)
    return cos


def _one_cos(name, sim, entry):
    resp = response(name)
    add_cos(resp, sim, entry)
    return resp


@handles('GetCosRequest', writes=False)
def get_cos(sim, req):
    node = req.child('cos')
    if node is None:
        raise invalid_request('missing required element: cos')
    cos = sim.directory.cos_by(node.attrs.get('by', 'name'), node.text or '')
    if cos is None:
        raise _no_such_cos(node.text)
    wanted = requested_attrs_on(sim, req, 'cos', ('zimbraCOS',))
    resp = response('GetCosResponse')
    add_cos(resp, sim, cos, wanted)
    return resp


@handles('GetAllCosRequest', writes=False)
def get_all_cos(sim, req):  # pylint: disable=unused-argument
    resp = response('GetAllCosResponse')
    for cos in sim.directory.all_cos():
        add_cos(resp, sim, cos)
    return resp


def _copy_cos(sim, source, name, pairs=()):
    """LP.copyCos: a new COS from `source` plus the request's attributes (empty value removes); its entry."""
    if sim.directory.cos_by('name', name) is not None:
        raise ServiceFault('account.COS_EXISTS', f'cos already exists: {name}')
    changes = parse_changes(sim.catalog, pairs)
    attrs = {key: list(values) for key, values in source.attrs.items()
             if key.lower() not in _NOT_COPIED and not (sim.catalog.get(key) and sim.catalog.get(key).deprecated)}

    def key_in_attrs(key):
        return next((k for k in attrs if k.lower() == key.lower()), key)

    for key, values in changes.replace.items():
        attrs.pop(key_in_attrs(key), None)
        kept = [v for v in values if v != '']
        if kept:
            attrs[key] = kept
    for key, values in changes.add.items():
        current = attrs.setdefault(key_in_attrs(key), [])
        current.extend(v for v in values if v and v not in current)
    for key, values in changes.remove.items():
        attrs[key_in_attrs(key)] = [v for v in attrs.get(key_in_attrs(key), []) if v not in values]
    config = sim.directory.global_config()
    attrs.update({'objectClass': ['zimbraCOS'] + config.values('zimbraCosExtraObjectClass'), 'cn': [name],
                  'zimbraId': [str(uuid.uuid4())], 'zimbraCreateTimestamp': [gentime_now()]})
    dn = f'cn={escape_rdn(name)},{COS_BASE}'
    sim.directory.add(dn, attrs)
    return sim.directory.get(dn)


def _new_name(req, element):
    name = req.element_text(element).strip().lower()
    if not name:
        raise invalid_request(f'missing required element: {element}')
    return name


@handles('CreateCosRequest', writes=True)
def create_cos(sim, req):
    # CreateCos = CopyCos from `default` plus the request's attributes (api-objects doc 6)
    name = _new_name(req, 'name')
    entry = _copy_cos(sim, sim.directory.cos_by('name', 'default'), name, req.attr_pairs())
    return _one_cos('CreateCosResponse', sim, entry)


@handles('CopyCosRequest', writes=True)
def copy_cos(sim, req):
    name = _new_name(req, 'name')
    node = req.child('cos')
    if node is None:
        raise invalid_request('missing required element: cos')
    if 'by' not in node.attrs:
        raise invalid_request('missing required attribute: by')
    source = sim.directory.cos_by(str(node.attrs['by']), node.text or '')
    if source is None:
        raise _no_such_cos(node.text)
    return _one_cos('CopyCosResponse', sim, _copy_cos(sim, source, name))


@handles('ModifyCosRequest', writes=True)
def modify_cos(sim, req):
    cos = _cos_by_id(sim, req)
    changes = parse_changes(sim.catalog, req.attr_pairs())
    sim.directory.modify(cos.dn, changes.modify_list(cos))
    return _one_cos('ModifyCosResponse', sim, sim.directory.get(cos.dn))


@handles('RenameCosRequest', writes=True)
def rename_cos(sim, req):
    cos = _cos_by_id(sim, req)
    new_name = _new_name(req, 'newName')  # LP.renameCos lowercases
    if is_default_cos(cos):
        raise invalid_request('unable to rename default cos')
    taken = sim.directory.cos_by('name', new_name)
    if taken is not None and taken.id != cos.id:
        raise ServiceFault('account.COS_EXISTS', f'cos already exists: {new_name}')
    if cos.first('cn') != new_name:
        # accounts and domains point at the COS by id, so nothing else changes (api-objects doc 6)
        sim.directory.rename(cos.dn, f'cn={escape_rdn(new_name)}')
    return _one_cos('RenameCosResponse', sim, sim.directory.cos_by('id', cos.id))


@handles('DeleteCosRequest', writes=True)
def delete_cos(sim, req):
    cos = _cos_by_id(sim, req)
    if is_default_cos(cos):
        raise invalid_request('unable to delete default cos')
    # Carbonio deletes it even while accounts or domains use it; their zimbraCOSId /
    # zimbraDomainDefaultCOSId are left dangling (api-objects doc 6)
    sim.directory.delete(cos.dn)
    return response('DeleteCosResponse')
