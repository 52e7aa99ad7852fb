"""Carbonio Auth in the simulator: ZxAuth's 2FA policies on the zextras channel and the SAML REST service
(api-features doc 3, 4), as the Admin Panel sends them and parses their answers."""

from __future__ import annotations

import base64
import json

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from test_simulator_extension_channels import rest


def zx_auth(sim, action, **fields):
    status, body = sim.soap('zextras', module='ZxAuth', action=action, **fields)
    assert status == 200
    return json.loads(body['Body']['response']['content'])


def policies(sim, level, domain=''):
    return {key: value for entry in zx_auth(sim, 'listPolicies', level=level, domain=domain)['response']['values']
            for key, value in entry.items()}


def test_policies_per_level_the_empty_marker_and_a_domain_falling_back(sim):
    sim.soap('CreateDomainRequest', name='zxauth.sim.test')
    assert policies(sim, 'global')['WebUI'] == {'trustedDevice': 0, 'trustedIpRange': []}
    assert zx_auth(sim, 'setPolicy', level='global', domain='', service='WebUI', trustedDevice=1,
                   trustedIpRange='10.0.0.0/8,192.0.2.7') == {'ok': True, 'message': 'ok'}
    assert policies(sim, 'global')['WebUI'] == {'trustedDevice': 1, 'trustedIpRange': ['10.0.0.0/8', '192.0.2.7']}
    # a domain without its own policy lists the global one, then its own
    assert policies(sim, 'domain', 'zxauth.sim.test')['WebUI']['trustedDevice'] == 1
    zx_auth(sim, 'setPolicy', level='domain', domain='zxauth.sim.test', service='WebUI', trustedDevice=2, trustedIpRange='empty')
    assert policies(sim, 'domain', 'zxauth.sim.test')['WebUI'] == {'trustedDevice': 2, 'trustedIpRange': []}
    assert policies(sim, 'global')['WebUI']['trustedDevice'] == 1
    assert len(policies(sim, 'global')) == 9


def test_refusals_answer_ok_false_with_an_error(sim):
    for fields, text in ((dict(level='domain', domain='nowhere.sim.test', service='Imap', trustedDevice=0), 'no such domain'),
                         (dict(level='global', domain='', service='Webmail', trustedDevice=0), 'unknown service'),
                         (dict(level='global', domain='', service='Imap', trustedDevice=3), 'invalid 2fa policy'),
                         (dict(level='global', domain='', service='Imap', trustedDevice=1, trustedIpRange='10.0.0.0/33'), 'invalid trusted ip range')):
        answer = zx_auth(sim, 'setPolicy', **fields)
        assert answer['ok'] is False and text in answer['error']


def test_trusted_device_lifetime_in_days(sim):
    assert zx_auth(sim, 'getTrustedDeviceExpiration', level='global', domain='')['response']['value'] == 30
    zx_auth(sim, 'setTrustedDeviceExpiration', level='global', domain='', value=12)
    assert zx_auth(sim, 'getTrustedDeviceExpiration', level='global', domain='')['response']['value'] == 12
    assert zx_auth(sim, 'setTrustedDeviceExpiration', level='global', domain='', value=0)['ok'] is False


def test_saml_generate_makes_the_certificate_the_cli_options_describe(sim):
    sim.soap('CreateDomainRequest', name='saml.sim.test', a=[{'n': 'zimbraPublicServiceHostname', '_content': 'mail.saml.sim.test'}])
    status, stored = rest(sim, 'POST', 'auth/saml-generate/saml.sim.test')
    assert status == 200 and set(stored) == {'sp.x509cert', 'sp.privatekey'}
    certificate = x509.load_der_x509_certificate(base64.b64decode(stored['sp.x509cert']))
    assert isinstance(certificate.signature_hash_algorithm, hashes.SHA256)
    assert (certificate.not_valid_after_utc - certificate.not_valid_before_utc).days == 365
    assert certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == 'saml.sim.test'
    # the defaults applied: the names the IdP is given
    status, applied = rest(sim, 'GET', 'auth/saml/saml.sim.test')
    assert applied['sp.entityid'] == 'https://mail.saml.sim.test/zx/auth/samlMetadata?domain=saml.sim.test'
    assert applied['sp.assertion_consumer_service.url'] == 'https://mail.saml.sim.test/zx/auth/saml'
    status, raw = rest(sim, 'GET', 'auth/saml/saml.sim.test?raw=true')
    assert 'sp.entityid' not in raw and raw == stored


def test_saml_import_refuses_http_without_allow_unsecure_and_an_unknown_domain(sim):
    status, body = rest(sim, 'POST', 'auth/saml/saml.sim.test?url=http%3A%2F%2F127.0.0.1%3A1%2Fm.xml&allowUnsecure=false')
    assert status == 400 and 'allowUnsecure is false' in body['error']
    status, body = rest(sim, 'POST', 'auth/saml/saml.sim.test?url=http%3A%2F%2F127.0.0.1%3A1%2Fm.xml&allowUnsecure=true')
    assert status == 400 and 'cannot read the metadata' in body['error']
    status, body = rest(sim, 'GET', 'auth/saml/nowhere.sim.test?raw=true')
    assert status == 404 and 'no such domain' in body['error']
