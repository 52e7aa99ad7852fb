"""GAL: CheckGalConfig, which really binds to and searches the external directory it is given, and the GAL sync
accounts with their data sources (api-objects doc 10).

Carbonio answers a connection or directory problem with a check.* code, not a fault (ldap/Check.java, LP.toResult):
any failure it does not recognise, a search base that does not exist included, comes back as check.AUTH_FAILED, and
the message is a Java stack trace. Only the request's own values are used (a filter name is looked up in the global
zimbraGalLdapFilterDef); a request without a mode, URL or filter, or with a mode other than ldap, is refused.
"""

import contextlib
import re
import ssl
import uuid
import zlib

import ldap3
from ldap3.core import exceptions as ldap_errors
from ldap3.utils.conv import escape_filter_chars
from ldap3.utils.dn import escape_rdn

from ..directory import eq_filter
from ..errors import ServiceFault, invalid_request, no_such_account
from ..seed import SERVER_BASE
from ..timeutil import gentime_now
from ..validation import parse_changes
from . import handles
from .accounts import check_entry_domain, delete_addressable, ensure_free, split_address, write_account
from .encoding import response

TIMEOUT = 5
ACTIONS = ('search', 'autocomplete', 'sync')


def _values(req):
    values = {}
    for name, value in req.attr_pairs():
        values.setdefault(name, []).append(value)
    return values


def _setting(values, prefix, suffix):
    """A sync setting falls back to the search setting of the same name, as Carbonio's LdapGalConfig does."""
    found = values.get(prefix + suffix) or values.get('zimbraGalLdap' + suffix) or []
    return found


def _filter(sim, values, action):
    if action == 'sync':
        text = (_setting(values, 'zimbraGalSyncLdap', 'Filter') or [''])[0]
    elif action == 'autocomplete':
        text = (values.get('zimbraGalAutoCompleteLdapFilter') or values.get('zimbraGalLdapFilter') or [''])[0]
    else:
        text = (values.get('zimbraGalLdapFilter') or [''])[0]
    if text and '(' not in text:
        # the name of a filter of the global zimbraGalLdapFilterDef (name:filter)
        for definition in sim.directory.global_config().values('zimbraGalLdapFilterDef'):
            name, _sep, flt = definition.partition(':')
            if name == text:
                return flt
    return text


def _expand(flt, query):
    """%s becomes the query, its own leading and trailing * stripped and escaped, and ** collapses to * (GalUtil): an
    empty query makes (cn=*%s*) a presence test. Without a query element %s stays the letter s."""
    if query is None:
        return flt.replace('%s', 's')
    return re.sub(r'\*\*+', '*', flt.replace('%s', escape_filter_chars(query.strip('*'))))


def _check(code, message=''):
    resp = response('CheckGalConfigResponse')
    resp.add('code', text=code)
    resp.add('message', text=message)
    return resp


@handles('CheckGalConfigRequest', writes=False)
def check_gal_config(sim, req):
    values = _values(req)
    mode = (values.get('zimbraGalMode') or [''])[0]
    if not mode:
        raise invalid_request('must specifiy: zimbraGalMode')  # sic, as Carbonio says it
    if mode != 'ldap':
        raise invalid_request('gal mode must be: ldap')
    action_node = req.child('action')
    action = (action_node.text if action_node is not None and action_node.text else 'search').strip()
    if action not in ACTIONS:
        raise invalid_request(f'invalid GAL op: {action}')
    query_node = req.child('query')
    query = (query_node.text or '') if query_node is not None else None
    limit = int(query_node.attrs.get('limit', 10)) if query_node is not None else 0
    prefix = 'zimbraGalSyncLdap' if action == 'sync' else 'zimbraGalLdap'
    urls = _setting(values, prefix, 'URL')
    if not urls:
        raise invalid_request('must specifiy: zimbraGalLdapURL')
    filter_attribute = {'sync': 'zimbraGalSyncLdapFilter', 'autocomplete': 'zimbraGalAutoCompleteLdapFilter'}.get(action, 'zimbraGalLdapFilter')
    if not (values.get(filter_attribute) or (action == 'sync' and values.get('zimbraGalLdapFilter'))):
        raise invalid_request(f'must specifiy: {filter_attribute}')
    base = (_setting(values, prefix, 'SearchBase') or [''])[0]
    bind_dn = (_setting(values, prefix, 'BindDn') or [None])[0]
    password = (_setting(values, prefix, 'BindPassword') or [None])[0]
    mechanism = (_setting(values, prefix, 'AuthMech') or ['simple' if bind_dn else 'none'])[0]
    start_tls = (_setting(values, prefix, 'StartTlsEnabled') or ['FALSE'])[0] == 'TRUE'
    flt = _expand(_filter(sim, values, action), query)
    if mechanism == 'kerberos5':
        return _check('check.AUTH_FAILED', 'kerberos5 is not available in the simulator')
    failure = None
    for url in urls:
        code, message, entries = _search(url, base, bind_dn if mechanism == 'simple' else None, password, start_tls, flt, limit,
                                         _trusted_roots(sim))
        if code == 'check.OK':
            resp = _check(code)
            for dn, entry in entries:
                # as a GAL contact, its fields by the global zimbraGalLdapAttrMap (key-value _attrs, as ToXML encodes it)
                fields = dict((name, entry[attribute][0]) for name, attribute in
                              (('email', 'mail'), ('fullName', 'displayName' if entry.get('displayName') else 'cn'),
                               ('firstName', 'givenName'), ('lastName', 'sn')) if entry.get(attribute))
                resp.add('cn', {'id': dn, '_attrs': fields})
            return resp
        failure = failure or (code, message)
        if code not in ('check.UNKNOWN_HOST', 'check.CONNECTION_REFUSED', 'check.COMMUNICATION_FAILURE'):
            break  # the server answered: the next URL is only for a server that does not
    return _check(*failure)


def _trace(exc):
    """What Carbonio puts in message: the Java exception's stack trace (its first lines here)."""
    return 'com.zimbra.cs.ldap.LdapException: %s\n\tat com.zimbra.cs.account.ldap.LdapProvisioning.checkGalConfig' % exc


def _trusted_roots(sim):
    """The roots the server's trust store holds beyond the system's (control API trusted-roots): PEM text or None."""
    roots = sim.state.section('trusted-roots')
    return '\n'.join(roots[name] for name in sorted(roots)) or None


def _search(url, base, bind_dn, password, start_tls, flt, limit, roots=None):
    """(code, message, entries) of one server; over TLS its certificate is checked against the trust store."""
    try:
        server = ldap3.Server(url, connect_timeout=TIMEOUT, get_info=ldap3.NONE,
                              tls=ldap3.Tls(validate=ssl.CERT_REQUIRED, ca_certs_data=roots))
    except ldap_errors.LDAPException as exc:
        return 'check.UNKNOWN_HOST', _trace(exc), []
    connection = ldap3.Connection(server, user=bind_dn, password=password, receive_timeout=TIMEOUT, raise_exceptions=True,
                                  authentication=ldap3.SIMPLE if bind_dn else ldap3.ANONYMOUS)
    try:
        connection.open()
    except ldap_errors.LDAPException as exc:
        refused = 'refused' in str(exc).lower()
        return ('check.CONNECTION_REFUSED' if refused else 'check.COMMUNICATION_FAILURE'), _trace(exc), []
    try:
        if start_tls:
            try:
                connection.start_tls()
            except (ldap_errors.LDAPException, ssl.SSLError) as exc:
                return 'check.COMMUNICATION_FAILURE', _trace(exc), []
        try:
            connection.bind()
        except ldap_errors.LDAPException as exc:
            return 'check.AUTH_FAILED', _trace(exc), []
        try:
            connection.search(base, flt, attributes=['mail', 'cn', 'displayName', 'givenName', 'sn'], size_limit=limit)
        except ldap_errors.LDAPInvalidFilterError as exc:
            return 'check.INVALID_SEARCH_FILTER', _trace(exc), []
        except ldap_errors.LDAPSizeLimitExceededResult:
            pass  # the first `limit` entries are what the check shows
        except Exception as exc:  # pylint: disable=broad-exception-caught
            # "unable to search gal", which Carbonio does not tell apart: a missing search base, a filter the encoder refuses
            return 'check.AUTH_FAILED', _trace(exc), []
        return 'check.OK', '', [(item['dn'], item['attributes']) for item in connection.response or [] if item.get('type') == 'searchResEntry']
    finally:
        with contextlib.suppress(ldap_errors.LDAPException):
            connection.unbind()  # a connection the server or a failed handshake closed has nothing to unbind


# ---- GAL sync accounts and their data sources (api-objects doc 10; GetDataSources, ModifyDataSource, DeleteDataSource)

CONTACTS_FOLDER_ID = '7'  # FolderConstants.ID_FOLDER_CONTACTS, where a data source without a folder imports
_DURATION_RE = re.compile(r'(\d+)(d|h|m|s|ms)?')
_DURATION_MS = {'d': 86400000, 'h': 3600000, 'm': 60000, 's': 1000, 'ms': 1, None: 1000}
MIN_POLLING_MS = 60000  # zimbraDataSourceMinPollingInterval of the default COS (1m)


def _mail_servers(sim):
    return {entry.first('cn').lower(): entry for entry in sim.directory.search(SERVER_BASE, '(objectClass=zimbraServer)')}


def _check_polling(changes):
    """DataSourceCallback: a polling interval shorter than the minimum is refused (0 means never)."""
    for name in ('zimbraDataSourcePollingInterval',):
        for value in changes.get(name) or []:
            match = _DURATION_RE.fullmatch(value)
            millis = int(match.group(1)) * _DURATION_MS[match.group(2)] if match else 0
            if 0 < millis < MIN_POLLING_MS:
                raise invalid_request(f'Polling interval {value} for {name} is shorter than the allowed minimum of 1m.')


def _folder_id(folder):
    """The contacts folder a data source imports into: /Contacts is the system folder 7; another path gets an id of its
    own (derived from the path here, so that the simulator needs no folder table)."""
    path = '/' + folder.strip('/') if folder else '/Contacts'
    if path.lower() == '/contacts':
        return path, CONTACTS_FOLDER_ID
    return path, str(257 + zlib.crc32(path.lower().encode()) % 1000000)


def _data_sources(sim, account):
    return sim.directory.search(account.dn, '(objectClass=zimbraDataSource)', scope=ldap3.LEVEL)


def _add_data_source(sim, req, account, domain):
    """CreateGalSyncAccount's and AddGalSyncDataSource's common step (addDataSource)."""
    name, gal_type = req.get('name'), req.get('type')
    if gal_type not in ('zimbra', 'ldap'):
        raise invalid_request(f'invalid type: {gal_type}')
    path, folder_id = _folder_id(req.get('folder'))
    for source in _data_sources(sim, account):
        if source.first('zimbraDataSourceFolderId') == folder_id:
            raise ServiceFault('mail.ALREADY_EXISTS', f'object with that name already exists: data source '
                                                      f'{source.first("zimbraDataSourceName")} already contains folder {path}')
        if (source.first('zimbraDataSourceName') or '').lower() == name.lower():
            raise ServiceFault('account.DATA_SOURCE_EXISTS', f'data source already exists: {name}')
    changes = parse_changes(sim.catalog, req.attr_pairs())
    _check_polling(changes)
    source = changes.as_new_entry()
    source.update({'objectClass': ['zimbraDataSource', 'zimbraGalDataSource'], 'zimbraDataSourceName': [name],
                   'zimbraDataSourceId': [str(uuid.uuid4())], 'zimbraDataSourceEnabled': ['TRUE'],
                   'zimbraDataSourceFolderId': [folder_id], 'zimbraGalType': [gal_type], 'zimbraGalStatus': ['enabled']})
    sim.directory.add(f'zimbraDataSourceName={escape_rdn(name)},{account.dn}', source)
    if account.id not in domain.values('zimbraGalAccountId'):
        sim.directory.modify(domain.dn, {'zimbraGalAccountId': [(ldap3.MODIFY_ADD, [account.id])]})


def _account_node(req):
    node = req.child('account')
    if node is None:
        raise invalid_request('missing required element: account')
    return node.attrs.get('by', 'name'), (node.text or '').strip()


def _account(sim, by, key):
    if by == 'id':
        return sim.directory.by_id(key, 'zimbraAccount')
    return sim.directory.find_one(f'(&(objectClass=zimbraAccount){eq_filter("mail", key.lower())})')


def _required(req, names):
    for name in names:
        if not req.get(name):
            raise invalid_request(f'missing required attribute: {name}')


def _answer(name, account):
    resp = response(name)
    resp.add('account', {'name': account.first('mail'), 'id': account.id})
    return resp


@handles('CreateGalSyncAccountRequest', writes=True)
def create_gal_sync_account(sim, req):
    """An existing account is reused as it is; a new one is a hidden system account on the server (one per domain and
    server); then its GAL data source."""
    _required(req, ('name', 'domain', 'type', 'server'))
    by, key = _account_node(req)
    directory = sim.directory
    domain = directory.require_domain('name', req.get('domain'))
    server = (req.get('server') or '').lower()
    if server not in _mail_servers(sim):
        raise ServiceFault('account.NO_SUCH_SERVER', f'no such server: {req.get("server")}')
    account = _account(sim, by, key)
    if account is None:
        if by != 'name':
            raise no_such_account(key)
        for gal_id in domain.values('zimbraGalAccountId'):
            existing = directory.by_id(gal_id, 'zimbraAccount')
            if existing is not None and (existing.first('zimbraMailHost') or '').lower() == server:
                raise ServiceFault('account.ACCOUNT_EXISTS', f'email address already exists: {existing.first("mail")}')
        address, local, domain_name = split_address(sim, key)
        ensure_free(sim, address, 'account.ACCOUNT_EXISTS')
        account = write_account(sim, address, local, domain_name, {
            'zimbraIsSystemResource': ['TRUE'], 'zimbraIsSystemAccount': ['TRUE'], 'zimbraHideInGal': ['TRUE'],
            'zimbraContactMaxNumEntries': ['0'], 'zimbraMailHost': [server]})
    _add_data_source(sim, req, account, domain)
    return _answer('CreateGalSyncAccountResponse', account)


@handles('AddGalSyncDataSourceRequest', writes=True)
def add_gal_sync_data_source(sim, req):
    _required(req, ('name', 'domain', 'type'))
    by, key = _account_node(req)
    domain = sim.directory.require_domain('name', req.get('domain'))
    account = _account(sim, by, key)
    if account is None:
        raise no_such_account(key)
    _add_data_source(sim, req, account, domain)
    return _answer('AddGalSyncDataSourceResponse', account)


@handles('DeleteGalSyncAccountRequest', writes=True)
def delete_gal_sync_account(sim, req):
    """Its id leaves the domain's zimbraGalAccountId, then the account goes, data sources and all."""
    by, key = _account_node(req)
    entry = _account(sim, by, key)
    if entry is None:
        raise no_such_account(key)
    check_entry_domain(sim, entry)
    domain = sim.directory.find_one(f'(&(objectClass=zimbraDomain){eq_filter("zimbraGalAccountId", entry.id)})')
    if domain is not None:
        sim.directory.modify(domain.dn, {'zimbraGalAccountId': [(ldap3.MODIFY_DELETE, [entry.id])]})
    delete_addressable(sim, entry)
    return response('DeleteGalSyncAccountResponse')


def _account_by_id_attr(sim, req):
    zimbra_id = req.get('id')
    if not zimbra_id:
        raise invalid_request('missing required attribute: id')
    account = sim.directory.by_id(zimbra_id, 'zimbraAccount')
    if account is None:
        raise no_such_account(zimbra_id)
    return account


@handles('GetDataSourcesRequest', writes=False)
def get_data_sources(sim, req):
    """Each data source with its attributes as key-value _attrs (ToXML.encodeDataSource), never its password."""
    account = _account_by_id_attr(sim, req)
    resp = response('GetDataSourcesResponse')
    for source in _data_sources(sim, account):
        kind = 'gal' if source.has_class('zimbraGalDataSource') else 'unknown'
        shown = dict((name, values[0] if len(values) == 1 else list(values)) for name, values in source.attrs.items()
                     if name.lower() not in ('objectclass', 'zimbradatasourcepassword'))
        resp.add('dataSource', {'name': source.first('zimbraDataSourceName'), 'id': source.first('zimbraDataSourceId'),
                                'type': kind, '_attrs': shown})
    return resp


def _data_source(sim, req, account):
    node = req.child('dataSource')
    source_id = node.attrs.get('id') if node is not None else None
    for source in _data_sources(sim, account):
        if source.first('zimbraDataSourceId') == source_id:
            return node, source
    return node, None


@handles('ModifyDataSourceRequest', writes=True)
def modify_data_source(sim, req):
    account = _account_by_id_attr(sim, req)
    node, source = _data_source(sim, req, account)
    if source is None:
        raise invalid_request(f'Cannot find data source with id={node.attrs.get("id") if node is not None else None}')
    changes = parse_changes(sim.catalog, node.attr_pairs())
    changes.pop('zimbraDataSourceId')
    _check_polling(changes)
    sim.directory.modify(source.dn, changes.modify_list(source))
    return response('ModifyDataSourceResponse')


@handles('DeleteDataSourceRequest', writes=True)
def delete_data_source(sim, req):
    account = _account_by_id_attr(sim, req)
    node, source = _data_source(sim, req, account)
    if source is None:
        # LP.deleteDataSource wraps its own NO_SUCH_DATA_SOURCE
        raise ServiceFault('service.FAILURE', f'system failure: unable to delete data source: {node.attrs.get("id") if node is not None else None}')
    sim.directory.delete(source.dn)
    return response('DeleteDataSourceResponse')


@handles('SyncGalAccountRequest', writes=True)
def sync_gal_account(sim, req):
    """Each named data source imports now: an external one searches the domain's directory with its sync settings. The
    outcome is the data source's last successful or failed sync time (GalImport.setStatus); the kind (trickle, full,
    reset) is what the state store's gal-syncs section keeps, as Carbonio keeps its sync token in the mailbox."""
    for node in req.children_named('account'):
        account = sim.directory.by_id(node.attrs.get('id') or '', 'zimbraAccount')
        if account is None:
            raise no_such_account(node.attrs.get('id'))
        sources = _data_sources(sim, account)
        for wanted in node.children_named('datasource'):
            by, key = wanted.attrs.get('by', 'name'), (wanted.text or '').strip()
            attribute = 'zimbraDataSourceId' if by == 'id' else 'zimbraDataSourceName'
            source = next((one for one in sources if (one.first(attribute) or '').lower() == key.lower()), None)
            if source is None:
                raise ServiceFault('account.NO_SUCH_DATA_SOURCE', f'no such data source: {key}')
            if not source.has_class('zimbraGalDataSource'):
                continue
            reset, full = _flag(wanted.attrs.get('reset')), _flag(wanted.attrs.get('fullSync'))
            kind = 'reset' if reset else 'full' if full else 'trickle'
            ok, found = _import(sim, account, source)
            stamp = gentime_now()
            attribute = 'zimbraGalLastSuccessfulSyncTimestamp' if ok else 'zimbraGalLastFailedSyncTimestamp'
            sim.directory.modify(source.dn, {attribute: [(ldap3.MODIFY_REPLACE, [stamp])]})
            sim.state.put('gal-syncs', f'{account.id}/{source.first("zimbraDataSourceName")}',
                          {'account': account.first('mail'), 'datasource': source.first('zimbraDataSourceName'),
                           'kind': kind, 'ok': ok, 'contacts': found, 'at': stamp})
    return response('SyncGalAccountResponse')


def _flag(value):
    return str(value).lower() in ('1', 'true')


def _import(sim, account, source):
    """(succeeded, entries found): an internal data source counts the domain's accounts; an external one searches the
    directory of the domain whose GAL this account serves, with its sync settings."""
    domain = sim.directory.find_one(f'(&(objectClass=zimbraDomain){eq_filter("zimbraGalAccountId", account.id)})')
    if domain is None:
        return False, 0
    if source.first('zimbraGalType') != 'ldap':
        return True, len(sim.directory.search(domain.dn, '(objectClass=zimbraAccount)', attributes=['1.1']))
    values = dict((name, list(values)) for name, values in domain.attrs.items() if name.startswith('zimbraGal'))
    for name, found in source.attrs.items():
        if name.startswith('zimbraGalSyncLdap'):
            values[name] = list(found)
    urls = _setting(values, 'zimbraGalSyncLdap', 'URL')
    flt = _expand(_filter(sim, values, 'sync'), '')
    bind_dn = (_setting(values, 'zimbraGalSyncLdap', 'BindDn') or [None])[0]
    password = (_setting(values, 'zimbraGalSyncLdap', 'BindPassword') or [None])[0]
    base = (_setting(values, 'zimbraGalSyncLdap', 'SearchBase') or [''])[0]
    for url in urls:
        code, _message, entries = _search(url, base, bind_dn, password, False, flt or '(objectClass=*)', 0)
        if code == 'check.OK':
            return True, len(entries)
    return False, 0
