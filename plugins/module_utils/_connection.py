# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Connection options every module shares: argument spec, the AnsibleModule factory and the client.

Keep this in step with plugins/doc_fragments/_connection.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import difflib
import os

from ansible.module_utils.basic import AnsibleModule, env_fallback
from ansible.module_utils.common.parameters import remove_values

from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioClient, CarbonioError, CarbonioFault


CONNECTION_ARGUMENT_SPEC = dict(
    url=dict(type='str', required=True, fallback=(env_fallback, ['CARBONIO_URL'])),
    admin_user=dict(type='str', fallback=(env_fallback, ['CARBONIO_ADMIN_USER'])),
    admin_password=dict(type='str', no_log=True, fallback=(env_fallback, ['CARBONIO_ADMIN_PASSWORD'])),
    auth_token=dict(type='str', no_log=True, fallback=(env_fallback, ['CARBONIO_AUTH_TOKEN'])),
    validate_certs=dict(type='bool', default=True, fallback=(env_fallback, ['CARBONIO_VALIDATE_CERTS'])),
    ca_path=dict(type='path', fallback=(env_fallback, ['CARBONIO_CA_PATH'])),
    timeout=dict(type='int', default=30),
    retries=dict(type='int', default=3),
)


# A list of objects longer than this is echoed in the result's invocation by its length (10,000 accounts are 12 MB).
ECHOED_ITEMS = 100


def _texts(values):
    """Every text in nested results or parameters (dict values, list items, scalars as text)."""
    texts, pending = [], list(values)
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, (list, tuple, set, frozenset)):
            pending.extend(value)
        elif isinstance(value, bytes):
            texts.append(value.decode('utf-8', 'replace'))
        elif value is not None and not isinstance(value, bool):
            texts.append(value if isinstance(value, str) else str(value))
    return texts


def secrets_found_in(secrets, values):
    """The secrets that occur in some text of ``values``, and those with a '*' (masking itself could form them).

    One pass over the text collects its windows of the shortest secret's length; only a secret whose first
    and last windows are among them is searched for, so 10,000 secrets cost about one scan, not 10,000.
    """
    found = set(secret for secret in secrets if '*' in secret or not secret)
    text = '\x00'.join(_texts(values))
    candidates = [secret for secret in secrets if secret and secret not in found]
    if not candidates or not text:
        return found
    width = min(len(secret) for secret in candidates)
    windows = set(text[start:start + width] for start in range(len(text) - width + 1))
    found.update(secret for secret in candidates
                 if secret[:width] in windows and secret[-width:] in windows and secret in text)
    return found


class CarbonioModule(AnsibleModule):
    """AnsibleModule for modules with a list of objects whose items the collection checks itself (_item_spec).

    The items' secrets join ``no_log_values`` as soon as the parameters are read, before Ansible validates,
    logs the invocation to the journal or returns anything; a long list is echoed by its length.
    """

    def __init__(self, item_lists, **kwargs):
        self.item_lists = item_lists
        self.item_secrets = set()
        super(CarbonioModule, self).__init__(**kwargs)

    def _load_params(self):
        super(CarbonioModule, self)._load_params()
        # what the task gave itself, before Ansible applies the environment fallbacks (said when credentials fail)
        self.given_params = frozenset(key for key, value in self.params.items() if value is not None)
        for key, item_spec in self.item_lists.items():
            self.item_secrets.update(item_spec.secrets(self.params.get(key)))
        self.no_log_values.update(self.item_secrets)

    def warn(self, warning, **kwargs):
        # ansible-core 2.19 returns warnings without masking no_log values in them (a server message may quote one)
        super(CarbonioModule, self).warn(remove_values(warning, self.no_log_values), **kwargs)

    def _echo(self):
        params = dict(self.params)
        for key, item_spec in self.item_lists.items():
            if isinstance(params.get(key), list):
                items = params[key]
                params[key] = '(%d items, not echoed)' % len(items) if len(items) > ECHOED_ITEMS else item_spec.masked(items)
        return dict(module_args=params)

    def _log_invocation(self):
        # the journal gets what the result echoes: a long list by its length; of the item secrets only those in
        # the logged text (each value as Ansible writes it) are masked, since each no_log value is a pass over it
        params, no_log_values = self.params, self.no_log_values
        self.params = self._echo()['module_args']
        logged = [value if isinstance(value, (str, bytes)) else str(value) for value in self.params.values()]
        absent = self.item_secrets - secrets_found_in(self.item_secrets, logged)
        self.no_log_values = no_log_values - absent
        try:
            super(CarbonioModule, self)._log_invocation()
        finally:
            self.params, self.no_log_values = params, no_log_values

    def _keep_secrets_found_in(self, result):
        """Ansible scrubs every string of a result against every no_log value: with 10,000 item passwords that
        takes 14 s. A secret that occurs in no string of the result changes nothing there, so only those that
        do occur (and any with a '*', which masking itself could form) stay. Warnings are masked as they come."""
        if self.item_secrets:
            self.no_log_values.difference_update(self.item_secrets - secrets_found_in(self.item_secrets, [result]))

    def _suggest(self, msg):
        """Ansible's refusal of unknown options, with the closest known option for each (dispaly_name: did you mean
        display_name?)."""
        result = getattr(self, 'validation_result', None)
        unknown = sorted(name for name in (getattr(result, 'unsupported_parameters', None) or ()) if isinstance(name, str))
        if not unknown or not str(msg).startswith('Unsupported parameters'):
            return msg
        known = list(self.argument_spec) + [alias for option in self.argument_spec.values() for alias in option.get('aliases', ())]
        hints = ['%s: did you mean %s?' % (name, close[0]) for name in unknown for close in [difflib.get_close_matches(name, known, 1, 0.75)] if close]
        return '%s %s' % (' '.join(hints), msg) if hints else msg

    def exit_json(self, **kwargs):
        kwargs.setdefault('invocation', self._echo())
        self._keep_secrets_found_in(kwargs)
        super(CarbonioModule, self).exit_json(**kwargs)

    def fail_json(self, msg, **kwargs):
        msg = self._suggest(msg)
        kwargs.setdefault('invocation', self._echo())
        self._keep_secrets_found_in(dict(kwargs, msg=msg))
        super(CarbonioModule, self).fail_json(msg, **kwargs)


def create_module(argument_spec, supports_check_mode=True, item_lists=None, **kwargs):
    """AnsibleModule with the connection options added to the module's own; item_lists: {list option: ItemSpec}."""
    spec = dict(CONNECTION_ARGUMENT_SPEC)
    spec.update(argument_spec)
    required_one_of = list(kwargs.pop('required_one_of', [])) + [['admin_password', 'auth_token']]
    required_together = list(kwargs.pop('required_together', [])) + [['admin_user', 'admin_password']]
    return CarbonioModule(item_lists or {}, argument_spec=spec, supports_check_mode=supports_check_mode,
                          required_one_of=required_one_of, required_together=required_together, **kwargs)


def credentials_source(module):
    """Where the refused credentials came from: the task's options (module_defaults included) or the environment."""
    given = getattr(module, 'given_params', frozenset())
    if module.params.get('auth_token') and not module.params.get('admin_password'):
        return 'auth_token came from %s' % ('the task' if 'auth_token' in given else 'CARBONIO_AUTH_TOKEN in the environment')
    sources = []
    for option, variable in (('admin_user', 'CARBONIO_ADMIN_USER'), ('admin_password', 'CARBONIO_ADMIN_PASSWORD')):
        sources.append('%s from %s' % (option, 'the task' if option in given else variable + ' in the environment'))
    return 'the credentials were %s' % ' and '.join(sources)


def new_client(params):
    """The Carbonio client for the connection options ``params`` (a module's or the inventory plugin's).

    Local mistakes (plain http, a CA file that is not there, a timeout of 0) raise CarbonioError here, at once and
    naming the option, instead of after retries that cannot help. Authentication happens on the first request.
    """
    ca_path = params['ca_path']
    if ca_path and not os.path.isfile(ca_path):
        raise CarbonioError('ca_path: no such file: %s (a PEM file of the CA that signed the Carbonio certificate)' % ca_path)
    return CarbonioClient(
        params['url'],
        admin_user=params['admin_user'],
        admin_password=params['admin_password'],
        auth_token=params['auth_token'],
        validate_certs=params['validate_certs'],
        ca_path=ca_path,
        timeout=params['timeout'],
        retries=params['retries'],
    )


def create_client(module):
    """The Carbonio client for this module run (new_client); a local mistake fails the module naming the option."""
    try:
        return new_client(module.params)
    except CarbonioError as exc:
        module.fail_json(msg=str(exc))


def fail_on_error(module, exc, **result):
    """Fail the module with the Carbonio error code when there is one (never any credential: the client keeps them out)."""
    if isinstance(exc, CarbonioFault):
        hint = '; %s' % credentials_source(module) if exc.code == 'account.AUTH_FAILED' else ''
        module.fail_json(msg='%s: %s%s' % (exc.code, exc.message, hint), error_code=exc.code, **result)
    module.fail_json(msg=str(exc), **result)
