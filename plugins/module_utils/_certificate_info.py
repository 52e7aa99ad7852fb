# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: carbonio_cert_info, the domain certificates as Carbonio parses them.

Two round trips after authentication: one SearchDirectory for the domains (name, virtual hosts, stored certificate;
never the private key), one BatchRequest of GetDomainCert for those that have a certificate (carbonio-api-features.md
1.3). The stored value (leaf, then chain: 1.4) is parsed here as well, for the chain, the fingerprint and the days left.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.carbonio.admin.plugins.module_utils import _certificates as certificates
from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError, element_text

# what the search reads of each domain: zimbraSSLPrivateKey is never asked for
DOMAIN_ATTRIBUTES = 'zimbraDomainName,zimbraVirtualHostname,zimbraSSLCertificate'
# GetDomainCert's fields and the names the result gives them
CARBONIO_FIELDS = (('subject', 'subject'), ('SubjectAltName', 'subject_alt_names'), ('issuer', 'issuer'),
                   ('notBefore', 'not_before'), ('notAfter', 'not_after'))

ARGUMENT_SPEC = dict(
    domain=dict(type='str'),
    expiring_within_days=dict(type='int'),
    download=dict(type='bool', default=False),
)


def carbonio_view(item):
    """GetDomainCert's answer (Carbonio's own parse), or its error."""
    if item.fault:
        return dict(error=dict(code=item.fault.code, message=item.fault.message))
    cert = requests.elements(item.response, 'cert')[0]
    view = dict((key, element_text(cert.get(field)) or '') for field, key in CARBONIO_FIELDS)
    view['subject_alt_names'] = [name for name in view['subject_alt_names'].split(', ') if name]
    return view


def local_view(stored, hostnames, download):
    """What the stored value holds: days left, fingerprint, the chain, the virtual hosts the names miss."""
    try:
        found = certificates.load_certificates(stored, 'zimbraSSLCertificate')
    except certificates.CertificateError as exc:
        return dict(parse_error=str(exc))
    leaf, chain = found[0], found[1:]
    names = certificates.dns_names(leaf)
    view = dict(fingerprint=certificates.fingerprint(leaf), days_left=certificates.days_left(leaf),
                valid_until=certificates.iso_utc(leaf.not_valid_after_utc),
                chain=[certificates.describe(cert) for cert in chain],
                uncovered_virtual_hostnames=[name for name in hostnames if not certificates.covers(names, name)])
    if download:
        view['certificate'] = certificates.pem(leaf)
        view['chain_pem'] = ''.join(certificates.pem(cert) for cert in chain)
    return view


def run_cert_info_module():
    module = create_module(ARGUMENT_SPEC)
    if not certificates.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'), exception=certificates.CRYPTOGRAPHY_IMPORT_ERROR)
    params = module.params
    within = params['expiring_within_days']
    if within is not None and within < 0:
        module.fail_json(msg='expiring_within_days: must be 0 or more (days)')
    name = params['domain'].strip().lower() if params['domain'] else None
    client = create_client(module)
    try:
        query = '(zimbraDomainName=%s)' % requests.escape_filter(name) if name else None
        domains = requests.search(client, query, types='domains', attrs=DOMAIN_ATTRIBUTES).get('domain', [])
        if name and not domains:
            module.fail_json(msg='domain: no such domain: %s' % name)
        with_cert = sorted((domain for domain in domains if domain['attrs'].get('zimbraSSLCertificate')), key=lambda d: d['name'])
        items = client.batch([('GetDomainCertRequest', {'domain': domain['id']}) for domain in with_cert], repeatable=True)
    except CarbonioError as exc:
        fail_on_error(module, exc)
    found = []
    for domain, item in zip(with_cert, items):
        hostnames = domain['attrs'].get('zimbraVirtualHostname', [])
        entry = dict(domain=domain['name'], virtual_hostnames=hostnames)
        entry.update(carbonio_view(item))
        entry.update(local_view(domain['attrs']['zimbraSSLCertificate'][0], hostnames, params['download']))
        if within is None or entry.get('days_left', 0) <= within:
            found.append(entry)
    without = sorted(domain['name'] for domain in domains if not domain['attrs'].get('zimbraSSLCertificate'))
    what = 'expiring within %d days' % within if within is not None else 'found'
    module.exit_json(changed=False, msg='%d certificate%s %s' % (len(found), '' if len(found) == 1 else 's', what),
                     certificates=found, domains_without_certificate=without)
