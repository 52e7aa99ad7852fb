# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A domain certificate checked on the controller before anything is sent (carbonio-api-features.md 1.2, 1.4).

What Carbonio's VerifyCertKeyRequest only answers with true or false is checked here one rule at a time, so
that an error names the field and says what to give: PEM that parses, a key (decrypted with its passphrase)
that matches the certificate, a chain in order from the certificate's issuer up to a root given or trusted,
every certificate within its dates, and the names the domain serves covered by the certificate's SANs.
The key is only read to compare its public half; it is never part of a message or a returned value.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import traceback

try:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
    from cryptography.hazmat.primitives import hashes, serialization
    HAS_CRYPTOGRAPHY = True
    CRYPTOGRAPHY_IMPORT_ERROR = None
except ImportError:
    HAS_CRYPTOGRAPHY = False
    CRYPTOGRAPHY_IMPORT_ERROR = traceback.format_exc()

PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----'


class CertificateError(Exception):
    """Bad certificate material; the message names the option and says what is expected."""


def load_certificates(text, field):
    """The certificates of a PEM text, in order (at least one)."""
    if PEM_CERTIFICATE not in (text or ''):
        raise CertificateError('%s: no PEM certificate found (expected -----BEGIN CERTIFICATE----- blocks)' % field)
    try:
        return x509.load_pem_x509_certificates(text.encode('utf-8'))
    except ValueError as exc:
        raise CertificateError('%s: not a valid PEM certificate (%s)' % (field, exc))


def load_private_key(text, passphrase, field):
    """The private key of a PEM text, decrypted with `passphrase` if it is encrypted."""
    secret = passphrase.encode('utf-8') if passphrase else None
    try:
        return serialization.load_pem_private_key((text or '').encode('utf-8'), password=secret)
    except TypeError:
        if secret is None:
            raise CertificateError('%s: the key is encrypted; give its passphrase in %s_passphrase' % (field, field))
        raise CertificateError('%s: the key is not encrypted; leave out %s_passphrase' % (field, field))
    except (ValueError, UnsupportedAlgorithm):
        # the library's message could quote key material: say only what is wrong
        if secret is not None and 'ENCRYPTED' in (text or ''):
            raise CertificateError('%s: the passphrase does not decrypt the key' % field)
        raise CertificateError('%s: not a valid PEM private key (expected -----BEGIN PRIVATE KEY----- or an RSA/EC key)' % field)


def _public_der(public_key):
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def describe(cert):
    """A certificate as the result reports it (and as GetDomainCert shows it: RFC 2253 names)."""
    return dict(subject=cert.subject.rfc4514_string(), issuer=cert.issuer.rfc4514_string(),
                subject_alt_names=dns_names(cert), not_before=iso_utc(cert.not_valid_before_utc),
                not_after=iso_utc(cert.not_valid_after_utc), fingerprint=fingerprint(cert))


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode('ascii')


def public_key_fingerprint(public_key):
    """SHA-256 of a public key (SubjectPublicKeyInfo): tells keys apart without showing them."""
    digest = hashes.Hash(hashes.SHA256())
    digest.update(_public_der(public_key))
    return ':'.join('%02X' % byte for byte in bytearray(digest.finalize()))


def unencrypted_pem(key):
    """A private key as PEM without a passphrase (PKCS#8), the form nginx reads."""
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode('ascii')


def fingerprint(cert):
    return ':'.join('%02X' % byte for byte in bytearray(cert.fingerprint(hashes.SHA256())))


def dns_names(cert):
    try:
        extension = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return []
    return extension.value.get_values_for_type(x509.DNSName)


def days_left(cert, now=None):
    return int((cert.not_valid_after_utc - (now or _utcnow())).total_seconds() // 86400)


def covers(names, hostname):
    """Whether a SAN list covers a host name (RFC 6125: a wildcard stands for exactly one left-most label)."""
    hostname = hostname.lower().rstrip('.')
    for name in names:
        name = name.lower().rstrip('.')
        if name == hostname:
            return True
        if name.startswith('*.') and '.' in hostname and hostname.split('.', 1)[1] == name[2:]:
            return True
    return False


def check_material(certificate, chain, private_key, passphrase=None, hostnames=(), trusted=(), now=None):
    """Check a certificate, its chain and key as Carbonio would store them (1.4); returns (leaf, chain certificates).

    `certificate` may also carry the chain after the leaf (a fullchain file); `trusted` are root certificates the
    chain may end at without including them (the system's trust store, or a CA bundle the operator gives).
    """
    now = now or _utcnow()
    given = load_certificates(certificate, 'certificate')
    leaf, chain_certs = given[0], given[1:] + (load_certificates(chain, 'chain') if chain else [])
    key = load_private_key(private_key, passphrase, 'private_key')
    if _public_der(key.public_key()) != _public_der(leaf.public_key()):
        raise CertificateError('private_key: does not match the certificate (%s)' % leaf.subject.rfc4514_string())
    _check_dates([('certificate', leaf)] + [('chain', cert) for cert in chain_certs], now)
    _check_chain(leaf, chain_certs, trusted)
    check_names(leaf, hostnames)
    return leaf, chain_certs


def check_names(leaf, hostnames):
    """Every host name the domain serves is covered by the certificate's DNS names."""
    uncovered = [name for name in hostnames if not covers(dns_names(leaf), name)]
    if uncovered:
        raise CertificateError('certificate: its names (%s) do not cover %s, which the domain serves' % (
            ', '.join(dns_names(leaf)) or 'no DNS names', ', '.join(uncovered)))


def stored_value(certificate, chain):
    """zimbraSSLCertificate as the Admin Panel writes it: the certificate text, one newline, the chain text."""
    return certificate + '\n' + chain if chain else certificate


def _check_dates(certs, now):
    for field, cert in certs:
        if now < cert.not_valid_before_utc:
            raise CertificateError('%s: %s is not valid before %s' % (field, cert.subject.rfc4514_string(), iso_utc(cert.not_valid_before_utc)))
        if now > cert.not_valid_after_utc:
            raise CertificateError('%s: %s expired on %s' % (field, cert.subject.rfc4514_string(), iso_utc(cert.not_valid_after_utc)))


def _issues(issuer, cert):
    if issuer.subject != cert.issuer:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _check_chain(leaf, chain_certs, trusted):
    """Each certificate issued by the next; the last one a self-signed root or issued by a trusted one."""
    path = [leaf] + list(chain_certs)
    for cert, issuer in zip(path, path[1:]):
        if _issues(issuer, cert):
            continue
        if any(_issues(other, cert) for other in path):
            raise CertificateError('chain: out of order: %s does not issue %s; give the chain from the certificate\'s '
                                   'issuer up to the root' % (issuer.subject.rfc4514_string(), cert.subject.rfc4514_string()))
        raise CertificateError('chain: %s was not issued by the next certificate, %s: the intermediate that issued it is '
                               'missing' % (cert.subject.rfc4514_string(), issuer.subject.rfc4514_string()))
    top = path[-1]
    if _issues(top, top) or any(_issues(root, top) for root in trusted):
        return
    raise CertificateError('chain: ends at %s, issued by %s, which is neither in the chain nor a trusted root; add the missing '
                           'intermediate or root' % (top.subject.rfc4514_string(), top.issuer.rfc4514_string()))


def _utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


def iso_utc(moment):
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')
