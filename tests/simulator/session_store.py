"""Sessions as Carbonio's SessionCache holds them: a user AuthRequest opens a SOAP session, GetSessionsRequest
lists them, EndSessionRequest ends them (api-objects doc 5).

Kept in memory, as mailboxd keeps them: a restart forgets every session. The request engine runs one request
at a time, so no lock here.
"""

import itertools
import time
from dataclasses import dataclass

# Session.Type: GetSessionsRequest accepts any of them (case-insensitive); the simulator only opens SOAP ones.
TYPES = ('null', 'soap', 'imap', 'admin', 'wiki', 'synclistener', 'waitset')


def now_ms():
    return int(time.time() * 1000)


@dataclass
class Session:
    sid: str
    kind: str
    account_id: str
    token_id: str  # the token that opened it: ending the session de-registers that token
    created_ms: int
    accessed_ms: int


class SessionStore:
    def __init__(self):
        self._sessions = {}
        self._ids = itertools.count(1)

    def open(self, kind, account_id, token_id):
        stamp = now_ms()
        session = Session(str(next(self._ids)), kind, account_id, token_id, stamp, stamp)
        self._sessions[session.sid] = session
        return session

    def of_kind(self, kind):
        return [s for s in self._sessions.values() if s.kind == kind]

    def of_account(self, account_id, kind='soap'):
        return [s for s in self.of_kind(kind) if s.account_id == account_id]

    def find(self, sid, account_id):
        """SessionCache.lookup: the account's own session with that id, or None."""
        session = self._sessions.get(sid)
        return session if session is not None and session.account_id == account_id else None

    def opened_by(self, token_id):
        return [s for s in self._sessions.values() if s.token_id == token_id]

    def end(self, session):
        self._sessions.pop(session.sid, None)

    def touch(self, token_id):
        """A request authenticated by a session's token is an access to that session (its `ld`)."""
        for session in self.opened_by(token_id):
            session.accessed_ms = now_ms()
