# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: how an object type is described, and the one option <-> attribute mapping.

An ObjectType lists its options (each an attribute of one kind); from those same rows come the
argument spec, the parsing of options and of ``attrs:`` into wire values (kind first, then the
attribute catalog as the last gate), and the way back from attributes to options for results,
diffs and exports. Object types live in ``_objects/``; the engine in ``_engine.py`` runs them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog import get_attribute, normalize_value
from ansible_collections.carbonio.admin.plugins.module_utils._references import LOOKUPS
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import KINDS, parse_enum

LIST_MODES = ('exact', 'present', 'absent')
# The hooks an ObjectType may declare (see _engine): a name outside this list is a typo, refused when the type is defined.
HOOKS = ('validate', 'reads', 'check', 'extra_writes', 'create_body', 'create', 'before_delete', 'keep', 'decode',
         'info_reads', 'extra_facts', 'info_read', 'object_class', 'more_reads')


# what a diff shows for a secret that is set (its value never leaves the module)
HIDDEN = '(hidden)'


class Option(object):
    """One module option over one attribute.

    kind: a name of ``_value_formats.KINDS``, ``enum`` (``choices``, default the catalog's values) or a
    reference kind (``cos``: users write names, the attribute holds ids). ``list``: the attribute is
    multi-valued and the option a list compared as a set; ``mode`` adds ``<name>_mode``.
    ``removable``: ``''`` (or ``[]``) removes the setting. ``fallback``: the value Carbonio applies
    when neither the object nor what it inherits from sets one. ``relation``: a Relation, for values that
    change only through their own requests (an account's aliases, a list's members). ``fixed``: set when the
    object is created, never changed after (a list's type): another value is refused before any write.
    ``create_field``: the value is no attribute but a field of the create request (``dynamic``), with
    ``attribute`` the name the type's decode hook gives it in an entry's attrs.
    """

    def __init__(self, name, attribute, kind='text', list=False, mode=False, aliases=(), no_log=False,
                 choices=None, removable=True, fallback=None, relation=None, lookup=False, fixed=False, create_field=None):
        self.name = name
        self.attribute = attribute
        self.kind = kind
        self.list = list
        self.mode = mode
        self.aliases = tuple(aliases)
        self.no_log = no_log
        self.choices = tuple(choices) if choices else None
        self.removable = removable
        self.fallback = fallback
        self.relation = relation
        # the values name accounts or lists by address, each looked up in the read batch: True, they must exist (a list's
        # owners); 'open', external addresses too (its senders, whose grants Carbonio keeps by id)
        self.lookup = lookup
        self.fixed = fixed
        self.create_field = create_field

    @property
    def reference(self):
        return self.kind in LOOKUPS

    def spec(self):
        if self.list and self.kind != 'text':
            spec = dict(type='list', elements='str')
        else:
            # raw, so that a list given for one value is refused instead of turned into its text,
            # and so that '' (remove) is accepted for numbers and booleans too.
            spec = dict(type='raw')
        if self.aliases:
            spec['aliases'] = list(self.aliases)
        # said either way, so that names such as password_min_length are not taken for secrets
        spec['no_log'] = self.no_log
        return spec

    def _parse_one(self, value, field):
        if self.kind == 'enum':
            return parse_enum(value, field, self.choices or get_attribute(self.attribute).values)
        if self.reference:
            return Reference(self.kind, KINDS['text'].parse(value, field).strip(), field)
        return KINDS[self.kind].parse(value, field)

    @property
    def several(self):
        """A scalar option over an attribute Carbonio lets hold several values takes and shows a list then."""
        info = get_attribute(self.attribute)
        return bool(info and info.multi) and not self.list

    def parse(self, value, field):
        """The wire values (a list) for a user's value, references left as Reference; raises ValueError."""
        if value == '' or value == []:
            if not self.removable:
                raise ValueError('%s: this setting cannot be removed; expected %s' % (field, self.form()))
            return []
        if self.list or (self.several and isinstance(value, list)):
            values = value if isinstance(value, list) else [value]
            return [self._parse_one(item, '%s[%d]' % (field, index) if isinstance(value, list) else field)
                    for index, item in enumerate(values)]
        return [self._parse_one(value, field)]

    def show(self, values, references):
        """The option value for wire values (None when unset)."""
        if not values:
            return None
        if self.reference:
            shown = [references.to_name(self.kind, value) for value in values]
        elif self.kind == 'enum':
            shown = list(values)
        else:
            shown = [KINDS[self.kind].show(value) for value in values]
        return shown if self.list or len(shown) > 1 else shown[0]

    def key(self, wire):
        kind = KINDS.get(self.kind)
        return kind.key(wire) if kind else wire

    def form(self):
        if self.kind == 'enum':
            return 'one of %s' % ', '.join(self.choices or get_attribute(self.attribute).values)
        if self.reference:
            return 'the name of an existing %s' % self.kind
        return KINDS[self.kind].form


class Relation(object):
    """How the values of an option change through requests of their own, never through the type's modify request.

    add/remove: the request names; field: the body field that carries the value (``alias``, ``dlm``); grouped: all
    values of one change go in one request as ``field`` elements (``dlm: [{_content: ...}, ...]``), else one request
    per value; claims: the values are addresses the object answers to (aliases), which no other object may hold;
    build: makes the body itself (DistributionListActionRequest's ``action``), with namespace its requests' own.
    """

    def __init__(self, add, remove, field=None, grouped=False, claims=False, build=None, namespace='urn:zimbraAdmin', whole=False):
        self.add = add
        self.remove = remove
        self.field = field
        self.grouped = grouped
        self.claims = claims
        # build(object_id, values, add, plan): the body, for requests of another shape (all values in one request)
        self.build = build
        self.grouped = grouped or build is not None
        self.namespace = namespace
        # whole: one request sets the whole set after any change (DistributionListAction setRights)
        self.whole = whole

    @property
    def requests(self):
        return (self.add, self.remove)


class Reference(object):
    """A name to turn into an id once the names of that kind have been read."""

    def __init__(self, kind, name, field):
        self.kind = kind
        self.name = name
        self.field = field


class ObjectType(object):
    """Everything the engine needs to know about one kind of directory object.

    element: the response element and ``by`` selector name (``domain``, ``cos``); requests: a dict
    with the request names ``get``, ``get_all``, ``create``, ``modify``, ``delete`` and ``rename``;
    id_elements: the type's requests carry name/id/newName as ``{"_content": ...}`` elements;
    get_extra: extra fields of the get requests (``applyConfig: 0`` for own values only);
    inherits: ``config`` when unset values come from the global configuration;
    attribute_kinds: stricter kinds for attributes that have no option (the Admin Panel's https-only links);
    overridable: attributes the object may set or leave to what it inherits (an account's COS settings):
    the result names those it sets under ``overrides``; bulk_key: the option that takes a list of objects
    (``accounts``), bulk_read_attributes: what its search reads besides the options' attributes; search_types:
    what a bulk read searches for (its own objects and whatever else may hold an address it uses); result_key: the
    key of the object in a module's result (default the element);
    protected: names that can be changed but not renamed or deleted; structural: ``{attribute: (option, ...)}``,
    attributes that make the object what it is, refused in ``attrs:`` with the options that change them (an
    account's ``mail`` through name and old_name, its ``userPassword`` through password); lookups: reference kinds read even
    though no option refers to them (for hooks such as copy_from); hooks: see _engine.
    """

    def __init__(self, element, label, module, object_class, options, requests, missing_fault,
                 name_kind='hostname', id_elements=False, get_extra=None, inherits=None, protected=(),
                 structural=None, extra_spec=None, info_spec=None, hooks=None, plural=None, lookups=(),
                 attribute_kinds=None, overridable=(), bulk_key=None, bulk_read_attributes=(), search_types=None, result_key=None,
                 single_only=()):
        self.element = element
        self.label = label
        self.module = module
        self.object_class = object_class
        self.options = list(options)
        self.requests = requests
        self.missing_fault = missing_fault
        self.name_kind = name_kind
        self.id_elements = id_elements
        self.get_extra = get_extra or {}
        self.inherits = inherits
        self.protected = tuple(protected)
        self.structural = dict((attribute, tuple(options)) for attribute, options in dict(structural or {}).items())
        self.extra_spec = extra_spec or {}
        self.info_spec = info_spec or {}
        self.hooks = hooks or {}
        self.plural = plural or element + 's'
        self.lookups = tuple(lookups)
        self.attribute_kinds = attribute_kinds or {}
        self.overridable = frozenset(overridable)
        self.bulk_key = bulk_key
        self.bulk_read_attributes = tuple(bulk_read_attributes)
        self.search_types = search_types or self.plural
        self.result_key = result_key or element
        # options for one object only (name:), refused in a list's items with that reason, never offered there
        self.single_only = tuple(single_only)
        self.by_attribute = dict((option.attribute, option) for option in self.options)
        self.relations = dict((option.attribute, option) for option in self.options if option.relation)
        self._compare_keys = dict((option.attribute, option.key) for option in self.options)
        # relations whose values are addresses the object also answers to (aliases): one holder each
        self.address_relations = [option for option in self.options if option.relation and option.relation.claims]
        self.lookup_options = [option for option in self.options if option.lookup]
        # options carried by the create request's own fields, not attributes (never read, gated or modified)
        self.fields = dict((option.attribute, option) for option in self.options if option.create_field)
        # what the catalog does not gate, the option's kind checking each value: what is set at creation only (never in a
        # modify request, so Carbonio's immutable ones are fine: zimbraIsACLGroup), and a structural attribute an option
        # is the way to set (a dynamic list's memberURL, refused in attrs:)
        self.unchecked = set(self.relations) | set(self.fields) | set(option.attribute for option in self.options if option.fixed)
        self.unchecked |= set(attribute for attribute in self.structural if attribute in self.by_attribute)
        unknown = sorted(set(self.hooks) - set(HOOKS))
        if unknown:
            raise ValueError('%s: unknown hook %s; hooks are %s' % (label, ', '.join(unknown), ', '.join(HOOKS)))

    @property
    def attributes(self):
        return [option.attribute for option in self.options]

    @property
    def read_attributes(self):
        """The attributes a search reads: an option over a view of an attribute (``zimbraACE:ownDistList``) reads it."""
        return sorted(set(option.attribute.partition(':')[0] for option in self.options if not option.create_field))

    def check_protected(self, name, field, verb):
        """Refuse to rename or delete a name the type protects (the default class of service); ValueError naming field."""
        if name in self.protected:
            raise ValueError('%s: %s %s cannot be %s' % (field, self.label, name, verb))

    def class_of(self, params):
        """The attrs.xml class of the object these options describe (a dynamic list is a ``group``)."""
        return self.hooks['object_class'](params) if 'object_class' in self.hooks else self.object_class

    def field_of(self, attribute):
        option = self.by_attribute.get(attribute)
        return option.name if option is not None else 'attrs.%s' % attribute

    def regate(self, desired, object_class):
        """Check desired values again for an object of another class than the options said (an existing dynamic
        list the task did not call dynamic); raises ValueError naming the field."""
        for attribute, values in desired.items():
            if attribute not in self.unchecked:
                normalize_value(attribute, values, field=self.field_of(attribute), object_class=object_class)

    def settle_fixed(self, current, desired):
        """Refuse another value for an option fixed at creation; an equal one is no change (taken out of desired)."""
        if current is None:
            return
        for option in self.options:
            if not option.fixed or option.attribute not in desired:
                continue
            have = current['attrs'].get(option.attribute) or []
            shown = option.show(have, None) if have else option.fallback
            want = option.show(desired.pop(option.attribute), None)
            if want != shown:
                raise ValueError('%s: fixed when the %s is created; %s has %s: %s (delete it and create it again to change that)'
                                 % (option.name, self.label, current['name'], option.name, _yaml(shown)))

    def references(self):
        return sorted(set(option.kind for option in self.options if option.reference) | set(self.lookups))

    def argument_spec(self):
        spec = {}
        for option in self.options:
            spec[option.name] = option.spec()
            if option.mode:
                spec[option.name + '_mode'] = dict(type='str', choices=list(LIST_MODES), default='exact')
        spec['attrs'] = dict(type='dict')
        spec.update(self.extra_spec)
        return spec

    def parse_name(self, value, field='name'):
        if not value:
            raise ValueError('%s: must not be empty; expected %s' % (field, KINDS[self.name_kind].form))
        return KINDS[self.name_kind].parse(value, field)

    def parse(self, params):
        """(wanted, modes, warnings) from the options and attrs: the user set; raises ValueError naming the field.

        wanted maps attributes to wire values or References; every value not a reference has passed the catalog.
        """
        wanted, modes, warnings = {}, {}, []
        object_class = self.class_of(params)
        for option in self.options:
            value = params.get(option.name)
            if value is None:
                continue
            wanted[option.attribute] = self._gate(option.attribute, option.parse(value, option.name), option.name, object_class)
            if option.mode:
                modes[option.attribute] = params.get(option.name + '_mode') or 'exact'
            self._warn_deprecated(option.attribute, option.name, warnings)
        raw = params.get('attrs') or {}
        if not isinstance(raw, dict):
            raise ValueError('attrs: must be a dictionary of Carbonio attribute names to values')
        for name in sorted(raw, key=str):
            field = 'attrs.%s' % name
            if name in wanted:
                raise ValueError('%s: also set by option %s; set it in one place only' % (field, self.by_attribute[name].name))
            if name in self.structural:
                options = self.structural[name]
                raise ValueError('%s: is structural: set it through the module\'s option%s %s'
                                 % (field, 's' if len(options) > 1 else '', ', '.join(options)))
            if name in self.relations:
                raise ValueError('%s: changes only through option %s' % (field, self.relations[name].name))
            if name in self.fields:
                raise ValueError('%s: is no Carbonio attribute; use option %s' % (field, self.fields[name].name))
            option = self.by_attribute.get(name)
            if option is None and name in self.attribute_kinds:
                option = Option(name, name, self.attribute_kinds[name])
            value = raw[name]
            if option is not None and not option.reference:
                # the option's rules apply whichever way the attribute is given
                value = option.parse(value, field)
            wanted[name] = self._gate(name, value, field, object_class)
            self._warn_deprecated(name, field, warnings)
        return wanted, modes, warnings

    def _gate(self, attribute, values, field, object_class):
        """The catalog's check of every value that is not a reference yet (or changed by its own requests)."""
        if isinstance(values, list) and any(isinstance(value, Reference) for value in values):
            return values
        if attribute in self.unchecked:
            # never in a modify request (a relation's requests, the create request alone); the option's kind checked each value
            return values
        return normalize_value(attribute, values, field=field, object_class=object_class)

    @staticmethod
    def _warn_deprecated(attribute, field, warnings):
        info = get_attribute(attribute)
        if info is not None and info.deprecated:
            warnings.append('%s: Carbonio deprecated %s in %s; it may be ignored or removed in a later release'
                            % (field, attribute, info.deprecated_since))

    def resolve(self, wanted, references, missing=None):
        """Wanted values with references turned into ids, each id through the catalog; raises ValueError.

        missing(field, what): called for a name no object has, instead of failing (check mode: the name stands for the
        id it will have, and shows as itself)."""
        resolved = {}
        for attribute, values in wanted.items():
            if any(isinstance(value, Reference) for value in values):
                unknown = [value for value in values if missing is not None and references.find(value.kind, value.name) is None]
                for value in unknown:
                    missing(value.field, '%s named %r' % (references.LABELS.get(value.kind, value.kind), value.name))
                if unknown:
                    resolved[attribute] = [value.name for value in values]
                    continue
                ids = [references.to_id(value.kind, value.name, value.field) for value in values]
                values = normalize_value(attribute, ids, field=values[0].field, object_class=self.object_class)
            resolved[attribute] = values
        return resolved

    def compare_keys(self):
        return self._compare_keys

    def show(self, attrs, references):
        """The options that describe these (own) attribute values; unset options are left out."""
        shown = {}
        for option in self.options:
            if option.no_log:
                continue  # a secret is never shown, so an export re-applied leaves it as it is
            value = option.show(attrs.get(option.attribute) or [], references)
            if value is not None:
                shown[option.name] = value
        return shown

    def overrides(self, attrs):
        """The options whose value the object sets itself instead of inheriting it."""
        return sorted(option.name for option in self.options if option.attribute in self.overridable and attrs.get(option.attribute))

    def view(self, attrs, attributes, references):
        """Option-shaped view of the given attributes only (diff output); other attributes under attrs."""
        view = {}
        for attribute in sorted(attributes):
            option = self.by_attribute.get(attribute)
            values = attrs.get(attribute) or []
            if option is not None and option.no_log:
                view[option.name] = HIDDEN if values else None
            elif option is not None:
                view[option.name] = option.show(values, references)
            else:
                view.setdefault('attrs', {})[attribute] = values[0] if len(values) == 1 else values
        return view

    def settings(self, own, inherited, references):
        """{option: {own, effective}}: what the object sets, and what applies to it."""
        settings = {}
        for option in self.options:
            if option.no_log:
                continue
            own_values = own.get(option.attribute) or []
            effective = own_values or inherited.get(option.attribute) or []
            shown = option.show(effective, references)
            settings[option.name] = dict(own=option.show(own_values, references),
                                         effective=shown if shown is not None else option.fallback)
        return settings


def _yaml(value):
    """A shown value as a playbook writes it (true, not True)."""
    if isinstance(value, bool) or value is None:
        return {True: 'true', False: 'false', None: 'unset'}[value]
    return value
