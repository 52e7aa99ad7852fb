"""certbot as Carbonio runs it on a proxy node (features doc 1.5): `certonly --webroot` with http-01 answered from
files under the webroot, `--keep`, `delete`, `certificates` and `renew`, against the ACME directory of the node's
settings (pebble in the tests), with certbot's own acme library. A lineage is live/<cert-name>/ with cert.pem,
chain.pem, fullchain.pem and privkey.pem; renewal/<cert-name>.json remembers its names for `renew`."""

import argparse
import datetime
import json
import os
import shutil

import josepy
from acme import challenges, client, crypto_util, errors, messages
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

RENEW_BEFORE_DAYS = 30
DEADLINE_SECONDS = 90


def _etc(node, *parts):
    return node.path('opt', 'zextras', 'common', 'certbot', 'etc', 'letsencrypt', *parts)


def lineages(node):
    return sorted(os.listdir(node.live)) if os.path.isdir(node.live) else []


def delete_lineage(node, name):
    shutil.rmtree(os.path.join(node.live, name), ignore_errors=True)
    renewal = _etc(node, 'renewal', name + '.json')
    if os.path.exists(renewal):
        os.remove(renewal)


def _leaf(node, name):
    path = os.path.join(node.live, name, 'cert.pem')
    if not os.path.exists(path):
        return None
    with open(path, 'rb') as handle:
        return x509.load_pem_x509_certificate(handle.read())


def _names(cert):
    try:
        return sorted(cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName))
    except x509.ExtensionNotFound:
        return []


def _due(cert):
    return cert.not_valid_after_utc - datetime.datetime.now(datetime.timezone.utc) < datetime.timedelta(days=RENEW_BEFORE_DAYS)


def _account_client(node, email):
    """The node's ACME account (its key kept under accounts/), registered once."""
    path = _etc(node, 'accounts', 'key.pem')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if not os.path.exists(path):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        with open(path, 'wb') as handle:
            handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    with open(path, 'rb') as handle:
        key = serialization.load_pem_private_key(handle.read(), password=None)
    acme_settings = node.settings['acme']
    net = client.ClientNetwork(josepy.JWKRSA(key=key), user_agent='carbonio-simulated-certbot',
                               verify_ssl=acme_settings.get('ca_path') or True)
    acme = client.ClientV2(client.ClientV2.get_directory(acme_settings['directory'], net), net)
    registration = messages.NewRegistration.from_data(email=email, terms_of_service_agreed=True) if email else \
        messages.NewRegistration(terms_of_service_agreed=True)
    try:
        acme.new_account(registration)
    except errors.ConflictError as exc:
        net.account = acme.query_registration(messages.RegistrationResource(uri=exc.location, body=messages.Registration()))
    return acme


def _obtain(node, name, domains, email, webroot, out):
    acme = _account_client(node, email)
    key = ec.generate_private_key(ec.SECP256R1())
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    order = acme.new_order(crypto_util.make_csr(key_pem, domains))
    written = []
    try:
        for authz in order.authorizations:
            if authz.body.status == messages.STATUS_VALID:
                continue
            challenge = next(c for c in authz.body.challenges if isinstance(c.chall, challenges.HTTP01))
            response, validation = challenge.response_and_validation(acme.net.key)
            path = os.path.join(node.path(webroot), '.well-known', 'acme-challenge', challenge.chall.encode('token'))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(validation)
            written.append(path)
            acme.answer_challenge(challenge, response)
        deadline = datetime.datetime.now() + datetime.timedelta(seconds=DEADLINE_SECONDS)
        order = acme.poll_and_finalize(order, deadline)
    except (errors.ValidationError, errors.TimeoutError, messages.Error) as exc:
        out.write('Some challenges have failed.\nCertbot failed to authenticate some domains (authenticator: webroot): %s\n' % exc)
        return 1
    finally:
        for path in written:
            os.remove(path)
    certs = x509.load_pem_x509_certificates(order.fullchain_pem.encode())
    pem = [cert.public_bytes(serialization.Encoding.PEM).decode() for cert in certs]
    live = os.path.join(node.live, name)
    os.makedirs(live, exist_ok=True)
    for filename, text in (('cert.pem', pem[0]), ('chain.pem', ''.join(pem[1:])), ('fullchain.pem', ''.join(pem)),
                           ('privkey.pem', key_pem.decode())):
        with open(os.path.join(live, filename), 'w', encoding='utf-8') as handle:
            handle.write(text)
    os.chmod(os.path.join(live, 'privkey.pem'), 0o600)
    os.makedirs(_etc(node, 'renewal'), exist_ok=True)
    with open(_etc(node, 'renewal', name + '.json'), 'w', encoding='utf-8') as handle:
        json.dump(dict(domains=domains, email=email, webroot=webroot), handle)
    out.write('Successfully received certificate.\nCertificate is saved at: /opt/zextras/common/certbot/etc/letsencrypt/live/%s/'
              'fullchain.pem\nKey is saved at:         /opt/zextras/common/certbot/etc/letsencrypt/live/%s/privkey.pem\n'
              'This certificate expires on %s.\n' % (name, name, certs[0].not_valid_after_utc.strftime('%Y-%m-%d')))
    return 0


def _certonly(node, options, out):
    options.domains = list(dict.fromkeys(name.lower() for name in options.domains))  # certbot drops repeated names
    name = options.cert_name or options.domains[0]
    current = _leaf(node, name)
    if options.keep and current is not None and _names(current) == sorted(options.domains) and not _due(current):
        out.write('Certificate not yet due for renewal; no action taken.\n')
        return 0
    if options.dry_run:
        out.write('The dry run was successful.\n')
        return 0
    return _obtain(node, name, options.domains, options.email, options.webroot, out)


def _renew(node, out):
    code = 0
    for name in lineages(node):
        current = _leaf(node, name)
        if current is not None and not _due(current):
            out.write('%s: not yet due for renewal\n' % name)
            continue
        with open(_etc(node, 'renewal', name + '.json'), encoding='utf-8') as handle:
            remembered = json.load(handle)
        code |= _obtain(node, name, remembered['domains'], remembered['email'], remembered['webroot'], out)
    return code


def run(node, args, out):
    parser = argparse.ArgumentParser(prog='certbot')
    parser.add_argument('command', choices=['certonly', 'delete', 'certificates', 'renew'])
    parser.add_argument('--agree-tos', action='store_true')
    parser.add_argument('--email')
    parser.add_argument('-n', '--non-interactive', action='store_true')
    parser.add_argument('-q', '--quiet', action='store_true')
    parser.add_argument('--keep', '--keep-until-expiring', dest='keep', action='store_true')
    parser.add_argument('--webroot', action='store_true')
    parser.add_argument('-w', '--webroot-path', dest='webroot', default='/opt/zextras')
    parser.add_argument('--cert-name')
    parser.add_argument('-d', '--domains', dest='domains', action='append', default=[])
    parser.add_argument('--dry-run', action='store_true')
    options = parser.parse_args(args)
    if options.command == 'certonly':
        return _certonly(node, options, out)
    if options.command == 'delete':
        if options.cert_name not in lineages(node):
            out.write('No certificate found with name %s\n' % options.cert_name)
            return 1
        delete_lineage(node, options.cert_name)
        out.write('Deleted all files relating to certificate %s.\n' % options.cert_name)
        return 0
    if options.command == 'renew':
        return _renew(node, out)
    for name in lineages(node):
        cert = _leaf(node, name)
        out.write('  Certificate Name: %s\n    Domains: %s\n    Expiry Date: %s\n' % (
            name, ' '.join(_names(cert)) if cert else '', cert.not_valid_after_utc.isoformat() if cert else 'unreadable'))
    return 0
