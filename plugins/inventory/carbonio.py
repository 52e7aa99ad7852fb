# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: carbonio
short_description: Carbonio servers as hosts, grouped by the services they run
description:
  - Reads the servers of a Zextras Carbonio installation through the admin API (C(GetAllServersRequest)) and adds each
    server as a host, named by its service hostname (C(zimbraServiceHostname)), or by the server's name when it has none.
  - Each host is put in one group per service the server has enabled (C(zimbraServiceEnabled), what runs on it), named
    C(carbonio_) and the service name with every character but letters, digits and C(_) made C(_),
    such as C(carbonio_mailbox), C(carbonio_proxy), C(carbonio_mta), C(carbonio_ldap), and so on. A service that is installed
    (C(zimbraServiceInstalled)) but not enabled puts the server in no group; it is in the host variable
    C(carbonio_services_installed).
  - Every service group is a child of the group C(carbonio_servers), which also holds every server directly (a server
    with no service enabled too), so that the variables of C(carbonio_servers) reach all of them.
  - "Each host gets the variables C(carbonio_server_name) (the server's name in Carbonio), C(carbonio_server_id)
    (its C(zimbraId)), C(carbonio_service_hostname), C(carbonio_services) (the enabled services, as Carbonio lists them),
    C(carbonio_services_installed) and C(carbonio_attrs) (the attributes named in O(attributes)). C(ansible_host) is
    not set: the host's name is already the name by which the server is reached; set it with O(compose) if needed."
  - The groups and variables are built anew on each run, so a server whose services change moves group on the next run
    (or when the cache expires, with O(cache) on; C(ansible-inventory --flush-cache) refreshes it at once).
  - The inventory source is a YAML file whose name ends in C(carbonio.yml) or C(carbonio.yaml), with
    C(plugin) set to C(carbonio.admin.carbonio).
  - The connection options take the same environment variables as the collection's modules, so the credentials an
    AWX/AAP credential type or a shell gives the modules serve the inventory too.
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description: The name of this plugin; must be C(carbonio.admin.carbonio) for this plugin to read the file.
    type: str
    required: true
    choices: ['carbonio.admin.carbonio']
  url:
    description:
      - URL of the Carbonio admin SOAP service, for example C(https://mail.example.com:7071/service/admin/soap/)
        (port 6071 when going through a proxy node).
      - A URL without a path, such as C(https://mail.example.com:7071), gets C(/service/admin/soap/) appended.
      - Only C(https) is accepted; a C(http) URL is refused before anything is sent, because the admin password and
        token would travel in clear.
      - Required, in the inventory file or in the environment.
    type: str
    env:
      - name: CARBONIO_URL
  admin_user:
    description:
      - Name of the admin account, for example C(admin@example.com).
      - Give O(admin_user) and O(admin_password), or O(auth_token).
    type: str
    env:
      - name: CARBONIO_ADMIN_USER
  admin_password:
    description:
      - Password of O(admin_user). Rather than writing it in the inventory file, give it in the environment.
    type: str
    env:
      - name: CARBONIO_ADMIN_PASSWORD
  auth_token:
    description:
      - An existing admin authentication token, used instead of O(admin_user) and O(admin_password).
    type: str
    env:
      - name: CARBONIO_AUTH_TOKEN
  validate_certs:
    description:
      - Verify the TLS certificate of the server. Turn off only for throw-away test servers.
    type: bool
    default: true
    env:
      - name: CARBONIO_VALIDATE_CERTS
  ca_path:
    description:
      - PEM file of the certificate authority that signed the server's certificate, when it is not in the system trust store.
    type: path
    env:
      - name: CARBONIO_CA_PATH
  timeout:
    description:
      - Seconds to wait for each HTTP answer; must be more than 0.
    type: int
    default: 30
  retries:
    description:
      - How many times the read is retried after a transport error or an HTTP 502, 503 or 504 answer; 0 or more.
    type: int
    default: 3
  attributes:
    description:
      - Attributes of each server to return in the host variable C(carbonio_attrs), as a dictionary of attribute name
        to value (a list when Carbonio holds several values), for O(compose), O(groups) and O(keyed_groups).
      - Values are the server's effective values (those it inherits from the global configuration included); an
        attribute the server does not have is left out.
    type: list
    elements: str
    default: []
notes:
  - The inventory reads the servers in two requests (authentication and C(GetAllServersRequest)) and changes nothing.
  - The admin account needs the right to read the servers (a global admin has it).
seealso:
  - plugin: ansible.builtin.constructed
    plugin_type: inventory
'''

EXAMPLES = r'''
# carbonio.yml: the connection comes from CARBONIO_URL, CARBONIO_ADMIN_USER, CARBONIO_ADMIN_PASSWORD
# (and CARBONIO_CA_PATH when a private CA signed the server's certificate) in the environment;
# ansible-inventory -i carbonio.yml --graph shows each server in the groups of its services
plugin: carbonio.admin.carbonio
# a group per proxy mail mode: carbonio_proxy_mail_mode_redirect, carbonio_proxy_mail_mode_https
attributes:
  - zimbraReverseProxyMailMode
keyed_groups:
  - key: carbonio_attrs.zimbraReverseProxyMailMode
    prefix: carbonio_proxy_mail_mode
# the servers that run both a mailbox and a proxy
groups:
  carbonio_all_in_one: "'mailbox' in carbonio_services and 'proxy' in carbonio_services"
# each server's admin SOAP URL, for tasks delegated to it
compose:
  carbonio_admin_url: "'https://' ~ inventory_hostname ~ ':7071/service/admin/soap/'"
'''

import re

from ansible.errors import AnsibleParserError
from ansible.module_utils.common.text.converters import to_native, to_text
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.display import Display
from ansible.utils.vars import combine_vars, load_extra_vars

from ansible_collections.carbonio.admin.plugins.module_utils._connection import new_client
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError, CarbonioFault, decode_attrs

display = Display()

ALL_SERVERS = 'carbonio_servers'
GROUP_PREFIX = 'carbonio_'
UNSAFE = re.compile(r'[^A-Za-z0-9_]')
# the credential options and their environment variables, named when Carbonio refuses the credentials
CREDENTIALS = (('admin_user', 'CARBONIO_ADMIN_USER'), ('admin_password', 'CARBONIO_ADMIN_PASSWORD'),
               ('auth_token', 'CARBONIO_AUTH_TOKEN'))


def group_name(service):
    """carbonio_<service>, with what Ansible refuses in a group name made '_'."""
    return GROUP_PREFIX + UNSAFE.sub('_', service)


def servers_of(answer):
    """[{name, id, attrs: {name: [values]}}] of a GetAllServersResponse, in Carbonio's order; a bad answer raises."""
    servers = answer.get('server', [])
    if isinstance(servers, dict):
        servers = [servers]
    if not isinstance(servers, list):
        raise CarbonioError('GetAllServersResponse: the server list is not a list')
    found = []
    for server in servers:
        if not isinstance(server, dict) or not isinstance(server.get('name'), str) or not server['name']:
            raise CarbonioError('GetAllServersResponse: a server without a name (%s)' % to_native(server)[:200])
        found.append({'name': server['name'], 'id': to_text(server.get('id') or ''), 'attrs': decode_attrs(server.get('a'))})
    return found


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    """Hosts from Carbonio's servers (admin API), one group per enabled service."""

    NAME = 'carbonio.admin.carbonio'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(('carbonio.yml', 'carbonio.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        config = self._read_config_data(path)
        # the options the file gives itself (said when Carbonio refuses the credentials)
        given = frozenset(key for key, value in config.items() if value is not None)
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option('cache') and cache
        update_cache = self.get_option('cache') and not cache
        servers = None
        if use_cache:
            try:
                servers = self._cache[cache_key]
            except KeyError:
                update_cache = True
        if servers is None:
            servers = self._read_servers(given)
        if update_cache:
            self._cache[cache_key] = servers
        self._populate(servers)

    def _connection_params(self):
        return dict((name, self.get_option(name)) for name in (
            'url', 'admin_user', 'admin_password', 'auth_token', 'validate_certs', 'ca_path', 'timeout', 'retries'))

    def _read_servers(self, given):
        params = self._connection_params()
        if not params['url']:
            raise AnsibleParserError('carbonio inventory: url: required, the admin SOAP URL such as '
                                     'https://mail.example.com:7071/service/admin/soap/ (CARBONIO_URL in the environment)')
        if not params['auth_token'] and not (params['admin_user'] and params['admin_password']):
            raise AnsibleParserError('carbonio inventory: give admin_user and admin_password (CARBONIO_ADMIN_USER and '
                                     'CARBONIO_ADMIN_PASSWORD in the environment), or auth_token (CARBONIO_AUTH_TOKEN)')
        try:
            client = new_client(params)
            return servers_of(client.soap('GetAllServersRequest'))
        except CarbonioFault as exc:
            hint = '; %s' % self._credentials_source(params, given) if exc.code == 'account.AUTH_FAILED' else ''
            raise AnsibleParserError('carbonio inventory: %s: %s%s' % (exc.code, exc.message, hint))
        except CarbonioError as exc:
            raise AnsibleParserError('carbonio inventory: %s' % exc)

    @staticmethod
    def _credentials_source(params, given):
        """Where the refused credentials came from: the inventory file or the environment."""
        def source(option, variable):
            return '%s from %s' % (option, 'the inventory file' if option in given else variable + ' in the environment')
        if params['auth_token'] and not params['admin_password']:
            return source(*CREDENTIALS[2])
        return 'the credentials were %s and %s' % (source(*CREDENTIALS[0]), source(*CREDENTIALS[1]))

    def _populate(self, servers):
        wanted = self.get_option('attributes')
        strict = self.get_option('strict')
        extra_vars = load_extra_vars(self.loader) if self.get_option('use_extra_vars') else {}
        self.inventory.add_group(ALL_SERVERS)
        taken = {}
        for server in servers:
            attrs = server['attrs']
            service_hostname = (attrs.get('zimbraServiceHostname') or [''])[0]
            host = service_hostname or server['name']
            if host in taken:
                display.warning('carbonio inventory: servers %s and %s both have the service hostname %s; the second is '
                                'added as %s' % (taken[host], server['name'], host, server['name']))
                host = server['name']
            taken[host] = server['name']
            self.inventory.add_host(host, group=ALL_SERVERS)
            services = attrs.get('zimbraServiceEnabled', [])
            variables = {
                'carbonio_server_name': server['name'],
                'carbonio_server_id': server['id'],
                'carbonio_service_hostname': service_hostname or None,
                'carbonio_services': services,
                'carbonio_services_installed': attrs.get('zimbraServiceInstalled', []),
                'carbonio_attrs': dict((name, attrs[name][0] if len(attrs[name]) == 1 else attrs[name])
                                       for name in wanted if name in attrs),
            }
            for name, value in variables.items():
                self.inventory.set_variable(host, name, value)
            for service in services:
                group = self.inventory.add_group(group_name(service))
                self.inventory.add_child(ALL_SERVERS, group)
                self.inventory.add_child(group, host)
            host_vars = combine_vars(self.inventory.get_host(host).get_vars(), extra_vars)
            self._set_composite_vars(self.get_option('compose'), host_vars, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), host_vars, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), host_vars, host, strict=strict)
