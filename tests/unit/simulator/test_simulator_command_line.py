"""The simulator's command line: defaults a user meets when starting it by hand."""

from __future__ import annotations

import re

from tests.simulator.__main__ import parse_args


def test_the_default_admin_password_is_no_word_a_message_would_hold(monkeypatch):
    """Ansible masks a no_log value wherever its text appears: a default of "password" hid that word in every message."""
    monkeypatch.delenv('CARBONIO_SIM_ADMIN_PASSWORD', raising=False)
    password = parse_args(['--data-dir', 'x']).admin_password
    words = set(re.findall(r'[a-z]+', 'the password policy asks for at least 8 characters; admin account sim simulator'))
    assert password.lower() not in words and len(password) >= 8 and not password.isalpha()
    monkeypatch.setenv('CARBONIO_SIM_ADMIN_PASSWORD', 'Other-Secret-1')
    assert parse_args(['--data-dir', 'x']).admin_password == 'Other-Secret-1'
