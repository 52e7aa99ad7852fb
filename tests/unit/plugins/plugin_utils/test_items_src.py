# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The items of a bulk task read from a file on the controller (accounts_src, lists_src): CSV, YAML and JSON, and the
module's problems said back by file, line and column."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT
from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST
from ansible_collections.carbonio.admin.plugins.plugin_utils._items_src import (
    Columns, SourceError, read_items, say_back, say_back_result)

ACCOUNTS = Columns(ACCOUNT)
LISTS = Columns(DLIST)


def _read(text, label='users.csv', columns=ACCOUNTS):
    return read_items(text.encode('utf-8') if isinstance(text, str) else text, label, columns)


def _refused(text, label='users.csv', columns=ACCOUNTS):
    with pytest.raises(SourceError) as caught:
        _read(text, label, columns)
    return str(caught.value)


# --- CSV -----------------------------------------------------------------------------------------------------------

def test_csv_cells_become_the_items_options():
    items, origin = _read(
        '\ufeffname,display_name,aliases,quota,global_admin,description,password\r\n'
        ' al@x.test , Al ,al.s@x.test; s@x.test ;,20G,true,first;second,Pw-1 x\r\n'
        '\r\n'
        'bea@x.test,"Doe, Bea",,,,one;,\r\n'
        '"cy@x.test","multi\r\nline",,,,,\r\n'
        'dan@x.test,,,,,,\r\n')
    assert items == [
        {'name': 'al@x.test', 'display_name': 'Al', 'aliases': ['al.s@x.test', 's@x.test'], 'quota': '20G',
         'global_admin': 'true', 'description': ['first', 'second'], 'password': 'Pw-1 x'},
        {'name': 'bea@x.test', 'display_name': 'Doe, Bea', 'description': 'one'},
        {'name': 'cy@x.test', 'display_name': 'multi\r\nline'},
        {'name': 'dan@x.test'},
    ]
    assert origin.lines == [2, 4, 5, 7]


def test_csv_a_list_option_with_one_value_is_a_list_and_senders_take_a_word_alone():
    items = _read('name,members,owners,senders\na@x.test,b@x.test,c@x.test,members\nd@x.test,,,e@x.test\n'
                  'f@x.test,,,g@x.test;x.test\n', 'lists.csv', LISTS)[0]
    assert items[0] == {'name': 'a@x.test', 'members': ['b@x.test'], 'owners': ['c@x.test'], 'senders': 'members'}
    assert items[1] == {'name': 'd@x.test', 'senders': ['e@x.test']}
    assert items[2] == {'name': 'f@x.test', 'senders': ['g@x.test', 'x.test']}


def test_csv_values_are_checked_by_the_module_item_spec_as_yaml_values_are():
    items = _read('name,mailbox_quota,global_admin,status\na@x.test,20G,yes,active\n')[0]
    checked = ACCOUNTS.item_spec.check(items[0], 'accounts[0]')
    wanted = ACCOUNT.parse(checked)[0]
    assert wanted['zimbraMailQuota'] == ['21474836480'] and wanted['zimbraIsAdminAccount'] == ['TRUE']
    assert wanted['zimbraAccountStatus'] == ['active']


def test_csv_a_semicolon_stays_in_a_single_valued_cell():
    assert _read('name,display_name,notes\na@x.test,Doe; Jo,a;b\n')[0][0] == {
        'name': 'a@x.test', 'display_name': 'Doe; Jo', 'notes': 'a;b'}


def test_csv_header_only_is_no_items():
    assert _read('name,cos\n')[0] == []


@pytest.mark.parametrize('text, message', [
    ('name,mailbox_quotas\n', "accounts_src: users.csv line 1, column mailbox_quotas: unknown option 'mailbox_quotas'; "
                              'did you mean mailbox_quota?'),
    ('Name\n', "accounts_src: users.csv line 1, column Name: unknown option 'Name'; did you mean name?"),
    ('\n\nname,zzzz\n', "accounts_src: users.csv line 3, column zzzz: unknown option 'zzzz'; an item takes "),
    ('name,quota,mailbox_quota\n', 'accounts_src: users.csv line 1, column mailbox_quota: mailbox_quota is named twice '
                                   '(also column quota)'),
    ('name,,cos\n', 'accounts_src: users.csv line 1, column 2: a column without a name'),
    ('cos\n', 'accounts_src: users.csv line 1: no column name; every item needs one'),
    ('', 'accounts_src: users.csv: no header row'),
    ('name,cos\na@x.test,gold\nb@x.test,gold,Secret-Cell-1\n', 'accounts_src: users.csv line 3: 3 cells, the header names 2 columns'),
    ('name,cos\na@x.test\n', 'accounts_src: users.csv line 2: 1 cells, the header names 2 columns'),
    ('name,password\n"a@x.test"x,Secret-Cell-1\n', 'accounts_src: users.csv line 2: \',\' expected after \'"\''),
    (b'name\n\xff\n', 'accounts_src: users.csv line 2: not UTF-8 text (byte 6)'),
])
def test_csv_problems_name_file_line_and_column(text, message):
    said = _refused(text)
    assert said.startswith(message)
    assert 'Secret-Cell' not in said


def test_an_unknown_file_type_is_refused():
    assert _refused('name\n', 'users.txt') == (
        'accounts_src: users.txt: unknown file type; expected a .csv, .yml, .yaml or .json file')


# --- YAML and JSON -------------------------------------------------------------------------------------------------

def test_yaml_list_of_items_with_its_places():
    items, origin = _read('# export\n- name: a@x.test\n  quota: 20G\n- {name: b@x.test, hidden: true}\n', 'users.yml')
    assert items == [{'name': 'a@x.test', 'quota': '20G'}, {'name': 'b@x.test', 'hidden': True}]
    assert origin.item_place(1) == (4, 3)
    assert origin.key_place(0, 'quota') == (3, 3, None)


@pytest.mark.parametrize('text, message', [
    ('name: a@x.test\n', 'accounts_src: users.yaml line 1, column 1: expected a list of items, got a mapping'),
    ('just text\n', 'accounts_src: users.yaml line 1, column 1: expected a list of items, got a scalar'),
    ('- name: a@x.test\n- b@x.test\n', 'accounts_src: users.yaml line 2, column 3: item 1 is a scalar, not a mapping of options'),
    ('- {name: a@x.test, name: b@x.test}\n', 'accounts_src: users.yaml line 1, column 20: name given twice in one item'),
    ('- name: a@x.test\n  password: "Secret-Cell-1\n', 'accounts_src: users.yaml line 3, column 1: found unexpected end of stream'),
    ('- name: a@x.test\n password: Secret-Cell-1\n', "accounts_src: users.yaml line 2, column 2: did not find expected '-' indicator"),
    ('', 'accounts_src: users.yaml: no items (an empty file); write [] for an empty list'),
    ('- {name: a@x.test, password: !vault Secret-Cell-1}\n', 'accounts_src: users.yaml line 1, column 30: could not determine a '
                                                             "constructor for the tag '!vault'"),
])
def test_yaml_problems_name_the_parser_line_and_column(text, message):
    said = _refused(text, 'users.yaml')
    assert said.startswith(message)
    assert 'Secret-Cell' not in said


def test_json_list_of_items_with_its_places():
    text = '[\n  {"name": "a@x.test",\n   "quota": "lots"},\n  {"name": "b@x.test"}\n]\n'
    items, origin = _read(text, 'users.json')
    assert items == json.loads(text)
    assert origin.item_place(1) == (4, 3)
    assert origin.key_place(0, 'quota') == (3, 4, None)
    assert _read('[]', 'users.json')[0] == []


@pytest.mark.parametrize('text, message', [
    ('{"name": "a@x.test"}', 'accounts_src: users.json line 1, column 1: expected a list of items'),
    ('[\n {"name": "a@x.test"},\n 7\n]', 'accounts_src: users.json line 3, column 2: item 1 is a number, not an object of options'),
    ('[\n {"name": "a@x.test",\n  "password": "Secret-Cell-1",}\n]',
     'accounts_src: users.json line 3, column 31: Expecting property name enclosed in double quotes'),
    ('[{"name": "a@x.test", "name": "b@x.test"}]', 'accounts_src: users.json line 1, column 2: name given twice in one object'),
    ('[{"name": "a@x.test"} {"name": "b@x.test"}]', "accounts_src: users.json line 1, column 23: expected ',' or ']' after an item"),
    ('[{"name": "a@x.test"}] []', 'accounts_src: users.json line 1, column 24: extra data after the list'),
    ('  ', 'accounts_src: users.json: no items (an empty file); write [] for an empty list'),
])
def test_json_problems_name_line_and_column(text, message):
    said = _refused(text, 'users.json')
    assert said.startswith(message)
    assert 'Secret-Cell' not in said


# --- the module's problems said back -----------------------------------------------------------------------------

CSV = 'name,quota,aliases,password\na@x.test,20G,,P-1\n\nb@x.test,lots,c@x.test;d,P-2\n'


def test_a_module_problem_is_said_by_line_and_header_column():
    origin = _read(CSV)[1]
    assert say_back(origin, "accounts[1].mailbox_quota: invalid size 'lots'") == (
        "accounts_src: users.csv line 4, column quota: invalid size 'lots'")
    assert say_back(origin, 'accounts[1].aliases[1]: expected an e-mail address') == (
        'accounts_src: users.csv line 4, column aliases: aliases[1]: expected an e-mail address')
    # a value the task's options gave, not the file
    assert say_back(origin, 'accounts[0].cos: no class of service gold exists') == (
        'accounts_src: users.csv line 2: cos: no class of service gold exists')
    assert say_back(origin, 'accounts[1].name: b@x.test is listed twice (also accounts[0])') == (
        'accounts_src: users.csv line 4, column name: b@x.test is listed twice (also line 2)')
    assert say_back(origin, 'domain: required with accounts_mode: exact') == 'domain: required with accounts_mode: exact'


def test_a_module_problem_in_yaml_and_json_is_said_by_line_and_column():
    origin = _read('- name: a@x.test\n  mailbox_quota: lots\n', 'users.yml')[1]
    assert say_back(origin, "accounts[0].mailbox_quota: invalid size 'lots'") == (
        "accounts_src: users.yml line 2, column 3: mailbox_quota: invalid size 'lots'")
    assert say_back(origin, 'accounts[0].cos: no class of service gold exists') == (
        'accounts_src: users.yml line 1, column 3: cos: no class of service gold exists')
    origin = _read('[{"name": "a@x.test"},\n {"name": "b@x.test", "hidden": "perhaps"}]', 'lists.json', LISTS)[1]
    assert say_back(origin, "lists[1].hidden: expected a boolean, got 'perhaps'") == (
        "lists_src: lists.json line 2, column 23: hidden: expected a boolean, got 'perhaps'")


def test_the_result_says_every_problem_by_line_once_per_reason_and_echoes_the_file():
    origin = _read('name,cos,password\n' + ''.join('u%d@x.test,gold,P-%d\n' % (n, n) for n in range(5)))[1]
    result = dict(
        failed=True, msg='6 of the accounts refused, nothing was sent: accounts[0..4].cos: no class of service gold exists; ...',
        refused=['accounts[%d].cos: no class of service gold exists' % n for n in range(4)] + [
            'accounts[4].password: shorter than 12 characters', 'domain: required with accounts_mode: exact'],
        warnings=['accounts[2].cos: deprecated, use another'],
        invocation=dict(module_args=dict(accounts=[{'name': 'u0@x.test', 'password': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'}],
                                         cos=None)))
    said = say_back_result(origin, result, 'users.csv')
    assert said['refused'][0] == 'accounts_src: users.csv line 2, column cos: no class of service gold exists'
    assert said['msg'] == ('accounts_src: users.csv lines 2..5, column cos: no class of service gold exists; '
                           'line 6, column password: shorter than 12 characters; domain: required with accounts_mode: exact '
                           '(6 of the accounts refused, nothing was sent)')
    assert said['warnings'] == ['accounts_src: users.csv line 4, column cos: deprecated, use another']
    assert said['invocation']['module_args'] == dict(accounts='(5 items from users.csv)', accounts_src='users.csv', cos=None)


def test_every_item_option_and_alias_is_a_column():
    assert set(ACCOUNTS.names) >= set(ACCOUNTS.item_spec.spec) | {'quota'}
    assert 'accounts' not in ACCOUNTS.names and 'accounts_src' not in ACCOUNTS.names
    assert ACCOUNTS.several() == ['aliases', 'description', 'time_zone']
    assert LISTS.several() == ['aliases', 'description', 'members', 'owners', 'senders']


def test_a_warning_summary_is_said_by_line_too():
    # ansible-core 2.19 hands an action plugin its module's warnings as WarningSummary objects; before, as strings
    messages = pytest.importorskip('ansible.module_utils._internal._messages')
    Event, WarningSummary = messages.Event, messages.WarningSummary
    origin = _read(CSV)[1]
    said = say_back_result(origin, dict(warnings=[WarningSummary(event=Event(msg='accounts[1].mailbox_quota: deprecated'))]), 'users.csv')
    assert said['warnings'][0].event.msg == 'accounts_src: users.csv line 4, column quota: deprecated'


# --- the action plugin ---------------------------------------------------------------------------------------------

class _Task(object):
    def __init__(self, args):
        self.args = args
        self.async_val = 0
        self.check_mode = False
        self.diff = False


def _action(folder, args, answer):
    """The account action plugin around a fake module run: (what the module got, the task's result)."""
    # imported here, not at collection time: ansible's controller side would change how module_utils warn in-process
    from ansible_collections.carbonio.admin.plugins.action.carbonio_account import ActionModule
    sent = []

    class Action(ActionModule):
        def __init__(self):  # pylint: disable=super-init-not-called
            self._task = _Task(args)
            self._loader = Loader()
            self._connection = type('Connection', (), {'has_native_async': False, '_shell': type('Shell', (), {'tmpdir': None})()})()

        def _find_needle(self, dirname, needle):
            assert dirname == 'files'
            return str(folder / needle)

        def _execute_module(self, module_name=None, module_args=None, task_vars=None, wrap_async=False):
            sent.append(module_args)
            return answer(module_args)

        def _remove_tmp_path(self, tmp_path, force=False):
            pass

    class Loader(object):
        def get_real_file(self, path, decrypt=True):
            return path

        def cleanup_tmp_file(self, path):
            pass

    return sent, Action().run(task_vars={})


def test_the_action_plugin_passes_a_task_without_a_file_unchanged(tmp_path, monkeypatch):
    from ansible.plugins.action import ActionBase
    monkeypatch.setattr(ActionBase, 'run', lambda self, tmp=None, task_vars=None: {})
    args = {'accounts': [{'name': 'a@x.test'}], 'cos': 'gold'}
    sent, result = _action(tmp_path, args, lambda module_args: dict(changed=False, msg='1 account: 1 unchanged'))
    assert sent == [args]
    assert result == dict(changed=False, msg='1 account: 1 unchanged')


def test_the_action_plugin_hands_the_file_items_to_the_module_and_says_back_its_problems(tmp_path, monkeypatch):
    from ansible.plugins.action import ActionBase
    monkeypatch.setattr(ActionBase, 'run', lambda self, tmp=None, task_vars=None: {})
    (tmp_path / 'users.csv').write_text('name,quota,password\na@x.test,lots,Pw-1\n')

    def refuse(module_args):
        return dict(failed=True, changed=False, msg='1 of the accounts refused, nothing was sent: ...',
                    refused=["accounts[0].mailbox_quota: invalid size 'lots'"],
                    invocation=dict(module_args=dict(module_args, accounts=[{'name': 'a@x.test', 'password': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'}])))
    sent, result = _action(tmp_path, {'accounts_src': 'users.csv', 'cos': 'gold'}, refuse)
    assert sent == [{'accounts': [{'name': 'a@x.test', 'quota': 'lots', 'password': 'Pw-1'}], 'cos': 'gold'}]
    assert result['msg'] == ("accounts_src: users.csv line 2, column quota: invalid size 'lots' "
                             "(1 of the accounts refused, nothing was sent)")
    assert result['invocation']['module_args'] == dict(accounts='(1 items from users.csv)', accounts_src='users.csv', cos='gold')
    assert 'Pw-1' not in json.dumps(result)


def test_the_action_plugin_refuses_a_file_with_the_items_or_a_name_before_running_the_module(tmp_path, monkeypatch):
    from ansible.plugins.action import ActionBase
    monkeypatch.setattr(ActionBase, 'run', lambda self, tmp=None, task_vars=None: {})
    (tmp_path / 'users.csv').write_text('name\na@x.test\n')
    for other in ({'name': 'a@x.test'}, {'accounts': []}):
        sent, result = _action(tmp_path, dict(other, accounts_src='users.csv'), None)
        assert sent == [] and result['failed']
        assert result['msg'] == 'accounts_src: mutually exclusive with %s; give the items in one place' % list(other)[0]
