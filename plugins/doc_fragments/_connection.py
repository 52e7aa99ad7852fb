# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Connection options shared by every module of the collection.
    DOCUMENTATION = r'''
options:
  url:
    description:
      - URL of the Carbonio admin SOAP service, for example C(https://mail.example.com:7071/service/admin/soap/)
        (port 6071 when going through a proxy node).
      - A URL without a path, such as C(https://mail.example.com:7071), gets C(/service/admin/soap/) appended.
      - Only C(https) is accepted; a C(http) URL is refused before anything is sent, because the admin password and
        token would travel in clear.
      - If not set, the environment variable E(CARBONIO_URL) is used.
    type: str
    required: true
  admin_user:
    description:
      - Name of the admin account, for example C(admin@example.com).
      - If not set, the environment variable E(CARBONIO_ADMIN_USER) is used.
    type: str
  admin_password:
    description:
      - Password of O(admin_user).
      - If not set, the environment variable E(CARBONIO_ADMIN_PASSWORD) is used.
    type: str
  auth_token:
    description:
      - An existing admin authentication token, used instead of O(admin_user) and O(admin_password).
      - If not set, the environment variable E(CARBONIO_AUTH_TOKEN) is used.
    type: str
  validate_certs:
    description:
      - Verify the TLS certificate of the server. Turn off only for throw-away test servers.
      - If not set, the environment variable E(CARBONIO_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of the certificate authority that signed the server's certificate, when it is not in the system trust store.
      - If not set, the environment variable E(CARBONIO_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP answer; must be more than 0.
    type: int
    default: 30
  retries:
    description:
      - How many times a read is retried after a transport error or an HTTP 502, 503 or 504 answer; 0 or more.
      - Waits grow exponentially and follow the server's C(Retry-After) header when it sends one.
      - A write is retried only when the server certainly did not run it (connection refused, HTTP 503).
        A write whose answer was lost (timeout, dropped connection, 502, 504) is never sent again, since a slow
        first copy could land after a later change; the module waits two seconds and reads the object back.
        If the change is in place, it is reported as made; if not, the task fails saying the change may still be applied.
    type: int
    default: 3
notes:
  - "All modules run on the controller (or wherever the task is delegated) and talk HTTPS to Carbonio;
    use C(delegate_to: localhost) or C(connection: local)."
  - The options above can be set once for every module with C(module_defaults) and the group C(group/carbonio.admin.carbonio).
requirements:
  - A Carbonio admin account (global admin, or a delegated admin with the rights the task needs).
'''
