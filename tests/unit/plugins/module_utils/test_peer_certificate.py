# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A TLS failure names the certificate the server presents, against a real TLS server on loopback."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import socket
import ssl
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ansible_collections.carbonio.admin.plugins.module_utils._peer_certificate import describe_certificate, peer_certificate
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioClient, CarbonioTransportError


def _self_signed(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'mail.untrusted.test')])
    until = datetime.datetime(2031, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
            .not_valid_after(until).add_extension(x509.SubjectAlternativeName([x509.DNSName('127.0.0.1')]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / 'cert.pem', tmp_path / 'key.pem'
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def tls_port(tmp_path):
    """A loopback TLS server with a self-signed certificate: it completes handshakes and closes."""
    cert_file, key_file = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert_file), str(key_file))
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(8)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, dummy = listener.accept()
            except OSError:
                return
            try:
                with context.wrap_socket(conn, server_side=True):
                    pass
            except (OSError, ssl.SSLError):
                conn.close()
    thread = threading.Thread(target=serve)
    thread.daemon = True
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        listener.close()


def test_the_certificate_presented_is_read_and_described(tls_port):
    described = describe_certificate(peer_certificate('127.0.0.1', tls_port))
    assert described == 'subject CN=mail.untrusted.test, issued by CN=mail.untrusted.test, valid until 2031-05-06T07:08:09Z'
    assert describe_certificate(None) is None and describe_certificate(b'not a certificate') is None


def test_an_untrusted_server_fails_naming_its_certificate_and_asking_for_its_ca(tls_port):
    client = CarbonioClient('https://127.0.0.1:%d' % tls_port, admin_user='admin@example.com', admin_password='Pw-1-secret',
                            retries=0, timeout=5, sleep=lambda seconds: None)
    with pytest.raises(CarbonioTransportError) as caught:
        client.soap('GetDomainRequest')
    text = str(caught.value)
    assert 'TLS certificate verification failed' in text and 'self-signed certificate' in text
    assert 'the server presents subject CN=mail.untrusted.test, issued by CN=mail.untrusted.test, valid until 2031-05-06T07:08:09Z' in text
    assert 'give the CA that signed it as ca_path' in text and 'validate_certs' not in text
