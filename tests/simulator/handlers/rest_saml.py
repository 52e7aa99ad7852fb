"""The REST extension's SAML endpoints (api-features doc 4): a domain's SAML configuration, a flat map of properties.

Carbonio Auth is closed source; the paths, methods and bodies are the Admin Panel's, the replies what its parser takes:
every call answers with the domain's resulting configuration (the stored properties), or `{"error": text}`.
- GET auth/saml/{domain}[?raw=true][&keys=a,b]: raw, the stored properties; else with the defaults applied (the SP's
  entity id and assertion consumer service URL from the domain's public service name, as the docs give them);
- POST auth/saml/{domain}?url=...&allowUnsecure=...: the IdP's metadata fetched (https checked against the trust store,
  http only when allowUnsecure is true) and its entity id, single sign-on and logout URLs and signing certificate stored
  as idp.* properties, the way OneLogin's metadata parser (which Carbonio Auth's property names follow) reads them;
- POST auth/saml-generate/{domain}: a new SP key and self-signed certificate (options, when given, as the CLI's
  `saml generate`: days, country, state, location, organization, organizationalUnit, digest, encryption);
- PUT auth/saml/{domain} {key: value}: properties set; DELETE auth/saml/{domain}[?keys=k]: one removed, or all.
State: the state store's `saml` section, {domain name: {property: text}}.
"""

import base64
import datetime
import ssl
import urllib.error
import urllib.request
from xml.etree import ElementTree

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from . import rest_route
from .gal import _trusted_roots

MD = '{urn:oasis:names:tc:SAML:2.0:metadata}'
DS = '{http://www.w3.org/2000/09/xmldsig#}'
REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect'
NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'
DIGESTS = {'SHA1': hashes.SHA1, 'SHA256': hashes.SHA256, 'SHA512': hashes.SHA512}
KEY_SIZES = {'RSA': 2048, 'RSA:2048': 2048, 'RSA:4096': 4096}


def _error(status, text):
    return status, {'error': text}


def _domain(sim, call):
    name = call.params['domain'].strip().lower()
    entry = sim.directory.domain_by('name', name)
    return name, entry


def _stored(sim, name):
    return dict(sim.state.get('saml', name, {}))


def _save(sim, name, properties):
    if properties:
        sim.state.put('saml', name, properties)
    else:
        sim.state.delete('saml', name)
    return 200, properties


def _defaults(sim, name, entry):
    """What Carbonio Auth applies when raw is not asked: the SP's names from the domain's public service (docs)."""
    config = sim.directory.global_config()
    host = entry.first('zimbraPublicServiceHostname') or config.first('zimbraPublicServiceHostname')
    protocol = entry.first('zimbraPublicServiceProtocol') or config.first('zimbraPublicServiceProtocol') or 'https'
    if not host:
        return {}
    return {'sp.entityid': f'{protocol}://{host}/zx/auth/samlMetadata?domain={name}',
            'sp.assertion_consumer_service.url': f'{protocol}://{host}/zx/auth/saml',
            'sp.nameidformat': NAMEID_EMAIL}


@rest_route('GET', 'auth/saml/{domain}', writes=False)
def get_saml(sim, call):
    name, entry = _domain(sim, call)
    if entry is None:
        return _error(404, f'no such domain: {name}')
    properties = _stored(sim, name)
    if (call.arg('raw') or '').lower() != 'true':
        properties = dict(_defaults(sim, name, entry), **properties)
    keys = [key.strip() for key in (call.arg('keys') or '').split(',') if key.strip()]
    if keys:
        properties = {key: properties[key] for key in keys if key in properties}
    return 200, properties


def _fetch(sim, url, insecure):
    if url.startswith('http://') and not insecure:
        raise ValueError(f'unsecure metadata url {url}: allowUnsecure is false')
    if not url.startswith(('https://', 'http://')):
        raise ValueError(f'invalid metadata url: {url}')
    context = ssl.create_default_context()
    roots = _trusted_roots(sim)
    if roots:
        context.load_verify_locations(cadata=roots)
    try:
        with urllib.request.urlopen(url, timeout=10, context=context) as answer:  # noqa: S310 (http(s) only, checked above)
            return answer.read()
    except (urllib.error.URLError, OSError) as exc:
        raise ValueError(f'cannot read the metadata at {url}: {exc}') from None


def _idp_properties(document):
    """The idp.* properties of an IdP's metadata: the first IDPSSODescriptor's redirect endpoints and signing key."""
    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError as exc:
        raise ValueError(f'the metadata is not XML: {exc}') from None
    entity = root if root.tag == MD + 'EntityDescriptor' else root.find(MD + 'EntityDescriptor')
    idp = entity.find(MD + 'IDPSSODescriptor') if entity is not None else None
    if idp is None:
        raise ValueError('the metadata describes no identity provider (IDPSSODescriptor)')
    found = {'idp.entityid': entity.get('entityID')}
    for tag, key in (('SingleSignOnService', 'idp.single_sign_on_service'), ('SingleLogoutService', 'idp.single_logout_service')):
        services = idp.findall(MD + tag)
        chosen = [one for one in services if one.get('Binding') == REDIRECT] or services
        if chosen:
            found[key + '.url'] = chosen[0].get('Location')
            found[key + '.binding'] = chosen[0].get('Binding')
    for descriptor in idp.findall(MD + 'KeyDescriptor'):
        if descriptor.get('use') in (None, 'signing'):
            certificate = descriptor.find(f'{DS}KeyInfo/{DS}X509Data/{DS}X509Certificate')
            if certificate is not None and certificate.text:
                found['idp.x509cert'] = ''.join(certificate.text.split())
                break
    return {key: value for key, value in found.items() if value}


@rest_route('POST', 'auth/saml/{domain}', writes=True)
def import_saml(sim, call):
    name, entry = _domain(sim, call)
    if entry is None:
        return _error(404, f'no such domain: {name}')
    url = call.arg('url') or ''
    try:
        imported = _idp_properties(_fetch(sim, url, (call.arg('allowUnsecure') or '').lower() == 'true'))
    except ValueError as exc:
        return _error(400, str(exc))
    return _save(sim, name, dict(_stored(sim, name), **imported))


def _one_line(der):
    return base64.b64encode(der).decode('ascii')


@rest_route('POST', 'auth/saml-generate/{domain}', writes=True)
def generate_sp_certificate(sim, call):
    name, entry = _domain(sim, call)
    if entry is None:
        return _error(404, f'no such domain: {name}')
    options = call.body if isinstance(call.body, dict) else {}
    digest, encryption = str(options.get('digest', 'SHA256')).upper(), str(options.get('encryption', 'RSA:2048')).upper()
    if digest not in DIGESTS or encryption not in KEY_SIZES:
        return _error(400, f'invalid digest {digest} or encryption {encryption}')
    try:
        days = int(options.get('days', 365))
    except (TypeError, ValueError):
        days = 0
    if days < 1:
        return _error(400, f'invalid days: {options.get("days")}')
    subject = [x509.NameAttribute(oid, str(options.get(field, default))) for oid, field, default in (
        (NameOID.COUNTRY_NAME, 'country', 'IT'), (NameOID.STATE_OR_PROVINCE_NAME, 'state', 'VI'),
        (NameOID.LOCALITY_NAME, 'location', 'Vicenza'), (NameOID.ORGANIZATION_NAME, 'organization', 'Zextras'),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, 'organizationalUnit', 'Zextras'))] + [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZES[encryption])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(x509.Name(subject)).issuer_name(x509.Name(subject))
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=days))
                   .sign(key, DIGESTS[digest]()))
    properties = dict(_stored(sim, name), **{
        'sp.x509cert': _one_line(certificate.public_bytes(serialization.Encoding.DER)),
        'sp.privatekey': _one_line(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                     serialization.NoEncryption()))})
    return _save(sim, name, properties)


@rest_route('PUT', 'auth/saml/{domain}', writes=True)
def update_saml(sim, call):
    name, entry = _domain(sim, call)
    if entry is None:
        return _error(404, f'no such domain: {name}')
    if not isinstance(call.body, dict) or not call.body:
        return _error(400, 'expected a JSON object of properties')
    properties = _stored(sim, name)
    properties.update((str(key), str(value)) for key, value in call.body.items())
    return _save(sim, name, properties)


@rest_route('DELETE', 'auth/saml/{domain}', writes=True)
def delete_saml(sim, call):
    name, entry = _domain(sim, call)
    if entry is None:
        return _error(404, f'no such domain: {name}')
    keys = [key.strip() for key in (call.arg('keys') or '').split(',') if key.strip()]
    properties = _stored(sim, name)
    for key in keys:
        properties.pop(key, None)
    return _save(sim, name, properties if keys else {})
