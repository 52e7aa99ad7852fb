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

    def record(self, request, write, batch=False, status=200, fault=None, injected=None):
        if not self.path:
            return
        line = json.dumps({'ts': time.time(), 'request': request, 'batch': batch, 'write': write,
                           'status': status, 'fault': fault, 'injected': injected})
        with self._lock:
            # reopened per line so a test may truncate the file between steps
            with open(self.path, 'a', encoding='utf-8') as handle:
                handle.write(line + '\n')
