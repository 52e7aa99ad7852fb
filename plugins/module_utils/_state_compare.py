# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one place that compares wanted attribute values with what Carbonio holds.

Values are lists of wire strings, as `decode_attrs` returns them; an empty list means "absent".
Multi-valued attributes compare as sets, with a mode per attribute:
exact (the list is the whole set), present (add what is missing), absent (remove what is listed).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

MODES = ('exact', 'present', 'absent')


def _unique(values, key):
    seen = set()
    result = []
    for value in values:
        if key(value) not in seen:
            seen.add(key(value))
            result.append(value)
    return result


def _same(value):
    return value


def plan_attribute_changes(current, desired, modes=None, keys=None):
    """Return (modify, before, after) for the attributes in `desired`.

    `modify` is what a Modify*Request must carry: plain names replace all values (an empty list removes
    the attribute), `+name`/`-name` add or remove single values of a multi-valued attribute so that
    values added by someone else are left alone. `before`/`after` hold only the attributes that change.
    `keys` maps an attribute to the function giving the form Carbonio compares (case-insensitive addresses,
    durations in milliseconds); a value equal under it to one held is not rewritten.
    """
    modes = modes or {}
    keys = keys or {}
    modify, before, after = {}, {}, {}
    for name in sorted(desired):
        key = keys.get(name, _same)
        held, wanted = current.get(name) or [], desired[name]
        if len(held) == 1 and len(wanted) == 1 and modes.get(name, 'exact') == 'exact' and key(held[0]) == key(wanted[0]):
            continue  # the usual case, one value held and wanted the same, without building sets
        have = _unique(held, key)
        want = _unique(desired[name], key)
        have_keys = set(key(v) for v in have)
        want_keys = set(key(v) for v in want)
        mode = modes.get(name, 'exact')
        if mode == 'present':
            missing = [v for v in want if key(v) not in have_keys]
            if missing:
                modify['+' + name] = missing
                before[name], after[name] = have, have + missing
        elif mode == 'absent':
            present = [v for v in have if key(v) in want_keys]
            if present:
                modify['-' + name] = present
                before[name], after[name] = have, [v for v in have if key(v) not in want_keys]
        elif have_keys != want_keys:
            modify[name] = want
            before[name], after[name] = have, want
    return modify, before, after


def apply_changes(current, after):
    """The attribute map once `after` (from plan_attribute_changes) has been written."""
    result = dict(current)
    for name, values in after.items():
        if values:
            result[name] = list(values)
        else:
            result.pop(name, None)
    return result


def _loose(value):
    return str(value).lower()


def changes_in_place(current, modify, keys=None):
    """True when the values read back hold every change of `modify` (a write whose answer was lost did land).

    `modify` is what plan_attribute_changes returned (or any {name: [values]} a Modify*Request carried).
    Values compare case-insensitively unless `keys` gives an attribute its own form.
    """
    desired, modes = {}, {}
    for name, values in modify.items():
        bare = name.lstrip('+-')
        values = values if isinstance(values, (list, tuple)) else [values]
        desired[bare] = [value for value in values if value not in ('', None)]
        modes[bare] = {'+': 'present', '-': 'absent'}.get(name[:1], 'exact')
    keys = dict((name, (keys or {}).get(name, _loose)) for name in desired)
    return not plan_attribute_changes(current, desired, modes, keys)[0]
