# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the one engine every object module runs.

``run_object_module(TYPE)``: validate everything, read in one round trip, plan (``_plan``), diff in option form,
honour check mode, write phase by phase, report; a list of objects goes through ``_bulk`` with the same plan and
phases. ``run_info_module(TYPE)``: read one or all objects with what they
inherit, return them with their settings and in the managing module's input shape.
``ensure_settings(...)``: the same compare/diff/check-mode/report for settings that are not
attributes (JSON or REST settings such as 2FA policies and SAML).

Hooks an ObjectType may declare (each a function; _object_model.HOOKS lists them, and a type naming another fails
when it is defined):
- ``validate(params)``: extra checks before any request; raise ValueError naming the field;
- ``reads(names, wanted, params)``: more requests for the read batch (the domains an account and its aliases name);
- ``check(run, current, desired, items)``: checks that need what was read (items: the replies to ``reads``),
  before any write; raise ValueError naming the field;
- ``extra_writes(run, current)``: ``[(label, make(object_id) -> Write)]`` changes that are not attributes
  (set a password), sent after the other writes and counted as changes, also in check mode;
- ``create_body(run)``: more fields of the create request (an account's password);
- ``create(run, name, attrs)``: create another way (CopyCos), returning the new entry (in a list, each such object
  alone, never paged);
- ``before_delete(run, entry)``: refuse, or empty the object first (domain purge, COS in use);
- ``decode(element, entry)``: complete an entry read from its answer element (a list's members come as ``dlm``);
- ``keep(run, entry)``: true for an object a list's exact mode never deletes (system accounts, the admin's own);
- ``info_reads(name, params)`` / ``extra_facts(client, entries, params, items)``: what an info module
  adds to each object (account counts, quota usage), read in the same batch where the name is known;
- ``info_read(client, name, params)``: for types read by search (accounts, lists), the whole read of an info
  module: (objects, references, {name: what it inherits}, {name: facts}); a listing then carries no settings;
- ``object_class(params)``: the attrs.xml class of the object the options describe, for the catalog (a dynamic list
  is a ``group``); default the type's object_class;
- ``more_reads(item)``: in a bulk run, ``[(request, use(reply))]`` for what the search cannot tell of an existing
  object (a dynamic list's members), sent in one more round trip only when some item needs one.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import gc

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog import domain_inherited_attributes
from ansible_collections.carbonio.admin.plugins.module_utils._bulk import bulk_spec, run_bulk
from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._item_spec import ItemSpec
from ansible_collections.carbonio.admin.plugins.module_utils._list_plan import check_holders, check_lookups, lookups
from ansible_collections.carbonio.admin.plugins.module_utils._plan import PHASES, Plan, create_object, diff_view, missing
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError


class Run(object):
    """One module run: the module, its client, the type and the result being built."""

    def __init__(self, module, object_type, client=None):
        self.module = module
        self.type = object_type
        self.client = client
        self.references = None
        self.params = module.params
        self.name = None
        self.result = dict(changed=False, changed_attributes=[])

    def fail(self, msg, **extra):
        result = dict(self.result)
        result.update(extra)
        self.module.fail_json(msg=msg, **result)

    def exit(self, msg):
        self.module.exit_json(msg=msg, **self.result)


def _object_view(object_type, entry, references):
    view = dict(object_type.show(entry['attrs'], references), name=entry['name'], id=entry['id'])
    if object_type.overridable:
        view['overrides'] = object_type.overrides(entry['attrs'])
    return view


def module_spec(object_type):
    """(argument spec, AnsibleModule options) of an object module."""
    key = object_type.bulk_key
    spec = dict(name=dict(type='str', required=not key), state=dict(type='str', choices=['present', 'absent'], default='present'))
    spec.update(object_type.argument_spec())
    options = {}
    if key:
        # the items' options are checked by the collection, per item (_item_spec); the docs still list them
        items = ItemSpec(bulk_spec(object_type, spec), object_type.single_only)
        spec[key] = dict(type='list', elements='dict')
        # a file of items read on the controller by the module's action plugin (plugins/plugin_utils/_items_src.py),
        # which hands the module its items as <bulk_key>
        spec[key + '_src'] = dict(type='str')
        spec[key + '_mode'] = dict(type='str', choices=['present', 'exact'], default='present')
        spec['domain'] = dict(type='str')
        spec['allow_empty'] = dict(type='bool', default=False)
        options = dict(mutually_exclusive=[['name', key, key + '_src']], required_one_of=[['name', key, key + '_src']],
                       item_lists={key: items})
    return spec, options


def run_object_module(object_type):
    """The whole life of an object module: documentation is the module file's, everything else is here."""
    # A module run is one short process whose objects live to its end: the cycle collector's passes over a list's
    # items (a quarter of an unchanged 10,000-account run) would free nothing worth it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _run_object_module(object_type)
    finally:
        if collecting:
            gc.enable()


def _run_object_module(object_type):
    key = object_type.bulk_key
    spec, options = module_spec(object_type)
    module = create_module(spec, **options)
    run = Run(module, object_type)
    params = module.params
    if key and params[key + '_src'] is not None:
        # only when the module runs without its action plugin (which reads the file and passes the items)
        module.fail_json(msg='%s_src: the file is read on the controller by the action plugin %s, which did not run here; '
                             'give the items as %s' % (key, object_type.module, key))
    if key and params[key] is not None:
        run.client = create_client(module)
        try:
            run_bulk(run)
        except CarbonioError as exc:
            fail_on_error(module, exc)
    # Every option is checked before the first request: bad input never reaches the server.
    try:
        name = run.name = object_type.parse_name(params['name'])
        old_name = object_type.parse_name(params['old_name'], 'old_name') if params.get('old_name') else None
        if old_name and params['state'] == 'absent':
            raise ValueError('old_name: only with state present (a rename); state absent deletes what name names')
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


def _primary(object_type, entry, name):
    """An entry read by a name is that object only if the name is its own: Carbonio also finds an account by an alias."""
    return entry if entry is None or entry['name'].lower() == name.lower() else None


def _ensure_present(run, name, old_name, wanted, modes):
    object_type, client, module = run.type, run.client, run.module
    hooks = object_type.hooks
    names = [name] + ([old_name] if old_name and old_name != name else [])
    extra = hooks['reads'](names, wanted, run.params) if 'reads' in hooks else []
    claims = _claims(object_type, wanted, modes)
    named = lookups(object_type, wanted, modes)
    addressed = bool(object_type.address_relations or object_type.lookup_options)
    if addressed:
        # whatever holds the object's address, the aliases it adds and the accounts or lists it names, in the same batch
        extra = extra + [requests.holders_request(names + [value for field, value in claims + named], object_type.search_types)]
    objects, references, items = requests.read_objects(client, object_type, names, extra)
    held = {}
    if addressed:
        held, items = requests.holders(requests.response_items(items[-1])), items[:-1]
    run.grantees = held
    run.references = references
    if objects[0] is not None and _primary(object_type, objects[0], name) is None:
        run.fail('name: %s is an alias of %s %s; remove that alias first, or manage %s' % (
            name, object_type.label, objects[0]['name'], objects[0]['name']))
    current, renamed_from = objects[0], None
    old = _primary(object_type, objects[1], old_name) if len(objects) > 1 else None
    if current is not None and old is not None:
        run.fail('old_name: both %s and %s exist; nothing to rename (drop old_name once a rename is done)' % (old['name'], current['name']))
    if current is None and old is not None:
        current, renamed_from = old, old['name']
        try:
            object_type.check_protected(renamed_from, 'old_name', 'renamed')
        except ValueError as exc:
            run.fail(str(exc))
    try:
        problems = check_holders(name, current, renamed_from is not None, claims, held) + check_lookups(
            lookups(object_type, wanted, modes, True), held, (lambda field, what: missing(run, field, what)) if module.check_mode else None)
    except ValueError as exc:
        problems = [str(exc)]
    if problems:
        run.fail('; '.join(problems))
    try:
        desired = object_type.resolve(wanted, references, lambda field, what: missing(run, field, what))
        if 'check' in hooks:
            hooks['check'](run, current, desired, items)
        object_type.settle_fixed(current, desired)
    except ValueError as exc:
        run.fail(str(exc))
    plan = Plan(run, current, renamed_from, desired, modes)
    if module.check_mode:
        run.result.update(changed=plan.changed, changed_attributes=sorted(plan.before))
        if module._diff:
            run.result['diff'] = plan.diff()
    created = None
    if not module.check_mode:
        # A real run reports what was confirmed, write by write, so a failure part-way says what happened.
        landed = set()
        if module._diff:
            run.result['diff'] = plan.diff(landed)

        def confirmed(attributes):
            landed.update(attributes)
            run.result.update(changed=True, changed_attributes=sorted(landed))
            if module._diff:
                run.result['diff'] = plan.diff(landed)
        # the phases of every object's writes (PHASES), here one request each: a failure stops at the write that failed
        for phase in PHASES:
            if phase == 'change' and current is None:
                created = create_object(run, plan)
                confirmed(set(plan.before) - set(plan.links))
                continue
            for write in plan.writes(phase, (created or current or {}).get('id')):
                requests.send(client, object_type, write)
                confirmed(plan.attributes_of(write))
    run.result[object_type.result_key] = _object_view(object_type, plan.entry(created), references)
    run.exit(plan.message())


def _claims(object_type, wanted, modes):
    """[(field, address)] an object adds to the addresses it answers to (aliases given in mode exact or present)."""
    claims = []
    for option in object_type.address_relations:
        if modes.get(option.attribute, 'exact') != 'absent':
            claims += [('%s[%d]' % (option.name, index), value) for index, value in enumerate(wanted.get(option.attribute, []))]
    return claims


def _ensure_absent(run, name):
    object_type = run.type
    objects, references = requests.read_objects(run.client, object_type, [name])[:2]
    run.references = references
    entry = objects[0]
    if entry is None:
        run.exit('%s %s is absent' % (object_type.label, name))
    if _primary(object_type, entry, name) is None:
        run.exit('%s is an alias of %s %s, not %s %s; nothing deleted' % (name, object_type.label, entry['name'], object_type.label, name))
    try:
        object_type.check_protected(entry['name'], 'name', 'deleted')
    except ValueError as exc:
        run.fail(str(exc))
    run.result.update(changed=run.module.check_mode)
    run.result[object_type.result_key] = _object_view(object_type, entry, references)
    if run.module._diff:
        run.result['diff'] = dict(before=diff_view(object_type, entry['attrs'], set(entry['attrs']) & set(object_type.attributes),
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
    inherited_by_name = {}
    try:
        if 'info_read' in hooks:
            # types read by search (accounts): the hook reads, and says what each object inherits
            objects, references, inherited_by_name, facts = hooks['info_read'](client, name, params)
            config = {}
        else:
            extra = hooks['info_reads'](name, params) if name and 'info_reads' in hooks else []
            objects, references, config, items = requests.read_all(client, object_type, name, extra)
            facts = hooks['extra_facts'](client, objects, params, items) if 'extra_facts' in hooks else {}
        objects.sort(key=lambda item: item['name'])
    except CarbonioError as exc:
        fail_on_error(module, exc)
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    inherited = dict((attribute, values) for attribute, values in config.items() if attribute in _inherited_names(object_type))
    result = []
    for entry in objects:
        # Carbonio's attributes only (not what a decode hook adds for an option such as a list's dynamic)
        described = dict(name=entry['name'], id=entry['id'],
                         attrs=dict((key, values) for key, values in entry['attrs'].items() if key not in object_type.fields))
        if name or not inherited_by_name:
            own_inherited = inherited_by_name.get(entry['name'], inherited)
            described['settings'] = object_type.settings(entry['attrs'], own_inherited, references)
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


def _applied(current, desired, keys):
    """current once the keys of desired are written (None removes one)."""
    after = dict(current)
    for key in keys:
        if desired[key] is None:
            after.pop(key, None)
        else:
            after[key] = desired[key]
    return after


def _settings_report(run, before, after, view, label):
    """changed, changed_settings, settings, diff and msg for settings that went from before to after."""
    keys = sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))
    run.result.update(changed=bool(run.result.get('changed') or keys), changed_settings=keys,
                      settings=dict((key, view(key, value)) for key, value in after.items()))
    if run.module._diff:
        run.result['diff'] = dict(before=dict((key, view(key, before[key])) for key in keys if key in before),
                                  after=dict((key, view(key, after[key])) for key in keys if key in after))
    verb = 'would change' if run.module.check_mode else 'changed'
    run.result['msg'] = '%s: %s %s' % (label, ', '.join(keys), verb) if keys else '%s unchanged' % label


def ensure_settings(run, current, desired, write, label, view=None, reread=None, since=None):
    """Converge settings that are not directory attributes (ZxAuth policies, SAML properties) and report them.

    current and desired are flat {key: value}; only the keys of desired are managed, and a desired None removes the
    key. write(key, value) sends one change (None: remove) with repeatable=False, each through the client's ``once``:
    a write whose answer was lost is settled by reread() -> {key: value}, never sent again. view(key, value) is what
    the result and a diff show of a value (a secret hidden). since: what the report starts from when earlier writes of
    the run made current (SAML's import); default current. Sets run.result's changed, changed_settings, settings (what
    holds after the run, predicted in check mode), diff and msg, also when a write fails part-way (then with what had
    landed). Returns the settings after the run, unviewed.
    """
    view = view or (lambda key, value: value)
    before = current if since is None else since
    changes = [key for key in sorted(desired) if desired[key] != current.get(key)]
    done = []
    for key in [] if run.module.check_mode else changes:
        value = desired[key]
        try:
            run.client.once('%s: %s' % (label, key), lambda: write(key, value), lambda: (reread() or {}).get(key) == value)
        except CarbonioError as exc:
            _settings_report(run, before, _applied(current, desired, done), view, label)
            run.result.pop('msg')
            said = '; changed before it: %s' % ', '.join(done) if done else ''
            extra = dict(error_code=exc.code) if getattr(exc, 'code', None) else {}
            run.fail('%s: %s not changed: %s%s' % (label, key, exc, said), **extra)
        done.append(key)
    after = _applied(current, desired, changes)
    _settings_report(run, before, after, view, label)
    return after
