# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: directory requests, built here and nowhere else.

Request bodies for every ObjectType (get, get all, create, modify, rename, delete), the read batches of one
object or all (with the lookups of the references the type uses, from _references), escaped LDAP filters,
searches, and paged batches with one outcome per item. Functions take a CarbonioClient and return plain dicts:
{'name', 'id', 'attrs': {name: [values]}}.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._references import lookup_requests, read_references
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import (
    ADMIN_NS, CarbonioError, CarbonioFault, CarbonioOutcomeUnknown, decode_attrs, encode_attrs)
from ansible_collections.carbonio.admin.plugins.module_utils._state_compare import changes_in_place

# Carbonio's default search cap is 5000 results; reads that must see everything lift it.
MAX_SEARCH_RESULTS = 1000000
# Writes per BatchRequest page unless the caller gives its own size (the bulk path does).
PAGE_SIZE = 100
# Faults saying the object is gone: a write whose change holds for an absent object (a delete) is then done, not failed.
ALREADY_GONE = frozenset(('account.NO_SUCH_ACCOUNT', 'account.NO_SUCH_DISTRIBUTION_LIST', 'account.NO_SUCH_CALENDAR_RESOURCE',
                          'account.NO_SUCH_ALIAS'))
# Codes of bulk items whose page got no answer, and of the pages never sent after it.
OUTCOME_UNKNOWN = 'outcome.UNKNOWN'
NOT_SENT = 'batch.NOT_SENT'


def elements(response, key):
    """A response child as a list: JSON SOAP gives one element as a dict or a list of one."""
    value = response.get(key) if response else None
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def entry(element, object_type=None):
    """{'name', 'id', 'attrs'} of an answered object; a type's ``decode`` hook adds what its element carries besides
    a[] (a list's members as ``dlm``) and drops what is not the object's own (a list's address among its aliases)."""
    found = {'name': element.get('name'), 'id': element.get('id'), 'attrs': decode_attrs(element.get('a', []))}
    if object_type is not None and 'decode' in object_type.hooks:
        object_type.hooks['decode'](element, found)
    return found


def escape_filter(value):
    """RFC 4515 escaping of a value inside an LDAP filter: a name can never widen a search."""
    out = []
    for char in value:
        if char in '*()\\\x00':
            out.append('\\%02x' % ord(char))
        else:
            out.append(char)
    return ''.join(out)


def _field(object_type, value):
    return {'_content': value} if object_type.id_elements else value


def get_request(object_type, name, by='name'):
    body = {object_type.element: {'by': by, '_content': name}}
    body.update(object_type.get_extra)
    return (object_type.requests['get'], body)


def get_all_request(object_type):
    return (object_type.requests['get_all'], dict(object_type.get_extra))


def exists(object_type, item):
    """Whether the object a batch item read exists (without decoding it); a fault other than "no such" is raised."""
    if item.fault:
        if item.fault.code != object_type.missing_fault:
            raise item.fault
        return False
    return True


def found(object_type, item):
    """The object a batch item read, None when the fault says it does not exist; any other fault is raised."""
    if not exists(object_type, item):
        return None
    return entry(elements(item.response, object_type.element)[0], object_type)


def response_items(item):
    """The response of a batch item, its fault raised."""
    if item.fault:
        raise item.fault
    return item.response


def read_objects(client, object_type, names, extra=()):
    """The objects named (None where missing), the references the type uses and the extra requests' items: one round trip."""
    kinds = object_type.references()
    requests = [get_request(object_type, name) for name in names] + lookup_requests(kinds) + list(extra)
    items = client.batch(requests, repeatable=True)
    objects = [found(object_type, item) for item in items[:len(names)]]
    rest = items[len(names):]
    return objects, read_references(kinds, rest[:len(kinds)]), rest[len(kinds):]


def read_all(client, object_type, name=None, extra=()):
    """One object or all, the references, the global configuration when the type inherits from it, and extra items."""
    kinds = object_type.references()
    requests = [get_request(object_type, name) if name else get_all_request(object_type)]
    requests += lookup_requests(kinds)
    if object_type.inherits == 'config':
        requests.append(config_request())
    requests += list(extra)
    items = client.batch(requests, repeatable=True)
    if name:
        one = found(object_type, items[0])
        objects = [one] if one else []
    else:
        objects = [entry(element, object_type) for element in elements(response_items(items[0]), object_type.element)]
    references = read_references(kinds, items[1:1 + len(kinds)])
    position = 1 + len(kinds)
    config = {}
    if object_type.inherits == 'config':
        config = config_entry(items[position])['attrs']
        position += 1
    return objects, references, config, items[position:]


def _read_back(client, object_type, key, by='name'):
    """The Get*Response of one object, None when it does not exist."""
    try:
        return client.soap(*get_request(object_type, key, by))
    except CarbonioFault as exc:
        if exc.code == object_type.missing_fault:
            return None
        raise


def _read_entry(response, object_type):
    return entry(elements(response, object_type.element)[0], object_type) if isinstance(response, dict) and response else None


def entry_of(object_type, response):
    """The object a write answered with (or that was read back)."""
    return _read_entry(response, object_type)


class Write(object):
    """One write request, and how to tell from the object read back (None when absent) that it landed.

    by/key: how to read the object back (its id, or its name for a create); label: what the result
    calls it; answer(response): called with the server's answer (a password policy message); object_type: the
    type the object is read back as, when not the one given to send or send_pages (a domain purge deletes
    lists and accounts in one page; a calendar resource reads back as an account).
    """

    def __init__(self, label, request, body, check, by='id', key=None, answer=None, perform=None, namespace=ADMIN_NS,
                 object_type=None, read=None):
        self.label = label
        # read(client): what the write changed, read back as an entry (None when absent), for what no Get*Request by
        # name or id reads (the global configuration)
        self.read = read
        self.object_type = object_type
        # urn:zimbraAccount for the account-side requests Carbonio also takes through the admin URL
        self.namespace = namespace
        # what a result says once it landed ('created', 'aliases x@example.com added'); the engine sets it
        self.what = label
        # perform(client): a write that is not one request with the admin token (ending a user's sessions)
        self.perform = perform
        self.request = request
        self.body = body
        self.check = check
        self.by = by
        self.key = key if key is not None else body.get('id')
        self.answer = answer
        # the attribute a relation's write changes (the plan sets it: two relations may share one request name)
        self.attribute = None


def send(client, object_type, write):
    """Send one write; a lost answer is settled by reading the object back, never by sending it again.

    Returns the server's answer, or the Get*Response read back (True for an object found gone).
    """
    object_type = write.object_type or object_type

    def settled():
        if write.read is not None:
            found = write.read(client)
            return (found or True) if write.check(found) else None
        response = _read_back(client, object_type, write.key, write.by)
        if write.check(_read_entry(response, object_type)):
            return response or True
        return None
    if write.perform is not None:
        return write.perform(client)
    response = client.write(write.request, write.body, settled=settled, namespace=write.namespace)
    if write.answer is not None and isinstance(response, dict):
        write.answer(response)
    return response


def create_write(object_type, name, attrs, extra=None):
    """extra: more fields of the create request (an account's password)."""
    body = dict(extra or {}, name=_field(object_type, name), a=encode_attrs(attrs))
    return Write(name, object_type.requests['create'], body, lambda found: found is not None, by='name', key=name,
                 object_type=object_type)


def modify_write(object_type, label, object_id, attrs, keys=None, gone_is_done=False):
    """gone_is_done: an object gone meanwhile needs the change no more (a user moved off a class of service that is
    deleted next)."""
    body = {'id': _field(object_type, object_id), 'a': encode_attrs(attrs)}
    return Write(label, object_type.requests['modify'], body,
                 lambda found: gone_is_done if found is None else changes_in_place(found['attrs'], attrs, keys),
                 key=object_id, object_type=object_type)


CONFIG_LABEL = 'the global configuration'


def flush_domain_cache(client, domain_id, warn, what):
    """FlushCache of one domain on every server, as the Admin Panel sends it after saving a domain (features 1.1, 2.2).

    Only a global admin may flush (service.PERM_DENIED otherwise): that is said as a warning, since the servers see the
    change anyway when their domain cache expires."""
    body = {'cache': {'type': 'domain', 'allServers': 1, 'entry': {'by': 'id', '_content': domain_id}}}
    try:
        client.soap('FlushCacheRequest', body)
    except CarbonioFault as exc:
        if exc.code != 'service.PERM_DENIED':
            raise
        warn('FlushCacheRequest was refused (%s): the servers see the new %s when their domain cache expires' % (exc.code, what))


def config_request():
    return ('GetAllConfigRequest', {})


def config_entry(item):
    """The global configuration a batch item read, as an entry ({name, id, attrs}); a fault is raised."""
    if item.fault:
        raise item.fault
    return dict(name=CONFIG_LABEL, id=None, attrs=decode_attrs(response_items(item).get('a', [])))


def read_config(client):
    return config_entry(client.batch([config_request()], repeatable=True)[0])


def config_write(attrs, keys=None):
    """ModifyConfigRequest: the global configuration, settled by reading it back (it has no name or id)."""
    return Write(CONFIG_LABEL, 'ModifyConfigRequest', {'a': encode_attrs(attrs)},
                 lambda found: found is not None and changes_in_place(found['attrs'], attrs, keys), read=read_config)


def rename_write(object_type, object_id, new_name):
    body = {'id': _field(object_type, object_id), 'newName': _field(object_type, new_name)}
    return Write(new_name, object_type.requests['rename'], body, lambda found: bool(found) and found['name'].lower() == new_name.lower(),
                 key=object_id, object_type=object_type)


def delete_write(object_type, label, object_id):
    return Write(label, object_type.requests['delete'], {'id': _field(object_type, object_id)}, lambda found: found is None,
                 key=object_id, object_type=object_type)


def relation_write(label, object_id, option, values, add, plan=None):
    """Add or remove values that have their own requests: one value (AddAccountAliasRequest), all of them as
    elements of one request where Carbonio takes many (AddDistributionListMemberRequest's ``dlm``), or a body the
    relation builds itself from the object's plan (a list's owners through DistributionListActionRequest)."""
    relation = option.relation
    # a relation set whole (a list's senders) is in place when the set is; others when their values are
    change = {('' if relation.whole else '+' if add else '-') + option.attribute: list(values)}
    if relation.build is not None:
        body = relation.build(object_id, values, add, plan)
    else:
        value = [{'_content': one} for one in values] if relation.grouped else values[0]
        body = {'id': object_id, relation.field: value}
    return Write(label, relation.add if add else relation.remove, body,
                 lambda found: bool(found) and changes_in_place(found['attrs'], change, {option.attribute: option.key}),
                 key=object_id, namespace=relation.namespace)


def create(client, object_type, name, attrs):
    return _read_entry(send(client, object_type, create_write(object_type, name, attrs)), object_type)


def copy(client, object_type, name, source_id):
    """A new object copied from another (CopyCosRequest); settled by reading back like a create."""
    body = {'name': _field(object_type, name), object_type.element: {'by': 'id', '_content': source_id}}
    write = Write(name, object_type.requests['copy'], body, lambda found: found is not None, by='name', key=name)
    return _read_entry(send(client, object_type, write), object_type)


def modify(client, object_type, object_id, attrs, keys=None):
    return _read_entry(send(client, object_type, modify_write(object_type, object_id, object_id, attrs, keys)), object_type)


def delete(client, object_type, object_id):
    send(client, object_type, delete_write(object_type, object_id, object_id))


def send_pages(client, object_type, writes, page_size=PAGE_SIZE):
    """Send writes in BatchRequest pages (onerror=continue), each page once; [(name and id, fault)] in order.

    Each write is read back as its own object_type, else as this one: one page may mix types (a domain purge
    deletes lists, resources and accounts).

    Only the name and id of what each write answered are kept, from the parse on (a create's answer carries the
    whole account with its COS values: kept for thousands of accounts, those answers would take gigabytes).

    A page whose answer was lost is read back in one repeatable batch: a write whose check holds is done
    (its response is what was read), the others fail as possibly applied, and the pages after it are
    not sent. An object someone else deleted meanwhile (an ALREADY_GONE fault) settles a write whose check
    holds for an absent object: deleted, or no longer using what a reassignment moves it off.
    """
    results = []
    if any(write.perform is not None for write in writes):
        raise ValueError('writes with their own way of sending are not paged')
    for start in range(0, len(writes), page_size):
        chunk = writes[start:start + page_size]
        try:
            items = client.batch([(write.request, write.body, write.namespace) for write in chunk], onerror='continue', repeatable=False,
                                 attributes=False)
        except CarbonioError as exc:
            outcomes = _settle_page(client, object_type, chunk, exc)
            results.extend(outcomes)
            if any(fault for response, fault in outcomes):
                not_sent = CarbonioFault(NOT_SENT, 'not sent: the page before it failed')
                results.extend((None, not_sent) for write in writes[start + page_size:])
                break
            continue
        for write, item in zip(chunk, items):
            fault = item.fault
            if fault is not None and fault.code in ALREADY_GONE and write.check(None):
                fault = None
            if fault is None and write.answer is not None and item.response is not None:
                write.answer(item.response)
            results.append((_identity(write.object_type or object_type, item.response), fault))
    return results


def _settle_page(client, object_type, chunk, exc):
    if not getattr(exc, 'maybe_executed', False):
        return [(None, CarbonioFault(NOT_SENT, 'not sent: %s' % exc.message))] * len(chunk)
    types = [write.object_type or object_type for write in chunk]

    def read():
        return client.batch([get_request(kind, write.key, write.by) for kind, write in zip(types, chunk)], repeatable=True)
    try:
        items = client.read_back_after_loss('BatchRequest', exc, read)
    except CarbonioOutcomeUnknown as unknown:
        return [(None, CarbonioFault(OUTCOME_UNKNOWN, unknown.message))] * len(chunk)
    unknown = CarbonioFault(OUTCOME_UNKNOWN, 'no answer (%s), and the change is not in place: it may still be applied' % exc.message)
    outcomes = []
    for kind, write, item in zip(types, chunk, items):
        if item.fault is not None and item.fault.code != kind.missing_fault:
            # a read refused is no sign the object is gone
            outcomes.append((None, CarbonioFault(OUTCOME_UNKNOWN, 'no answer (%s), and reading it back failed too (%s): it may or may not be '
                                                                  'applied' % (exc.message, item.fault.message))))
            continue
        found = None if item.fault else _read_entry(item.response, kind)
        outcomes.append((_identity(kind, item.response) or {}, None) if write.check(found) else (None, unknown))
    return outcomes


def labelled(writes, outcomes):
    """send_pages' outcomes by the writes' labels: (labels done, [(label, fault)]), in order."""
    done = [write.label for write, (response, fault) in zip(writes, outcomes) if fault is None]
    return done, [(write.label, fault) for write, (response, fault) in zip(writes, outcomes) if fault is not None]


def _identity(object_type, response):
    """{'name', 'id'} of the object an answer carries, None when it carries none."""
    found = elements(response, object_type.element) if isinstance(response, dict) else []
    return {'name': found[0].get('name'), 'id': found[0].get('id')} if found else None


def search_request(query=None, types='accounts', attrs='zimbraId', domain=None):
    """A SearchDirectoryRequest for every match, own values only (no COS or configuration defaults)."""
    body = {'types': types, 'limit': 0, 'maxResults': MAX_SEARCH_RESULTS, 'applyCos': 0, 'applyConfig': 0, 'attrs': attrs}
    if query:
        body['query'] = query
    if domain:
        body['domain'] = domain
    return ('SearchDirectoryRequest', body)


def virtual_host_owners_request(hosts):
    """A SearchDirectoryRequest for the domains that have any of these virtual host names (Carbonio compares them
    without regard to case), with their virtual hosts."""
    query = '(|%s)' % ''.join('(zimbraVirtualHostname=%s)' % escape_filter(host) for host in hosts)
    return search_request(query, 'domains', 'zimbraVirtualHostname')


def holders_request(addresses, types):
    """One SearchDirectory for whatever holds any of these addresses (as its own or as an alias: ``mail`` holds both),
    and for the domains named among them (a value without @: a list's sender domain)."""
    query = '(|%s)' % ''.join(('(mail=%s)' if '@' in address else '(zimbraDomainName=%s)') % escape_filter(address)
                              for address in addresses)
    domains = any('@' not in address for address in addresses)
    return search_request(query, types + (',domains' if domains else ''), 'mail,zimbraDomainName')


def accounts_request(ids=(), addresses=(), attrs='zimbraId'):
    """One SearchDirectory for the accounts with any of these ids or addresses (``mail`` holds an account's own address
    and its aliases), in place of a GetAccount for each."""
    terms = ['(zimbraId=%s)' % escape_filter(zimbra_id) for zimbra_id in ids]
    terms += ['(mail=%s)' % escape_filter(address) for address in addresses]
    return search_request('(|%s)' % ''.join(terms), 'accounts', attrs)


def holders(response):
    """{lower-case address or domain name: (holder name, holder kind, whether it is the holder's own address, holder id)}
    from holders_request."""
    found = {}
    for kind, entries in search_results(response).items():
        for one in entries:
            for address in one['attrs'].get('mail', []) + (one['attrs'].get('zimbraDomainName', []) if kind == 'domain' else []):
                found[address.lower()] = (one['name'], kind, address.lower() == one['name'].lower(), one['id'])
    return found


def search_results(response):
    """{'account': [...], 'calresource': [...], 'dl': [...], 'alias': [...], 'domain': [...]}: the kinds found."""
    result = {}
    for key in ('account', 'calresource', 'dl', 'alias', 'domain'):
        found_items = elements(response, key)
        if found_items:
            result[key] = [dict(entry(item), target=item.get('targetName'), target_type=item.get('type'), element=item) for item in found_items]
    return result


def search(client, query=None, types='accounts', attrs='zimbraId', domain=None):
    """Every entry one SearchDirectory finds, by kind (see search_results)."""
    return search_results(client.soap(*search_request(query, types, attrs, domain)))
