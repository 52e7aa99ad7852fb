"""The neutral element model handlers read and write (like Carbonio's Element): no JSON or XML in here.

An element has a name, a namespace, attributes (str/int/bool values), an optional text and child elements.
"""

from .errors import invalid_request


class Element:
    """One request or response element."""

    __slots__ = ('name', 'ns', 'attrs', 'text', 'children', 'unique')

    def __init__(self, name, ns=None, attrs=None, text=None, unique=False):
        self.name = name
        self.ns = ns
        self.attrs = dict(attrs or {})
        self.text = text
        self.children = []
        # A unique child is encoded as an object rather than an array in JSON (Carbonio's addUniqueElement).
        self.unique = unique

    def add(self, name, attrs=None, text=None, ns=None, unique=False):
        child = Element(name, ns=ns, attrs=attrs, text=text, unique=unique)
        self.children.append(child)
        return child

    def add_attr_values(self, attrs, extra=None):
        """Append <a n="..">value</a> children, one per value, in name order."""
        append, new = self.children.append, Element.__new__
        for name in sorted(attrs, key=str.lower):
            more = extra(name) if extra else None
            for value in attrs[name]:
                # Element('a', {'n': name, **more}, text=value), built directly: an account answer has hundreds
                node = new(Element)
                node.name, node.ns, node.attrs, node.text, node.children, node.unique = \
                    'a', None, {'n': name, **more} if more else {'n': name}, value, [], False
                append(node)

    def child(self, name):
        for node in self.children:
            if node.name == name:
                return node
        return None

    def children_named(self, name):
        return [node for node in self.children if node.name == name]

    def get(self, name, default=None):
        """An attribute value, or the text of a same-named child (JSON allows both forms)."""
        if name in self.attrs:
            return self.attrs[name]
        node = self.child(name)
        if node is not None and node.text is not None:
            return node.text
        return default

    def element_text(self, name):
        """The text of a required child element, as handlers that call Carbonio's getElement(name).getText() read it.

        Strict: in JSON a plain `"name": "x"` is an attribute, and getElement() does not see attributes, so it is
        refused with "missing required element" (api-objects doc 1.1: the COS handlers).
        """
        node = self.child(name)
        if node is None:
            raise invalid_request(f'missing required element: {name}')
        return node.text or ''

    def get_bool(self, name, default=False):
        value = self.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ('1', 'true')

    def get_int(self, name, default=0):
        value = self.get(name)
        if value is None or value == '':
            return default
        return int(value)

    def attr_pairs(self):
        """The request's (name, value) pairs from its <a n> children, in order."""
        return [(node.attrs.get('n', ''), '' if node.text is None else str(node.text)) for node in self.children_named('a')]
