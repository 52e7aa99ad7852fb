"""Writing to a simulator's slapd directly as its rootdn, to make a state no request makes (one place for the tests)."""

from __future__ import annotations

import os
import subprocess


def ldapmodify(sim, ldif):
    password_file = os.path.join(os.path.dirname(sim.ready['ca_path']), 'slapd-rootpw')
    subprocess.run(['ldapmodify', '-x', '-H', sim.ready['ldap_url'], '-D', 'uid=zimbra,cn=admins,cn=zimbra', '-y', password_file],
                   input=ldif, text=True, check=True, stdout=subprocess.DEVNULL)
