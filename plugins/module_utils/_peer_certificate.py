# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the certificate a server presents, said in a TLS failure's message.

When verification fails, the operator needs to know which certificate was refused (its subject, issuer and expiry)
to give the right CA as ca_path. It is read by a second handshake that verifies nothing and sends nothing, made
only on that failure. Decoding uses cryptography where it is installed (ansible-core requires it on the
controller, where these modules run); without it the message still says what failed, without the details.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ssl

from ansible_collections.carbonio.admin.plugins.module_utils._served import handshake_certificate

try:
    from cryptography import x509
    HAS_CRYPTOGRAPHY = True
except ImportError:  # pragma: no cover - a node without cryptography gets the message without the details
    HAS_CRYPTOGRAPHY = False


def peer_certificate(host, port, timeout=10):
    """The DER certificate the server at host:port presents, None when it cannot be read."""
    try:
        return handshake_certificate(host, port, host, timeout)
    except (OSError, ssl.SSLError, ValueError):
        return None


def describe_certificate(der):
    """'subject CN=..., issued by CN=..., valid until 2027-01-01T00:00:00Z' of a DER certificate, None when unknown."""
    if not der or not HAS_CRYPTOGRAPHY:
        return None
    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    until = (getattr(cert, 'not_valid_after_utc', None) or cert.not_valid_after).strftime('%Y-%m-%dT%H:%M:%SZ')
    return 'subject %s, issued by %s, valid until %s' % (cert.subject.rfc4514_string(), cert.issuer.rfc4514_string(), until)
