"""Provision delivery pages: the setting or provider records each half-term; the family sees its
child's provision and reports what was not received; the coordinator follows up; the board, council
staff and the designated clinical officer read the figures. Every commitment is reached through
its scope (404 outside it) and every page that names a child logs it."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, allows, requires, scope
from tellonce.audit.shown import listed, shown
from tellonce.core.time import uk_today
from tellonce.core.views import attempt, edit_conflict, form_page
from tellonce.delivery import forms, overview, services
from tellonce.delivery.expectations import current_half_term, expected_in, half_terms_around
from tellonce.delivery.models import Commitment, DeliveryRecord, DeliveryRules, own_half_terms
from tellonce.domain.delivery import REASON_LABELS, england_half_terms
from tellonce.domain.school_years import academic_year_start
from tellonce.organisations.councils import council_id
from tellonce.people.models import Child
from tellonce.plans.models import Plan

CHILD_PAGE = (Capability.FOLLOW_UP_DELIVERY, Capability.REPORT_MISSED_PROVISION, Capability.RECORD_DELIVERY)


def _commitment(request, pk, capability: Capability) -> Commitment:
    found = Commitment.objects.within_scope(request.user, capability).select_related(
        "child", "setting", "team", "plan"
    )
    commitment = get_object_or_404(found, pk=pk)
    shown(request, commitment.child)
    return commitment


def _half_term(local_authority_id, starts_on: str, today: date):
    try:
        day = date.fromisoformat(starts_on)
    except ValueError:
        raise Http404 from None
    for half_term in half_terms_around(local_authority_id, today):
        if half_term.starts_on == day and day <= today:
            return half_term
    raise Http404


@requires(Capability.RECORD_DELIVERY)
def to_record(request):
    """The provision the user's school or provider delivers, with this half-term's records."""
    today = uk_today()
    la = council_id(request.user)
    choices = [h for h in half_terms_around(la, today) if h.starts_on <= today][-6:]
    chosen = current_half_term(la, today)
    asked = request.GET.get("half_term", "")
    chosen = next((h for h in choices if h.starts_on.isoformat() == asked), chosen)
    commitments = list(
        Commitment.objects.within_scope(request.user, Capability.RECORD_DELIVERY)
        .current()
        .filter(starts_on__lte=chosen.ends_on)
        .select_related("child", "setting", "team")
        .order_by("child__family_name", "child__given_name", "section", "what")[:300]
    )
    records = {
        r.commitment_id: r
        for r in DeliveryRecord.objects.within_scope(request.user, Capability.RECORD_DELIVERY).filter(
            commitment__in=commitments, half_term_starts_on=chosen.starts_on
        )
    }
    rows = [(c, expected_in(c, chosen), records.get(c.pk)) for c in commitments]
    listed(request, {c.child for c in commitments})
    return render(
        request,
        "delivery/to_record.jinja",
        {
            "title": "Record provision delivered",
            "rows": rows,
            "half_term": chosen,
            "choices": reversed(choices),
            "recorded": sum(1 for _, _, r in rows if r),
        },
    )


@requires(Capability.RECORD_DELIVERY)
def record(request, pk, half_term):
    commitment = _commitment(request, pk, Capability.RECORD_DELIVERY)
    today = uk_today()
    chosen = _half_term(commitment.local_authority_id, half_term, today)
    expected = expected_in(commitment, chosen)
    existing = commitment.records.filter(half_term_starts_on=chosen.starts_on).first()
    initial = (
        {
            "outcome": existing.outcome,
            "delivered": existing.delivered,
            "reason": existing.reason,
            "reason_text": existing.reason_text,
        }
        if existing
        else {}
    )
    form = forms.RecordForm(request.POST or None, initial=initial)
    back = reverse("delivery:to-record") + f"?half_term={chosen.starts_on.isoformat()}"

    def act(data):
        services.record_delivery(
            commitment,
            chosen,
            outcome=data["outcome"],
            delivered=data["delivered"],
            reason=data["reason"] or "",
            reason_text=data["reason_text"],
            by=Actor.of(request),
            today=today,
        )

    done = attempt(
        request,
        form,
        act,
        done=f"Delivery recorded for {chosen.label}",
        to=back,
        on_conflict=lambda: edit_conflict(request, commitment.child),
    )
    if done:
        return done
    if expected is None:
        amount = "How often has not been set yet: the coordinator must set it before delivery is recorded."
    else:
        amount = (
            f"Expected this half-term: {expected.sessions} session{'s' if expected.sessions != 1 else ''}"
        )
        if expected.minutes:
            amount += f" ({expected.minutes} minutes in all)"
        amount += f", over {expected.school_weeks} school week{'s' if expected.school_weeks != 1 else ''}."
    return form_page(
        request,
        form,
        title=f"{commitment.what[:120]}",
        caption=f"{commitment.child.full_name}, {chosen.label}",
        intro=amount,
        button="Save the record",
        back=back,
        status=400 if request.method == "POST" else 200,
    )


@requires(*CHILD_PAGE)
def child(request, child_pk):
    """A child's provision: each commitment, how often, and each half-term's record."""
    user = request.user
    capability = next(c for c in CHILD_PAGE if scope(user, c) is not None)
    commitments = list(
        Commitment.objects.within_scope(user, capability)
        .filter(child_id=child_pk)
        .select_related("setting", "team")
        .prefetch_related("records", "family_reports", "follow_ups")
        .order_by("ended_on", "section", "what")
    )
    child_row = Child.objects.within_scope(user, Capability.VIEW_CHILD).filter(pk=child_pk).first() or (
        commitments[0].child if commitments else None
    )
    if child_row is None:
        raise Http404
    shown(request, child_row)
    plan = None
    if scope(user, Capability.FOLLOW_UP_DELIVERY) is not None:
        plan = Plan.objects.editable_by(user).filter(child_id=child_pk, ceased_on__isnull=True).first()
    return render(
        request,
        "delivery/child.jinja",
        {
            "title": "Provision in the plan and its delivery",
            "child": child_row,
            "commitments": commitments,
            "plan": plan,
            "follows_up": scope(user, Capability.FOLLOW_UP_DELIVERY) is not None,
            "reports": scope(user, Capability.REPORT_MISSED_PROVISION) is not None,
        },
    )


@requires(Capability.FOLLOW_UP_DELIVERY)
def bring_up_to_date(request, child_pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    plan = get_object_or_404(
        Plan.objects.editable_by(request.user).select_related("child"),
        child_id=child_pk,
        ceased_on__isnull=True,
    )
    shown(request, plan.child)
    counts = services.bring_up_to_date(plan, by=Actor.of(request), today=uk_today())
    messages.success(
        request,
        f"Provision brought up to date: {counts['added']} added, {counts['changed']} changed, "
        f"{counts['ended']} ended, {counts['to set by hand']} need how often set by hand",
    )
    return redirect("delivery:child", child_pk=child_pk)


@requires(Capability.REPORT_MISSED_PROVISION)
def report(request, pk):
    commitment = _commitment(request, pk, Capability.REPORT_MISSED_PROVISION)
    today = uk_today()
    form = forms.ReportForm(request.POST or None)
    back = reverse("delivery:child", kwargs={"child_pk": commitment.child_id})

    def act(data):
        services.report_not_received(
            commitment,
            text=data["text"],
            half_term_label=current_half_term(commitment.local_authority_id, today).label,
            sessions_missed=data["sessions_missed"],
            by=Actor.of(request),
            today=today,
        )

    done = attempt(
        request,
        form,
        act,
        done="Thank you. The coordinator has been told the provision was not received",
        to=back,
        on_conflict=lambda: edit_conflict(request, commitment.child),
    )
    return done or form_page(
        request,
        form,
        title="Tell us provision was not received",
        caption=commitment.what[:120],
        intro="The child's EHC coordinator will see this and contact you about what happens next.",
        button="Send",
        back=back,
        status=400 if request.method == "POST" else 200,
    )


@requires(Capability.FOLLOW_UP_DELIVERY)
def to_follow_up(request):
    """Provision missed or reported missing since the coordinator last acted."""
    rows = overview.with_escalation(overview.needing_follow_up(request.user)[:500], council_id(request.user))
    listed(request, {c.child for c in rows})
    return render(
        request,
        "delivery/to_follow_up.jinja",
        {
            "title": "Provision not delivered",
            "rows": rows,
            "threshold": DeliveryRules.weeks_for(council_id(request.user)),
            "sets_threshold": scope(request.user, Capability.FOLLOW_UP_DELIVERY) == Scope.COUNCIL,
            "sets_half_terms": allows(request.user, Capability.SET_HALF_TERM_DATES),
        },
    )


@requires(Capability.FOLLOW_UP_DELIVERY)
def follow_up(request, pk):
    commitment = _commitment(request, pk, Capability.FOLLOW_UP_DELIVERY)
    today = uk_today()
    form = forms.FollowUpForm(request.POST or None)
    reports = commitment.family_reports.all()[:5]
    missed = commitment.records.exclude(outcome="delivered").order_by("-half_term_starts_on")[:6]

    def act(data):
        services.follow_up(
            commitment, action=data["action"], text=data["text"], by=Actor.of(request), today=today
        )

    done = attempt(
        request,
        form,
        act,
        done="What was done has been recorded",
        to=reverse("delivery:to-follow-up"),
        on_conflict=lambda: edit_conflict(request, commitment.child),
    )
    if done:
        return done
    return render(
        request,
        "delivery/follow_up.jinja",
        {
            "title": "Record what was done",
            "commitment": commitment,
            "form": form,
            "reports": reports,
            "missed": missed,
            "actions": commitment.follow_ups.all()[:5],
            "back_link": reverse("delivery:to-follow-up"),
        },
        status=400 if request.method == "POST" else 200,
    )


@requires(Capability.FOLLOW_UP_DELIVERY)
def frequency(request, pk):
    commitment = _commitment(request, pk, Capability.FOLLOW_UP_DELIVERY)
    form = forms.FrequencyForm(
        request.POST or None, initial={"version": commitment.version, "words": commitment.frequency_words}
    )

    def act(data):
        services.set_frequency(
            commitment,
            words=data["words"],
            by=Actor.of(request),
            today=uk_today(),
            expected_version=data["version"],
        )

    back = reverse("delivery:child", kwargs={"child_pk": commitment.child_id})
    done = attempt(
        request,
        form,
        act,
        done="How often has been set",
        to=back,
        on_conflict=lambda: edit_conflict(request, commitment.child),
    )
    return done or form_page(
        request,
        form,
        title="Set how often the provision is delivered",
        caption=commitment.what[:120],
        intro=f"The plan says: {commitment.frequency_words or 'nothing about how often'}.",
        button="Save",
        back=back,
        status=400 if request.method == "POST" else 200,
    )


@requires(Capability.FOLLOW_UP_DELIVERY)
def escalation(request):
    if scope(request.user, Capability.FOLLOW_UP_DELIVERY) != Scope.COUNCIL:
        raise Http404
    la = council_id(request.user)
    form = forms.EscalationForm(request.POST or None, initial={"weeks": DeliveryRules.weeks_for(la)})

    def act(data):
        services.set_escalation(la, weeks=data["weeks"], by=Actor.of(request), today=uk_today())

    done = attempt(
        request,
        form,
        act,
        done="The escalation has been set",
        to=reverse("delivery:to-follow-up"),
        on_conflict=lambda: edit_conflict(request, back=reverse("delivery:to-follow-up")),
    )
    return done or form_page(
        request,
        form,
        title="When provision not delivered is escalated",
        button="Save",
        back=reverse("delivery:to-follow-up"),
        status=400 if request.method == "POST" else 200,
    )


@requires(Capability.SEE_DELIVERY_FIGURES)
def figures(request):
    """The share of provision delivered this school year so far and the longest waits."""
    today = uk_today()
    la = council_id(request.user)
    half_terms = [h for h in half_terms_around(la, today, back=0) if h.starts_on <= today]
    if not half_terms:
        half_terms = [current_half_term(la, today)]
    first = half_terms[0].starts_on
    waiting = list(overview.waiting_longest(request.user))
    names = scope(request.user, Capability.VIEW_CHILD) == Scope.COUNCIL
    if names:
        listed(request, {c.child for c in waiting})
    return render(
        request,
        "delivery/figures.jinja",
        {
            "title": "Provision delivered",
            "shares": overview.shares_this_year(request.user, academic_year_start(first)),
            "first": first,
            "last_day": min(today, half_terms[-1].ends_on),
            "waiting": waiting,
            "names": names,
            "today": today,
            "health_only": scope(request.user, Capability.SEE_DELIVERY_FIGURES) == Scope.HEALTH,
            "reason_labels": {r.value: label for r, label in REASON_LABELS.items()},
        },
    )


def _school_years(today: date) -> range:
    """The school years whose half-term dates may be set: last year, this year and the next two."""
    this_year = today.year if today.month >= 9 else today.year - 1
    return range(this_year - 1, this_year + 3)


def _school_year(year: int, today: date) -> int:
    if year not in _school_years(today):
        raise Http404("Half-term dates are set for last school year, this one and the next two")
    return year


@requires(Capability.SET_HALF_TERM_DATES)
def half_terms(request):
    """The council's half-term dates by school year: its own where entered, else England's."""
    today = uk_today()
    la = council_id(request.user)
    years = []
    for year in _school_years(today):
        own = own_half_terms(la, year)
        years.append(
            {
                "year": year,
                "own": bool(own),
                "half_terms": [row.as_value() for row in own] or list(england_half_terms(year)),
            }
        )
    return render(
        request,
        "delivery/half_terms.jinja",
        {"title": "Half-term dates", "years": years, "back_link": reverse("delivery:to-follow-up")},
    )


@requires(Capability.SET_HALF_TERM_DATES)
def half_terms_year(request, year):
    """Enter or change the council's six half-terms of a school year."""
    today = uk_today()
    year = _school_year(year, today)
    la = council_id(request.user)
    own = own_half_terms(la, year)
    shown_dates = [row.as_value() for row in own] or list(england_half_terms(year))
    initial: dict[str, object] = {"version": max((row.version for row in own), default=0)}
    for h in shown_dates:
        initial |= {f"starts_{h.number}": h.starts_on, f"ends_{h.number}": h.ends_on}
    form = forms.HalfTermsForm(request.POST or None, initial=initial, school_year=year)

    def act(data):
        services.set_half_terms(
            la, year, form.dates(), by=Actor.of(request), today=today, expected_version=data["version"]
        )

    back = reverse("delivery:half-terms")
    done = attempt(
        request,
        form,
        act,
        done=f"The half-term dates for {year} to {year + 1} have been saved",
        to=back,
        on_conflict=lambda: edit_conflict(request, back=back),
    )
    return done or form_page(
        request,
        form,
        title=f"Half-term dates for {year} to {year + 1}",
        intro=(
            "Enter the first and last school day of each half-term. Delivery is counted in these "
            "half-terms, less bank holidays."
            + ("" if own else " The dates shown are the usual pattern in England until you save your own.")
        ),
        button="Save the dates",
        back=back,
        status=400 if request.method == "POST" else 200,
    )


@requires(Capability.SET_HALF_TERM_DATES)
def remove_half_terms(request, year):
    """Remove the council's own dates for a school year: the England pattern is used again."""
    today = uk_today()
    year = _school_year(year, today)
    la = council_id(request.user)
    own = own_half_terms(la, year)
    if not own:
        raise Http404("The council has no dates of its own for this school year")
    form = forms.RemoveHalfTermsForm(
        request.POST or None, initial={"version": max(row.version for row in own)}
    )

    def act(data):
        services.remove_half_terms(
            la, year, by=Actor.of(request), today=today, expected_version=data["version"]
        )

    back = reverse("delivery:half-terms")
    done = attempt(
        request,
        form,
        act,
        done=f"The half-term dates for {year} to {year + 1} have been removed",
        to=back,
        on_conflict=lambda: edit_conflict(request, back=back),
    )
    return done or form_page(
        request,
        form,
        title=f"Remove the half-term dates for {year} to {year + 1}",
        intro="Delivery will be counted in the usual pattern of half-terms in England instead.",
        button="Remove the dates",
        back=back,
        status=400 if request.method == "POST" else 200,
    )
