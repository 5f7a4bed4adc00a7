"""Object-level permission rules for a child's record (the `rules` package).

Each rule asks the same QuerySet scopes the views use, so a page, the API and a
`user.has_perm(...)` check can never disagree."""

import rules

from tellonce.accounts.roles import Role
from tellonce.people.models import Child


@rules.predicate
def can_see_child(user, child) -> bool:
    return child is not None and Child.objects.visible_to(user).filter(pk=child.pk).exists()


@rules.predicate
def is_caseworker_for(user, child) -> bool:
    return child is not None and Child.objects.editable_by(user).filter(pk=child.pk).exists()


@rules.predicate
def speaks_for_child(user, child) -> bool:
    """The family, the young person and the child's SENCO may write "All about me"."""
    return user.role in (Role.PARENT, Role.YOUNG_PERSON, Role.SENCO) and can_see_child(user, child)


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and user.role == Role.ADMINISTRATOR


rules.add_perm("people.view_child", can_see_child)
rules.add_perm("people.change_child", is_caseworker_for)
rules.add_perm("people.change_allaboutme", is_caseworker_for | speaks_for_child)
rules.add_perm("audit.view_access_log", is_administrator & can_see_child)
