"""GAL: CheckGalConfig, which really binds to and searches the external directory it is given (api-objects doc 10).

Carbonio answers a connection or directory problem with a check.* code, not a fault (ldap/Check.java, LP.toResult):
any failure it does not recognise, a search base that does not exist included, comes back as check.AUTH_FAILED, and
the message is a Java stack trace. Only the request's own values are used (a filter name is looked up in the global
zimbraGalLdapFilterDef); a request without a mode, URL or filter, or with a mode other than ldap, is refused.
"""

import re

import ldap3
from ldap3.core import exceptions as ldap_errors
from ldap3.utils.conv import escape_filter_chars

from ..errors import invalid_request
from . import handles
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
        code, message, entries = _search(url, base, bind_dn if mechanism == 'simple' else None, password, start_tls, flt, limit)
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


def _search(url, base, bind_dn, password, start_tls, flt, limit):
    """(code, message, entries) of one server."""
    try:
        server = ldap3.Server(url, connect_timeout=TIMEOUT, get_info=ldap3.NONE)
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
            except ldap_errors.LDAPException as exc:
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
        except ldap_errors.LDAPException as exc:
            # "unable to search gal", which Carbonio does not tell apart: a missing search base too
            return 'check.AUTH_FAILED', _trace(exc), []
        return 'check.OK', '', [(item['dn'], item['attributes']) for item in connection.response or [] if item.get('type') == 'searchResEntry']
    finally:
        connection.unbind()
