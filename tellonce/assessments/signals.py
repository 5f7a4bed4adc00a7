"""Keeps each case's stage and next step (tellonce.assessments.stored, ADR 0077) when a service
writes it with save_versioned (an UPDATE of some columns, which sends post_save): in the same
transaction, and only when they changed."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from tellonce.assessments import stored
from tellonce.assessments.models import AssessmentRequest


@receiver(post_save, sender=AssessmentRequest, dispatch_uid="assessments.stored.case_saved")
def case_saved(sender, instance: AssessmentRequest, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    had = tuple(getattr(instance, name) for name in stored.FIELDS)
    stored.keep(instance)
    now = tuple(getattr(instance, name) for name in stored.FIELDS)
    if now != had:
        AssessmentRequest.objects.filter(pk=instance.pk).update(**dict(zip(stored.FIELDS, now, strict=True)))
