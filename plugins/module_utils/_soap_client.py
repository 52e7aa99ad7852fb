# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTPS client of the Carbonio admin service.

This is the only place of the collection that speaks HTTP to Carbonio. Every module goes through
:class:`CarbonioClient`, which provides:

- ``soap()``: one Zimbra SOAP request in its JSON form, faults raised as :class:`CarbonioFault`;
- ``write()``: a write sent once; a lost answer is settled by reading back, never by sending it again;
- ``batch()``: many requests in one ``BatchRequest`` (``urn:zimbra``), mapped back by ``requestId``;
- ``zextras()``: the Carbonio extension channel (``zextras`` element, JSON string in the reply);
- ``rest()``: the admin REST extension under ``/service/extension/zextras_admin/``.

Authentication happens lazily, once per client, and once more on an expired token. Retries (one
helper, ``_send``) repeat only reads and requests the server certainly did not run: a write whose
answer was lost is never sent again, because a slow first copy could land after a later change. Passwords and tokens never appear in an
exception message, a repr or a returned value.

Runs inside Ansible modules (Python 3.8+): standard library and ``ansible.module_utils`` only.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import email.utils
import http.client
import json
import socket
import ssl
import time

from ansible.module_utils.six.moves.urllib.error import HTTPError, URLError
from ansible.module_utils.six.moves.urllib.parse import quote, urlencode, urlsplit, urlunsplit
from ansible.module_utils.urls import Request

from ansible_collections.carbonio.admin.plugins.module_utils._peer_certificate import describe_certificate, peer_certificate


ADMIN_NS = 'urn:zimbraAdmin'
ZIMBRA_NS = 'urn:zimbra'
USER_AGENT = 'carbonio.admin'
ADMIN_SOAP_PATH = '/service/admin/soap/'
REST_PATH = '/service/extension/zextras_admin/'

AUTH_EXPIRED = 'service.AUTH_EXPIRED'
AUTH_REQUIRED = 'service.AUTH_REQUIRED'
ZEXTRAS_ERROR = 'zextras.ERROR'
# Synthetic code for batch items the server did not answer (onerror=stop after an earlier fault).
BATCH_NOT_EXECUTED = 'batch.NOT_EXECUTED'

# 503 means the server refused to start the work, so it is retried even for writes; 502/504 come
# from a proxy that may already have forwarded the request, so only repeatable requests retry.
RETRY_STATUSES = (502, 503, 504)
# Methods whose repetition has no further effect (RFC 9110 idempotent methods).
IDEMPOTENT_METHODS = ('GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE')
REDACTED = '********'

BatchItem = collections.namedtuple('BatchItem', ['request_id', 'request', 'response', 'fault'])


class CarbonioError(Exception):
    """Base of every error raised by the client; ``message`` is the text shown to users."""

    def __init__(self, message):
        super(CarbonioError, self).__init__(message)
        self.message = message

    def _set_text(self, text):
        self.args = (text,)

    def __str__(self):
        return str(self.args[0]) if self.args else ''


class CarbonioFault(CarbonioError):
    """A SOAP fault (or REST error) answered by Carbonio.

    ``code`` is the server's error code (``account.NO_SUCH_DOMAIN``), ``message`` the Reason text,
    ``request`` the request name and ``request_id`` the batch ``requestId`` (None outside a batch).
    """

    def __init__(self, code, message, request=None, request_id=None):
        self.code = code
        self.request = request
        self.request_id = request_id
        super(CarbonioFault, self).__init__(message)
        self._set_text(self._format())

    def _format(self):
        text = '%s: %s' % (self.code, self.message)
        if self.request:
            text += ' (%s%s)' % (self.request, '' if self.request_id is None else ' #%s' % self.request_id)
        return text

    def __repr__(self):
        return 'CarbonioFault(%r, %r, request=%r, request_id=%r)' % (self.code, self.message, self.request, self.request_id)


class CarbonioTransportError(CarbonioError):
    """Network failure or unexpected HTTP status, after the retries allowed for the request.

    ``status`` is the last HTTP status (None when no answer came), ``attempts`` the number of
    sends, ``maybe_executed`` True when the server may have received and executed the request
    (dropped connection, timeout, 502/504) and False when it certainly did not.
    """

    def __init__(self, message, status=None, attempts=1, maybe_executed=False):
        super(CarbonioTransportError, self).__init__(message)
        self.status = status
        self.attempts = attempts
        self.maybe_executed = maybe_executed


class CarbonioOutcomeUnknown(CarbonioTransportError):
    """A write whose answer was lost, and reading back could not show it done: it may still be applied."""

    def __init__(self, message, status=None, attempts=1):
        super(CarbonioOutcomeUnknown, self).__init__(message, status=status, attempts=attempts, maybe_executed=True)


class TransportFailure(Exception):
    """Raised by a transport when no HTTP answer was obtained.

    ``reached_server`` False means the request certainly was not delivered (connection refused,
    name resolution): safe to retry for any request. ``fatal`` marks failures that a retry cannot
    fix (TLS certificate verification, invalid URL).
    """

    def __init__(self, reached_server, reason, fatal=False):
        super(TransportFailure, self).__init__(reason)
        self.reached_server = reached_server
        self.reason = reason
        self.fatal = fatal


def encode_attrs(attrs):
    """Turn ``{name: value | [values]}`` into the SOAP ``a`` list.

    An empty list, '' or None removes the attribute (one entry with empty content); booleans
    become LDAP's ``TRUE``/``FALSE``. Names keep any ``+``/``-`` prefix (add/remove one value).
    """
    result = []
    for name, value in (attrs or {}).items():
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        if not values:
            values = ['']
        for item in values:
            result.append({'n': name, '_content': _attr_text(item)})
    return result


def _attr_text(value):
    if value is None:
        return ''
    if isinstance(value, bool):
        return 'TRUE' if value else 'FALSE'
    return value if isinstance(value, str) else str(value)


def decode_attrs(a_list):
    """Turn the SOAP ``a`` list into ``{name: [values]}`` (order kept); ``pd`` entries are skipped."""
    result = {}
    if isinstance(a_list, dict):
        a_list = [a_list]
    for entry in a_list or []:
        if not isinstance(entry, dict) or 'n' not in entry:
            continue
        # The caller may not read this attribute: no value, so not reported as one.
        if entry.get('pd') not in (None, False, 0, '0', 'false', 'FALSE'):
            continue
        content = entry.get('_content', '')
        result.setdefault(entry['n'], []).append(content if isinstance(content, str) else str(content))
    return result


def _response_key(name):
    # The zextras element answers with a plain <response> element.
    if name.endswith('Request'):
        return name[:-len('Request')] + 'Response'
    return 'response'


def element_text(value):
    """Element text in any of its JSON spellings: 'x', {'_content': 'x'}, [{'_content': 'x'}]."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get('_content')
    return value


def _parse_fault(fault, request=None):
    detail = (fault.get('Detail') or {}).get('Error') or {}
    if isinstance(detail, list):
        detail = detail[0] if detail else {}
    code = element_text(detail.get('Code')) or element_text((fault.get('Code') or {}).get('Value')) or 'soap.UNKNOWN'
    reason = fault.get('Reason') or {}
    message = element_text(reason.get('Text')) if isinstance(reason, dict) else element_text(reason)
    request_id = fault.get('requestId')
    return CarbonioFault(code, message or 'no reason given', request=request,
                         request_id=None if request_id is None else str(request_id))


def _load_json(data, object_hook=None):
    if not data:
        return None
    try:
        return json.loads(data.decode('utf-8', 'replace') if isinstance(data, bytes) else data, object_hook=object_hook)
    except ValueError:
        return None


def zextras_failure(part):
    """The error text of a zextras answer (or of one server's part of it), None when it succeeded: ``ok`` false, or an
    ``error`` or ``exception`` without ``ok`` true (Carbonio's extensions answer failures each of these ways)."""
    if not isinstance(part, dict):
        return None
    if part.get('ok') is True:
        return None
    for key in ('error', 'exception'):
        error = part.get(key)
        if error:
            text = error.get('message') or json.dumps(error, sort_keys=True) if isinstance(error, dict) else error
            return str(text)
    return 'unknown error' if part.get('ok') is False else None


def _name_and_id_only(element):
    """json object_hook: an object element (name, id, attributes) keeps its name and id. Dropped while parsing, an
    answer's attributes never all exist at once: a page of 250 accounts with their COS values is about 50 MB of objects."""
    if 'name' in element and 'id' in element and isinstance(element.get('a'), list):
        del element['a']
    return element


def _header(headers, name):
    name = name.lower()
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


def _retry_after(headers, now):
    """Seconds asked by a ``Retry-After`` header (delay in seconds or HTTP date), or None."""
    value = _header(headers, 'Retry-After')
    if value is None:
        return None
    value = str(value).strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return max(0.0, email.utils.mktime_tz(parsed) - now)


def _display_url(url):
    # Never echo user:password@ that someone may have put in the URL.
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.rpartition('@')[2], parts.path, parts.query, ''))


def _seconds(value):
    return ('%g' % value) if value else '0'


def check_url(url, allow_plain_http=False):
    """Refuse a URL the admin password must not travel to: anything but https (http only when a test allows it)."""
    example = 'https://mail.example.com:7071/service/admin/soap/'
    if not url:
        raise CarbonioError('url: required, the admin SOAP URL such as %s' % example)
    parts = urlsplit(url)
    schemes = ('https', 'http') if allow_plain_http else ('https',)
    if parts.scheme == 'http' and not allow_plain_http:
        raise CarbonioError('url: must be an https URL such as %s, got %s: over plain http the admin password '
                            'and token would travel in clear' % (example, _display_url(url)))
    if parts.scheme not in schemes or not parts.netloc:
        raise CarbonioError('url: must be an https URL such as %s, got %s' % (example, _display_url(url)))


# What to check when nothing answers at the URL's address
PORT_HINT = 'check url: the admin service listens on port 7071 of a mailbox server, 6071 through the proxy'


def _classify(error, url=None):
    """Map a low-level exception to a TransportFailure (who knows whether the server got it)."""
    reason = getattr(error, 'reason', error) if isinstance(error, URLError) else error
    if isinstance(reason, ssl.CertificateError) or (isinstance(reason, ssl.SSLError) and 'CERTIFICATE_VERIFY_FAILED' in str(reason)):
        return TransportFailure(False, _certificate_failure(reason, url), fatal=True)
    if isinstance(reason, ConnectionRefusedError):
        return TransportFailure(False, '%s; %s' % (reason, PORT_HINT))
    if isinstance(reason, socket.gaierror):
        return TransportFailure(False, 'cannot resolve the host name (%s); check url' % reason)
    # A timeout, a reset or a closed connection may happen after the server got the request.
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return TransportFailure(True, 'timed out (%s)' % reason)
    if isinstance(reason, (http.client.HTTPException, OSError)):
        return TransportFailure(True, '%s: %s' % (type(reason).__name__, reason))
    return TransportFailure(True, str(reason))


def _certificate_failure(reason, url):
    """The refused certificate named (subject, issuer, expiry) and what to give: the CA that signed it, as ca_path."""
    text = getattr(reason, 'verify_message', None) or str(reason)
    described = None
    if url:
        parts = urlsplit(url)
        described = describe_certificate(peer_certificate(parts.hostname, parts.port or 443))
    return 'TLS certificate verification failed (%s)%s; give the CA that signed it as ca_path (a PEM file)' % (
        text, ': the server presents %s' % described if described else '')


class CarbonioClient(object):
    """Client of one Carbonio admin service (one per module run).

    ``url`` is the admin SOAP URL (``https://host:7071/service/admin/soap/``; a bare
    ``https://host:7071`` gets the SOAP path added). Give ``admin_user``/``admin_password`` or
    ``auth_token`` (or both: the password then renews an expired token).

    ``transport(url, data, headers, timeout[, method=...])`` returns ``(status, headers, body)``
    for any HTTP answer and raises :class:`TransportFailure` when there is none; ``method`` is
    passed only when it is not POST. ``sleep`` is called with each retry delay in seconds.
    """

    def __init__(self, url, admin_user=None, admin_password=None, auth_token=None, validate_certs=True,
                 ca_path=None, timeout=30, retries=3, retry_backoff=1.0, max_retry_wait=30, settle_wait=2.0, transport=None,
                 sleep=time.sleep, allow_plain_http=False):
        # the one place the URL is normalised: a bare https://host:port becomes the admin SOAP URL
        url = url.strip() if isinstance(url, str) else url
        check_url(url, allow_plain_http)
        if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
            raise CarbonioError('timeout: must be a positive number of seconds, got %r' % (timeout,))
        if not isinstance(retries, int) or isinstance(retries, bool) or retries < 0:
            raise CarbonioError('retries: must be 0 or more, got %r' % (retries,))
        parts = urlsplit(url)
        path = parts.path if parts.path not in ('', '/') else ADMIN_SOAP_PATH
        self.url = urlunsplit((parts.scheme, parts.netloc, path.rstrip('/') + '/', '', ''))
        self._rest_base = urlunsplit((parts.scheme, parts.netloc, REST_PATH, '', ''))
        self.admin_user = admin_user
        self._password = admin_password
        self._given_token = auth_token
        self._token = auth_token or None
        self._token_from_login = False
        # delegated user tokens this client sent, kept out of every message like its own
        self._other_tokens = set()
        self.validate_certs = validate_certs
        self.ca_path = ca_path
        self.timeout = timeout
        self.retries = retries
        self.retry_backoff = float(retry_backoff)
        self.max_retry_wait = float(max_retry_wait)
        # How long a write whose answer was lost gets to land before it is read back.
        self.settle_wait = float(settle_wait)
        self._transport = transport or self._default_transport
        self._sleep = sleep
        self.request_count = 0

    def __repr__(self):
        return 'CarbonioClient(url=%r, admin_user=%r)' % (_display_url(self.url), self.admin_user)

    # ---------------------------------------------------------------- public API

    def authenticate(self):
        """Get a token with admin_user/admin_password (AuthRequest); with only auth_token, keep it."""
        try:
            if not (self.admin_user and self._password):
                if self._given_token:
                    self._token = self._given_token
                    return
                raise CarbonioError('no credentials: set admin_user and admin_password, or auth_token')
            body = {'name': self.admin_user, 'password': self._password}
            reply = self._post_soap('AuthRequest', {'AuthRequest': dict(body, _jsns=ADMIN_NS)}, repeatable=True, token=None)
            token = element_text(self._response(reply, 'AuthRequest').get('authToken'))
            if not token or not isinstance(token, str):
                raise CarbonioError('AuthResponse carries no authToken')
            self._token = token
            self._token_from_login = True
        except CarbonioError as err:
            raise self._scrub(err)

    def soap(self, name, body=None, namespace=ADMIN_NS, repeatable=True):
        """Send one request; return its ``<Base>Response`` element (``response`` for ``zextras``)."""
        envelope = {name: dict(body or {}, _jsns=namespace)}
        try:
            reply = self._with_reauth(lambda: self._post_soap(name, envelope, repeatable))
            return self._response(reply, name)
        except CarbonioError as err:
            raise self._scrub(err)

    def soap_as(self, token, name, body=None, namespace=ADMIN_NS, repeatable=True):
        """One request with another token than the admin's (a user's delegated token); never re-authenticated."""
        if self._token is None:
            self.authenticate()
        self._other_tokens.add(token)
        try:
            reply = self._post_soap(name, {name: dict(body or {}, _jsns=namespace)}, repeatable, token=token)
            return self._response(reply, name)
        except CarbonioError as err:
            raise self._scrub(err)

    def write(self, name, body, settled, namespace=ADMIN_NS):
        """Send a write once; return its response element, or what ``settled()`` read back (see ``once``)."""
        return self.once(name, lambda: self.soap(name, body, namespace=namespace, repeatable=False), settled)

    def once(self, label, send, settled):
        """Run ``send()`` (a write sent with ``repeatable=False``: SOAP, zextras or REST) and return its answer.

        If the answer is lost after the request may have reached the server (timeout, reset, 502/504),
        the write is never sent again: after ``settle_wait`` seconds ``settled()`` reads back (through
        this client) and returns something truthy when the change is in place (make it the same shape
        as the answer, e.g. the matching Get*Response). Otherwise :class:`CarbonioOutcomeUnknown`
        says the change may still be applied.
        """
        try:
            return send()
        except CarbonioTransportError as err:
            found = self.read_back_after_loss(label, err, settled)
            if found:
                return found
            raise self._scrub(CarbonioOutcomeUnknown(
                '%s: %s; read back %ss later, the change is not in place yet: the server may still apply it. '
                'Nothing was sent again: check the object, then re-run' % (label, err.message, _seconds(self.settle_wait)),
                status=err.status, attempts=err.attempts))

    def read_back_after_loss(self, name, error, settled):
        """Wait for a write whose answer was lost to land, then return ``settled()``; errors say the write may have run."""
        if not error.maybe_executed:
            raise error
        self._sleep(self.settle_wait)
        try:
            return settled()
        except CarbonioError as exc:
            raise self._scrub(CarbonioOutcomeUnknown(
                '%s: %s; reading it back failed too (%s): the change may or may not have been made. '
                'Nothing was sent again: check the object, then re-run' % (name, error.message, exc.message),
                status=error.status, attempts=error.attempts))

    def batch(self, requests, onerror='continue', repeatable=False, attributes=True):
        """Send ``[(name, body[, namespace]), ...]`` in one BatchRequest; return BatchItems in order.

        attributes=False: the objects answered come with their name and id only (write pages that need no more).

        Sub-requests of the same name travel as one JSON array, so the server runs them grouped by
        name (in order of first appearance); split the batch when cross-name order matters.
        Items the server did not answer get a ``batch.NOT_EXECUTED`` fault.
        """
        requests = list(requests)
        if not requests:
            return []
        batch_body = {'_jsns': ZIMBRA_NS, 'onerror': onerror}
        names = []
        for index, request in enumerate(requests):
            name, body = request[0], request[1]
            namespace = request[2] if len(request) > 2 else ADMIN_NS
            names.append(name)
            sub = dict(body or {})
            sub.setdefault('_jsns', namespace)
            sub['requestId'] = str(index)
            batch_body.setdefault(name, []).append(sub)
        envelope = {'BatchRequest': batch_body}

        def attempt(reauth_on_items):
            reply = self._post_soap('BatchRequest', envelope, repeatable, object_hook=None if attributes else _name_and_id_only)
            items = self._map_batch(self._response(reply, 'BatchRequest'), names)
            if reauth_on_items:
                fault = self._batch_auth_fault(items)
                if fault is not None:
                    raise fault
            return items

        try:
            items = self._with_reauth(lambda: attempt(True), lambda: attempt(False))
        except CarbonioError as err:
            raise self._scrub(err)
        for item in items:
            if item.fault is not None:
                self._scrub(item.fault)
        return items

    def zextras(self, module, action, repeatable=True, **params):
        """Call the zextras extension channel; return the parsed reply's ``response`` value."""
        body = {'module': module, 'action': action}
        body.update((key, value) for key, value in params.items() if value is not None)
        label = 'zextras %s.%s' % (module, action)
        reply = self.soap('zextras', body, repeatable=repeatable)
        try:
            content = element_text(reply.get('content'))
            parsed = json.loads(content) if isinstance(content, str) else content
        except ValueError:
            raise self._scrub(CarbonioError('%s: the reply content is not JSON' % label)) from None
        if not isinstance(parsed, dict):
            raise self._scrub(CarbonioError('%s: unexpected reply content' % label))
        failure = zextras_failure(parsed)
        if failure is not None:
            raise self._scrub(CarbonioFault(ZEXTRAS_ERROR, failure, request=label))
        return parsed['response'] if 'response' in parsed else parsed

    def rest(self, method, path, body=None, query=None, repeatable=None):
        """Call the admin REST extension; return the parsed JSON answer (None when empty or not JSON).

        ``path`` is relative to ``/service/extension/zextras_admin/`` and unquoted; ``query`` a
        dict. ``repeatable`` defaults to True for idempotent methods (GET, PUT, DELETE, ...).
        """
        method = method.upper()
        if repeatable is None:
            repeatable = method in IDEMPOTENT_METHODS
        url = self._rest_base + quote(path.lstrip('/'), safe="/:@!$&'()*+,;=-._~")
        if query:
            url += '?' + urlencode(query)
        data = None if body is None else json.dumps(body).encode('utf-8')

        def attempt():
            headers = {'Accept': 'application/json', 'Cookie': 'ZM_ADMIN_AUTH_TOKEN=%s' % self._token}
            if data is not None:
                headers['Content-Type'] = 'application/json'
            status, dummy, payload = self._send(url, data, headers, repeatable, method=method)
            parsed = _load_json(payload)
            # the extension answers a failure with {"error": ...} in the body, whatever the status (the Admin Panel
            # parses it even from a success)
            if status >= 400 or (isinstance(parsed, dict) and parsed.get('error')):
                message = None
                if isinstance(parsed, dict):
                    error = parsed.get('error')
                    message = error.get('message') if isinstance(error, dict) else error
                    cause = ((error.get('details') or {}) if isinstance(error, dict) else {}).get('cause')
                    if message and cause:
                        message = '%s (%s)' % (message, cause)
                raise CarbonioFault('rest.HTTP_%d' % status if status >= 400 else 'rest.ERROR',
                                    str(message or http.client.responses.get(status, 'HTTP error')), request='%s %s' % (method, path))
            return parsed if isinstance(parsed, (dict, list)) else None

        try:
            return self._with_reauth(attempt)
        except CarbonioError as err:
            raise self._scrub(err)

    # ---------------------------------------------------------------- internals

    def _with_reauth(self, send, resend=None):
        """Run send(); on an expired token log in again once and run resend() (default send)."""
        if self._token is None:
            self.authenticate()
        try:
            return send()
        except CarbonioFault as fault:
            if not self._should_reauth(fault):
                raise
        # A token fault is raised before the handler runs, so repeating the request is safe.
        self._token = None
        self.authenticate()
        return (resend or send)()

    def _should_reauth(self, fault):
        if not (self.admin_user and self._password):
            return False
        if fault.code in (AUTH_EXPIRED, 'rest.HTTP_401'):
            return True
        return fault.code == AUTH_REQUIRED and self._token_from_login

    def _batch_auth_fault(self, items):
        """The fault to re-authenticate on when every answered item failed on the token, else None."""
        faults = [item.fault for item in items if item.fault is not None and item.fault.code != BATCH_NOT_EXECUTED]
        if not faults or any(item.response is not None for item in items):
            return None
        if all(self._should_reauth(fault) for fault in faults):
            return faults[0]
        return None

    def _map_batch(self, response, names):
        answered = {}
        for key, value in response.items():
            if key in ('_jsns', 'requestId'):
                continue
            for element in value if isinstance(value, list) else [value]:
                if not isinstance(element, dict) or element.get('requestId') is None:
                    continue
                answered[str(element['requestId'])] = (key, element)
        items = []
        for index, name in enumerate(names):
            request_id = str(index)
            key, element = answered.get(request_id, (None, None))
            if key == 'Fault':
                items.append(BatchItem(request_id, name, None, _parse_fault(element, request=name)))
            elif key is not None:
                items.append(BatchItem(request_id, name, element, None))
            else:
                fault = CarbonioFault(BATCH_NOT_EXECUTED, 'not executed: no answer in the BatchResponse (an earlier request failed?)',
                                      request=name, request_id=request_id)
                items.append(BatchItem(request_id, name, None, fault))
        return items

    def _response(self, body, name):
        key = _response_key(name)
        value = body.get(key)
        if not isinstance(value, dict):
            raise CarbonioError('%s: the answer has no %s element (got %s)' % (name, key, ', '.join(sorted(body)) or 'an empty body'))
        return value

    def _post_soap(self, name, envelope_body, repeatable, token=True, object_hook=None):
        """POST one SOAP envelope; return the response ``Body`` or raise CarbonioFault/…Error.

        token: True for the admin token, None for none, or another token (a user's delegated token);
        object_hook: applied while the answer's JSON is parsed.
        """
        context = {'_jsns': ZIMBRA_NS, 'userAgent': {'name': USER_AGENT}}
        if token:
            context['authToken'] = {'_content': self._token if token is True else token}
        data = json.dumps({'Header': {'context': context}, 'Body': envelope_body}).encode('utf-8')
        headers = {'Content-Type': 'application/json', 'Accept': 'application/json'}
        url = self.url + name
        status, dummy, payload = self._send(url, data, headers, repeatable)
        parsed = _load_json(payload, object_hook)
        body = parsed.get('Body') if isinstance(parsed, dict) else None
        if isinstance(body, dict) and isinstance(body.get('Fault'), dict):
            raise _parse_fault(body['Fault'], request=name)
        if not 200 <= status < 300:
            raise CarbonioTransportError('%s: HTTP %d %s from %s' % (name, status, http.client.responses.get(status, ''), _display_url(url)),
                                         status=status)
        if not isinstance(body, dict):
            raise CarbonioError('%s: the answer from %s is not a JSON SOAP envelope' % (name, _display_url(url)))
        return body

    def _send(self, url, data, headers, repeatable, method='POST'):
        """Send with retries; return ``(status, headers, body)`` of the first answer not retried.

        Retried: transport failures and 502/503/504, with exponential backoff or the server's
        Retry-After, capped at max_retry_wait. A request that is not repeatable is retried only
        when it certainly was not executed (connection refused, 503).
        """
        attempt = 0
        while True:
            attempt += 1
            self.request_count += 1
            wait = None
            try:
                if method == 'POST':
                    status, rheaders, payload = self._transport(url, data, headers, self.timeout)
                else:
                    status, rheaders, payload = self._transport(url, data, headers, self.timeout, method=method)
            except (TransportFailure, URLError, OSError, http.client.HTTPException) as error:
                # A custom transport may let low-level errors through: classify them the same way.
                failure = error if isinstance(error, TransportFailure) else _classify(error)
                if failure.fatal:
                    raise CarbonioTransportError('%s %s: %s' % (method, _display_url(url), failure.reason), attempts=attempt) from None
                maybe_executed = failure.reached_server
                problem = failure.reason
                status = None
            else:
                if status not in RETRY_STATUSES:
                    return status, rheaders, payload
                maybe_executed = status != 503
                problem = 'HTTP %d %s' % (status, http.client.responses.get(status, ''))
                wait = _retry_after(rheaders, time.time())
            if (maybe_executed and not repeatable) or attempt > self.retries:
                why = 'after %d attempt%s' % (attempt, 's' if attempt > 1 else '')
                if maybe_executed and not repeatable:
                    why += ', not retried: the request may have been executed'
                raise CarbonioTransportError('%s %s failed %s: %s' % (method, _display_url(url), why, problem),
                                             status=status, attempts=attempt, maybe_executed=maybe_executed)
            if wait is None:
                wait = self.retry_backoff * (2 ** (attempt - 1))
            self._sleep(min(wait, self.max_retry_wait))

    def _default_transport(self, url, data, headers, timeout, method='POST'):
        # A fresh Request (and cookie jar) per call: the token travels explicitly, never by cookie.
        request = Request(validate_certs=self.validate_certs, ca_path=self.ca_path, http_agent=USER_AGENT,
                          follow_redirects='safe', timeout=timeout)
        try:
            response = request.open(method, url, data=data, headers=headers, timeout=timeout)
            try:
                return response.getcode(), dict(response.headers.items()), response.read()
            finally:
                response.close()
        except HTTPError as err:
            # Carbonio answers faults with HTTP 500 and a JSON body: hand it over like any answer.
            try:
                payload = err.read()
            except (OSError, http.client.HTTPException):
                payload = b''
            return err.code, dict(err.headers.items()) if err.headers is not None else {}, payload
        except (URLError, OSError, http.client.HTTPException) as err:
            raise _classify(err, url) from err
        except ValueError as err:
            raise TransportFailure(False, 'invalid request: %s' % err, fatal=True) from err

    def _scrub(self, error):
        """Remove the password and tokens from an error's text, whatever produced it."""
        secrets = [s for s in (self._password, self._given_token, self._token) if s] + list(self._other_tokens)
        if not secrets:
            return error
        texts = [error.message, error.args[0] if error.args else '']
        for secret in secrets:
            texts = [text.replace(secret, REDACTED) if isinstance(text, str) else text for text in texts]
        error.message = texts[0]
        error.args = (texts[1],)
        return error
