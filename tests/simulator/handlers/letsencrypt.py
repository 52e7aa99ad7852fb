"""IssueCertRequest (carbonio-api-features.md 1.5): the checks and faults in Carbonio's order, the answer at once, and
certbot started on the first proxy server by name (../remote_certbot.py). The directory is not changed here."""

from ..errors import failure, invalid_request
from ..remote_certbot import certbot_arguments
from . import handles
from .encoding import domain_attrs, response
from .servers import all_servers

ISSUE_MESSAGE = ('The System is processing your certificate generation request.\n'
                 'It will send the result to the Global and Domain notification recipients.')


def _notification(sim, attrs):
    config = sim.directory.global_config()
    sender, recipients = config.first('carbonioNotificationFrom'), config.values('carbonioNotificationRecipients')
    return {'global': (sender, recipients),
            'domain': ((attrs.get('carbonioNotificationFrom') or [sender])[0], attrs.get('carbonioNotificationRecipients') or recipients)}


@handles('IssueCertRequest', writes=True)
def issue_cert(sim, req):
    domain_id = req.get('domain')
    if not domain_id:
        raise invalid_request('missing required attribute: domain')
    domain = sim.directory.domain_by('id', str(domain_id))
    if domain is None:
        raise invalid_request(f'Domain with id {domain_id} could not be found.')
    name = domain.first('zimbraDomainName')
    attrs = domain_attrs(sim, domain, True)  # the public service hostname is the effective one
    public = (attrs.get('zimbraPublicServiceHostname') or [''])[0]
    if not public:
        raise failure(f'Domain {name} must have PublicServiceHostname.')
    hosts = [host for host in attrs.get('zimbraVirtualHostname', []) if host]
    if not hosts:
        raise failure(f'Domain {name} must have at least one VirtualHostName.')
    proxies = [server for server in all_servers(sim) if 'proxy' in server.values('zimbraServiceEnabled')]
    if not proxies:
        raise failure('Failed to  instantiate certbot for server')
    caller = sim.directory.by_id(sim.caller.account_id) if sim.caller and sim.caller.account_id else None
    email = caller.first('mail') if caller is not None else sim.admin_user
    arguments = certbot_arguments(email, name, public, hosts)
    sim.remote_certbot.start(proxies[0].first('cn'), arguments, name, _notification(sim, attrs))
    resp = response('IssueCertResponse')
    resp.add('message', {'domain': name}, text=ISSUE_MESSAGE)
    return resp
