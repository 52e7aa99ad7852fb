#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_cert_info
short_description: Read the certificates of Carbonio domains, their chains and how long they stay valid
version_added: 0.1.0
description:
  - Returns the certificate of one domain or of every domain that has one, with the details Carbonio itself parses
    (those of the Admin Panel's certificate view, that is subject, alternative names, issuer and validity dates), the chain stored with it,
    its SHA-256 fingerprint, the days left and the virtual hosts its names do not cover.
  - O(expiring_within_days) keeps the certificates that expire soon, for a scheduled report.
  - The private key is never read.
  - Two round trips after authentication, whatever the number of domains.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes.INFO_MODULE
options:
  domain:
    description:
      - The domain whose certificate to read. Every domain when not set.
    type: str
  expiring_within_days:
    description:
      - Only the certificates with at most this many days left (expired ones included), and those Carbonio cannot parse.
    type: int
  download:
    description:
      - Also return each certificate and its chain in PEM, as the Admin Panel's DOWNLOAD saves them (never the key).
    type: bool
    default: false
requirements:
  - cryptography >= 42.0.0 on the controller
seealso:
  - module: carbonio.admin.carbonio_domain
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Certificates that expire within 30 days
  carbonio.admin.carbonio_cert_info:
    expiring_within_days: 30
  register: expiring
  delegate_to: localhost

- name: Save a domain's certificate and chain
  carbonio.admin.carbonio_cert_info:
    domain: example.com
    download: true
  register: example_cert
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: How many certificates were found.
  returned: always
  type: str
  sample: 2 certificates expiring within 30 days
certificates:
  description: One entry per domain with a certificate (and, with O(expiring_within_days), expiring soon), by domain name.
  returned: always
  type: list
  elements: dict
  sample: [{domain: example.com, virtual_hostnames: [mail.example.com], subject: CN=mail.example.com,
            subject_alt_names: [mail.example.com], issuer: "CN=R3,O=Let's Encrypt,C=US",
            not_before: "Nov 22 2026 16:26:01 UTC", not_after: "Feb 20 2027 16:26:00 UTC", valid_until: "2027-02-20T16:26:00Z",
            days_left: 86, fingerprint: "3A:1F:...", chain: [], uncovered_virtual_hostnames: []}]
  contains:
    domain:
      description: The domain's name.
      type: str
    virtual_hostnames:
      description: The domain's virtual host names.
      type: list
      elements: str
    subject:
      description: The certificate's subject, as Carbonio shows it (RFC 2253).
      type: str
    subject_alt_names:
      description: The certificate's alternative names, as Carbonio lists them.
      type: list
      elements: str
    issuer:
      description: The certificate's issuer, as Carbonio shows it.
      type: str
    not_before:
      description: Start of validity, as Carbonio shows it.
      type: str
    not_after:
      description: End of validity, as Carbonio shows it.
      type: str
    valid_until:
      description: End of validity in ISO 8601, UTC.
      type: str
    days_left:
      description: Whole days until the certificate expires; negative once it has.
      type: int
    fingerprint:
      description: SHA-256 fingerprint of the certificate, colon-separated hexadecimal.
      type: str
    chain:
      description: The certificates stored after it, in order, each with subject, issuer, subject_alt_names, not_before,
        not_after and fingerprint.
      type: list
      elements: dict
    uncovered_virtual_hostnames:
      description: The domain's virtual hosts the certificate's names do not cover.
      type: list
      elements: str
    certificate:
      description: The certificate in PEM.
      type: str
      returned: with O(download)
    chain_pem:
      description: The chain in PEM, in order.
      type: str
      returned: with O(download)
    error:
      description: Carbonio's error code and message when it cannot read the stored certificate.
      type: dict
      returned: when Carbonio fails to parse it
    parse_error:
      description: Why the stored value is not a PEM certificate.
      type: str
      returned: when the stored value does not parse
domains_without_certificate:
  description: The domains read that have no certificate of their own.
  returned: always
  type: list
  elements: str
'''

from ansible_collections.carbonio.admin.plugins.module_utils._certificate_info import run_cert_info_module


def main():
    run_cert_info_module()


if __name__ == '__main__':
    main()
