"""The review schedule: every plan in force with its next review due, its phase-transfer deadline
(from the years the child's setting teaches and where they are going) and any review under way,
read in one query (one row a plan, what the schedule needs from the plan's versions, reviews and
moves read by subqueries), computed by domain.reviews; and the steps
of the reviews and amendments still under way."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from tellonce.core.formatting import govuk_date
from tellonce.domain import reviews as rules
from tellonce.domain.education_settings import SettingPhase, SettingYears
from tellonce.domain.phase_transfer import TRANSFER_LABELS, Transfer
from tellonce.domain.school_years import academic_year_start, age_on, national_curriculum_year
from tellonce.plans.models import Plan, PlanVersion, Status
from tellonce.reviews import presenters
from tellonce.reviews.models import (
    FACT_COLUMNS,
    AnnualReview,
    Direction,
    PlanMove,
)


@dataclass(frozen=True)
class ScheduleRow:
    plan_id: object
    plan_ref: str
    child_id: object
    child_name: str
    coordinator: str
    schedule: rules.PlanSchedule
    open_review_id: object | None

    @property
    def status_label(self) -> str:
        return rules.SCHEDULE_LABELS[self.schedule.status]

    @property
    def transfer_text(self) -> str:
        s = self.schedule
        if s.transfer is None:
            return ""
        return f"{TRANSFER_LABELS[s.transfer]}: amend before {govuk_date(s.transfer_before)}"


def _of_plan(model):
    return model.objects.filter(plan=OuterRef("plan_id"))


def _years(phase: str | None, lowest: int, highest: int, sixth_form: bool) -> SettingYears | None:
    """What a setting read as plain values teaches; None where the child has no such setting."""
    return SettingYears(lowest, highest, sixth_form, SettingPhase(phase)) if phase else None


def schedule_rows(versions, *, today: date) -> list[ScheduleRow]:
    """The review schedule for the plans in force that `versions` (a scoped PlanVersion QuerySet)
    holds, in priority order: phase transfers by their fixed dates, then by the date due (then by
    reference, so the order is the same every time)."""
    reviews = _of_plan(AnnualReview)
    undecided = reviews.filter(decision_notified_on__isnull=True)
    held_or_arranged = undecided.filter(Q(held_on__isnull=False) | Q(meeting_on__isnull=False))
    rows = (
        versions.in_force(today)
        .annotate(
            first_issued=Subquery(
                _of_plan(PlanVersion).filter(status=Status.ISSUED).order_by("number").values("issued_on")[:1]
            ),
            last_decided=Subquery(
                reviews.filter(decision_notified_on__isnull=False)
                .order_by("-decision_notified_on")
                .values("decision_notified_on")[:1]
            ),
            open_review=Subquery(undecided.order_by(F("meeting_on").desc(nulls_last=True)).values("pk")[:1]),
            open_meeting=Subquery(
                held_or_arranged.annotate(day=Coalesce("held_on", "meeting_on")).order_by().values("day")[:1]
            ),
            transferred_in=Subquery(
                _of_plan(PlanMove)
                .filter(direction=Direction.IN)
                .order_by("-moves_on")
                .values("transferred_on")[:1]
            ),
        )
        .order_by()  # sorted below, by priority
        .values_list(
            "plan_id",
            "plan__ref",
            "plan__child_id",
            "plan__child__given_name",
            "plan__child__preferred_name",
            "plan__child__family_name",
            "plan__child__date_of_birth",
            "plan__child__nc_year_override",
            "plan__child__setting__phase",
            "plan__child__setting__lowest_year",
            "plan__child__setting__highest_year",
            "plan__child__setting__has_sixth_form",
            "plan__child__next_setting__phase",
            "plan__child__next_setting__lowest_year",
            "plan__child__next_setting__highest_year",
            "plan__child__next_setting__has_sixth_form",
            "plan__coordinator__first_name",
            "plan__coordinator__last_name",
            "first_issued",
            "last_decided",
            "open_review",
            "open_meeting",
            "transferred_in",
        )
    )
    under_five = settings.TELLONCE_UNDER_FIVE_REVIEW_MONTHS
    out = []
    for (
        plan_id,
        ref,
        child_id,
        given,
        preferred,
        family,
        born,
        override,
        phase,
        lowest,
        highest,
        sixth_form,
        next_phase,
        next_lowest,
        next_highest,
        next_sixth_form,
        first,
        last,
        issued,
        decided,
        open_review,
        open_meeting,
        moved_in,
    ) in rows:
        nc_year = override if override is not None else national_curriculum_year(born, today).value
        # The latest decision and any meeting still to be decided are all the schedule reads.
        reviews_so_far = [rules.ReviewFacts(decision_notified=decided)] if decided else []
        if open_meeting:
            reviews_so_far.append(rules.ReviewFacts(meeting=open_meeting))
        schedule = rules.schedule(
            plan_issued=issued,
            reviews=reviews_so_far,
            nc_year=nc_year,
            today=today,
            setting=_years(phase, lowest, highest, sixth_form),
            next_setting=_years(next_phase, next_lowest, next_highest, next_sixth_form),
            months=under_five if age_on(born, today) < 5 else rules.REVIEW_MONTHS,
            transferred_in=moved_in,
        )
        out.append(
            ScheduleRow(
                plan_id,
                ref,
                child_id,
                f"{preferred or given} {family}",
                f"{first or ''} {last or ''}".strip() or "Not allocated",
                schedule,
                open_review,
            )
        )
    return sorted(out, key=lambda row: (row.schedule.priority, row.plan_ref))


STEP_COLUMNS = ("pk", "invitations_sent_on", "advice_circulated_on", "report_sent_on", *FACT_COLUMNS)


def step_rows(reviews):
    """`reviews` with only what a list of next steps shows: the step, its date and the child's name."""
    return reviews.select_related("plan__child").only(
        "id",
        "next_step",
        "next_step_due",
        "plan__id",
        "plan__child__id",
        "plan__child__given_name",
        "plan__child__preferred_name",
        "plan__child__family_name",
    )


def first_steps(reviews, shown: int) -> list[AnnualReview]:
    """The `shown` reviews of `reviews` whose next step falls due soonest, as `step_rows`: chosen
    from the reviews and their plans alone (by the council's index of steps under way), then only
    they read with their children, in two queries (ADR 102). Joined first, PostgreSQL read every
    step of the coordinator's with its child to sort them."""
    chosen = list(reviews.order_by("next_step_due", "pk").values_list("pk", flat=True)[:shown])
    return list(step_rows(AnnualReview.objects.filter(pk__in=chosen)).order_by("next_step_due", "pk"))


def steps_under_way(reviews, *, today: date, shown: int) -> tuple[list[presenters.StepDue], int]:
    """The next step of each review among `reviews` (a scoped AnnualReview QuerySet) still open,
    or whose amended plan is still to be issued: the `shown` due soonest, with their reviews and
    children read for the page, and how many there are, from each review's kept next step
    (tellonce.reviews.stored, ADR 0076): three queries however many reviews. The `shown` are chosen
    from the reviews and their plans alone, then only they are read with their children (ADR 102)."""
    pending = reviews.filter(next_step_due__isnull=False)
    first = first_steps(pending, shown)
    return (
        [presenters.StepDue(r, r.next_step, r.next_step_due, today > r.next_step_due) for r in first],
        pending.count(),
    )


# The review schedule paged in SQL, from what each plan keeps (tellonce.reviews.stored, ADR 0076).


def _status_bounds(today: date) -> dict[rules.ScheduleStatus, Q]:
    """rules.schedule_status as conditions on the due date that applies today."""
    _, term_ends = rules.term_of(today)
    _, next_ends = rules.term_of(term_ends + timedelta(days=1))
    return {
        rules.ScheduleStatus.OVERDUE: Q(due__lt=today),
        rules.ScheduleStatus.THIS_TERM: Q(due__gte=today, due__lte=term_ends),
        rules.ScheduleStatus.NEXT_TERM: Q(due__gt=term_ends, due__lte=next_ends),
        rules.ScheduleStatus.LATER: Q(due__gt=next_ends),
    }


def plans_in_schedule(plans, *, today: date):
    """`plans` (a scoped Plan QuerySet) in force today with the due date that applies (`due`), in
    the schedule's order: phase transfers by their fixed dates, then by the date due, then by
    reference. Stored values from an earlier academic year are worked out again first."""
    from tellonce.reviews import stored

    in_force = plans.not_ceased_by(today).filter(in_force_version__isnull=False)
    year = academic_year_start(today)
    # exclude(schedule_year=year), written as ranges so the council's plans are found by an index
    stale = in_force.filter(
        Q(schedule_year__lt=year) | Q(schedule_year__gt=year) | Q(schedule_year__isnull=True)
    )
    if stale.exists():
        stored.refresh(Plan.objects.filter(pk__in=stale.values("pk")), today=today)
    return _in_order(in_force, today)


def _in_order(plans, today: date):
    """`plans` with the due date that applies (`due`), in the schedule's order."""
    from tellonce.reviews import stored

    return plans.annotate(due=stored.due_column(today)).order_by(
        F("transfer_before").asc(nulls_last=True), "due", "ref"
    )


def schedule_counts(plans, *, today: date) -> tuple[dict[rules.ScheduleStatus, int], int, int]:
    """How many plans of `plans_in_schedule` fall due when, how many transfer this year, and all, in one query."""
    counts = plans.order_by().aggregate(
        total=Count("pk"),
        transfers=Count("pk", filter=Q(transfer_before__isnull=False)),
        **{status.value: Count("pk", filter=q) for status, q in _status_bounds(today).items()},
    )
    return {s: counts[s.value] for s in rules.ScheduleStatus}, counts["transfers"], counts["total"]


def filter_schedule(plans, *, today: date, status: str = "", transfers: bool = False):
    if status:
        plans = plans.filter(_status_bounds(today)[rules.ScheduleStatus(status)])
    if transfers:
        plans = plans.filter(transfer_before__isnull=False)
    return plans


def schedule_page_rows(plans, *, today: date) -> list[ScheduleRow]:
    """One page's ScheduleRows from `plans` (a slice of plans_in_schedule), with each plan's open
    review read in one more query. The page's plans are chosen from the plans' own columns (the due
    date that applies is kept on the plan, ADR 98) and only they are joined to their children and
    coordinators: joined first, PostgreSQL read every child of the council to sort the plans."""
    rows = list(
        _in_order(Plan.objects.filter(pk__in=plans.values("pk")), today).values_list(
            "pk",
            "ref",
            "child_id",
            "child__given_name",
            "child__preferred_name",
            "child__family_name",
            "coordinator__first_name",
            "coordinator__last_name",
            "due",
            "transfer",
            "transfer_before",
            "review_in_progress",
        )
    )
    open_reviews = {}
    for plan_id, pk in (
        AnnualReview.objects.filter(plan__in=[row[0] for row in rows], decision_notified_on__isnull=True)
        .order_by("plan", F("meeting_on").asc(nulls_first=True))
        .values_list("plan_id", "pk")
    ):
        open_reviews[plan_id] = pk  # the last: the latest meeting, as schedule_rows reads it
    out = []
    for pk, ref, child_id, given, preferred, family, first, last, due, transfer, before, busy in rows:
        deadline = rules.Deadline("Review the plan", due, "Children and Families Act 2014, s44(1)")
        out.append(
            ScheduleRow(
                pk,
                ref,
                child_id,
                f"{preferred or given} {family}",
                f"{first or ''} {last or ''}".strip() or "Not allocated",
                rules.PlanSchedule(
                    review_due=deadline,
                    status=rules.schedule_status(due, today),
                    transfer=Transfer(transfer) if transfer else None,
                    transfer_before=before,
                    review_in_progress=busy,
                ),
                open_reviews.get(pk),
            )
        )
    return out
