# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every object description, and the one option <-> attribute mapping an export relies on."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import os

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils import _objects
from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog import entry_classes, get_attribute
from ansible_collections.carbonio.admin.plugins.module_utils._object_model import HIDDEN, LIST_MODES, ObjectType
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account import ACCOUNT
from ansible_collections.carbonio.admin.plugins.module_utils._objects.cos import COS
from ansible_collections.carbonio.admin.plugins.module_utils._objects.cos_settings import COS_SETTINGS
from ansible_collections.carbonio.admin.plugins.module_utils._objects.dlist import DLIST
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._objects.gal import GAL
from ansible_collections.carbonio.admin.plugins.module_utils._objects.theme import THEME
from ansible_collections.carbonio.admin.plugins.module_utils._references import References

TYPES = [DOMAIN, COS, ACCOUNT, DLIST, THEME, GAL]
COS_ID = 'e00428a1-0c00-11d9-836a-000d93afea2a'
GOLD_ID = '0c0c0c0c-1111-4222-8333-444444444444'
# One user-side sample per kind, and the value the option shows back after the wire.
SAMPLES = {
    'text': ('some text', 'some text'), 'bool': ('yes', True), 'int': ('12', 12), 'size': ('1.5G', '1536M'),
    'duration': ('30d', '30d'), 'percent': ('85%', 85), 'port': (8443, 8443), 'hostname': ('Mail.Example.COM', 'mail.example.com'),
    'address': ('Noc@Example.COM', 'Noc@example.com'), 'https_url': ('https://help.example.com/a', 'https://help.example.com/a'),
    'colour': ('#0055AA', '#0055AA'), 'white_label_url': ('https://mail.example.com/logo.svg', 'https://mail.example.com/logo.svg'),
    'time_zone': ('europe/rome', 'Europe/Rome'), 'enabled': ('no', False), 'cos': ('Gold', 'gold'), 'account_name': ('Jo@Example.COM', 'jo@example.com'),
    'ldap_url': ('ldap:///??sub?(ou=sales)', 'ldap:///??sub?(ou=sales)'),
    'ldap_server_url': ('ldaps://LDAP.example.com:636', 'ldaps://LDAP.example.com:636'),
    'dn': ('ou=people,dc=example,dc=com', 'ou=people,dc=example,dc=com'),
    'gal_filter': ('(&(cn=*%s*)(objectClass=person))', '(&(cn=*%s*)(objectClass=person))'), 'gal_mode': ('external', 'external'),
}


def references():
    refs = References()
    refs.add('cos', [{'name': 'default', 'id': COS_ID}, {'name': 'gold', 'id': GOLD_ID}])
    return refs


def params(object_type, **given):
    """Module params as AnsibleModule hands them over: every option present, unset ones None or their default."""
    values = dict((name, spec.get('default')) for name, spec in object_type.argument_spec().items())
    values.update(given)
    return values


def parse(object_type, **given):
    wanted, modes, warnings = object_type.parse(params(object_type, **given))
    return object_type.resolve(wanted, references()), modes, warnings


def test_every_description_in_objects_is_tested_here():
    found = []
    for filename in sorted(os.listdir(os.path.dirname(_objects.__file__))):
        if filename.endswith('.py') and filename != '__init__.py':
            module = importlib.import_module(_objects.__name__ + '.' + filename[:-3])
            found.extend(value for value in vars(module).values() if isinstance(value, ObjectType))
    assert sorted(set(t.module for t in found)) == sorted(t.module for t in TYPES)


@pytest.mark.parametrize('object_type', TYPES, ids=lambda t: t.module)
def test_every_description_fits_the_catalog(object_type):
    names = [option.name for option in object_type.options]
    assert len(names) == len(set(names)), 'option names are unique'
    for option in object_type.options:
        # an option over a view of an attribute (zimbraACE:ownDistList, the owners among a list's grants)
        info = get_attribute(option.attribute.partition(':')[0])
        if option.create_field:
            # a field of the create request: its name in an entry's attrs is never a Carbonio attribute's
            assert info is None, option.attribute
            continue
        assert info is not None, option.attribute
        # the class of an object this option alone describes (member_url makes a list dynamic: a group)
        object_class = object_type.class_of({option.name: 'x'})
        assert entry_classes(object_class).intersection(info.object_classes), '%s may not be on %s' % (option.attribute, object_class)
        # an immutable attribute only through its own requests (aliases), or set once at creation (acl_group)
        assert not info.immutable or option.relation or option.fixed, option.attribute
        # a list option over a single-valued attribute could never be written
        assert not (option.list and info.multi is False), option.name
        if option.kind == 'enum' and info.values:
            assert set(option.choices or info.values) <= set(info.values), option.name
    spec = object_type.argument_spec()
    for option in object_type.options:
        assert option.name in spec
        if option.mode:
            assert spec[option.name + '_mode'] == dict(type='str', choices=list(LIST_MODES), default='exact')


@pytest.mark.parametrize('object_type', TYPES, ids=lambda t: t.module)
def test_a_sample_of_each_kind_survives_option_to_wire_to_option(object_type):
    for option in object_type.options:
        if option.kind == 'enum':
            sample = shown = (option.choices or get_attribute(option.attribute).values)[0]
        else:
            sample, shown = SAMPLES[option.kind]
        if option.list:
            sample, shown = [sample], [shown]
        desired, modes, warnings = parse(object_type, **{option.name: sample})
        # a secret is written but never shown back: an export leaves it out, a diff says it is hidden
        assert object_type.show(desired, references()) == ({} if option.no_log else {option.name: shown}), option.name
        assert object_type.view(desired, desired, references()) == {option.name: HIDDEN if option.no_log else shown}, option.name


def test_every_cos_setting_is_one_accounts_inherit():
    for option in COS_SETTINGS:
        info = get_attribute(option.attribute)
        assert info.account_inherited or info.account_cos_domain_inherited, option.attribute
        assert 'account' in info.object_classes and 'cos' in info.object_classes, option.attribute


def test_domain_options_become_wire_values():
    desired, modes, warnings = parse(
        DOMAIN, status='locked', time_zone='europe/rome', public_service_port=443, max_account_quota='10G',
        aggregate_quota=0, quota_warn_percent='85%', virtual_hostnames=['Mail.Example.COM'], virtual_hostnames_mode='present',
        notification_recipients=['Noc@Example.COM'], default_cos='gold',
        attrs={'zimbraDomainMaxAccounts': 50, 'zimbraGalLdapStartTlsEnabled': True})
    assert desired == {
        'zimbraDomainStatus': ['locked'], 'zimbraPrefTimeZoneId': ['Europe/Rome'], 'zimbraPublicServicePort': ['443'],
        'zimbraMailDomainQuota': [str(10 * 1024 ** 3)], 'zimbraDomainAggregateQuota': ['0'],
        'zimbraDomainAggregateQuotaWarnPercent': ['85'], 'zimbraVirtualHostname': ['mail.example.com'],
        'carbonioNotificationRecipients': ['Noc@example.com'], 'zimbraDomainDefaultCOSId': [GOLD_ID],
        'zimbraDomainMaxAccounts': ['50'], 'zimbraGalLdapStartTlsEnabled': ['TRUE']}
    assert modes == {'zimbraVirtualHostname': 'present', 'carbonioNotificationRecipients': 'exact'}
    assert warnings == []


def test_empty_values_remove_any_optional_setting():
    desired, modes, warnings = parse(DOMAIN, notes='', virtual_hostnames=[], public_service_port='', quota_warn_percent='',
                                     public_service_protocol='', aggregate_quota_policy='', default_cos='',
                                     attrs={'zimbraDomainMaxAccounts': ''})
    assert len(desired) == 8 and all(values == [] for values in desired.values())


@pytest.mark.parametrize('given, field', [
    # the catalog is the last gate for options too
    ({'notes': 'x' * 2000}, 'notes'),
    ({'help_admin_url': 'https://help.example.com/' + 'a' * 300}, 'help_admin_url'),
    ({'aggregate_quota': str(2 ** 63)}, 'aggregate_quota'),
    # options and attrs: follow the same rules for the same attribute
    ({'public_service_port': 0}, 'public_service_port'),
    ({'attrs': {'zimbraPublicServicePort': 0}}, 'attrs.zimbraPublicServicePort'),
    ({'status': 'shutdown'}, 'status'),
    ({'attrs': {'zimbraDomainStatus': 'shutdown'}}, 'attrs.zimbraDomainStatus'),
    ({'attrs': {'zimbraVirtualHostname': 'a.example.com,b.example.com'}}, 'attrs.zimbraVirtualHostname'),
    ({'attrs': {'objectClass': ['amavisAccount']}}, 'attrs.objectClass'),
    # a value of the wrong shape is refused, not stored as its text
    ({'status': ''}, 'status'),
    ({'notes': ['a', 'b']}, 'notes'),
    ({'public_service_port': [443]}, 'public_service_port'),
    ({'max_account_quota': {'size': '1G'}}, 'max_account_quota'),
    ({'status': 'Active'}, 'status'),
    ({'max_account_quota': '10 GB please'}, 'max_account_quota'),
    ({'quota_warn_percent': 101}, 'quota_warn_percent'),
    ({'help_delegated_url': 'ftp://help.example.com/'}, 'help_delegated_url'),
    ({'notification_sender': 'noc'}, 'notification_sender'),
    ({'quota_warn_recipients': ['a@example.com', 'b@']}, 'quota_warn_recipients[1]'),
    ({'attrs': {'zimbraNotes': 'x'}, 'notes': 'y'}, 'attrs.zimbraNotes'),
    ({'attrs': {'zimbraDomainDefaultCOSId': COS_ID}, 'default_cos': 'gold'}, 'attrs.zimbraDomainDefaultCOSId'),
    ({'attrs': {'zimbraMailQuota': 5}}, 'attrs.zimbraMailQuota'),
    ({'default_cos': 'platinum'}, 'default_cos'),
])
def test_bad_domain_input_names_its_field(given, field):
    with pytest.raises(ValueError) as error:
        parse(DOMAIN, **given)
    assert str(error.value).startswith(field + ':'), str(error.value)


@pytest.mark.parametrize('given, field', [
    ({'mailbox_quota': 'lots'}, 'mailbox_quota'),
    ({'quota_warn_percent': 120}, 'quota_warn_percent'),
    ({'files_enabled': 'maybe'}, 'files_enabled'),
    ({'password_min_length': -1}, 'password_min_length'),
    ({'password_min_length': 'eight'}, 'password_min_length'),
    ({'trash_lifetime': '30 days'}, 'trash_lifetime'),
    ({'time_zone': 'Mars/Olympus_Mons'}, 'time_zone'),
    ({'locale': 'x' * 65}, 'locale'),
    ({'notes': 'x' * 1025}, 'notes'),
    ({'attrs': {'cn': 'other'}}, 'attrs.cn'),
    ({'attrs': {'zimbraDomainStatus': 'active'}}, 'attrs.zimbraDomainStatus'),
    ({'attrs': {'zimbraMailQuota': '1G'}, 'mailbox_quota': '2G'}, 'attrs.zimbraMailQuota'),
])
def test_bad_cos_input_names_its_field(given, field):
    with pytest.raises(ValueError) as error:
        parse(COS, **given)
    assert str(error.value).startswith(field + ':'), str(error.value)


def test_a_structural_attribute_is_refused_with_the_options_that_set_it():
    with pytest.raises(ValueError) as error:
        parse(COS, attrs={'cn': 'other'})
    assert str(error.value) == "attrs.cn: is structural: set it through the module's options name, old_name"


def test_idn_address_becomes_ascii_and_deprecated_attributes_warn():
    desired, modes, warnings = parse(DOMAIN, notification_sender='noc@exämple.com', inbound_smtp_hostname='relay.example.com')
    assert desired['carbonioNotificationFrom'] == ['noc@xn--exmple-cua.com']
    assert parse(DOMAIN, attrs={'carbonioNotificationFrom': 'noc@exämple.com'})[0] == {'carbonioNotificationFrom': ['noc@xn--exmple-cua.com']}
    assert len(warnings) == 1 and warnings[0].startswith('inbound_smtp_hostname: Carbonio deprecated zimbraDNSCheckHostname in 23.6.0')


def test_several_values_of_a_multi_valued_attribute_survive_an_export():
    attrs = {'description': ['first', 'second'], 'zimbraPrefTimeZoneId': ['Europe/Rome']}
    shown = DOMAIN.show(attrs, references())
    assert shown == {'description': ['first', 'second'], 'time_zone': 'Europe/Rome'}
    desired, modes, warnings = parse(DOMAIN, **shown)
    assert desired == attrs


def test_references_are_names_on_every_path():
    refs = references()
    assert DOMAIN.show({'zimbraDomainDefaultCOSId': [GOLD_ID]}, refs) == {'default_cos': 'gold'}
    settings = DOMAIN.settings({}, {}, refs)
    assert settings['default_cos'] == {'own': None, 'effective': 'default'}
    # an id that points nowhere is shown as it is rather than hidden
    assert DOMAIN.show({'zimbraDomainDefaultCOSId': ['dangling']}, refs) == {'default_cos': 'dangling'}


def test_domain_names_carbonio_accepts_are_accepted():
    assert DOMAIN.parse_name('Under_Score.Example.COM') == 'under_score.example.com'
    assert DOMAIN.parse_name('localdomain') == 'localdomain'
    with pytest.raises(ValueError, match='^name:'):
        DOMAIN.parse_name('bad domain!.test')


def test_diff_view_shows_only_the_given_attributes():
    attrs = {'zimbraDomainStatus': ['active'], 'zimbraMailDomainQuota': [str(5 * 1024 ** 3)], 'zimbraDomainMaxAccounts': ['9'],
             'zimbraVirtualHostname': ['a.example.com', 'b.example.com']}
    view = DOMAIN.view(attrs, ['zimbraMailDomainQuota', 'zimbraDomainMaxAccounts', 'zimbraVirtualHostname'], references())
    assert view == {'max_account_quota': '5G', 'attrs': {'zimbraDomainMaxAccounts': '9'},
                    'virtual_hostnames': ['a.example.com', 'b.example.com']}


def test_a_hook_name_outside_the_known_ones_fails_when_the_type_is_defined():
    with pytest.raises(ValueError, match="^thing: unknown hook before_delte; hooks are validate, "):
        ObjectType('thing', 'thing', 'carbonio_thing', 'domain', [], {}, 'x', hooks=dict(before_delte=lambda run, entry: None))


def test_a_list_read_gets_its_members_from_dlm_and_its_own_address_is_no_alias():
    answer = {'name': 'team@example.com', 'id': 'l1', 'dlm': [{'_content': 'b@example.com'}, {'_content': 'a@example.org'}],
              'a': [{'n': 'zimbraMailAlias', '_content': 'team@example.com'}, {'n': 'zimbraMailAlias', '_content': 'crew@example.com'},
                    {'n': 'displayName', '_content': 'Team'}]}
    read = requests.entry(answer, DLIST)
    assert read['attrs'] == {'zimbraMailForwardingAddress': ['b@example.com', 'a@example.org'], 'zimbraMailAlias': ['crew@example.com'],
                             'displayName': ['Team']}
    assert DLIST.show(read['attrs'], references()) == {'members': ['b@example.com', 'a@example.org'], 'aliases': ['crew@example.com'],
                                                       'display_name': 'Team'}
    alone = requests.entry({'name': 'solo@example.com', 'id': 'l2', 'a': [{'n': 'zimbraMailAlias', '_content': 'solo@example.com'}]}, DLIST)
    assert alone['attrs'] == {}


def test_members_go_in_one_request_aliases_one_by_one():
    members, aliases = DLIST.relations['zimbraMailForwardingAddress'], DLIST.relations['zimbraMailAlias']
    added = requests.relation_write('team@example.com', 'l1', members, ['a@example.com', 'b@example.org'], True)
    assert (added.request, added.body) == ('AddDistributionListMemberRequest',
                                           {'id': 'l1', 'dlm': [{'_content': 'a@example.com'}, {'_content': 'b@example.org'}]})
    # a lost answer is settled by reading the list back: every member in place, compared without case
    assert added.check({'attrs': {'zimbraMailForwardingAddress': ['A@example.com', 'b@example.org', 'c@example.com']}})
    assert not added.check({'attrs': {'zimbraMailForwardingAddress': ['a@example.com']}})
    removed = requests.relation_write('team@example.com', 'l1', aliases, ['crew@example.com'], False)
    assert (removed.request, removed.body) == ('RemoveDistributionListAliasRequest', {'id': 'l1', 'alias': 'crew@example.com'})


def test_owners_are_read_from_the_owners_element_and_changed_in_one_action_each_way():
    answer = {'name': 'team@example.com', 'id': 'l1', 'a': [],
              'owners': [{'owner': [{'type': 'usr', 'id': 'u1', 'name': 'jo@example.com'}, {'type': 'grp', 'id': 'g1', 'name': 'ops@example.com'}]}]}
    read = requests.entry(answer, DLIST)
    assert DLIST.show(read['attrs'], references()) == {'owners': ['jo@example.com', 'ops@example.com']}

    class Context(object):
        grantees = {'al@example.com': ('al@example.com', 'account', True), 'staff@example.com': ('staff@example.com', 'dl', True)}

    class Plan(object):
        current, ctx = read, Context()
    owners = DLIST.relations['zimbraACE:ownDistList']
    added = requests.relation_write('team@example.com', 'l1', owners, ['al@example.com', 'staff@example.com'], True, Plan())
    assert (added.request, added.namespace) == ('DistributionListActionRequest', 'urn:zimbraAccount')
    assert added.body == {'dl': {'by': 'id', '_content': 'l1'}, 'action': {'op': 'addOwners', 'owner': [
        {'type': 'usr', 'by': 'name', '_content': 'al@example.com'}, {'type': 'grp', 'by': 'name', '_content': 'staff@example.com'}]}}
    removed = requests.relation_write('team@example.com', 'l1', owners, ['ops@example.com'], False, Plan())
    assert removed.body['action'] == {'op': 'removeOwners', 'owner': [{'type': 'grp', 'by': 'name', '_content': 'ops@example.com'}]}
    # settled by reading the list back: the owners in place
    assert added.check({'attrs': {'zimbraACE:ownDistList': ['jo@example.com', 'al@example.com', 'staff@example.com']}})


@pytest.mark.parametrize('given, wire, shown', [
    ('anyone', [], None), ('', [], None), ('members', ['@members'], 'members'), ('internal', ['@all'], 'internal'),
    (['Jo@Example.com', 'partner@example.org'], ['jo@example.com', 'partner@example.org'], ['jo@example.com', 'partner@example.org']),
    # a domain: every account of it
    (['Example.COM', 'jo@example.com'], ['example.com', 'jo@example.com'], ['example.com', 'jo@example.com']),
])
def test_senders_are_a_choice_or_addresses(given, wire, shown):
    option = DLIST.by_attribute['zimbraACE:sendToDistList']
    assert option.parse(given, 'senders') == wire and option.show(wire, references()) == shown


@pytest.mark.parametrize('given, problem', [
    ('everyone', "senders: expected anyone, members, internal, or a list of addresses"),
    (['jo@example.com', 'members'], 'senders[1]: members stands alone, not in a list'),
    (['not an address'], 'senders[0]: '),
    (['jo@example.com', 'bad_domain!'], 'senders[1]: '),
])
def test_a_bad_senders_choice_names_the_field(given, problem):
    with pytest.raises(ValueError) as caught:
        DLIST.by_attribute['zimbraACE:sendToDistList'].parse(given, 'senders')
    assert str(caught.value).startswith(problem)


def test_senders_are_read_from_the_grants_and_set_in_one_request():
    entry = requests.entry({'name': 'team@example.com', 'id': 'l1', 'a': [
        {'n': 'zimbraACE', '_content': 'u1 usr sendToDistList'}, {'n': 'zimbraACE', '_content': 'x@example.org: gst sendToDistList'},
        {'n': 'zimbraACE', '_content': 'u2 usr ownDistList'}]}, DLIST)
    assert entry['attrs']['zimbraACE:sendToDistList'] == ['id:u1', 'x@example.org']
    members = requests.entry({'name': 'team@example.com', 'id': 'l1', 'a': [{'n': 'zimbraACE', '_content': 'l1 grp sendToDistList'}]}, DLIST)
    assert DLIST.show(members['attrs'], references())['senders'] == 'members'

    class Plan(object):
        class ctx(object):
            name = 'team@example.com'
    senders = DLIST.relations['zimbraACE:sendToDistList']
    write = requests.relation_write('team@example.com', 'l1', senders, ['@members', 'jo@example.com', 'example.org'], True, Plan())
    assert write.body['action'] == {'op': 'setRights', 'right': [{'right': 'sendToDistList', 'grantee': [
        {'type': 'grp', 'by': 'name', '_content': 'team@example.com'}, {'type': 'email', 'by': 'name', '_content': 'jo@example.com'},
        {'type': 'dom', 'by': 'name', '_content': 'example.org'}]}]}
    # in place when the whole set is
    assert write.check({'attrs': {'zimbraACE:sendToDistList': ['@members', 'jo@example.com', 'example.org']}})
    assert not write.check({'attrs': {'zimbraACE:sendToDistList': ['@members', 'jo@example.com', 'example.org', 'al@example.com']}})
