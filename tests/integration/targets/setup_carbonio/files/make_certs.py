"""Throw-away certificates for the integration targets, from a JSON spec given as the first argument.

The spec is a list, CAs before what they sign: {"id", "cn", "issuer": id (self-signed without), "names": [DNS names],
"days": validity left (default 90), "age": days since it started (default 1), "ca": bool, "organization",
"passphrase": also give the key encrypted with it}. Prints {id: {cert, key, fingerprint[, key_encrypted]}} as JSON.
EC keys keep it fast.
"""
import datetime
import json
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

NOW = datetime.datetime.now(datetime.timezone.utc)


def make(spec, made):
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, spec['cn'])]
    if spec.get('organization'):
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, spec['organization']))
    name = x509.Name(attributes)
    issuer, issuer_key = made[spec['issuer']] if spec.get('issuer') else (None, key)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(issuer.subject if issuer else name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW - datetime.timedelta(days=spec.get('age', 1)))
               .not_valid_after(NOW + datetime.timedelta(days=spec.get('days', 90), hours=1))
               .add_extension(x509.BasicConstraints(ca=spec.get('ca', False), path_length=None), critical=True))
    if spec.get('names'):
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in spec['names']]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256()), key


def key_pem(key, passphrase=None):
    encryption = serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else serialization.NoEncryption()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption).decode()


def main():
    made, out = {}, {}
    for spec in json.loads(sys.argv[1]):
        cert, key = made[spec['id']] = make(spec, made)
        out[spec['id']] = dict(cert=cert.public_bytes(serialization.Encoding.PEM).decode(), key=key_pem(key),
                               fingerprint=':'.join('%02X' % b for b in cert.fingerprint(hashes.SHA256())))
        if spec.get('passphrase'):
            out[spec['id']]['key_encrypted'] = key_pem(key, spec['passphrase'])
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
