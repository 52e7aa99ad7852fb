# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the bulk path of the engine (``accounts:``, a list of objects in one task).

Every item is checked before the first request. One BatchRequest reads them all (a search per
domain with only the managed attributes, the lookups, the items' own reads); each item is planned
like a single object (``_plan.Plan``), with the same rules (names the type protects are never renamed or
deleted, a create hook creates); the writes go phase by phase as for one object (``_plan.PHASES``), each
phase in BatchRequest pages across the items. A page whose answer was lost is read back, never resent.
Every item is reported with its outcome.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._connection import CONNECTION_ARGUMENT_SPEC
from ansible_collections.carbonio.admin.plugins.module_utils._list_plan import (
    Holdings, check_addresses, check_lookups, describe_holder, lookups, plan_names)
from ansible_collections.carbonio.admin.plugins.module_utils._plan import PHASES, Plan, create_object, missing
from ansible_collections.carbonio.admin.plugins.module_utils._references import lookup_requests, read_references
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import KINDS

# Items per BatchRequest page: 1,000 creates cost four round trips, and the page of answers (each account
# with its COS values applied) stays under about 150 MB once parsed.
PAGE_SIZE = 250
OUTCOMES = ('created', 'changed', 'unchanged', 'deleted', 'failed')
# How many failed items, or refusal reasons, the message names (all are in the result).
NAMED_FAILURES = 20
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
        self.delete = self.absent = False
        self.note, self.created, self.landed, self.grantees = None, None, [], {}
        self.result = {}

    def fail(self, msg, **extra):
        raise ItemRefused(msg)

    def refused(self, exc):
        """The problem named by the item's field (an option check names it already)."""
        text = str(exc)
        return text if text.startswith(self.field) else '%s.%s' % (self.field, text)


def bulk_spec(object_type, spec):
    """The argument spec of one list item: the same options as the module, without defaults (the top level gives them)."""
    skip = set((object_type.bulk_key, object_type.bulk_key + '_src', object_type.bulk_key + '_mode', 'domain', 'allow_empty'))
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
            if merged.get('old_name') and merged['state'] == 'absent':
                raise ValueError('old_name: only with state present (a rename); an absent item names what it deletes')
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
    """One BatchRequest: a search per domain, the lookups, and each item's own reads (shared when equal).

    The domains searched are those of the items' names, old names and the addresses they add (aliases): every
    address the list touches is seen with what holds it, so the list is planned as a whole (_list_plan).
    """
    object_type = run.type
    domains = set(_domain(name) for item in items for name in (item.name, item.old_name) if name)
    for item in items:
        for option in object_type.address_relations:
            domains.update(_domain(value) for value in item.wanted.get(option.attribute, []))
    domains = sorted(domains | set([scope] if scope else []))
    attributes = set(object_type.read_attributes) | set(object_type.bulk_read_attributes)
    for item in items:
        attributes.update(attribute.partition(':')[0] for attribute in item.wanted if attribute not in object_type.fields)
    attrs = ','.join(sorted(attributes))
    batch = [requests.search_request(types=object_type.search_types, attrs=attrs, domain=domain) for domain in domains]
    kinds = object_type.references()
    batch += lookup_requests(kinds)
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
    looked_up = sorted(set(value for item in items for field, value in lookups(object_type, item.wanted, item.modes)))
    if looked_up:
        batch.append(requests.holders_request(looked_up, object_type.search_types))
    replies = run.client.batch(batch, repeatable=True)
    grantees = requests.holders(requests.response_items(replies[-1])) if looked_up else {}
    for item in items:
        item.grantees = grantees
    holdings, absent = Holdings(), set()
    for domain, reply in zip(domains, replies):
        if reply.fault is not None and reply.fault.code == 'account.NO_SUCH_DOMAIN':
            absent.add(domain)
            continue
        for kind, entries in requests.search_results(requests.response_items(reply)).items():
            for entry in entries:
                name = entry['name'].lower()
                if _domain(name) != domain:  # a domain's own entries, never its sub-domains'
                    continue
                if kind == object_type.element:
                    if 'decode' in object_type.hooks:
                        object_type.hooks['decode'](entry['element'], entry)
                    holdings.primaries[name] = entry
                    for option in object_type.address_relations:
                        for value in entry['attrs'].get(option.attribute, []):
                            holdings.aliases.setdefault(value.lower(), name)
                elif kind == 'alias':
                    holdings.aliases[name] = (entry['target'] or '').lower()
                else:
                    holdings.others[name] = describe_holder((entry['name'], kind, True))
    references = read_references(kinds, replies[len(domains):len(domains) + len(kinds)])
    return holdings, absent, references, replies


def _plan(run, items, holdings, references, replies):
    """Every item resolved against the directory and the others (_list_plan), then planned like a single object."""
    object_type = run.type
    for item in items:
        item.absent = item.params['state'] == 'absent'
    renames, problems = plan_names(items, holdings, object_type.label)
    _read_more(run, items)
    for item in items:
        item.references = references
        try:
            if item.renamed_from:
                object_type.check_protected(item.renamed_from, 'old_name', 'renamed')
            if item.delete:
                object_type.check_protected(item.name, 'name', 'deleted')
            if item.absent:
                if item.delete and 'before_delete' in object_type.hooks:
                    object_type.hooks['before_delete'](item, item.current)
                continue
            desired = object_type.resolve(item.wanted, references, lambda field, what: missing(item, field, what))
            check_missing = (lambda field, what: missing(item, field, what)) if run.module.check_mode else None
            for problem in check_lookups(lookups(object_type, item.wanted, item.modes, True), item.grantees, check_missing):
                raise ValueError(problem)
            if 'check' in object_type.hooks:
                object_type.hooks['check'](item, item.current, desired, [replies[index] for index in item.reads])
            object_type.settle_fixed(item.current, desired)
            item.plan = Plan(item, item.current, item.renamed_from, desired, item.modes)
        except ValueError as exc:
            problems.append(item.refused(exc))
    for option in object_type.address_relations:
        problems += check_addresses(items, holdings, option.attribute, option.name, object_type.label)
    return renames, problems


def _read_more(run, items):
    """What the search cannot tell of some objects (a dynamic list's members), in one more round trip, only when needed:
    the type's more_reads hook gives (request, use(reply)) pairs per item."""
    hook = run.type.hooks.get('more_reads')
    pending = [pair for item in items if hook and item.current is not None and not item.absent for pair in hook(item)]
    if pending:
        for (request, use), reply in zip(pending, run.client.batch([request for request, use in pending], repeatable=True)):
            use(reply)


def _unlisted(run, items, holdings, scope):
    """With <bulk_key>_mode: exact, the objects of the scope domain no item names (never those the type keeps)."""
    listed = set(name for item in items for name in (item.name, item.old_name) if name)
    keep = run.type.hooks.get('keep', lambda run_, entry: False)
    extra = []
    for name, entry in sorted(holdings.primaries.items()):
        if _domain(name) != scope or name in listed or keep(run, entry) or entry['name'] in run.type.protected:
            continue
        item = Item(run, len(items) + len(extra), dict(run.params, name=name, state='absent'))
        item.field = 'unlisted'
        item.name, item.current, item.delete = name, entry, True
        extra.append(item)
    return extra


def _exact_scope(run, items, problems):
    """accounts_mode: exact deletes what the list leaves out of one domain: refuse what would make that a mistake."""
    params, key = run.params, run.type.bulk_key
    scope = params.get('domain')
    if not scope:
        problems.append('domain: required with %s_mode: exact (the domain whose unlisted %s are deleted)' % (key, run.type.plural))
        return None
    try:
        scope = KINDS['hostname'].parse(scope, 'domain')
    except ValueError as exc:
        problems.append(str(exc))
        return None
    if not params[key] and not params.get('allow_empty'):
        problems.append('%s: empty, and %s_mode: exact would delete every %s of %s; set allow_empty: true if that is meant'
                        % (key, key, run.type.label, scope))
    for item in items:
        if item.name and _domain(item.name) != scope:
            problems.append('%s.name: %s is not in domain %s, which %s_mode: exact manages' % (item.field, item.name, scope, key))
    return scope


def _refuse(module, key, problems):
    """Fail before any write; the message says each reason once, with the items it applies to (every problem is in
    ``refused``)."""
    grouped = group_problems(key, problems)
    more = len(grouped) - NAMED_FAILURES
    module.fail_json(msg='%d of the %s refused, nothing was sent: %s%s' % (
        len(problems), key, '; '.join(grouped[:NAMED_FAILURES]), '; and %d more' % more if more > 0 else ''),
        changed=False, refused=problems)


def group_problems(key, problems):
    """Identical reasons said once, with the items they apply to: accounts[0..2,7].name: no domain beta.test exists."""
    prefix = key + '['
    reasons, order = {}, []
    for problem in problems:
        index, dot, reason = problem[len(prefix):].partition('].') if problem.startswith(prefix) else ('', '', '')
        if not (dot and index.isdigit()):
            index, reason = None, problem
        if reason not in reasons:
            reasons[reason] = []
            order.append(reason)
        if index is not None:
            reasons[reason].append(int(index))
    return ['%s[%s].%s' % (key, index_ranges(reasons[reason]), reason) if reasons[reason] else reason for reason in order]


def index_ranges(numbers):
    """0,1,2,5 as 0..2,5."""
    spans = []
    for number in sorted(set(numbers)):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ','.join('%d..%d' % (low, high) if high > low else '%d' % low for low, high in spans)


def _send_phase(run, pairs):
    """Send (item, write) pairs in pages; a confirmed write is recorded on its item, a failed one marks it failed
    (its later writes are not sent)."""
    pairs = [(item, write) for item, write in pairs if write is not None and item.fault is None]
    outcomes = requests.send_pages(run.client, run.type, [write for item, write in pairs], PAGE_SIZE)
    for (item, write), (response, fault) in zip(pairs, outcomes):
        if fault is not None:
            item.fault = item.fault or fault
            continue
        item.landed.append(write.what)
        if write.request == run.type.requests['create']:
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


def run_bulk(run):
    """The bulk path."""
    object_type, module, params = run.type, run.module, run.params
    key = object_type.bulk_key
    items, problems = _items(run)
    exact = params[key + '_mode'] == 'exact'
    scope = _exact_scope(run, items, problems) if exact else None
    if problems:
        _refuse(module, key, problems)
    holdings, absent, references, replies = _read(run, items, scope)
    if scope in absent:
        try:
            missing(run, 'domain', 'domain %s' % scope)
        except ValueError as exc:
            _refuse(module, key, [str(exc)])
    renames, problems = _plan(run, items, holdings, references, replies)
    if problems:
        _refuse(module, key, problems)
    if exact:
        items += _unlisted(run, items, holdings, scope)
    for item in items:
        item.created, item.landed = None, []
    if not module.check_mode:
        _execute(run, items, renames)
    return _report(run, items)


def _execute(run, items, renames):
    """Every item's writes, phase by phase as for one object (_engine.PHASES), each phase in pages across the items:
    renames in the order chains need, creates (one by one through a create hook, where the type has one), changes
    and deletes, every removal before any addition (an address moved between two items is free when it is added)."""
    planned = [item for item in items if item.plan]
    for phase in PHASES:
        order = renames if phase == 'rename' else planned
        pairs = [(item, write) for item in order for write in item.plan.writes(phase, _id_of(item))
                 if not (phase == 'change' and item.current is None and 'create' in run.type.hooks)]
        if phase == 'change':
            _create_by_hook(run, [item for item in planned if item.current is None])
            pairs += [(item, _delete_write(run.type, item)) for item in items if item.delete]
        _send_phase(run, pairs)


def _create_by_hook(run, items):
    """Objects a type creates another way (CopyCos) cannot be paged: each is created alone, its fault its own."""
    if 'create' not in run.type.hooks:
        return
    for item in items:
        if item.fault is not None:
            continue
        try:
            item.created = create_object(item, item.plan)
            item.landed.append('created')
        except CarbonioError as exc:
            item.fault = exc


def _delete_write(object_type, item):
    write = requests.delete_write(object_type, item.name, item.current['id'])
    write.what = 'deleted'
    return write


def _id_of(item):
    return (item.created or item.current or {}).get('id')


def _report(run, items):
    object_type, module = run.type, run.module
    report, summary, diffs, failures = [], dict((outcome, 0) for outcome in OUTCOMES), [], []
    for item in items:
        outcome = _outcome(item)
        summary[outcome] += 1
        line = dict(name=item.name, outcome=outcome)
        if item.note:
            line['note'] = item.note
        if item.fault is not None:
            line['error'] = dict(code=item.fault.code, message=item.fault.message)
            failures.append('%s (%s: %s%s)' % (item.name, item.fault.code, item.fault.message,
                                               '; done before it: %s' % ', '.join(item.landed) if item.landed else ''))
            if item.landed:
                # what landed before the failure counts: the item was created (or changed, or deleted) all the same
                line['applied'] = list(item.landed)
                summary['created' if item.current is None else 'deleted' if item.delete else 'changed'] += 1
        if outcome != 'unchanged' or item.note:
            # an unchanged item is only counted: 10,000 lines saying so cost Ansible more than the whole plan
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
    msg = '%d %s: %s' % (len(items), object_type.label if len(items) == 1 else object_type.plural, counts or 'none listed')
    if failures:
        more = len(failures) - NAMED_FAILURES
        module.fail_json(msg='%s; failed: %s%s' % (msg, '; '.join(failures[:NAMED_FAILURES]),
                                                   '; and %d more' % more if more > 0 else ''), **result)
    module.exit_json(msg=msg, **result)
