# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_domain_certificate: what a domain's two attributes hold, compared by fingerprints only; keys told apart by
their public half whatever their encoding; an encrypted key stored in the form nginx reads."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _certificates as certificates
from ansible_collections.carbonio.admin.plugins.module_utils._domain_certificate import (
    Material, _material_changes, stored_material)
from ansible_collections.carbonio.admin.tests.pki import key_pem, make, pem


def test_stored_attributes_are_read_as_fingerprints_and_shown_without_the_key():
    root, root_key = make('Unit Root', ca=True)
    leaf, leaf_key = make('mail.unit.test', root, root_key, names=['mail.unit.test'])
    stored = stored_material({'zimbraSSLCertificate': [certificates.stored_value(pem(leaf), pem(root))],
                              'zimbraSSLPrivateKey': [key_pem(leaf_key)]})
    assert stored.identity() == (certificates.fingerprint(leaf), [certificates.fingerprint(root)],
                                 certificates.public_key_fingerprint(leaf.public_key()))
    view = stored.view()
    assert view['subject'] == 'CN=mail.unit.test' and view['chain'] == [{'subject': 'CN=Unit Root', 'fingerprint': certificates.fingerprint(root)}]
    assert key_pem(leaf_key).splitlines()[1] not in repr(view)
    assert stored_material({'zimbraSSLCertificate': ['garbage']}).view() == {
        'parse_error': 'zimbraSSLCertificate: no PEM certificate found (expected -----BEGIN CERTIFICATE----- blocks)'}
    assert stored_material({}).view() == {}
    assert stored_material({'zimbraSSLPrivateKey': ['not a key']}).identity() == (None, [], 'unreadable')


def test_the_same_key_in_another_encoding_is_no_change_and_a_new_chain_is_one():
    root, root_key = make('Unit Root', ca=True)
    other_root, other_key = make('Other Root', ca=True)
    leaf, leaf_key = make('mail.unit.test', root, root_key, names=['mail.unit.test'])
    encrypted = key_pem(leaf_key, 'Unit-Passphrase-1')
    decrypted = certificates.unencrypted_pem(certificates.load_private_key(encrypted, 'Unit-Passphrase-1', 'private_key'))
    assert decrypted.startswith('-----BEGIN PRIVATE KEY-----') and 'ENCRYPTED' not in decrypted
    same_key = certificates.public_key_fingerprint(certificates.load_private_key(decrypted, None, 'private_key').public_key())
    have = Material(leaf, [root], certificates.public_key_fingerprint(leaf_key.public_key()))
    assert _material_changes(have, Material(leaf, [root], same_key)) == []
    assert _material_changes(have, Material(leaf, [other_root], same_key)) == ['chain']
    assert _material_changes(Material(), have) == ['certificate', 'chain', 'private_key']
    assert certificates.public_key_fingerprint(other_key.public_key()) != same_key
