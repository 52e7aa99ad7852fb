# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The class of service description: where a deleted COS's users may be moved."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._objects import cos
from ansible_collections.carbonio.admin.plugins.module_utils._objects.cos import COS


def params(**given):
    found = dict((key, option.get('default')) for key, option in COS.argument_spec().items())
    found.update(dict(state='present'), **given)
    return found


@pytest.mark.parametrize('target', ['defaultExternal', ' DefaultExternal '])
def test_the_external_accounts_cos_is_no_place_for_mailbox_accounts_and_domains(target):
    with pytest.raises(ValueError, match=r'^reassign_to: defaultExternal is the class of service of external'):
        cos.validate(params(name='bronze', state='absent', reassign_to=target))


@pytest.mark.parametrize('given, field', [
    (dict(reassign_to='Bronze'), 'reassign_to: must name another'),
    (dict(reassign_to='silver', force=True), 'reassign_to: give either'),
])
def test_other_refused_reassignments(given, field):
    with pytest.raises(ValueError, match='^' + field):
        cos.validate(params(name='bronze', state='absent', **given))


def test_another_cos_passes():
    cos.validate(params(name='bronze', state='absent', reassign_to='default'))
    cos.validate(params(name='bronze', state='absent', reassign_to='externals'))
