"""State kept outside LDAP (state.json in the data dir) survives a restart: checked through the quota usage
that the control API records and GetQuotaUsageRequest reports."""

from __future__ import annotations

import json
import os


def control(sim, path, payload):
    return sim.control('POST', path, payload)


def used_by(sim, domain):
    _status, body = sim.soap('GetQuotaUsageRequest', domain=domain)
    return {a['name']: a['used'] for a in body['Body']['GetQuotaUsageResponse'].get('account', [])}


def test_quota_usage_survives_a_restart(tmp_path, start_simulator):
    first = start_simulator(tmp_path)
    first.soap('CreateDomainRequest', name='store.sim.test')
    first.soap('CreateAccountRequest', name='big@store.sim.test')
    assert control(first, 'quota-usage', {'name': 'Big@store.sim.test', 'used': 123456}) == {'ok': True}
    assert used_by(first, 'store.sim.test') == {'big@store.sim.test': 123456}
    assert first.stop() == 0
    with open(os.path.join(tmp_path, 'state.json'), encoding='utf-8') as handle:
        assert json.load(handle)['quota-usage'] == {'big@store.sim.test': 123456}
    second = start_simulator(tmp_path)
    assert used_by(second, 'store.sim.test') == {'big@store.sim.test': 123456}
    assert second.stop() == 0
    # written atomically: no temporary file is left beside it
    assert not [name for name in os.listdir(tmp_path) if name.startswith('.state-')]
