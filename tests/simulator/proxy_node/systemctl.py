"""systemctl for the node's own units (carbonio-certbot.timer and .service, installed disabled as Carbonio ships them):
what ansible.builtin.systemd_service asks (show, is-enabled, is-active, list-unit-files, enable, disable, start, stop,
restart, daemon-reload), with the state kept in the node root's etc/systemd/units.json."""

import json
import os

UNITS = ('carbonio-certbot.timer', 'carbonio-certbot.service')


def _state_path(node):
    return node.path('etc', 'systemd', 'units.json')


def _load(node):
    path = _state_path(node)
    if not os.path.exists(path):
        return {unit: {'enabled': False, 'active': False} for unit in UNITS}
    with open(path, encoding='utf-8') as handle:
        return json.load(handle)


def _save(node, state):
    os.makedirs(os.path.dirname(_state_path(node)), exist_ok=True)
    with open(_state_path(node), 'w', encoding='utf-8') as handle:
        json.dump(state, handle)


def run(node, args, out):
    args = [arg for arg in args if not arg.startswith('-')]
    if not args or args[0] in ('daemon-reload', 'daemon-reexec'):
        return 0
    command, units = args[0], [unit.strip("'") for unit in args[1:]]
    state = _load(node)
    if command == 'list-unit-files':
        prefix = units[0].rstrip('*') if units else ''
        for unit in UNITS:
            if unit.startswith(prefix):
                out.write('%s %s\n' % (unit, 'enabled' if state[unit]['enabled'] else 'disabled'))
        return 0
    unit = units[0] if units else ''
    if unit not in state:
        if command == 'show':
            out.write('Id=%s\nLoadState=not-found\nActiveState=inactive\n' % unit)
            return 0
        out.write('Unit %s could not be found.\n' % unit)
        return 1
    if command == 'show':
        out.write('Id=%s\nLoadState=loaded\nActiveState=%s\nSubState=%s\nUnitFileState=%s\n' % (
            unit, 'active' if state[unit]['active'] else 'inactive', 'waiting' if state[unit]['active'] else 'dead',
            'enabled' if state[unit]['enabled'] else 'disabled'))
        return 0
    if command == 'is-enabled':
        out.write('enabled\n' if state[unit]['enabled'] else 'disabled\n')
        return 0 if state[unit]['enabled'] else 1
    if command == 'is-active':
        out.write('active\n' if state[unit]['active'] else 'inactive\n')
        return 0 if state[unit]['active'] else 3
    changes = {'enable': ('enabled', True), 'disable': ('enabled', False), 'start': ('active', True), 'stop': ('active', False),
               'restart': ('active', True), 'reload': ('active', True)}
    if command not in changes:
        out.write('Unknown command verb %s.\n' % command)
        return 1
    key, value = changes[command]
    state[unit][key] = value
    _save(node, state)
    return 0
