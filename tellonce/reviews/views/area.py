"""Reviews across the area: the schedule of every plan in force (with phase transfers first), the
SENCO's reviews, timeliness by coordinator and month with attendance by agency, the plans that
probably should be ceased, and the lists for preparing for adulthood."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.accounts.policy import Capability, Scope, requires, scope
from tellonce.audit.services import record_listed
from tellonce.audit.shown import listed
from tellonce.core.council_key import same_council
from tellonce.core.replica import reporting_page
from tellonce.core.time import uk_today
from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain import reviews as rules
from tellonce.plans.models import Plan
from tellonce.reviews import forms, measures, schedule
from tellonce.reviews.models import Agency, AnnualReview

PAGE_SIZE = 50


@requires(Capability.SEE_REVIEW_SCHEDULE)
def schedule_page(request):
    today = uk_today()
    form = forms.ScheduleFilterForm(request.GET or None)
    is_manager = scope(request.user, Capability.SEE_REVIEW_SCHEDULE) != Scope.CASELOAD
    coordinators = User.coordinators_in(request.user.local_authority_id)
    form.fields["coordinator"].choices = [("", "Everyone")] + [(str(u.pk), str(u)) for u in coordinators]
    chosen = form.cleaned_data if form.is_valid() else {}
    whose = {}
    if not is_manager:
        whose = {"coordinator": request.user}
    elif chosen.get("coordinator"):
        whose = {"coordinator_id": chosen["coordinator"]}
    # The schedule reads nothing of the children but the names of the rows shown (ADR 98)
    plans = _in_force(request, today, by_key=True, ordered=True, **whose)
    counts, transfers, total = schedule.schedule_counts(plans, today=today)
    status, transfers_only = chosen.get("status") or "", bool(chosen.get("transfers"))
    shown = schedule.filter_schedule(plans, today=today, status=status, transfers=transfers_only)
    # The list's length is one of the figures counted above, unless both filters are chosen.
    if status and transfers_only:
        page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    else:
        known = counts[rules.ScheduleStatus(status)] if status else transfers if transfers_only else total
        page = _paged(shown, known, request.GET.get("page"))
    page.object_list = schedule.schedule_page_rows(page.object_list, today=today)
    query = "".join(f"&{k}={v}" for k, v in chosen.items() if v)
    reviews = AnnualReview.objects.visible_to(request.user)
    if whose:
        # One coordinator's plans: their reviews are read through those plans, with the plan's
        # council beside the review's, so PostgreSQL counts on the coordinator's plans rather than
        # expecting a few of the council's reviews and hashing them all (ADR 97's same_council)
        reviews = reviews.filter(same_council("plan"), **{f"plan__{k}": v for k, v in whose.items()})
    steps, steps_total = schedule.steps_under_way(reviews, today=today, shown=PAGE_SIZE)
    listed(request, [row.child_id for row in page], what="Listed in the review schedule")
    listed(request, [step.review.plan.child_id for step in steps], what="Listed among review steps under way")
    return render(
        request,
        "reviews/schedule.jinja",
        {
            "title": "My reviews" if not is_manager else "Reviews",
            "form": form,
            "page": page,
            "total": page.paginator.count,
            "counts": [(rules.SCHEDULE_LABELS[s], counts[s]) for s in rules.ScheduleStatus],
            "transfers": transfers,
            "query": query,
            "is_manager": is_manager,
            "steps": steps,
            "steps_total": steps_total,
        },
    )


@requires(Capability.SEND_REVIEW_REPORT)
def setting_reviews(request):
    """The SENCO's pupils' reviews still open, with their reports to send."""
    reviews = list(
        AnnualReview.objects.for_setting(request.user)
        .filter(decision_notified_on__isnull=True)
        .select_related("plan__child")
        .order_by("meeting_on")
    )
    record_listed(Actor.of(request), [r.plan.child for r in reviews], what="Listed in the setting's reviews")
    today = uk_today()
    return render(
        request,
        "reviews/setting_reviews.jinja",
        {
            "title": "Reviews of our pupils' plans",
            "rows": [
                (r, rules.report_due(r.held_on or r.meeting_on) if r.meeting_on else None) for r in reviews
            ],
            "today": today,
        },
    )


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}% ({part:,} of {whole:,})" if whole else "No reviews"


@requires(Capability.SEE_REVIEW_TIMELINESS)
@reporting_page
def timeliness(request):
    """Aggregates only: council staff, the partnership board and the designated clinical officer."""
    groups, invited, present = measures.timeliness(request.user.local_authority_id, uk_today())
    tables = {
        key: [
            [
                {"text": value},
                {"text": f"{c['reviews']:,}", "format": "numeric"},
                {"text": _percent(c["in_time"], c["reviews"]), "format": "numeric"},
                {"text": _percent(c["decided_on_time"], c["decided"]), "format": "numeric"},
                {"text": _percent(c["amended_on_time"], c["amended"]), "format": "numeric"},
            ]
            for value, c in sorted(groups[key].items(), reverse=key == "month")
        ]
        for key in groups
    }
    agencies = [
        [
            {"text": Agency(a).label},
            {"text": f"{invited[a]:,}", "format": "numeric"},
            {"text": _percent(present[(a, "came")], invited[a]), "format": "numeric"},
            {"text": _percent(present[(a, "advice")], invited[a]), "format": "numeric"},
            {
                "text": _percent(invited[a] - present[(a, "came")] - present[(a, "advice")], invited[a]),
                "format": "numeric",
            },
        ]
        for a in Agency.values
        if invited[a]
    ]
    return render(
        request,
        "reviews/timeliness.jinja",
        {
            "title": "Timeliness of annual reviews",
            "by_month": tables["month"],
            "by_coordinator": tables["coordinator"],
            "agencies": agencies,
        },
    )


def _in_force(request, today, *, by_key: bool = False, ordered: bool = False, **whose):
    """The plans in force the user may see (of one coordinator: `whose`), from what each plan keeps
    (ADR 0076, 0077); `by_key` for a list that reads nothing of the children but for the rows it
    shows (ADR 98, 100); `ordered` in the schedule's order, for a page that lists them in it."""
    plans = (
        Plan.objects.within_scope_by_key(request.user, Capability.VIEW_PLAN)
        if by_key
        else Plan.objects.visible_to(request.user)
    )
    plans = schedule.plans_in_schedule(plans.filter(**whose), today=today)
    return plans if ordered else plans.order_by()


def _paged(plans, count: int, number):
    paginator = Paginator(plans, PAGE_SIZE)
    paginator.count = count  # counted already: no second count
    return paginator.get_page(number)


@requires(Capability.SEE_PLANS_NEEDING_ACTION)
def attention(request):
    """Plans that probably should be ceased, or need attention, each with its reasons: counted,
    sorted and paged in SQL (ADR 0077), the reasons of the page's plans given by the domain rule."""
    today = uk_today()
    plans = _in_force(request, today, by_key=True)
    counts, total = measures.attention_counts(plans, today)
    page = _paged(measures.needing_attention(plans, today), total, request.GET.get("page"))
    page.object_list = measures.attention_rows(page.object_list, today)
    record_listed(
        Actor.of(request),
        [plan.child for plan, _ in page],
        what="Listed in plans needing attention",
    )
    return render(
        request,
        "reviews/attention.jinja",
        {
            "title": "Plans that need attention",
            "page": page,
            "total": total,
            "counts": [
                (ceasing_rules.ATTENTION_LABELS[code], counts[code]) for code in ceasing_rules.Attention
            ],
        },
    )


@requires(Capability.SEE_ADULTHOOD)
def adulthood(request):
    """Young people aged 14 to 17 likely to need adult social care (for the adult services team),
    and Year 11 and Year 13 transitions with their next step known or not: each list counted,
    sorted and paged in SQL (ADR 0077) from what each plan keeps, by the plan's own key; only the
    plans shown are read with their children (ADR 105)."""
    today = uk_today()
    plans = _in_force(request, today, by_key=True)
    adult_care = measures.adult_care_plans(plans, today)
    transitions = measures.transition_plans(plans)
    counts = transitions.order_by().aggregate(total=Count("pk"), known=Count("pk", filter=~Q(destination="")))
    care_page = _paged(adult_care, adult_care.count(), request.GET.get("page"))
    care_page.object_list = measures.adult_care_rows(care_page.object_list, today)
    year_page = _paged(transitions, counts["total"], request.GET.get("transitions"))
    year_page.object_list = measures.transition_rows(year_page.object_list)
    record_listed(
        Actor.of(request),
        [p.child for p, *_ in [*care_page.object_list, *year_page.object_list]],
        what="Listed for preparing for adulthood",
    )
    return render(
        request,
        "reviews/adulthood.jinja",
        {
            "title": "Preparing for adulthood",
            "adult_care": care_page,
            "transitions": year_page,
            "transitions_total": counts["total"],
            "known": counts["known"],
        },
    )
