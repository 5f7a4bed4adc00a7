"""Every capability of the permission policy as a `rules` permission, `accounts.<capability>`, so
`user.has_perm("accounts.see_plan_quality")` asks the same table as the pages and the menu."""

import rules

from tellonce.accounts.policy import Capability, allows


def _has(capability: Capability):
    @rules.predicate
    def has(user) -> bool:
        return allows(user, capability)

    return has


for capability in Capability:
    rules.add_perm(f"accounts.{capability.value}", _has(capability))
