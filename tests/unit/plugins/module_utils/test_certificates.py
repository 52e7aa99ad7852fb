# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_certificates: each rule Carbonio's VerifyCertKey folds into true/false, checked here with an error that names
the field, on a root > intermediate > leaf hierarchy made for each test run."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils._certificates import (
    CertificateError, check_material, covers, days_left, describe, stored_value)
from ansible_collections.carbonio.admin.tests.pki import DAY, NOW, key_pem, make, pem


@pytest.fixture(scope='module')
def pki():
    root, root_key = make('Test Root', ca=True)
    inter, inter_key = make('Test Intermediate', root, root_key, ca=True)
    leaf, leaf_key = make('mail.example.com', inter, inter_key, names=['mail.example.com', 'webmail.example.com'])
    return dict(root=root, root_key=root_key, inter=inter, inter_key=inter_key, leaf=leaf, leaf_key=leaf_key)


def refused(pki, **given):
    args = dict(certificate=pem(pki['leaf']), chain=pem(pki['inter'], pki['root']), private_key=key_pem(pki['leaf_key']),
                hostnames=['mail.example.com'])
    args.update(given)
    with pytest.raises(CertificateError) as error:
        check_material(**args)
    message = str(error.value)
    key_body = key_pem(pki['leaf_key']).splitlines()[1]
    assert key_body not in message
    return message


def test_a_complete_chain_with_its_key_passes_and_is_described(pki):
    leaf, chain = check_material(pem(pki['leaf']), pem(pki['inter'], pki['root']), key_pem(pki['leaf_key']),
                                 hostnames=['mail.example.com', 'WebMail.example.com'])
    assert (leaf, chain) == (pki['leaf'], [pki['inter'], pki['root']])
    described = describe(leaf)
    assert described['subject'] == 'CN=mail.example.com'
    assert described['issuer'] == 'CN=Test Intermediate'
    assert described['subject_alt_names'] == ['mail.example.com', 'webmail.example.com']
    assert len(described['fingerprint'].split(':')) == 32
    assert 88 <= days_left(leaf) <= 90


def test_a_fullchain_in_the_certificate_needs_no_separate_chain(pki):
    leaf, chain = check_material(pem(pki['leaf'], pki['inter'], pki['root']), '', key_pem(pki['leaf_key']))
    assert chain == [pki['inter'], pki['root']]


def test_a_chain_without_its_root_passes_only_when_the_root_is_trusted(pki):
    message = refused(pki, chain=pem(pki['inter']))
    assert message == ('chain: ends at CN=Test Intermediate, issued by CN=Test Root, which is neither in the chain nor a '
                       'trusted root; add the missing intermediate or root')
    check_material(pem(pki['leaf']), pem(pki['inter']), key_pem(pki['leaf_key']), trusted=[pki['root']])


def test_a_key_of_another_certificate_is_refused(pki):
    assert refused(pki, private_key=key_pem(pki['inter_key'])) == 'private_key: does not match the certificate (CN=mail.example.com)'


def test_dates_are_checked_on_the_certificate_and_the_chain(pki):
    expired, expired_key = make('old.example.com', pki['inter'], pki['inter_key'], names=['mail.example.com'],
                                not_before=NOW - 100 * DAY, not_after=NOW - 10 * DAY)
    message = refused(pki, certificate=pem(expired), private_key=key_pem(expired_key))
    assert message.startswith('certificate: CN=old.example.com expired on ')
    future, future_key = make('new.example.com', pki['inter'], pki['inter_key'], names=['mail.example.com'], not_before=NOW + 5 * DAY)
    assert refused(pki, certificate=pem(future), private_key=key_pem(future_key)).startswith(
        'certificate: CN=new.example.com is not valid before ')
    old_inter, old_inter_key = make('Old Intermediate', pki['root'], pki['root_key'], ca=True,
                                    not_before=NOW - 100 * DAY, not_after=NOW - DAY)
    leaf, leaf_key = make('mail.example.com', old_inter, old_inter_key, names=['mail.example.com'])
    assert refused(pki, certificate=pem(leaf), chain=pem(old_inter, pki['root']), private_key=key_pem(leaf_key)).startswith(
        'chain: CN=Old Intermediate expired on ')


def test_a_chain_in_the_wrong_order_is_told_apart_from_a_missing_intermediate(pki):
    assert refused(pki, chain=pem(pki['root'], pki['inter'])).startswith(
        'chain: out of order: CN=Test Root does not issue CN=mail.example.com')
    assert refused(pki, chain=pem(pki['root'])) == (
        'chain: CN=mail.example.com was not issued by the next certificate, CN=Test Root: the intermediate that issued it is missing')


def test_every_name_the_domain_serves_must_be_covered(pki):
    assert refused(pki, hostnames=['mail.example.com', 'imap.example.com']) == (
        'certificate: its names (mail.example.com, webmail.example.com) do not cover imap.example.com, which the domain serves')
    assert covers(['*.example.com'], 'mail.example.com')
    assert not covers(['*.example.com'], 'a.mail.example.com')
    assert not covers(['*.example.com'], 'example.com')


def test_garbage_is_refused_naming_the_field(pki):
    assert refused(pki, certificate='not a certificate') == (
        'certificate: no PEM certificate found (expected -----BEGIN CERTIFICATE----- blocks)')
    broken = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n'
    assert refused(pki, chain=broken).startswith('chain: not a valid PEM certificate')
    assert refused(pki, private_key='-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n') == (
        'private_key: not a valid PEM private key (expected -----BEGIN PRIVATE KEY----- or an RSA/EC key)')


def test_an_encrypted_key_needs_its_passphrase(pki):
    encrypted = key_pem(pki['leaf_key'], 'Key-Passphrase-1')
    assert refused(pki, private_key=encrypted) == 'private_key: the key is encrypted; give its passphrase in private_key_passphrase'
    assert refused(pki, private_key=encrypted, passphrase='wrong') == 'private_key: the passphrase does not decrypt the key'
    assert refused(pki, passphrase='Key-Passphrase-1') == 'private_key: the key is not encrypted; leave out private_key_passphrase'
    check_material(pem(pki['leaf']), pem(pki['inter'], pki['root']), encrypted, passphrase='Key-Passphrase-1')


def test_the_stored_value_is_the_certificate_then_the_chain_as_the_panel_writes_it():
    assert stored_value('LEAF\n', 'CHAIN\n') == 'LEAF\n\nCHAIN\n'
    assert stored_value('LEAF\n', '') == 'LEAF\n'
