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


def _unique(values):
    seen = set()
    result = []
    for value in values:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return result


def plan_attribute_changes(current, desired, modes=None):
    """Return (modify, before, after) for the attributes in `desired`.

    `modify` is what a Modify*Request must carry: plain names replace all values (an empty list removes
    the attribute), `+name`/`-name` add or remove single values of a multi-valued attribute so that
    values added by someone else are left alone. `before`/`after` hold only the attributes that change.
    """
    modes = modes or {}
    modify, before, after = {}, {}, {}
    for name in sorted(desired):
        have = _unique(current.get(name) or [])
        want = _unique(desired[name])
        mode = modes.get(name, 'exact')
        if mode == 'present':
            missing = [v for v in want if v not in have]
            if missing:
                modify['+' + name] = missing
                before[name], after[name] = have, have + missing
        elif mode == 'absent':
            present = [v for v in want if v in have]
            if present:
                modify['-' + name] = present
                before[name], after[name] = have, [v for v in have if v not in present]
        elif set(have) != set(want):
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
