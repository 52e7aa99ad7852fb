#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_theme_info
short_description: Read Carbonio's white-label theme, global and per domain
version_added: 0.1.0
description:
  - Returns the global white-label theme and the theme of one domain, or of every domain that sets any part of its
    own, in exactly the form M(carbonio.admin.carbonio_theme) accepts, so the themes can be exported and applied back
    unchanged.
  - For each domain read it also gives every setting with the domain's own value and the effective one.
  - Everything is read in one round trip.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  domain:
    description:
      - Name of one domain to read. Every domain when not set.
    type: str
seealso:
  - module: carbonio.admin.carbonio_theme
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Read the global theme and every domain's own
  carbonio.admin.carbonio_theme_info:
  register: branding
  delegate_to: localhost

- name: Export them as carbonio_theme options
  ansible.builtin.copy:
    content: "{{ branding.themes | to_nice_yaml }}"
    dest: themes.yml
  delegate_to: localhost

- name: Apply the export back (reports no change); each item's options as the module's defaults, not as templated args
  carbonio.admin.carbonio_theme:
  module_defaults:
    carbonio.admin.carbonio_theme: "{{ item }}"
  loop: "{{ lookup('file', 'themes.yml') | from_yaml }}"
  loop_control:
    label: "{{ item.domain | default('global') }}"
  delegate_to: localhost

- name: What one domain sets itself and what it inherits
  carbonio.admin.carbonio_theme_info:
    domain: example.com
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: How many themes were exported.
  returned: always
  type: str
  sample: 2 themes exported (the global one and 1 of 3 domains)
themes:
  description:
    - The global theme first (with O(carbonio.admin.carbonio_theme#module:scope=global)), then each domain that sets
      any part of its own (with O(carbonio.admin.carbonio_theme#module:domain)), or the one domain asked for; each in
      the options of M(carbonio.admin.carbonio_theme), only the settings that level sets itself.
  returned: success
  type: list
  elements: dict
  sample: [{scope: global, title: Example Mail}, {domain: example.com, primary_color: "#a50"}]
domains:
  description: Every domain read, sorted by name.
  returned: success
  type: list
  elements: dict
  contains:
    name:
      description: Domain name.
      type: str
      sample: example.com
    id:
      description: Carbonio id (C(zimbraId)) of the domain.
      type: str
      sample: 2f1c4a53-5c70-4d0e-9d5e-0f6f3c9b1a11
    settings:
      description:
        - Every setting with the domain's own value (V(null) when unset) and the effective one (its own, else the
          global value; login and logout pages are not inherited).
      type: dict
      sample: {title: {own: null, effective: Example Mail}}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._objects.theme import THEME
from ansible_collections.carbonio.admin.plugins.module_utils._settings import run_settings_info_module


def main():
    run_settings_info_module(THEME)


if __name__ == '__main__':
    main()
