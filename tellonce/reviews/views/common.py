"""What the review pages share: reaching a review or plan through its scope, and one path for a
posted step (saved, refused with its problems, or the page for a conflicting save)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from tellonce.audit.shown import shown
from tellonce.core.views import attempt as core_attempt
from tellonce.core.views import edit_conflict
from tellonce.plans.models import Plan
from tellonce.reviews.models import AnnualReview


def visible_review(request, pk) -> AnnualReview:
    reviews = AnnualReview.objects.visible_to(request.user).select_related(
        "plan__child__setting", "plan__coordinator"
    )
    review = get_object_or_404(reviews, pk=pk)
    shown(request, review.plan.child)
    return review


def editable_review(request, pk) -> AnnualReview:
    reviews = AnnualReview.objects.editable_by(request.user).select_related(
        "plan__child__setting", "plan__coordinator"
    )
    review = get_object_or_404(reviews, pk=pk)
    shown(request, review.plan.child)
    return review


def editable_plan(request, pk) -> Plan:
    plan = get_object_or_404(
        Plan.objects.editable_by(request.user).select_related("child__setting", "child__next_setting"), pk=pk
    )
    shown(request, plan.child)
    return plan


def attempt(request, form, act, *, done: str, to: str, child):
    """core.views.attempt for a review or a plan's step, with the child's record's conflict page."""
    return core_attempt(
        request, form, act, done=done, to=to, on_conflict=lambda: edit_conflict(request, child)
    )


def review_url(review) -> str:
    return reverse("reviews:detail", kwargs={"pk": review.pk})
