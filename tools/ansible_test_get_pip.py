"""Offline stand-in for the get-pip script that ansible-test downloads into each of its venvs.

ansible-test looks for a cached copy before downloading; this one bootstraps pip with ensurepip
and then installs the requested pip release from the configured package index.
"""
import subprocess
import sys

args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'])
if args:
    subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + args)
