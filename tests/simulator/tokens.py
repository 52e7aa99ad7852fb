"""Auth tokens: HMAC-signed (so they survive a simulator restart with the same data dir) and expirable.

A token is "<payload>.<mac>" where payload is base64 JSON {name, iat, exp, n}. A user token (user AuthRequest,
DelegateAuthRequest) also carries the account's zimbraId `id`, the zimbraAuthTokenValidityValue `vv` it was issued
with and, when delegated, `dg`; a token without `id` is the simulator's admin, which has no directory entry. The
expire_tokens test hook moves a cutoff: every token issued before it is reported as expired. A de-registered token
(its session ended) is expired too, until the simulator restarts.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass

VALID, MISSING, EXPIRED = 'valid', 'missing', 'expired'


@dataclass(frozen=True)
class TokenInfo:
    """What a presented token says. `token_id` (its MAC) names it for sessions and de-registration."""

    state: str
    name: str = None
    expires: float = None
    account_id: str = None
    validity: int = None
    delegated: bool = False
    token_id: str = None

    @property
    def admin(self):
        return self.account_id is None


class TokenStore:
    def __init__(self, data_dir, lifetime_ms):
        path = os.path.join(data_dir, 'token-key')
        if not os.path.exists(path):
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(secrets.token_hex(32))
            os.chmod(path, 0o600)
        with open(path, encoding='utf-8') as handle:
            self._key = bytes.fromhex(handle.read().strip())
        self.lifetime_ms = lifetime_ms
        self._cutoff = 0.0
        self._revoked = set()
        self._lock = threading.Lock()
        self.issued = []  # every token handed out since start, for tests that grep output for leaks

    def _mac(self, payload):
        return hmac.new(self._key, payload.encode('ascii'), hashlib.sha256).hexdigest()

    def issue(self, name, lifetime_ms=None, account_id=None, validity=None, delegated=False):
        """Return (token, lifetime in ms); without account_id it is an admin token of the default lifetime."""
        lifetime_ms = self.lifetime_ms if lifetime_ms is None else lifetime_ms
        with self._lock:
            # strictly after any cutoff, so a token issued right after expire_tokens is valid
            now = max(time.time(), self._cutoff + 1e-6)
        claims = {'name': name, 'iat': now, 'exp': now + lifetime_ms / 1000.0, 'n': secrets.token_hex(4)}
        if account_id is not None:
            claims.update({'id': account_id, 'vv': validity})
            if delegated:
                claims['dg'] = True
        payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode('ascii')
        token = f'{payload}.{self._mac(payload)}'
        with self._lock:
            self.issued.append(token)
        return token, lifetime_ms

    def read(self, token):
        """TokenInfo of a token: state MISSING when absent, malformed or badly signed, EXPIRED when past its
        lifetime, issued before an expire_tokens cutoff or de-registered, else VALID."""
        if not token or '.' not in token:
            return TokenInfo(MISSING)
        payload, _sep, mac = token.rpartition('.')
        if not hmac.compare_digest(mac, self._mac(payload)):
            return TokenInfo(MISSING)
        try:
            data = json.loads(base64.urlsafe_b64decode(payload.encode('ascii')))
        except ValueError:
            return TokenInfo(MISSING)
        expired = time.time() > data['exp'] or data['iat'] <= self._cutoff or mac in self._revoked
        return TokenInfo(EXPIRED if expired else VALID, data['name'], data['exp'], data.get('id'), data.get('vv'),
                         bool(data.get('dg')), mac)

    def revoke(self, token_id):
        """De-register a token (AuthToken.deRegister): from now on it is answered as expired."""
        with self._lock:
            self._revoked.add(token_id)

    def expire_all(self):
        with self._lock:
            self._cutoff = time.time()
