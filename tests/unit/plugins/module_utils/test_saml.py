# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SAML: the options checked before any request, the IdP metadata read as an import stores it, the names to give the
IdP, and the export without the SP's key."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.carbonio.admin.plugins.module_utils import _saml as saml

METADATA = b'''<?xml version="1.0"?>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
    entityID="https://idp.example.com/idp">
  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>ENCRYPTION</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>
    <KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
      MIIB
      SIGN
    </ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/post"/>
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </IDPSSODescriptor>
</EntityDescriptor>'''


def params(**given):
    base = dict(idp_metadata_url=None, allow_insecure=False, properties={}, logout_url=None, sign_logout=None,
                sign_authn_requests=None)
    base.update(given)
    return base


def test_metadata_as_an_import_stores_it_redirect_binding_and_signing_key_first():
    assert saml.metadata_properties(METADATA) == {
        'idp.entityid': 'https://idp.example.com/idp',
        'idp.single_sign_on_service.url': 'https://idp.example.com/sso',
        'idp.single_sign_on_service.binding': 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
        'idp.x509cert': 'MIIBSIGN'}


def test_metadata_that_describes_no_idp_is_refused():
    with pytest.raises(ValueError, match='no identity provider'):
        saml.metadata_properties(b'<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>')


def test_plain_http_needs_allow_insecure():
    with pytest.raises(ValueError, match='^idp_metadata_url: http://idp.example.com/m.xml is plain http; set allow_insecure: true'):
        saml.parse_url(params(idp_metadata_url='http://idp.example.com/m.xml'))
    assert saml.parse_url(params(idp_metadata_url='http://idp.example.com/m.xml', allow_insecure=True)) == 'http://idp.example.com/m.xml'
    with pytest.raises(ValueError, match='^idp_metadata_url: invalid URL'):
        saml.parse_url(params(idp_metadata_url='ftp://idp.example.com/m.xml'))


def test_properties_and_readable_options_as_text():
    wanted = saml.parse_properties(params(properties={'security.want_assertions_signed': True, 'sp.nameidformat': '', 'debug': 1},
                                          logout_url='https://idp.example.com/slo', sign_logout=False))
    assert wanted == {'security.want_assertions_signed': 'true', 'sp.nameidformat': None, 'debug': '1',
                      'idp.single_logout_service.url': 'https://idp.example.com/slo',
                      'security.logoutrequest_signed': 'false', 'security.logoutresponse_signed': 'false'}


@pytest.mark.parametrize('given, message', [
    (dict(properties={'sp.privatekey': 'MIIE'}), "properties.sp.privatekey: the SP's key is made by Carbonio"),
    (dict(properties={'onelogin.saml2.sp.entityid': 'x'}), 'properties.onelogin.saml2.sp.entityid: not a SAML property'),
    (dict(properties={'sp.entityid': ['a']}), 'properties.sp.entityid: expected a text, number or boolean'),
    (dict(logout_url='https://a.example.com/', properties={'idp.single_logout_service.url': 'https://b.example.com/'}),
     'logout_url: also set by properties.idp.single_logout_service.url'),
    (dict(logout_url='http://a.example.com/'), 'logout_url: invalid URL'),
])
def test_bad_properties_name_their_field(given, message):
    with pytest.raises(ValueError) as refused:
        saml.parse_properties(params(**given))
    assert str(refused.value).startswith(message)


def test_generate_options_by_the_cli_names():
    assert saml.generate_body(None) == {}
    assert saml.generate_body(dict(days=30, country='IT', state=None, location=None, organization='Ex', organizational_unit='Mail',
                                   digest='SHA512', key_size=4096)) == {
        'days': 30, 'country': 'IT', 'organization': 'Ex', 'organizationalUnit': 'Mail', 'digest': 'SHA512', 'encryption': 'RSA:4096'}
    with pytest.raises(ValueError, match='^sp_certificate.days: '):
        saml.generate_body(dict(days=0))


def test_names_for_the_idp_from_the_effective_public_service():
    entry = dict(attrs={'zimbraPublicServiceHostname': ['mail.example.com']})
    assert saml.public_names('example.com', entry, {'zimbraPublicServiceProtocol': ['http']}) == (
        'http://mail.example.com/zx/auth/samlMetadata?domain=example.com', 'http://mail.example.com/zx/auth/saml')
    assert saml.public_names('example.com', dict(attrs={}), {'zimbraPublicServiceHostname': ['global.example.com']})[1] == \
        'https://global.example.com/zx/auth/saml'
    assert saml.public_names('example.com', None, {}) == (None, None)


def test_the_export_and_every_view_leave_the_key_out():
    stored = {'idp.entityid': 'https://idp', 'sp.x509cert': 'MIIC', 'sp.privatekey': 'MIIE', 'sp.some_password': 'p'}
    assert saml.export('example.com', stored) == dict(domain='example.com', properties={'idp.entityid': 'https://idp'},
                                                      generate_sp_certificate=True)
    assert saml.shown(stored) == {'idp.entityid': 'https://idp', 'sp.x509cert': 'MIIC'}
    assert saml.view('sp.privatekey', 'MIIE') == '(hidden)' and saml.view('idp.entityid', 'x') == 'x'
