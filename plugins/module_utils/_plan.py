# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: what one object needs, planned once for the single path and for each item of a list.

``Plan`` compares what was read with what is wanted (``_state_compare``), splits the changes into the modify request
and the relations' own requests, and gives the writes phase by phase (``PHASES``), the diff and the result message.
``create_object`` creates one object, through the type's create hook or its create request.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import apply_changes, plan_attribute_changes


# The order every object's writes are sent in, one object (one request each) or a list of them (each phase in pages
# across the items): the rename (bulk renames in the order chains need), the create or modify (or a bulk delete), every
# relation value removed, then every value added and the type's extra writes, which need the object's id.
PHASES = ('rename', 'change', 'remove', 'add')


class Plan(object):
    """What one object needs: its attribute changes, its relation changes, its writes and its views.

    ctx is the run (or, in a bulk run, the item): type, params, name, references, client, module.
    ``writes(phase, object_id)`` gives its writes phase by phase (PHASES); a create is the change phase of a new object.
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

    def writes(self, phase, object_id=None):
        """The writes of one phase. Relation values are removed before any is added (a value may move to another
        object); additions and extra writes need the object's id."""
        if phase == 'rename':
            return [write for write in [self.rename_write()] if write is not None]
        if phase == 'change':
            return [self.create_write() if self.current is None else self.modify_write()] if self.current is None or self.modify else []
        if phase == 'remove':
            return self._relation_writes(object_id, False)
        return self._relation_writes(object_id, True) + [_what(make(object_id), label) for label, make in self.extra]

    def _relation_writes(self, object_id, add):
        """The writes of the relations' changes, each knowing the attribute it changes (two relations may share a request:
        a list's owners and senders both go through DistributionListActionRequest)."""
        writes = []
        verb = 'added' if add else 'removed'
        for attribute, changes in sorted(self.links.items()):
            first = len(writes)
            option = self.ctx.type.relations[attribute]
            values = changes[0 if add else 1]
            if option.relation.whole:
                if add and (changes[0] or changes[1]):
                    writes.append(_what(requests.relation_write(self.ctx.name, object_id, option, self.after.get(attribute, []), True, self),
                                        '%s set' % option.name))
            elif option.relation.grouped:
                if values:
                    count = '%d %s' % (len(values), verb) if len(values) > 1 else '%s %s' % (values[0], verb)
                    writes.append(_what(requests.relation_write(self.ctx.name, object_id, option, values, add, self),
                                        '%s: %s' % (option.name, count)))
            else:
                for value in values:
                    writes.append(_what(requests.relation_write(self.ctx.name, object_id, option, [value], add),
                                        '%s %s %s' % (option.name, value, verb)))
            for write in writes[first:]:
                write.attribute = attribute
        return writes

    def attributes_of(self, write):
        """The attributes a confirmed write changed (for changed_attributes and the diff of what landed)."""
        if write is getattr(self, '_modify_write', None):
            return set(self.before) - set(self.links)
        return set([write.attribute]) if write.attribute is not None else set()

    def diff(self, landed=None):
        """before/after of the managed fields; landed: only these attributes (what a run that failed part-way wrote)."""
        ctx = self.ctx
        changed = set(self.before) if landed is None else set(self.before) & landed
        before = diff_view(ctx.type, self.attrs, changed, self.renamed_from or ctx.name, ctx.references) if self.current else {}
        shown = set(self.after) if self.current else set(a for a, v in self.after_attrs.items() if v)
        if landed is not None:
            shown &= landed
        return dict(before=before, after=diff_view(ctx.type, self.after_attrs, shown, ctx.name, ctx.references))

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
        count = len(self.before) - len(self.links)
        parts = (['renamed from %s' % self.renamed_from] if self.renamed_from else []) + (
            ['%d setting%s changed' % (count, '' if count == 1 else 's')] if count else [])
        for attribute, (added, removed) in sorted(self.links.items()):
            option = self.ctx.type.relations[attribute]
            if option.relation.whole:
                parts.append('%s set' % option.name)
                continue
            done = ['%d added' % len(added)] * bool(added) + ['%d removed' % len(removed)] * bool(removed)
            parts.append('%s: %s' % (option.name, ' and '.join(done)))
        parts += [label_ for label_, make in self.extra]
        return '%s: %s' % (label, ', '.join(parts)) if parts else '%s unchanged' % label


def _what(write, what):
    write.what = what
    return write


def missing(ctx, field, what, hint=''):
    """An object the task names does not exist (a domain, a class of service, an owner). A real run refuses before any
    write, naming the field; check mode predicts the change with one warning per object, so that a review of a new
    tenant, whose domain and classes of service earlier tasks create, still works."""
    module = ctx.module
    if not module.check_mode:
        raise ValueError('%s: no %s exists%s' % (field, what, hint))
    warned = getattr(module, 'carbonio_missing', None)
    if warned is None:
        warned = module.carbonio_missing = set()
    if what not in warned:
        warned.add(what)
        module.warn('%s does not exist; a real run fails unless an earlier task creates it' % what)


def create_object(ctx, plan):
    """Create one object, through the type's create hook (CopyCos) or its create request; the new entry."""
    hooks = ctx.type.hooks
    if 'create' in hooks:
        return hooks['create'](ctx, ctx.name, plan.create_attrs())
    return requests.entry_of(ctx.type, requests.send(ctx.client, ctx.type, plan.create_write()))


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


def diff_view(object_type, attrs, attributes, name, references):
    return dict(object_type.view(attrs, attributes, references), name=name)
