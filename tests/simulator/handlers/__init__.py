"""Request handlers, one module per object family or channel; each registers itself in ../registry.py with
@handles (SOAP), @zextras_action (zextras channel) or @rest_route (REST extension), declaring whether it writes."""

import importlib

from ..registry import NS_ACCOUNT, NS_ADMIN, NS_ZIMBRA, handles, rest_route, zextras_action  # noqa: F401 (re-exported)

_MODULES = ('auth', 'domains', 'config', 'cos', 'accounts', 'aliases', 'account_reads', 'account_rename', 'sessions',
            'lists', 'list_members', 'list_names', 'rights', 'list_action', 'search', 'zextras_core', 'zextras_auth',
            'zextras_mobile', 'rest_backup', 'rest_saml', 'certificates', 'letsencrypt', 'servers', 'gal')


def load_all():
    for module in _MODULES:
        importlib.import_module(f'{__name__}.{module}')
