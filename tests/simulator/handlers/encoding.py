"""How directory entries become response elements (GetDomain/SearchDirectory/... encodings, api doc 13.4)."""

from .. import acl
from ..directory import domain_of_dn
from ..elements import Element
from ..errors import invalid_request
from .effective_cos import CosResolver

NS_ADMIN = 'urn:zimbraAdmin'
BLOCKED = ('userPassword', 'zimbraTwoFactorAuthSecret', 'zimbraTwoFactorAuthScratchCodes')
BLOCKED_NAMES = frozenset(BLOCKED)


def response(name):
    return Element(name, ns=NS_ADMIN)


def requested_attrs(request):
    """The comma list of the 'attrs' request attribute as a lowercase set, or None for all."""
    value = request.get('attrs')
    if not value:
        return None
    return {a.strip().lower() for a in str(value).split(',') if a.strip()}


def requested_attrs_on(sim, request, klass, object_classes):
    """`attrs` of a Get<object> request (AdminDocumentHandler.getReqAttrs): unlike SearchDirectory, every name must
    be an attribute of the class (optionalIn/requiredIn one of `object_classes`), else INVALID_REQUEST."""
    names = [a.strip() for a in str(request.get('attrs') or '').split(',') if a.strip()]
    for name in names:
        info = sim.catalog.get(name)
        if info is None or not set(object_classes) & set(info.optional_in + info.required_in):
            raise invalid_request(f'requested attribute {name} is not on {klass}')
    return {name.lower() for name in names} or None


def select(attrs, wanted):
    if wanted is None:
        return attrs
    return {k: v for k, v in attrs.items() if k.lower() in wanted}


def blocked(attrs):
    if BLOCKED_NAMES.isdisjoint(attrs):
        return attrs
    return {k: (['VALUE-BLOCKED'] if k in BLOCKED else v) for k, v in attrs.items()}


def inherited_attrs(sim, entry, apply_config, flag):
    """An entry's attributes; with applyConfig, unset attributes with `flag` (domainInherited, serverInherited) come
    from the global config."""
    attrs = dict(entry.attrs)
    if apply_config:
        config = sim.directory.global_config()
        present = {k.lower() for k in attrs}
        for info in sim.catalog.with_flag(flag):
            if info.name.lower() not in present:
                values = config.values(info.name)
                if values:
                    attrs[info.name] = values
    return attrs


def domain_attrs(sim, entry, apply_config):
    return inherited_attrs(sim, entry, apply_config, 'domainInherited')


def add_domain(parent, sim, entry, apply_config=True, wanted=None):
    node = parent.add('domain', {'name': entry.first('zimbraDomainName'), 'id': entry.id})
    node.add_attr_values(select(domain_attrs(sim, entry, apply_config), wanted))
    return node


def entry_name(entry):
    """Primary address (accounts, lists, groups, aliases) or name (domains, COS)."""
    if entry.has_class('zimbraDomain'):
        return entry.first('zimbraDomainName')
    if entry.has_class('zimbraCOS'):
        return entry.first('cn')
    mail = entry.first('zimbraMailDeliveryAddress') or entry.first('mail')
    if mail:
        return mail
    local = entry.first('uid') or entry.first('cn')
    return f'{local}@{domain_of_dn(entry.dn)}'


def cos_extra(catalog):
    def extra(name):
        info = catalog.get(name)
        return {} if info is None or 'accountInherited' in info.flags else {'c': True}
    return extra


def is_default_cos(entry):
    """Cos.isDefaultCos: both seeded COSes, by name; they cannot be renamed or deleted."""
    return entry.first('cn') in ('default', 'defaultExternal')


def add_cos(parent, sim, entry, wanted=None):
    node = parent.add('cos', {'name': entry.first('cn'), 'id': entry.id})
    if is_default_cos(entry):
        node.attrs['isDefaultCos'] = True  # a JSON boolean, only on these two
    node.add_attr_values(select(entry.attrs, wanted), extra=cos_extra(sim.catalog))
    return node


def add_object(parent, sim, entry, wanted=None, attrs=None, apply_config=False):
    """Encode any searchable object under its SearchDirectory element name; `attrs` replaces the entry's own
    (an account with its COS defaults applied), `wanted` keeps exactly those attribute names."""
    if entry.has_class('zimbraDistributionList') or entry.has_class('zimbraGroup'):
        # SearchDirectory shows a list's members (api-objects doc 7 "In SearchDirectory")
        return add_group(parent, sim, entry, hide_members=False, wanted=wanted)
    attrs = blocked(select(entry.attrs if attrs is None else attrs, wanted))
    name = entry_name(entry)
    if entry.has_class('zimbraDomain'):
        return add_domain(parent, sim, entry, apply_config=apply_config, wanted=wanted)
    if entry.has_class('zimbraCOS'):
        return add_cos(parent, sim, entry, wanted)
    if entry.has_class('zimbraCalendarResource'):
        node = parent.add('calresource', {'name': name, 'id': entry.id})
    elif entry.has_class('zimbraAccount'):
        node = parent.add('account', {'name': name, 'id': entry.id, 'isExternal': False})
    elif entry.has_class('zimbraAlias'):
        target = sim.directory.by_id(entry.first('zimbraAliasTargetId') or '')
        node = parent.add('alias', {'name': name, 'id': entry.id, 'targetName': entry_name(target) if target else '',
                                    'type': alias_target_type(target)})
    else:
        node = parent.add('entry', {'name': name, 'id': entry.id})
    node.add_attr_values(attrs)
    return node


def add_group(parent, sim, entry, hide_members=True, wanted=None):
    """GetDistributionList.encodeDistributionList: `dl` with name, id, dynamic and a[] (without the member attribute
    when hide_members: zimbraMailForwardingAddress of a static list, member of a dynamic group), then `owners` when
    the list has owners. The owners come from the zimbraACE values the entry was read with: a search asking for
    other attributes finds none (inference: Carbonio builds the group from the attributes it fetched)."""
    node = parent.add('dl', {'name': entry_name(entry), 'id': entry.id, 'dynamic': entry.has_class('zimbraGroup')})
    attrs = entry.attrs
    if hide_members:
        hidden = 'member' if entry.has_class('zimbraGroup') else 'zimbramailforwardingaddress'
        attrs = {name: values for name, values in attrs.items() if name.lower() != hidden}
    node.add_attr_values(blocked(select(attrs, wanted)))
    owners = acl.owners(sim.directory, entry)
    if owners:
        holder = node.add('owners')
        for kind, grantee, name in owners:
            holder.add('owner', {'type': kind, 'id': grantee, **({'name': name} if name is not None else {})})
    return node


def add_account(parent, sim, entry, wanted=None, apply_cos=True):
    """ToXML.encodeAccount, as Get/Create/Modify/RenameAccount answer: element `account` (a calendar resource
    too) with name, id and a[], COS defaults applied unless apply_cos is off, and no isExternal."""
    attrs = CosResolver(sim).apply(entry) if apply_cos else entry.attrs
    node = parent.add('account', {'name': entry_name(entry), 'id': entry.id})
    node.add_attr_values(blocked(select(attrs, wanted)))
    return node


def alias_target_type(target):
    if target is None:
        return 'account'
    if target.has_class('zimbraCalendarResource'):
        return 'calresource'
    if target.has_class('zimbraGroup'):
        return 'group'
    if target.has_class('zimbraDistributionList'):
        return 'dl'
    return 'account'
