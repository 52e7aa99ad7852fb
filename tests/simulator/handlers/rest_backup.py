"""The REST extension's backup endpoints (api-features doc 6.1): the accounts a backup can restore.

Deleted accounts kept by the backup will live in the state store's `backup-accounts` section
({account id: {id, name, status, legalHold, serverName, creationTimestamp, deletedTimestamp}}); nothing
writes it yet, so the list is empty.
"""

from . import rest_route


def _matches(account, domains, text, legal_hold):
    name = account.get('name', '').lower()
    if domains and name.rpartition('@')[2] not in domains:
        return False
    if text and text not in name:
        return False
    return legal_hold is None or bool(account.get('legalHold')) == legal_hold


@rest_route('GET', 'backup/getBackupAccounts', writes=False)
def get_backup_accounts(sim, call):
    """?page=&pageSize=&domains=&filter=[&legalHold=] -> {"accounts": [...], "maxPage": n}.

    The paging rules of the real endpoint are not known (api-features doc 9); here page counts from 0.
    """
    domains = {d.strip().lower() for d in (call.arg('domains') or '').split(',') if d.strip()}
    text = (call.arg('filter') or '').strip().lower()
    legal_hold = call.arg('legalHold')
    legal_hold = None if legal_hold is None else legal_hold.lower() == 'true'
    found = sorted((a for a in sim.state.section('backup-accounts').values() if _matches(a, domains, text, legal_hold)),
                   key=lambda a: a.get('name', ''))
    page, size = int(call.arg('page') or 0), int(call.arg('pageSize') or 0)
    if size > 0:
        max_page = (len(found) + size - 1) // size
        found = found[page * size:(page + 1) * size]
    else:
        max_page = 1 if found else 0
    return 200, {'accounts': found, 'maxPage': max_page}
