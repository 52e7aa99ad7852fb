"""The simulator's one LDAP connection: ldap3 underneath, with the small interface the directory uses.

search() returns [(dn, {attribute: [text values]})]; add/modify/delete/modify_dn/modify_password return whether
they succeeded, and `result` holds ldap3's result of the last operation (result, description, message, dn).
"""

import contextlib
import threading

import ldap3
from ldap3.core.exceptions import LDAPException


# Entries come back as plain dicts: ldap3's default case-insensitive dict costs time per attribute of every entry
# read, and the simulator looks names up case-insensitively itself (directory.Entry).
ldap3.set_config_parameter('CASE_INSENSITIVE_ATTRIBUTE_NAMES', False)


class LdapError(Exception):
    pass


def as_text(value):
    """A value as the simulator holds it: text (a value read from slapd is bytes)."""
    if not isinstance(value, (bytes, bytearray)):
        return str(value)
    try:
        return value.decode('utf-8')
    except UnicodeDecodeError:
        return str(value)


class LdapConnection:
    """One synchronous ldap3 connection, one operation at a time."""

    def __init__(self, address, timeout=30.0):
        self.address = address
        self._server = ldap3.Server(address[0], port=address[1], get_info=ldap3.NONE, connect_timeout=timeout)
        self._conn = None
        self._lock = threading.Lock()
        self.result = {}

    def _done(self, ok):
        self.result = self._conn.result or {}
        return bool(ok)

    def bind(self, dn, password):
        with self._lock:
            # no schema read and no name checks: the simulator validates attributes itself, and both cost time per entry
            self._conn = ldap3.Connection(self._server, user=dn, password=password, authentication=ldap3.SIMPLE,
                                          client_strategy=ldap3.SYNC, raise_exceptions=False, check_names=False,
                                          auto_range=False, return_empty_attributes=False)
            return self._done(self._conn.bind())

    def search(self, base, flt, scope=ldap3.SUBTREE, attributes=('*',), size_limit=0):
        """[(dn, {attribute: [values]})] of the entries found (those read before an error included)."""
        with self._lock:
            self._done(self._conn.search(base, flt, search_scope=scope, attributes=list(attributes or ['1.1']),
                                         size_limit=size_limit))
            # ldap3 has decoded the values already (UTF-8, as slapd holds them)
            return [(item['dn'], item['attributes']) for item in self._conn.response or [] if item.get('type') == 'searchResEntry']

    def add(self, dn, attributes):
        with self._lock:
            return self._done(self._conn.add(dn, attributes=attributes))

    def modify(self, dn, changes):
        with self._lock:
            return self._done(self._conn.modify(dn, changes))

    def delete(self, dn):
        with self._lock:
            return self._done(self._conn.delete(dn))

    def modify_dn(self, dn, new_rdn, new_superior=None):
        with self._lock:
            return self._done(self._conn.modify_dn(dn, new_rdn, delete_old_dn=True, new_superior=new_superior))

    def modify_password(self, dn, new_password):
        """The password modify extended operation (RFC 3062): slapd hashes the new password itself."""
        with self._lock:
            return self._done(self._conn.extend.standard.modify_password(user=dn, new_password=new_password) is not False)

    def unbind(self):
        with self._lock:
            if self._conn is not None:
                self._conn.unbind()

    def close_after_crash(self):
        """Let go of a connection whose slapd was killed: the unbind may find the socket already reset."""
        with self._lock, contextlib.suppress(LDAPException):
            if self._conn is not None:
                self._conn.unbind()


def connect(address, dn, password):
    """A connection bound as dn (slapd's rootdn for the simulator); raises LdapError when the bind fails."""
    connection = LdapConnection(address)
    if not connection.bind(dn, password):
        connection.unbind()
        raise LdapError(f"bind as {dn} failed: {connection.result.get('description')} {connection.result.get('message')}")
    return connection
