"""Who may do what with inspections and improvement plans (the `rules` package).

SEND managers and quality leads manage findings and plans; council staff and partnership board
members read them; anyone named as an action's owner updates that action. The rules ask the same
QuerySets the views use. Plans hold no child's details, so there is no child's record to audit:
every change keeps who made it and when (ratings, updates and actions are never overwritten
silently: versions are checked)."""

import rules

from tellonce.improvement.models import Action, ImprovementPlan


@rules.predicate
def can_view_plan(user, plan) -> bool:
    return plan is not None and ImprovementPlan.objects.visible_to(user).filter(pk=plan.pk).exists()


@rules.predicate
def can_manage_plan(user, plan) -> bool:
    return plan is not None and ImprovementPlan.objects.managed_by(user).filter(pk=plan.pk).exists()


@rules.predicate
def can_update_action(user, action) -> bool:
    return action is not None and Action.objects.updatable_by(user).filter(pk=action.pk).exists()


rules.add_perm("improvement.view_improvementplan", can_view_plan)
rules.add_perm("improvement.change_improvementplan", can_manage_plan)
rules.add_perm("improvement.change_action", can_update_action)
