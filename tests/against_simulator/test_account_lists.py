"""Random lists of accounts over a few addresses (creates, renames, deletes, alias changes): every run is either
refused before any write, or ends with exactly the accounts and aliases the list declares, loses no account it
does not delete and touches no account it does not name; a re-run then changes nothing."""

from __future__ import annotations

import random

DOMAIN = 'prop.test'
NAMES = ['a', 'b', 'c', 'd', 'e', 'f']
ALIASES = ['x', 'y', 'z']
MODES = ['exact', 'present', 'absent']
TRIALS = 60


def address(local):
    return '%s@%s' % (local, DOMAIN)


def soap(live, request, **body):
    status, answer = live.sim.soap(request, **body)
    assert status == 200, answer
    return answer['Body'][request.replace('Request', 'Response')]


def directory(live):
    """{account name: (id, set of aliases)} of the domain, read with raw SOAP."""
    found = soap(live, 'SearchDirectoryRequest', domain=DOMAIN, types='accounts', attrs='zimbraMailAlias', applyCos=0)
    accounts = {}
    for entry in found.get('account', []):
        aliases = set(a['_content'] for a in entry.get('a', []) if a['n'] == 'zimbraMailAlias')
        accounts[entry['name']] = (entry['id'], aliases)
    return accounts


def reset(live, rng):
    """The domain holds 2 to 5 of the names, and each alias belongs to one of them or to none."""
    for name, (account_id, _aliases) in directory(live).items():
        soap(live, 'DeleteAccountRequest', id=account_id)
    existing = rng.sample(NAMES, rng.randint(2, 5))
    ids = dict((name, soap(live, 'CreateAccountRequest', name=address(name))['account'][0]['id']) for name in existing)
    for alias in ALIASES:
        owner = rng.choice(existing + [None])
        if owner:
            soap(live, 'AddAccountAliasRequest', id=ids[owner], alias=address(alias))


def random_list(rng):
    """Mostly distinct names (a duplicate is refused, which the property covers too), sometimes a long list."""
    count = rng.choice([1, 2, 3, 4, 5, 6, rng.randint(7, 30)])
    names = rng.sample(NAMES, count) if count <= len(NAMES) and rng.random() < 0.85 else [rng.choice(NAMES) for index in range(count)]
    items = []
    for name in names:
        item = {'name': address(name)}
        if rng.random() < 0.25:
            item['state'] = 'absent'
        else:
            if rng.random() < 0.4:
                item['old_name'] = address(rng.choice(NAMES))
            if rng.random() < 0.6:
                item['aliases'] = [address(a) for a in rng.sample(ALIASES + NAMES[:2], rng.randint(0, 2))]
                item['aliases_mode'] = rng.choice(MODES)
        items.append(item)
    return items


def check_declared(items, before, after):
    """The list's declarations hold in `after`, nothing it does not name was touched, and no account was lost."""
    named = set(item['name'] for item in items) | set(item.get('old_name') for item in items if item.get('old_name'))
    deleted = set(item['name'] for item in items if item.get('state') == 'absent')
    for item in items:
        name = item['name']
        if item.get('state') == 'absent':
            assert name not in after, '%s is still there' % name
            continue
        assert name in after, '%s was not made' % name
        have, want = after[name][1], set(item.get('aliases', []))
        mode = item.get('aliases_mode', 'exact')
        if 'aliases' in item:
            assert (have == want) if mode == 'exact' else (have >= want) if mode == 'present' else not (have & want), (name, mode, have)
        old = item.get('old_name')
        if old and old in before and name not in before and old not in deleted:
            assert after[name][0] == before[old][0], 'the rename of %s to %s did not keep its id' % (old, name)
            assert old not in after, '%s renamed, yet %s is still an account' % (old, old)
    for name, (account_id, aliases) in before.items():
        if name not in named:
            assert after.get(name) == (account_id, aliases), '%s was not named, yet it changed' % name
    kept = set(account_id for name, (account_id, _a) in before.items() if name not in deleted)
    assert kept <= set(account_id for account_id, _a in after.values()), 'an account that no item deletes was lost'


def trial(live, seed):
    """One random list: 'refused' or 'applied', or an AssertionError saying what went wrong."""
    rng = random.Random(seed)
    reset(live, rng)
    items = random_list(rng)
    before = directory(live)
    position = live.log_position()
    result = live.run('carbonio_account', dict(accounts=items))
    if result.get('refused'):
        assert result['failed'] and not result['changed']
        assert live.writes_since(position) == [], 'refused, yet written'
        assert directory(live) == before
        return 'refused'
    assert not result.get('failed'), result['msg']
    after = directory(live)
    check_declared(items, before, after)
    assert result['changed'] == (after != before)
    position = live.log_position()
    again = live.run('carbonio_account', dict(accounts=items))
    assert not again.get('failed') and not again['changed'], 're-run: %s' % again['msg']
    assert live.writes_since(position) == [], 're-run wrote'
    return 'applied'


def test_a_list_is_refused_before_any_write_or_applied_exactly(live):
    soap(live, 'CreateDomainRequest', name=DOMAIN)
    outcomes = {'refused': 0, 'applied': 0}
    for seed in range(TRIALS):
        try:
            outcomes[trial(live, seed)] += 1
        except AssertionError as problem:
            raise AssertionError('seed %d: %s' % (seed, problem)) from None
    # both kinds of runs, in numbers worth the time
    assert outcomes['refused'] >= TRIALS // 6 and outcomes['applied'] >= TRIALS // 3, outcomes
