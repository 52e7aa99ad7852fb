# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: what one proxy node serves under a host name, asked at the node's own address.

The name goes in the TLS handshake (SNI) and, for a file, as the HTTP Host, as a browser sends them: the node may be one
of several behind that name, and the name need not resolve from where this runs. A certificate is read without
verifying it (the point is to see which one is served, a wrong or expired one too); a file is fetched with the
certificate validated for the name. Problems are said per name or per path, never raised, so one run says all.
Used by carbonio_served_cert_info, carbonio_served_file_info and, for a TLS failure's message, _peer_certificate.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import http.client
import socket
import ssl


def handshake_certificate(address, port, server_name, timeout):
    """The DER certificate the server at address:port answers a handshake for server_name with (unverified); raises
    OSError or ssl.SSLError."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection((address, port), timeout=timeout) as raw:
        with context.wrap_socket(raw, server_hostname=server_name) as tls:
            return tls.getpeercert(binary_form=True)


def fingerprint(der):
    """The SHA-256 fingerprint of a DER certificate, colon-separated upper-case hexadecimal."""
    return ':'.join('%02X' % byte for byte in bytearray(hashlib.sha256(der).digest()))


def _bare(fingerprint_text):
    return fingerprint_text.replace(':', '').strip().upper()


def certificates_served(address, port, names, timeout, expected=None):
    """[{server_name, fingerprint, error?, matches?}] for each name; expected: a fingerprint in any case, colons or not."""
    served = []
    for name in names:
        entry = dict(server_name=name, fingerprint='')
        try:
            entry['fingerprint'] = fingerprint(handshake_certificate(address, port, name, timeout))
        except (OSError, ssl.SSLError) as exc:
            entry['error'] = '%s:%d: %s' % (address, port, exc)
        if expected:
            entry['matches'] = _bare(entry['fingerprint']) == _bare(expected)
        served.append(entry)
    return served


class _NodeConnection(http.client.HTTPSConnection):
    """HTTPS to one node's address, with the host name in the handshake, in the certificate check and as Host."""

    def __init__(self, address, server_name, port, context, timeout):
        http.client.HTTPSConnection.__init__(self, server_name, port, timeout=timeout, context=context)
        self._address = address
        self._tls = context

    def connect(self):
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)


def _fetch(address, port, server_name, path, context, timeout):
    found = dict(path=path, status=None, size=None, sha256=None, error=None)
    connection = _NodeConnection(address, server_name, port, context, timeout)
    try:
        connection.request('GET', path, headers={'Host': server_name if port == 443 else '%s:%d' % (server_name, port)})
        answer = connection.getresponse()
        body = answer.read()
        found.update(status=answer.status, size=len(body), sha256=hashlib.sha256(body).hexdigest())
    except ssl.SSLCertVerificationError as exc:
        found['error'] = 'certificate verify failed for %s: %s' % (server_name, exc.verify_message or exc.reason)
    except (OSError, ssl.SSLError, http.client.HTTPException) as exc:
        found['error'] = '%s: %s' % (type(exc).__name__, exc)
    finally:
        connection.close()
    return found


def files_served(address, port, server_name, paths, context, timeout, expected=None):
    """[{path, status, size, sha256, error, matches?}] for each path; expected: {path: sha256}. A file matches when it is
    served (200) with its expected checksum."""
    expected = dict((path, str(value).strip().lower()) for path, value in (expected or {}).items())
    files = [_fetch(address, port, server_name, path, context, timeout) for path in paths]
    for found in files:
        if found['path'] in expected:
            found['matches'] = found['status'] == 200 and found['sha256'] == expected[found['path']]
    return files
