"""Fault injection rules (test hooks): what the control API and --fault add, and how requests consume them."""

import threading

KINDS = ('unavailable', 'drop_before', 'drop_after', 'slow', 'batch_item', 'expire_tokens', 'restart')
TRANSPORT_KINDS = ('unavailable', 'drop_before', 'drop_after', 'slow', 'expire_tokens', 'restart')
_INT_FIELDS = ('times', 'delay_ms', 'index', 'after', 'down_ms')


class FaultRule:
    def __init__(self, spec):
        self.kind = spec.get('kind')
        if self.kind not in KINDS:
            raise ValueError(f'unknown fault kind {self.kind!r}; expected one of {", ".join(KINDS)}')
        self.request = spec.get('request') or '*'
        self.times = int(spec.get('times', 1))
        # matching requests let through before the rule applies (the third BatchRequest of a run: after=2)
        self.after = int(spec.get('after', 0))
        self.retry_after = spec.get('retry_after', 1)
        self.delay_ms = int(spec.get('delay_ms', 0))
        self.down_ms = int(spec.get('down_ms', 3000))  # restart: how long the server stays away
        self.code = spec.get('code') or 'service.FAILURE'
        self.message = spec.get('message')
        index = spec.get('index')
        self.index = None if index in (None, '') else int(index)

    def matches(self, *names):
        """A rule names a request by its element name or its log label (`zextras ZxCore.x`, `REST GET x`), or `*`."""
        return self.request == '*' or self.request in names

    def describe(self):
        fields = ('kind', 'request', 'times', 'after', 'retry_after', 'delay_ms', 'down_ms', 'code', 'message', 'index')
        return {k: getattr(self, k) for k in fields}


def parse_cli_spec(text):
    """--fault kind=unavailable,request=GetDomainRequest,times=2 -> dict."""
    spec = {}
    for part in text.split(','):
        key, _sep, value = part.partition('=')
        spec[key.strip()] = int(value) if key.strip() in _INT_FIELDS else value.strip()
    return spec


class FaultRegistry:
    def __init__(self, on_expire_tokens):
        self._rules = []
        self._lock = threading.Lock()
        self._on_expire_tokens = on_expire_tokens

    def add(self, spec):
        rule = FaultRule(spec)
        if rule.kind == 'expire_tokens' and rule.request == '*' and not rule.after:
            self._on_expire_tokens()  # immediate, nothing to keep
            return rule
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear(self):
        with self._lock:
            self._rules.clear()

    def list(self):
        with self._lock:
            return [r.describe() for r in self._rules]

    @staticmethod
    def _passes(rule):
        """True while the rule still lets matching requests through (its `after` count)."""
        if rule.after > 0:
            rule.after -= 1
            return True
        return False

    def _consume(self, rule):
        rule.times -= 1
        if rule.times <= 0:
            self._rules.remove(rule)

    def take_transport(self, *request_names):
        """The first transport-level rule matching a top-level request (its names: element name, label), consumed once."""
        with self._lock:
            for rule in self._rules:
                if rule.kind in TRANSPORT_KINDS and rule.matches(*request_names):
                    if self._passes(rule):
                        continue
                    self._consume(rule)
                    if rule.kind == 'expire_tokens':
                        # tokens expire as this request arrives: it is answered service.AUTH_EXPIRED
                        self._on_expire_tokens()
                    return rule
        return None

    def take_batch_item(self, item_names):
        """For a BatchRequest whose items have these (element name, label) pairs: (index, rule) of the first
        batch_item rule that applies."""
        with self._lock:
            for rule in self._rules:
                if rule.kind != 'batch_item':
                    continue
                if rule.index is not None:
                    if rule.index < len(item_names) and rule.matches(*item_names[rule.index]):
                        self._consume(rule)
                        return rule.index, rule
                    continue
                for index, names in enumerate(item_names):
                    if rule.request in names:
                        self._consume(rule)
                        return index, rule
        return None, None
