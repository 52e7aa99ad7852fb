# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What CarbonioModule (_connection.py) relies on in AnsibleModule's private behaviour, pinned on every ansible-core
that `make matrix` runs: _load_params reads the arguments before anything is validated, logged or returned, with
no_log_values already a set (the items' secrets join it there); validation_result says which options were
unsupported (the did-you-mean hint); warn, exit_json and fail_json can be overridden and called through super()."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
from ansible.module_utils import basic


def _args(monkeypatch, **args):
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps(dict(ANSIBLE_MODULE_ARGS=args)).encode())
    monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)  # only ansible-core 2.19 has it


def test_the_overridden_methods_exist():
    for name in ('_load_params', 'warn', 'exit_json', 'fail_json', 'log'):
        assert callable(getattr(basic.AnsibleModule, name, None)), name


def test_load_params_comes_first_with_no_log_values_a_set_and_nothing_validated_yet(monkeypatch, capsys):
    seen = {}

    class Probe(basic.AnsibleModule):
        def _load_params(self):
            super(Probe, self)._load_params()
            seen.update(params=dict(self.params), no_log_values=type(getattr(self, 'no_log_values', None)),
                        validated=hasattr(self, 'validation_result'))
            self.no_log_values.add('Found-In-Load-Params')

    _args(monkeypatch, name='n', secret='s3cret-value')
    module = Probe(argument_spec=dict(name=dict(type='str'), secret=dict(type='str', no_log=True)))
    assert seen == dict(params=dict(name='n', secret='s3cret-value'), no_log_values=set, validated=False)
    # what _load_params added stays among the values masked, next to those Ansible found
    assert set(['Found-In-Load-Params', 's3cret-value']) <= module.no_log_values
    module.warn('a warning that quotes nothing secret')
    with pytest.raises(SystemExit):
        module.exit_json(msg='says Found-In-Load-Params')
    out = json.loads(capsys.readouterr().out)
    assert out['msg'] == 'says ********'


def test_validation_result_names_the_unsupported_options(monkeypatch, capsys):
    names = []

    class Probe(basic.AnsibleModule):
        def fail_json(self, msg, **kwargs):
            names.extend(getattr(self, 'validation_result').unsupported_parameters)
            super(Probe, self).fail_json(msg, **kwargs)

    _args(monkeypatch, name='n', nmae='x')
    with pytest.raises(SystemExit):
        Probe(argument_spec=dict(name=dict(type='str')))
    out = json.loads(capsys.readouterr().out)
    assert out['failed'] and out['msg'].startswith('Unsupported parameters') and names == ['nmae']
