# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the account object type (carbonio_account).

An account's own values are read with ``applyCos=0``: what it sets is an override of its class of
service, and everything it leaves out comes from that COS. Aliases change only through
Add/RemoveAccountAlias, the address only through RenameAccount, the password through the create
request or SetPassword (never read back or compared).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._object_model import ObjectType, Option, Relation
from ansible_collections.carbonio.admin.plugins.module_utils._objects import account_requests
from ansible_collections.carbonio.admin.plugins.module_utils._objects.account_password import (
    DEFAULT_COS, PERSONAL_ATTRIBUTES, POLICY_ATTRIBUTES, check_password, effective_policy, personal_data)
from ansible_collections.carbonio.admin.plugins.module_utils._objects.cos_settings import COS_SETTINGS
from ansible_collections.carbonio.admin.plugins.module_utils._objects.domain import DOMAIN
from ansible_collections.carbonio.admin.plugins.module_utils._plan import missing
from ansible_collections.carbonio.admin.plugins.module_utils._references import lookup_requests, read_references
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import apply_changes, plan_attribute_changes
from ansible_collections.carbonio.admin.plugins.module_utils._value_formats import iso_time

STATUSES = ('active', 'maintenance', 'locked', 'closed', 'lockout', 'pending')

OPTIONS = [
    Option('display_name', 'displayName'),
    Option('given_name', 'givenName'),
    Option('surname', 'sn'),
    Option('status', 'zimbraAccountStatus', 'enum', choices=STATUSES, removable=False),
    Option('cos', 'zimbraCOSId', 'cos'),
    # the Admin Panel's "This is a Global Administrator" switch
    Option('global_admin', 'zimbraIsAdminAccount', 'bool'),
    Option('aliases', 'zimbraMailAlias', 'account_name', list=True, mode=True,
           relation=Relation('AddAccountAliasRequest', 'RemoveAccountAliasRequest', 'alias', claims=True)),
    Option('description', 'description'),
    Option('notes', 'zimbraNotes'),
] + COS_SETTINGS

NAME_OPTIONS = ('name', 'old_name')


def _domain_of(address):
    return address.rpartition('@')[2]


def _adds_aliases(params):
    return params.get('aliases_mode') != 'absent'


def _domains(names, aliases):
    """The domains the task names: the account's and those of the aliases it adds, in a fixed order."""
    found = []
    for address in list(names) + list(aliases):
        domain = _domain_of(address)
        if domain not in found:
            found.append(domain)
    return found


# what ends an account's sessions: for one account only (name:)
SESSION_OPTIONS = ('end_sessions', 'logout_everywhere')


def validate(params):
    password = params['password']
    if params['state'] == 'present' and password is not None and '\x00' in password:
        raise ValueError('password: must not contain a NUL character')
    if params['update_password'] == 'always' and params['state'] == 'present' and password is None:
        raise ValueError('password: required when update_password is always')
    if params['update_password'] == 'always' and params['state'] == 'present' and password == '':
        raise ValueError('password: must not be empty')
    for option in SESSION_OPTIONS:
        if params.get(option) and params.get('accounts') is not None:
            raise ValueError('%s: only for one account (name), not for a list' % option)
        if params.get(option) and params['state'] == 'absent':
            raise ValueError('%s: only with state present' % option)


def _wants_sessions(params):
    return bool(params.get('end_sessions') or params.get('logout_everywhere'))


def reads(names, wanted, params):
    """Every domain the account and its new aliases live in, read in the same batch (missing ones fail before any
    write), and the sessions when they are to be ended. (Who holds an address is read by the engine.)"""
    aliases = wanted.get('zimbraMailAlias', []) if _adds_aliases(params) else []
    reads_ = [requests.get_request(DOMAIN, domain) for domain in _domains(names[:1], aliases)]
    return reads_ + (account_requests.sessions_requests() if _wants_sessions(params) else [])


def _after(current, desired):
    """(what the modify request carries, the account's attributes once it is written): the password is set last."""
    attrs = (current or {}).get('attrs', {})
    modify, before, after = plan_attribute_changes(attrs, desired, None, ACCOUNT.compare_keys())
    return modify, apply_changes(attrs, after)


def _password_to_set(params, current):
    return params['password'] if params['password'] and (current is None or params['update_password'] == 'always') else None


def check(run, current, desired, items):
    """Domains exist, aliases are not the account's own address, and a password to set fits the policy."""
    params, name = run.params, run.name
    aliases = desired.get('zimbraMailAlias', []) if _adds_aliases(params) else []
    domains = {}
    known = _domains([name], aliases)
    if _wants_sessions(params):
        # the sessions of the account as it is named now (before a rename)
        run.sessions = account_requests.sessions_of(items[len(known):], current['name'] if current else name)
        run.result['sessions'] = run.sessions
    for domain, item in zip(known, items):
        # a list's items share these reads: only a password to check needs them decoded
        if requests.exists(DOMAIN, item):
            domains[domain] = item
    if _domain_of(name) not in domains:
        missing(run, 'name', 'domain %s' % _domain_of(name), '; create it first (carbonio.admin.carbonio_domain)')
    for index, alias in enumerate(aliases):
        field = 'aliases[%d]' % index
        if _domain_of(alias) not in domains:
            missing(run, field, 'domain %s' % _domain_of(alias), ' for alias %s' % alias)
        if alias == name:
            raise ValueError('%s: %s is the account\'s own address, not an alias' % (field, alias))
    if current is None and params['password'] == '':
        raise ValueError('password: must not be empty; nothing was sent')
    password = _password_to_set(params, current)
    if password:
        modify, attrs = _after(current, desired)
        personal = personal_data(run, current, modify, attrs) if current is not None else None
        domains = dict((domain, requests.found(DOMAIN, item)) for domain, item in domains.items())
        problem = check_password(password, effective_policy(run, attrs, domains), personal)
        if problem:
            raise ValueError('password: %s; nothing was sent' % problem)


def create_body(run):
    password = run.params['password']
    return {'password': password} if password else None


def extra_writes(run, current):
    """Changes that are not attributes: the password (update_password: always; it cannot be read back to compare),
    and ending the sessions that were active (end_sessions, logout_everywhere), when there were any."""
    if current is None:
        return []
    writes = []
    if _password_to_set(run.params, current):
        before = current['attrs'].get('zimbraPasswordModifiedTime')
        writes.append(('password set', lambda object_id: account_requests.password_write(
            run.name, object_id, run.params['password'], before, lambda text: run.module.warn('%s: %s' % (run.name, text)))))
    sessions = getattr(run, 'sessions', None) or []
    count = '%d session%s' % (len(sessions), '' if len(sessions) == 1 else 's')
    if sessions and (run.params.get('end_sessions') or run.params.get('logout_everywhere')):
        writes.append(('%s ended' % count, lambda object_id: account_requests.end_sessions_write(run.name, object_id, sessions)))
    if sessions and run.params.get('logout_everywhere'):
        # every token embeds this value when issued: a new value makes all of them invalid (AUTH_EXPIRED)
        validity = int((current['attrs'].get('zimbraAuthTokenValidityValue') or ['0'])[0]) + 1
        writes.append(('every token invalidated', lambda object_id: requests.modify_write(
            run.type, run.name, object_id, {'zimbraAuthTokenValidityValue': [str(validity)]})))
    return writes


def is_system(account):
    """Carbonio's own accounts (GAL sync, spam training, ...), which this module never deletes."""
    attrs = account['attrs']
    return 'TRUE' in (attrs.get('zimbraIsSystemAccount') or []) + (attrs.get('zimbraIsSystemResource') or [])


def keep(run, account):
    """What accounts_mode: exact never deletes: Carbonio's system accounts, and the account the module logs in as."""
    return is_system(account) or account['name'].lower() == str(run.params.get('admin_user') or '').lower()


def before_delete(run, account):
    if is_system(account):
        run.fail('name: %s is a system account of Carbonio; it is never deleted by this module' % account['name'])


KINDS = ('user', 'admin', 'system', 'resource')
INFO_ATTRIBUTES = ('zimbraCreateTimestamp', 'zimbraLastLogonTimestamp', 'zimbraIsDelegatedAdminAccount', 'objectClass')


def kind_of(account):
    attrs = account['attrs']
    if 'zimbraCalendarResource' in (attrs.get('objectClass') or []):
        return 'resource'
    if is_system(account):
        return 'system'
    if 'TRUE' in (attrs.get('zimbraIsAdminAccount') or []) + (attrs.get('zimbraIsDelegatedAdminAccount') or []):
        return 'admin'
    return 'user'


def _info_query(params):
    """The LDAP filter of the info module's search, every user value escaped (a text can never widen it)."""
    parts = []
    if params['status']:
        parts.append('(zimbraAccountStatus=%s)' % requests.escape_filter(params['status']))
    if params['query']:
        text = requests.escape_filter(params['query'])
        parts.append('(|(mail=*%s*)(displayName=*%s*)(cn=*%s*))' % (text, text, text))
    return '(&%s)' % ''.join(parts) if len(parts) > 1 else (parts[0] if parts else None)


def info_read(client, name, params):
    """One account in detail (its settings against its COS, its sessions) or the accounts of a domain or of all
    domains, filtered: one round trip (with the quota usage of the domains read)."""
    if params['status'] and params['status'] not in STATUSES:
        raise ValueError('status: must be one of %s, got %r' % (', '.join(STATUSES), params['status']))
    if params['kind'] and params['kind'] not in KINDS:
        raise ValueError('kind: must be one of %s, got %r' % (', '.join(KINDS), params['kind']))
    domain = _domain_of(name) if name else (DOMAIN.parse_name(params['domain'], 'domain') if params['domain'] else None)
    attrs = ','.join(sorted(set(ACCOUNT.attributes) | set(ACCOUNT.bulk_read_attributes) | set(INFO_ATTRIBUTES)))
    if name:
        batch = [requests.get_request(ACCOUNT, name)]
    else:
        batch = [requests.search_request(_info_query(params), 'accounts,resources', attrs, domain)]
    batch += lookup_requests(['cos'])
    # the domains' default COS: the one domain listed or named, else every domain
    batch.append(requests.get_request(DOMAIN, domain) if domain else requests.get_all_request(DOMAIN))
    batch.append(('GetQuotaUsageRequest', dict({'allServers': 1, 'limit': 0}, **({'domain': domain} if domain else {}))))
    batch += account_requests.sessions_requests() if name else []
    items = client.batch(batch, repeatable=True)
    if name:
        one = requests.found(ACCOUNT, items[0])
        accounts = [one] if one else []
    else:
        found = requests.search_results(requests.response_items(items[0]))
        accounts = found.get('account', []) + found.get('calresource', [])
    references = read_references(['cos'], items[1:2])
    if domain:
        one_domain = requests.found(DOMAIN, items[2])
        domains = {one_domain['name']: one_domain} if one_domain else {}
    else:
        domains = dict((d['name'], d) for d in (requests.entry(e) for e in requests.elements(requests.response_items(items[2]), 'domain')))
    usage = dict((a.get('name'), a) for a in requests.elements(requests.response_items(items[3]), 'account'))
    default_cos = references.to_id('cos', DEFAULT_COS, 'cos')
    wanted_cos = references.to_id('cos', params['cos'], 'cos') if params['cos'] else None
    listed, inherited, facts = [], {}, {}
    for account in accounts:
        domain_attrs = (domains.get(_domain_of(account['name'])) or {}).get('attrs', {})
        cos_id = ((account['attrs'].get('zimbraCOSId') or domain_attrs.get('zimbraDomainDefaultCOSId') or [default_cos])[0])
        kind = kind_of(account)
        if (params['kind'] and kind != params['kind']) or (wanted_cos and cos_id != wanted_cos):
            continue
        listed.append(account)
        cos_attrs = references.attrs('cos', cos_id)
        inherited[account['name']] = cos_attrs
        own = account['attrs']
        used = usage.get(account['name'], {})
        quota = (own.get('zimbraMailQuota') or cos_attrs.get('zimbraMailQuota') or ['0'])[0]
        facts[account['name']] = dict(
            kind=kind, status=(own.get('zimbraAccountStatus') or [None])[0], cos=references.to_name('cos', cos_id),
            aliases=own.get('zimbraMailAlias', []), created=iso_time((own.get('zimbraCreateTimestamp') or [None])[0]),
            last_logon=iso_time((own.get('zimbraLastLogonTimestamp') or [None])[0]),
            quota_used=int(used.get('used', 0)), quota_limit=int(quota), overrides=ACCOUNT.overrides(own))
        if name:
            facts[account['name']]['sessions'] = account_requests.sessions_of(items[4:], account['name'])
    return listed, references, inherited, facts


ACCOUNT = ObjectType(
    element='account', label='account', module='carbonio_account', object_class='account', options=OPTIONS,
    name_kind='account_name', get_extra={'applyCos': 0},
    requests=dict(get='GetAccountRequest', create='CreateAccountRequest', modify='ModifyAccountRequest',
                  delete='DeleteAccountRequest', rename='RenameAccountRequest'),
    missing_fault='account.NO_SUCH_ACCOUNT',
    # attributes set by the create, rename and password requests, with the options that drive them
    structural=dict(uid=NAME_OPTIONS, mail=NAME_OPTIONS, zimbraMailDeliveryAddress=NAME_OPTIONS, userPassword=('password',)),
    overridable=[option.attribute for option in COS_SETTINGS],
    extra_spec=dict(old_name=dict(type='str'), password=dict(type='str', no_log=True),
                    end_sessions=dict(type='bool', default=False), logout_everywhere=dict(type='bool', default=False),
                    update_password=dict(type='str', choices=['always', 'on_create'], default='on_create', no_log=False)),
    info_spec=dict(domain=dict(type='str'), query=dict(type='str'), status=dict(type='str'), kind=dict(type='str'),
                   cos=dict(type='str')),
    bulk_key='accounts', bulk_read_attributes=('zimbraIsSystemAccount', 'zimbraIsSystemResource', 'zimbraPasswordModifiedTime')
    + POLICY_ATTRIBUTES + PERSONAL_ATTRIBUTES,
    # whatever else may hold an address in the domains a list touches
    search_types='accounts,aliases,distributionlists,dynamicgroups,resources', single_only=SESSION_OPTIONS,
    hooks=dict(validate=validate, reads=reads, check=check, create_body=create_body, extra_writes=extra_writes,
               before_delete=before_delete, keep=keep, info_read=info_read),
)
