"""TLS material for the HTTPS listener: a throw-away CA and a server certificate for 127.0.0.1/localhost.

Generated once into the data directory and reused on later starts, so clients can keep trusting ca.pem.
"""

import datetime
import ipaddress
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, 'Carbonio simulator'),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write(path, data):
    with open(path, 'wb') as handle:
        handle.write(data)
    os.chmod(path, 0o600 if path.endswith('key.pem') else 0o644)


def ensure_certificates(data_dir):
    """Return (ca_path, cert_path, key_path), creating them if missing."""
    ca_path, cert_path, key_path = (os.path.join(data_dir, n) for n in ('ca.pem', 'server.pem', 'server-key.pem'))
    if all(os.path.exists(p) for p in (ca_path, cert_path, key_path)):
        return ca_path, cert_path, key_path
    now = datetime.datetime.now(datetime.timezone.utc)
    # EC keys: generation is instant, unlike RSA, which keeps the first start fast.
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (x509.CertificateBuilder().subject_name(_name('Carbonio simulator CA')).issuer_name(_name('Carbonio simulator CA'))
               .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=3650))
               .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                            key_encipherment=False, data_encipherment=False, key_agreement=False,
                                            encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
               .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    san = x509.SubjectAlternativeName([x509.DNSName('localhost'), x509.IPAddress(ipaddress.ip_address('127.0.0.1'))])
    cert = (x509.CertificateBuilder().subject_name(_name('localhost')).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=825))
            .add_extension(san, critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    _write(key_path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    _write(ca_path, ca_cert.public_bytes(serialization.Encoding.PEM))
    return ca_path, cert_path, key_path
