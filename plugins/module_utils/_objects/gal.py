# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: a domain's Global Address List settings (carbonio_gal, carbonio_gal_info).

Domain attributes, as the Admin Panel's GAL page edits them: the mode (internal, external or both), the external
directory users search (zimbraGalLdap*) and the one GAL sync reads when it differs (zimbraGalSync*, each falling
back to the search value when unset), and the internal search's reach. The GAL sync accounts are no attributes of
the domain and are kept apart (_gal).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._object_model import ObjectType, Option

# (option suffix, attribute suffix, kind, list): the external directory, the same for search and for sync
_EXTERNAL = (
    ('ldap_urls', 'URL', 'ldap_server_url', True),
    ('search_base', 'SearchBase', 'dn', False),
    ('bind_dn', 'BindDn', 'dn', False),
    ('bind_password', 'BindPassword', 'text', False),
    ('search_filter', 'Filter', 'gal_filter', False),
    ('auth_mechanism', 'AuthMech', 'enum', False),
    ('start_tls', 'StartTlsEnabled', 'bool', False),
    ('page_size', 'PageSize', 'int', False),
    ('kerberos_principal', 'Kerberos5Principal', 'text', False),
    ('kerberos_keytab', 'Kerberos5Keytab', 'text', False),
)


def _external(prefix, attribute_prefix):
    return [Option(prefix + name, attribute_prefix + suffix, kind, list=several, no_log=name == 'bind_password')
            for name, suffix, kind, several in _EXTERNAL]


OPTIONS = [Option('mode', 'zimbraGalMode', 'gal_mode')] + _external('', 'zimbraGalLdap') + [
    Option('autocomplete_filter', 'zimbraGalAutoCompleteLdapFilter', 'gal_filter'),
] + _external('sync_', 'zimbraGalSyncLdap') + [
    Option('internal_search_base', 'zimbraGalInternalSearchBase'),
    Option('sync_internal_search_base', 'zimbraGalSyncInternalSearchBase'),
    Option('max_results', 'zimbraGalMaxResults', 'int'),
]
SECRET_OPTIONS = tuple(option.name for option in OPTIONS if option.no_log)
# the sync values Carbonio falls back from: {sync attribute: search attribute}
SYNC_FALLBACK = dict(('zimbraGalSyncLdap' + suffix, 'zimbraGalLdap' + suffix) for _name, suffix, _kind, _list in _EXTERNAL)
EXTERNAL_MODES = ('ldap', 'both')

GAL = ObjectType(
    element='domain', label='GAL', module='carbonio_gal', object_class='domain', options=OPTIONS,
    requests=dict(get='GetDomainRequest', get_all='GetAllDomainsRequest', modify='ModifyDomainRequest'),
    missing_fault='account.NO_SUCH_DOMAIN', get_extra={'applyConfig': 0}, inherits='config', plural='gals',
)
