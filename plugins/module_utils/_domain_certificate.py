# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: carbonio_cert, a domain's certificate made present or absent.

custom: checked here (_certificates), then by the server (VerifyCertKeyRequest as the Admin Panel sends it), then
stored as the Panel stores it with a ModifyDomain and a FlushCache (carbonio-api-features.md 1.1-1.4).
letsencrypt: the documented preconditions, then IssueCertRequest (1.5); the certificate reaches the domain only when
proxy configuration generation runs on the proxy that holds certbot's lineage (1.6), which the cert_deploy role does.
Idempotence compares fingerprints (certificate, chain, the key's public half), never the key itself; the key is
never returned, and every form of it the module sees is masked in whatever Ansible prints.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ssl

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.carbonio.admin.plugins.module_utils import _acme_issue as acme_issue
from ansible_collections.carbonio.admin.plugins.module_utils import _certificates as certificates
from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError, decode_attrs

CERTIFICATE, PRIVATE_KEY = 'zimbraSSLCertificate', 'zimbraSSLPrivateKey'
# with applyConfig (the default) the public service hostname is the effective one, inherited from the global config
DOMAIN_ATTRIBUTES = ','.join(('zimbraDomainName', 'zimbraVirtualHostname', 'zimbraPublicServiceHostname', CERTIFICATE, PRIVATE_KEY))
MAIL_MODE = 'zimbraReverseProxyMailMode'
LETSENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory'

ARGUMENT_SPEC = dict(
    domain=dict(type='str', required=True),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    source=dict(type='str', choices=['custom', 'letsencrypt', 'acme'], default='custom'),
    certificate=dict(type='str'),
    certificate_path=dict(type='path'),
    chain=dict(type='str'),
    chain_path=dict(type='path'),
    private_key=dict(type='str', no_log=True),
    private_key_path=dict(type='path'),
    private_key_passphrase=dict(type='str', no_log=True),
    trusted_roots_path=dict(type='path'),
    renew_before_days=dict(type='int', default=30),
    acme_issuer=dict(type='str', default="O=Let's Encrypt"),
    acme_directory=dict(type='str', default=LETSENCRYPT_DIRECTORY),
    acme_account_key=dict(type='str', no_log=True),
    acme_account_key_path=dict(type='path'),
    acme_email=dict(type='str'),
    acme_ca_path=dict(type='path'),
    acme_order=dict(type='str'),
    acme_timeout=dict(type='int', default=90),
)
MUTUALLY_EXCLUSIVE = [['certificate', 'certificate_path'], ['chain', 'chain_path'], ['private_key', 'private_key_path'],
                      ['acme_account_key', 'acme_account_key_path']]


class Material(object):
    """What a domain's certificate attributes hold, or what the module is asked to store, as fingerprints and views."""

    def __init__(self, leaf=None, chain=(), key_fingerprint=None, parse_error=None):
        self.leaf, self.chain, self.key_fingerprint, self.parse_error = leaf, list(chain), key_fingerprint, parse_error

    def identity(self):
        return (certificates.fingerprint(self.leaf) if self.leaf else None,
                [certificates.fingerprint(cert) for cert in self.chain], self.key_fingerprint)

    def view(self):
        """The certificate as the result and the diff show it: never the key, only its public half's fingerprint."""
        if self.parse_error:
            return dict(parse_error=self.parse_error)
        if self.leaf is None:
            return {}
        view = certificates.describe(self.leaf)
        view.update(days_left=certificates.days_left(self.leaf), key_fingerprint=self.key_fingerprint,
                    chain=[dict(subject=cert.subject.rfc4514_string(), fingerprint=certificates.fingerprint(cert)) for cert in self.chain])
        return view


def stored_material(attrs):
    """The Material of a domain's two attributes (the certificate first, its chain after it: features 1.4)."""
    text, key_text = _first(attrs, CERTIFICATE), _first(attrs, PRIVATE_KEY)
    if not text:
        return Material(key_fingerprint=_key_fingerprint(key_text) if key_text else None)
    try:
        found = certificates.load_certificates(text, CERTIFICATE)
    except certificates.CertificateError as exc:
        return Material(parse_error=str(exc))
    return Material(found[0], found[1:], _key_fingerprint(key_text) if key_text else None)


def _key_fingerprint(text, passphrase=None):
    try:
        key = certificates.load_private_key(text, passphrase, PRIVATE_KEY)
    except certificates.CertificateError:
        return 'unreadable'
    return certificates.public_key_fingerprint(key.public_key())


def _first(attrs, name):
    values = attrs.get(name) or ['']
    return values[0]


def _read_text(module, params, option):
    """An option given as text or as a file (<option>_path), or None."""
    if params.get(option) is not None:
        return params[option]
    path = params.get(option + '_path')
    if not path:
        return None
    try:
        with open(path, 'r') as handle:
            return handle.read()
    except (IOError, OSError, UnicodeDecodeError) as exc:
        module.fail_json(msg='%s_path: cannot read %s (%s)' % (option, path, exc))


def _trusted_roots(module, path):
    """Roots a chain may end at without including them: the file given, else the controller's trust store (if any)."""
    given = bool(path)
    if not given:
        defaults = ssl.get_default_verify_paths()
        path = defaults.cafile or defaults.openssl_cafile
    try:
        with open(path, 'r') as handle:
            return certificates.load_certificates(handle.read(), 'trusted_roots_path')
    except (IOError, OSError, TypeError, certificates.CertificateError) as exc:
        if given:
            module.fail_json(msg=str(exc) if isinstance(exc, certificates.CertificateError) else
                             'trusted_roots_path: cannot read %s (%s)' % (path, exc))
        return []


class Upload(object):
    """A certificate, its chain and key (given, or issued by the ACME CA): checked on the controller before any request."""

    @classmethod
    def from_params(cls, module, params):
        certificate = _read_text(module, params, 'certificate')
        key_text = _read_text(module, params, 'private_key')
        if certificate is None or key_text is None:
            module.fail_json(msg='certificate and private_key (or certificate_path and private_key_path) are required '
                                 'with source=custom and state=present')
        upload = cls(module, certificate, _read_text(module, params, 'chain'), key_text, params['private_key_passphrase'],
                     params['trusted_roots_path'])
        upload.check_renewal(params['renew_before_days'])
        return upload

    def __init__(self, module, certificate, chain, key_text, passphrase, trusted_roots_path):
        self.module = module
        module.no_log_values.add(key_text)
        trusted = _trusted_roots(module, trusted_roots_path)
        try:
            # everything but the names the domain serves, which are known once it is read
            self.leaf, self.chain = certificates.check_material(certificate, chain, key_text, passphrase, trusted=trusted)
            key = certificates.load_private_key(key_text, passphrase, 'private_key')
        except certificates.CertificateError as exc:
            module.fail_json(msg=str(exc))
        # nginx reads the key without a passphrase: an encrypted key is stored decrypted
        self.key_text = certificates.unencrypted_pem(key) if passphrase else key_text.replace('\r', '')
        module.no_log_values.add(self.key_text)
        self.material = Material(self.leaf, self.chain, certificates.public_key_fingerprint(key.public_key()))

    def check_names(self, hostnames):
        try:
            certificates.check_names(self.leaf, hostnames)
        except certificates.CertificateError as exc:
            self.module.fail_json(msg=str(exc))

    def check_renewal(self, renew_before_days):
        left = certificates.days_left(self.leaf)
        if left < renew_before_days:
            self.module.fail_json(msg='certificate: expires on %s, in %d days, within renew_before_days (%d): give a renewed '
                                      'certificate, or lower renew_before_days' % (
                                          certificates.iso_utc(self.leaf.not_valid_after_utc), left, renew_before_days),
                                  valid_until=certificates.iso_utc(self.leaf.not_valid_after_utc), days_left=left)

    def cert_text(self):
        return certificates.pem(self.leaf)

    def chain_text(self):
        return ''.join(certificates.pem(cert) for cert in self.chain)


class CertRun(object):
    """One carbonio_cert run: the domain read, the plan, the writes and the result."""

    def __init__(self, module):
        self.module, self.params = module, module.params
        self.client = None
        self.domain = None
        self.result = dict(changed=False, changes=[])

    def read_domain(self, name, extra=()):
        """The domain (effective public service hostname included) and the replies to `extra` requests, in one batch."""
        items = self.client.batch([('GetDomainRequest', {'domain': {'by': 'name', '_content': name}, 'attrs': DOMAIN_ATTRIBUTES})]
                                  + list(extra), repeatable=True)
        if items[0].fault is not None:
            if items[0].fault.code == DOMAIN.missing_fault:
                self.fail('domain: no such domain: %s' % name)
            raise items[0].fault
        for item in items[1:]:
            if item.fault is not None:
                raise item.fault
        self.domain = requests.entry(requests.elements(items[0].response, 'domain')[0])
        self.module.no_log_values.update(value for value in self.domain['attrs'].get(PRIVATE_KEY, []) if value)
        return items[1:]

    def hostnames(self):
        attrs = self.domain['attrs']
        return [name for name in attrs.get('zimbraPublicServiceHostname', []) + attrs.get('zimbraVirtualHostname', []) if name]

    def fail(self, msg, **extra):
        self.module.fail_json(msg=msg, **dict(self.result, **extra))

    def report(self, before, after, changes):
        """What differs; `changed` predicts in check mode, and otherwise turns true only once a write is confirmed."""
        self.result.update(changed=bool(changes) and self.module.check_mode, changes=changes, certificate=after.view())
        if self.module._diff:
            self.result['diff'] = dict(before=before.view(), after=after.view())

    def write_attributes(self, values):
        """ModifyDomain of the two attributes (read back if the answer is lost), then the cache flush the Panel sends."""
        write = requests.modify_write(DOMAIN, self.domain['name'], self.domain['id'], values)
        requests.send(self.client, DOMAIN, write)
        self.result['changed'] = True
        self.flush_cache()

    def flush_cache(self):
        requests.flush_domain_cache(self.client, self.domain['id'], self.module.warn, 'certificate')

    def warn_lineage(self, current):
        """A Let's Encrypt lineage on a proxy node puts its certificate back at every configuration generation (1.6)."""
        marker = self.params['acme_issuer']
        if current.leaf is not None and marker and marker in current.leaf.issuer.rfc4514_string():
            name = self.domain['name']
            self.module.warn('domain %s had a certificate issued by %s: if a proxy node holds its certbot lineage, the next proxy '
                             'configuration generation puts it back: remove it there (certbot delete --cert-name %s, as '
                             'zextras)' % (name, current.leaf.issuer.rfc4514_string(), name))


def ensure_custom(run, upload):
    run.read_domain(run.params['domain'])
    current = stored_material(run.domain['attrs'])
    upload.check_names(run.hostnames())
    changes = _material_changes(current, upload.material)
    run.report(current, upload.material, changes)
    if not changes:
        return 'certificate of %s unchanged' % run.domain['name']
    if current.leaf is not None and current.identity()[0] != upload.material.identity()[0]:
        run.warn_lineage(current)
    store(run, upload)
    return 'certificate of %s %s' % (run.domain['name'], 'stored' if current.leaf is None else 'replaced')


def store(run, upload):
    """VerifyCertKey as the Panel sends it (features 1.2), then the two attributes and the cache flush (1.4)."""
    verified = run.client.soap('VerifyCertKeyRequest', {'cert': upload.cert_text(), 'ca': upload.chain_text(),
                                                        'privkey': upload.key_text})
    if verified.get('verifyResult') is not True:
        run.fail('certificate: Carbonio refused the certificate, chain and key (VerifyCertKeyRequest answered %r: the key does '
                 'not match, the chain does not lead to a root the server trusts, or the certificate is not for TLS servers); '
                 'nothing was stored' % verified.get('verifyResult'), changed=False)
    if not run.module.check_mode:
        run.write_attributes({CERTIFICATE: certificates.stored_value(upload.cert_text(), upload.chain_text()),
                              PRIVATE_KEY: upload.key_text})


def _material_changes(current, desired):
    names = ('certificate', 'chain', 'private_key')
    return [name for name, have, want in zip(names, current.identity(), desired.identity()) if have != want]


def ensure_absent(run):
    run.read_domain(run.params['domain'])
    current = stored_material(run.domain['attrs'])
    attrs = run.domain['attrs']
    changes = [name for name, attribute in (('certificate', CERTIFICATE), ('private_key', PRIVATE_KEY)) if _first(attrs, attribute)]
    run.report(current, Material(), changes)
    if not changes:
        return 'domain %s has no certificate' % run.domain['name']
    run.warn_lineage(current)
    if not run.module.check_mode:
        run.write_attributes({CERTIFICATE: '', PRIVATE_KEY: ''})
    return 'certificate of %s removed' % run.domain['name']


def ensure_letsencrypt(run):
    """IssueCert when the stored certificate is not one of the CA's, misses a name the domain serves, or is due for renewal."""
    name = run.params['domain']
    config, servers = run.read_domain(name, [('GetConfigRequest', {'a': {'n': MAIL_MODE}}),
                                             ('GetAllServersRequest', {'service': 'proxy', 'applyConfig': 0})])
    current = stored_material(run.domain['attrs'])
    proxies = sorted(requests.elements(servers.response, 'server'), key=lambda server: server['name'])
    _check_letsencrypt(run, decode_attrs(config.response.get('a', [])), proxies)
    # Carbonio runs certbot on the first proxy server by name, which then holds the lineage (features 1.5)
    run.result['certbot_server'] = proxies[0]['name']
    reasons = _issue_reasons(run, current)
    run.result.update(changed=bool(reasons) and run.module.check_mode, changes=['certificate'] if reasons else [],
                      certificate=current.view(), issue_reasons=reasons)
    if run.module._diff:
        run.result['diff'] = dict(before=current.view(), after=dict(issue='requested from Let\'s Encrypt') if reasons else current.view())
    if not reasons:
        return 'certificate of %s is current (%d days left)' % (run.domain['name'], certificates.days_left(current.leaf))
    if run.module.check_mode:
        return 'a Let\'s Encrypt certificate would be requested for %s' % run.domain['name']
    # IssueCert changes nothing in the directory: resending it after a lost answer only starts certbot again,
    # which keeps a valid lineage (--keep), so it may be repeated.
    answer = run.client.soap('IssueCertRequest', {'domain': run.domain['id']}, repeatable=True)
    message = requests.elements(answer, 'message')
    run.result.update(changed=True, issue_message=(message[0].get('_content', '') if message else ''))
    return ('a Let\'s Encrypt certificate was requested for %s; it reaches the domain when proxy configuration is regenerated '
            'on the proxy node that runs certbot (the cert_deploy role does it)' % run.domain['name'])


def _check_letsencrypt(run, config, proxies):
    """The documented prerequisites (features 1.5), each refused with what to set."""
    attrs, domain = run.domain['attrs'], run.domain['name']
    if not attrs.get('zimbraPublicServiceHostname'):
        run.fail('domain: %s has no public service hostname (own or inherited from the global config): set '
                 'public_service_hostname with carbonio_domain' % domain)
    if not attrs.get('zimbraVirtualHostname'):
        run.fail('domain: %s has no virtual host: Let\'s Encrypt needs at least one; set virtual_hostnames with '
                 'carbonio_domain' % domain)
    if not proxies:
        run.fail('source: letsencrypt needs a server running the proxy service, and none does (GetAllServersRequest '
                 'service=proxy is empty)')
    if config.get(MAIL_MODE, [''])[0] != 'redirect':
        run.fail('source: letsencrypt needs the global %s to be redirect (it is %s)' % (MAIL_MODE, config.get(MAIL_MODE, ['unset'])[0]))
    own = [server['name'] for server in proxies if decode_attrs(server.get('a', [])).get(MAIL_MODE)]
    if own:
        run.fail('source: letsencrypt needs %s unset on the proxy servers, and %s set it: clear it with '
                 'carbonio prov ms <server> %s ""' % (MAIL_MODE, ', '.join(own), MAIL_MODE))


def _issue_reasons(run, current):
    if current.leaf is None:
        return ['the domain has no certificate' if not current.parse_error else 'the stored certificate does not parse']
    reasons = []
    marker = run.params['acme_issuer']
    if marker and marker not in current.leaf.issuer.rfc4514_string():
        reasons.append('the stored certificate was issued by %s, not by the ACME CA (%s)' % (current.leaf.issuer.rfc4514_string(), marker))
    uncovered = [name for name in run.hostnames() if not certificates.covers(certificates.dns_names(current.leaf), name)]
    if uncovered:
        reasons.append('the stored certificate does not cover %s' % ', '.join(uncovered))
    left = certificates.days_left(current.leaf)
    if left < run.params['renew_before_days']:
        reasons.append('the stored certificate expires in %d days, within renew_before_days (%d)' % (left, run.params['renew_before_days']))
    return reasons


def ensure_acme(run, account_key):
    """Step one (no acme_order): an order when the stored certificate needs one, with the challenges every proxy node must
    serve. Step two (acme_order): the order finalized, the certificate checked and stored as a custom one."""
    params = run.params
    run.read_domain(params['domain'])
    current = stored_material(run.domain['attrs'])
    names = list(dict.fromkeys(name.lower() for name in run.hostnames()))
    if not names:
        run.fail('domain: %s has neither a public service hostname nor a virtual host to certify' % run.domain['name'])
    if params['acme_order'] is None:
        reasons = _issue_reasons(run, current)
        run.result.update(changed=bool(reasons) and run.module.check_mode, changes=['certificate'] if reasons else [],
                          certificate=current.view(), issue_reasons=reasons, challenges=[])
        if run.module._diff:
            run.result['diff'] = dict(before=current.view(), after=dict(issue='ordered from %s' % params['acme_directory'])
                                      if reasons else current.view())
        if not reasons:
            return 'certificate of %s is current (%d days left)' % (run.domain['name'], certificates.days_left(current.leaf))
        if run.module.check_mode:
            return 'a certificate would be ordered for %s' % ', '.join(names)
        client = acme_issue.account_client(params['acme_directory'], account_key, params['acme_email'], params['acme_ca_path'])
        run.result['acme_order'], run.result['challenges'] = acme_issue.order(client, names)
        run.result['changed'] = True
        return ('ACME order created for %s: serve each challenge\'s content at /opt/zextras/<path> on every proxy node, then run '
                'again with acme_order' % ', '.join(names))
    run.result.update(changes=['certificate', 'chain', 'private_key'], acme_order=params['acme_order'])
    if run.module.check_mode:
        run.result['changed'] = True
        return 'the order would be finalized and its certificate stored'
    client = acme_issue.account_client(params['acme_directory'], account_key, params['acme_email'], params['acme_ca_path'])
    fullchain, key_text = acme_issue.finalize(client, params['acme_order'], names, params['acme_timeout'])
    run.module.no_log_values.add(key_text)
    upload = Upload(run.module, fullchain, None, key_text, None, params['trusted_roots_path'])
    upload.check_names(names)
    run.report(current, upload.material, _material_changes(current, upload.material))
    store(run, upload)
    return 'certificate of %s issued by %s and stored' % (run.domain['name'], upload.leaf.issuer.rfc4514_string())


def _acme_account_key(module, params):
    if not acme_issue.HAS_ACME:
        module.fail_json(msg=missing_required_lib('acme'), exception=acme_issue.ACME_IMPORT_ERROR)
    key = _read_text(module, params, 'acme_account_key')
    if key is None:
        module.fail_json(msg='acme_account_key: the ACME account key (or acme_account_key_path) is required with source=acme')
    module.no_log_values.add(key)
    try:
        acme_issue.account_jwk(key)
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    return key


def run_cert_module():
    module = create_module(ARGUMENT_SPEC, mutually_exclusive=MUTUALLY_EXCLUSIVE)
    if not certificates.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'), exception=certificates.CRYPTOGRAPHY_IMPORT_ERROR)
    params = module.params
    params['domain'] = params['domain'].strip().lower()
    if params['renew_before_days'] < 0:
        module.fail_json(msg='renew_before_days: must be 0 or more (days)')
    if params['acme_timeout'] <= 0:
        module.fail_json(msg='acme_timeout: must be more than 0 (seconds)')
    run = CertRun(module)
    # everything given is checked before the first request: bad input never reaches the server
    present = params['state'] == 'present'
    upload = Upload.from_params(module, params) if present and params['source'] == 'custom' else None
    account_key = _acme_account_key(module, params) if present and params['source'] == 'acme' else None
    run.client = create_client(module)
    try:
        if not present:
            msg = ensure_absent(run)
        elif upload is not None:
            msg = ensure_custom(run, upload)
        elif account_key is not None:
            msg = ensure_acme(run, account_key)
        else:
            msg = ensure_letsencrypt(run)
    except CarbonioError as exc:
        fail_on_error(module, exc, **run.result)
    except acme_issue.AcmeError as exc:
        run.fail(str(exc))
    module.exit_json(msg=msg, **run.result)
