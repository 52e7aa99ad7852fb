"""Admin auth tokens: HMAC-signed (so they survive a simulator restart with the same data dir) and expirable.

A token is "<payload>.<mac>" where payload is base64 JSON {name, iat, exp}. The expire_tokens test hook
moves a cutoff: every token issued before it is reported as expired.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time

VALID, MISSING, EXPIRED = 'valid', 'missing', 'expired'


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
        self._lock = threading.Lock()
        self.issued = []  # every token handed out since start, for tests that grep output for leaks

    def _mac(self, payload):
        return hmac.new(self._key, payload.encode('ascii'), hashlib.sha256).hexdigest()

    def issue(self, name):
        """Return (token, lifetime in ms)."""
        with self._lock:
            # strictly after any cutoff, so a token issued right after expire_tokens is valid
            now = max(time.time(), self._cutoff + 1e-6)
        payload = base64.urlsafe_b64encode(json.dumps({'name': name, 'iat': now, 'exp': now + self.lifetime_ms / 1000.0,
                                                       'n': secrets.token_hex(4)}).encode()).decode('ascii')
        token = f'{payload}.{self._mac(payload)}'
        with self._lock:
            self.issued.append(token)
        return token, self.lifetime_ms

    def check(self, token):
        """(state, name, expires_epoch): state is VALID, MISSING (absent/malformed/bad mac) or EXPIRED."""
        if not token or '.' not in token:
            return MISSING, None, None
        payload, _sep, mac = token.rpartition('.')
        if not hmac.compare_digest(mac, self._mac(payload)):
            return MISSING, None, None
        try:
            data = json.loads(base64.urlsafe_b64decode(payload.encode('ascii')))
        except ValueError:
            return MISSING, None, None
        if time.time() > data['exp'] or data['iat'] <= self._cutoff:
            return EXPIRED, data['name'], data['exp']
        return VALID, data['name'], data['exp']

    def expire_all(self):
        with self._lock:
            self._cutoff = time.time()
