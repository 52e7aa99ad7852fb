"""Domain certificates as Carbonio's cert manager answers them (carbonio-api-features.md 1.2-1.4): VerifyCertKey's
true/false/"invalid", the certificate stored by ModifyDomain as the Panel stores it and read back by GetDomainCert
(first PEM block, RFC 2253 names, Java dates) with its faults, and FlushCache."""

from __future__ import annotations

from functools import partial

import pytest
from cryptography.x509.oid import ExtendedKeyUsageOID

from soap_answers import fault, ok
from tests.pki import DAY, NOW, key_pem, pem
from tests.pki import make as make_any

make = partial(make_any, organization='Sim Test', not_before=NOW - 2 * DAY)


@pytest.fixture(scope='module')
def pki():
    root, root_key = make('Sim Root', ca=True)
    inter, inter_key = make('Sim Intermediate', root, root_key, ca=True)
    leaf, leaf_key = make('mail.certs.sim.test', inter, inter_key, names=['mail.certs.sim.test', 'webmail.certs.sim.test'])
    return dict(root=root, root_key=root_key, inter=inter, inter_key=inter_key, leaf=leaf, leaf_key=leaf_key)


def verify(sim, **body):
    return ok(sim.soap('VerifyCertKeyRequest', **body))['VerifyCertKeyResponse']['verifyResult']


def test_verify_cert_key_folds_every_check_into_true_or_false(sim, pki):
    cert, chain, key = pem(pki['leaf']), pem(pki['inter'], pki['root']), key_pem(pki['leaf_key'])
    assert verify(sim, cert=cert, ca=chain, privkey=key) is True
    # no ca: the cert text is the CA file too, so it must carry the chain
    assert verify(sim, cert=cert + chain, privkey=key) is True
    assert verify(sim, cert=cert, privkey=key) is False
    # pasted as one line, and in the {_content} form
    assert verify(sim, cert={'_content': ' '.join(cert.split())}, ca=' '.join(chain.split()), privkey=' '.join(key.split())) is True
    assert verify(sim, cert=cert, ca=chain, privkey=key_pem(pki['inter_key'])) is False  # another key
    assert verify(sim, cert=cert, ca=pem(pki['inter']), privkey=key) is False  # no root: not in the chain, not trusted
    assert verify(sim, cert=cert, ca=pem(pki['root']), privkey=key) is False  # missing intermediate
    assert verify(sim, cert=cert, ca='garbage', privkey=key) is False
    expired, expired_key = make('old.certs.sim.test', pki['inter'], pki['inter_key'], not_after=NOW - DAY)
    assert verify(sim, cert=pem(expired), ca=chain, privkey=key_pem(expired_key)) is False
    client_only, client_key = make('client.certs.sim.test', pki['inter'], pki['inter_key'], usage=[ExtendedKeyUsageOID.CLIENT_AUTH])
    assert verify(sim, cert=pem(client_only), ca=chain, privkey=key_pem(client_key)) is False
    assert verify(sim, cert='', ca=chain, privkey=key) == 'invalid'
    assert fault(sim.soap('VerifyCertKeyRequest', cert=cert, ca=chain)) == (
        'service.INVALID_REQUEST', 'invalid request: missing required attribute: privkey')


def test_a_root_added_to_the_servers_trust_store_completes_a_chain_without_it(sim):
    root, root_key = make('Private ACME Root', ca=True)
    inter, inter_key = make('Private ACME Intermediate', root, root_key, ca=True)
    leaf, leaf_key = make('mail.acme.sim.test', inter, inter_key, names=['mail.acme.sim.test'])
    assert verify(sim, cert=pem(leaf), ca=pem(inter), privkey=key_pem(leaf_key)) is False
    assert sim.control('POST', 'trusted-roots', {'name': 'private-acme', 'pem': pem(root)}) == {'ok': True}
    assert verify(sim, cert=pem(leaf), ca=pem(inter), privkey=key_pem(leaf_key)) is True


def test_a_stored_certificate_is_read_back_from_its_first_pem_block(sim, pki):
    domain = ok(sim.soap('CreateDomainRequest', name='certs.sim.test'))['CreateDomainResponse']['domain'][0]['id']
    assert fault(sim.soap('GetDomainCertRequest', domain=domain)) == (
        'service.INVALID_REQUEST', f'invalid request: Certificate for Domain with id {domain} could not be found.')
    stored = pem(pki['leaf']) + '\n' + pem(pki['inter'], pki['root'])
    ok(sim.soap('ModifyDomainRequest', id=domain, a=[{'n': 'zimbraSSLCertificate', '_content': stored},
                                                     {'n': 'zimbraSSLPrivateKey', '_content': key_pem(pki['leaf_key'])}]))
    cert = ok(sim.soap('GetDomainCertRequest', domain=domain))['GetDomainCertResponse']['cert'][0]
    leaf = pki['leaf']
    assert cert == {'domain': 'certs.sim.test',
                    'subject': [{'_content': 'O=Sim Test,CN=mail.certs.sim.test'}],
                    'SubjectAltName': [{'_content': 'mail.certs.sim.test, webmail.certs.sim.test'}],
                    'issuer': [{'_content': 'O=Sim Test,CN=Sim Intermediate'}],
                    'notBefore': [{'_content': leaf.not_valid_before_utc.strftime('%b %d %Y %H:%M:%S UTC')}],
                    'notAfter': [{'_content': leaf.not_valid_after_utc.strftime('%b %d %Y %H:%M:%S UTC')}]}
    ok(sim.soap('ModifyDomainRequest', id=domain, a=[{'n': 'zimbraSSLCertificate', '_content': '-----BEGIN CERTIFICATE-----\nAAAA\n'
                                                     '-----END CERTIFICATE-----\n'}]))
    code, message = fault(sim.soap('GetDomainCertRequest', domain=domain))
    assert (code, message.split(':', 2)[:2]) == ('service.FAILURE', ['system failure', ' Failure on generating certificate'])
    assert fault(sim.soap('GetDomainCertRequest')) == ('service.INVALID_REQUEST', 'invalid request: missing required attribute: domain')
    assert fault(sim.soap('GetDomainCertRequest', domain='0f0f0f0f-0000-4000-8000-000000000000'))[0] == 'service.FAILURE'


def test_flush_cache_is_answered_and_logged_as_a_write(sim):
    domain = ok(sim.soap('CreateDomainRequest', name='flush.sim.test'))['CreateDomainResponse']['domain'][0]['id']
    body = ok(sim.soap('FlushCacheRequest', cache={'type': 'domain', 'allServers': 1, 'entry': {'by': 'id', '_content': domain}}))
    assert body == {'FlushCacheResponse': {'_jsns': 'urn:zimbraAdmin'}}
    assert [line['write'] for line in sim.log() if line['request'] == 'FlushCacheRequest'] == [True]
