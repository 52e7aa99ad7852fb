"""A root, an intermediate and a leaf for the scenario's custom certificate, and an ACME account key, written as PEM
files into a folder."""
import datetime
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

NOW = datetime.datetime.now(datetime.timezone.utc)


def make(subject, issuer=None, issuer_key=None, names=(), ca=False):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(issuer.subject if issuer else name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW - datetime.timedelta(days=1)).not_valid_after(NOW + datetime.timedelta(days=90))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
    return builder.sign(issuer_key or key, hashes.SHA256()), key


def main(folder, *names):
    root, root_key = make('Molecule Root', ca=True)
    inter, inter_key = make('Molecule Intermediate', root, root_key, ca=True)
    leaf, leaf_key = make(names[0], inter, inter_key, names=names)
    pem = serialization.Encoding.PEM
    files = {'cert.pem': leaf.public_bytes(pem), 'chain.pem': inter.public_bytes(pem) + root.public_bytes(pem),
             'key.pem': leaf_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
             'acme-account.pem': rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
                 pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())}
    os.makedirs(folder, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(folder, name), 'wb') as handle:
            handle.write(data)
    for name in ('key.pem', 'acme-account.pem'):
        os.chmod(os.path.join(folder, name), 0o600)


if __name__ == '__main__':
    main(*sys.argv[1:])
