# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: carbonio_cert's own ACME client (source=acme), with certbot's acme library (RFC 8555).

Two steps, because the http-01 answers must be served by every proxy node before the CA looks for them: `order`
creates the order and returns each pending challenge (token and content, which are public: the CA fetches them
over plain HTTP); `finalize` answers the challenges of that order, waits for the CA, makes a new key and its CSR,
finalizes and returns the full chain and the key. The account key is the operator's and only signs requests.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import traceback

try:
    import josepy
    import requests as http
    from acme import challenges, client, crypto_util, errors, messages
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    HAS_ACME = True
    ACME_IMPORT_ERROR = None
except ImportError:
    HAS_ACME = False
    ACME_IMPORT_ERROR = traceback.format_exc()

CHALLENGE_FOLDER = '.well-known/acme-challenge/'
USER_AGENT = 'carbonio.admin'


class AcmeError(Exception):
    """The CA refused or failed; the message says what it answered."""


def _failure(exc):
    if isinstance(exc, messages.Error):
        return '%s (%s)' % (exc.detail or exc.description or '', exc.typ)
    return str(exc) or type(exc).__name__


def account_jwk(key_pem):
    """(JWK, signature algorithm) of an account key; ValueError naming the option for anything else."""
    try:
        key = serialization.load_pem_private_key(key_pem.encode('utf-8'), password=None)
    except (ValueError, TypeError):
        key = None
    if isinstance(key, rsa.RSAPrivateKey):
        return josepy.JWKRSA(key=key), josepy.RS256
    if isinstance(key, ec.EllipticCurvePrivateKey):
        algorithm = {'secp256r1': josepy.ES256, 'secp384r1': josepy.ES384, 'secp521r1': josepy.ES512}.get(key.curve.name)
        if algorithm is not None:
            return josepy.JWKEC(key=key), algorithm
    raise ValueError('acme_account_key: an RSA or EC (P-256, P-384, P-521) private key in PEM is expected')


def account_client(directory_url, account_key_pem, email=None, ca_path=None, timeout=30):
    """An ACME client signed in with the operator's account key (the account is made on first use)."""
    jwk, algorithm = account_jwk(account_key_pem)
    net = client.ClientNetwork(jwk, alg=algorithm, user_agent=USER_AGENT, verify_ssl=ca_path or True, timeout=timeout)
    try:
        acme = client.ClientV2(client.ClientV2.get_directory(directory_url, net), net)
        registration = messages.NewRegistration.from_data(email=email, terms_of_service_agreed=True) if email else \
            messages.NewRegistration(terms_of_service_agreed=True)
        try:
            acme.new_account(registration)
        except errors.ConflictError as exc:
            acme.query_registration(messages.RegistrationResource(uri=exc.location, body=messages.Registration()))
    except (errors.Error, messages.Error, http.exceptions.RequestException, ValueError) as exc:
        raise AcmeError('acme_directory: %s did not let the account in: %s' % (directory_url, _failure(exc)))
    return acme


def _csr(names):
    key = ec.generate_private_key(ec.SECP256R1())
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return key_pem, crypto_util.make_csr(key_pem, names)


def _http01(authz):
    for challenge in authz.body.challenges:
        if isinstance(challenge.chall, challenges.HTTP01):
            return challenge
    raise AcmeError('the CA offers no http-01 challenge for %s' % authz.body.identifier.value)


def order(acme, names):
    """Create an order for the names; (order URL, [challenge]) with what each proxy node must serve."""
    try:
        # the order carries the names only; this CSR's key is never used (finalize makes the certificate's own)
        created = acme.new_order(_csr(names)[1])
    except (errors.Error, messages.Error, http.exceptions.RequestException) as exc:
        raise AcmeError('the CA refused an order for %s: %s' % (', '.join(names), _failure(exc)))
    pending = []
    for authz in created.authorizations:
        if authz.body.status == messages.STATUS_VALID:
            continue
        challenge = _http01(authz)
        token = challenge.chall.encode('token')
        pending.append(dict(identifier=authz.body.identifier.value, token=token, path=CHALLENGE_FOLDER + token,
                            content=challenge.chall.validation(acme.net.key)))
    return created.uri, pending


def _get(acme, url):
    return acme.net.post(url, None, new_nonce_url=acme.directory['newNonce'])


def finalize(acme, order_url, names, timeout=90):
    """Answer the order's challenges, wait for the CA, finalize with a new key; (full chain PEM, key PEM)."""
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=timeout)
    try:
        body = messages.Order.from_json(_get(acme, order_url).json())
        wanted = sorted(name.lower() for name in names)
        if sorted(identifier.value.lower() for identifier in body.identifiers) != wanted:
            raise AcmeError('acme_order: the order is for %s, not for the names the domain serves now (%s): run without '
                            'acme_order for a new one' % (', '.join(i.value for i in body.identifiers), ', '.join(wanted)))
        authorizations = [messages.AuthorizationResource(body=messages.Authorization.from_json(_get(acme, url).json()), uri=url)
                          for url in body.authorizations]
        for authz in authorizations:
            if authz.body.status == messages.STATUS_PENDING:
                challenge = _http01(authz)
                acme.answer_challenge(challenge, challenge.chall.response(acme.net.key))
        key_pem, csr = _csr(names)
        current = messages.OrderResource(body=body, uri=order_url, authorizations=authorizations, csr_pem=csr)
        current = acme.poll_authorizations(current, deadline)
        done = acme.finalize_order(current, deadline)
    except errors.ValidationError as exc:
        failed = ['%s: %s' % (authz.body.identifier.value, _failure(challenge.error)) for authz in exc.failed_authzrs
                  for challenge in authz.body.challenges if challenge.error is not None]
        raise AcmeError('the CA could not validate %s' % '; '.join(failed or ['the names']))
    except (errors.Error, messages.Error, http.exceptions.RequestException) as exc:
        raise AcmeError('acme_order: %s: %s' % (order_url, _failure(exc)))
    return done.fullchain_pem, key_pem.decode('ascii')
