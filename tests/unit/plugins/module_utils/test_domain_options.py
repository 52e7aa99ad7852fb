# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""carbonio_domain options to domain attributes and back: the mapping an export relies on."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._domain_options import (
    DOMAIN_ARGUMENT_SPEC, DOMAIN_OPTIONS, MODE_OPTIONS, desired_domain_attrs, domain_options_from_attrs, options_view)

COS_ID = 'e00428a1-0c00-11d9-836a-000d93afea2a'


def params(**given):
    """Module params as AnsibleModule hands them over: every option present, unset ones None or their default."""
    values = dict((name, spec.get('default')) for name, spec in DOMAIN_ARGUMENT_SPEC.items())
    values.update(given)
    return values


def test_every_option_is_in_the_argument_spec():
    assert set(DOMAIN_OPTIONS) <= set(DOMAIN_ARGUMENT_SPEC)
    for option in MODE_OPTIONS:
        assert DOMAIN_ARGUMENT_SPEC[option + '_mode']['default'] == 'exact'


def test_options_become_wire_values():
    desired, modes = desired_domain_attrs(params(
        status='locked', time_zone='europe/rome', public_service_port=443, max_account_quota='10G',
        aggregate_quota=0, quota_warn_percent='85%', virtual_hostnames=['Mail.Example.COM'],
        virtual_hostnames_mode='present', notification_recipients=['Noc@Example.COM'], default_cos='gold',
        attrs={'zimbraDomainMaxAccounts': 50, 'zimbraGalLdapStartTlsEnabled': True}))
    assert desired == {
        'zimbraDomainStatus': ['locked'], 'zimbraPrefTimeZoneId': ['Europe/Rome'], 'zimbraPublicServicePort': ['443'],
        'zimbraMailDomainQuota': [str(10 * 1024 ** 3)], 'zimbraDomainAggregateQuota': ['0'],
        'zimbraDomainAggregateQuotaWarnPercent': ['85'], 'zimbraVirtualHostname': ['mail.example.com'],
        'carbonioNotificationRecipients': ['Noc@example.com'],
        'zimbraDomainMaxAccounts': ['50'], 'zimbraGalLdapStartTlsEnabled': ['TRUE']}
    assert modes == {'zimbraVirtualHostname': 'present', 'carbonioNotificationRecipients': 'exact'}


def test_empty_values_remove_the_setting():
    desired, _modes = desired_domain_attrs(params(notes='', virtual_hostnames=[], attrs={'zimbraDomainMaxAccounts': ''}))
    assert desired == {'zimbraNotes': [], 'zimbraVirtualHostname': [], 'zimbraDomainMaxAccounts': []}


@pytest.mark.parametrize('given, field', [
    ({'status': 'shutdown'}, 'status'),
    ({'status': 'Active'}, 'status'),
    ({'public_service_port': 0}, 'public_service_port'),
    ({'max_account_quota': '10 GB please'}, 'max_account_quota'),
    ({'quota_warn_percent': 101}, 'quota_warn_percent'),
    ({'help_delegated_url': 'ftp://help.example.com/'}, 'help_delegated_url'),
    ({'notification_sender': 'noc'}, 'notification_sender'),
    ({'quota_warn_recipients': ['a@example.com', 'b@']}, 'quota_warn_recipients[1]'),
    ({'inbound_smtp_hostname': 'relay_1.example.com'}, 'inbound_smtp_hostname'),
    ({'attrs': {'zimbraNotes': 'x'}, 'notes': 'y'}, 'attrs'),
    ({'attrs': {'zimbraDomainDefaultCOSId': COS_ID}, 'default_cos': 'gold'}, 'attrs'),
    ({'attrs': {'carbonioWebUiLoginLogo': 'http://cdn.example.com/logo.png'}}, 'attrs.carbonioWebUiLoginLogo'),
    ({'attrs': {'zimbraMailQuota': 5}}, 'attrs.zimbraMailQuota'),
])
def test_bad_input_names_its_field(given, field):
    with pytest.raises(ValueError) as error:
        desired_domain_attrs(params(**given))
    assert str(error.value).startswith(field + ':') or (field + ' ') in str(error.value)


def test_attributes_back_to_options_round_trip():
    given = dict(status='maintenance', time_zone='America/New_York', public_service_protocol='https',
                 public_service_hostname='mail.example.com', public_service_port=8443, inbound_smtp_hostname='relay.example.com',
                 description='Example', notes='notes', help_admin_url='https://help.example.com/a',
                 notification_sender='noc@example.com', notification_recipients=['a@example.com', 'b@example.com'],
                 virtual_hostnames=['mail.example.com'], max_account_quota='2G', aggregate_quota='1T',
                 aggregate_quota_policy='BLOCKSEND', quota_warn_percent=90, quota_warn_recipients=['billing@example.com'])
    desired, _modes = desired_domain_attrs(params(**given))
    assert domain_options_from_attrs(desired, {}) == given
    again, _modes = desired_domain_attrs(params(**domain_options_from_attrs(desired, {})))
    assert again == desired


def test_cos_id_shown_by_name_and_unknown_ids_kept():
    assert domain_options_from_attrs({'zimbraDomainDefaultCOSId': [COS_ID]}, {COS_ID: 'default'}) == {'default_cos': 'default'}
    assert domain_options_from_attrs({'zimbraDomainDefaultCOSId': [COS_ID]}, {}) == {'default_cos': COS_ID}


def test_diff_view_shows_only_the_given_attributes():
    attrs = {'zimbraDomainStatus': ['active'], 'zimbraMailDomainQuota': [str(5 * 1024 ** 3)], 'zimbraDomainMaxAccounts': ['9'],
             'zimbraVirtualHostname': ['a.example.com', 'b.example.com']}
    view = options_view(attrs, ['zimbraMailDomainQuota', 'zimbraDomainMaxAccounts', 'zimbraVirtualHostname'], {})
    assert view == {'max_account_quota': '5G', 'attrs': {'zimbraDomainMaxAccounts': '9'},
                    'virtual_hostnames': ['a.example.com', 'b.example.com']}
