#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_theme
short_description: Set Carbonio's white-label theme, globally or for one domain
version_added: 0.1.0
description:
  - Sets the logos, backgrounds, favicons, colours, titles and login and logout pages of the web client and the Admin
    Panel, the 27 settings the Admin Panel's white-label pages edit, for the global configuration (O(scope=global)) or
    for one domain (O(domain)). A domain's value overrides the global one; a domain that sets none inherits it.
  - Only the options you set are managed; to remove a value give V('') (a domain then falls back to the global
    value). O(reset=true) does what the Admin Panel's RESET does at that level.
  - Values are checked as the Admin Panel checks them before anything is sent; colours are V(#RGB) or V(#RRGGBB), and
    every image and page link an https URL whose host name has a dot.
  - The theme is never created or deleted; a domain that does not exist is refused (in check mode it is predicted
    with a warning, for a domain an earlier task creates).
  - This module stores the links only; the files must already be served at those URLs.
  - Talks to the Carbonio admin SOAP service; run it on the controller.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
options:
  scope:
    description:
      - V(global) sets the global theme (the global configuration). Give O(domain) instead for a domain's theme;
        V(domain) may be given with it.
    type: str
    choices: [global, domain]
  domain:
    description:
      - Name of the domain whose theme is set. Internationalised names are converted to their ASCII form.
    type: str
  reset:
    description:
      - Empty every white-label setting this task does not give, as the Admin Panel's RESET does, then apply the ones
        it gives.
      - At the global level RESET also removes Carbonio's shipped defaults (such as the title C(Carbonio Client)) and
        sets O(dark_mode=false); on a domain it removes every value, O(dark_mode) included, so the domain inherits
        the global theme.
    type: bool
    default: false
  title:
    description:
      - Title of the web client, shown in the browser tab and on the login page.
      - Carbonio attribute C(carbonioWebUiTitle).
    type: raw
  description:
    description:
      - Text of the web client's login page, shown as its copyright line.
      - Carbonio attribute C(carbonioWebUiDescription).
    type: raw
  primary_color:
    description:
      - Main colour of the web client, as V(#RGB) or V(#RRGGBB).
      - Carbonio attribute C(carbonioWebUiPrimaryColor).
    type: raw
  dark_primary_color:
    description:
      - Main colour of the web client in dark mode, as V(#RGB) or V(#RRGGBB).
      - Carbonio attribute C(carbonioWebUiDarkPrimaryColor).
    type: raw
  dark_mode:
    description:
      - Whether the web client starts in dark mode (users can still choose).
      - Carbonio attribute C(carbonioWebUiDarkMode).
    type: raw
  logo_url:
    description:
      - Logo in the web client's top bar (suggested 8:1, about 250x31).
      - Carbonio attribute C(carbonioWebUiAppLogo).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  logo_dark_url:
    description:
      - Logo in the web client's top bar in dark mode.
      - Carbonio attribute C(carbonioWebUiDarkAppLogo).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  login_logo_url:
    description:
      - Logo on the web client's login page (suggested SVG, 4:1, about 340x85).
      - Carbonio attribute C(carbonioWebUiLoginLogo).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  login_logo_dark_url:
    description:
      - Logo on the web client's login page in dark mode.
      - Carbonio attribute C(carbonioWebUiDarkLoginLogo).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  login_background_url:
    description:
      - Background of the web client's login page (suggested JPG or PNG, 16:9, under 800 KB).
      - Carbonio attribute C(carbonioWebUiLoginBackground).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  login_background_dark_url:
    description:
      - Background of the web client's login page in dark mode.
      - Carbonio attribute C(carbonioWebUiDarkLoginBackground).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  favicon_url:
    description:
      - Favicon of the web client (suggested ICO, 32x32).
      - Carbonio attribute C(carbonioWebUiFavicon).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  login_page_url:
    description:
      - Page users are sent to to log in, instead of Carbonio's own (single sign-on portals).
      - Not inherited by domains from the global value; Carbonio applies it after the proxy is restarted.
      - Carbonio attribute C(carbonioWebUILoginURL).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  logout_page_url:
    description:
      - Page users are sent to after logging out. Not inherited by domains from the global value; Carbonio applies it after the proxy is restarted.
      - Carbonio attribute C(carbonioWebUILogoutURL).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  logo_link:
    description:
      - Where a click on the logo leads (at most 256 characters; the Admin Panel does not check its form).
      - Carbonio attribute C(carbonioLogoUrl).
    type: raw
  admin_title:
    description:
      - Title of the Admin Panel.
      - Carbonio attribute C(carbonioAdminUiTitle).
    type: raw
  admin_description:
    description:
      - Text of the Admin Panel's login page, shown as its copyright line.
      - Carbonio attribute C(carbonioAdminUiDescription).
    type: raw
  admin_logo_url:
    description:
      - Logo in the Admin Panel's top bar (suggested 5:1, about 150x30).
      - Carbonio attribute C(carbonioAdminUiAppLogo).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  admin_logo_dark_url:
    description:
      - Logo in the Admin Panel's top bar in dark mode.
      - Carbonio attribute C(carbonioAdminUiDarkAppLogo).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  admin_login_logo_url:
    description:
      - Logo on the Admin Panel's login page (suggested SVG, 7:1, about 340x47).
      - Carbonio attribute C(carbonioAdminUiLoginLogo).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  admin_login_logo_dark_url:
    description:
      - Logo on the Admin Panel's login page in dark mode.
      - Carbonio attribute C(carbonioAdminUiDarkLoginLogo).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  admin_background_url:
    description:
      - Background of the Admin Panel's login page.
      - Carbonio attribute C(carbonioAdminUiBackground).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  admin_background_dark_url:
    description:
      - Background of the Admin Panel's login page in dark mode.
      - Carbonio attribute C(carbonioAdminUiDarkBackground).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  admin_favicon_url:
    description:
      - Favicon of the Admin Panel.
      - Carbonio attribute C(carbonioAdminUiFavicon).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  admin_login_page_url:
    description:
      - Page admins are sent to to log in. Not inherited by domains from the global value; Carbonio applies it after the proxy is restarted.
      - Carbonio attribute C(carbonioAdminUILoginURL).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  admin_logout_page_url:
    description:
      - Page admins are sent to after logging out. Not inherited by domains from the global value; Carbonio applies it after the proxy is restarted.
      - Carbonio attribute C(carbonioAdminUILogoutURL).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw
  admin_documentation_url:
    description:
      - Documentation the Admin Panel links to.
      - Carbonio attribute C(carbonioAdminDocumentationUrl).
      - An https URL whose host name has a dot, as the Admin Panel requires.
    type: raw

seealso:
  - module: carbonio.admin.carbonio_theme_info
  - module: carbonio.admin.carbonio_domain
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Brand Carbonio for every domain
  carbonio.admin.carbonio_theme:
    scope: global
    title: Example Mail
    admin_title: Example Mail Admin
    primary_color: "#0055aa"
    logo_url: https://mail.example.com/static/custom/logo.svg
    favicon_url: https://mail.example.com/static/custom/favicon.ico
  delegate_to: localhost

- name: One customer's own look, the rest inherited
  carbonio.admin.carbonio_theme:
    domain: example.com
    title: Example Customer Mail
    primary_color: "#a50"
    dark_mode: true
  delegate_to: localhost

- name: Back to the global theme for that domain (the Admin Panel's RESET)
  carbonio.admin.carbonio_theme:
    domain: example.com
    reset: true
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What was done, or would be done in check mode.
  returned: always
  type: str
  sample: "theme of domain example.com: 2 settings changed"
changed_attributes:
  description: The Carbonio attributes that changed (or would change in check mode).
  returned: always
  type: list
  elements: str
  sample: [carbonioWebUiPrimaryColor, carbonioWebUiTitle]
theme:
  description:
    - The theme set at that level once the task is done, in this module's own options (O(scope) or O(domain), then
      every setting that level sets itself).
  returned: success
  type: dict
  sample: {domain: example.com, title: Example Customer Mail, primary_color: "#a50", dark_mode: true}
settings:
  description:
    - For a domain, every setting with the domain's own value and the effective one (its own, else the global value
      it inherits; login and logout pages are not inherited).
  returned: success, with O(domain)
  type: dict
  sample:
    title: {own: Example Customer Mail, effective: Example Customer Mail}
    logo_url: {own: null, effective: "https://mail.example.com/static/custom/logo.svg"}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._objects.theme import DOMAIN_RESET, GLOBAL_RESET, THEME
from ansible_collections.carbonio.admin.plugins.module_utils._settings import run_settings_module


def main():
    run_settings_module(THEME, dict(domain=DOMAIN_RESET, **{'global': GLOBAL_RESET}))


if __name__ == '__main__':
    main()
