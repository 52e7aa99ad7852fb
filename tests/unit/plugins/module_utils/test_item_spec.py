# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import yaml
from ansible.module_utils import basic
from ansible_collections.carbonio.admin.plugins.doc_fragments._account_items import ModuleDocFragment
from ansible_collections.carbonio.admin.plugins.doc_fragments._dlist_items import ModuleDocFragment as DlistItems
from ansible_collections.carbonio.admin.plugins.module_utils import _connection, _engine
from ansible_collections.carbonio.admin.plugins.module_utils._item_spec import ItemSpec
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT
from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST

ITEMS = _engine.module_spec(ACCOUNT)[1]['item_lists']['accounts']


def test_an_item_gives_its_options_converted_and_aliases_resolved():
    spec = ItemSpec(dict(name=dict(type='str', required=True), on=dict(type='bool', aliases=['enabled']),
                         tags=dict(type='list', elements='str'), kind=dict(type='str', choices=['a', 'b'])))
    assert spec.check({'name': 'x', 'enabled': 'yes', 'tags': 'p,q', 'kind': None}, 'items[0]') == dict(name='x', on=True, tags=['p', 'q'])


@pytest.mark.parametrize('given, problem', [
    ({'name': 'a@example.com', 'colour': 'red'}, "items[2].colour: unknown option; an item takes"),
    ({'display_name': 'A'}, 'items[2].name: required'),
    ({'name': 'a@example.com', 'state': 'gone'}, "items[2].state: must be one of present, absent, got 'gone'"),
    ({'name': 'a@example.com', 'end_sessions': 'maybe'}, "items[2].end_sessions: expected bool, got 'maybe'"),
    ({'name': 'a@example.com', 'aliases': {'a': 1}}, 'items[2].aliases: expected a list of str'),
    ('a@example.com', 'items[2]: must be a dictionary of options, got str'),
])
def test_a_bad_item_is_refused_naming_its_field(given, problem):
    with pytest.raises(ValueError) as caught:
        ITEMS.check(given, 'items[2]')
    assert str(caught.value).startswith(problem)


def test_a_secret_of_the_wrong_type_is_never_shown_in_the_error():
    with pytest.raises(ValueError) as caught:
        ITEMS.check({'name': 'a@example.com', 'password': {'Secret-Value-1': 1}}, 'items[0]')
    assert 'Secret-Value-1' not in str(caught.value) and 'expected str, got dict' in str(caught.value)


def test_secrets_are_the_no_log_values_of_the_items_never_an_empty_one():
    items = [{'name': 'a@example.com', 'password': 'Pass-One-1'}, {'name': 'b@example.com', 'password': ''},
             {'name': 'c@example.com', 'password': None}, {'name': 'd@example.com', 'password': 'Pass-Two-2'}, 'junk']
    assert ITEMS.secrets(items) == set(['Pass-One-1', 'Pass-Two-2'])
    assert ITEMS.secrets(None) == set()


@pytest.mark.parametrize('fragment, object_type', [(ModuleDocFragment, ACCOUNT), (DlistItems, DLIST)], ids=['accounts', 'lists'])
def test_the_documented_suboptions_are_exactly_the_item_options(fragment, object_type):
    """validate-modules cannot see the items' options (they are not in the argument spec): this test does."""
    items = _engine.module_spec(object_type)[1]['item_lists'][object_type.bulk_key]
    documented = yaml.safe_load(fragment.DOCUMENTATION)['options'][object_type.bulk_key]['suboptions']
    assert sorted(documented) == sorted(items.spec)
    for name, option in items.spec.items():
        doc = documented[name]
        assert doc.get('type', 'str') == option.get('type', 'str'), name
        assert doc.get('elements') == option.get('elements'), name
        assert doc.get('choices') == option.get('choices'), name
        assert bool(doc.get('required')) == bool(option.get('required')), name
        assert sorted(doc.get('aliases', [])) == sorted(option.get('aliases', [])), name


def _module(monkeypatch, capsys, args):
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps(dict(ANSIBLE_MODULE_ARGS=args)).encode())
    monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)  # only ansible-core 2.19 has it
    spec, options = _engine.module_spec(ACCOUNT)
    with pytest.raises(SystemExit):
        module = _connection.create_module(spec, **options)
        module.exit_json(msg='done', echoed=[item['password'] for item in args['accounts'] if 'password' in item])
    return json.loads(capsys.readouterr().out)


def test_item_passwords_are_masked_even_when_the_arguments_are_refused(monkeypatch, capsys):
    accounts = [{'name': 'u%d@example.com' % n, 'password': 'Item-Secret-%d' % n} for n in range(3)]
    # no url: Ansible refuses the arguments and echoes them, items included
    result = _module(monkeypatch, capsys, dict(accounts=accounts, admin_user='admin', admin_password='Admin-Secret'))
    assert result['failed'] and 'url' in result['msg']
    assert 'Item-Secret-' not in json.dumps(result)
    assert [item['name'] for item in result['invocation']['module_args']['accounts']] == [item['name'] for item in accounts]


def test_a_long_list_is_echoed_by_its_length_and_secrets_stay_masked(monkeypatch, capsys):
    accounts = [{'name': 'u%d@example.com' % n, 'password': 'Item-Secret-%d' % n} for n in range(_connection.ECHOED_ITEMS + 1)]
    result = _module(monkeypatch, capsys, dict(accounts=accounts, url='https://mail.example.com', admin_user='admin', admin_password='Admin-Secret'))
    assert result['invocation']['module_args']['accounts'] == '(101 items, not echoed)'
    assert result['echoed'] == ['VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'] * len(accounts)


def test_only_the_item_secrets_found_in_a_result_stay_no_log_values_and_they_are_still_masked(monkeypatch, capsys):
    accounts = [{'name': 'u%d@example.com' % n, 'password': 'Item-Secret-%d' % n} for n in range(_connection.ECHOED_ITEMS + 1)]
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps(dict(ANSIBLE_MODULE_ARGS=dict(
        accounts=accounts, url='https://mail.example.com', admin_user='admin', admin_password='Admin-Secret'))).encode())
    monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)  # only ansible-core 2.19 has it
    spec, options = _engine.module_spec(ACCOUNT)
    module = _connection.create_module(spec, **options)
    assert 'Item-Secret-7' in module.no_log_values
    module.warn('the server said Item-Secret-3 is weak')
    with pytest.raises(SystemExit):
        module.exit_json(msg='done', note='see Item-Secret-5!', count=len(accounts))
    out = capsys.readouterr().out
    assert 'Item-Secret-' not in out and 'see ********!' in out and 'the server said ******** is weak' in out
    # the warning was masked as it came; of the items' secrets only the one in the result is still scrubbed for
    assert set(['Item-Secret-5', 'Admin-Secret']) <= module.no_log_values
    assert 'Item-Secret-7' not in module.no_log_values and 'Item-Secret-3' not in module.no_log_values


def test_the_invocation_logged_to_the_journal_carries_no_item_password(monkeypatch):
    logged = []
    monkeypatch.setattr(basic.AnsibleModule, 'log', lambda self, msg, log_args=None: logged.append((msg, log_args)))
    accounts = [{'name': 'u%d@example.com' % n, 'password': 'Item-Secret-%d' % n, 'display_name': 'User %d' % n} for n in range(3)]
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps(dict(ANSIBLE_MODULE_ARGS=dict(
        accounts=accounts, url='https://mail.example.com', admin_user='admin', admin_password='Admin-Secret'))).encode())
    monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)  # only ansible-core 2.19 has it
    spec, options = _engine.module_spec(ACCOUNT)
    _connection.create_module(spec, **options)
    assert len(logged) == 1 and 'User 2' in logged[0][0]
    assert 'Item-Secret-' not in repr(logged) and 'Admin-Secret' not in repr(logged)


def test_an_unknown_option_suggests_the_closest_one_in_items_and_at_the_top(monkeypatch, capsys):
    items = _engine.module_spec(ACCOUNT)[1]['item_lists']['accounts']
    with pytest.raises(ValueError) as caught:
        items.check({'name': 'a@example.com', 'dispaly_name': 'A'}, 'accounts[3]')
    text = str(caught.value)
    assert text.startswith('accounts[3].dispaly_name: unknown option; did you mean display_name?; an item takes ')
    # what a list refuses (ending sessions: one account only) is not offered
    assert 'end_sessions' not in text and 'logout_everywhere' not in text and 'display_name' in text
    with pytest.raises(ValueError, match=r'^accounts\[0\]\.zzz: unknown option; an item takes '):
        items.check({'name': 'a@example.com', 'zzz': 1}, 'accounts[0]')
    result = _module(monkeypatch, capsys, dict(accounts=[], url='https://mail.example.com', admin_user='admin',
                                               admin_password='Admin-Secret', dispaly_name='A'))
    assert result['failed'] and result['msg'].startswith('dispaly_name: did you mean display_name? Unsupported parameters')


class _Params(object):
    def __init__(self, given, **params):
        self.given_params, self.params = frozenset(given), params


def test_refused_credentials_say_where_they_came_from():
    assert _connection.credentials_source(_Params(['admin_user', 'admin_password'], admin_password='x')) == (
        'the credentials were admin_user from the task and admin_password from the task')
    assert _connection.credentials_source(_Params([], admin_password='x')) == (
        'the credentials were admin_user from CARBONIO_ADMIN_USER in the environment and '
        'admin_password from CARBONIO_ADMIN_PASSWORD in the environment')
    assert _connection.credentials_source(_Params([], auth_token='t')) == 'auth_token came from CARBONIO_AUTH_TOKEN in the environment'


def test_secrets_found_in_finds_each_secret_that_occurs_anywhere_and_keeps_those_masking_could_form():
    secrets = set(['Item-Secret-1', 'Item-Secret-12', 'zz', 'x*y', 'never-there'])
    values = [{'msg': 'a Item-Secret-12 b', 'items': [{'note': 'azzb'}, 7, None, True, b'bytes']}]
    assert _connection.secrets_found_in(secrets, values) == set(['Item-Secret-1', 'Item-Secret-12', 'zz', 'x*y'])
    assert _connection.secrets_found_in(secrets, []) == set(['x*y'])
    # the shortest secret sets the window; a longer one must still match as a whole, not by its ends only
    assert _connection.secrets_found_in(set(['ab', 'abXcd']), ['ab abYcd']) == set(['ab'])
    assert _connection.secrets_found_in(set(['12345']), [{'count': 12345}]) == set(['12345'])
    assert _connection.secrets_found_in(set(['by']), [b'bytes']) == set(['by'])


def test_the_journal_line_of_a_long_list_is_its_length_and_a_secret_elsewhere_in_it_stays_masked(monkeypatch):
    logged = []
    monkeypatch.setattr(basic.AnsibleModule, 'log', lambda self, msg, log_args=None: logged.append(msg))
    accounts = [{'name': 'u%d@example.com' % n, 'password': 'Item-Secret-%d' % n} for n in range(_connection.ECHOED_ITEMS + 1)]
    # an item's password that is also another option's value is masked there as Ansible would
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', json.dumps(dict(ANSIBLE_MODULE_ARGS=dict(
        accounts=accounts, cos='Item-Secret-42', url='https://mail.example.com', admin_user='admin', admin_password='Admin-Secret'))).encode())
    monkeypatch.setattr(basic, '_ANSIBLE_PROFILE', 'legacy', raising=False)  # only ansible-core 2.19 has it
    spec, options = _engine.module_spec(ACCOUNT)
    module = _connection.create_module(spec, **options)
    assert len(logged) == 1 and 'accounts=(101 items, not echoed)' in logged[0]
    assert 'cos=VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' in logged[0]
    assert 'Item-Secret' not in logged[0] and 'Admin-Secret' not in logged[0]
    # logging narrowed the no_log values for its own pass only
    assert 'Item-Secret-7' in module.no_log_values and module.params['accounts'] == accounts


def test_a_short_list_is_echoed_with_item_secrets_replaced_whatever_their_characters(monkeypatch, capsys):
    logged = []
    monkeypatch.setattr(basic.AnsibleModule, 'log', lambda self, msg, log_args=None: logged.append(msg))
    accounts = [{'name': 'a@example.com', 'password': 'back\\slash\'quote'}]
    result = _module(monkeypatch, capsys, dict(accounts=accounts, url='https://mail.example.com', admin_user='admin', admin_password='Admin-Secret'))
    assert result['invocation']['module_args']['accounts'] == [{'name': 'a@example.com', 'password': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'}]
    # the journal shows the list as Python prints it, where the backslash would be doubled and so escape masking
    assert 'slash' not in logged[0] and 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' in logged[0]
