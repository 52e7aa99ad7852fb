# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a proxy node serves (_served): fingerprints, problems said per name or path, checksums matched only when served."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import socket
import ssl

from ansible_collections.carbonio.admin.plugins.module_utils import _served


def _closed_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def test_a_fingerprint_is_the_sha256_of_the_der_in_colon_separated_upper_case():
    assert _served.fingerprint(b'abc') == ':'.join('%02X' % byte for byte in hashlib.sha256(b'abc').digest())


def test_a_name_nothing_answers_for_is_reported_not_raised_and_does_not_match():
    port = _closed_port()
    served = _served.certificates_served('127.0.0.1', port, ['a.test', 'b.test'], 2, expected='ab:cd')
    assert [entry['server_name'] for entry in served] == ['a.test', 'b.test']
    assert all(entry['fingerprint'] == '' and entry['matches'] is False and entry['error'].startswith('127.0.0.1:%d: ' % port)
               for entry in served)
    assert 'matches' not in _served.certificates_served('127.0.0.1', port, ['a.test'], 2)[0]


def test_the_expected_fingerprint_matches_in_any_case_with_or_without_colons(monkeypatch):
    monkeypatch.setattr(_served, 'handshake_certificate', lambda address, port, name, timeout: b'abc')
    wanted = _served.fingerprint(b'abc').replace(':', '').lower()
    assert _served.certificates_served('127.0.0.1', 443, ['a.test'], 2, expected=wanted)[0]['matches'] is True


def test_a_file_matches_only_when_served_with_its_checksum(monkeypatch):
    answers = {'/ok': (200, b'logo'), '/missing': (404, b'logo'), '/other': (200, b'old logo')}

    def fetch(address, port, name, path, context, timeout):
        status, body = answers[path]
        return dict(path=path, status=status, size=len(body), sha256=hashlib.sha256(body).hexdigest(), error=None)

    monkeypatch.setattr(_served, '_fetch', fetch)
    logo = hashlib.sha256(b'logo').hexdigest().upper()
    files = _served.files_served('127.0.0.1', 443, 'a.test', ['/ok', '/missing', '/other', '/ok'], None, 2,
                                 {'/ok': logo, '/missing': logo, '/other': logo})
    assert [found['matches'] for found in files] == [True, False, False, True]


def test_a_file_on_a_closed_port_is_reported_per_path():
    files = _served.files_served('127.0.0.1', _closed_port(), 'a.test', ['/a', '/b'], ssl.create_default_context(), 2)
    assert [(found['path'], found['status']) for found in files] == [('/a', None), ('/b', None)]
    assert all('ConnectionRefused' in found['error'] for found in files) and 'matches' not in files[0]
