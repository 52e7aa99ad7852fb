"""Request handlers, one module per object family; each registers its request names with @handles."""

import importlib

HANDLERS = {}
NO_AUTH = set()
_MODULES = ('auth', 'domains', 'config', 'cos', 'accounts', 'lists', 'search')


def handles(name, needs_auth=True):
    def register(func):
        HANDLERS[name] = func
        if not needs_auth:
            NO_AUTH.add(name)
        return func
    return register


def load_all():
    for module in _MODULES:
        importlib.import_module(f'{__name__}.{module}')
    return HANDLERS
