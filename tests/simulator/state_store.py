"""State that Carbonio keeps outside LDAP (2FA policies, SAML configuration, sessions, quota usage...).

One JSON file in the data directory, `state.json`: {section: {key: value}}. Every put rewrites it atomically
(temporary file, fsync, rename), so a simulator killed mid-write keeps the previous state and a restart on
the same data dir sees everything put before. Values must be JSON-serialisable; reads return copies, so a
handler cannot change the state without a put.
"""

import copy
import json
import os
import tempfile
import threading

STATE_FILE = 'state.json'


class StateStore:
    def __init__(self, data_dir):
        self.path = os.path.join(data_dir, STATE_FILE)
        self._lock = threading.Lock()
        self._data = {}
        if os.path.exists(self.path):
            with open(self.path, encoding='utf-8') as handle:
                self._data = json.load(handle)

    def get(self, section, key, default=None):
        with self._lock:
            return copy.deepcopy(self._data.get(section, {}).get(key, default))

    def section(self, section):
        """Every key of a section, as a new dict."""
        with self._lock:
            return copy.deepcopy(self._data.get(section, {}))

    def put(self, section, key, value):
        with self._lock:
            self._data.setdefault(section, {})[key] = copy.deepcopy(value)
            self._save()

    def delete(self, section, key):
        """Remove a key; True if it was there."""
        with self._lock:
            found = key in self._data.get(section, {})
            if found:
                del self._data[section][key]
                if not self._data[section]:
                    del self._data[section]
                self._save()
            return found

    def _save(self):
        directory = os.path.dirname(self.path)
        handle, temp = tempfile.mkstemp(prefix='.state-', suffix='.json', dir=directory)
        try:
            with os.fdopen(handle, 'w', encoding='utf-8') as out:
                json.dump(self._data, out, sort_keys=True, indent=1)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
        # the rename itself must reach the disk too
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
