# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The account description: password policy, domains that must exist, aliases that change through their own requests."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _bulk, _engine
from ansible_collections.carbonio.admin.plugins.module_utils._plan import _relation_changes, missing
from ansible_collections.carbonio.admin.plugins.module_utils._objects import account
from ansible_collections.carbonio.admin.plugins.module_utils._object_model import Reference
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT, check_password
from ansible_collections.carbonio.admin.plugins.module_utils._references import References
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import BatchItem, CarbonioFault
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import plan_attribute_changes

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


class Module(object):
    """What a hook sees of the module: check mode, and the warnings it gave."""

    def __init__(self, check_mode=False):
        self.check_mode, self.warnings = check_mode, []

    def warn(self, text):
        self.warnings.append(text)


class Run(object):
    def __init__(self, name, check_mode=False, **params):
        self.name = name
        self.module = Module(check_mode)
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
    assert [body['domain']['_content'] for name, body in reads] == ['example.com', 'example.org']
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


def test_check_mode_predicts_an_account_of_a_domain_an_earlier_task_creates_with_one_warning():
    run = Run('jo@example.com', check_mode=True)
    account.check(run, None, {'zimbraMailAlias': ['j@example.com']}, [domain_item(None)])
    assert run.module.warnings == ['domain example.com does not exist; a real run fails unless an earlier task creates it']
    # a class of service named but not there yet stands as its name
    desired = ACCOUNT.resolve({'zimbraCOSId': [Reference('cos', 'gold', 'cos')]}, run.references,
                              lambda field, what: missing(run, field, what))
    assert desired == {'zimbraCOSId': ['gold']} and run.module.warnings[-1].startswith("class of service named 'gold' does not exist")
    with pytest.raises(ValueError, match="^cos: no class of service named 'gold' exists$"):
        ACCOUNT.resolve({'zimbraCOSId': [Reference('cos', 'gold', 'cos')]}, Run('jo@example.com').references,
                        lambda field, what: missing(Run('jo@example.com'), field, what))


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


# ------------------------------------------------------------------- Carbonio's password policy, rule by rule

MIN, MAX = 'zimbraPasswordMinLength', 'zimbraPasswordMaxLength'
UPPER, LOWER = 'zimbraPasswordMinUpperCaseChars', 'zimbraPasswordMinLowerCaseChars'
DIGITS, PUNCTUATION = 'zimbraPasswordMinNumericChars', 'zimbraPasswordMinPunctuationChars'
ALPHA, DIGITS_OR_PUNCTUATION = 'zimbraPasswordMinAlphaChars', 'zimbraPasswordMinDigitsOrPuncs'
ALLOWED, ALLOWED_PUNCTUATION = 'zimbraPasswordAllowedChars', 'zimbraPasswordAllowedPunctuationChars'


@pytest.mark.parametrize('policy, password, rule', [
    # lengths, in Java characters (UTF-16 units: a character beyond U+FFFF is two); 0 or unset is no limit
    ({MIN: '8'}, 'Ab1!', 'asks for at least 8 characters'),
    ({MIN: '8'}, 'Abcdef1!', None),
    ({MIN: '4'}, u'\U0001F600\U0001F600', None),
    ({}, 'a', None),
    ({MAX: '20'}, 'x' * 21, 'allows at most 20 characters'),
    ({MAX: '3'}, u'\U0001F600\U0001F600', 'allows at most 3 characters'),
    ({MAX: '0'}, 'x' * 300, None),
    ({}, 'x' * 65, None),
    ({MIN: 'ten', MAX: ''}, 'a', None),
    ({MIN: ' 8', MAX: str(2 ** 31)}, 'a', None),
    # upper, lower, digits (Unicode decimal), punctuation (exactly ASCII punctuation)
    ({UPPER: '2'}, 'Abc', 'asks for at least 2 upper-case letters'),
    ({UPPER: '2'}, 'ABc', None),
    ({LOWER: '2'}, 'ABc', 'asks for at least 2 lower-case letters'),
    ({DIGITS: '2'}, 'abc1', 'asks for at least 2 digits'),
    ({DIGITS: '2'}, u'abc\u0661\u0662', None),
    ({PUNCTUATION: '1'}, u'abc\u20ac', 'asks for at least 1 punctuation characters'),
    ({PUNCTUATION: '1'}, 'abc~', None),
    # alpha: every character that is neither a digit nor punctuation, letters of both cases included
    ({ALPHA: '3'}, 'ab12!?', 'asks for at least 3 characters that are neither digits nor punctuation'),
    ({ALPHA: '3'}, u'aB\u20ac1!', None),
    ({ALPHA: '3'}, u'a\U0001F600!', None),
    ({DIGITS_OR_PUNCTUATION: '3'}, 'abcd1!', 'asks for at least 3 digits or punctuation characters'),
    ({DIGITS_OR_PUNCTUATION: '3'}, 'abc1!?', None),
    # the allowed characters: a Java regular expression every single character must match
    ({ALLOWED: '[a-z0-9]'}, 'abc!', 'allows only characters that match zimbraPasswordAllowedChars [a-z0-9]'),
    ({ALLOWED: '[a-z0-9]'}, 'abc1', None),
    ({ALLOWED: '[\\w!]'}, u'abc\u00e9', 'allows only characters that match'),  # \w is ASCII in Java
    ({ALLOWED: '(?i)[A-Z]'}, 'abcXYZ', None),
    # ... skipped when Python cannot read it as Java does
    ({ALLOWED: '\\p{Alnum}'}, 'abc!', None),
    ({ALLOWED: '[[:alnum:]]'}, 'abc!', None),
    ({ALLOWED: '[a-z&&[^x]]'}, 'abc!', None),
    ({ALLOWED: '[a-z'}, 'abc!', None),
    ({ALLOWED: '[a-z\\v]'}, 'abc\r', None),
    # the allowed punctuation replaces ASCII punctuation as what counts as punctuation
    ({PUNCTUATION: '1', ALLOWED_PUNCTUATION: u'[\u20ac]'}, 'abc!', 'asks for at least 1 punctuation characters'),
    ({PUNCTUATION: '1', ALLOWED_PUNCTUATION: u'[\u20ac]'}, u'abc\u20ac', None),
    ({ALPHA: '4', ALLOWED_PUNCTUATION: '[#]'}, 'abc!', None),
    ({PUNCTUATION: '1', ALLOWED_PUNCTUATION: '\\p{Punct}'}, 'abc!', None),
    # the first rule broken, in Carbonio's order
    ({MIN: '10', UPPER: '1'}, 'abc', 'asks for at least 10 characters'),
    ({UPPER: '1', DIGITS: '1'}, 'abc', 'asks for at least 1 upper-case letters'),
])
def test_every_rule_of_carbonios_policy(policy, password, rule):
    problem = check_password(password, policy)
    if rule is None:
        assert problem is None
    else:
        assert problem is not None and rule in problem and password not in problem


JAMES = dict(sn='Leesa', cn='Natalie Leesa', initials='James', mail='natalie.leesa@example.com', domain='example.com')


@pytest.mark.parametrize('personal, password, part', [
    # Carbonio's own test passwords (LdapProvisioningTest.shouldFindPersonalDataInPassword)
    (JAMES, 'natalie', 'common name (cn)'),
    (JAMES, 'Natalie123', 'common name (cn)'),
    (JAMES, 'Leesa34', 'surname (sn)'),
    (JAMES, 'example01', 'domain name'),
    (JAMES, 'Leesa.Example', 'surname (sn)'),
    (JAMES, 'eXamPle', 'domain name'),
    (JAMES, '2022james', 'initials'),
    (JAMES, 'NatalieL33!', 'common name (cn)'),
    (JAMES, 'atali', 'common name (cn)'),  # a password that is part of a value
    (JAMES, 'Zx9!kq-Tr', None),
    # parts of 2 characters or less are no rule
    (dict(sn='Li', cn='', initials='', mail='li@ab.test', domain='ab.test'), 'li-ab-123', None),
    # the domain is split as Carbonio's Java class [\s@&.?$+-_] does, where +-_ is a range (digits are separators)
    (dict(sn='', cn='', initials='', mail=None, domain='ab1-cd.test'), 'xab1x-Q!', None),
    (dict(sn='', cn='', initials='', mail=None, domain='ab1-cdef.test'), 'xcdefx', 'domain name'),
    (dict(sn='', cn='', initials='', mail=None, domain='ab1-cd.test'), 'AB1-CD.TEST', 'domain name'),
    # the address: its local part and domain labels split on @ . _ (never the top-level domain), not the whole local part
    (dict(sn='', cn='', initials='', mail='jo.do@ex-ample.test', domain='ex-ample.test'), 'jo.do1234', None),
    (dict(sn='', cn='', initials='', mail='ab_cd@x.test', domain='x.test'), 'ab_cd-1234', None),
    (dict(sn='', cn='', initials='', mail='joseph_k@x.test', domain='x.test'), 'my-joseph', 'address'),
    (dict(sn='', cn='', initials='', mail='joseph_k@x.test', domain='x.test'), 'my-Kx', None),
])
def test_the_personal_data_rule(personal, password, part):
    problem = check_password(password, {}, personal)
    if part is None:
        assert problem is None
    else:
        assert problem is not None and problem.endswith("the account's %s" % part) and password not in problem


def existing(name='jo.doe@example.com', **attrs):
    return {'name': name, 'id': 'a1', 'attrs': dict(dict(sn=['Quill'], cn=['Jo Doe'], mail=[name]), **attrs)}


def always(name='jo.doe@example.com', password='Qz-4711-wx'):
    return Run(name, password=password, update_password='always')


@pytest.mark.parametrize('run, current, desired, refused', [
    # the account as read
    (always(password='Quill-4711'), existing(), {}, 'surname (sn)'),
    (always(password='JoDoe-4711'), existing(), {}, 'common name (cn)'),
    (always(password='Jo.Doe-4711'), existing(cn=['Q R']), {}, 'address'),
    (always(password='Example!1'), existing(), {}, 'domain name'),
    (always(), existing(), {}, None),
    # values the same task changes first: the surname, the common name through the display name, the address by a rename
    (always(password='Quill-4711'), existing(), {'sn': ['Brown']}, None),
    (always(password='Brown-4711'), existing(), {'sn': ['Brown']}, 'surname (sn)'),
    (always('jd@example.com', 'JoDoe-4711'), existing('jd@example.com', displayName=['Jo Doe']), {'displayName': ['Alex Roe']}, None),
    (always('jd@example.com', 'AlexRoe-4711'), existing('jd@example.com'), {'displayName': ['Alex Roe']}, 'common name (cn)'),
    (always('jd@example.com', 'AlexRoe-4711'), existing('jd@example.com'), {'displayName': ['Alex Roe'], 'cn': ['Bo Li']}, None),
    (always('zed@example.com', password='Jodoe.4711'), existing(cn=['jo.doe']), {}, None),
    (always('zed@example.com', password='ZED-4711!'), existing(cn=['jo.doe']), {}, 'common name (cn)'),
    (always('zed@example.com', password='Jo.Doe-4711'), existing(cn=['Q R']), {}, None),
    # a first mail value other than the account's own address is left out (a removed alias would change it)
    (always(password='Jo.Doe-4711'), existing(cn=['Q R'], mail=['j.d@example.com', 'jo.doe@example.com']), {}, None),
])
def test_the_personal_data_rule_applies_to_an_existing_account_as_the_task_leaves_it(run, current, desired, refused):
    domains = [domain_item(_domain) for _domain in ('example.com',)]
    if refused is None:
        account.check(run, current, desired, domains)
    else:
        with pytest.raises(ValueError) as exc:
            account.check(run, current, desired, domains)
        assert str(exc.value).startswith('password: ') and str(exc.value).endswith("the account's %s; nothing was sent" % refused)
        assert run.params['password'] not in str(exc.value)


def test_the_personal_data_rule_is_not_carbonios_at_creation():
    account.check(Run('natalie@example.com', password='Natalie-2024', sn='Natalie'), None, {'sn': ['Natalie']},
                  [domain_item('example.com')])


def test_the_policy_is_the_one_that_applies_once_the_task_is_done():
    run = always(password='Short-pw-1')
    cos = [domain_item('example.com')]
    # an override the task removes no longer applies: the COS's 6 does
    account.check(run, existing(zimbraPasswordMinLength=['16']), {'zimbraPasswordMinLength': []}, cos)
    with pytest.raises(ValueError, match='at least 16 characters'):
        account.check(run, existing(zimbraPasswordMinLength=['16']), {}, cos)
    # the COS the task gives the account
    with pytest.raises(ValueError, match='at least 12 characters'):
        account.check(run, existing(), {'zimbraCOSId': [STRICT_ID]}, cos)
    # an own COS that does not exist: the domain's default
    with pytest.raises(ValueError, match='at least 12 characters'):
        account.check(run, existing(zimbraCOSId=['gone']), {}, [domain_item('example.com', STRICT_ID)])
    # the new rules come from the COS too
    run.references.add('cos', [{'name': 'alpha', 'id': 'alpha-id', 'attrs': {ALPHA: ['8'], DIGITS_OR_PUNCTUATION: ['2']}}])
    with pytest.raises(ValueError, match='at least 8 characters that are neither digits nor punctuation'):
        account.check(run, existing(zimbraCOSId=['alpha-id']), {}, cos)
    # without a COS named default, no COS rule (never a failure)
    run = always(password='q')
    run.references = References()
    account.check(run, existing(sn=['Q']), {}, cos)


def test_an_empty_password_or_one_with_a_nul_character_is_refused_before_anything_is_sent():
    params = Run('jo@example.com').params
    with pytest.raises(ValueError, match='^password: must not contain a NUL character$'):
        account.validate(dict(params, password='Long-enough-1\x00'))
    with pytest.raises(ValueError, match='^password: must not be empty$'):
        account.validate(dict(params, password='', update_password='always'))
    account.validate(dict(params, password='', state='absent', update_password='always'))
    # at creation, where it would be set
    with pytest.raises(ValueError, match='^password: must not be empty; nothing was sent'):
        account.check(Run('jo@example.com', password=''), None, {}, [domain_item('example.com')])
    # an existing account's password is not set with on_create: nothing to refuse
    account.check(Run('jo@example.com', password=''), existing('jo@example.com'), {}, [domain_item('example.com')])


def test_a_bulk_item_names_its_password():
    run = BulkRun(accounts=[{'name': 'a@example.com', 'password': 'x\x00y'}, {'name': 'b@example.com', 'password': 'Fine-pw-1'}])
    items, problems = _bulk._items(run)
    assert problems == ['accounts[0].password: must not contain a NUL character']
    item = items[1]
    item.references = Run('b@example.com').references
    item.params['password'] = ''
    with pytest.raises(ValueError) as exc:
        account.check(item, None, {}, [domain_item('example.com')])
    assert item.refused(exc.value) == 'accounts[1].password: must not be empty; nothing was sent'


def test_the_bulk_search_reads_what_the_policy_and_the_personal_data_rule_need():
    read = set(ACCOUNT.attributes) | set(ACCOUNT.bulk_read_attributes)
    assert set(account.POLICY_ATTRIBUTES) | set(['sn', 'cn', 'initials', 'mail', 'displayName']) <= read
