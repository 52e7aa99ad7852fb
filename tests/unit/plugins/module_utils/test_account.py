# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The account description: password policy, domains that must exist, aliases that change through their own requests."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _bulk, _engine
from ansible_collections.carbonio.admin.plugins.module_utils._engine import _relation_changes
from ansible_collections.carbonio.admin.plugins.module_utils._objects import account
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT, check_password
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import BatchItem, CarbonioFault
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import plan_attribute_changes
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import References

DEFAULT_ID, STRICT_ID = 'e00428a1-0c00-11d9-836a-000d93afea2a', '0c0c0c0c-1111-4222-8333-444444444444'
POLICY = {'zimbraPasswordMinLength': 8, 'zimbraPasswordMinUpperCaseChars': 1, 'zimbraPasswordMinLowerCaseChars': 0,
          'zimbraPasswordMinNumericChars': 2, 'zimbraPasswordMinPunctuationChars': 1, 'zimbraPasswordMaxLength': 20}


@pytest.mark.parametrize('password, rule', [
    ('Ab1!', 'at least 8 characters'),
    ('abcdefgh12!', 'at least 1 upper-case letters'),
    ('Abcdefgh1!', 'at least 2 digits'),
    ('Abcdefgh12', 'at least 1 punctuation characters'),
    ('Abcdefgh12!' * 2, 'at most 20 characters'),
])
def test_a_password_the_policy_refuses_names_the_rule_and_never_the_password(password, rule):
    problem = check_password(password, POLICY)
    assert rule in problem and password not in problem


def test_a_password_that_fits_passes():
    assert check_password('Abcdefgh12!', POLICY) is None


class Run(object):
    def __init__(self, name, **params):
        self.name = name
        self.params = dict(dict((key, spec.get('default')) for key, spec in ACCOUNT.argument_spec().items()),
                           name=name, password=None, update_password='on_create', state='present', old_name=None)
        self.params.update(params)
        self.references = References()
        self.references.add('cos', [{'name': 'default', 'id': DEFAULT_ID, 'attrs': {'zimbraPasswordMinLength': ['6']}},
                                    {'name': 'strict', 'id': STRICT_ID, 'attrs': {'zimbraPasswordMinLength': ['12']}}])


def domain_item(name, default_cos=None):
    if name is None:
        return BatchItem('0', 'GetDomainRequest', None, CarbonioFault('account.NO_SUCH_DOMAIN', 'no such domain'))
    attrs = [{'n': 'zimbraDomainDefaultCOSId', '_content': default_cos}] if default_cos else []
    return BatchItem('0', 'GetDomainRequest', {'domain': [{'name': name, 'id': 'd-' + name, 'a': attrs}]}, None)


def test_the_account_and_alias_domains_are_read_in_the_same_batch():
    reads = account.reads(['jo@example.com'], {'zimbraMailAlias': ['jo@example.org', 'j@example.com']}, {'aliases_mode': 'exact'})
    assert [(name, body.get('domain', body.get('account'))['_content']) for name, body in reads] == [
        ('GetDomainRequest', 'example.com'), ('GetDomainRequest', 'example.org'),
        # one account: who holds each alias it adds (Carbonio finds an account by an alias too)
        ('GetAccountRequest', 'jo@example.org'), ('GetAccountRequest', 'j@example.com')]
    in_a_list = account.reads(['jo@example.com'], {'zimbraMailAlias': ['j@example.com']}, {'aliases_mode': 'exact', 'accounts': []})
    assert [name for name, body in in_a_list] == ['GetDomainRequest']
    assert account.reads(['jo@example.com'], {'zimbraMailAlias': ['jo@gone.test']}, {'aliases_mode': 'absent'})[0][1]['domain'] == {
        'by': 'name', '_content': 'example.com'}


def test_missing_domains_fail_naming_the_field():
    with pytest.raises(ValueError, match='^name: no domain example.com exists'):
        account.check(Run('jo@example.com'), None, {}, [domain_item(None)])
    with pytest.raises(ValueError, match=r'^aliases\[1\]: no domain example.org exists for alias jo@example.org'):
        account.check(Run('jo@example.com'), None, {'zimbraMailAlias': ['j@example.com', 'jo@example.org']},
                      [domain_item('example.com'), domain_item(None)])
    with pytest.raises(ValueError, match=r"^aliases\[0\]: jo@example.com is the account's own address"):
        account.check(Run('jo@example.com'), None, {'zimbraMailAlias': ['jo@example.com']}, [domain_item('example.com')])


def test_the_policy_of_the_cos_that_applies_is_checked_before_any_write():
    # the domain gives the strict COS by default: 12 characters
    run = Run('jo@example.com', password='Short-pw-1')
    with pytest.raises(ValueError, match='^password: the password policy asks for at least 12 characters; nothing was sent'):
        account.check(run, None, {}, [domain_item('example.com', STRICT_ID)])
    # the account's own COS wins over the domain's default
    account.check(run, None, {'zimbraCOSId': [DEFAULT_ID]}, [domain_item('example.com', STRICT_ID)])
    # and the account's own policy value wins over its COS
    with pytest.raises(ValueError, match='at least 16 characters'):
        account.check(run, None, {'zimbraCOSId': [DEFAULT_ID], 'zimbraPasswordMinLength': ['16']}, [domain_item('example.com')])
    # an existing account's password is left alone unless update_password is always
    current = {'name': 'jo@example.com', 'id': 'a1', 'attrs': {}}
    account.check(run, current, {}, [domain_item('example.com', STRICT_ID)])
    run.params['update_password'] = 'always'
    with pytest.raises(ValueError, match='at least 12 characters'):
        account.check(run, current, {}, [domain_item('example.com', STRICT_ID)])


def test_aliases_change_through_their_own_requests_never_the_modify():
    current = {'zimbraMailAlias': ['old@example.com', 'keep@example.com'], 'displayName': ['Jo']}
    desired = {'zimbraMailAlias': ['keep@example.com', 'new@example.org'], 'displayName': ['Jo Doe']}
    modify, before, after = plan_attribute_changes(current, desired, {'zimbraMailAlias': 'exact'}, ACCOUNT.compare_keys())
    links = _relation_changes(ACCOUNT, modify, before, after)
    assert modify == {'displayName': ['Jo Doe']}
    assert links == {'zimbraMailAlias': (['new@example.org'], ['old@example.com'])}


@pytest.mark.parametrize('name, message', [
    ('zimbraMailAlias', 'changes only through option aliases'),
    ('mail', "is structural: set it through the module's options name, old_name"),
    ('uid', "is structural: set it through the module's options name, old_name"),
    ('zimbraMailDeliveryAddress', "is structural: set it through the module's options name, old_name"),
    ('userPassword', "is structural: set it through the module's option password"),
])
def test_attrs_cannot_reach_what_has_its_own_option_or_request(name, message):
    with pytest.raises(ValueError) as exc:
        ACCOUNT.parse(dict(Run('jo@example.com').params, attrs={name: 'x@example.com'}))
    assert str(exc.value) == 'attrs.%s: %s' % (name, message)


def test_a_nul_character_in_a_text_option_or_attribute_is_refused_naming_it():
    params = Run('jo@example.com').params
    with pytest.raises(ValueError, match='^display_name: must not contain a NUL character$'):
        ACCOUNT.parse(dict(params, display_name='Jo\x00Doe'))
    with pytest.raises(ValueError, match='^attrs.initials: must not contain a NUL character$'):
        ACCOUNT.parse(dict(params, attrs={'initials': 'J\x00D'}))


def test_update_password_always_needs_a_password():
    with pytest.raises(ValueError, match='^password: required when update_password is always'):
        account.validate(dict(Run('jo@example.com').params, update_password='always'))


# ------------------------------------------------------------------- bulk items

class BulkModule(object):
    def __init__(self, params, item_lists):
        self.params = params
        self.item_lists = item_lists
        self.warnings = []

    def warn(self, text):
        self.warnings.append(text)


class BulkRun(object):
    type = ACCOUNT
    client = None

    def __init__(self, **params):
        spec, options = _engine.module_spec(ACCOUNT)
        self.params = dict((key, option.get('default')) for key, option in spec.items())
        self.params.update(params)
        self.module = BulkModule(self.params, options['item_lists'])


def test_top_level_options_are_every_items_defaults_and_an_item_wins():
    run = BulkRun(display_name='Everyone', cos='gold', accounts=[{'name': 'a@example.com'}, {'name': 'B@example.com', 'cos': 'silver'}])
    items, problems = _bulk._items(run)
    assert problems == []
    assert [item.name for item in items] == ['a@example.com', 'b@example.com']
    assert items[0].wanted['displayName'] == ['Everyone'] and items[1].wanted['displayName'] == ['Everyone']
    assert [item.wanted['zimbraCOSId'][0].name for item in items] == ['gold', 'silver']


def test_every_bad_item_is_named_and_a_name_listed_twice_is_refused():
    run = BulkRun(accounts=[{'name': 'a@example.com'}, {'name': 'x', 'mailbox_quota': 'lots'}, {'name': 'A@example.com'},
                            {'name': 'c@example.com', 'mailbox_quota': 'lots'}])
    items, problems = _bulk._items(run)
    assert [problem.split(':')[0] for problem in problems] == ['accounts[1].name', 'accounts[2].name', 'accounts[3].mailbox_quota']
    assert 'listed twice (also accounts[0])' in problems[1]


def test_an_item_has_the_modules_options_without_their_defaults():
    spec = dict(name=dict(type='str'), state=dict(type='str', choices=['present', 'absent'], default='present'))
    spec.update(ACCOUNT.argument_spec())
    item = _bulk.bulk_spec(ACCOUNT, dict(spec, url=dict(type='str', required=True), accounts=dict(type='list')))
    assert item['name'] == dict(type='str', required=True)
    assert item['password'] == dict(type='str', no_log=True)
    assert 'default' not in item['state'] and 'default' not in item['aliases_mode']
    assert 'url' not in item and 'accounts' not in item
