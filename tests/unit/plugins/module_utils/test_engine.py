# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_settings: the compare, diff, check mode and report of settings that are not directory attributes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._engine import ensure_settings


class Module(object):
    def __init__(self, check_mode=False, diff=True):
        self.check_mode = check_mode
        self._diff = diff


def test_only_changed_keys_are_written_and_shown():
    written = []
    result = ensure_settings(Module(), {'enabled': False, 'ttl': 30, 'other': 'x'}, {'enabled': True, 'ttl': 30, 'unset': None},
                             written.append, '2FA policy of example.com')
    assert written == [{'enabled': True}]
    assert result['changed'] is True
    assert result['diff'] == {'before': {'enabled': False}, 'after': {'enabled': True}}
    assert result['settings'] == {'enabled': True, 'ttl': 30, 'other': 'x'}
    assert result['msg'] == '2FA policy of example.com: enabled changed'


def test_check_mode_predicts_without_writing_and_a_rerun_is_unchanged():
    written = []
    predicted = ensure_settings(Module(check_mode=True), {'enabled': False}, {'enabled': True}, written.append, 'policy')
    assert predicted['changed'] is True and written == []
    again = ensure_settings(Module(), {'enabled': True}, {'enabled': True}, written.append, 'policy')
    assert again['changed'] is False and written == [] and again['msg'] == 'policy unchanged' and again['diff']['after'] == {}
