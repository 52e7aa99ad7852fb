"""Which COS an account gets, and the account attributes with its COS defaults applied (api-objects doc 2, 6, 11).

Provisioning.getCOS: the account's own zimbraCOSId if that COS exists, else its domain's
zimbraDomainDefaultCOSId if that COS exists, else `default`. A dangling id (its COS deleted) falls through.
"""

from ..directory import domain_of_dn
from ..seed import DEFAULT_COS_ID


class CosResolver:
    """Resolves many accounts in one request; COS and domain entries are read once."""

    def __init__(self, sim):
        self.sim = sim
        self._cos = {cos.id: cos for cos in sim.directory.all_cos()}
        self._domain_default = {}
        self._inherited = [info.name for info in sim.catalog.with_flag('accountInherited')]

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

    def apply(self, account):
        """The account's attributes plus its COS's account-inherited values it does not set, and the synthetic
        zimbraCOSId (the effective COS) when it has none of its own (Cos.getAccountDefaults)."""
        attrs = dict(account.attrs)
        cos = self.for_account(account)
        if cos is None:
            return attrs
        present = {name.lower() for name in attrs}
        for name in self._inherited:
            if name.lower() not in present:
                values = cos.values(name)
                if values:
                    attrs[name] = values
        if 'zimbracosid' not in present:
            attrs['zimbraCOSId'] = [cos.id]
        return attrs
