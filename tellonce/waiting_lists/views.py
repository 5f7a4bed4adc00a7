"""Waiting-list pages. Health managers (the DCO; professionals of the provider that runs a service)
import extracts, review long waits and record support; council staff and the board read the
measures; a family sees its own child's waits from the child's record."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, requires, scope
from tellonce.audit.services import record_read
from tellonce.audit.shown import listed
from tellonce.core.limits import accepts_uploads
from tellonce.core.replica import reporting_page
from tellonce.core.time import uk_today
from tellonce.domain import waiting as rules
from tellonce.domain.identifiers import normalise_nhs_number
from tellonce.jobs.prepared import request_file
from tellonce.organisations.councils import council_id
from tellonce.waiting_lists import counted, extracts, forms, measures, services
from tellonce.waiting_lists.models import Referral, UnmatchedRow, WaitingService
from tellonce.waiting_lists.prepared import EXTRACT


def _services_for(user, capability: Capability = Capability.SEE_WAITING_LISTS):
    """The services whose lists `capability` reaches: every one of the council's, or those the
    user's team works."""
    return WaitingService.objects.within_scope(user, capability).select_related("provider")


def _manages(user, service) -> bool:
    return _services_for(user, Capability.MANAGE_WAITING_LIST).filter(pk=service.pk).exists()


def _scope(user) -> int | None:
    """Council staff and the board see their area's children; health users their lists whole."""
    reach = scope(user, Capability.SEE_WAITING_LISTS)
    return user.local_authority_id if reach == Scope.COUNCIL else None


def _summary(found: counted.Counted) -> dict:
    """What measures.summary gives, from the figures counted in the database."""
    return measures.summary_of(found.snapshot, found.seen_recently, found.referred_recently)


def _comparison(service, today, localities, council: int | None) -> rules.Comparison | None:
    """The longest and shortest median waits among the localities compared, with the bootstrap of
    domain.waiting over the waits of those two localities alone (one query)."""
    pair = measures.extremes(localities)
    if pair is None:
        return None
    worst, best = pair
    weeks = counted.weeks_waiting(service, today, [worst, best], local_authority_id=council)
    return measures.compared(weeks[worst], weeks[best], a=worst, b=best, seed=today.toordinal())


@requires(Capability.SEE_WAITING_LISTS)
@reporting_page
def overview(request):
    today, services = uk_today(), list(_services_for(request.user))
    found = counted.count(services, today, local_authority_id=_scope(request.user), by_locality=False)
    rows = [(service, _summary(found[service.pk])) for service in services]
    return render(request, "waiting_lists/overview.jinja", {"title": "Waiting lists", "rows": rows})


@accepts_uploads
@requires(Capability.SEE_WAITING_LISTS)
def service_page(request, code):
    service = get_object_or_404(_services_for(request.user), code=code)
    today = uk_today()
    found = counted.count(
        [service],
        today,
        local_authority_id=_scope(request.user),
        flows_from=measures.flows_start(today),
    )[service.pk]
    summary = _summary(found)
    comparison = _comparison(service, today, found.localities, _scope(request.user))
    manages = _manages(request.user, service)
    form = forms.ExtractForm(request.POST or None, request.FILES or None) if manages else None
    if form is not None and request.method == "POST" and form.is_valid():
        prepared = request_file(
            EXTRACT,
            by=Actor.of(request),
            council_id=council_id(request.user),
            title=f"Waiting-list extract for {service.name}",
            parameters={"service": service.code},
            upload=form.cleaned_data["file"],
        )
        return redirect("files:prepared", pk=prepared.pk)
    return render(
        request,
        "waiting_lists/service.jinja",
        {
            "title": service.name,
            "service": service,
            "summary": summary,
            "chart": measures.chart(summary["snapshot"]),
            "localities": found.localities,
            "comparison": comparison,
            "flows": found.flows,
            "form": form,
            "manages": manages,
            "unmatched": UnmatchedRow.objects.filter(service=service, resolved__isnull=True).count(),
        },
    )


@requires(Capability.OVERSEE_LONG_WAITS)
def oversight(request, code):
    service = get_object_or_404(_services_for(request.user, Capability.OVERSEE_LONG_WAITS), code=code)
    today, clock, rows = uk_today(), service.clock, []
    referrals = (
        Referral.objects.visible_to(request.user)
        .filter(service=service)
        .select_related("child")
        .prefetch_related("reviews", "support")
    )
    for referral in referrals:
        wait = referral.as_wait()
        last = max((r.reviewed_on for r in referral.reviews.all()), default=None)
        state = rules.review_state(
            wait,
            clock,
            today,
            review_after_weeks=service.review_after_weeks,
            review_every_weeks=service.review_every_weeks,
            last_review=last,
        )
        if state in (rules.ReviewState.DUE, rules.ReviewState.OVERDUE):
            rows.append((referral, rules.weeks_waited(wait, clock, today), state, last))
    rows.sort(key=lambda row: (row[2] != rules.ReviewState.OVERDUE, -row[1]))
    listed(request, [row[0].child for row in rows], what=f"Listed among long waits for {service}")
    return render(
        request,
        "waiting_lists/oversight.jinja",
        {
            "title": f"Long waits to review: {service.name}",
            "service": service,
            "rows": rows,
            "back_link": reverse("waiting_lists:service", args=[service.code]),
        },
    )


def _position(referral, today) -> tuple[int, int]:
    """(place, of how many) on the service's list: 1 is the longest wait. Everyone still waiting has
    waited until today, so a longer wait is an earlier referral: two counts, not the whole list."""
    waiting = measures.still_waiting(referral.service, today)
    return waiting.filter(referred_on__lt=referral.referred_on).count() + 1, waiting.count()


@requires(Capability.VIEW_REFERRAL)
def referral_page(request, pk):
    referral = get_object_or_404(
        Referral.objects.visible_to(request.user).select_related("service", "child"), pk=pk
    )
    record_read(Actor.of(request), referral.child, what=f"Viewed the wait for {referral.service}")
    today = uk_today()
    manages = _manages(request.user, referral.service)
    review_form = forms.ReviewForm(request.POST if "review" in request.POST else None) if manages else None
    support_form = forms.SupportForm(request.POST if "support" in request.POST else None) if manages else None
    if manages and request.method == "POST":
        if "review" in request.POST and review_form.is_valid():
            services.record_review(referral, by=Actor.of(request), on=today, **review_form.cleaned_data)
            messages.success(request, "Review recorded")
            return redirect("waiting_lists:referral", pk=referral.pk)
        if "support" in request.POST and support_form.is_valid():
            data = support_form.cleaned_data
            services.offer_support(
                referral,
                by=Actor.of(request),
                kind=data["kind"],
                details=data["details"],
                taken_up=support_form.taken_up_value(),
                on=today,
            )
            messages.success(request, "Support recorded")
            return redirect("waiting_lists:referral", pk=referral.pk)
    waiting = rules.is_waiting(referral.as_wait(), referral.service.clock, today)
    return render(
        request,
        "waiting_lists/referral.jinja",
        {
            "title": f"{referral.service}: {referral.child.full_name}",
            "referral": referral,
            "weeks": rules.weeks_waited(referral.as_wait(), referral.service.clock, today),
            "waiting": waiting,
            "position": _position(referral, today) if waiting else None,
            "review_form": review_form,
            "support_form": support_form,
            "back_link": reverse("workspace:child", args=[referral.child_id]),
        },
    )


@requires(Capability.MANAGE_WAITING_LIST)
def unmatched(request, code):
    service = get_object_or_404(_services_for(request.user, Capability.MANAGE_WAITING_LIST), code=code)
    rows = UnmatchedRow.objects.filter(service=service, resolved__isnull=True)
    form = forms.ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = get_object_or_404(rows, pk=request.POST.get("row"))
        child = extracts.child_with_nhs_number(service, normalise_nhs_number(form.cleaned_data["nhs_number"]))
        if child is None:
            form.add_error("nhs_number", "No child in Tellonce has that NHS number")
        else:
            referral = extracts.create_from_row(service, row, child)
            messages.success(request, f"Matched {row.provider_ref} to {child.full_name}")
            return redirect("waiting_lists:referral", pk=referral.pk)
    return render(
        request,
        "waiting_lists/unmatched.jinja",
        {
            "title": f"Rows to match: {service.name}",
            "service": service,
            "rows": rows,
            "form": form,
            "back_link": reverse("waiting_lists:service", args=[service.code]),
        },
    )
