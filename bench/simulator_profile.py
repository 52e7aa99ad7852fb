"""Figures for the simulator itself: milliseconds per item of a bulk account run, raw SOAP, no collection code.

On a fresh simulator (its own data dir): N CreateAccountRequest items in BatchRequests of --page items, N
ModifyAccountRequest, one SearchDirectoryRequest of the whole domain (about 50 requested attributes, applyCos=0,
as the bulk module reads), N DeleteAccountRequest. Prints seconds and ms per item of each phase.
Usage: .venv/bin/python bench/simulator_profile.py --accounts 300 [--page 500] [--cprofile FILE]
With --cprofile the simulator runs its SOAP requests under cProfile (CARBONIO_SIM_PROFILE) and writes the
pstats to FILE when it stops.
"""
import argparse
import os
import secrets
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
from simulator_process import SimulatorProcess  # noqa: E402 pylint: disable=wrong-import-position

DOMAIN = 'bulk.acct.test'
# What the bulk module reads (managed attributes plus a few of its own), about 50 names.
SEARCH_ATTRS = [
    'zimbraId', 'uid', 'mail', 'zimbraMailDeliveryAddress', 'zimbraMailAlias', 'displayName', 'givenName', 'sn', 'cn',
    'initials', 'description', 'zimbraNotes', 'zimbraAccountStatus', 'zimbraCOSId', 'zimbraIsAdminAccount',
    'zimbraIsDelegatedAdminAccount', 'zimbraIsSystemAccount', 'zimbraIsSystemResource', 'zimbraPasswordModifiedTime',
    'zimbraPasswordMustChange', 'zimbraMailQuota', 'zimbraMailStatus', 'zimbraHideInGal', 'zimbraPrefLocale',
    'zimbraPrefTimeZoneId', 'zimbraPrefFromDisplay', 'zimbraPrefMailSignature',
    'zimbraFeatureMailEnabled', 'zimbraFeatureCalendarEnabled', 'zimbraFeatureContactsEnabled',
    'zimbraFeatureTasksEnabled', 'zimbraFeatureBriefcasesEnabled', 'zimbraFeatureOptionsEnabled',
    'zimbraFeatureChangePasswordEnabled', 'zimbraFeatureMobileSyncEnabled', 'zimbraFeatureSharingEnabled',
    'zimbraFeatureGalEnabled', 'zimbraFeatureMailForwardingEnabled', 'zimbraMailForwardingAddress',
    'zimbraPrefMailForwardingAddress', 'zimbraPasswordMinLength', 'zimbraPasswordMaxLength',
    'zimbraPasswordMinUpperCaseChars', 'zimbraPasswordMinLowerCaseChars', 'zimbraPasswordMinNumericChars',
    'zimbraPasswordMinPunctuationChars', 'zimbraMailHost', 'zimbraMailTransport', 'telephoneNumber', 'mobile',
    'title', 'company',
]


def check(status, body, what):
    if status != 200:
        raise SystemExit(f'{what} failed: {status} {body}')
    return body['Body']


def batch(sim, request, items, page):
    """Send the items in BatchRequests of `page`; the seconds taken and the account ids answered (the answers
    themselves are dropped at once: kept, millions of objects would slow this process's later JSON parsing)."""
    ids = []
    started = time.monotonic()
    for start in range(0, len(items), page):
        chunk = [dict(item, _jsns='urn:zimbraAdmin') for item in items[start:start + page]]
        body = check(*sim.soap('BatchRequest', onerror='continue', **{request: chunk}), request)['BatchResponse']
        if 'Fault' in body:
            raise SystemExit(f'{request}: {body["Fault"][0]["Reason"]["Text"]}')
        ids += [answer['account'][0]['id'] for answer in body[request.replace('Request', 'Response')] if 'account' in answer]
    return time.monotonic() - started, ids


def report(label, seconds, count):
    print(f'{label:<28} {count:>6} items {seconds:8.2f} s {1000.0 * seconds / count:9.2f} ms/item', flush=True)


def run(sim, accounts, page):
    body = check(*sim.soap('CreateCosRequest', name={'_content': 'bulk'}), 'CreateCosRequest')
    cos_id = body['CreateCosResponse']['cos'][0]['id']
    check(*sim.soap('CreateDomainRequest', name=DOMAIN), 'CreateDomainRequest')
    creates = [{'name': f'u{n:05d}@{DOMAIN}', 'password': 'Bulk-Initial-Passw0rd',
                'a': [{'n': 'displayName', '_content': 'Bulk user'}, {'n': 'zimbraCOSId', '_content': cos_id},
                      {'n': 'zimbraFeatureBriefcasesEnabled', '_content': 'TRUE'},
                      {'n': 'zimbraNotes', '_content': f'bulk {n}'}]} for n in range(accounts)]
    seconds, ids = batch(sim, 'CreateAccountRequest', creates, page)
    report('CreateAccountRequest', seconds, accounts)

    modifies = [{'id': account_id, 'a': [{'n': 'displayName', '_content': 'Bulk user, changed'},
                                         {'n': 'zimbraMailQuota', '_content': '1073741824'},
                                         {'n': 'zimbraFeatureBriefcasesEnabled', '_content': 'FALSE'}]} for account_id in ids]
    seconds, _ids = batch(sim, 'ModifyAccountRequest', modifies, page)
    report('ModifyAccountRequest', seconds, accounts)

    for apply_cos in (0, 1):
        started = time.monotonic()
        body = check(*sim.soap('SearchDirectoryRequest', types='accounts', domain=DOMAIN, limit=0, maxResults=1000000,
                               applyCos=apply_cos, applyConfig=0, attrs=','.join(SEARCH_ATTRS)), 'SearchDirectoryRequest')
        seconds = time.monotonic() - started
        found = len(body['SearchDirectoryResponse'].get('account', []))
        del body
        if found != accounts:
            raise SystemExit(f'SearchDirectoryRequest found {found} accounts, not {accounts}')
        print(f'{"SearchDirectoryRequest":<22} cos={apply_cos} {found:>6} found {seconds:8.2f} s', flush=True)

    seconds, _ids = batch(sim, 'DeleteAccountRequest', [{'id': account_id} for account_id in ids], page)
    report('DeleteAccountRequest', seconds, accounts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--accounts', type=int, default=300)
    parser.add_argument('--page', type=int, default=500, help='items per BatchRequest (the bulk module sends 500)')
    parser.add_argument('--cprofile', help='write the simulator\'s cProfile stats of the SOAP requests to this file')
    args = parser.parse_args()
    if args.cprofile:
        os.environ['CARBONIO_SIM_PROFILE'] = os.path.abspath(args.cprofile)
    with tempfile.TemporaryDirectory() as workdir:
        sim = SimulatorProcess(os.path.join(workdir, 'sim'), secrets.token_urlsafe(18))
        try:
            run(sim, args.accounts, args.page)
        finally:
            sim.stop()


if __name__ == '__main__':
    main()
