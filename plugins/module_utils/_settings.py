# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the engine's path for settings held as attributes of the global configuration or of one
existing object (a domain's theme), never created or deleted.

The type describes the options (_object_model); the values are checked against the catalog for the class of the
level they go to (globalConfig or domain) before anything is sent, compared with what is read (_state_compare) and
written in one modify request (ModifyConfig or the object's own), settled by reading back when its answer is lost.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog import domain_inherited_attributes
from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._engine import Run
from ansible_collections.carbonio.admin.plugins.module_utils._plan import missing
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import apply_changes, plan_attribute_changes

SCOPES = ('global', 'domain')


def settings_spec(object_type):
    spec = dict((option.name, option.spec()) for option in object_type.options)
    spec.update(scope=dict(type='str', choices=list(SCOPES)), domain=dict(type='str'), reset=dict(type='bool', default=False))
    return spec


def level_of(object_type, params, label=None):
    """('global', None) or ('domain', its name); raises ValueError naming the option. label: what a level holds
    (default the type's label)."""
    scope, domain = params.get('scope'), params.get('domain')
    if domain:
        if scope == 'global':
            raise ValueError('scope: global is the global configuration; leave domain out, or set scope: domain')
        return 'domain', object_type.parse_name(domain, 'domain')
    if scope == 'global':
        return 'global', None
    if scope == 'domain':
        raise ValueError('domain: required with scope: domain (the name of the domain)')
    raise ValueError('scope: give domain (a domain\'s %s), or scope: global (the global one)' % (label or object_type.label))


def _inherited(config):
    names = set(domain_inherited_attributes())
    return dict((attribute, values) for attribute, values in config.items() if attribute in names)


def read_level(run, object_type, level, name):
    """(entry, the global configuration) in one round trip: the global configuration itself (then no configuration
    beside it), or the object with its own values and the configuration it falls back to. A domain that does not exist
    fails naming it, or in check mode is predicted empty (an earlier task creates it)."""
    try:
        if level == 'global':
            return requests.read_config(run.client), {}
        objects, _references, config, _items = requests.read_all(run.client, object_type, name)
        if not objects:
            missing(run, 'domain', 'domain %s' % name)
            return dict(name=name, id=None, attrs={}), config
        return objects[0], config
    except CarbonioError as exc:
        fail_on_error(run.module, exc, **run.result)
    except ValueError as exc:
        run.fail(str(exc))


def read_domains(client, object_type, domain_option):
    """What an info module with a domain option reads, in one round trip: (the name asked or None, the domain or every
    domain, the global configuration); ValueError naming the option for a domain that does not exist."""
    name = object_type.parse_name(domain_option, 'domain') if domain_option else None
    objects, _references, config, _items = requests.read_all(client, object_type, name)
    if name and not objects:
        raise ValueError('domain: no domain %s exists' % name)
    return name, objects, config


def export(object_type, level, name, attrs):
    """The managing module's input for these values: the level, then every option set."""
    shown = object_type.show(attrs, None)
    shown.update(dict(scope='global') if level == 'global' else dict(domain=name))
    return shown


def run_settings_module(object_type, resets):
    """The whole life of a settings module. resets: {level: {attribute: values}}, what reset: true writes there."""
    module = create_module(settings_spec(object_type))
    params = module.params
    run = Run(module, object_type)
    try:
        level, name = level_of(object_type, params)
        wanted, modes, warnings = object_type.parse(params)
    except ValueError as exc:
        run.fail(str(exc))
    for warning in warnings:
        module.warn(warning)
    if params['reset']:
        # what RESET sends at this level, for every setting the task does not give
        for attribute, values in resets[level].items():
            wanted.setdefault(attribute, list(values))
    run.name = name
    run.client = create_client(module)
    current, config = read_level(run, object_type, level, name)
    keys = object_type.compare_keys()
    modify, before, after = plan_attribute_changes(current['attrs'], wanted, modes, keys)
    attrs = apply_changes(current['attrs'], after)
    where = requests.CONFIG_LABEL if level == 'global' else 'domain %s' % name
    if module._diff:
        run.result['diff'] = dict(before=object_type.view(current['attrs'], before, None), after=object_type.view(attrs, after, None),
                                  before_header=where, after_header=where)
    if modify and not module.check_mode:
        write = requests.config_write(modify, keys) if level == 'global' else requests.modify_write(object_type, name, current['id'], modify, keys)
        try:
            requests.send(run.client, object_type, write)
            run.result.update(changed=True, changed_attributes=sorted(before))
            if level == 'domain':
                # what the Admin Panel sends after saving a domain's theme, so that every server sees it at once
                requests.flush_domain_cache(run.client, current['id'], module.warn, object_type.label)
        except CarbonioError as exc:
            fail_on_error(module, exc, **run.result)
    run.result.update(changed=bool(modify), changed_attributes=sorted(before))
    run.result[object_type.module.replace('carbonio_', '')] = export(object_type, level, name, attrs)
    if level == 'domain':
        run.result['settings'] = object_type.settings(attrs, _inherited(config), None)
    count = len(before)
    verb = 'would change' if module.check_mode else 'changed'
    run.exit('%s of %s: %s' % (object_type.label, where, '%d setting%s %s' % (count, '' if count == 1 else 's', verb) if count else 'unchanged'))


def run_settings_info_module(object_type):
    """The global settings and those of one domain or of every domain that sets any, in the managing module's input."""
    module = create_module(dict(domain=dict(type='str')))
    params = module.params
    client = create_client(module)
    try:
        name, objects, config = read_domains(client, object_type, params['domain'])
    except CarbonioError as exc:
        fail_on_error(module, exc)
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    attributes = set(object_type.attributes)
    global_attrs = dict((attribute, values) for attribute, values in config.items() if attribute in attributes)
    inherited = _inherited(global_attrs)
    exported = [export(object_type, 'global', None, global_attrs)]
    domains = []
    for entry in sorted(objects, key=lambda one: one['name']):
        own = dict((attribute, values) for attribute, values in entry['attrs'].items() if attribute in attributes)
        if own or name:
            exported.append(export(object_type, 'domain', entry['name'], own))
        domains.append(dict(name=entry['name'], id=entry['id'], settings=object_type.settings(own, inherited, None)))
    label = object_type.plural
    module.exit_json(changed=False, msg='%d %s exported (the global one and %d of %d domains)' % (
        len(exported), label, len(exported) - 1, len(objects)), **{label: exported, 'domains': domains})
