# -*- coding: utf-8 -*-
# Copyright: (c) 2026, carbonio.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/_attribute_catalog.py (facts come from attrs.xml @9574645f)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _value_formats
from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog import (
    AttributeInfo,
    AttributeValueError,
    attribute_names,
    domain_inherited_attributes,
    entry_classes,
    get_attribute,
    normalize_attrs,
    normalize_value,
)
from ansible_collections.carbonio.admin.plugins.module_utils._attribute_catalog_data import SOURCE_COMMIT

GIB = 1024 ** 3


def test_source_commit():
    assert SOURCE_COMMIT == '9574645f24771b8700f3ca3105f23dcbc218eda7'


def test_catalog_size():
    names = attribute_names()
    assert len(names) == 1819
    assert names == sorted(names)


def test_domain_status():
    info = get_attribute('zimbraDomainStatus')
    assert isinstance(info, AttributeInfo)
    assert info.type == 'enum'
    assert info.values == ('active', 'maintenance', 'locked', 'closed', 'suspended', 'shutdown')
    assert info.multi is False
    assert info.object_classes == ('domain', 'globalConfig')
    assert info.domain_inherited is True
    assert info.immutable is False


def test_mail_domain_quota():
    info = get_attribute('zimbraMailDomainQuota')
    assert info.type == 'long'
    assert info.min == '0'
    assert info.max is None
    assert info.domain_inherited is True
    assert info.global_config_values == ('0',)


def test_virtual_hostname():
    info = get_attribute('zimbraVirtualHostname')
    assert info.type == 'string'
    assert info.multi is True
    assert info.max == '256'
    assert info.object_classes == ('domain',)


def test_zimbra_id():
    info = get_attribute('zimbraId')
    assert info.type == 'id'
    assert info.immutable is True
    assert 'domain' in info.required_in and 'account' in info.object_classes


def test_pref_time_zone_id_flags():
    # attrs.xml: multi, optionalIn account,cos,domain, flags accountCosDomainInherited (not domainInherited)
    info = get_attribute('zimbraPrefTimeZoneId')
    assert info.domain_inherited is False
    assert info.account_cos_domain_inherited is True
    assert info.multi is True
    assert info.object_classes == ('account', 'cos', 'domain')


def test_mail_quota_account_inherited():
    info = get_attribute('zimbraMailQuota')
    assert info.type == 'long'
    assert info.account_inherited is True
    assert info.object_classes == ('account', 'cos')


def test_deprecated():
    info = get_attribute('zimbraDNSCheckHostname')
    assert info.deprecated is True
    assert info.deprecated_since == '23.6.0'
    assert get_attribute('zimbraDomainStatus').deprecated is False


def test_regex_and_standard_attributes():
    assert get_attribute('zimbraMailCatchAllAddress').regex == '^@[A-Za-z0-9-\\.]+$'
    # standard LDAP attributes declare no cardinality
    assert get_attribute('cn').multi is None
    assert get_attribute('zimbraFoo') is None
    assert get_attribute('zimbradomainstatus') is None


def test_domain_inherited_attributes():
    names = domain_inherited_attributes()
    assert names == sorted(names)
    assert 'zimbraDomainStatus' in names
    assert 'zimbraMailDomainQuota' in names
    assert 'zimbraPrefTimeZoneId' not in names
    for name in names:
        info = get_attribute(name)
        assert info.domain_inherited and 'domain' in info.object_classes


def test_entry_classes():
    assert entry_classes('account') == {'account', 'mailRecipient'}
    assert entry_classes('domain') == {'domain', 'mailRecipient'}
    assert entry_classes('calendarResource') == {'calendarResource', 'account', 'mailRecipient'}
    assert entry_classes('cos') == {'cos'}
    assert entry_classes('imapDataSource') == {'imapDataSource', 'dataSource'}
    with pytest.raises(ValueError, match='unknown Carbonio object class'):
        entry_classes('domian')


def test_normalize_attrs_happy_path():
    result = normalize_attrs({
        'zimbraMailQuota': '10G',
        'zimbraFeatureMailEnabled': 'yes',
        'zimbraMailStatus': 'enabled',
        'zimbraMailCatchAllAddress': ['@example.com', '@example.org'],
        'zimbraNotes': 'hello',
        'description': '',
        'zimbraMailForwardingAddress': [],
        'zimbraPrefCalendarFirstDayOfWeek': 1,
    }, 'account')
    assert result == {
        'zimbraMailQuota': [str(10 * GIB)],
        'zimbraFeatureMailEnabled': ['TRUE'],
        'zimbraMailStatus': ['enabled'],
        'zimbraMailCatchAllAddress': ['@example.com', '@example.org'],
        'zimbraNotes': ['hello'],
        'description': [],
        'zimbraMailForwardingAddress': [],
        'zimbraPrefCalendarFirstDayOfWeek': ['1'],
    }


def test_normalize_attrs_none_and_not_dict():
    assert normalize_attrs(None, 'domain') == {}
    assert normalize_attrs({}, 'domain') == {}
    with pytest.raises(AttributeValueError, match='^attrs: must be a dictionary'):
        normalize_attrs(['zimbraNotes'], 'domain')
    with pytest.raises(AttributeValueError, match='^attrs: attribute names must be non-empty'):
        normalize_attrs({'': 'x'}, 'domain')


def test_error_is_value_error():
    assert issubclass(AttributeValueError, ValueError)


def _error(attrs, object_class='domain', field='attrs'):
    with pytest.raises(AttributeValueError) as exc:
        normalize_attrs(attrs, object_class, field=field)
    return str(exc.value)


def test_unknown_attribute():
    assert _error({'zimbraFoo': 'x'}) == 'attrs.zimbraFoo: unknown Carbonio attribute'
    assert 'did you mean zimbraDomainStatus' in _error({'zimbradomainstatus': 'active'})


def test_not_allowed_on_class():
    message = _error({'zimbraMailQuota': '1G'}, 'domain')
    assert message.startswith('attrs.zimbraMailQuota: is not allowed on domain entries')
    assert 'account, cos' in message
    # mailRecipient attributes are allowed on accounts, domains and calendar resources (superiors)
    assert normalize_attrs({'zimbraMailCatchAllAddress': '@example.com'}, 'domain') == {'zimbraMailCatchAllAddress': ['@example.com']}
    assert normalize_attrs({'zimbraMailQuota': 0}, 'calendarResource') == {'zimbraMailQuota': ['0']}
    # no class given: no class check
    assert normalize_attrs({'zimbraMailQuota': 0}, None) == {'zimbraMailQuota': ['0']}


def test_immutable():
    message = _error({'zimbraId': '8cf3db5d-cfd7-11d9-884f-e7b38f15492d'})
    assert message.startswith('attrs.zimbraId: is immutable')


def test_single_valued():
    message = _error({'zimbraDomainStatus': ['active', 'closed']})
    assert message == 'attrs.zimbraDomainStatus: is single-valued, got 2 values'
    assert normalize_attrs({'zimbraDomainStatus': ['active']}) == {'zimbraDomainStatus': ['active']}


def test_multi_valued_dedup_and_bad_items():
    assert normalize_attrs({'zimbraVirtualHostname': ['a.example.com', 'a.example.com', 'b.example.com']}, 'domain') == {
        'zimbraVirtualHostname': ['a.example.com', 'b.example.com']}
    assert 'non-empty scalar values' in _error({'zimbraVirtualHostname': ['a.example.com', '']})
    assert 'non-empty scalar values' in _error({'zimbraVirtualHostname': [['a']]})
    assert 'expected a value or a list' in _error({'zimbraVirtualHostname': {'a': 1}})


@pytest.mark.parametrize('value, expected', [
    (True, 'TRUE'), (False, 'FALSE'), ('yes', 'TRUE'), ('no', 'FALSE'), ('true', 'TRUE'), ('FALSE', 'FALSE'),
    ('TRUE', 'TRUE'), ('On', 'TRUE'), ('off', 'FALSE'), ('1', 'TRUE'), ('0', 'FALSE'), (1, 'TRUE'), (0, 'FALSE'),
])
def test_boolean(value, expected):
    assert normalize_value('zimbraFeatureMailEnabled', value) == [expected]


@pytest.mark.parametrize('value', ['maybe', 2, 'y', 1.0])
def test_boolean_invalid(value):
    message = _error({'zimbraFeatureMailEnabled': value}, 'account')
    assert message.startswith('attrs.zimbraFeatureMailEnabled: must be a boolean (true/false, yes/no')


def test_integer():
    assert normalize_value('zimbraPrefCalendarFirstDayOfWeek', '6') == ['6']
    assert normalize_value('zimbraPrefCalendarFirstDayOfWeek', 0) == ['0']
    assert _error({'zimbraPrefCalendarFirstDayOfWeek': 7}, 'account') == \
        'attrs.zimbraPrefCalendarFirstDayOfWeek: must be an integer from 0 to 6, got 7'
    assert 'must be an integer from 0 to 6' in _error({'zimbraPrefCalendarFirstDayOfWeek': -1}, 'account')
    assert 'must be an integer, got' in _error({'zimbraPrefCalendarFirstDayOfWeek': 'monday'}, 'account')
    assert 'quote the value' in _error({'zimbraPrefCalendarFirstDayOfWeek': True}, 'account')
    assert 'expected a integer value, got float' in _error({'zimbraPrefCalendarFirstDayOfWeek': 1.5}, 'account')
    # default 32-bit bounds when attrs.xml gives none
    assert 'from 0 to 2147483647' in _error({'zimbraPasswordMinLength': 2 ** 31}, 'account')


def test_long_and_sizes():
    assert normalize_value('zimbraMailDomainQuota', '500MB') == [str(500 * 1024 ** 2)]
    assert normalize_value('zimbraMailDomainQuota', 0) == ['0']
    assert normalize_value('zimbraMailDomainQuota', '1.5G') == [str(3 * GIB // 2)]
    assert normalize_value('zimbraMailQuota', '-1') == ['-1']  # no min in attrs.xml: long bounds
    message = _error({'zimbraMailDomainQuota': -1})
    assert message.startswith('attrs.zimbraMailDomainQuota: must be a number from 0 to ')
    message = _error({'zimbraMailDomainQuota': 'lots'})
    assert message.startswith('attrs.zimbraMailDomainQuota: must be an integer or a size such as 500MB, 10G')


def test_field_prefix_for_module_options():
    with pytest.raises(AttributeValueError) as exc:
        normalize_value('zimbraMailQuota', 'big', field='mailbox_quota')
    assert str(exc.value).startswith('mailbox_quota: must be an integer or a size such as 500MB')
    with pytest.raises(AttributeValueError) as exc:
        normalize_value('zimbraMailQuota', 'big')
    assert str(exc.value).startswith('zimbraMailQuota: ')
    assert _error({'zimbraMailStatus': 'on'}, 'account', field='settings').startswith('settings.zimbraMailStatus: ')
    with pytest.raises(AttributeValueError, match='^mailbox_quota: is not allowed on domain entries'):
        normalize_value('zimbraMailQuota', '1G', field='mailbox_quota', object_class='domain')


def test_port():
    assert normalize_value('zimbraSmtpPort', 25) == ['25']
    assert normalize_value('zimbraSmtpPort', '0') == ['0']
    assert normalize_value('zimbraSmtpPort', 65535) == ['65535']
    for bad in (65536, -1, 'smtp'):
        assert _error({'zimbraSmtpPort': bad}).startswith('attrs.zimbraSmtpPort: must be a port number from 0 to 65535')


def test_duration():
    for value in ('30d', '12h', '15m', '30s', '500ms', '60', 60):
        assert normalize_value('zimbraMailTrashLifetime', value) == [str(value)]
    for bad in ('30 days', '1w', '1.5h', '-1'):
        message = _error({'zimbraMailTrashLifetime': bad}, 'account')
        assert message.startswith('attrs.zimbraMailTrashLifetime: must be a duration such as 30d, 12h')
    # min="1" (one second) in attrs.xml
    assert normalize_value('zimbraMailboxThrottleReapInterval', '1s') == ['1s']
    message = _error({'zimbraMailboxThrottleReapInterval': '500ms'}, 'server')
    assert message.startswith('attrs.zimbraMailboxThrottleReapInterval: is shorter than the minimum allowed 1')


def test_enum():
    assert normalize_value('zimbraMailStatus', 'disabled') == ['disabled']
    assert _error({'zimbraMailStatus': 'Enabled'}, 'account') == \
        "attrs.zimbraMailStatus: must be one of enabled, disabled, got 'Enabled'"
    assert 'quote the value' in _error({'zimbraMailStatus': True}, 'account')


def test_gentime():
    assert normalize_value('zimbraPasswordModifiedTime', '20250101120000Z') == ['20250101120000Z']
    assert normalize_value('zimbraPasswordModifiedTime', '20250101120000.123z') == ['20250101120000.123z']
    message = _error({'zimbraPasswordModifiedTime': '2025-01-01'}, 'account')
    assert message.startswith('attrs.zimbraPasswordModifiedTime: must be a generalized time yyyyMMddHHmmssZ')


def test_id():
    uuid = 'e00428a1-0c00-11d9-836a-000d93afea2a'
    assert normalize_value('zimbraDomainDefaultCOSId', uuid) == [uuid]
    message = _error({'zimbraDomainDefaultCOSId': 'default'})
    assert message.startswith('attrs.zimbraDomainDefaultCOSId: must be an id (UUID')


def test_email():
    assert normalize_value('zimbraMailForwardingAddress', ['a@example.com', 'b@example.org']) == ['a@example.com', 'b@example.org']
    for bad in ('nodomain', 'Joe <joe@example.com>', 'a b@example.com'):
        message = _error({'zimbraMailForwardingAddress': bad}, 'account')
        assert message.startswith('attrs.zimbraMailForwardingAddress: ')
        assert 'without a display name' in message
    assert 'at most 256 characters' in _error({'zimbraMailForwardingAddress': 'a' * 250 + '@example.com'}, 'account')


def test_cs_emailp():
    name = 'zimbraPrefMailForwardingAddress'
    assert normalize_value(name, 'a@example.com,Joe <joe@example.com>') == ['a@example.com,Joe <joe@example.com>']
    # a list for this single-valued, comma-separated attribute is joined
    assert normalize_value(name, ['a@example.com', 'b@example.com']) == ['a@example.com,b@example.com']
    assert _error({name: 'a@example.com,broken'}, 'account').startswith('attrs.%s: ' % name)


def test_strings():
    assert normalize_value('zimbraNotes', 123) == ['123']
    assert normalize_value('zimbraTimeZoneDaylightOffset', '+0100') == ['+0100']
    assert _error({'zimbraTimeZoneDaylightOffset': '+01:00'}, 'timeZone') == \
        'attrs.zimbraTimeZoneDaylightOffset: must be at most 5 characters long, got 6'
    assert 'at most 256 characters' in _error({'zimbraVirtualHostname': 'a' * 257})
    # astring (IA5) refuses non-ASCII
    assert normalize_value('zimbraMailHost', 'mail.example.com') == ['mail.example.com']
    assert 'ASCII' in _error({'zimbraMailHost': u'mäil.example.com'}, 'account')


def test_regex():
    assert normalize_value('zimbraMailCatchAllAddress', '@example.com') == ['@example.com']
    message = _error({'zimbraMailCatchAllAddress': 'user@example.com'})
    assert message.startswith('attrs.zimbraMailCatchAllAddress: must match the regular expression ^@[A-Za-z0-9-\\.]+$')


@pytest.mark.parametrize('name, value', [
    ('zimbraPrefCalendarFirstDayOfWeek', '6\n'),
    ('zimbraPrefCalendarFirstDayOfWeek', '6\n6'),
    ('zimbraMailQuota', '10G\n'),
    ('zimbraSmtpPort', '25\n'),
    ('zimbraMailTrashLifetime', '30d\n'),
    ('zimbraPasswordModifiedTime', '20250101120000Z\n'),
    ('zimbraPasswordModifiedTime', '20250101120000\nZ'),
    ('zimbraDomainDefaultCOSId', 'e00428a1-0c00-11d9-836a-000d93afea2a\n'),
    ('zimbraMailCatchAllAddress', '@example.com\n'),
    ('zimbraMailForwardingAddress', 'a\n@example.com'),
    ('zimbraMailForwardingAddress', 'a@example\n.com'),
    ('zimbraPrefMailForwardingAddress', 'Joe <joe\n@example.com>'),
])
def test_no_newline_reaches_the_wire(name, value):
    # refused, or (spaces around the value are stripped first) sent without it; '$' matches before a final newline
    try:
        wire = normalize_value(name, value)
    except AttributeValueError as exc:
        assert str(exc).startswith(name + ': ')
    else:
        assert not any('\n' in item for item in wire)


@pytest.mark.parametrize('name, value', [
    ('zimbraMailCatchAllAddress', '@example.com\n'),
    ('zimbraMailForwardingAddress', 'a\n@example.com'),
    ('zimbraPrefMailForwardingAddress', 'Joe <joe\n@example.com>'),
    ('zimbraPasswordModifiedTime', u'\u0662\u0660\u0662\u0665\u0660\u0661\u0660\u0661\u0661\u0662\u0660\u0660\u0660\u0660Z'),
    ('zimbraPrefCalendarFirstDayOfWeek', u'\u0666'),
])
def test_a_newline_in_an_address_or_a_pattern_and_non_ascii_digits_are_refused(name, value):
    with pytest.raises(AttributeValueError, match='^%s: ' % name):
        normalize_value(name, value)


@pytest.mark.parametrize('name, value', [
    ('displayName', 'Jo\x00Doe'),
    ('zimbraNotes', 'not\x00fine'),
    ('zimbraVirtualHostname', ['fine.example.com', 'not\x00fine.example.com']),
    ('zimbraMailHost', 'mail\x00.example.com'),
    ('zimbraMailCatchAllAddress', '@example\x00.com'),
    ('zimbraMailForwardingAddress', 'a\x00@example.com'),
    ('zimbraPrefMailForwardingAddress', 'Joe\x00 <joe@example.com>'),
    ('zimbraMailStatus', 'enabled\x00'),
    ('userSMIMECertificate', 'QU\x00JD'),
])
def test_a_value_with_a_nul_character_is_refused(name, value):
    with pytest.raises(AttributeValueError) as exc:
        normalize_value(name, value)
    assert str(exc.value) == '%s: must not contain a NUL character' % name


def test_time_zone(monkeypatch):
    monkeypatch.setattr(_value_formats, '_TIME_ZONES', {'europe/rome': 'Europe/Rome'})
    assert normalize_attrs({'zimbraPrefTimeZoneId': 'europe/rome'}) == {'zimbraPrefTimeZoneId': ['Europe/Rome']}
    message = _error({'zimbraPrefTimeZoneId': 'Mars/Base'})
    assert message.startswith("attrs.zimbraPrefTimeZoneId: unknown time zone 'Mars/Base'")


def test_deprecated_accepted():
    assert normalize_value('zimbraDNSCheckHostname', 'relay.example.com') == ['relay.example.com']


def test_binary_passthrough():
    assert normalize_value('userSMIMECertificate', 'QUJD') == ['QUJD']


def test_standard_attribute_without_classes_or_cardinality():
    # objectClass is structural: replacing it would strip classes such as amavisAccount from the entry
    with pytest.raises(AttributeValueError, match='attrs.objectClass: is structural'):
        normalize_attrs({'objectClass': ['amavisAccount', 'DKIM']}, 'domain')
    assert normalize_attrs({'cn': ['a', 'b']}, 'account') == {'cn': ['a', 'b']}
