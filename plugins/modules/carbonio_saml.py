#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_saml
short_description: Configure SAML single sign-on for a Carbonio domain
version_added: 0.1.0
description:
  - Configures a domain's SAML single sign-on as the Admin Panel's SAML page does - imports the identity provider's
    metadata from its URL, has Carbonio generate the service provider's certificate, sets the IdP's logout and any
    other SAML property - or deletes the configuration (O(state=absent)).
  - Returns the entity ID and the assertion consumer service URL to give the identity provider.
  - The metadata is read from the controller first; Carbonio is asked to import it only when the IdP's entity ID,
    single sign-on or logout URL or signing certificate differ from what the domain holds, so a second run changes
    nothing. A URL that cannot be read, or that does not hold an IdP's metadata, fails before anything is stored.
  - The SP certificate is generated once, when the domain has none.
  - Properties given are compared with those stored and written one by one; the others are kept.
  - The SP's private key is never returned, logged or shown in a diff (V((hidden))).
  - A domain that does not exist is refused (in check mode it is predicted with a warning, for a domain an earlier
    task creates).
  - Talks to Carbonio Auth's REST service through the admin port; run it on the controller.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
options:
  domain:
    description:
      - Name of the domain. Internationalised names are converted to their ASCII form.
    type: str
    required: true
  state:
    description:
      - V(absent) deletes the domain's whole SAML configuration; give no other setting with it.
    type: str
    choices: [present, absent]
    default: present
  idp_metadata_url:
    description:
      - Where the identity provider publishes its SAML metadata. Carbonio fetches it from this URL and stores the IdP's
        entity ID, endpoints and certificate.
      - Must be C(https) unless O(allow_insecure=true).
    type: str
  allow_insecure:
    description:
      - Allow an C(http) O(idp_metadata_url), as the Admin Panel's Allow Unsecure does.
    type: bool
    default: false
  idp_metadata_ca_path:
    description:
      - PEM file of the CA that signed the metadata server's certificate, when the controller's system roots do not hold
        it. Carbonio checks the certificate against its own trust store.
    type: path
  properties:
    description:
      - SAML properties to set, by Carbonio's names (C(sp.*), C(idp.*), C(security.*), C(organization.*),
        C(contacts.*), C(compress.*), C(strict), C(debug)); booleans become V(true) or V(false).
      - V('') (or V(null)) removes a property. Properties not named are kept.
      - A property set here wins over the same one from O(idp_metadata_url).
      - The SP's private key cannot be given; use O(generate_sp_certificate).
    type: dict
    default: {}
  logout_url:
    description:
      - The IdP's single logout URL (C(idp.single_logout_service.url)), when its metadata does not give it or another
        one is wanted; V('') removes it.
    type: str
  sign_logout:
    description:
      - Sign logout requests and responses (C(security.logoutrequest_signed), C(security.logoutresponse_signed)).
        Signing needs the SP certificate.
    type: bool
  sign_authn_requests:
    description:
      - Sign authentication requests (C(security.authnrequest_signed)). Signing needs the SP certificate.
    type: bool
  generate_sp_certificate:
    description:
      - Have Carbonio generate the service provider's key and certificate (C(sp.x509cert), C(sp.privatekey)) when the
        domain has none. An existing certificate is kept.
    type: bool
    default: false
  sp_certificate:
    description:
      - The certificate O(generate_sp_certificate) makes, with the options of Carbonio's C(carbonio auth saml generate).
        The Admin Panel sends none and gets Carbonio's defaults; how Carbonio takes them on its REST service is inferred
        from the CLI.
    type: dict
    suboptions:
      days:
        description: Days the certificate is valid.
        type: int
        default: 365
      country:
        description: Country code of the subject.
        type: str
      state:
        description: State or province of the subject.
        type: str
      location:
        description: Locality of the subject.
        type: str
      organization:
        description: Organisation of the subject.
        type: str
      organizational_unit:
        description: Organisational unit of the subject.
        type: str
      digest:
        description: Signature digest.
        type: str
        choices: [SHA1, SHA256, SHA512]
        default: SHA256
      key_size:
        description: RSA key size in bits.
        type: int
        choices: [2048, 4096]
        default: 2048
  export_to:
    description:
      - Write the configuration, with Carbonio's defaults applied, as JSON to this file on the controller, as the Admin
        Panel's export does. It holds the SP's private key, so the file is made readable by its owner only.
      - Written only when its content changes (a change of the task).
    type: path
notes:
  - Carbonio identifies users by the C(mailPrimaryAddress) the IdP sends as NameID (format
    C(urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress)).
seealso:
  - module: carbonio.admin.carbonio_saml_info
  - name: SAML in Carbonio
    description: The Admin Panel's SAML page and Carbonio Auth's SAML commands.
    link: https://docs.zextras.com/carbonio/html/cli_commands/carbonio_auth.html
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Single sign-on through the company's IdP, with signed logout
  carbonio.admin.carbonio_saml:
    domain: example.com
    idp_metadata_url: https://idp.example.com/idp/metadata.xml
    generate_sp_certificate: true
    sp_certificate:
      days: 730
      organization: Example Ltd
    sign_logout: true
  register: sso
  delegate_to: localhost

- name: What to give the IdP
  ansible.builtin.debug:
    msg: "Entity ID {{ sso.entity_id }}, assertion consumer service {{ sso.service_url }}"

- name: The IdP's logout URL set by hand, and the configuration kept in a file
  carbonio.admin.carbonio_saml:
    domain: example.com
    logout_url: https://idp.example.com/idp/logout
    properties:
      security.want_assertions_signed: true
    export_to: saml-example.com.json
  delegate_to: localhost

- name: Back to password logins
  carbonio.admin.carbonio_saml:
    domain: example.com
    state: absent
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What was done, or would be done in check mode.
  returned: always
  type: str
  sample: "SAML of domain example.com: idp.entityid, idp.single_sign_on_service.url, idp.x509cert changed"
changed_settings:
  description: The properties that changed (or would change in check mode), the SP's key by its name only.
  returned: always
  type: list
  elements: str
  sample: [idp.entityid, idp.single_sign_on_service.url, idp.x509cert]
entity_id:
  description:
    - The service provider's entity ID to give the identity provider, as the Admin Panel shows it (from the domain's
      public service protocol and hostname, else the global ones); V(null) when no public service hostname is set.
  returned: success, with O(state=present)
  type: str
  sample: https://mail.example.com/zx/auth/samlMetadata?domain=example.com
service_url:
  description: The assertion consumer service URL to give the identity provider; V(null) as RV(entity_id) is.
  returned: success, with O(state=present)
  type: str
  sample: https://mail.example.com/zx/auth/saml
settings:
  description: The stored properties once the task is done (predicted in check mode), the SP's private key left out.
  returned: success
  type: dict
  sample: {idp.entityid: "https://idp.example.com/idp/metadata", security.logoutrequest_signed: "true"}
saml:
  description:
    - The configuration in this module's options (O(domain), O(properties) without the SP's key and certificate,
      O(generate_sp_certificate) true when a certificate is stored), as M(carbonio.admin.carbonio_saml_info) exports it.
  returned: success, with O(state=present)
  type: dict
  sample: {domain: example.com, properties: {idp.entityid: "https://idp.example.com/idp/metadata"}, generate_sp_certificate: true}
exported_to:
  description: The file O(export_to) names.
  returned: with O(export_to)
  type: str
  sample: saml-example.com.json
'''

from ansible_collections.carbonio.admin.plugins.module_utils._saml import run_saml_module


def main():
    run_saml_module()


if __name__ == '__main__':
    main()
