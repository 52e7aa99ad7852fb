"""Which COS an account gets, and the account attributes with its COS defaults applied (api-objects doc 2, 6, 11).

Provisioning.getCOS: the account's own zimbraCOSId if that COS exists, else its domain's
zimbraDomainDefaultCOSId if that COS exists, else `default`. A dangling id (its COS deleted) falls through.
"""

from ..directory import domain_of_dn
from ..seed import DEFAULT_COS_ID


class CosResolver:
    """Resolves many accounts in one request; COS and domain entries are read once (the directory remembers them
    for the rest of the request, and so the account defaults of each COS)."""

    def __init__(self, sim):
        self.sim = sim
        self._cos = {cos.id: cos for cos in sim.directory.all_cos()}
        self._domain_default = {}

    def domain_default(self, domain_name):
        """The COS a domain gives accounts without their own (existing) one."""
        key = domain_name.lower()
        if key not in self._domain_default:
            domain = self.sim.directory.domain_by('name', key)
            cos_id = domain.first('zimbraDomainDefaultCOSId') if domain is not None else None
            self._domain_default[key] = self._cos.get(cos_id) or self._cos.get(DEFAULT_COS_ID)
        return self._domain_default[key]

    def for_account(self, account):
        return self._cos.get(account.first('zimbraCOSId')) or self.domain_default(domain_of_dn(account.dn))

    def _defaults(self, cos):
        """(name, lowercase name, values) of each accountInherited attribute the COS sets, in the catalog's order."""
        def read():
            pairs = ((info.name, cos.values(info.name)) for info in self.sim.catalog.with_flag('accountInherited'))
            return tuple((name, name.lower(), tuple(values)) for name, values in pairs if values)
        # keyed by the entry itself: a resolver made before a write keeps the COS entries it read
        return self.sim.directory.remember(('cos defaults', cos), read)

    def apply(self, account, wanted=None):
        """The account's attributes plus its COS's account-inherited values it does not set, and the synthetic
        zimbraCOSId (the effective COS) when it has none of its own (Cos.getAccountDefaults). With `wanted` (lowercase
        names the caller keeps, the rest it drops) only those defaults are added."""
        attrs = dict(account.attrs)
        cos = self.for_account(account)
        if cos is None:
            return attrs
        present = {name.lower() for name in attrs}
        for name, lowered, values in self._defaults(cos):
            if lowered not in present and (wanted is None or lowered in wanted):
                attrs[name] = list(values)
        if 'zimbracosid' not in present:
            attrs['zimbraCOSId'] = [cos.id]
        return attrs
