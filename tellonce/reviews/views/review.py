"""One review: the plan's reviews with its schedule, arranging a review, a review's page, and the
setting's report (sent by the SENCO or the coordinator)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, requires, scope
from tellonce.advice.models import AdviceRequest
from tellonce.audit.services import record_read
from tellonce.core.time import uk_today, working_days
from tellonce.core.views import form_page
from tellonce.delivery.overview import summary_since
from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain.adulthood import review_must_cover_adulthood
from tellonce.plans.models import SEES_WORKING_VERSIONS, Plan, PlanVersion
from tellonce.plans.views.common import visible_plan
from tellonce.reviews import forms, presenters, services
from tellonce.reviews.models import PAPERWORK_FIELDS, AnnualReview, ReviewKind
from tellonce.reviews.permissions import can_run_review, fills_in_paperwork
from tellonce.reviews.schedule import schedule_rows
from tellonce.reviews.views.common import attempt, editable_plan, review_url, visible_review


def _inside_council(user) -> bool:
    """Ceasings, moves, who came and amendments being written are seen inside the council only."""
    return scope(user, Capability.VIEW_REVIEW) in SEES_WORKING_VERSIONS


@requires(Capability.VIEW_REVIEW)
def plan_reviews(request, pk):
    plan = visible_plan(request, pk)
    record_read(Actor.of(request), plan.child, what=f"Viewed the reviews of {plan.ref}")
    today = uk_today()
    reviews = list(AnnualReview.objects.visible_to(request.user).filter(plan=plan).order_by("-meeting_on"))
    [row] = schedule_rows(PlanVersion.objects.visible_to(request.user).filter(plan=plan), today=today) or [
        None
    ]
    calendar = working_days()
    ceasings = (
        [(c, ceasing_rules.in_force_until(c.facts(), calendar)) for c in plan.ceasings.all()]
        if _inside_council(request.user)
        else []
    )
    return render(
        request,
        "reviews/plan_reviews.jinja",
        {
            "title": f"Reviews of EHC plan {plan.ref}",
            "plan": plan,
            "child": plan.child,
            "row": row,
            "reviews": [(r, presenters.family_sentences(r, today=today, calendar=calendar)) for r in reviews],
            "ceasings": ceasings,
            "moves": plan.moves.all() if _inside_council(request.user) else [],
            "can_edit": Plan.objects.editable_by(request.user).filter(pk=plan.pk).exists(),
            "is_family": scope(request.user, Capability.VIEW_REVIEW) in (Scope.FAMILY, Scope.SELF),
            "back_link": reverse("plans:detail", kwargs={"pk": plan.pk}),
        },
    )


@requires(Capability.RUN_REVIEW)
def arrange(request, pk):
    plan = editable_plan(request, pk)
    today = uk_today()
    child = plan.child
    transfer = child.transfer_after(child.nc_year_on(today).value)
    kind = ReviewKind.PHASE_TRANSFER if transfer else ReviewKind.ANNUAL
    form = forms.ScheduleForm(request.POST or None, today=today, initial={"kind": kind})
    done = attempt(
        request,
        form,
        lambda d: services.schedule_review(
            plan, by=Actor.of(request), meeting_on=d["meeting_on"], kind=d["kind"], today=today
        ),
        done="Review arranged",
        to=reverse("reviews:plan", kwargs={"pk": plan.pk}),
        child=child,
    )
    return done or form_page(
        request,
        form,
        title="Arrange a review",
        caption=f"{child.full_name}, {plan.ref}",
        button="Arrange the review",
        back=reverse("reviews:plan", kwargs={"pk": plan.pk}),
        intro="Send the invitations, and the advice, at least 2 weeks before the meeting.",
    )


@requires(Capability.VIEW_REVIEW)
def detail(request, pk):
    review = visible_review(request, pk)
    plan = review.plan
    record_read(Actor.of(request), plan.child, what=f"Viewed the review of {plan.ref}")
    today = uk_today()
    staff = _inside_council(request.user)
    return render(
        request,
        "reviews/detail.jinja",
        {
            "title": review.get_kind_display(),
            "review": review,
            "plan": plan,
            "child": plan.child,
            "rows": presenters.deadline_rows(review, today=today),
            "sentences": presenters.family_sentences(review, today=today, calendar=working_days()),
            "attendance": review.attendance.all()
            if staff or fills_in_paperwork(request.user, review)
            else [],
            "progress": review.progress.all(),
            "advice": AdviceRequest.objects.visible_to(request.user).filter(review=review),
            "staff": staff,
            "can_edit": can_run_review(request.user, review),
            "can_report": fills_in_paperwork(request.user, review) and review.is_open,
            "amended": review.amended_version(),
            "back_link": reverse("reviews:plan", kwargs={"pk": plan.pk}),
            **_delivery_since_last_review(request, review, today),
        },
    )


def _delivery_since_last_review(request, review, today) -> dict:
    """The provision delivered since the last review was held, for the review to consider (ADR 72)."""
    since = (
        AnnualReview.objects.visible_to(request.user)
        .filter(plan=review.plan, held_on__lt=review.held_on or review.meeting_on or today)
        .exclude(pk=review.pk)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    return {"delivery": summary_since(review.plan_id, since), "delivery_since": since}


def _content_outcomes(plan):
    version = plan.in_force()
    return version.content().outcomes if version else ()


@requires(Capability.SEND_REVIEW_REPORT, Capability.RUN_REVIEW)
def paperwork(request, pk):
    """The SENCO (or the coordinator) sends the review report."""
    review = visible_review(request, pk)
    if not (fills_in_paperwork(request.user, review) or can_run_review(request.user, review)):
        raise Http404
    today = uk_today()
    child = review.plan.child
    initial = {name: getattr(review, name) for name in PAPERWORK_FIELDS} | {"version": review.version}
    for n, progress in enumerate(review.progress.all()):
        initial |= {f"progress_{n}": progress.progress, f"evidence_{n}": progress.evidence}
    form = forms.PaperworkForm(
        request.POST or None,
        today=today,
        initial=initial,
        outcomes=_content_outcomes(review.plan),
        attendance=review.attendance.all(),
        must_cover_adulthood=review_must_cover_adulthood(child.nc_year_on(today).value),
    )
    done = attempt(
        request,
        form,
        lambda d: services.submit_paperwork(
            review,
            by=Actor.of(request),
            values=form.values(),
            progress=form.progress(),
            attendance=form.attendance(),
            expected_version=d["version"],
            today=today,
        ),
        done="Review report sent to the EHC coordinator",
        to=review_url(review),
        child=child,
    )
    return done or form_page(
        request,
        form,
        title="Send the review report",
        caption=f"{child.full_name}, {review}",
        button="Send the report",
        back=review_url(review),
        intro="Within 2 weeks of the meeting, send the views of the child and family, the progress towards each outcome, "
        "who came and what should change.",
    )
