# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""2FA policies: readable names to Carbonio's keys and codes, the plan of ranges by mode, and the export's grouping."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _auth_policy as policy


def item(service, policy_name=None, ranges=None, mode='exact'):
    return dict(service=service, policy=policy_name, trusted_ip_ranges=ranges, trusted_ip_ranges_mode=mode)


def test_services_by_readable_or_carbonio_name_and_all():
    wanted = policy.parse_policies([item(['WEB_UI', 'EAS'], 'ip_2fa', ['10.0.0.1']), item(['smtp'], 'no_2fa')])
    assert wanted == {'WebUI': (1, ['10.0.0.1'], 'exact'), 'EAS': (1, ['10.0.0.1'], 'exact'), 'Smtp': (0, None, 'exact')}
    assert sorted(policy.parse_policies([item(['all'], 'device_2fa')])) == sorted(policy.SERVICE_KEYS.values())


@pytest.mark.parametrize('items, message', [
    ([item(['webmail'], 'no_2fa')], "policies[0].service: unknown service 'webmail'; expected one of admin_api, web_ui, mobile_app"),
    ([item(['imap'], 'no_2fa'), item(['Imap'], 'ip_2fa')], 'policies[1].service: imap is already set by policies[0]'),
    ([item(['all', 'imap'], 'no_2fa')], 'policies[0].service: all stands for every service; give it alone'),
    ([item(['imap'], None, ['10.0.0.0/8', '10.0.0.0/33'])], 'policies[0].trusted_ip_ranges[1]: '),
    ([item(['imap'], None, ['2001:db8::/32'])], "policies[0].trusted_ip_ranges[0]: '2001:db8::/32' is not an IPv4"),
    ([item(['imap'])], 'policies[0]: give policy, trusted_ip_ranges or both'),
])
def test_bad_items_name_their_field(items, message):
    with pytest.raises(ValueError) as refused:
        policy.parse_policies(items)
    assert str(refused.value).startswith(message)


def test_levels():
    assert policy.level_of(policy.DOMAIN, dict(scope='global', domain=None), '2FA policies') == ('global', None)
    assert policy.level_of(policy.DOMAIN, dict(scope=None, domain='Example.COM'), '2FA policies') == ('domain', 'example.com')
    for params, field in ((dict(scope='global', domain='example.com'), 'scope'), (dict(scope='domain', domain=None), 'domain')):
        with pytest.raises(ValueError, match='^%s: ' % field):
            policy.level_of(policy.DOMAIN, params, '2FA policies')


CURRENT = {'imap': dict(policy='ip_2fa', trusted_ip_ranges=['10.0.0.0/8', '10.1.0.1'])}


@pytest.mark.parametrize('ranges, mode, expected', [
    (['10.1.0.1/32', '10.0.0.0/8'], 'exact', ['10.0.0.0/8', '10.1.0.1']),  # the same set: what is held stays as it is
    (['10.2.0.0/16'], 'exact', ['10.2.0.0/16']),
    (['10.1.0.1', '10.2.0.0/16'], 'present', ['10.0.0.0/8', '10.1.0.1', '10.2.0.0/16']),
    (['10.1.0.1/32', '172.16.0.0/12'], 'absent', ['10.0.0.0/8']),
    ([], 'exact', []),
])
def test_ranges_by_mode_and_the_policy_kept(ranges, mode, expected):
    desired = policy.desired_settings(CURRENT, {'Imap': (None, ranges, mode)}, None)
    assert desired == {'imap': dict(policy='ip_2fa', trusted_ip_ranges=expected)}


def test_a_service_not_read_yet_takes_what_is_given_and_the_expiration_joins():
    desired = policy.desired_settings({}, {'Pop3': (2, None, 'exact')}, 14)
    assert desired == {'pop3': dict(policy='device_2fa', trusted_ip_ranges=[]), 'trusted_device_expiration_days': 14}


def test_export_groups_services_with_the_same_settings_in_the_panel_order():
    settings = dict((name, dict(policy='no_2fa', trusted_ip_ranges=[])) for name, _key in policy.SERVICES)
    settings['imap'] = settings['web_ui'] = dict(policy='ip_2fa', trusted_ip_ranges=['10.0.0.0/8'])
    settings['trusted_device_expiration_days'] = 30
    shown = policy.export('domain', 'example.com', settings)
    assert shown == {'domain': 'example.com', 'trusted_device_expiration_days': 30, 'policies': [
        dict(service=['admin_api', 'mobile_app', 'activesync', 'desktop', 'dav', 'pop3', 'smtp'], policy='no_2fa', trusted_ip_ranges=[]),
        dict(service=['web_ui', 'imap'], policy='ip_2fa', trusted_ip_ranges=['10.0.0.0/8'])]}
    # what the export says parses back to the same services and settings
    again = policy.parse_policies([dict(item, trusted_ip_ranges_mode='exact') for item in shown['policies']])
    assert again['Imap'] == (1, ['10.0.0.0/8'], 'exact') and again['Smtp'] == (0, [], 'exact')


class Replies(object):
    def __init__(self, content):
        self.content, self.calls = content, []

    def zextras(self, module, action, **params):
        self.calls.append((module, action, params))
        return self.content


def test_read_policies_names_services_and_codes_readably():
    client = Replies({'values': [{'WebUI': {'trustedDevice': 1, 'trustedIpRange': ['10.0.0.0/8']}}, {'Cli': {'trustedDevice': 0}}]})
    assert policy.read_policies(client, 'global', None) == {'web_ui': dict(policy='ip_2fa', trusted_ip_ranges=['10.0.0.0/8'])}
    assert client.calls == [('ZxAuth', 'listPolicies', {'level': 'global', 'domain': ''})]


def test_a_write_sends_carbonio_codes_and_the_empty_marker():
    client, warned = Replies({'ok': True, 'message': 'applied with a delay'}), []
    policy._write(client, 'domain', 'example.com', warned.append)('imap', dict(policy='device_2fa', trusted_ip_ranges=[]))
    assert client.calls == [('ZxAuth', 'setPolicy', dict(repeatable=False, service='Imap', trustedDevice=2, trustedIpRange='empty',
                                                         level='domain', domain='example.com'))]
    assert warned == ['imap: applied with a delay']


class NoLifetime(Replies):
    def zextras(self, module, action, **params):
        if action == 'getTrustedDeviceExpiration':
            raise policy.CarbonioFault('service.UNKNOWN_DOCUMENT', 'unknown document: zextras', request='zextras ZxAuth.%s' % action)
        return Replies.zextras(self, module, action, **params)


def test_an_export_without_the_lifetime_when_carbonio_does_not_answer_it():
    client, warned = NoLifetime({'value': 30}), []
    lifetimes = policy.Lifetimes(client, warned.append)
    assert lifetimes.add({'imap': 'x'}, 'global', None) == {'imap': 'x'}
    assert lifetimes.add({}, 'domain', 'example.com') == {}
    assert len(warned) == 1 and warned[0].startswith('trusted_device_expiration_days left out of the export')
    assert policy.Lifetimes(Replies({'value': 12}), warned.append).add({}, 'global', None) == {'trusted_device_expiration_days': 12}
