"""No playbook run of these tests prints a warning: every `ansible` and `ansible-playbook` they start logs to one file
(ANSIBLE_LOG_PATH, inherited through the environment), and each test fails at teardown, quoting them, if the runs
since the previous test logged a `[WARNING]` or a `[DEPRECATION WARNING]` (those of a module-scoped fixture count
for the first test that uses it). A job log an operator reads carries no noise that hides a real warning.

A test that provokes a warning on purpose names it: @pytest.mark.expected_warnings(r'regex', ...); each warning must
then match one of them.
"""

from __future__ import annotations

import os
import re

import pytest

WARNING = re.compile(r'\[(?:DEPRECATION )?WARNING\]')
ENTRY = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ', re.MULTILINE)  # where each log entry starts


def pytest_configure(config):
    config.addinivalue_line('markers', 'expected_warnings(*patterns): warnings the test provokes on purpose')


class AnsibleLog:
    def __init__(self, path):
        self.path = path
        self.offset = 0

    def new_warnings(self):
        """The log entries with a warning written since the last call."""
        if not os.path.exists(self.path):
            return []
        with open(self.path, encoding='utf-8', errors='replace') as handle:
            handle.seek(self.offset)
            text = handle.read()
            self.offset = handle.tell()
        return [entry.strip() for entry in ENTRY.split(text) if WARNING.search(entry)]


@pytest.fixture(scope='session', autouse=True)
def ansible_log(tmp_path_factory):
    path = str(tmp_path_factory.mktemp('ansible-log') / 'ansible.log')
    previous = os.environ.get('ANSIBLE_LOG_PATH')
    os.environ['ANSIBLE_LOG_PATH'] = path
    yield AnsibleLog(path)
    if previous is None:
        os.environ.pop('ANSIBLE_LOG_PATH', None)
    else:
        os.environ['ANSIBLE_LOG_PATH'] = previous


@pytest.fixture(autouse=True)
def no_warnings(request, ansible_log):
    yield
    marker = request.node.get_closest_marker('expected_warnings')
    allowed = [re.compile(pattern) for pattern in (marker.args if marker else ())]
    unexpected = [entry for entry in ansible_log.new_warnings() if not any(pattern.search(entry) for pattern in allowed)]
    assert not unexpected, 'a playbook run printed a warning:\n' + '\n'.join(unexpected)
