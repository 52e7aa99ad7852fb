# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: a list of objects planned as a whole, before any write.

An item is planned against what the directory holds and against every other item: which object it
names (by primary address only: an alias is not its owner), whether it renames, in which order the
renames run, and whether the list contradicts itself. A contradiction (a swap, a cycle, a name claimed
twice, a rename whose old or new name another item deletes or declares, an address two objects would
hold) refuses the whole list, naming both items, before anything is sent.

Items are objects with ``field`` (``accounts[3]``), ``name``, ``old_name`` and ``absent``; the plan
sets ``current`` (the entry it acts on), ``renamed_from``, ``delete`` and ``note`` on each.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


# What a search finds, in words (an account's address, a list's alias ...).
KIND_LABELS = {'account': 'account', 'calresource': 'calendar resource', 'dl': 'list', 'alias': 'alias'}


def describe_holder(holder):
    """'account jo@x' or 'an alias of list team@x', from a (name, kind, own address) of _directory_requests.holders."""
    name, kind, own = holder[:3]
    return '%s %s' % (KIND_LABELS.get(kind, kind), name) if own else 'an alias of %s %s' % (KIND_LABELS.get(kind, kind), name)


def check_holders(name, current, renamed, claims, held):
    """One object (name:): its address and the addresses it claims (aliases to add, [(field, value)]) held by no other
    object. held: _directory_requests.holders of those addresses. Returns the problems, naming the fields."""
    problems = []
    holder = held.get(name)
    if holder is not None and (current is None or renamed or holder[0].lower() != name):
        problems.append('name: %s is %s; %s' % (name, describe_holder(holder),
                                                'remove that alias first' if not holder[2] else 'choose another address'))
    own = current['name'].lower() if current is not None else None
    for field, value in claims:
        holder = held.get(value.lower())
        if holder is None or holder[0].lower() == own:
            continue
        problems.append('%s: %s is %s' % (field, value, 'the address of %s' % describe_holder(holder) if holder[2]
                                          else '%s, which keeps it' % describe_holder(holder)))
    return problems


def lookups(object_type, wanted, modes, strict=None):
    """[(field, address)] an object's lookup options name among the values they add (a list's new owners, its named
    senders); strict: only the options whose values must be accounts or lists (True), or those that may be external
    addresses ('open'), and domain names. Values such as a senders choice ('@members') are never looked up."""
    found = []
    for option in object_type.lookup_options:
        if strict is not None and option.lookup != strict:
            continue
        if modes.get(option.attribute, 'exact') != 'absent':
            found += [('%s[%d]' % (option.name, index), value) for index, value in enumerate(wanted.get(option.attribute, []))
                      if not value.startswith('@')]
    return found


def check_lookups(named, held, missing=None):
    """Each address a strict lookup option names is the own address of an account or a list; returns the problems.
    missing(field, what): called instead for an address nothing holds (check mode predicts with a warning)."""
    problems = []
    for field, value in named:
        holder = held.get(value.lower())
        if holder is None and missing is not None:
            missing(field, 'account or list %s' % value)
        elif holder is None or holder[1] not in ('account', 'dl'):
            problems.append('%s: no account or list %s exists' % (field, value))
        elif not holder[2]:
            problems.append('%s: %s is %s; name %s itself' % (field, value, describe_holder(holder), holder[0]))
    return problems


class Holdings(object):
    """The addresses the directory held when the list was read.

    primaries: {lower-case name: entry} of the type's own objects; others: {lower-case address: what holds
    it} for objects of other kinds (a distribution list); aliases: {lower-case alias: lower-case name of its
    owner}.
    """

    def __init__(self, primaries=None, others=None, aliases=None):
        self.primaries = primaries or {}
        self.others = others or {}
        self.aliases = aliases or {}

    def holder(self, address, label):
        """What holds this address besides a primary of the type, in words, or None."""
        if address in self.others:
            return self.others[address]
        if address in self.aliases:
            return 'an alias of %s %s' % (label, self.aliases[address])
        return None


def _renames_in_order(items, problems):
    """The present items that give an old_name, each after the item that frees its new name; cycles refused."""
    by_name = dict((item.name, item) for item in items)
    by_old, first = {}, {}
    for item in items:
        if not item.old_name or item.old_name == item.name or item.absent:
            continue
        if item.old_name in by_old:
            problems.append('%s.old_name: %s is also the old_name of %s; an object is renamed once'
                            % (item.field, item.old_name, by_old[item.old_name].field))
            continue
        by_old[item.old_name] = item
    for old_name, item in sorted(by_old.items()):
        other = by_name.get(old_name)
        if other is None:
            continue
        if other.absent:
            problems.append('%s.old_name: %s is renamed to %s here and deleted by %s; nothing can do both'
                            % (item.field, old_name, item.name, other.field))
        elif not other.old_name or other.old_name == other.name:
            problems.append('%s.old_name: %s is renamed to %s here and declared by %s; drop one of them'
                            % (item.field, old_name, item.name, other.field))
        else:
            first[other.field] = item  # `other` moves into the name `item` frees
    # Each item waits for at most one other and is awaited by at most one: chains, or cycles.
    by_field = dict((item.field, item) for item in by_old.values())
    in_cycle = set()
    for item in by_old.values():
        seen, step = [item.field], first.get(item.field)
        while step is not None and step.field not in seen:
            seen.append(step.field)
            step = first.get(step.field)
        if step is item and item.field not in in_cycle:
            in_cycle.update(seen)
            moves = ', '.join('%s -> %s' % (by_field[field].old_name, by_field[field].name) for field in seen)
            problems.append('%s: their renames form a cycle (%s); rename through a free name in two runs' % (', '.join(seen), moves))
    ordered, placed = [], set()

    def place(item):
        if item.field in placed or item.field in in_cycle:
            return
        placed.add(item.field)
        before = first.get(item.field)
        if before is not None:
            place(before)
        ordered.append(item)
    for item in items:
        if item.old_name in by_old and by_old[item.old_name] is item:
            place(item)
    return ordered, in_cycle


def plan_names(items, holdings, label):
    """Resolve every item against the directory and the other items; returns (renames in order, problems)."""
    problems = []
    renames, in_cycle = _renames_in_order(items, problems)
    primaries, freed, ordered = holdings.primaries, set(), []
    for item in items:
        item.current = item.renamed_from = item.note = None
        item.delete = False
    for item in renames + [item for item in items if item not in renames and item.field not in in_cycle]:
        name, old_name = item.name, item.old_name if item.old_name != item.name else None
        held = holdings.holder(name, label) if name not in primaries else None
        if item.absent:
            if name in primaries:
                item.current, item.delete = primaries[name], True
            elif held:
                item.note = '%s is %s, not %s %s; nothing deleted' % (name, held, label, name) if 'alias' in held else \
                    '%s is %s; nothing deleted' % (name, held)
            continue
        if held:
            problems.append('%s.name: %s is %s; %s' % (
                item.field, name, held, 'remove that alias first' if 'alias' in held else 'choose another address'))
            continue
        old = primaries.get(old_name) if old_name else None
        if name in primaries and name not in freed:
            item.current = primaries[name]
            if old is not None and old is not item.current:
                problems.append('%s.old_name: both %s and %s exist; nothing to rename (drop old_name once a rename is done)'
                                % (item.field, old['name'], item.current['name']))
        elif old is not None:
            item.current, item.renamed_from = old, old['name']
            freed.add(old_name)
            ordered.append(item)
    return [item for item in renames if item in ordered], problems


def check_addresses(items, holdings, attribute, option, label):
    """Refuse addresses (an option such as aliases) two objects would hold after the run; returns problems.

    An address an item adds must be free once the run is over: no other item adds it, it is no other
    object's primary address, and any other object that holds it as an alias gives it up in this run (an
    item that removes it, or deletes its holder). Such a move works because every removal is sent first.
    """
    problems = []
    renamed_away = set(item.renamed_from.lower() for item in items if item.renamed_from)
    deleted = set(item.current['name'].lower() for item in items if item.delete)
    final = set(name for name in holdings.primaries if name not in renamed_away and name not in deleted)
    final.update(item.name for item in items if not item.absent)
    given_up = set()
    for item in items:
        plan = getattr(item, 'plan', None)
        if plan is not None and item.current is not None:
            given_up.update((value.lower(), item.current['name'].lower()) for value in plan.links.get(attribute, ([], []))[1])
    claimed = {}
    for item in items:
        plan = getattr(item, 'plan', None)
        if plan is None:
            continue
        wanted = [value.lower() for value in item.wanted.get(attribute, [])]
        own = item.current['name'].lower() if item.current is not None else None
        for value in plan.links.get(attribute, ([], []))[0]:
            address = value.lower()
            field = '%s.%s[%d]' % (item.field, option, wanted.index(address) if address in wanted else 0)
            holder = holdings.aliases.get(address)
            if address in claimed:
                problems.append('%s: %s is also added by %s; an address belongs to one %s' % (field, address, claimed[address], label))
            elif address in final or address in holdings.others:
                what = holdings.others.get(address) or '%s %s' % (label, address)
                problems.append('%s: %s is the address of %s' % (field, address, what))
            elif holder is not None and holder != own and holder not in deleted and (address, holder) not in given_up:
                problems.append('%s: %s is an alias of %s %s, which keeps it' % (field, address, label, holder))
            claimed.setdefault(address, item.field)
    return problems
