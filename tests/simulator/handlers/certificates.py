"""Domain certificates as Carbonio's cert manager answers (carbonio-api-features.md 1.1-1.4, 1.7): VerifyCertKey
(zmcertmgr verifycrt folded into true/false/"invalid"), GetDomainCert (the first PEM block of zimbraSSLCertificate,
parsed), FlushCache. Storing a certificate is a plain ModifyDomain of zimbraSSLCertificate/zimbraSSLPrivateKey."""

import datetime
import os
import re

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

from ..errors import failure, invalid_request
from . import handles
from .encoding import response

# the trust store `openssl verify` falls back to on Debian, when the CA text does not end at a root
SYSTEM_CA_FILE = '/etc/ssl/certs/ca-certificates.crt'
_MARKER = re.compile(r'\s*(-----(?:BEGIN|END) [A-Z ]+-----)\s*')


def normalised_pem(text):
    """VerifyCertKey.formatValidContent: markers on lines of their own, spaces inside the base64 made line breaks
    (so a PEM pasted as one line works)."""
    out = []
    for part in _MARKER.split(text.strip()):
        if part.startswith('-----'):
            out.append(part)
        elif part.strip():
            out.append('\n'.join(part.split()))
    return '\n'.join(out) + '\n'


def _system_roots(sim):
    """Debian's trust store, and the roots a test added to the server's (control API `trusted-roots`: a private ACME CA)."""
    roots = []
    if os.path.exists(SYSTEM_CA_FILE):
        with open(SYSTEM_CA_FILE, 'rb') as handle:
            roots = x509.load_pem_x509_certificates(handle.read())
    for text in sim.state.section('trusted-roots').values():
        roots += x509.load_pem_x509_certificates(text.encode())
    return roots


def _issued_by(cert, issuer):
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _server_certificate(cert):
    """`openssl verify -purpose sslserver`: an extended key usage, when present, allows serverAuth."""
    try:
        usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return ExtendedKeyUsageOID.SERVER_AUTH in usage


def verifies(cert_text, key_text, ca_text, trusted=()):
    """zmcertmgr verifycrt comm: the key's public half is the certificate's, and the CA text (with the system
    store) builds a path from the certificate to a root, every certificate within its dates."""
    try:
        leaf = x509.load_pem_x509_certificates(normalised_pem(cert_text).encode())[0]
        key = serialization.load_pem_private_key(normalised_pem(key_text).encode(), password=None)
        pool = x509.load_pem_x509_certificates(normalised_pem(ca_text).encode())
    except (ValueError, TypeError):
        return False
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if key.public_key().public_bytes(*spki) != leaf.public_key().public_bytes(*spki) or not _server_certificate(leaf):
        return False
    now = datetime.datetime.now(datetime.timezone.utc)
    roots = [cert for cert in pool if _issued_by(cert, cert)] + list(trusted)
    current = leaf
    for _step in range(len(pool) + 1):
        if not cert_within_dates(current, now):
            return False
        root = next((cert for cert in roots if _issued_by(current, cert)), None)
        if root is not None:
            return cert_within_dates(root, now)
        current = next((cert for cert in pool if cert is not current and _issued_by(current, cert)), None)
        if current is None:
            return False
    return False


def cert_within_dates(cert, now):
    return cert.not_valid_before_utc <= now <= cert.not_valid_after_utc


@handles('VerifyCertKeyRequest', writes=False)
def verify_cert_key(sim, req):
    cert, key, ca = req.get('cert'), req.get('privkey'), req.get('ca')
    for name, value in (('cert', cert), ('privkey', key)):
        if value is None:
            raise invalid_request(f'missing required attribute: {name}')
    resp = response('VerifyCertKeyResponse')
    if cert == '' or key == '':
        resp.attrs['verifyResult'] = 'invalid'
    else:
        resp.attrs['verifyResult'] = verifies(str(cert), str(key), str(ca) if ca else str(cert), _system_roots(sim))
    return resp


def java_date(moment):
    """X509CertificateParser's `MMM dd yyyy HH:mm:ss z` (English locale, a UTC host)."""
    return moment.strftime('%b %d %Y %H:%M:%S UTC')


@handles('GetDomainCertRequest', writes=False)
def get_domain_cert(sim, req):
    domain_id = req.get('domain')
    if not domain_id:
        raise invalid_request('missing required attribute: domain')
    domain = sim.directory.domain_by('id', str(domain_id))
    if domain is None:
        # prov.reload(null) before the null check: the live code path fails this way, not with its intended fault
        raise failure('java.lang.NullPointerException')
    stored = domain.first('zimbraSSLCertificate')
    if not stored:
        raise invalid_request(f'Certificate for Domain with id {domain_id} could not be found.')
    try:
        cert = x509.load_pem_x509_certificate(normalised_pem(stored).split('-----END CERTIFICATE-----', maxsplit=1)[0].encode() +
                                              b'-----END CERTIFICATE-----\n')
    except ValueError as exc:
        raise failure(f'Failure on generating certificate: {exc}') from exc
    try:
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        alt_names = ', '.join(str(getattr(name, 'value', name)) for name in names)
    except x509.ExtensionNotFound:
        alt_names = ''
    resp = response('GetDomainCertResponse')
    node = resp.add('cert', {'domain': domain.first('zimbraDomainName')})
    for name, value in (('subject', cert.subject.rfc4514_string()), ('SubjectAltName', alt_names),
                        ('issuer', cert.issuer.rfc4514_string()), ('notBefore', java_date(cert.not_valid_before_utc)),
                        ('notAfter', java_date(cert.not_valid_after_utc))):
        node.add(name, text=value)
    return resp


@handles('FlushCacheRequest', writes=True)
def flush_cache(sim, req):  # pylint: disable=unused-argument
    """Nothing to flush: the simulator reads the directory afresh at every request. Counted as a write (it acts on
    the server), so check-mode tests see one sent by mistake."""
    cache = req.child('cache')
    if cache is None or not cache.attrs.get('type'):
        raise invalid_request('missing required attribute: type')
    return response('FlushCacheResponse')
