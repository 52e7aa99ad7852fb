"""The request log (test hook): one JSON line per request received and per request inside a BatchRequest."""

import json
import threading
import time

WRITE_PREFIXES = ('Create', 'Modify', 'Delete', 'Add', 'Remove', 'Rename', 'Set', 'Grant', 'Revoke', 'Issue', 'Upload',
                  'Install', 'Purge')


def is_write(name):
    return name.startswith(WRITE_PREFIXES)


class RequestLog:
    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()

    def record(self, request, batch=False, status=200, fault=None, injected=None, write=None):
        if not self.path:
            return
        line = json.dumps({'ts': time.time(), 'request': request, 'batch': batch,
                           'write': is_write(request) if write is None else write,
                           'status': status, 'fault': fault, 'injected': injected})
        with self._lock:
            # reopened per line so a test may truncate the file between steps
            with open(self.path, 'a', encoding='utf-8') as handle:
                handle.write(line + '\n')
