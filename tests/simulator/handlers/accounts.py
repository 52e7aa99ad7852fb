"""Accounts, calendar resources and account aliases (api doc 8, 13.1; api-objects doc 2, 3): create, modify,
delete, set password, alias (GAL sync accounts: gal.py)."""

import re
import uuid

from ldap3.utils.dn import escape_rdn

from .. import acl
from ..directory import Entry, domain_of_dn, eq_filter, hashed_password, people_dn
from ..errors import ServiceFault, invalid_attr_value, invalid_request, no_such_account, no_such_domain, perm_denied
from ..seed import MAIL_SERVER
from ..timeutil import gentime_now
from ..validation import LONG_MAX, LONG_MIN, UUID_RE, parse_changes
from . import handles
from .effective_cos import CosResolver
from .encoding import add_account, add_object, entry_name, response
from .memberships import drop_external_members, remove_entry_from_static_lists
from .passwords import POLICY_ATTRS, check_password, password_changed

# Key.AccountBy, in Carbonio's order (the "unknown 'By' key" message lists them)
ACCOUNT_BY = ('adminName', 'appAdminName', 'id', 'foreignPrincipal', 'name', 'krb5Principal')


def check_domain_status(domain):
    """AccessManager.checkDomainStatus: in a suspended or shutdown domain no account, calendar resource, list
    or alias may be created, changed or removed (the domain itself stays modifiable while suspended)."""
    status = domain.first('zimbraDomainStatus') if domain is not None else None
    if status in ('suspended', 'shutdown'):
        raise perm_denied(f'domain is {status}')


def check_entry_domain(sim, entry):
    """The status check for an existing entry, by the domain its DN lies in (none for system entries)."""
    name = domain_of_dn(entry.dn)
    if name:
        check_domain_status(sim.directory.domain_by('name', name))


def parse_address(address):
    """(address, local part, domain name) of a lowercased local@domain."""
    address = (address or '').strip().lower()
    if address.count('@') != 1 or not all(address.split('@')):
        raise invalid_request(f'must be valid email address: {address}')
    local, domain_name = address.split('@')
    return address, local, domain_name


def address_domain(sim, domain_name):
    """The domain of an address being added or removed: it must exist, then pass the status check
    (AdminAccessControl.checkDomainRightByEmail)."""
    domain = sim.directory.domain_by('name', domain_name)
    if domain is None:
        raise no_such_domain(domain_name)
    check_domain_status(domain)
    return domain


def split_address(sim, address):
    """A new address: valid, in an existing domain that passes the status check and is local (LP.createAccount)."""
    address, local, domain_name = parse_address(address)
    domain = address_domain(sim, domain_name)
    if domain.first('zimbraDomainType', 'local') != 'local':
        raise invalid_request('domain type must be local')
    return address, local, domain_name


def ensure_free(sim, address, code, message='email address already exists'):
    if sim.directory.address_owner(address) is not None:
        raise ServiceFault(code, f'{message}: {address}')


def find_account(sim, by, key):
    """Provisioning.get(AccountBy, key): an account or calendar resource, or None. By name it is any of its
    addresses (LP.getAccountByName); the simulator's admin has no entry, so adminName, appAdminName and
    krb5Principal find nothing."""
    if by not in ACCOUNT_BY:
        raise invalid_request(f"unknown 'By' key: {by}, valid values: [{', '.join(ACCOUNT_BY)}]")
    key = (key or '').strip()
    if by == 'name':
        address = key.lower()
        flt = ''.join(eq_filter(attr, address) for attr in ('zimbraMailDeliveryAddress', 'zimbraMailAlias', 'zimbraOldMailAddress'))
    elif by in ('id', 'foreignPrincipal'):
        flt = eq_filter('zimbraId' if by == 'id' else 'zimbraForeignPrincipal', key)
    else:
        return None
    return sim.directory.find_one(f'(&(objectClass=zimbraAccount)(|{flt}))') if key else None


def selected_account(sim, req):
    """The existing account a request's `account: {by, _content}` names (NO_SUCH_ACCOUNT with the key as sent)."""
    node = req.child('account')
    if node is None:
        raise invalid_request('missing <account>')
    account = find_account(sim, str(node.attrs.get('by', 'name')), node.text)
    if account is None:
        raise no_such_account(node.text)
    return account


def _new_single_value(pairs, name):
    """ModifyAccount.getStringAttrNewValue: what a request sets a single-valued attribute to (plain, + or - form),
    None when it does not touch it; two values are refused before anything else."""
    values = [value for attr, value in pairs if attr.lstrip('+-').lower() == name.lower()]
    if len(values) > 1:
        raise perm_denied(f'can not modify {name}(single valued attribute)')
    return values[0] if values else None


def check_cos(sim, pairs, account=None):
    """CreateAccount/ModifyAccount.checkCos, before any write: the COS a request assigns must exist; removing it
    (empty value, ModifyAccount) falls back to the domain's default COS, which must exist when the domain names one."""
    cos_id = _new_single_value(pairs, 'zimbraCOSId')
    if cos_id == '' and account is not None:
        domain = sim.directory.domain_by('name', domain_of_dn(account.dn))
        cos_id = domain.first('zimbraDomainDefaultCOSId') if domain is not None else None
    if cos_id and sim.directory.cos_by('id', cos_id) is None:
        raise ServiceFault('account.NO_SUCH_COS', f'no such cos: {cos_id}')


def _check_quota(pairs):
    """ModifyAccount.checkQuota: a new zimbraMailQuota must parse as a Java long (empty = remove)."""
    quota = _new_single_value(pairs, 'zimbraMailQuota')
    if quota and not (re.fullmatch(r'[+-]?[0-9]+', quota) and LONG_MIN <= int(quota) <= LONG_MAX):
        raise invalid_attr_value(f'can not modify mail quota (invalid format): {quota}')


def account_status_effects(changes, account=None):
    """The zimbraAccountStatus callback (AccountStatus.preModify) on create and modify; returns the new status or
    None. It cannot be removed; closed and pending disable mail delivery, other statuses enable it unless the
    request sets zimbraMailStatus; active clears the lockout times."""
    if any(name.lower() == 'zimbraaccountstatus' for name in changes.remove):
        raise invalid_request('zimbraAccountStatus is a required attribute')
    values = changes.get('zimbraAccountStatus')
    if values is None:
        return None
    values = [value for value in values if value != '']
    if not values:
        raise invalid_request('zimbraAccountStatus is a required attribute')
    if len(values) > 1:
        raise invalid_request('zimbraAccountStatus is a single-valued attribute')
    status = values[0]
    if status in ('closed', 'pending'):
        changes.set('zimbraMailStatus', ['disabled'])
    elif changes.get('zimbraMailStatus') is None:
        changes.set('zimbraMailStatus', ['enabled'])
    if status == 'active' and account is not None:
        for name in ('zimbraPasswordLockoutFailureTime', 'zimbraPasswordLockoutLockedTime'):
            if account.values(name):
                changes.set(name, [''])
    return status


def _new_id(changes):
    supplied = changes.pop('zimbraId')
    if supplied:
        if not UUID_RE.match(supplied[0]):
            raise invalid_request(f'{supplied[0]} is not a valid UUID')
        return supplied[0]
    return str(uuid.uuid4())


def create_account_entry(sim, req, resource=False):
    """Shared by CreateAccount and CreateCalendarResource (the name lowercased); returns the new entry."""
    address, local, domain_name = split_address(sim, req.get('name'))
    pairs = [(n, v) for n, v in req.attr_pairs() if v != '']
    check_cos(sim, pairs)
    changes = parse_changes(sim.catalog, pairs, skip_immutable=('zimbraid',))
    for refused in ('uid', 'zimbraMailAlias', 'zimbraMailDeliveryAddress'):
        if changes.get(refused):
            raise invalid_request(f'{refused} is immutable')
    account_status_effects(changes)
    attrs = changes.as_new_entry()
    attrs.pop('zimbraId', None)
    attrs['zimbraId'] = [_new_id(changes)]
    if resource:
        attrs['zimbraAccountCalendarUserType'] = ['RESOURCE']
    password = req.get('password')
    if password is not None:
        # the policy of the entry being created: its own attributes, else its effective COS (no personal-data rule)
        check_password(CosResolver(sim).apply(Entry(f'uid={escape_rdn(local)},{people_dn(domain_name)}', attrs), POLICY_ATTRS),
                       str(password))
    ensure_free(sim, address, 'account.ACCOUNT_EXISTS')
    if password:
        # stored hashed as slapd's password modify would (in the same add); the user AuthRequest binds with it
        attrs = {name: values for name, values in attrs.items() if name.lower() != 'userpassword'}
        attrs['userPassword'] = [hashed_password(str(password))]
    return write_account(sim, address, local, domain_name, attrs, resource)


def write_account(sim, address, local, domain_name, attrs, resource=False, marker=None):
    """Write an account (or calendar resource) entry with what LP.createAccount adds to every one (api doc 13.1); the Entry.
    The backup keeps it from now on (marker: its mailbox data, when it is a restore of another's)."""
    config = sim.directory.global_config()
    if resource:
        classes = ['inetOrgPerson', 'zimbraAccount', 'zimbraCalendarResource'] + config.values('zimbraCalendarResourceExtraObjectClass')
    else:
        classes = ['inetOrgPerson', 'zimbraAccount'] + config.values('zimbraAccountExtraObjectClass')
    attrs = dict(attrs, objectClass=list(dict.fromkeys(classes)))
    attrs.setdefault('zimbraId', [str(uuid.uuid4())])
    attrs.update({'zimbraCreateTimestamp': [gentime_now()], 'mail': [address], 'zimbraMailDeliveryAddress': [address],
                  'uid': [local], 'zimbraPasswordModifiedTime': [gentime_now()]})
    defaults = {'zimbraAccountStatus': 'active', 'zimbraMailStatus': 'enabled', 'zimbraMailHost': MAIL_SERVER,
                'zimbraMailTransport': f'lmtp:{MAIL_SERVER}:7025', 'sn': local,
                'cn': (attrs.get('displayName') or [local])[0]}
    present = {k.lower() for k in attrs}
    for name, value in defaults.items():
        if name.lower() not in present:
            attrs[name] = [value]
    entry = sim.directory.add(f'uid={escape_rdn(local)},{people_dn(domain_name)}', attrs)
    sim.backup.created(entry, marker)
    drop_external_members(sim, [address])
    return entry


@handles('CreateAccountRequest', writes=True)
def create_account(sim, req):
    entry = create_account_entry(sim, req)
    resp = response('CreateAccountResponse')
    add_account(resp, sim, entry)
    return resp


@handles('CreateCalendarResourceRequest', writes=True)
def create_calendar_resource(sim, req):
    entry = create_account_entry(sim, req, resource=True)
    resp = response('CreateCalendarResourceResponse')
    add_object(resp, sim, entry)
    return resp


def delete_addressable(sim, entry):
    """Remove an account, calendar resource or static list with its aliases, its memberships in static lists and
    the grants made to it (LP.deleteAccount, LP.deleteDistributionList: RightCommand.revokeAllRights). One search
    finds both the alias entries and the entries holding grants to it."""
    directory = sim.directory
    aliases = f'(&(objectClass=zimbraAlias){eq_filter("zimbraAliasTargetId", entry.id)})'
    found = directory.search('', f'(|{aliases}{acl.granting_filter([entry.id])})')
    for alias in found:
        if alias.has_class('zimbraAlias') and alias.first('zimbraAliasTargetId') == entry.id:
            directory.delete(alias.dn)
    remove_entry_from_static_lists(sim, entry)
    acl.revoke_all_to(directory, entry.id, [found_entry for found_entry in found if not found_entry.has_class('zimbraAlias')])
    directory.delete_subtree(entry.dn)


def _write_target(sim, zimbra_id, object_class, code, what):
    """The existing entry a write acts on, refused when its domain is suspended (AdminAccessControl.checkAccountRight)."""
    entry = sim.directory.by_id(zimbra_id or '', object_class) if zimbra_id else None
    if entry is None:
        raise ServiceFault(code, f'no such {what}: {zimbra_id}')
    check_entry_domain(sim, entry)
    return entry


@handles('DeleteAccountRequest', writes=True)
def delete_account(sim, req):
    entry = _write_target(sim, req.get('id'), 'zimbraAccount', 'account.NO_SUCH_ACCOUNT', 'account')
    sim.backup.deleted(entry)
    delete_addressable(sim, entry)
    return response('DeleteAccountResponse')


@handles('ModifyAccountRequest', writes=True)
def modify_account(sim, req):
    """ADM/ModifyAccount: quota and COS checked first, then the values (immutables refused), the status callback,
    the write; a closed account leaves every static list. The answer is re-read, COS defaults applied."""
    if not req.get('id'):
        raise invalid_request('missing required attribute: id')
    entry = _write_target(sim, req.get('id'), 'zimbraAccount', 'account.NO_SUCH_ACCOUNT', 'account')
    pairs = req.attr_pairs()
    _check_quota(pairs)
    check_cos(sim, pairs, entry)
    changes = parse_changes(sim.catalog, pairs)
    status = account_status_effects(changes, entry)
    sim.directory.modify(entry.dn, changes.modify_list(entry))
    entry = sim.directory.get(entry.dn)
    sim.backup.changed(entry)
    if status == 'closed':
        remove_entry_from_static_lists(sim, entry)
    resp = response('ModifyAccountResponse')
    add_account(resp, sim, entry)
    return resp


@handles('SetPasswordRequest', writes=True)
def set_password(sim, req):
    """ADM/SetPassword as a global admin does it (LP.setPassword): the policy is only a dry run, the password is set
    anyway, and a violation comes back in `message`; the validity value moves on, so the account's tokens die."""
    account = _write_target(sim, req.get('id'), 'zimbraAccount', 'account.NO_SUCH_ACCOUNT', 'account')
    password = req.get('newPassword')
    if not password:
        raise invalid_request('missing required attribute: newPassword')  # the simulator's choice (Carbonio: a failure)
    password = str(password)
    resp = response('SetPasswordResponse')
    try:
        check_password(CosResolver(sim).apply(account, POLICY_ATTRS), password, account)
    except ServiceFault as violation:
        # ZsMsg passwordViolation, two spaces included
        resp.add('message', text=f'Password violation: account={entry_name(account)}, violation={violation.message}.  '
                                 'Password is set successfully.')
    sim.directory.password_modify(account.dn, password)
    sim.directory.modify(account.dn, password_changed(account))
    return resp


@handles('DeleteCalendarResourceRequest', writes=True)
def delete_calendar_resource(sim, req):
    entry = _write_target(sim, req.get('id'), 'zimbraCalendarResource', 'account.NO_SUCH_CALENDAR_RESOURCE', 'calendar resource')
    delete_addressable(sim, entry)
    return response('DeleteCalendarResourceResponse')
