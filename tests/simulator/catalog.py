"""Attribute and object-class catalog parsed from Carbonio's attrs.xml and ocs.xml.

The single place in the simulator that knows attribute types, cardinality, flags and defaults;
schema generation, seeding and write validation all read it.
"""

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'carbonio-ldap')

# attrs.xml names object classes by a short name; these two do not follow the 'zimbra' + Capitalized rule.
_CLASS_EXCEPTIONS = {'cos': 'zimbraCOS', 'xmppComponent': 'zimbraXMPPComponent'}


def class_name(short):
    """Map an attrs.xml class name (account, cos, globalConfig...) to its LDAP object class."""
    short = short.strip()
    return _CLASS_EXCEPTIONS.get(short, 'zimbra' + short[:1].upper() + short[1:])


def _split(value):
    return [v.strip() for v in (value or '').split(',') if v.strip()]


@dataclass
class AttributeInfo:
    name: str
    type: str
    oid_suffix: str = None
    cardinality: str = 'multi'
    values: str = None
    min: str = None
    max: str = None
    immutable: bool = False
    deprecated: bool = False
    flags: frozenset = frozenset()
    optional_in: tuple = ()
    required_in: tuple = ()
    desc: str = ''
    global_config_values: list = field(default_factory=list)
    default_cos_values: list = field(default_factory=list)
    default_external_cos_values: list = field(default_factory=list)

    @property
    def single(self):
        return self.cardinality == 'single'


@dataclass
class ObjectClassInfo:
    name: str
    oid_suffix: str
    kind: str
    sup: str
    desc: str


class Catalog:
    """Everything the simulator needs from attrs.xml and ocs.xml, keyed by attribute name (case-insensitive)."""

    def __init__(self, data_dir=DATA_DIR):
        self.data_dir = data_dir
        self.attrs = {}
        self.attrs_in_order = []
        self.object_classes = []
        self._with_flag = {}
        self._parse_attrs(os.path.join(data_dir, 'attrs.xml'))
        self._parse_ocs(os.path.join(data_dir, 'ocs.xml'))

    def _parse_attrs(self, path):
        root = ET.parse(path).getroot()
        for node in root.iter('attr'):
            get = node.get
            info = AttributeInfo(
                name=get('name'), type=get('type'), oid_suffix=get('id'), cardinality=get('cardinality') or 'multi',
                values=get('value'), min=get('min'), max=get('max'), immutable=get('immutable') == '1',
                deprecated=bool(get('deprecatedSince')), flags=frozenset(_split(get('flags'))),
                optional_in=tuple(class_name(c) for c in _split(get('optionalIn'))),
                required_in=tuple(class_name(c) for c in _split(get('requiredIn'))),
                desc=' '.join((node.findtext('desc') or '').split()))
            for tag, target in (('globalConfigValue', info.global_config_values), ('defaultCOSValue', info.default_cos_values),
                                ('defaultExternalCOSValue', info.default_external_cos_values)):
                target.extend(v.text or '' for v in node.findall(tag))
            self.attrs[info.name.lower()] = info
            self.attrs_in_order.append(info)

    def _parse_ocs(self, path):
        root = ET.parse(path).getroot()
        for node in root.iter('objectclass'):
            self.object_classes.append(ObjectClassInfo(
                name=node.get('name'), oid_suffix=node.get('id'), kind=node.get('type'),
                sup=(node.findtext('sup') or 'top').strip(), desc=' '.join((node.findtext('desc') or '').split())))

    def get(self, name):
        return self.attrs.get(name.lower())

    def with_flag(self, flag):
        if flag not in self._with_flag:  # the catalog does not change once parsed
            self._with_flag[flag] = tuple(a for a in self.attrs_in_order if flag in a.flags)
        return list(self._with_flag[flag])
