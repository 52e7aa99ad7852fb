# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the options of one item of a list of objects (``accounts:``), checked per item.

Ansible's own sub-option validation walks the whole item spec (about fifty options) for every item:
at 10,000 items that alone costs seconds. An item here is checked over the keys it gives only, with
Ansible's own type converters, so the cost follows what the user wrote. The item secrets (no_log
sub-options) are known as soon as the parameters are read (see _connection.CarbonioModule).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import difflib

from ansible.module_utils.common.parameters import DEFAULT_TYPE_VALIDATORS


class ItemSpec(object):
    """The sub-options of a list option: names and aliases, types, choices, required and secret ones."""

    def __init__(self, spec, single_only=()):
        self.spec = spec
        # options an item takes only to refuse them with a reason (end_sessions: only for one account): not offered
        self.offered = sorted(set(spec) - set(single_only))
        self.names = {}
        for name, option in spec.items():
            self.names[name] = name
            for alias in option.get('aliases', ()):
                self.names[alias] = name
        self.required = sorted(name for name, option in spec.items() if option.get('required'))
        self.secret_keys = frozenset(key for key, name in self.names.items() if spec[name].get('no_log'))

    def secrets(self, items):
        """The values of the secret sub-options of these items (never an empty one: it would mask everything)."""
        found = set()
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                found.update(str(value) for key, value in item.items() if key in self.secret_keys and value not in (None, ''))
        return found

    def masked(self, items):
        """The items as a result or the journal may show them: each secret sub-option's value replaced as Ansible
        replaces a no_log option's (so no escaping in a printed form can keep a secret from being masked)."""
        return [dict((key, 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' if key in self.secret_keys and value not in (None, '') else value)
                     for key, value in item.items()) if isinstance(item, dict) else item for item in items]

    def check(self, given, field):
        """{option: value} of the options the item gives (None means not given), converted to their types.

        Raises ValueError naming the field (``accounts[3].status``) and the accepted form.
        """
        if not isinstance(given, dict):
            raise ValueError('%s: must be a dictionary of options, got %s' % (field, type(given).__name__))
        values = {}
        for key, value in given.items():
            name = self.names.get(key)
            if name is None:
                close = difflib.get_close_matches(str(key), self.offered, 1, 0.75)
                raise ValueError('%s.%s: unknown option%s; an item takes %s' % (
                    field, key, '; did you mean %s?' % close[0] if close else '', ', '.join(self.offered)))
            if name in values:
                raise ValueError('%s.%s: given twice (also as %s)' % (field, key, name))
            if value is None:
                continue
            values[name] = self._convert(self.spec[name], value, '%s.%s' % (field, key), key in self.secret_keys)
        for name in self.required:
            if values.get(name) is None:
                raise ValueError('%s.%s: required' % (field, name))
        return values

    @staticmethod
    def _convert(option, value, field, secret):
        kind = option.get('type', 'str')
        try:
            if kind == 'str' and isinstance(value, (dict, list)):
                raise TypeError('not a text')  # Ansible would turn it into its text; a structure here is a mistake
            value = DEFAULT_TYPE_VALIDATORS[kind](value)
            if kind == 'list' and option.get('elements'):
                value = [DEFAULT_TYPE_VALIDATORS[option['elements']](element) for element in value]
        except (TypeError, ValueError) as exc:
            expected = 'a list of %s' % option['elements'] if kind == 'list' and option.get('elements') else kind
            raise ValueError('%s: expected %s, got %s' % (field, expected, type(value).__name__ if secret else '%r (%s)' % (value, exc)))
        choices = option.get('choices')
        if choices and value not in choices:
            raise ValueError('%s: must be one of %s, got %r' % (field, ', '.join(choices), value))
        return value
