"""IssueCertRequest (features doc 1.5): the checks and their faults in Carbonio's order, the answer at once, certbot run
with Carbonio's arguments on the first proxy server's node, the notification mails classified from its output, and the
directory left as it was."""

from __future__ import annotations

import os
import stat

from soap_answers import attrs_of, fault, ok

SERVER = 'mail.carbonio.test'
# a node's certbot: prints what it was given and what the test asks it to say
CERTBOT = '''#!/bin/sh
echo "args: $*"
cat "$(dirname "$0")/say"
'''


def domain(sim, name, **attrs):
    body = ok(sim.soap('CreateDomainRequest', name=name, a=[{'n': key, '_content': value} for key, values in attrs.items()
                                                            for value in (values if isinstance(values, list) else [values])]))
    return body['CreateDomainResponse']['domain'][0]


def node(tmp_path, say):
    root = tmp_path / 'node'
    libexec = root / 'opt' / 'zextras' / 'libexec'
    libexec.mkdir(parents=True, exist_ok=True)
    (libexec / 'certbot').write_text(CERTBOT)
    os.chmod(libexec / 'certbot', stat.S_IRWXU)
    (libexec / 'say').write_text(say)
    return root


def issue(sim, domain_id):
    return sim.soap('IssueCertRequest', domain=domain_id, chainType='short')


def test_refused_in_carbonios_order(sim):
    bare = domain(sim, 'bare.issue.test')
    assert fault(sim.soap('IssueCertRequest')) == ('service.INVALID_REQUEST', 'invalid request: missing required attribute: domain')
    assert fault(issue(sim, '0f0f0f0f-0000-4000-8000-000000000000')) == (
        'service.INVALID_REQUEST', 'invalid request: Domain with id 0f0f0f0f-0000-4000-8000-000000000000 could not be found.')
    assert fault(issue(sim, bare['id'])) == ('service.FAILURE', 'system failure: Domain bare.issue.test must have PublicServiceHostname.')
    public = domain(sim, 'public.issue.test', zimbraPublicServiceHostname='mail.public.issue.test')
    assert fault(issue(sim, public['id'])) == (
        'service.FAILURE', 'system failure: Domain public.issue.test must have at least one VirtualHostName.')
    hosts = domain(sim, 'hosts.issue.test', zimbraPublicServiceHostname='mail.hosts.issue.test', zimbraVirtualHostname='mail.hosts.issue.test')
    server = ok(sim.soap('GetServerRequest', server={'by': 'name', '_content': SERVER}))['GetServerResponse']['server'][0]
    ok(sim.soap('ModifyServerRequest', id=server['id'], a=[{'n': '-zimbraServiceEnabled', '_content': 'proxy'}]))
    try:
        assert fault(issue(sim, hosts['id'])) == ('service.FAILURE', 'system failure: Failed to  instantiate certbot for server')
    finally:
        ok(sim.soap('ModifyServerRequest', id=server['id'], a=[{'n': '+zimbraServiceEnabled', '_content': 'proxy'}]))


def test_certbot_runs_on_the_first_proxy_node_and_mails_the_outcome_without_touching_the_directory(sim, tmp_path):
    ok(sim.soap('ModifyConfigRequest', a=[{'n': 'carbonioNotificationFrom', '_content': 'notify@carbonio.test'},
                                          {'n': 'carbonioNotificationRecipients', '_content': 'ops@carbonio.test'}]))
    made = domain(sim, 'le.issue.test', zimbraPublicServiceHostname='mail.le.issue.test',
                  zimbraVirtualHostname=['mail.le.issue.test', 'webmail.le.issue.test'])
    before = ok(sim.soap('GetDomainRequest', domain={'by': 'id', '_content': made['id']}))['GetDomainResponse']['domain'][0]
    # no node registered for the proxy server: the remote manager cannot be reached
    answer = ok(issue(sim, made['id']))['IssueCertResponse']['message'][0]
    assert answer['domain'] == 'le.issue.test'
    assert answer['_content'].startswith('The System is processing your certificate generation request.')
    runs = sim.control('GET', 'certbot?wait=1')['certbot']
    assert runs[-1]['server'] == SERVER and runs[-1]['exit_code'] is None and 'system failure' in runs[-1]['output']
    assert [mail['subject'] for mail in sim.control('GET', 'outbox')['outbox']] == ['le.issue.test SSL certification request - system failure']

    root = node(tmp_path, 'Successfully received certificate.\nThis certificate expires on 2027-02-24.\n')
    assert sim.control('POST', 'nodes', {'server': SERVER, 'root': str(root)}) == {'ok': True}
    ok(issue(sim, made['id']))
    run = sim.control('GET', 'certbot?wait=1')['certbot'][-1]
    assert run['arguments'] == ['certonly', '--agree-tos', '--email', sim.ready['admin_user'], '-n', '--keep', '--webroot', '-w',
                                '/opt/zextras', '--cert-name', 'le.issue.test', '-d', 'mail.le.issue.test',
                                '-d', 'mail.le.issue.test', '-d', 'webmail.le.issue.test']
    assert run['exit_code'] == 0 and run['output'].startswith('args: certonly --agree-tos')
    mails = sim.control('GET', 'outbox')['outbox'][1:]
    assert [(mail['to'], mail['subject']) for mail in mails] == [
        (['ops@carbonio.test'], 'le.issue.test SSL certification request - Certificate Authority success')] * 2
    assert mails[1]['body'].startswith('SUCCESS')

    (root / 'opt' / 'zextras' / 'libexec' / 'say').write_text('Some challenges have failed.\n')
    ok(issue(sim, made['id']))
    sim.control('GET', 'certbot?wait=1')
    mails = sim.control('GET', 'outbox')['outbox'][3:]
    assert [mail['subject'] for mail in mails] == ['le.issue.test SSL certification request - Certificate Authority failure'] * 2
    after = ok(sim.soap('GetDomainRequest', domain={'by': 'id', '_content': made['id']}))['GetDomainResponse']['domain'][0]
    assert attrs_of(after) == attrs_of(before)
    assert [line['write'] for line in sim.log() if line['request'] == 'IssueCertRequest'][-1] is True


def test_servers_inherit_global_values_unless_asked_for_their_own(sim):
    def mail_mode(**body):
        server = ok(sim.soap('GetAllServersRequest', service='proxy', **body))['GetAllServersResponse']['server'][0]
        return attrs_of(server).get('zimbraReverseProxyMailMode')
    assert mail_mode() == ['redirect']
    assert mail_mode(applyConfig=0) is None
