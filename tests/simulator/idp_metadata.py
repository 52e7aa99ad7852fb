"""An identity provider's SAML metadata, served over HTTPS and plain HTTP on loopback, for carbonio_saml's tests.

Not Carbonio: what an operator points a domain's SAML at (the IdP publishes its metadata at a URL). Two IdPs are
described - /metadata.xml and, for an IdP that changed its keys and endpoints, /rotated.xml - each with a signing
certificate of its own. HTTPS uses a certificate of this server's own CA (`ca_path`), which clients must be told to
trust: the collection with its option, the simulator through its control API's trusted roots.
Started by tools/with_simulator.py --company-directory beside the company directory; `details` is what a test needs.
"""

import base64
import datetime
import http.server
import os
import ssl
import threading

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .tls import ensure_certificates

HOST = 'idp.corp.test'
DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{entity_id}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>
{certificate}
      </ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{base}/slo"/>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{base}/sso/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{base}/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
"""


def _signing_certificate(name):
    """A fresh self-signed signing certificate, base64 DER as metadata carries it (76 characters a line)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650)).sign(key, hashes.SHA256()))
    text = base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode('ascii')
    return '\n'.join(text[start:start + 76] for start in range(0, len(text), 76))


class IdpMetadata:
    """Two loopback listeners (HTTPS and HTTP) serving the same documents; start() then details, stop()."""

    def __init__(self, data_dir):
        self.data_dir = os.path.abspath(data_dir)
        os.makedirs(self.data_dir, exist_ok=True)
        self.ca_path, self._cert, self._key = ensure_certificates(self.data_dir)
        self.documents = {}
        self.idps = {}
        self._servers = []

    def _handler(self):
        documents = self.documents

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                body = documents.get(self.path)
                self.send_response(200 if body else 404)
                self.send_header('Content-Type', 'application/samlmetadata+xml' if body else 'text/plain')
                data = (body or 'not found').encode('utf-8')
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # quiet
                pass
        return Handler

    def start(self):
        for secure in (True, False):
            server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), self._handler())
            if secure:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(self._cert, self._key)
                server.socket = context.wrap_socket(server.socket, server_side=True)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._servers.append(server)
        base = 'https://%s/idp' % HOST
        for path, entity_id in (('/metadata.xml', '%s/metadata' % base), ('/rotated.xml', '%s/rotated' % base)):
            certificate = _signing_certificate(entity_id)
            self.documents[path] = DOCUMENT.format(entity_id=entity_id, certificate=certificate, base=base + path[:-4])
            self.idps[path] = dict(entity_id=entity_id, sso_url=base + path[:-4] + '/sso', slo_url=base + path[:-4] + '/slo',
                                   certificate=''.join(certificate.split()))
        return self

    @property
    def details(self):
        https_port, http_port = (server.server_address[1] for server in self._servers)
        with open(self.ca_path, encoding='ascii') as handle:
            ca_pem = handle.read()
        return dict(https='https://127.0.0.1:%d' % https_port, http='http://127.0.0.1:%d' % http_port, ca_path=self.ca_path,
                    ca_pem=ca_pem, metadata=self.idps['/metadata.xml'], rotated=self.idps['/rotated.xml'])

    def stop(self):
        for server in self._servers:
            server.shutdown()
            server.server_close()
