# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the one engine every object module runs.

``run_object_module(TYPE)``: validate everything, read in one round trip, plan, diff in option form,
honour check mode, write, report. ``run_info_module(TYPE)``: read one or all objects with what they
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
- ``create(run, name, attrs)``: create another way (CopyCos), returning the new entry (single objects only);
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

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog import domain_inherited_attributes
from ansible_collections.carbonio.admin.plugins.module_utils._bulk import bulk_spec, run_bulk
from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._item_spec import ItemSpec
from ansible_collections.carbonio.admin.plugins.module_utils._list_plan import check_holders, check_lookups, lookups
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


def _diff_view(object_type, attrs, attributes, name, references):
    return dict(object_type.view(attrs, attributes, references), name=name)


def module_spec(object_type):
    """(argument spec, AnsibleModule options) of an object module."""
    key = object_type.bulk_key
    spec = dict(name=dict(type='str', required=not key), state=dict(type='str', choices=['present', 'absent'], default='present'))
    spec.update(object_type.argument_spec())
    options = {}
    if key:
        # the items' options are checked by the collection, per item (_item_spec); the docs still list them
        items = ItemSpec(bulk_spec(object_type, spec))
        spec[key] = dict(type='list', elements='dict')
        spec[key + '_mode'] = dict(type='str', choices=['present', 'exact'], default='present')
        spec['domain'] = dict(type='str')
        spec['allow_empty'] = dict(type='bool', default=False)
        options = dict(mutually_exclusive=[['name', key]], required_one_of=[['name', key]], item_lists={key: items})
    return spec, options


def run_object_module(object_type):
    """The whole life of an object module: documentation is the module file's, everything else is here."""
    key = object_type.bulk_key
    spec, options = module_spec(object_type)
    module = create_module(spec, **options)
    run = Run(module, object_type)
    params = module.params
    if key and params[key] is not None:
        run.client = create_client(module)
        try:
            run_bulk(run, Plan)
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


class Plan(object):
    """What one object needs: its attribute changes, its relation changes, its writes and its views.

    ctx is the run (or, in a bulk run, the item): type, params, name, references, client, module.
    Writes come in phases: the rename, then the create or modify, then what needs the object's id
    (relations such as aliases, and the type's extra writes such as a password).
    """

    def __init__(self, ctx, current, renamed_from, desired, modes):
        object_type = ctx.type
        self.ctx, self.current, self.renamed_from = ctx, current, renamed_from
        self.attrs = current['attrs'] if current else {}
        self.modify, self.before, self.after = plan_attribute_changes(self.attrs, desired, modes, object_type.compare_keys())
        self.links = _relation_changes(object_type, self.modify, self.before, self.after)
        self.after_attrs = apply_changes(self.attrs, self.after)
        hooks = object_type.hooks
        self.extra = hooks['extra_writes'](ctx, current) if 'extra_writes' in hooks else []
        self.changed = current is None or bool(self.modify) or bool(self.links) or renamed_from is not None or bool(self.extra)

    def create_attrs(self):
        # At creation "+name" (mode present) is just the list; removals have nothing to remove.
        return dict((key.lstrip('+'), values) for key, values in self.modify.items()
                    if values and not key.startswith('-') and key.lstrip('+') not in self.ctx.type.fields)

    def create_write(self):
        ctx = self.ctx
        extra = dict((ctx.type.hooks['create_body'](ctx) if 'create_body' in ctx.type.hooks else None) or {})
        for attribute, option in ctx.type.fields.items():
            values = self.modify.get(attribute)
            if values:
                extra[option.create_field] = option.show(values, None)
        return _what(requests.create_write(ctx.type, ctx.name, self.create_attrs(), extra or None), 'created')

    def rename_write(self):
        if not self.renamed_from:
            return None
        return _what(requests.rename_write(self.ctx.type, self.current['id'], self.ctx.name), 'renamed from %s' % self.renamed_from)

    def modify_write(self):
        if self.current is None or not self.modify:
            return None
        count = len(self.before) - len(self.links)
        self._modify_write = _what(requests.modify_write(self.ctx.type, self.ctx.name, self.current['id'], self.modify, self.ctx.type.compare_keys()),
                                   '%d setting%s changed' % (count, '' if count == 1 else 's'))
        return self._modify_write

    def removal_writes(self, object_id):
        """Relation values to remove; sent before any value is added (a value may move to another object)."""
        return self._relation_writes(object_id, False)

    def later_writes(self, object_id):
        """Relation values to add and extra writes, once the object's id is known and every removal was sent."""
        return self._relation_writes(object_id, True) + [_what(make(object_id), label) for label, make in self.extra]

    def _relation_writes(self, object_id, add):
        writes = []
        verb = 'added' if add else 'removed'
        for attribute, changes in sorted(self.links.items()):
            option = self.ctx.type.relations[attribute]
            values = changes[0 if add else 1]
            if option.relation.whole:
                if add and (changes[0] or changes[1]):
                    writes.append(_what(requests.relation_write(self.ctx.name, object_id, option, self.after.get(attribute, []), True, self),
                                        '%s set' % option.name))
                continue
            if option.relation.grouped and values:
                count = '%d %s' % (len(values), verb) if len(values) > 1 else '%s %s' % (values[0], verb)
                writes.append(_what(requests.relation_write(self.ctx.name, object_id, option, values, add, self),
                                    '%s: %s' % (option.name, count)))
                continue
            for value in values:
                writes.append(_what(requests.relation_write(self.ctx.name, object_id, option, [value], add), '%s %s %s' % (option.name, value, verb)))
        return writes

    def attributes_of(self, write):
        """The attributes a confirmed write changed (for changed_attributes and the diff of what landed)."""
        if write is getattr(self, '_modify_write', None):
            return set(self.before) - set(self.links)
        option = next((o for o in self.ctx.type.relations.values() if write.request in o.relation.requests), None)
        return set([option.attribute]) if option is not None else set()

    def diff(self, landed=None):
        """before/after of the managed fields; landed: only these attributes (what a run that failed part-way wrote)."""
        ctx = self.ctx
        changed = set(self.before) if landed is None else set(self.before) & landed
        before = _diff_view(ctx.type, self.attrs, changed, self.renamed_from or ctx.name, ctx.references) if self.current else {}
        shown = set(self.after) if self.current else set(a for a, v in self.after_attrs.items() if v)
        if landed is not None:
            shown &= landed
        return dict(before=before, after=_diff_view(ctx.type, self.after_attrs, shown, ctx.name, ctx.references))

    def entry(self, created=None):
        entry = dict(self.current or {'id': None}, attrs=self.after_attrs)
        entry['name'] = self.ctx.name if self.current is None or self.renamed_from else self.current['name']
        if created:
            entry.update(id=created['id'], name=created['name'])
        return entry

    def message(self):
        label = '%s %s' % (self.ctx.type.label, self.ctx.name)
        if self.current is None:
            return '%s created' % label
        count = len(self.before)
        parts = (['renamed from %s' % self.renamed_from] if self.renamed_from else []) + (
            ['%d setting%s changed' % (count, '' if count == 1 else 's')] if count else []) + [label_ for label_, make in self.extra]
        return '%s: %s' % (label, ', '.join(parts)) if parts else '%s unchanged' % label


def _what(write, what):
    write.what = what
    return write


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
        if renamed_from in object_type.protected:
            run.fail('old_name: %s %s cannot be renamed' % (object_type.label, renamed_from))
    problems = check_holders(name, current, renamed_from is not None, claims, held) + check_lookups(lookups(object_type, wanted, modes, True), held)
    if problems:
        run.fail('; '.join(problems))
    try:
        desired = object_type.resolve(wanted, references)
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
        if current is None:
            if 'create' in hooks:
                created = hooks['create'](run, name, plan.create_attrs())
            else:
                created = requests.entry_of(object_type, requests.send(client, object_type, plan.create_write()))
            confirmed(set(plan.before) - set(plan.links))
        object_id = (created or current)['id']
        for write in [plan.rename_write(), plan.modify_write()] + plan.removal_writes(object_id) + plan.later_writes(object_id):
            if write is not None:
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


def _relation_changes(object_type, modify, before, after):
    """{attribute: (values to add, values to remove)} for options with their own requests, taken out of modify."""
    links = {}
    for key in [key for key in modify if key.lstrip('+-') in object_type.relations]:
        attribute = key.lstrip('+-')
        del modify[key]
        option = object_type.relations[attribute]
        have, want = before.get(attribute, []), after.get(attribute, [])
        have_keys, want_keys = set(option.key(v) for v in have), set(option.key(v) for v in want)
        links[attribute] = ([v for v in want if option.key(v) not in have_keys], [v for v in have if option.key(v) not in want_keys])
    return links


def _ensure_absent(run, name):
    object_type = run.type
    objects, references = requests.read_objects(run.client, object_type, [name])[:2]
    run.references = references
    entry = objects[0]
    if entry is None:
        run.exit('%s %s is absent' % (object_type.label, name))
    if _primary(object_type, entry, name) is None:
        run.exit('%s is an alias of %s %s, not %s %s; nothing deleted' % (name, object_type.label, entry['name'], object_type.label, name))
    if entry['name'] in object_type.protected:
        run.fail('name: %s %s cannot be deleted' % (object_type.label, entry['name']))
    run.result.update(changed=run.module.check_mode)
    run.result[object_type.result_key] = _object_view(object_type, entry, references)
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
