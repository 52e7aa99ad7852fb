# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: carbonio_gal, a domain's Global Address List.

The domain's GAL settings are its attributes (_objects/gal) and go the engine's way: checked against the catalog,
compared (_state_compare), written in one ModifyDomainRequest, then the domain cache flushed as the Admin Panel does.
Before that, the settings as they would be after the task are checked as a whole (an external mode needs a server,
simple authentication a bind DN and password, a filter name must be one the global configuration defines), and with
check_external the external directory itself is asked (_gal_check). Nothing is written when any of it fails.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.carbonio.admin.plugins.module_utils import _directory_requests as requests
from ansible_collections.carbonio.admin.plugins.module_utils._connection import create_client, create_module, fail_on_error
from ansible_collections.carbonio.admin.plugins.module_utils._engine import Run
from ansible_collections.carbonio.admin.plugins.module_utils import _gal_sync as sync
from ansible_collections.carbonio.admin.plugins.module_utils._gal_check import check_external, filter_definitions
from ansible_collections.carbonio.admin.plugins.module_utils._objects.gal import EXTERNAL_MODES, GAL, SYNC_FALLBACK
from ansible_collections.carbonio.admin.plugins.module_utils._settings import _inherited, export, read_domains, read_level
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioError
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import apply_changes, plan_attribute_changes


def gal_spec():
    spec = dict((option.name, option.spec()) for option in GAL.options)
    spec.update(domain=dict(type='str', required=True), check_external=dict(type='bool', default=False),
                check_query=dict(type='str', default=''), check_ca_path=dict(type='path'),
                sync_accounts=dict(type='list', elements='dict', options=sync.SYNC_ACCOUNT_SPEC),
                resync=dict(type='str', choices=list(sync.RESYNC)))
    return spec


def _value(attrs, attribute):
    values = attrs.get(attribute) or []
    return values[0] if values else None


def consistency_problems(attrs, definitions):
    """What is wrong with the GAL settings as they would be after the task, each naming the option to fix."""
    problems = []
    field = dict((option.attribute, option.name) for option in GAL.options)
    if _value(attrs, 'zimbraGalMode') in EXTERNAL_MODES and not attrs.get('zimbraGalLdapURL'):
        problems.append('ldap_urls: required when mode is external or both (the external directory\'s servers)')
    for sync, search in [('zimbraGalSyncLdap', 'zimbraGalLdap'), ('zimbraGalLdap', 'zimbraGalLdap')]:
        mechanism = _value(attrs, sync + 'AuthMech') or _value(attrs, search + 'AuthMech')
        if mechanism != 'simple':
            continue
        for suffix in ('BindDn', 'BindPassword'):
            if not (attrs.get(sync + suffix) or attrs.get(search + suffix)):
                problems.append('%s: required when %s is simple' % (field[sync + suffix], field[sync + 'AuthMech']))
    for attribute in ('zimbraGalLdapFilter', 'zimbraGalSyncLdapFilter', 'zimbraGalAutoCompleteLdapFilter'):
        value = _value(attrs, attribute)
        if value and not value.startswith('(') and value not in definitions:
            problems.append('%s: %s names no filter of the global zimbraGalLdapFilterDef; give a filter, or one of %s'
                            % (field[attribute], value, ', '.join(sorted(definitions))))
    return sorted(set(problems))


def _diff_view(attrs, attributes):
    return GAL.view(attrs, attributes, None)


def run_gal_module():
    module = create_module(gal_spec())
    params = module.params
    run = Run(module, GAL)
    try:
        name = GAL.parse_name(params['domain'], 'domain')
        wanted, modes, warnings = GAL.parse(params)
        items = sync.parse_items(params['sync_accounts'])
        ca_path = _ca_path(params)
    except ValueError as exc:
        run.fail(str(exc))
    for warning in warnings:
        module.warn(warning)
    run.name = name
    run.client = create_client(module)
    current, config = read_level(run, GAL, 'domain', name)
    keys = GAL.compare_keys()
    modify, before, after = plan_attribute_changes(current['attrs'], wanted, modes, keys)
    attrs = apply_changes(current['attrs'], after)
    problems = consistency_problems(attrs, filter_definitions(config))
    if len(after.get('zimbraGalLdapURL') or []) > 1:
        # GalCallback refuses a change that writes several values (it treats the attribute as single-valued)
        problems.append('ldap_urls: Carbonio takes one server URL here; give one')
    state, actions = None, []
    if items or params['resync']:
        try:
            state = sync.read_state(run.client, current['attrs'], items)
        except CarbonioError as exc:
            fail_on_error(module, exc, **run.result)
        actions, sync_problems = sync.plan(items, state, name)
        problems += sync_problems
    if problems:
        run.fail('; '.join(problems) + '; nothing was changed', refused=problems)
    if params['check_external']:
        try:
            run.result['external_check'] = check_external(run.client, attrs, config, params['check_query'], ca_path)
        except ValueError as exc:
            run.fail('check_external: %s; nothing was changed' % exc)
        except CarbonioError as exc:
            fail_on_error(module, exc, **run.result)
    where = 'domain %s' % name
    if module._diff:
        run.result['diff'] = dict(before=_diff_view(current['attrs'], before), after=_diff_view(attrs, after),
                                  before_header=where, after_header=where)
        if items:
            run.result['diff']['before']['sync_accounts'], run.result['diff']['after']['sync_accounts'] = sync.predicted(items, state)
    if modify and not module.check_mode:
        try:
            requests.send(run.client, GAL, requests.modify_write(GAL, name, current['id'], modify, keys))
            run.result.update(changed=True, changed_attributes=sorted(before))
            requests.flush_domain_cache(run.client, current['id'], module.warn, GAL.label)
        except CarbonioError as exc:
            fail_on_error(module, exc, **run.result)
    run.result.update(changed=bool(modify), changed_attributes=sorted(before))
    if items:
        _sync_accounts(run, actions, items)
    if params['resync']:
        _resync(run, name, params['resync'], state, actions)
    run.result['gal'] = export(GAL, 'domain', name, attrs)
    run.result['settings'] = GAL.settings(attrs, dict(_inherited(config), **_sync_fallbacks(attrs)), None)
    count = len(before)
    # said the same in check mode, as the engine's modules say it (check mode is the prediction)
    said = ['%d setting%s changed' % (count, '' if count == 1 else 's')] if count else []
    said += run.result.get('sync_account_changes', [])
    if run.result.get('resynced'):
        said.append('%s sync of %d data source%s' % (params['resync'], len(run.result['resynced']), '' if len(run.result['resynced']) == 1 else 's'))
    run.exit('GAL of %s: %s' % (where, '; '.join(said) or 'unchanged'))


def _sync_accounts(run, actions, items):
    """The GAL sync account writes, in order; each landed one is reported even when a later one fails."""
    run.result['sync_account_changes'] = [action.label for action in actions]
    if not actions or run.module.check_mode:
        run.result['changed'] = run.result['changed'] or bool(actions)
        return
    addresses = sorted(set(item['address'] for item in items))
    done, error = sync.apply(run.client, actions, lambda: sync.reread(run.client, addresses))
    run.result['sync_account_changes'] = done
    run.result['changed'] = run.result['changed'] or bool(done)
    if error is not None:
        fail_on_error(run.module, error, **run.result)


def _resync(run, name, kind, state, actions):
    """Every data source of every GAL sync account of the domain, synchronised now: an action, never idempotent."""
    accounts = state['accounts']
    if actions and not run.module.check_mode:
        try:
            domain = requests.read_all(run.client, GAL, name)[0][0]
            accounts = sync.read_state(run.client, domain['attrs'], [])['accounts']
        except CarbonioError as exc:
            fail_on_error(run.module, exc, **run.result)
    listed = sync.resync_requests(accounts, kind)
    run.result['resynced'] = [dict(address=accounts[entry['id']]['name'], datasource=source['_content'], kind=kind)
                              for entry in listed for source in entry['datasource']]
    if not listed and not (actions and run.module.check_mode):
        run.module.warn('resync: domain %s has no GAL sync account with a data source; nothing was synchronised' % name)
        return
    if run.module.check_mode:
        # a prediction: the data sources this task would create are not there yet
        run.result['changed'] = True
        return
    if listed:
        try:
            run.client.write('SyncGalAccountRequest', {'account': listed}, settled=lambda: None)
        except CarbonioError as exc:
            fail_on_error(run.module, exc, **run.result)
    run.result['changed'] = True


def _ca_path(params):
    path = params['check_ca_path']
    if path and not os.path.isfile(path):
        raise ValueError('check_ca_path: no such file: %s (a PEM file of the CA that signed the external directory\'s certificate)' % path)
    return path


def _sync_fallbacks(attrs):
    """What an unset sync setting takes: the search setting of the same name (Carbonio falls back to it)."""
    return dict((sync, attrs[search]) for sync, search in SYNC_FALLBACK.items() if attrs.get(search))


def run_gal_info_module():
    """A domain's (or every domain's) GAL settings and GAL sync accounts, in carbonio_gal's input shape."""
    module = create_module(dict(domain=dict(type='str')))
    client = create_client(module)
    try:
        name, objects, config = read_domains(client, GAL, module.params['domain'])
        attributes = set(GAL.attributes) | set(['zimbraGalAccountId'])
        every_id = dict((gal_id, entry['name']) for entry in objects for gal_id in entry['attrs'].get('zimbraGalAccountId') or [])
        state = sync.read_state(client, {'zimbraGalAccountId': list(every_id)}, []) if every_id else dict(accounts={})
    except CarbonioError as exc:
        fail_on_error(module, exc)
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    inherited = _inherited(config)
    gals, domains = [], []
    for entry in sorted(objects, key=lambda one: one['name']):
        own = dict((attribute, values) for attribute, values in entry['attrs'].items() if attribute in attributes)
        accounts = dict((gal_id, account) for gal_id, account in state['accounts'].items() if every_id.get(gal_id) == entry['name'])
        shown = export(GAL, 'domain', entry['name'], own)
        if accounts:
            shown['sync_accounts'] = sync.export(accounts)
        gals.append(shown)
        domains.append(dict(name=entry['name'], id=entry['id'], settings=GAL.settings(own, dict(inherited, **_sync_fallbacks(own)), None),
                            sync_accounts=sync.status(accounts)))
    module.exit_json(changed=False, msg='GAL of %d domain%s' % (len(gals), '' if len(gals) == 1 else 's'), gals=gals, domains=domains)
