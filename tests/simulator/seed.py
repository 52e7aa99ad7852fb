"""The first-start content of the directory: carbonio.ldif's skeleton plus the entries Carbonio builds from attrs.xml.

Global config and the two default COSes are generated from the <globalConfigValue>, <defaultCOSValue> and
<defaultExternalCOSValue> elements, as Carbonio's AttributeManager does at build time.
"""

import base64
import os
import uuid

from .timeutil import gentime_now

DEFAULT_COS_ID = 'e00428a1-0c00-11d9-836a-000d93afea2a'
DEFAULT_EXTERNAL_COS_ID = 'f27456a8-0c00-11d9-280a-286d93afea2g'
MAIL_SERVER = 'mail.carbonio.test'
GLOBAL_CONFIG_DN = 'cn=config,cn=zimbra'
COS_BASE = 'cn=cos,cn=zimbra'
SERVER_BASE = 'cn=servers,cn=zimbra'


def parse_ldif(text):
    """Minimal LDIF reader: list of (dn, {attr: [values]}), with continuation lines and base64 values."""
    entries, lines = [], []
    for raw in text.splitlines():
        if raw.startswith(' ') and lines:
            lines[-1] += raw[1:]
        elif raw.startswith('#'):
            continue
        else:
            lines.append(raw)
    dn, attrs = None, {}
    for line in lines + ['']:
        if not line.strip():
            if dn:
                entries.append((dn, attrs))
            dn, attrs = None, {}
            continue
        name, _sep, value = line.partition(':')
        if value.startswith(':'):
            value = base64.b64decode(value[1:].strip()).decode('utf-8')
        else:
            value = value.strip()
        if name.lower() == 'dn':
            dn = value
        else:
            # objectclass/objectClass both appear in carbonio.ldif: merge them under one key.
            key = 'objectClass' if name.lower() == 'objectclass' else name
            attrs.setdefault(key, []).append(value)
    return entries


def _values(catalog, which):
    attrs = {}
    for info in catalog.attrs_in_order:
        values = getattr(info, which)
        if values:
            attrs[info.name] = list(values)
    return attrs


def seed_entries(catalog):
    """All entries to add to an empty directory, parents first."""
    with open(os.path.join(catalog.data_dir, 'carbonio.ldif'), encoding='utf-8') as handle:
        entries = parse_ldif(handle.read())
    now = gentime_now()
    config = {'objectClass': ['organizationalRole', 'zimbraGlobalConfig'], 'cn': ['config']}
    config.update(_values(catalog, 'global_config_values'))
    entries.append((GLOBAL_CONFIG_DN, config))
    for cn, cos_id, description, which in (
            ('default', DEFAULT_COS_ID, 'The default COS', 'default_cos_values'),
            ('defaultExternal', DEFAULT_EXTERNAL_COS_ID, 'The default external users COS', 'default_external_cos_values')):
        cos = {'objectClass': ['zimbraCOS'], 'cn': [cn], 'zimbraId': [cos_id], 'description': [description],
               'zimbraCreateTimestamp': [now]}
        cos.update(_values(catalog, which))
        entries.append((f'cn={cn},{COS_BASE}', cos))
    entries.append((f'cn={MAIL_SERVER},{SERVER_BASE}', {
        'objectClass': ['zimbraServer'], 'cn': [MAIL_SERVER], 'zimbraId': [str(uuid.uuid4())],
        'zimbraServiceHostname': [MAIL_SERVER], 'zimbraCreateTimestamp': [now],
        'zimbraServiceInstalled': ['mailbox', 'proxy', 'mta'], 'zimbraServiceEnabled': ['mailbox', 'proxy', 'mta']}))
    return entries
