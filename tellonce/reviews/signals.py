"""Keeps each plan's stored schedule (tellonce.reviews.stored) whenever a row it is worked out from
is saved or deleted, in the same transaction as the write: a plan's version, review or move, or the
child (date of birth, year, setting). Bulk writes that send no signals (the demo, imports) call
stored.refresh themselves (ADR 0076)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tellonce.core.time import uk_today
from tellonce.people.models import Child
from tellonce.plans.models import Plan, PlanVersion
from tellonce.reviews import stored
from tellonce.reviews.models import AnnualReview, PlanMove


def _refresh(plan_id) -> None:
    stored.refresh_plans([plan_id], today=uk_today())


@receiver(post_save, sender=PlanVersion, dispatch_uid="reviews.stored.version_saved")
@receiver(post_save, sender=AnnualReview, dispatch_uid="reviews.stored.review_saved")
@receiver(post_save, sender=PlanMove, dispatch_uid="reviews.stored.move_saved")
def row_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        _refresh(instance.plan_id)


@receiver(post_delete, sender=PlanVersion, dispatch_uid="reviews.stored.version_deleted")
@receiver(post_delete, sender=AnnualReview, dispatch_uid="reviews.stored.review_deleted")
@receiver(post_delete, sender=PlanMove, dispatch_uid="reviews.stored.move_deleted")
def row_deleted(sender, instance, **kwargs) -> None:
    if Plan.objects.filter(pk=instance.plan_id).exists():  # not when the plan itself goes
        _refresh(instance.plan_id)


@receiver(post_save, sender=Child, dispatch_uid="reviews.stored.child_saved")
def child_saved(sender, instance: Child, created: bool, raw: bool = False, **kwargs) -> None:
    if not created and not raw:
        stored.refresh(Plan.objects.filter(child=instance), today=uk_today())
