# -*- coding: utf-8 -*-
# Copyright: (c) 2026, carbonio.admin contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/_value_formats.py."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _value_formats as vf
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import (
    format_size,
    parse_size,
    validate_domain_name,
    validate_email,
    validate_https_url,
    validate_percent,
    validate_port,
    validate_time_zone,
    validate_url,
)

KIB = 1024
MIB = 1024 ** 2
GIB = 1024 ** 3
TIB = 1024 ** 4


@pytest.mark.parametrize('value, expected', [
    (0, 0),
    (1, 1),
    ('0', 0),
    ('1048576', MIB),
    (' 42 ', 42),
    ('10B', 10),
    ('1K', KIB),
    ('1k', KIB),
    ('1KB', KIB),
    ('1kb', KIB),
    ('1KiB', KIB),
    ('1kib', KIB),
    ('500M', 500 * MIB),
    ('500MB', 500 * MIB),
    ('500MiB', 500 * MIB),
    ('500 MB', 500 * MIB),
    ('10G', 10 * GIB),
    ('10GB', 10 * GIB),
    ('10gib', 10 * GIB),
    ('2T', 2 * TIB),
    ('2TB', 2 * TIB),
    ('2TiB', 2 * TIB),
    ('1.5G', 3 * GIB // 2),
    ('0.5K', 512),
    ('1.0', 1),
])
def test_parse_size_valid(value, expected):
    assert parse_size(value, 'mailbox_quota') == expected


@pytest.mark.parametrize('value', [
    -1, '-1', '-5G', '', 'abc', '10X', '10 GBs', '1.5', '0.1K', '1,5G', 'G', '1e3', 1.5, True, None, [], '10PB',
])
def test_parse_size_invalid(value):
    with pytest.raises(ValueError) as exc:
        parse_size(value, 'mailbox_quota')
    message = str(exc.value)
    assert message.startswith('mailbox_quota: ')
    assert vf.SIZE_FORM in message


@pytest.mark.parametrize('value, expected', [
    (0, '0'),
    (1, '1'),
    (1000, '1000'),
    (KIB, '1K'),
    (1536 * KIB, '1536K'),
    (500 * MIB, '500M'),
    (10 * GIB, '10G'),
    (1536 * MIB, '1536M'),
    (3 * TIB, '3T'),
    (GIB + 1, str(GIB + 1)),
])
def test_format_size(value, expected):
    assert format_size(value) == expected
    assert parse_size(format_size(value), 'x') == value


@pytest.mark.parametrize('value', [-1, 'abc', 1.5, True])
def test_format_size_invalid(value):
    with pytest.raises(ValueError):
        format_size(value)


@pytest.mark.parametrize('value, expected', [
    ('example.com', 'example.com'),
    ('Mail.Example.COM', 'mail.example.com'),
    ('example.com.', 'example.com'),
    ('a-b.example.co.uk', 'a-b.example.co.uk'),
    (u'münchen.de', 'xn--mnchen-3ya.de'),
    ('xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'),
    ('a' * 63 + '.com', 'a' * 63 + '.com'),
    # Carbonio accepts underscores and single-label names (javax.mail's strict parser does)
    ('exa_mple.com', 'exa_mple.com'),
    ('localdomain', 'localdomain'),
])
def test_validate_domain_name_valid(value, expected):
    assert validate_domain_name(value, 'name') == expected


@pytest.mark.parametrize('value', [
    '', '-example.com', 'example-.com', 'exa mple.com', 'example..com',
    'a' * 64 + '.com', '.'.join(['a' * 60] * 5), '192.168.1.1', 'user@example.com', 5, None,
])
def test_validate_domain_name_invalid(value):
    with pytest.raises(ValueError) as exc:
        validate_domain_name(value, 'name')
    assert str(exc.value).startswith('name: ')
    assert 'domain name such as example.com' in str(exc.value)


@pytest.mark.parametrize('value, expected', [
    ('user@example.com', 'user@example.com'),
    ('First.Last@Example.COM', 'First.Last@example.com'),
    ("o'brien+tag@example.com", "o'brien+tag@example.com"),
    (u'user@münchen.de', 'user@xn--mnchen-3ya.de'),
])
def test_validate_email_valid(value, expected):
    assert validate_email(value, 'owner') == expected


@pytest.mark.parametrize('value', [
    'user', 'user@', '@example.com', 'John <john@example.com>', 'a b@example.com', '.a@example.com',
    'a..b@example.com', 'user@exa mple.com', 'a' * 65 + '@example.com', 42, None,
])
def test_validate_email_invalid(value):
    with pytest.raises(ValueError) as exc:
        validate_email(value, 'owner')
    assert str(exc.value).startswith('owner: ')
    assert 'user@example.com' in str(exc.value)


@pytest.mark.parametrize('value, expected', [(1, 1), ('443', 443), (65535, 65535), (' 8080 ', 8080)])
def test_validate_port_valid(value, expected):
    assert validate_port(value, 'port') == expected


@pytest.mark.parametrize('value', [0, '0', -1, 65536, 'http', '', 1.0, True, None])
def test_validate_port_invalid(value):
    with pytest.raises(ValueError) as exc:
        validate_port(value, 'port')
    assert str(exc.value).startswith('port: ')
    assert 'port number from 1 to 65535' in str(exc.value)


def test_validate_port_allow_zero():
    assert validate_port(0, 'port', allow_zero=True) == 0
    with pytest.raises(ValueError, match='from 0 to 65535'):
        validate_port(-1, 'port', allow_zero=True)


@pytest.mark.parametrize('value', [
    'https://mail.example.com', 'https://mail.example.com:8443/help?x=1', 'http://10.0.0.1/', 'https://[::1]:443/',
])
def test_validate_url_valid(value):
    assert validate_url(value, 'help_url') == value


@pytest.mark.parametrize('value', [
    '', 'mail.example.com', 'ftp://example.com/', 'https://', 'https:///path', 'https://exa mple.com/', 'https://host:99999/',
    'https://host:0/', 5, None,
])
def test_validate_url_invalid(value):
    with pytest.raises(ValueError) as exc:
        validate_url(value, 'help_url')
    assert str(exc.value).startswith('help_url: ')
    assert 'absolute URL starting with http:// or https://' in str(exc.value)


def test_validate_https_url():
    assert validate_https_url(' https://example.com/x ', 'u') == 'https://example.com/x'
    with pytest.raises(ValueError) as exc:
        validate_https_url('http://example.com/', 'u')
    assert str(exc.value).startswith('u: ')
    assert 'https://' in str(exc.value)


def test_validate_url_custom_schemes():
    assert validate_url('ldaps://ldap.example.com:636', 'ldap_url', schemes=('ldap', 'ldaps')) == 'ldaps://ldap.example.com:636'
    with pytest.raises(ValueError, match='^ldap_url: .*ldap://'):
        validate_url('https://ldap.example.com', 'ldap_url', schemes=('ldap', 'ldaps'))


@pytest.fixture
def no_tz_database(monkeypatch):
    monkeypatch.setattr(vf, '_TIME_ZONES', {})


@pytest.fixture
def fake_tz_database(monkeypatch):
    zones = ['Europe/Rome', 'America/New_York', 'UTC', 'America/Argentina/Buenos_Aires']
    monkeypatch.setattr(vf, '_TIME_ZONES', dict((zone.lower(), zone) for zone in zones))


def test_validate_time_zone_with_database(fake_tz_database):  # pylint: disable=unused-argument,redefined-outer-name
    assert validate_time_zone('Europe/Rome', 'time_zone') == 'Europe/Rome'
    assert validate_time_zone(' europe/rome ', 'time_zone') == 'Europe/Rome'
    assert validate_time_zone('America/Argentina/Buenos_Aires', 'time_zone') == 'America/Argentina/Buenos_Aires'
    for bad in ('Mars/Olympus_Mons', 'Rome', '', 'CET+1'):
        with pytest.raises(ValueError) as exc:
            validate_time_zone(bad, 'time_zone')
        assert str(exc.value).startswith('time_zone: ')
        assert 'Europe/Rome' in str(exc.value)


def test_validate_time_zone_without_database(no_tz_database):  # pylint: disable=unused-argument,redefined-outer-name
    assert validate_time_zone('Europe/Rome', 'time_zone') == 'Europe/Rome'
    assert validate_time_zone('Mars/Olympus_Mons', 'time_zone') == 'Mars/Olympus_Mons'
    assert validate_time_zone('Etc/GMT+12', 'time_zone') == 'Etc/GMT+12'
    assert validate_time_zone('UTC', 'time_zone') == 'UTC'
    for bad in ('Rome', '', 'Europe/', '/Rome', 'Europe Rome/X', 3):
        with pytest.raises(ValueError) as exc:
            validate_time_zone(bad, 'time_zone')
        assert str(exc.value).startswith('time_zone: ')


def test_validate_time_zone_real_database():
    # Whatever this Python offers (tz database or form check), a common id passes unchanged.
    assert validate_time_zone('Europe/Rome', 'tz') == 'Europe/Rome'
    with pytest.raises(ValueError):
        validate_time_zone('Not A Zone', 'tz')


@pytest.mark.parametrize('value, expected', [(0, 0), (80, 80), ('80', 80), ('80%', 80), (' 100 % ', 100)])
def test_validate_percent_valid(value, expected):
    assert validate_percent(value, 'warn_percent') == expected


@pytest.mark.parametrize('value', [-1, 101, '101%', '-5', 'abc', '50.5', '', 50.0, True, None])
def test_validate_percent_invalid(value):
    with pytest.raises(ValueError) as exc:
        validate_percent(value, 'warn_percent')
    assert str(exc.value).startswith('warn_percent: ')
    assert 'percentage from 0 to 100' in str(exc.value)


def test_durations_compare_by_length_of_time():
    from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import KINDS
    key = KINDS['duration'].key
    assert key('0') == key('0s') == 0
    assert key('2h') == key('120m') == key('7200')
    assert key('30d') != key('30h')


# '$' also matches before a final newline: with re.match, 'nl\n@t1.test' passed as an address. Values are matched whole.
@pytest.mark.parametrize('kind, value', [
    ('address', 'nl\n@t1.test'),
    ('address', 'nl@t1\n.test'),
    ('address', 'first.last\n@t1.test'),
    ('account_name', 'nl\n@t1.test'),
    ('account_name', 'NL@T1\n.test'),
    ('hostname', 't1\n.test'),
    ('hostname', 'mail.t1\n.test'),
])
def test_a_newline_inside_an_address_or_a_domain_name_is_refused(kind, value):
    with pytest.raises(ValueError) as exc:
        vf.KINDS[kind].parse(value, 'aliases[0]')
    assert str(exc.value).startswith('aliases[0]: ')


@pytest.mark.parametrize('check, value', [
    (validate_email, 'nl\n@t1.test'),
    (validate_email, 'nl@t1\n.test'),
    (validate_domain_name, 't1\n.test'),
])
def test_the_validators_refuse_a_newline_inside_the_value(check, value):
    with pytest.raises(ValueError, match='^name: '):
        check(value, 'name')


# Every kind checked by a pattern, with a newline at the end of what reaches the pattern: either refused, or (the
# value's surrounding spaces are stripped first) turned into a wire value without it. Never a newline on the wire.
@pytest.mark.parametrize('kind, value', [
    ('hostname', 't1.test\n'),
    ('address', 'nl@t1.test\n'),
    ('account_name', 'nl@t1.test\n'),
    ('time_zone', 'Europe/Rome\n'),
    ('time_zone', 'Europe/Rome\nX'),
    ('size', '500M\n'),
    ('size', '500\nM'),
    ('duration', '30d\n'),
    ('duration', '30\nd'),
    ('int', '42\n'),
    ('int', '4\n2'),
    ('percent', '80%\n'),
    ('port', '443\n'),
    ('object_name', 'gold\n'),
    ('object_name', 'go\nld'),
])
@pytest.mark.parametrize('tz_database', [True, False])
def test_no_newline_reaches_the_wire(monkeypatch, kind, value, tz_database):
    if not tz_database:
        monkeypatch.setattr(vf, '_TIME_ZONES', {})
    try:
        wire = vf.KINDS[kind].parse(value, 'field')
    except ValueError as exc:
        assert str(exc).startswith('field: ')
    else:
        assert '\n' not in wire


def test_a_duration_with_a_final_newline_is_no_duration():
    assert vf.duration_ms('30d') == 30 * 86400000
    assert vf.duration_ms('30d\n') is None
    assert vf.duration_ms('60\n') is None


# Carbonio's checks are Java's, where \d is 0-9: other digits would be sent as written and refused there.
@pytest.mark.parametrize('kind, value', [
    ('duration', u'\u0663\u0660d'),
    ('int', u'\u0664\u0662'),
    ('port', u'\u0668\u0660'),
    ('percent', u'\u0668\u0660'),
    ('size', u'\u0665\u0660\u0660M'),
])
def test_only_ascii_digits_are_digits(kind, value):
    with pytest.raises(ValueError, match='^field: '):
        vf.KINDS[kind].parse(value, 'field')


def test_a_text_with_a_nul_character_is_refused_naming_the_field():
    assert vf.KINDS['text'].parse('Jo Doe', 'display_name') == 'Jo Doe'
    for value in ('Jo\x00Doe', '\x00', 'Jo Doe\x00'):
        with pytest.raises(ValueError) as exc:
            vf.KINDS['text'].parse(value, 'display_name')
        assert str(exc.value) == 'display_name: must not contain a NUL character'
    with pytest.raises(ValueError, match='^status: must not contain a NUL character'):
        vf.parse_enum('active\x00', 'status', ('active', 'locked'))


@pytest.mark.parametrize('kind, value', [
    ('object_name', 'gold\x00'),
    ('hostname', 'acct\x00.test'),
    ('address', 'jo\x00@acct.test'),
    ('account_name', 'jo@acct.test\x00'),
    ('https_url', 'https://acct\x00.test/'),
    ('time_zone', 'Europe/Rome\x00'),
])
def test_no_kind_lets_a_nul_character_through(kind, value):
    with pytest.raises(ValueError, match='^field: '):
        vf.KINDS[kind].parse(value, 'field')


def test_a_domain_seen_before_gives_the_same_answer_and_a_bad_one_fails_every_time():
    for _attempt in range(2):
        assert validate_email('Ann@Bücher.Example', 'accounts[0].name') == 'Ann@xn--bcher-kva.example'
        assert validate_domain_name('Bücher.Example.', 'domain') == 'xn--bcher-kva.example'
        for field in ('accounts[1].name', 'accounts[2].name'):
            with pytest.raises(ValueError, match=r'^%s: invalid e-mail address' % field.replace('[', r'\[').replace(']', r'\]')):
                validate_email('a@-bad.example', field)
    with pytest.raises(ValueError, match=r'^name: invalid e-mail address'):
        validate_email('a@example.com.', 'name')


@pytest.mark.parametrize('value, expected', [('#abc', '#abc'), ('#0055AA', '#0055AA'), (' #fff ', '#fff')])
def test_a_colour_is_hash_and_three_or_six_hex_digits(value, expected):
    assert vf.KINDS['colour'].parse(value, 'primary_color') == expected
    assert vf.KINDS['colour'].key('#ABC') == vf.KINDS['colour'].key('#abc')


@pytest.mark.parametrize('value', ['red', '#12345', '#GGG', 'abc', '#abcd', ['#abc'], 7])
def test_anything_else_is_no_colour(value):
    with pytest.raises(ValueError, match=r'^primary_color: '):
        vf.KINDS['colour'].parse(value, 'primary_color')


def test_a_white_label_link_is_https_with_a_dotted_host_as_the_panel_requires():
    url = 'https://mail.example.com/static/custom/logo.svg'
    assert vf.KINDS['white_label_url'].parse(url, 'logo_url') == url
    for bad in ('http://mail.example.com/logo.svg', 'https://localhost/logo.svg', 'logo.svg', ''):
        with pytest.raises(ValueError, match=r'^logo_url: invalid URL'):
            vf.KINDS['white_label_url'].parse(bad, 'logo_url')
