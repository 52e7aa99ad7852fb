#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: carbonio_auth_policy
short_description: Set Carbonio's two-factor authentication policy per service, for every domain or for one
version_added: 0.1.0
description:
  - Sets, for each service users log in to (the Admin API, the web client, the mobile apps, ActiveSync, the desktop
    client, DAV, POP3, IMAP and SMTP), whether two-factor authentication applies and which IP ranges are trusted, as the
    Admin Panel's 2FA pages do - for every domain (O(scope=global)) or for one domain (O(domain)).
  - Only the services named in O(policies) are managed; the others keep what they have. Several services may share one
    item of O(policies).
  - The policies are read first and only the services that differ are written, one request each, as the Admin Panel
    saves them, so a second run changes nothing.
  - A domain must exist, and its users must authenticate with Carbonio (its authentication method C(zimbra)); 2FA does
    not apply to a domain whose users authenticate against an external directory, and the Admin Panel offers it only
    for the others. In check mode a domain that does not exist is predicted with a warning, for a domain an earlier
    task creates.
  - Talks to the Carbonio Auth module through the admin SOAP service; run it on the controller.
extends_documentation_fragment:
  - carbonio.admin._connection
  - carbonio.admin._attributes
options:
  scope:
    description:
      - V(global) sets the policies of every domain that sets none of its own. Leave it out with O(domain).
    type: str
    choices: [global, domain]
  domain:
    description:
      - Name of the domain whose own policies these are.
    type: str
  policies:
    description:
      - The services to set, each item for one or several services.
    type: list
    elements: dict
    default: []
    suboptions:
      service:
        description:
          - The services this item sets - V(admin_api) (the Admin Panel and admin API), V(web_ui) (the web client),
            V(mobile_app), V(activesync), V(desktop), V(dav), V(pop3), V(imap) and V(smtp); Carbonio's own names
            (C(WebAdminUI), C(WebUI), C(MobileApp), C(EAS), C(DesktopApp), C(Dav), C(Pop3), C(Imap), C(Smtp)) are
            accepted too. V(all) names every one of them.
          - A service may be named by one item only.
        type: list
        elements: str
        required: true
      policy:
        description:
          - V(no_2fa) - no second factor (the Admin Panel's "Disable 2FA", code 0).
          - V(ip_2fa) - a second factor except from a trusted IP range ("Trust the IP", code 1).
          - V(device_2fa) - a second factor, after which the device may be trusted ("Trust the device", code 2).
          - Left out, the service keeps its policy.
        type: str
        choices: [no_2fa, ip_2fa, device_2fa]
      trusted_ip_ranges:
        description:
          - IPv4 addresses or networks (C(192.168.1.10), C(10.0.0.0/8)) from which the service trusts logins. A single
            address is the network C(/32) of it, and the two forms compare equal.
          - Left out, the service keeps its ranges; V([]) with O(policies[].trusted_ip_ranges_mode=exact) removes them all.
        type: list
        elements: str
      trusted_ip_ranges_mode:
        description:
          - V(exact) - the ranges are the whole list.
          - V(present) - add the ranges given, keep the others.
          - V(absent) - remove the ranges given, keep the others.
        type: str
        choices: [exact, present, absent]
        default: exact
  trusted_device_expiration_days:
    description:
      - How many days a device the user trusted stays trusted, at this level.
      - The Admin Panel has no control for it; Carbonio's CLI sets it (C(carbonio auth policy trustedDevice
        setExpiration)). The module sends the CLI's action on the Carbonio Auth channel, whose name is not published
        and is inferred from the CLI.
    type: int
notes:
  - Carbonio's docs advise that enabling 2FA needs a trusted range for the services used from the servers themselves,
    and that IMAP, POP3 and SMTP, which cannot ask for a second factor, need a trusted range, a trusted network or
    application passwords.
seealso:
  - module: carbonio.admin.carbonio_auth_policy_info
  - name: Carbonio Auth CLI
    description: The C(carbonio auth policy) commands.
    link: https://docs.zextras.com/carbonio/html/cli_commands/carbonio_auth.html
author:
  - carbonio.admin contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Two factors for the web client and the Admin Panel except from the office; the mobile apps trust the device
  carbonio.admin.carbonio_auth_policy:
    scope: global
    policies:
      - service: [web_ui, admin_api]
        policy: ip_2fa
        trusted_ip_ranges: [192.0.2.0/24, 198.51.100.7]
      - service: [mobile_app]
        policy: device_2fa
    trusted_device_expiration_days: 30
  delegate_to: localhost

- name: One domain trusts its own network for IMAP and SMTP too, without changing the other ranges
  carbonio.admin.carbonio_auth_policy:
    domain: example.com
    policies:
      - service: [imap, smtp]
        policy: ip_2fa
        trusted_ip_ranges: [10.20.0.0/16]
        trusted_ip_ranges_mode: present
  delegate_to: localhost

- name: No second factor for any service of a domain
  carbonio.admin.carbonio_auth_policy:
    domain: example.com
    policies:
      - service: [all]
        policy: no_2fa
        trusted_ip_ranges: []
  delegate_to: localhost
'''

RETURN = r'''
msg:
  description: What was done, or would be done in check mode.
  returned: always
  type: str
  sample: "2FA policies of domain example.com: imap, smtp changed"
changed_settings:
  description:
    - The services (by their readable names) whose policy or ranges changed, and V(trusted_device_expiration_days)
      when it changed; in check mode, those that would change. After a failure part-way, those that were written.
  returned: always
  type: list
  elements: str
  sample: [imap, smtp]
auth_policy:
  description:
    - The policies of that level once the task is done (predicted in check mode), in this module's own options
      (O(scope) or O(domain), then every service, services with the same settings in one item).
  returned: success
  type: dict
  sample:
    domain: example.com
    policies:
      - {service: [admin_api, web_ui], policy: ip_2fa, trusted_ip_ranges: [192.0.2.0/24]}
      - {service: [mobile_app, activesync, desktop, dav, pop3, imap, smtp], policy: no_2fa, trusted_ip_ranges: []}
settings:
  description: Each service's settings (and the device expiration when managed) once the task is done, by service.
  returned: success
  type: dict
  sample: {web_ui: {policy: ip_2fa, trusted_ip_ranges: [192.0.2.0/24]}}
'''

from ansible_collections.carbonio.admin.plugins.module_utils._auth_policy import run_auth_policy_module


def main():
    run_auth_policy_module()


if __name__ == '__main__':
    main()
