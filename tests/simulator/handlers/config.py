"""Global configuration requests: GetConfig, GetAllConfig, ModifyConfig (entry cn=config,cn=zimbra)."""

from ..errors import invalid_request
from ..seed import GLOBAL_CONFIG_DN
from ..validation import parse_changes
from . import handles
from .encoding import response


def _config_attrs(sim):
    return {k: v for k, v in sim.directory.global_config().attrs.items() if k.lower() not in ('objectclass', 'cn')}


@handles('GetAllConfigRequest', writes=False)
def get_all_config(sim, req):  # pylint: disable=unused-argument
    resp = response('GetAllConfigResponse')
    resp.add_attr_values(_config_attrs(sim))
    return resp


@handles('GetConfigRequest', writes=False)
def get_config(sim, req):
    node = req.child('a')
    if node is None or not node.attrs.get('n'):
        raise invalid_request('missing required attribute: n')
    wanted = node.attrs['n'].lower()
    resp = response('GetConfigResponse')
    resp.add_attr_values({k: v for k, v in _config_attrs(sim).items() if k.lower() == wanted})
    return resp


@handles('ModifyConfigRequest', writes=True)
def modify_config(sim, req):
    changes = parse_changes(sim.catalog, req.attr_pairs())
    config = sim.directory.global_config()
    sim.directory.modify(GLOBAL_CONFIG_DN, changes.modify_list(config))
    return response('ModifyConfigResponse')
