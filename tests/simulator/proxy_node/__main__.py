"""python -m tests.simulator.proxy_node (confgen|proxyctl|certbot|systemctl) --root ROOT [ARGS]: a node command. certbot's
output also goes to the node's letsencrypt.log, as Carbonio's certbot logs there."""

import datetime
import io
import sys

from . import certbot, confgen, proxyctl, systemctl
from .layout import Node


def main(argv):
    if len(argv) < 3 or argv[1] != '--root':
        sys.stderr.write('usage: python -m tests.simulator.proxy_node (confgen|proxyctl|certbot|systemctl) --root ROOT [ARGS]\n')
        return 2
    command, node, args = argv[0], Node(argv[2]), argv[3:]
    out = io.StringIO()
    if command == 'confgen':
        code = confgen.generate(node, out)
    elif command == 'proxyctl':
        code = proxyctl.run(node, args, out)
    elif command == 'systemctl':
        code = systemctl.run(node, args, out)
    elif command == 'certbot':
        try:
            code = certbot.run(node, args, out)
        except Exception as exc:  # pylint: disable=broad-except
            # certbot reports what went wrong and exits 1; Carbonio classifies its output (features doc 1.5)
            out.write('An unexpected error occurred: %s: %s\n' % (type(exc).__name__, exc))
            code = 1
        with open(node.certbot_log, 'a', encoding='utf-8') as log:
            log.write('%s certbot %s\n%s' % (datetime.datetime.now().isoformat(), ' '.join(args), out.getvalue()))
    else:
        sys.stderr.write('unknown command %s\n' % command)
        return 2
    sys.stdout.write(out.getvalue())
    return code


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
