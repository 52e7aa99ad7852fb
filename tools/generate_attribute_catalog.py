#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, carbonio.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generate plugins/module_utils/_attribute_catalog_data.py from Carbonio's attrs.xml and ocs.xml.

Usage (from anywhere; paths are resolved from this file's location):

    python tools/generate_attribute_catalog.py            # rewrite the shipped data file
    python tools/generate_attribute_catalog.py --check    # exit 1 if the shipped file is stale
    python tools/generate_attribute_catalog.py --output /tmp/x.py

The sources are the vendored copies in tests/carbonio-ldap/ (see tests/carbonio-ldap/SOURCE.md
or the project's shared notes for their upstream commit). The output is a Python module because
AnsiballZ only ships .py files of module_utils to managed nodes.

Data layout (JSON, keys kept short; absent key = false / empty / not declared):

    {"fmt": 1,                      format version
     "src": "<upstream commit>",
     "sup": {"account": ["mailRecipient"], ...},   superior classes from ocs.xml (attrs.xml names)
     "a": {"<attr name>": {
        "t": type,                  attrs.xml type (string, boolean, enum, long, duration, ...)
        "m": 1 | 0,                 cardinality multi | single (absent: not declared in attrs.xml)
        "v": [...],                 enum values, in attrs.xml order
        "re": "...",                regex of a regex-type attribute
        "lo": "...", "hi": "...",   min / max exactly as written in attrs.xml
        "oc": [...],                classes in optionalIn + requiredIn (sorted)
        "rq": [...],                classes in requiredIn (sorted)
        "im": 1,                    immutable
        "di": 1, "ai": 1, "cdi": 1, flags domainInherited, accountInherited, accountCosDomainInherited
        "dp": "<version>",          deprecatedSince
        "gc": [...]}}}              globalConfigValue values
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import io
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ATTRS_XML = os.path.join('tests', 'carbonio-ldap', 'attrs.xml')
OCS_XML = os.path.join('tests', 'carbonio-ldap', 'ocs.xml')
SOURCE_MD = os.path.join('tests', 'carbonio-ldap', 'SOURCE.md')
OUTPUT = os.path.join('plugins', 'module_utils', '_attribute_catalog_data.py')
COMMAND = 'python tools/generate_attribute_catalog.py'
# Upstream commit of attrs.xml/ocs.xml (zextras/carbonio-mailbox), used when SOURCE.md is absent.
DEFAULT_COMMIT = '9574645f24771b8700f3ca3105f23dcbc218eda7'
FORMAT_VERSION = 1
CHUNK = 110  # characters of JSON per string literal line (before quoting)

HEADER = '''# -*- coding: utf-8 -*-
# GENERATED FILE - DO NOT EDIT. Regenerate with: {command}
# Source: attrs.xml and ocs.xml of zextras/carbonio-mailbox at commit {commit}
# (GPL-2.0; vendored in tests/carbonio-ldap/). Read it through _attribute_catalog, not directly.
# Copyright: (c) 2026, carbonio.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Carbonio attribute catalog data (generated; see tools/generate_attribute_catalog.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

SOURCE_COMMIT = '{commit}'

CATALOG_JSON = (
'''


def _split(value):
    return [item.strip() for item in (value or '').split(',') if item.strip()]


def find_commit(root):
    """Return the upstream commit named in SOURCE.md (first 40-hex string), else the default."""
    for path in (os.path.join(root, SOURCE_MD),):
        try:
            with io.open(path, 'r', encoding='utf-8') as handle:
                match = re.search(r'\b[0-9a-f]{40}\b', handle.read())
        except (IOError, OSError):
            continue
        if match:
            return match.group(0)
    return DEFAULT_COMMIT


def oc_to_class_name(oc_name, known):
    """Map an ocs.xml object class (zimbraCOS) to its attrs.xml class name (cos)."""
    base = oc_name[len('zimbra'):] if oc_name.startswith('zimbra') else oc_name
    for name in known:
        if name.lower() == base.lower():
            return name
    return base[:1].lower() + base[1:]


def read_superiors(ocs_path, known):
    """Return {class: [superior classes]} for the object classes of ocs.xml that have a zimbra superior."""
    root = ET.parse(ocs_path).getroot()
    result = {}
    for oc in root.iter('objectclass'):
        name = oc_to_class_name(oc.get('name'), known)
        sups = []
        for sup in oc.findall('sup'):
            text = (sup.text or '').strip()
            if text.startswith('zimbra'):
                sups.append(oc_to_class_name(text, known))
        if sups:
            result[name] = sorted(sups)
    return result


def read_attributes(attrs_path):
    """Return {name: compact dict} for every <attr> of attrs.xml."""
    root = ET.parse(attrs_path).getroot()
    result = {}
    for attr in root.iter('attr'):
        name = attr.get('name')
        entry = {'t': attr.get('type') or 'string'}
        cardinality = attr.get('cardinality')
        if cardinality in ('multi', 'single'):
            entry['m'] = 1 if cardinality == 'multi' else 0
        if entry['t'] == 'enum':
            entry['v'] = _split(attr.get('value'))
        elif attr.get('value') is not None:
            entry['re'] = attr.get('value')
        if attr.get('min') not in (None, ''):
            entry['lo'] = attr.get('min')
        if attr.get('max') not in (None, ''):
            entry['hi'] = attr.get('max')
        required = _split(attr.get('requiredIn'))
        classes = sorted(set(_split(attr.get('optionalIn')) + required))
        if classes:
            entry['oc'] = classes
        if required:
            entry['rq'] = sorted(set(required))
        if attr.get('immutable') == '1':
            entry['im'] = 1
        flags = set(_split(attr.get('flags')))
        for flag, key in (('domainInherited', 'di'), ('accountInherited', 'ai'), ('accountCosDomainInherited', 'cdi')):
            if flag in flags:
                entry[key] = 1
        if attr.get('deprecatedSince'):
            entry['dp'] = attr.get('deprecatedSince')
        gc_values = [child.text or '' for child in attr.findall('globalConfigValue')]
        if gc_values:
            entry['gc'] = gc_values
        result[name] = entry
    return result


def build_catalog(root):
    attributes = read_attributes(os.path.join(root, ATTRS_XML))
    known = set()
    for entry in attributes.values():
        known.update(entry.get('oc', []))
    return {
        'fmt': FORMAT_VERSION,
        'src': find_commit(root),
        'sup': read_superiors(os.path.join(root, OCS_XML), sorted(known)),
        'a': attributes,
    }


def _literal_lines(text):
    """Split text into quoted Python literals of at most CHUNK characters of text each."""
    lines = []
    pos = 0
    while pos < len(text):
        size = CHUNK
        while True:
            piece = text[pos:pos + size]
            literal = repr(piece)
            if literal.startswith('u'):  # pragma: no cover (Python 2 only)
                literal = literal[1:]
            if len(literal) <= CHUNK + 10 or size <= 10:
                break
            size -= 10
        lines.append('    ' + literal)
        pos += len(piece)
    return lines


def render(catalog):
    """Return the text of the generated Python module."""
    text = json.dumps(catalog, sort_keys=True, separators=(',', ':'), ensure_ascii=True)
    out = HEADER.format(command=COMMAND, commit=catalog['src'])
    out += '\n'.join(_literal_lines(text))
    out += '\n)\n'
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description='Generate the Carbonio attribute catalog data module.')
    parser.add_argument('--check', action='store_true', help='do not write; exit 1 if the output file differs from what would be generated')
    parser.add_argument('--output', default=None, help='file to write or check (default: %s under the repository root)' % OUTPUT)
    parser.add_argument('--root', default=ROOT, help='repository root holding %s and %s (default: this script\'s repository)' % (ATTRS_XML, OCS_XML))
    args = parser.parse_args(argv)

    output = args.output or os.path.join(args.root, OUTPUT)
    content = render(build_catalog(args.root))

    if args.check:
        try:
            with io.open(output, 'r', encoding='utf-8', newline='') as handle:
                current = handle.read()
        except (IOError, OSError) as exc:
            print('%s: cannot read (%s); run: %s' % (output, exc, COMMAND), file=sys.stderr)
            return 1
        if current != content:
            print('%s is out of date with %s / %s; run: %s' % (output, ATTRS_XML, OCS_XML, COMMAND), file=sys.stderr)
            return 1
        print('%s is up to date' % output)
        return 0

    with io.open(output, 'w', encoding='utf-8', newline='\n') as handle:
        handle.write(content)
    print('wrote %s (%d bytes)' % (output, len(content)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
