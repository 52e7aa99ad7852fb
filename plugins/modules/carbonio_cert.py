#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_cert
short_description: Give a Carbonio domain its own certificate, uploaded or issued by Let's Encrypt, and keep it valid
version_added: 0.1.0
description:
  - Makes a domain's certificate (the one its virtual hosts are served with) present or absent, as the Admin Panel's
    domain page does with UPLOAD CERTIFICATE, GENERATE CERTIFICATE and REMOVE.
  - With O(source=custom), the certificate, its chain and the private key are checked on the controller before anything
    is sent, each problem named with the option to correct. The key must match the certificate; the chain must lead, in order,
    from the certificate's issuer to a root it includes or the controller trusts; every certificate must be within its dates;
    the certificate's names must cover the domain's public service hostname and every virtual host; and it must not
    expire within O(renew_before_days). Carbonio then checks them too (C(VerifyCertKeyRequest), as the Admin Panel sends it),
    and they are stored as the Admin Panel stores them (the certificate followed by the chain, and the key), with a domain
    cache flush on every server.
  - The comparison is by fingerprints (certificate, chain, and the public half of the key); the key is never returned,
    shown in a diff or written to a log. An encrypted key is stored decrypted, because the proxies read it without a passphrase.
  - With O(source=letsencrypt), the module checks the prerequisites Carbonio documents (an effective public service
    hostname, at least one virtual host, a server running the proxy service, the global C(zimbraReverseProxyMailMode)
    set to C(redirect) and not set on the proxy servers), then asks Carbonio to issue the certificate (C(IssueCertRequest), the
    Admin Panel's GENERATE CERTIFICATE). It does so only when the domain has no certificate from the ACME CA
    (O(acme_issuer)), when the stored one does not cover a name the domain serves, or when it expires within
    O(renew_before_days).
  - Carbonio runs certbot on its first proxy server (by name) and answers at once. The certificate reaches the domain only when
    proxy configuration is regenerated on that server (C(/opt/zextras/libexec/zmproxyconfgen), then
    C(/opt/zextras/bin/zmproxyctl reload), as the C(zextras) user), so the module reports the request.
  - With O(source=acme), the collection itself obtains the certificate from any RFC 8555 CA (O(acme_directory), Let's
    Encrypt's production or staging directory, or another CA's) with the operator's account key, then stores it as a custom
    one. It takes two runs, because every proxy node must serve the http-01 challenges before the CA looks at them. The first
    run (without O(acme_order)) creates an order, when the stored certificate needs one (as for V(letsencrypt)), and returns
    the challenges. The second run (with the O(acme_order) the first returned) answers them, waits for the CA, makes a
    new key (EC P-256), finalizes the order and stores the certificate. The P(carbonio.admin.cert_deploy#role) role
    serves the challenges from every node between the two runs.
  - Carbonio no longer lets the caller choose the Let's Encrypt chain (its C(chainType) is ignored since mailbox 4.24.0),
    so the module offers no such choice.
  - A new certificate reaches nginx on a proxy node only when proxy configuration is regenerated there (the Admin Panel's
    hint to restart the proxy), with the same two commands on every proxy node.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
options:
  domain:
    description:
      - The domain's name.
    type: str
    required: true
  state:
    description:
      - V(present) stores or issues the certificate; V(absent) removes the domain's certificate and key (the domain's
        virtual hosts are then served with the proxy's default certificate).
    type: str
    choices: [present, absent]
    default: present
  source:
    description:
      - V(custom) stores the certificate given in O(certificate), O(chain) and O(private_key) (or their C(_path) forms).
      - V(letsencrypt) has Carbonio issue the certificate from Let's Encrypt for the domain's public service hostname and
        virtual hosts.
      - V(acme) has the collection obtain it from the ACME CA of O(acme_directory) for the same names.
    type: str
    choices: [custom, letsencrypt, acme]
    default: custom
  certificate:
    description:
      - The certificate in PEM, for O(source=custom). It may be followed by its chain (a full-chain file), in which case O(chain)
        is not needed.
    type: str
  certificate_path:
    description:
      - A PEM file on the controller holding the certificate (and possibly its chain), instead of O(certificate).
    type: path
  chain:
    description:
      - The CA certificates in PEM, in order, from the one that issued the certificate up to the root (the root may be left out
        when the controller trusts it).
    type: str
  chain_path:
    description:
      - A PEM file on the controller holding the chain, instead of O(chain).
    type: path
  private_key:
    description:
      - The certificate's private key in PEM (PKCS#8, RSA or EC). Never logged or returned.
    type: str
  private_key_path:
    description:
      - A PEM file on the controller holding the private key, instead of O(private_key).
    type: path
  private_key_passphrase:
    description:
      - The passphrase of an encrypted private key.
    type: str
  trusted_roots_path:
    description:
      - A PEM file of root certificates the chain may end at without including them.
      - When not set, the controller's default trust store is used.
    type: path
  renew_before_days:
    description:
      - With O(source=letsencrypt) or O(source=acme), a stored certificate expiring within this many days is issued again.
      - With O(source=custom), a given certificate expiring within this many days is refused, with its date, so that a
        scheduled run reports the certificate to replace.
    type: int
    default: 30
  acme_issuer:
    description:
      - Text found in the issuer name of certificates from the ACME CA (RFC 4514 form, for example C(O=Let's Encrypt)).
      - With O(source=letsencrypt) or O(source=acme), a stored certificate whose issuer does not contain it is replaced by
        an issued one.
      - When a custom certificate replaces one whose issuer contains it, or it is removed, the module warns that a certbot
        lineage on a proxy node would put the old certificate back.
    type: str
    default: O=Let's Encrypt
  acme_directory:
    description:
      - The ACME directory URL, for O(source=acme). Let's Encrypt's staging directory is
        U(https://acme-staging-v02.api.letsencrypt.org/directory).
    type: str
    default: https://acme-v02.api.letsencrypt.org/directory
  acme_account_key:
    description:
      - The ACME account's private key in PEM (RSA, or EC P-256, P-384 or P-521), for O(source=acme). The account is
        registered on first use. Never logged or returned.
    type: str
  acme_account_key_path:
    description:
      - A PEM file on the controller holding the account key, instead of O(acme_account_key).
    type: path
  acme_email:
    description:
      - The contact address registered with a new ACME account.
    type: str
  acme_ca_path:
    description:
      - A PEM file of the CA that signed the ACME server's own HTTPS certificate, for a private CA; the system's trust store
        otherwise.
    type: path
  acme_order:
    description:
      - The order URL the first O(source=acme) run returned; with it, the run finalizes that order and stores the certificate.
    type: str
  acme_timeout:
    description:
      - Seconds to wait for the CA to validate the challenges, then to issue.
    type: int
    default: 90
notes:
  - Runs on the controller (C(delegate_to) C(localhost)); certificate files are read there.
  - Only a global administrator may flush the servers' domain cache. For a delegated administrator the flush is refused
    with a warning, and the servers see the new certificate when their cache expires.
requirements:
  - cryptography >= 42.0.0 on the controller
  - acme (certbot's ACME library) on the controller, for O(source=acme)
seealso:
  - module: carbonio.admin.carbonio_cert_info
  - module: carbonio.admin.carbonio_domain
  - name: Let's Encrypt certificates in Carbonio
    description: The Admin Panel's procedure and its prerequisites.
    link: https://docs.zextras.com/carbonio/html/adminpanel/domains/details.html
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Upload a commercial certificate (checked locally and by Carbonio before it is stored)
  carbonio.admin.carbonio_cert:
    domain: example.com
    certificate_path: files/example.com/cert.pem
    chain_path: files/example.com/chain.pem
    private_key: "{{ vault_example_com_key }}"
  delegate_to: localhost

- name: Let's Encrypt for the domain's virtual hosts, issued again 30 days before expiry
  carbonio.admin.carbonio_cert:
    domain: example.com
    source: letsencrypt
  delegate_to: localhost

- name: Order a certificate from an ACME CA (first run); the role serves the challenges from every proxy node
  carbonio.admin.carbonio_cert:
    domain: example.com
    source: acme
    acme_directory: https://acme-staging-v02.api.letsencrypt.org/directory
    acme_account_key_path: files/acme-account.key
    acme_issuer: O=(STAGING) Let's Encrypt
  delegate_to: localhost
  register: acme_step

- name: Finalize it once the challenges are served (second run)
  carbonio.admin.carbonio_cert:
    domain: example.com
    source: acme
    acme_directory: https://acme-staging-v02.api.letsencrypt.org/directory
    acme_account_key_path: files/acme-account.key
    acme_order: "{{ acme_step.acme_order }}"
  delegate_to: localhost
  when: acme_step.acme_order is defined

- name: Back to the proxy's default certificate
  carbonio.admin.carbonio_cert:
    domain: example.com
    state: absent
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What was done.
  returned: always
  type: str
  sample: certificate of example.com replaced
changes:
  description: What differs from what was stored, among C(certificate), C(chain) and C(private_key) (the key compared by its
    public half).
  returned: always
  type: list
  elements: str
  sample: [certificate, private_key]
certificate:
  description: The domain's certificate after the run (with O(source=letsencrypt), the one stored when the module ran);
    empty after O(state=absent). Never the key.
  returned: always
  type: dict
  sample: {subject: CN=mail.example.com, issuer: CN=R3,O=Let's Encrypt,C=US, subject_alt_names: [mail.example.com],
           not_before: "2026-11-22T16:26:01Z", not_after: "2027-02-20T16:26:00Z", days_left: 86, fingerprint: "3A:1F:...",
           key_fingerprint: "9C:04:...", chain: [{subject: CN=R3,O=Let's Encrypt,C=US, fingerprint: "67:AD:..."}]}
  contains:
    subject:
      description: The certificate's subject (RFC 4514).
      type: str
    issuer:
      description: The certificate's issuer (RFC 4514).
      type: str
    subject_alt_names:
      description: The certificate's DNS names.
      type: list
      elements: str
    not_before:
      description: Start of validity in ISO 8601, UTC.
      type: str
    not_after:
      description: End of validity in ISO 8601, UTC.
      type: str
    days_left:
      description: Whole days until the certificate expires.
      type: int
    fingerprint:
      description: SHA-256 fingerprint of the certificate.
      type: str
    key_fingerprint:
      description: SHA-256 fingerprint of the public half of the stored key.
      type: str
    chain:
      description: The chain stored after the certificate, each with subject and fingerprint.
      type: list
      elements: dict
    parse_error:
      description: Why the stored value is not a PEM certificate.
      type: str
      returned: when the stored value does not parse
issue_reasons:
  description: Why a certificate is requested; empty when the stored one is current.
  returned: with O(source=letsencrypt) or O(source=acme), and O(state=present)
  type: list
  elements: str
  sample: [the stored certificate expires in 10 days, within renew_before_days (30)]
certbot_server:
  description: The proxy server where Carbonio runs certbot for the domain, and which holds its certbot lineage (the
    first server with the proxy service, by name).
  returned: with O(source=letsencrypt) and O(state=present)
  type: str
  sample: proxy1.example.com
acme_order:
  description: The ACME order to finalize in a second run, with O(acme_order).
  returned: with O(source=acme), when an order was created or finalized
  type: str
  sample: https://acme-v02.api.letsencrypt.org/acme/order/123/456
challenges:
  description: The http-01 challenges of the order, which every proxy node must serve at C(/opt/zextras/<path>).
  returned: with O(source=acme) and no O(acme_order)
  type: list
  elements: dict
  sample: [{identifier: mail.example.com, token: LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0,
            path: .well-known/acme-challenge/LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0, content: "LoqXcYV8...9jg46WB3M"}]
  contains:
    identifier:
      description: The host name the challenge proves.
      type: str
    token:
      description: The challenge's token.
      type: str
    path:
      description: Where, under Carbonio's installation folder, the content must be served from.
      type: str
    content:
      description: The key authorization the CA expects to read there (public, not a secret).
      type: str
issue_message:
  description: Carbonio's answer to the issue request (it mails the outcome to the notification recipients).
  returned: when a certificate was requested
  type: str
  sample: The System is processing your certificate generation request.
'''

from ansible_collections.carbonio.admin.plugins.module_utils._domain_certificate import run_cert_module


def main():
    run_cert_module()


if __name__ == '__main__':
    main()
