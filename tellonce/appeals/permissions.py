"""Object-level rules for mediations and appeals, asking the same QuerySets as the pages."""

import rules

from tellonce.appeals.models import Appeal, Mediation


@rules.predicate
def can_see_appeal(user, appeal) -> bool:
    return appeal is not None and Appeal.objects.visible_to(user).filter(pk=appeal.pk).exists()


@rules.predicate
def can_record_appeal(user, appeal) -> bool:
    return appeal is not None and Appeal.objects.editable_by(user).filter(pk=appeal.pk).exists()


@rules.predicate
def can_see_mediation(user, mediation) -> bool:
    return mediation is not None and Mediation.objects.visible_to(user).filter(pk=mediation.pk).exists()


@rules.predicate
def can_record_mediation(user, mediation) -> bool:
    return mediation is not None and Mediation.objects.editable_by(user).filter(pk=mediation.pk).exists()


rules.add_perm("appeals.view_appeal", can_see_appeal)
rules.add_perm("appeals.change_appeal", can_record_appeal)
rules.add_perm("appeals.view_mediation", can_see_mediation)
rules.add_perm("appeals.change_mediation", can_record_mediation)
