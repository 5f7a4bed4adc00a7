"""Object-level rules for plans (the `rules` package), asking the QuerySet scopes the pages use,
which ask the permission policy."""

import rules

from tellonce.accounts.policy import Capability, allows
from tellonce.plans.models import Plan, PlanVersion


@rules.predicate
def can_see_plan(user, plan) -> bool:
    return plan is not None and Plan.objects.visible_to(user).filter(pk=plan.pk).exists()


@rules.predicate
def can_write_plan(user, plan) -> bool:
    return plan is not None and Plan.objects.editable_by(user).filter(pk=plan.pk).exists()


@rules.predicate
def speaks_for_child_on(user, version) -> bool:
    """A parent with parental responsibility, or the young person, commenting on a version sent to
    them (a SENCO or professional reads it but does not comment as the family)."""
    reached = PlanVersion.objects.within_scope(user, Capability.COMMENT_ON_PLAN)
    return version is not None and reached.filter(pk=version.pk).exists()


@rules.predicate
def sets_the_councils_checks(user) -> bool:
    return allows(user, Capability.SET_PLAN_CHECKS)


rules.add_perm("plans.view_plan", can_see_plan)
rules.add_perm("plans.change_plan", can_write_plan)
rules.add_perm("plans.comment_on_version", speaks_for_child_on)
rules.add_perm("plans.change_blockingrule", sets_the_councils_checks)
