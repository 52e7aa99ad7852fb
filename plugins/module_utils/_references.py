# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: references, the objects options name (``cos``, ...), turned into ids on the wire.

Users write a referenced object's name; requests carry its id; results, diffs and exports show the name again.
Each kind is read whole by one request (``LOOKUPS``: GetAllCosRequest for ``cos``), put into the read batch of a
run by ``lookup_requests``; ``read_references`` builds ``References`` (names <-> ids per kind, and what was read
with each object) from the answers. This module reads its own answers and imports no request module:
_directory_requests builds its read batches from it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import decode_attrs
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import KINDS

# The reference kinds an option may have (Option.kind), each with the request that reads every object of the kind, its
# body, and the element each object answers as. Accounts, lists and domains named by address are looked up otherwise:
# by one search on their addresses in the read batch (_list_plan.lookups, _directory_requests.holders_request).
LOOKUPS = {'cos': ('GetAllCosRequest', {}, 'cos')}


class References(object):
    """Names and ids of the objects options refer to (``cos``, ...), read once per run.

    Results, diffs and exports show names; requests carry ids. ``to_id`` raises ValueError naming
    the option when no such object exists.
    """

    LABELS = {'cos': 'class of service'}

    def __init__(self):
        self._ids = {}
        self._names = {}
        self._attrs = {}

    def add(self, kind, entries):
        for entry in entries:
            self._ids.setdefault(kind, {})[entry['name'].lower()] = entry['id']
            self._names.setdefault(kind, {})[entry['id']] = entry['name']
            self._attrs.setdefault(kind, {})[entry['id']] = entry.get('attrs') or {}

    def attrs(self, kind, object_id):
        """The attributes read with the object (a COS's policy values), {} when unknown."""
        return self._attrs.get(kind, {}).get(object_id, {})

    def has(self, kind, object_id):
        """Whether an object of this kind has this id."""
        return object_id in self._names.get(kind, {})

    def find(self, kind, name):
        """The id of the object of this kind with this name, None when there is none."""
        return self._ids.get(kind, {}).get(name.lower())

    def to_id(self, kind, name, field):
        found = self._ids.get(kind, {}).get(KINDS['text'].parse(name, field).strip().lower())
        if found is None:
            raise ValueError('%s: no %s named %r exists' % (field, self.LABELS.get(kind, kind), name))
        return found

    def to_name(self, kind, object_id):
        """The name of the object with this id; an id that points nowhere is shown as it is."""
        return self._names.get(kind, {}).get(object_id, object_id)


def lookup_requests(kinds):
    """The requests reading these kinds, one per kind in this order, for a read batch."""
    return [LOOKUPS[kind][:2] for kind in kinds]


def read_references(kinds, items):
    """References from the batch items answering lookup_requests(kinds), in the same order; a lookup's fault is raised."""
    references = References()
    for kind, item in zip(kinds, items):
        if item.fault:
            raise item.fault
        found = (item.response or {}).get(LOOKUPS[kind][2]) or []
        # JSON SOAP answers one element as a dict, several as a list
        references.add(kind, [{'name': element.get('name'), 'id': element.get('id'), 'attrs': decode_attrs(element.get('a', []))}
                              for element in (found if isinstance(found, list) else [found])])
    return references
