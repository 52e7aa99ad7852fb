# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the items of a bulk task read from a file on the controller (``<bulk_key>_src``).

Providers keep their users in exports of billing or provisioning systems. ``accounts_src: users.csv`` (any type
with a ``bulk_key``) names such a file: CSV with a header row naming the item options, or YAML or JSON holding a
list of items. The action plugin of the module (``_items_action.ItemsSourceAction``) finds the file as ``copy`` and ``template``
do (a role's ``files/``, the playbook's folder), reads it here, without templating, and hands the module the items
as ``<bulk_key>``: the module checks, plans, reports, honours check mode and diff exactly as for items given in the
task. The file's structure is checked here; every value is checked by the module, with the same item spec as a
task's items, and each problem it names (``accounts[15].mailbox_quota: ...``) is said back by file, line and
column (``accounts_src: users.csv line 17, column mailbox_quota: ...``).

No message here quotes a cell (a cell may be a password), and YAML errors give the parser's problem and position,
never the snippet of the line PyYAML would print.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import bisect
import csv
import dataclasses
import difflib
import io
import json
import os
import re

import yaml

from ansible_collections.carbonio.admin.plugins.module_utils._bulk import index_ranges
from ansible_collections.carbonio.admin.plugins.module_utils._engine import module_spec

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as _Loader

# Several values in one CSV cell (aliases, members, owners, senders, a description with several values).
SEPARATOR = ';'
FORMATS = {'.csv': 'CSV', '.yml': 'YAML', '.yaml': 'YAML', '.json': 'JSON'}
# How many problems the message says (every one is in the result's ``refused``), as the module does.
NAMED_PROBLEMS = 20
_JSON_SPACE = re.compile(r'[ \t\n\r]*')


class SourceError(ValueError):
    """A problem of the file itself; the message names the option, the file and the place."""


class Columns(object):
    """What a file may name for one object type: the item options (and their aliases), and how a CSV cell becomes
    a value of each (several values split at ';' for the options that take several)."""

    def __init__(self, object_type):
        self.type = object_type
        self.key = object_type.bulk_key
        self.option = self.key + '_src'
        spec, options = module_spec(object_type)
        self.item_spec = options['item_lists'][self.key]
        self.names = dict(self.item_spec.names)  # what an item may say -> the option's name
        by_name = dict((option.name, option) for option in object_type.options)
        self.rules = {}
        for name, option in self.item_spec.spec.items():
            described = by_name.get(name)
            if option.get('type') == 'list':
                self.rules[name] = ('list', None)
            elif described is not None and described.list:
                # a list, or one word the option takes alone (a list's senders: anyone, members, internal)
                self.rules[name] = ('list_or_word', described)
            elif described is not None and described.several:
                self.rules[name] = ('several', None)
            else:
                self.rules[name] = ('text', None)

    def several(self):
        """The options whose CSV cells may hold several values."""
        return sorted(name for name, (rule, option) in self.rules.items() if rule != 'text')

    def cell(self, name, text):
        """The value of a stripped, non-empty cell of column ``name`` (an option name or alias)."""
        rule, option = self.rules[self.names[name]]
        if rule == 'text':
            return text
        values = [part.strip() for part in text.split(SEPARATOR)]
        values = [value for value in values if value]
        if rule == 'several':
            return values if len(values) > 1 else (values[0] if values else '')
        if rule == 'list_or_word' and len(values) == 1:
            try:
                option.parse(values[0], name)
                return values[0]
            except ValueError:
                pass
        return values


class Origin(object):
    """Where each item of a file is: its line (and column), and where an option of it is written."""

    def __init__(self, columns, label, kind, items):
        self.columns, self.label, self.kind, self.items = columns, label, kind, items

    def given(self, index, option):
        """The key under which the item gives ``option`` itself (None: the value came from the task's options)."""
        item = self.items[index] if 0 <= index < len(self.items) else None
        if not isinstance(item, dict):
            return None
        for key in item:
            if key == option or self.columns.names.get(key) == option:
                return key
        return None

    def item_place(self, index):
        """(line, column or None) of an item."""
        raise NotImplementedError

    def key_place(self, index, key):
        """(line, column or None, column label or None) of an option an item gives."""
        raise NotImplementedError


class CsvOrigin(Origin):
    def __init__(self, columns, label, items, lines):
        super(CsvOrigin, self).__init__(columns, label, 'CSV', items)
        self.lines = lines

    def item_place(self, index):
        return self.lines[index], None

    def key_place(self, index, key):
        return self.lines[index], None, key


class YamlOrigin(Origin):
    def __init__(self, columns, label, items, places):
        super(YamlOrigin, self).__init__(columns, label, 'YAML', items)
        self.places = places  # per item: (line, column, {key: (line, column)})

    def item_place(self, index):
        return self.places[index][:2]

    def key_place(self, index, key):
        line, column = self.places[index][2].get(key, self.places[index][:2])
        return line, column, None


class JsonOrigin(Origin):
    def __init__(self, columns, label, items, text, spans):
        super(JsonOrigin, self).__init__(columns, label, 'JSON', items)
        self.text, self.spans, self._newlines = text, spans, None

    def place(self, offset):
        if self._newlines is None:
            self._newlines = [match.start() for match in re.finditer('\n', self.text)]
        line = bisect.bisect_left(self._newlines, offset)
        return line + 1, offset - (self._newlines[line - 1] if line else -1)

    def item_place(self, index):
        return self.place(self.spans[index][0])

    def key_place(self, index, key):
        start, end = self.spans[index]
        found = re.compile(r'"%s"\s*:' % re.escape(key)).search(self.text, start + 1, end)
        return self.place(found.start() if found else start) + (None,)


def _text(data, label, option):
    try:
        return data.decode('utf-8-sig')
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b'\n') + 1
        raise SourceError('%s: %s line %d: not UTF-8 text (byte %d)' % (option, label, line, exc.start + 1))


def read_items(data, label, columns):
    """(items, Origin) of a file's bytes; ``label`` is the file as the task names it, the format is its extension's.

    Raises SourceError naming the file, the line and the column.
    """
    option = columns.option
    kind = FORMATS.get(os.path.splitext(label)[1].lower())
    if kind is None:
        raise SourceError('%s: %s: unknown file type; expected a .csv, .yml, .yaml or .json file' % (option, label))
    text = _text(data, label, option)
    if kind == 'CSV':
        return _read_csv(text, label, columns)
    if kind == 'YAML':
        return _read_yaml(text, label, columns)
    return _read_json(text, label, columns)


def _unknown(name, columns):
    close = difflib.get_close_matches(name, sorted(columns.names), n=1)
    if close:
        return 'unknown option %r; did you mean %s?' % (name, close[0])
    return 'unknown option %r; an item takes %s' % (name, ', '.join(sorted(columns.item_spec.spec)))


def _read_csv(text, label, columns):
    option = columns.option
    reader = csv.reader(io.StringIO(text, newline=''), strict=True)
    items, lines, header = [], [], None
    try:
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in row):
                continue  # a blank line
            if header is None:
                header = [cell.strip() for cell in row]
                _check_header(header, label, columns, start)
                continue
            if len(row) != len(header):
                raise SourceError('%s: %s line %d: %d cells, the header names %d columns' % (option, label, start, len(row), len(header)))
            item = {}
            for name, cell in zip(header, row):
                cell = cell.strip()
                if cell:
                    item[name] = columns.cell(name, cell)
            items.append(item)
            lines.append(start)
    except csv.Error as exc:
        # the csv module's messages describe the syntax, never the cell
        raise SourceError('%s: %s line %d: %s' % (option, label, reader.line_num, exc))
    if header is None:
        raise SourceError('%s: %s: no header row; the first line names the columns (item options such as name)' % (option, label))
    return items, CsvOrigin(columns, label, items, lines)


def _check_header(header, label, columns, line):
    option = columns.option
    seen = {}
    for number, name in enumerate(header, 1):
        if not name:
            raise SourceError('%s: %s line %d, column %d: a column without a name' % (option, label, line, number))
        if name not in columns.names:
            raise SourceError('%s: %s line %d, column %s: %s' % (option, label, line, name, _unknown(name, columns)))
        canonical = columns.names[name]
        if canonical in seen:
            raise SourceError('%s: %s line %d, column %s: %s is named twice (also column %s)' % (
                option, label, line, name, canonical, seen[canonical]))
        seen[canonical] = name
    if 'name' not in seen:
        raise SourceError('%s: %s line %d: no column name; every item needs one' % (option, label, line))


def _mark(mark):
    return mark.line + 1, mark.column + 1


def _read_yaml(text, label, columns):
    option = columns.option
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SourceError('%s: %s: no items (an empty file); write [] for an empty list' % (option, label))
        if not isinstance(node, yaml.SequenceNode):
            raise SourceError('%s: %s line %d, column %d: expected a list of items, got a %s' % (
                (option, label) + _mark(node.start_mark) + (_node_kind(node),)))
        places = []
        for index, item in enumerate(node.value):
            if not isinstance(item, yaml.MappingNode):
                raise SourceError('%s: %s line %d, column %d: item %d is a %s, not a mapping of options' % (
                    (option, label) + _mark(item.start_mark) + (index, _node_kind(item))))
            keys = {}
            for key, value in item.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name in keys:
                    raise SourceError('%s: %s line %d, column %d: %s given twice in one item' % (
                        (option, label) + _mark(key.start_mark) + (name,)))
                keys[name] = _mark(key.start_mark)
            places.append(_mark(item.start_mark) + (keys,))
        items = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        # problem and position only: str(exc) would print the line, and a line may hold a password
        mark = exc.problem_mark or exc.context_mark
        where = ' line %d, column %d' % _mark(mark) if mark else ''
        raise SourceError('%s: %s%s: %s' % (option, label, where, exc.problem or exc.context or 'not YAML'))
    except yaml.YAMLError as exc:
        raise SourceError('%s: %s: not YAML (%s)' % (option, label, type(exc).__name__))
    finally:
        loader.dispose()
    return items, YamlOrigin(columns, label, items, places)


def _node_kind(node):
    if isinstance(node, yaml.MappingNode):
        return 'mapping'
    if isinstance(node, yaml.SequenceNode):
        return 'list'
    return 'scalar'


def _json_kind(value):
    if isinstance(value, list):
        return 'a list'
    if isinstance(value, str):
        return 'a string'
    return 'null' if value is None else 'a boolean' if isinstance(value, bool) else 'a number'


def _no_twice(pairs):
    found = {}
    for key, value in pairs:
        if key in found:
            raise ValueError('%s given twice in one object' % key)
        found[key] = value
    return found


def _read_json(text, label, columns):
    option = columns.option
    decoder = json.JSONDecoder(object_pairs_hook=_no_twice)
    origin = JsonOrigin(columns, label, None, text, [])

    def fail(offset, problem):
        raise SourceError('%s: %s line %d, column %d: %s' % ((option, label) + origin.place(offset) + (problem,)))

    index = _JSON_SPACE.match(text, 0).end()
    if index == len(text):
        raise SourceError('%s: %s: no items (an empty file); write [] for an empty list' % (option, label))
    if text[index] != '[':
        fail(index, 'expected a list of items')
    items, spans = [], origin.spans
    index = _JSON_SPACE.match(text, index + 1).end()
    if text[index:index + 1] == ']':
        index += 1
    else:
        while True:
            start = index
            try:
                item, index = decoder.raw_decode(text, index)
            except json.JSONDecodeError as exc:
                fail(exc.pos, exc.msg)
            except ValueError as exc:
                fail(start, str(exc))
            if not isinstance(item, dict):
                fail(start, 'item %d is %s, not an object of options' % (len(items), _json_kind(item)))
            items.append(item)
            spans.append((start, index))
            index = _JSON_SPACE.match(text, index).end()
            if text[index:index + 1] == ',':
                index = _JSON_SPACE.match(text, index + 1).end()
            elif text[index:index + 1] == ']':
                index += 1
                break
            else:
                fail(index, "expected ',' or ']' after an item")
    if _JSON_SPACE.match(text, index).end() != len(text):
        fail(_JSON_SPACE.match(text, index).end(), 'extra data after the list')
    origin.items = items
    return items, origin


# --- what the module says back, by file, line and column --------------------------------------------------------------

def _item_problem(key):
    return re.compile(r'%s\[(\d+)\](?:\.([^:]*))?: (.*)\Z' % re.escape(key), re.S)


def _place_text(origin, place):
    line, column, label = place
    if origin.kind == 'CSV':
        return 'line %d%s' % (line, ', column %s' % label if label else '')
    return 'line %d%s' % (line, ', column %d' % column if column else '')


def say_back(origin, problem):
    """A module problem about an item (``accounts[15].mailbox_quota: ...``) as its place in the file:
    ``accounts_src: users.csv line 17, column mailbox_quota: ...``; any other problem unchanged."""
    columns = origin.columns
    match = _item_problem(columns.key).match(problem)
    if not match:
        return problem
    return '%s: %s %s' % (columns.option, origin.label, _where(origin, match))


def _where(origin, match):
    """'line 17, column mailbox_quota: reason' (the item's place, the option's when the file gives it)."""
    columns = origin.columns
    index, path, reason = int(match.group(1)), match.group(2), match.group(3)
    reason = _lines_named(origin, reason)
    if path is None:
        return '%s: %s' % (_place_text(origin, origin.item_place(index) + (None,)), reason)
    top = re.split(r'[.\[]', path, maxsplit=1)[0]
    key = origin.given(index, columns.names.get(top, top))
    if key is None:
        # a value the task's options gave, or a required one the item lacks
        return '%s: %s: %s' % (_place_text(origin, origin.item_place(index) + (None,)), path, reason)
    place = origin.key_place(index, key)
    if origin.kind == 'CSV' and path == top:
        return '%s: %s' % (_place_text(origin, place), reason)
    return '%s: %s: %s' % (_place_text(origin, place), path, reason)


def _lines_named(origin, text):
    """Other items a reason names (``also accounts[3]``) by their line."""
    key = origin.columns.key

    def line(match):
        index = int(match.group(1))
        return 'line %d' % origin.item_place(index)[0] if index < len(origin.items) else match.group(0)
    return re.sub(r'%s\[(\d+)\]' % re.escape(key), line, text)


def say_back_result(origin, result, given):
    """The module's result with its problems and warnings said by file, line and column, and the task's own
    ``<bulk_key>_src`` in the invocation instead of the items."""
    columns = origin.columns
    key = columns.key
    refused = result.get('refused')
    if isinstance(refused, list) and refused:
        said = [say_back(origin, problem) for problem in refused]
        result['refused'] = said
        result['msg'] = _message(origin, said, result.get('msg', ''))
        # ansible-core 2.19 keeps the module's own message in the error it shows; a refusal has no traceback to keep,
        # so the error is made again from the message said here
        result.pop('exception', None)
    if isinstance(result.get('warnings'), list):
        result['warnings'] = [_warning(origin, warning) for warning in result['warnings']]
    invocation = result.get('invocation')
    if isinstance(invocation, dict) and isinstance(invocation.get('module_args'), dict):
        invocation['module_args'][columns.option] = given
        invocation['module_args'][key] = '(%d items from %s)' % (len(origin.items), origin.label)
    return result


def _warning(origin, warning):
    """A warning naming an item by its place; ansible-core 2.19 hands warnings over as summaries of an event."""
    event = getattr(warning, 'event', None)
    if not isinstance(warning, str) and dataclasses.is_dataclass(warning) and isinstance(getattr(event, 'msg', None), str):
        try:
            return dataclasses.replace(warning, event=dataclasses.replace(event, msg=_warning(origin, event.msg)))
        except (TypeError, ValueError):
            return warning
    if not isinstance(warning, str):
        return warning
    match = re.compile(r'%s\[(\d+)\]\.(.*)\Z' % re.escape(origin.columns.key), re.S).match(warning)
    if not match:
        return warning
    path, sep, reason = match.group(2).partition(': ')
    return say_back(origin, '%s[%s].%s: %s' % (origin.columns.key, match.group(1), path, reason)) if sep else warning


def _message(origin, said, module_msg):
    """Each reason once, with the lines it applies to; the count of items refused as the module says it."""
    prefix = '%s: %s ' % (origin.columns.option, origin.label)
    groups, order = {}, []
    for text in said:
        if text.startswith(prefix):
            place, sep, rest = text[len(prefix):].partition(': ')
            line, comma, column = place.partition(', ')
            group = (column, rest)
            number = line[len('line '):]
        else:
            group, number = (None, text), None
        if group not in groups:
            groups[group] = []
            order.append(group)
        if number is not None and number.isdigit():
            groups[group].append(int(number))
    parts = []
    for group in order:
        column, rest = group
        lines = groups[group]
        if not lines:
            parts.append(rest)
            continue
        if origin.kind != 'CSV' and len(lines) > 1:
            column = ''  # YAML and JSON columns differ from line to line
        parts.append('%s%s %s%s: %s' % ('' if parts else prefix, 'line' if len(lines) == 1 else 'lines', index_ranges(lines),
                                        ', %s' % column if column else '', rest))
    more = len(parts) - NAMED_PROBLEMS
    count = module_msg.split(':', 1)[0] if ' refused' in module_msg.split(':', 1)[0] else '%d problems' % len(said)
    return '%s%s (%s)' % ('; '.join(parts[:NAMED_PROBLEMS]), '; and %d more' % more if more > 0 else '', count)
