#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_gal
short_description: Set a Carbonio domain's Global Address List
version_added: 0.1.0
description:
  - Sets how a domain's Global Address List finds people, as the Admin Panel's GAL page does - Carbonio's own
    accounts (O(mode=internal)), the company's LDAP directory (O(mode=external)) or both - and the external directory's
    settings, for the searches users make and, where they differ, for GAL sync.
  - Only the options you set are managed; to remove a value give V('') (a sync setting then falls back to the search
    setting of the same name, as Carbonio does).
  - Before anything is sent the settings as they would be after the task are checked as a whole - an external mode
    needs O(ldap_urls), simple authentication a bind DN and password, a filter name must be a filter the global
    configuration defines - and each value's form (server URLs, distinguished names, filters that parse).
  - With O(check_external=true) the external directory is also asked before anything is written, from where the
    module runs and by Carbonio itself; a failure names the option to fix and nothing is written.
  - The GAL is never created or deleted with the domain; a domain that does not exist is refused (in check mode it
    is predicted with a warning, for a domain an earlier task creates).
  - Talks to the Carbonio admin SOAP service; run it on the controller.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
requirements:
  - ldap3 (with O(check_external=true) only), where the module runs
options:
  domain:
    description:
      - Name of the domain. Internationalised names are converted to their ASCII form.
    type: str
    required: true
  mode:
    description:
      - Where users' GAL searches look - V(internal) (Carbonio's own accounts), V(external) (the external directory)
        or V(both).
      - Carbonio attribute C(zimbraGalMode) (V(zimbra), V(ldap), V(both)).
    type: raw
  ldap_urls:
    description:
      - The external directory's server, as V(ldap://host[:port]) or V(ldaps://host[:port]).
      - Carbonio refuses a change that writes several (its check treats the setting as single-valued), so give one.
      - Carbonio attribute C(zimbraGalLdapURL).
    type: list
    elements: str
  search_base:
    description:
      - Distinguished name under which the external directory is searched.
      - Carbonio attribute C(zimbraGalLdapSearchBase).
    type: raw
  bind_dn:
    description:
      - Distinguished name Carbonio binds as with O(auth_mechanism=simple).
      - Carbonio attribute C(zimbraGalLdapBindDn).
    type: raw
  bind_password:
    description:
      - Password of O(bind_dn). Never shown in results or diffs (a diff says V((hidden)) when it changes).
      - Compared with the stored value, so a run that gives the same password changes nothing.
      - Carbonio attribute C(zimbraGalLdapBindPassword).
    type: raw
  search_filter:
    description:
      - Filter of users' searches, V(%s) standing for what they type, such as
        V((&(|(cn=*%s*)(mail=*%s*))(objectClass=person))); or the name of a filter of the global
        C(zimbraGalLdapFilterDef), such as V(ad).
      - Carbonio attribute C(zimbraGalLdapFilter).
    type: raw
  autocomplete_filter:
    description:
      - Filter of the address autocompletion, in the same forms as O(search_filter).
      - Carbonio attribute C(zimbraGalAutoCompleteLdapFilter).
    type: raw
  auth_mechanism:
    description:
      - How Carbonio binds to the external directory - V(none) (anonymously), V(simple) (O(bind_dn) and
        O(bind_password)) or V(kerberos5) (O(kerberos_principal) and O(kerberos_keytab)).
      - Carbonio attribute C(zimbraGalLdapAuthMech).
    type: raw
  start_tls:
    description:
      - Whether Carbonio upgrades its connection with StartTLS.
      - Carbonio attribute C(zimbraGalLdapStartTlsEnabled).
    type: raw
  page_size:
    description:
      - Entries per page of a search of the external directory (at most 1000).
      - Carbonio attribute C(zimbraGalLdapPageSize).
    type: raw
  kerberos_principal:
    description:
      - Kerberos principal with O(auth_mechanism=kerberos5).
      - Carbonio attribute C(zimbraGalLdapKerberos5Principal).
    type: raw
  kerberos_keytab:
    description:
      - Path of the keytab on the mailbox servers, with O(auth_mechanism=kerberos5).
      - Carbonio attribute C(zimbraGalLdapKerberos5Keytab).
    type: raw
  sync_ldap_urls:
    description:
      - The servers GAL sync reads, tried in turn, compared as a set; unset, GAL sync uses O(ldap_urls).
      - Carbonio attribute C(zimbraGalSyncLdapURL).
    type: list
    elements: str
  sync_search_base:
    description:
      - As O(search_base), for GAL sync; unset, GAL sync uses O(search_base).
      - Carbonio attribute C(zimbraGalSyncLdapSearchBase).
    type: raw
  sync_bind_dn:
    description:
      - As O(bind_dn), for GAL sync; unset, GAL sync uses O(bind_dn).
      - Carbonio attribute C(zimbraGalSyncLdapBindDn).
    type: raw
  sync_bind_password:
    description:
      - As O(bind_password), for GAL sync; unset, GAL sync uses O(bind_password). Never shown.
      - Carbonio attribute C(zimbraGalSyncLdapBindPassword).
    type: raw
  sync_search_filter:
    description:
      - As O(search_filter), for GAL sync (which reads every entry; V(%s) is not used); unset, GAL sync uses O(search_filter).
      - Carbonio attribute C(zimbraGalSyncLdapFilter).
    type: raw
  sync_auth_mechanism:
    description:
      - As O(auth_mechanism), for GAL sync; unset, GAL sync uses O(auth_mechanism).
      - Carbonio attribute C(zimbraGalSyncLdapAuthMech).
    type: raw
  sync_start_tls:
    description:
      - As O(start_tls), for GAL sync; unset, GAL sync uses O(start_tls).
      - Carbonio attribute C(zimbraGalSyncLdapStartTlsEnabled).
    type: raw
  sync_page_size:
    description:
      - As O(page_size), for GAL sync.
      - Carbonio attribute C(zimbraGalSyncLdapPageSize).
    type: raw
  sync_kerberos_principal:
    description:
      - As O(kerberos_principal), for GAL sync.
      - Carbonio attribute C(zimbraGalSyncLdapKerberos5Principal).
    type: raw
  sync_kerberos_keytab:
    description:
      - As O(kerberos_keytab), for GAL sync.
      - Carbonio attribute C(zimbraGalSyncLdapKerberos5Keytab).
    type: raw
  internal_search_base:
    description:
      - What an internal search covers - V(DOMAIN) (this domain), V(SUBDOMAINS) (with its subdomains), V(ROOT) (every
        domain) or a distinguished name.
      - Carbonio attribute C(zimbraGalInternalSearchBase).
    type: raw
  sync_internal_search_base:
    description:
      - As O(internal_search_base), for GAL sync of internal accounts.
      - Carbonio attribute C(zimbraGalSyncInternalSearchBase).
    type: raw
  max_results:
    description:
      - Most entries a GAL search returns.
      - Carbonio attribute C(zimbraGalMaxResults).
    type: raw
  check_external:
    description:
      - Before anything is written, check the external directory settings as they would be after the task - bind and
        search from where the module runs (with the Python library ldap3), then ask Carbonio
        (C(CheckGalConfigRequest)) - for the search settings and, when any sync setting is set, for the sync ones.
      - A server that does not answer, a refused bind, a search base that does not exist, a filter that finds no one,
        or a C(check.*) code other than C(check.OK) from Carbonio fails the task naming the option to fix; nothing is
        written. The result's RV(external_check) says how many entries the search found and names a few.
      - Runs in check mode too (it only reads).
    type: bool
    default: false
  sync_accounts:
    description:
      - The domain's GAL sync accounts - hidden system accounts whose data sources copy the domain's accounts
        (V(internal)) or the external directory (V(external)) into a contacts folder on a schedule, as the Admin
        Panel's GAL page adds them. Only the accounts listed are managed.
      - A new account is created on O(sync_accounts[].server) with its first data source; a data source the account
        lacks is added to it; a data source's type and polling interval are changed in place.
      - Planned as a whole before anything is written - an address that is an ordinary account (or another domain's
        GAL sync account) is refused, never turned into or deleted as one; Carbonio's one new GAL sync account per
        domain and mail server and its one data source per contacts folder are checked first.
      - M(carbonio.admin.carbonio_account) with O(carbonio.admin.carbonio_account#module:accounts_mode=exact) never
        deletes a GAL sync account, so this is the place to remove one.
    type: list
    elements: dict
    suboptions:
      address:
        description: The GAL sync account's address.
        type: str
        required: true
      datasource:
        description: Name of its data source; default V(InternalGal) or V(ExternalGal) by O(sync_accounts[].type).
        type: str
      type:
        description: What the data source copies - the domain's own accounts (V(internal)) or the external directory (V(external)).
        type: str
        choices: [internal, external]
        default: internal
      server:
        description:
          - Mailbox server the account lives on; when there is a single mailbox server, that one. A GAL sync account
            does not move, so another server than the one it is on is refused.
        type: str
      folder:
        description:
          - Contacts folder the data source fills, used when the data source is created (Carbonio's default is
            V(/Contacts)); a second data source of the same account needs a folder of its own.
        type: str
      polling_interval:
        description:
          - How often the data source is synchronised, as V(1d), V(12h) or V(30m) (at least a minute; V(0) for never).
            Unset, the account's or class of service's default applies and is not managed.
        type: raw
      state:
        description: V(absent) deletes the GAL sync account, all its data sources with it.
        type: str
        choices: [present, absent]
        default: present
  resync:
    description:
      - Synchronise every data source of every GAL sync account of the domain now, after any change this task makes -
        V(trickle) (what changed since the last sync), V(full) (every entry again, removing those that left) or
        V(reset) (the folder emptied and filled again), as the Admin Panel's RE-SYNC and C(zmgsautil) do.
      - An action, never part of idempotence - a task with O(resync) always reports a change (a domain without GAL sync
        accounts gets a warning instead); in check mode nothing is sent.
    type: str
    choices: [trickle, full, reset]
  check_ca_path:
    description:
      - With O(check_external), a PEM file of the CA that signed the external directory's certificate, for V(ldaps://)
        URLs and O(start_tls); by default the system's trusted roots. The certificate is always checked.
      - Carbonio checks it against its own trust store.
    type: path
  check_query:
    description:
      - What O(check_external) searches for in place of V(%s); empty, the check looks for every entry the filter allows.
    type: str
    default: ''
seealso:
  - module: carbonio.admin.carbonio_gal_info
  - module: carbonio.admin.carbonio_domain
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Users search the company directory as well as Carbonio's accounts
  carbonio.admin.carbonio_gal:
    domain: example.com
    mode: both
    ldap_urls: [ldaps://ldap.example.com]
    search_base: ou=people,dc=example,dc=com
    auth_mechanism: simple
    bind_dn: cn=gal-reader,ou=services,dc=example,dc=com
    bind_password: "{{ vault_gal_reader_password }}"
    search_filter: (&(|(cn=*%s*)(mail=*%s*))(objectClass=inetOrgPerson))
    check_external: true
  delegate_to: localhost

- name: A GAL sync account for the company directory, synchronised twice a day, and synchronised now
  carbonio.admin.carbonio_gal:
    domain: example.com
    sync_accounts:
      - address: galsync@example.com
        type: external
        polling_interval: 12h
    resync: full
  delegate_to: localhost

- name: Back to Carbonio's own accounts only
  carbonio.admin.carbonio_gal:
    domain: example.com
    mode: internal
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What was done, or would be done in check mode.
  returned: always
  type: str
  sample: "GAL of domain example.com: 3 settings changed"
changed_attributes:
  description: The Carbonio attributes that changed (or would change in check mode).
  returned: always
  type: list
  elements: str
  sample: [zimbraGalLdapURL, zimbraGalMode]
gal:
  description:
    - The domain's GAL settings once the task is done, in this module's own options (O(domain), then every setting
      the domain sets itself); the bind passwords are left out.
  returned: success
  type: dict
  sample: {domain: example.com, mode: both, ldap_urls: ["ldaps://ldap.example.com"], search_base: "ou=people,dc=example,dc=com"}
settings:
  description:
    - Every GAL setting but the passwords, with the domain's own value and the effective one (its own, else the global
      value it inherits, else for a sync setting the search setting it falls back to).
  returned: success
  type: dict
  sample:
    mode: {own: both, effective: both}
    sync_search_base: {own: null, effective: "ou=people,dc=example,dc=com"}
sync_account_changes:
  description: What was done (or would be done in check mode) to the GAL sync accounts, in order; with a failure, what was done before it.
  returned: with O(sync_accounts)
  type: list
  elements: str
  sample: ["galsync@example.com created on mail.example.com with data source ExternalGal"]
resynced:
  description: With O(resync), each data source synchronised (or that would be, in check mode) - C(address), C(datasource) and C(kind).
  returned: with O(resync)
  type: list
  elements: dict
  sample: [{address: galsync@example.com, datasource: ExternalGal, kind: full}]
external_check:
  description: With O(check_external), what each check found.
  returned: with O(check_external=true), on success
  type: dict
  contains:
    search:
      description:
        - The check of the search settings - how many C(entries) the search found with which C(filter), a C(sample)
          of their names, and the C(carbonio) code of Carbonio's own check.
      type: dict
    sync:
      description: The same for the sync settings, when any is set.
      type: dict
      returned: when a sync setting is set
  sample: {search: {entries: 300, filter: "(&(|(cn=*)(mail=*))(objectClass=inetOrgPerson))", sample: [Ada Rossi, Bruno Rossi], carbonio: check.OK}}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._gal import run_gal_module


def main():
    run_gal_module()


if __name__ == '__main__':
    main()
