# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Attributes shared by the modules that change state.
    DOCUMENTATION = r'''
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target; nothing is written to Carbonio.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
  idempotent:
    description: When run twice in a row with the same arguments, the second run reports no change and sends no write.
    support: full
'''

    # Attributes of the modules that only read.
    INFO_MODULE = r'''
attributes:
  check_mode:
    description: Can run in check_mode and return the same facts; the module never changes anything.
    support: full
    details:
      - This action does not modify state.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: N/A
    details:
      - This action does not modify state.
  idempotent:
    description: When run twice in a row with the same arguments, the second run reports no change.
    support: full
'''
