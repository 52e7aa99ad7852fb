"""Test certificates for carbonio_cert_info: a root, an intermediate and two leaves (60 and 10 days left), as JSON."""
import datetime
import json
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

NOW = datetime.datetime.now(datetime.timezone.utc)


def make(subject, days, issuer=None, issuer_key=None, names=(), ca=False):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(issuer.subject if issuer else name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW - datetime.timedelta(hours=1)).not_valid_after(NOW + datetime.timedelta(days=days, hours=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
    return builder.sign(issuer_key or key, hashes.SHA256()), key


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def main():
    root, root_key = make('CI Root', 3650, ca=True)
    inter, inter_key = make('CI Intermediate', 1825, root, root_key, ca=True)
    one, _key = make('mail.ci-one.test', 60, inter, inter_key, names=['mail.ci-one.test', 'webmail.ci-one.test'])
    two, _key = make('mail.ci-two.test', 10, inter, inter_key, names=['mail.ci-two.test'])
    fingerprint = ':'.join('%02X' % b for b in one.fingerprint(hashes.SHA256()))
    json.dump(dict(one=pem(one), two=pem(two), chain=pem(inter) + pem(root), one_fingerprint=fingerprint), sys.stdout)


if __name__ == '__main__':
    main()
