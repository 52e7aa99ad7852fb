"""playbooks/cert_report.yml against the simulator: the certificates that expire within the window, as a Markdown
table sorted by days left, those Carbonio cannot read first; nothing written to Carbonio.

Run by `make playbooks` under tools/with_simulator.py (CARBONIO_* connection and request log in the environment)."""

from __future__ import annotations

import datetime
import json
import os
import subprocess

from tests.pki import make, pem

PLAYBOOKS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'playbooks')


def self_signed(host, days):
    return pem(make(host, names=[host], not_after=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days, hours=1))[0])


def run(command, cwd=PLAYBOOKS):
    done = subprocess.run(command, text=True, capture_output=True, check=False, cwd=cwd, env=dict(os.environ, ANSIBLE_NOCOLOR='1'))
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def store(domain, certificate, hosts):
    args = json.dumps({'name': domain, 'virtual_hostnames': hosts, 'attrs': {'zimbraSSLCertificate': certificate}})
    run(['ansible', 'localhost', '-i', 'localhost,', '-c', 'local', '-m', 'carbonio.admin.carbonio_domain', '-a', args,
         '-e', 'ansible_python_interpreter={{ ansible_playbook_python }}'])


def test_the_report_lists_what_expires_within_the_window(tmp_path):
    store('soon.report.test', self_signed('mail.soon.report.test', 5), ['mail.soon.report.test', 'webmail.soon.report.test'])
    store('sooner.report.test', self_signed('mail.sooner.report.test', 2), ['mail.sooner.report.test'])
    store('later.report.test', self_signed('mail.later.report.test', 80), ['mail.later.report.test'])
    store('broken.report.test', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n', ['mail.broken.report.test'])
    log = os.environ['CARBONIO_REQUEST_LOG']
    offset = os.path.getsize(log)
    # run by its name from the collection, as from an installed copy; the report goes to the current directory
    output = run(['ansible-playbook', '-i', 'localhost,', 'carbonio.admin.cert_report', '-e', 'carbonio_cert_report_days=30'], cwd=tmp_path)
    report = tmp_path / 'carbonio-cert-report.md'
    assert f'"msg": "Certificate report written to {report}"' in output
    assert not os.path.exists(os.path.join(PLAYBOOKS, 'carbonio-cert-report.md'))
    with open(log, encoding='utf-8') as handle:
        handle.seek(offset)
        assert [line['request'] for line in map(json.loads, handle) if line['write']] == []
    rows = [line for line in report.read_text().splitlines() if line.startswith('| ') and 'report.test' in line]
    assert [row.split(' | ')[0].lstrip('| ') for row in rows] == ['broken.report.test', 'sooner.report.test', 'soon.report.test']
    assert rows[0].split(' | ')[2].startswith('cannot be read: system failure: Failure on generating certificate')
    assert rows[2].split(' | ')[1] == '5'
    assert rows[2].split(' | ')[3] == 'CN=mail.soon.report.test'
    assert rows[2].split(' | ')[5] == 'webmail.soon.report.test |'
    assert report.read_text().startswith('# Carbonio certificates expiring within 30 days\n')


def test_the_report_goes_where_report_path_says(tmp_path):
    folder = tmp_path / 'reports'
    folder.mkdir()
    output = run(['ansible-playbook', '-i', 'localhost,', os.path.join(PLAYBOOKS, 'cert_report.yml'), '-e', f'report_path={folder}'],
                 cwd=tmp_path)
    report = folder / 'carbonio-cert-report.md'
    assert report.read_text().startswith('# Carbonio certificates expiring within 30 days\n')
    assert f'"msg": "Certificate report written to {report}"' in output
    assert sorted(os.listdir(tmp_path)) == ['reports']
