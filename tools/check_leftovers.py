"""Fail when a process started by this test run is still running: a simulator, its slapd, anything.

`make` exports CARBONIO_TEST_RUN, one value per invocation, and every process it starts inherits it. This
check, run last, looks for that value in the environment of the current user's processes, leaving out
itself and its ancestors (make and its shell carry the marker too). Processes started inside ansible-test
do not carry it: ansible-test passes only a fixed list of variables to what it runs.
Exit 0 when none is left, 1 with one line per leftover (pid and command line) otherwise.
"""
import argparse
import os
import sys
import time

MARKER = 'CARBONIO_TEST_RUN'


def _parent(pid):
    """The parent pid from /proc/PID/stat (the fields after the parenthesised command name), or 0."""
    try:
        with open(f'/proc/{pid}/stat', encoding='utf-8', errors='replace') as handle:
            return int(handle.read().rsplit(')', 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _ancestry():
    pids, pid = set(), os.getpid()
    while pid > 0 and pid not in pids:
        pids.add(pid)
        pid = _parent(pid)
    return pids


def leftovers(value):
    """(pid, command line) of the current user's processes whose environment holds CARBONIO_TEST_RUN=value."""
    wanted = f'{MARKER}={value}'.encode()
    mine, found = _ancestry(), []
    for name in os.listdir('/proc'):
        if not name.isdigit() or int(name) in mine:
            continue
        try:
            if os.stat(f'/proc/{name}').st_uid != os.getuid():
                continue
            with open(f'/proc/{name}/environ', 'rb') as handle:
                if wanted not in handle.read().split(b'\0'):
                    continue
            with open(f'/proc/{name}/cmdline', 'rb') as handle:
                command = handle.read().replace(b'\0', b' ').decode(errors='replace').strip()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        found.append((int(name), command))
    return sorted(found)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--grace', type=float, default=5.0,
                        help='seconds to wait for processes that are on their way out (default 5)')
    args = parser.parse_args()
    value = os.environ.get(MARKER)
    if not value:
        parser.error(f'{MARKER} is not set: run this from make, which sets it once per run')
    deadline = time.monotonic() + args.grace
    found = leftovers(value)
    while found and time.monotonic() < deadline:
        time.sleep(0.2)
        found = leftovers(value)
    for pid, command in found:
        print(f'left running: pid {pid}: {command}')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
