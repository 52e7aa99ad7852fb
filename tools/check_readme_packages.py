"""The Debian packages the README says `make test` and `make demo` install are the ones the Makefile installs.

Compares the backquoted names of the README sentence "... the Debian packages `a`, `b` ... (with `apt-get`" with
the Makefile's APT_PACKAGES (what its deps target passes to apt-get install). Run by `make lint` from the collection
copy; exit 1 naming the difference.
"""
import re
import sys


def makefile_packages(path='Makefile'):
    with open(path, encoding='utf-8') as handle:
        found = re.search(r'^APT_PACKAGES\s*:?=\s*(.*)$', handle.read(), re.MULTILINE)
    if not found:
        raise SystemExit('%s sets no APT_PACKAGES' % path)
    return set(found.group(1).split())


def readme_packages(path='README.md'):
    with open(path, encoding='utf-8') as handle:
        text = ' '.join(handle.read().split())
    found = re.search(r'the Debian packages (.*?)\(with `apt-get`', text)
    if not found:
        raise SystemExit('%s does not list "the Debian packages ... (with `apt-get`" any more' % path)
    return set(re.findall(r'`([^`]+)`', found.group(1)))


def main():
    wanted, listed = makefile_packages(), readme_packages()
    if wanted != listed:
        print('README.md lists the Debian packages %s; the Makefile installs %s (missing from README: %s; not installed: %s)' % (
            sorted(listed), sorted(wanted), sorted(wanted - listed), sorted(listed - wanted)))
        return 1
    print('README.md lists the Debian packages the Makefile installs: %s' % ', '.join(sorted(wanted)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
