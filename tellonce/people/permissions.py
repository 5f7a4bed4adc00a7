"""Object-level permission rules for a child's record (the `rules` package).

Each rule asks the QuerySet scopes the pages use, which ask the permission policy, so a page, the
API and a `user.has_perm(...)` check can never disagree."""

import rules

from tellonce.accounts.policy import Capability
from tellonce.people.models import Child


def _reaches(capability: Capability):
    @rules.predicate
    def reaches(user, child) -> bool:
        return child is not None and Child.objects.within_scope(user, capability).filter(pk=child.pk).exists()

    return reaches


can_see_child = _reaches(Capability.VIEW_CHILD)
is_caseworker_for = _reaches(Capability.EDIT_CHILD)

rules.add_perm("people.view_child", can_see_child)
rules.add_perm("people.change_child", is_caseworker_for)
rules.add_perm("people.change_allaboutme", _reaches(Capability.WRITE_ALL_ABOUT_ME))
rules.add_perm("audit.view_access_log", _reaches(Capability.VIEW_ACCESS_LOG))
rules.add_perm("audit.export_access_log", _reaches(Capability.EXPORT_ACCESS_LOG))
