"""The request log (test hook): one JSON line per request received and per request inside a BatchRequest.

The caller passes the label and write flag it got from the registry (registry.soap_label / rest_label):
a SOAP element name, `zextras <Module>.<action>` or `REST <METHOD> <pattern>`.
"""

import json
import threading
import time


class RequestLog:
    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()

    def record(self, request, write, batch=False, status=200, fault=None, injected=None, received=None):
        """ts: when the request was done (its answer about to be sent); received: when it came in (latency included)."""
        if not self.path:
            return
        values = {'ts': time.time(), 'request': request, 'batch': batch, 'write': write,
                  'status': status, 'fault': fault, 'injected': injected}
        if received is not None:
            values['received'] = received
        line = json.dumps(values)
        with self._lock:
            # reopened per line so a test may truncate the file between steps
            with open(self.path, 'a', encoding='utf-8') as handle:
                handle.write(line + '\n')
