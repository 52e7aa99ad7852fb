# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the bulk path of the engine (``accounts:``, a list of objects in one task).

Every item is checked before the first request. One BatchRequest reads them all (a search per
domain with only the managed attributes, the lookups, the items' own reads); each item is planned
like a single object (``_engine.Plan``); the writes go in BatchRequest pages in three phases
(renames; creates, changes and deletes; then what needs an id: aliases, passwords). A page whose
answer was lost is read back, never resent. Every item is reported with its outcome.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._connection import CONNECTION_ARGUMENT_SPEC

# Items per BatchRequest page: 1,000 creates cost four round trips, and the page of answers (each account
# with its COS values applied) stays under about 150 MB once parsed.
PAGE_SIZE = 250
OUTCOMES = ('created', 'changed', 'unchanged', 'deleted', 'failed')
# Top-level options that are no item's default.
NOT_DEFAULTS = ('name', 'old_name')


class ItemRefused(ValueError):
    pass


class Item(object):
    """One item of the list: what the object type's hooks see as their run."""

    def __init__(self, run, index, params):
        self.run, self.index, self.params = run, index, params
        self.type, self.module, self.client = run.type, run.module, run.client
        self.field = '%s[%d]' % (run.type.bulk_key, index)
        self.name = self.old_name = self.current = self.renamed_from = self.plan = None
        self.wanted, self.modes, self.reads, self.fault, self.references = {}, {}, [], None, None
        self.delete = False
        self.result = {}

    def fail(self, msg, **extra):
        raise ItemRefused(msg)

    def refused(self, exc):
        """The problem named by the item's field (an option check names it already)."""
        text = str(exc)
        return text if text.startswith(self.field) else '%s.%s' % (self.field, text)


def bulk_spec(object_type, spec):
    """The argument spec of one list item: the same options as the module, without defaults (the top level gives them)."""
    skip = set((object_type.bulk_key, object_type.bulk_key + '_mode', 'domain'))
    item = {}
    for name, option in spec.items():
        if name in skip or name in CONNECTION_ARGUMENT_SPEC:
            continue
        option = dict((key, value) for key, value in option.items() if key not in ('default', 'required', 'fallback'))
        item[name] = option
    item['name']['required'] = True
    return item


def _items(run):
    """Every item with the top-level options as its defaults, parsed and validated; fails before any request."""
    object_type, params = run.type, run.params
    item_spec = run.module.item_lists[object_type.bulk_key]
    defaults = dict((key, value) for key, value in params.items() if key not in NOT_DEFAULTS)
    items, problems, seen = [], [], {}
    for index, given in enumerate(params[object_type.bulk_key]):
        item = Item(run, index, defaults)
        items.append(item)
        try:
            merged = item.params = dict(defaults)
            merged.update(item_spec.check(given, item.field))
            item.name = object_type.parse_name(merged['name'])
            if merged.get('old_name'):
                item.old_name = object_type.parse_name(merged['old_name'], 'old_name')
            item.wanted, item.modes, warnings = object_type.parse(merged)
            if 'validate' in object_type.hooks:
                object_type.hooks['validate'](merged)
        except ValueError as exc:
            problems.append(item.refused(exc))
            continue
        if item.name in seen:
            problems.append('%s.name: %s is listed twice (also %s)' % (item.field, item.name, seen[item.name]))
        seen[item.name] = item.field
        for warning in warnings:
            run.module.warn('%s.%s' % (item.field, warning))
    return items, problems


def _domain(address):
    return address.rpartition('@')[2]


def _read(run, items, scope):
    """One BatchRequest: a search per domain, the lookups, and each item's own reads (shared when equal)."""
    object_type = run.type
    domains = sorted(set(_domain(name) for item in items for name in (item.name, item.old_name) if name) | set([scope] if scope else []))
    attributes = set(object_type.attributes) | set(object_type.bulk_read_attributes)
    for item in items:
        attributes.update(item.wanted)
    attrs = ','.join(sorted(attributes))
    batch = [requests.search_request(types=object_type.plural, attrs=attrs, domain=domain) for domain in domains]
    kinds = object_type.references()
    batch += requests.lookup_requests(kinds)
    shared = {}
    hooks = object_type.hooks
    for item in items:
        names = [item.name] + ([item.old_name] if item.old_name else [])
        for request in (hooks['reads'](names, item.wanted, item.params) if 'reads' in hooks else []):
            key = repr(request)
            if key not in shared:
                shared[key] = len(batch)
                batch.append(request)
            item.reads.append(shared[key])
    replies = run.client.batch(batch, repeatable=True)
    found = {}
    for domain, reply in zip(domains, replies):
        if reply.fault is not None and reply.fault.code == 'account.NO_SUCH_DOMAIN':
            continue
        for entries in requests.search_results(requests.response_items(reply)).values():
            for entry in entries:
                if _domain(entry['name']) == domain:  # a domain's own entries, never its sub-domains'
                    found[entry['name'].lower()] = entry
    references = requests.read_references(kinds, replies[len(domains):len(domains) + len(kinds)])
    return found, references, replies


def _plan(run, items, found, references, replies, plan_class):
    problems = []
    for item in items:
        item.references = references
        item.current = found.get(item.name)
        if item.current is None and item.old_name and item.old_name in found:
            item.current, item.renamed_from = found[item.old_name], found[item.old_name]['name']
        try:
            if item.params['state'] == 'absent':
                item.delete = item.current is not None
                if item.delete and 'before_delete' in run.type.hooks:
                    run.type.hooks['before_delete'](item, item.current)
                continue
            desired = run.type.resolve(item.wanted, references)
            if 'check' in run.type.hooks:
                run.type.hooks['check'](item, item.current, desired, [replies[index] for index in item.reads])
            item.plan = plan_class(item, item.current, item.renamed_from, desired, item.modes)
        except ValueError as exc:
            problems.append(item.refused(exc))
    return problems


def _unlisted(run, items, found, scope):
    """With <bulk_key>_mode: exact, the objects of the scope domain no item names (never system ones, nor the admin's own)."""
    listed = set(name for item in items for name in (item.name, item.old_name) if name)
    keep = set([str(run.params.get('admin_user') or '').lower()])
    extra = []
    for name, entry in sorted(found.items()):
        if _domain(name) != scope or name in listed or name in keep or run.type.hooks['is_system'](entry):
            continue
        item = Item(run, len(items) + len(extra), dict(run.params, name=name, state='absent'))
        item.field = 'unlisted'
        item.name, item.current, item.delete = name, entry, True
        extra.append(item)
    return extra


def _send_phase(run, pairs):
    """Send (item, write) pairs in pages; a failed write marks its item failed (its later writes are not sent)."""
    pairs = [(item, write) for item, write in pairs if write is not None and item.fault is None]
    outcomes = requests.send_pages(run.client, run.type, [write for item, write in pairs], PAGE_SIZE)
    for (item, write), (response, fault) in zip(pairs, outcomes):
        if fault is not None:
            item.fault = item.fault or fault
        elif write.request == run.type.requests['create']:
            item.created = response


def _outcome(item):
    if item.fault is not None:
        return 'failed'
    if item.delete:
        return 'deleted'
    if item.plan is None:
        return 'unchanged'
    if item.current is None:
        return 'created'
    return 'changed' if item.plan.changed else 'unchanged'


def run_bulk(run, plan_class):
    """The bulk path; ``plan_class`` is the engine's Plan."""
    object_type, module, params = run.type, run.module, run.params
    key = object_type.bulk_key
    items, problems = _items(run)
    exact = params[key + '_mode'] == 'exact'
    scope = params.get('domain')
    if exact and not scope:
        problems.append('domain: required with %s_mode: exact (the domain whose unlisted %s are deleted)' % (key, object_type.plural))
    if problems:
        module.fail_json(msg='%d of the %s refused, nothing was sent: %s' % (len(problems), key, '; '.join(problems[:20])),
                         changed=False, refused=problems)
    found, references, replies = _read(run, items, scope.lower() if scope else None)
    problems = _plan(run, items, found, references, replies, plan_class)
    if problems:
        module.fail_json(msg='%d of the %s refused, nothing was sent: %s' % (len(problems), key, '; '.join(problems[:20])),
                         changed=False, refused=problems)
    if exact:
        items += _unlisted(run, items, found, scope.lower())
    for item in items:
        item.created = None
    if not module.check_mode:
        _send_phase(run, [(item, item.plan.rename_write()) for item in items if item.plan])
        _send_phase(run, [(item, item.plan.create_write() if item.current is None else item.plan.modify_write())
                          for item in items if item.plan] +
                    [(item, requests.delete_write(object_type, item.name, item.current['id'])) for item in items if item.delete])
        _send_phase(run, [(item, write) for item in items if item.plan and item.fault is None
                          for write in item.plan.later_writes((item.created or item.current or {}).get('id'))])
    return _report(run, items)


def _report(run, items):
    object_type, module = run.type, run.module
    report, summary, diffs = [], dict((outcome, 0) for outcome in OUTCOMES), []
    for item in items:
        outcome = _outcome(item)
        summary[outcome] += 1
        line = dict(name=item.name, outcome=outcome)
        if item.fault is not None:
            line['error'] = dict(code=item.fault.code, message=item.fault.message)
        report.append(line)
        if module._diff and item.plan is not None and item.plan.changed:
            diffs.append(dict(item.plan.diff(), before_header=item.name, after_header=item.name))
        elif module._diff and item.delete:
            diffs.append(dict(before=dict(name=item.name), after={}, before_header=item.name, after_header='(deleted)'))
    done = summary['created'] + summary['changed'] + summary['deleted']
    # check mode predicts; a real run counts only what was confirmed
    result = dict(changed=done > 0, summary=summary)
    result[object_type.bulk_key] = report
    if module._diff:
        result['diff'] = diffs
    counts = ', '.join('%d %s' % (summary[outcome], outcome) for outcome in OUTCOMES if summary[outcome])
    msg = '%d %s: %s' % (len(items), object_type.plural, counts or 'none listed')
    failed = [line['name'] for line in report if line['outcome'] == 'failed']
    if failed:
        module.fail_json(msg='%s; failed: %s%s' % (msg, ', '.join(failed[:20]), ', ...' if len(failed) > 20 else ''), **result)
    module.exit_json(msg=msg, **result)
