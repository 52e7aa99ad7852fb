# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the white-label theme (carbonio_theme, carbonio_theme_info).

The 27 attributes the Admin Panel's global and domain theme pages edit (the same on both; every one is optional in
globalConfig and domain), with the Panel's own validation: colours #RGB or #RRGGBB, image and page links https with a
dotted host name, the logo link and the texts free. RESET empties all 27 at both levels, except that the global page
writes dark mode FALSE where a domain's reset removes it (so the domain falls back to the global value).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._object_model import ObjectType, Option

OPTIONS = [
    # what users see (the web client)
    Option('title', 'carbonioWebUiTitle'),
    Option('description', 'carbonioWebUiDescription'),
    Option('primary_color', 'carbonioWebUiPrimaryColor', 'colour'),
    Option('dark_primary_color', 'carbonioWebUiDarkPrimaryColor', 'colour'),
    Option('dark_mode', 'carbonioWebUiDarkMode', 'bool'),
    Option('logo_url', 'carbonioWebUiAppLogo', 'white_label_url'),
    Option('logo_dark_url', 'carbonioWebUiDarkAppLogo', 'white_label_url'),
    Option('login_logo_url', 'carbonioWebUiLoginLogo', 'white_label_url'),
    Option('login_logo_dark_url', 'carbonioWebUiDarkLoginLogo', 'white_label_url'),
    Option('login_background_url', 'carbonioWebUiLoginBackground', 'white_label_url'),
    Option('login_background_dark_url', 'carbonioWebUiDarkLoginBackground', 'white_label_url'),
    Option('favicon_url', 'carbonioWebUiFavicon', 'white_label_url'),
    Option('login_page_url', 'carbonioWebUILoginURL', 'white_label_url'),
    Option('logout_page_url', 'carbonioWebUILogoutURL', 'white_label_url'),
    Option('logo_link', 'carbonioLogoUrl'),
    # what admins see (the Admin Panel)
    Option('admin_title', 'carbonioAdminUiTitle'),
    Option('admin_description', 'carbonioAdminUiDescription'),
    Option('admin_logo_url', 'carbonioAdminUiAppLogo', 'white_label_url'),
    Option('admin_logo_dark_url', 'carbonioAdminUiDarkAppLogo', 'white_label_url'),
    Option('admin_login_logo_url', 'carbonioAdminUiLoginLogo', 'white_label_url'),
    Option('admin_login_logo_dark_url', 'carbonioAdminUiDarkLoginLogo', 'white_label_url'),
    Option('admin_background_url', 'carbonioAdminUiBackground', 'white_label_url'),
    Option('admin_background_dark_url', 'carbonioAdminUiDarkBackground', 'white_label_url'),
    Option('admin_favicon_url', 'carbonioAdminUiFavicon', 'white_label_url'),
    Option('admin_login_page_url', 'carbonioAdminUILoginURL', 'white_label_url'),
    Option('admin_logout_page_url', 'carbonioAdminUILogoutURL', 'white_label_url'),
    Option('admin_documentation_url', 'carbonioAdminDocumentationUrl', 'white_label_url'),
]

# What RESET writes at each level (features 2.3): '' removes the attribute.
GLOBAL_RESET = dict((option.attribute, []) for option in OPTIONS)
GLOBAL_RESET['carbonioWebUiDarkMode'] = ['FALSE']
DOMAIN_RESET = dict((option.attribute, []) for option in OPTIONS)


def _object_class(params):
    return 'domain' if params.get('domain') else 'globalConfig'


# A domain's theme is read with its own values only (applyConfig 0) and the global configuration for what it inherits.
THEME = ObjectType(
    element='domain', label='theme', module='carbonio_theme', object_class='domain', options=OPTIONS,
    requests=dict(get='GetDomainRequest', get_all='GetAllDomainsRequest', modify='ModifyDomainRequest'),
    missing_fault='account.NO_SUCH_DOMAIN', get_extra={'applyConfig': 0}, inherits='config', plural='themes',
    hooks=dict(object_class=_object_class),
)
