"""Carbonio's time formats: LDAP generalized time with milliseconds, and duration strings."""

import datetime
import re

DURATION_RE = re.compile(r'^(\d+)([hmsd]|ms)?$')
_UNIT_MS = {'d': 86400000, 'h': 3600000, 'm': 60000, 's': 1000, 'ms': 1, None: 1000}


def gentime_now():
    """yyyyMMddHHmmss.SSSZ, the form Carbonio writes when fractional seconds are enabled (the default)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime('%Y%m%d%H%M%S.') + f'{now.microsecond // 1000:03d}Z'


def duration_ms(text):
    """Milliseconds of a duration such as 12h, 30m, 45 (seconds) or 500ms; None when malformed."""
    match = DURATION_RE.match(text or '')
    if not match:
        return None
    return int(match.group(1)) * _UNIT_MS[match.group(2)]
