# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the one engine every object module runs.

``run_object_module(TYPE)``: validate everything, read in one round trip, plan, diff in option form,
honour check mode, write, report. ``run_info_module(TYPE)``: read one or all objects with what they
inherit, return them with their settings and in the managing module's input shape.
``ensure_settings(...)``: the same compare/diff/check-mode/report for settings that are not
attributes (JSON or REST settings such as 2FA policies and SAML).

Hooks an ObjectType may declare (each a function):
- ``validate(params)``: extra checks before any request; raise ValueError naming the field;
- ``create(run, name, attrs)``: create another way (CopyCos), returning the new entry;
- ``before_delete(run, entry)``: refuse, or empty the object first (domain purge, COS in use);
- ``info_reads(name, params)`` / ``extra_facts(client, entries, params, items)``: what an info module
  adds to each object (account counts, quota usage), read in the same batch where the name is known.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog import domain_inherited_attributes
from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import apply_changes, plan_attribute_changes


class Run(object):
    """One module run: the module, its client, the type and the result being built."""

    def __init__(self, module, object_type, client=None):
        self.module = module
        self.type = object_type
        self.client = client
        self.references = None
        self.params = module.params
        self.result = dict(changed=False, changed_attributes=[])

    def fail(self, msg, **extra):
        result = dict(self.result)
        result.update(extra)
        self.module.fail_json(msg=msg, **result)

    def exit(self, msg):
        self.module.exit_json(msg=msg, **self.result)


def _object_view(object_type, entry, references):
    return dict(object_type.show(entry['attrs'], references), name=entry['name'], id=entry['id'])


def _diff_view(object_type, attrs, attributes, name, references):
    return dict(object_type.view(attrs, attributes, references), name=name)


def run_object_module(object_type):
    """The whole life of an object module: documentation is the module file's, everything else is here."""
    spec = dict(name=dict(type='str', required=True), state=dict(type='str', choices=['present', 'absent'], default='present'))
    spec.update(object_type.argument_spec())
    module = create_module(spec)
    run = Run(module, object_type)
    params = module.params
    # Every option is checked before the first request: bad input never reaches the server.
    try:
        name = object_type.parse_name(params['name'])
        old_name = object_type.parse_name(params['old_name'], 'old_name') if params.get('old_name') else None
        wanted, modes, warnings = object_type.parse(params)
        if 'validate' in object_type.hooks:
            object_type.hooks['validate'](params)
    except ValueError as exc:
        run.fail(str(exc))
    for warning in warnings:
        module.warn(warning)
    run.client = create_client(module)
    try:
        if params['state'] == 'absent':
            _ensure_absent(run, name)
        else:
            _ensure_present(run, name, old_name, wanted, modes)
    except CarbonioError as exc:
        fail_on_error(module, exc, **run.result)
    except ValueError as exc:
        # a reference a hook resolves before its first write (copy_from, reassign_to)
        run.fail(str(exc))


def _ensure_present(run, name, old_name, wanted, modes):
    object_type, client, module = run.type, run.client, run.module
    names = [name] + ([old_name] if old_name and old_name != name else [])
    objects, references = requests.read_objects(client, object_type, names)[:2]
    run.references = references
    current, renamed_from = objects[0], None
    if current is None and len(objects) > 1 and objects[1] is not None:
        current, renamed_from = objects[1], objects[1]['name']
        if renamed_from in object_type.protected:
            run.fail('old_name: %s %s cannot be renamed' % (object_type.label, renamed_from))
    try:
        desired = object_type.resolve(wanted, references)
    except ValueError as exc:
        run.fail(str(exc))
    attrs = current['attrs'] if current else {}
    modify, before, after = plan_attribute_changes(attrs, desired, modes, object_type.compare_keys())
    after_attrs = apply_changes(attrs, after)
    changed = current is None or bool(modify) or renamed_from is not None
    # A real run reports a change once a write is confirmed, so a failure part-way says what happened.
    run.result.update(changed=changed and module.check_mode, changed_attributes=sorted(before))
    if module._diff:
        before_view = _diff_view(object_type, attrs, before, renamed_from or name, references) if current else {}
        shown = set(after) if current else set(a for a, v in after_attrs.items() if v)
        run.result['diff'] = dict(before=before_view, after=_diff_view(object_type, after_attrs, shown, name, references))
    entry = dict(current or {}, attrs=after_attrs)
    entry['name'] = name if current is None or renamed_from else current['name']
    if not module.check_mode:
        if current is None:
            created = _create(run, name, modify)
            entry.update(id=created['id'], name=created['name'])
        else:
            if renamed_from is not None:
                requests.rename(client, object_type, current['id'], name)
                run.result['changed'] = True
            if modify:
                requests.modify(client, object_type, current['id'], modify, object_type.compare_keys())
        run.result['changed'] = changed
    run.result[object_type.element] = _object_view(object_type, dict(entry, id=entry.get('id')), references)
    label = '%s %s' % (object_type.label, name)
    if current is None:
        run.exit('%s created' % label)
    parts = (['renamed from %s' % renamed_from] if renamed_from else []) + (
        ['%d setting%s changed' % (len(before), '' if len(before) == 1 else 's')] if modify else [])
    run.exit('%s: %s' % (label, ', '.join(parts)) if parts else '%s unchanged' % label)


def _create(run, name, modify):
    # At creation "+name" (mode present) is just the list; removals have nothing to remove.
    attrs = dict((key.lstrip('+'), values) for key, values in modify.items() if values and not key.startswith('-'))
    hook = run.type.hooks.get('create')
    if hook is not None:
        return hook(run, name, attrs)
    return requests.create(run.client, run.type, name, attrs)


def _ensure_absent(run, name):
    object_type = run.type
    objects, references = requests.read_objects(run.client, object_type, [name])[:2]
    run.references = references
    entry = objects[0]
    if entry is None:
        run.exit('%s %s is absent' % (object_type.label, name))
    if entry['name'] in object_type.protected:
        run.fail('name: %s %s cannot be deleted' % (object_type.label, entry['name']))
    run.result.update(changed=run.module.check_mode)
    run.result[object_type.element] = _object_view(object_type, entry, references)
    if run.module._diff:
        run.result['diff'] = dict(before=_diff_view(object_type, entry['attrs'], set(entry['attrs']) & set(object_type.attributes),
                                                    entry['name'], references), after={})
    if 'before_delete' in object_type.hooks:
        object_type.hooks['before_delete'](run, entry)
    if not run.module.check_mode:
        requests.delete(run.client, object_type, entry['id'])
        run.result['changed'] = True
    run.exit('%s %s deleted' % (object_type.label, name))


def run_info_module(object_type):
    """Read one object or all, with their settings and their export in the managing module's shape."""
    spec = dict(name=dict(type='str'))
    spec.update(object_type.info_spec)
    module = create_module(spec)
    params = module.params
    name = None
    if params['name']:
        try:
            name = object_type.parse_name(params['name'])
        except ValueError as exc:
            module.fail_json(msg=str(exc))
    client = create_client(module)
    hooks = object_type.hooks
    try:
        extra = hooks['info_reads'](name, params) if name and 'info_reads' in hooks else []
        objects, references, config, items = requests.read_all(client, object_type, name, extra)
        objects.sort(key=lambda item: item['name'])
        facts = hooks['extra_facts'](client, objects, params, items) if 'extra_facts' in hooks else {}
    except CarbonioError as exc:
        fail_on_error(module, exc)
    inherited = dict((attribute, values) for attribute, values in config.items() if attribute in _inherited_names(object_type))
    result = []
    for entry in objects:
        described = dict(name=entry['name'], id=entry['id'], attrs=entry['attrs'],
                         settings=object_type.settings(entry['attrs'], inherited, references))
        described[object_type.module] = dict(object_type.show(entry['attrs'], references), name=entry['name'])
        described.update(facts.get(entry['name'], {}))
        result.append(described)
    found = '%d %s' % (len(result), object_type.label if len(result) == 1 else object_type.plural.replace('_', ' '))
    info = {object_type.plural: result}
    if object_type.inherits:
        info['inherited_attrs'] = inherited
    module.exit_json(changed=False, msg='%s found' % found, **info)


def _inherited_names(object_type):
    return set(domain_inherited_attributes()) if object_type.inherits == 'config' else set()


def ensure_settings(module, current, desired, write, label):
    """Converge settings that are not directory attributes (a JSON or REST document).

    current and desired are flat dicts; only the keys of desired are managed. write(changes) sends the
    changed keys. Returns the result dict: changed, diff (before/after of the changed keys), msg.
    """
    changes = dict((key, value) for key, value in desired.items() if value is not None and current.get(key) != value)
    result = dict(changed=bool(changes), settings=dict(current, **changes))
    if module._diff:
        result['diff'] = dict(before=dict((key, current.get(key)) for key in changes), after=changes)
    if changes and not module.check_mode:
        write(changes)
    result['msg'] = '%s: %s changed' % (label, ', '.join(sorted(changes))) if changes else '%s unchanged' % label
    return result
