"""A company's own LDAP directory, for external GAL: a second slapd with its own suffix, people and a reader account.

Not Carbonio: what an operator points a domain's external GAL at (carbonio_gal). The tests start it beside the
simulator (tools/with_simulator.py --company-directory), so that both the collection's check from the controller
and the simulator's CheckGalConfig bind to a real directory and run real filters. Anonymous clients may only bind;
the reader account reads everything but passwords. It offers StartTLS with a certificate of its own CA (`ca_path`).
Run alone: python -m tests.simulator.company_directory --data-dir DIR (prints its details as JSON, stops on SIGTERM).
"""

import argparse
import json
import os
import signal
import sys

from .ldap_connection import LdapConnection
from .slapd import DEBIAN_SCHEMA_DIR, MODULE_PATH, PID_FILE, Slapd, kept_secret
from .tls import ensure_certificates

SUFFIX = 'dc=corp,dc=test'
PEOPLE = 'ou=people,' + SUFFIX
SERVICES = 'ou=services,' + SUFFIX
READER_DN = 'cn=gal-reader,' + SERVICES
ROOT_DN = 'cn=admin,' + SUFFIX
MAIL_DOMAIN = 'corp.test'
FIRST_NAMES = ('Ada', 'Bruno', 'Chiara', 'Dario', 'Elena', 'Fabio', 'Giulia', 'Hugo', 'Irene', 'Luca', 'Marta', 'Nico',
               'Olga', 'Paolo', 'Rita', 'Sergio', 'Tina', 'Ugo', 'Vera', 'Zeno')
LAST_NAMES = ('Rossi', 'Bianchi', 'Conti', 'Ferrari', 'Galli', 'Marino', 'Greco', 'Bruno', 'Costa', 'Fontana', 'Moretti',
              'Ricci', 'Lombardi', 'Serra', 'Villa')


def people(count):
    """(rdn value, attributes) of `count` people, the same on every run."""
    for number in range(count):
        first, last = FIRST_NAMES[number % len(FIRST_NAMES)], LAST_NAMES[number // len(FIRST_NAMES) % len(LAST_NAMES)]
        uid = '%s.%s%d' % (first.lower(), last.lower(), number)
        yield uid, {'objectClass': ['inetOrgPerson'], 'uid': [uid], 'cn': ['%s %s' % (first, last)], 'sn': [last],
                    'givenName': [first], 'displayName': ['%s %s' % (first, last)], 'mail': ['%s@%s' % (uid, MAIL_DOMAIN)],
                    'telephoneNumber': ['+39 02 %07d' % number], 'title': ['Employee %d' % number]}


class CompanyDirectory:
    """The directory on a free loopback port; `details` is what a test needs to point a GAL at it."""

    def __init__(self, data_dir, count=300):
        self.data_dir = os.path.abspath(data_dir)
        self.count = count
        os.makedirs(os.path.join(self.data_dir, 'db'), exist_ok=True)
        self.root_password = kept_secret(self.data_dir, 'root-password')
        self.reader_password = kept_secret(self.data_dir, 'reader-password')
        # StartTLS with a certificate of its own CA (for 127.0.0.1 and localhost), which clients must be told to trust
        self.ca_path, cert_path, key_path = ensure_certificates(self.data_dir)
        self.slapd = Slapd(self.data_dir, self._write_config(cert_path, key_path))

    def _write_config(self, cert_path, key_path):
        path = os.path.join(self.data_dir, 'slapd.conf')
        lines = ['include "%s/%s.schema"' % (DEBIAN_SCHEMA_DIR, name) for name in ('core', 'cosine', 'inetorgperson')] + [
            'pidfile "%s"' % os.path.join(self.data_dir, PID_FILE),
            'TLSCACertificateFile "%s"' % self.ca_path,
            'TLSCertificateFile "%s"' % cert_path,
            'TLSCertificateKeyFile "%s"' % key_path,
            'argsfile "%s"' % os.path.join(self.data_dir, 'slapd.args'),
            'modulepath %s' % MODULE_PATH,
            'moduleload back_mdb',
            'database mdb',
            'suffix "%s"' % SUFFIX,
            'rootdn "%s"' % ROOT_DN,
            'rootpw "%s"' % self.root_password,
            'directory "%s"' % os.path.join(self.data_dir, 'db'),
            'maxsize 104857600',
            'dbnosync',
            'index objectClass,uid,mail,cn eq',
            # as a company directory is usually kept: anonymous clients may bind, nothing more
            'access to attrs=userPassword by anonymous auth by * none',
            'access to * by dn.exact="%s" read by * none' % READER_DN,
            '']
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write('\n'.join(lines))
        return path

    @property
    def url(self):
        return self.slapd.url.rstrip('/')

    def start(self):
        self.slapd.start()
        connection = LdapConnection(('127.0.0.1', self.slapd.port))
        connection.bind(ROOT_DN, self.root_password)
        try:
            if not connection.search(SUFFIX, '(objectClass=*)', scope='BASE', attributes=['dc']):
                self._fill(connection)
        finally:
            connection.unbind()
        return self

    def _fill(self, connection):
        connection.add(SUFFIX, {'objectClass': ['dcObject', 'organization'], 'dc': ['corp'], 'o': ['Corp']})
        for unit in (PEOPLE, SERVICES):
            connection.add(unit, {'objectClass': ['organizationalUnit'], 'ou': [unit.split(',', maxsplit=1)[0].split('=')[1]]})
        connection.add(READER_DN, {'objectClass': ['organizationalRole', 'simpleSecurityObject'], 'cn': ['gal-reader'],
                                   'userPassword': [self.reader_password]})
        for uid, attrs in people(self.count):
            if not connection.add('uid=%s,%s' % (uid, PEOPLE), attrs):
                raise RuntimeError('the company directory refused %s: %s' % (uid, connection.result))

    @property
    def details(self):
        return dict(url=self.url, base=PEOPLE, bind_dn=READER_DN, bind_password=self.reader_password, people=self.count,
                    mail_domain=MAIL_DOMAIN, ca_path=self.ca_path)

    def stop(self):
        self.slapd.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data-dir', required=True)
    parser.add_argument('--people', type=int, default=300)
    args = parser.parse_args()
    directory = CompanyDirectory(args.data_dir, args.people).start()
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
    try:
        print(json.dumps(directory.details), flush=True)
        signal.pause()
    finally:
        directory.stop()


if __name__ == '__main__':
    main()
