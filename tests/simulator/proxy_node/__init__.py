"""A simulated Carbonio proxy node: a folder standing for the node's filesystem root, a real nginx serving the domains'
certificates by SNI from that root, and stand-ins for the node commands the cert_deploy role runs
(carbonio-api-features.md 1.5-1.6): zmproxyconfgen, zmproxyctl, certbot, and systemctl for the renewal timer. Each acts on its node's root, on the
directory through the simulator's admin SOAP API, and on its node's nginx, as Carbonio's own commands do.

Run as `python -m tests.simulator.proxy_node COMMAND --root ROOT [ARGS]` (the root's command files do exactly that).
"""
