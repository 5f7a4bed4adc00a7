"""The review schedule: every plan in force with its next review due, its phase-transfer deadline
(from the years the child's setting teaches and where they are going) and any review under way,
read in one query (one row a plan, what the schedule needs from the plan's versions, reviews and
moves read by subqueries), computed by domain.reviews; and the steps
of the reviews and amendments still under way."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from tellonce.core.formatting import govuk_date
from tellonce.domain import reviews as rules
from tellonce.domain.education_settings import SettingPhase, SettingYears
from tellonce.domain.phase_transfer import TRANSFER_LABELS
from tellonce.domain.school_years import age_on, national_curriculum_year
from tellonce.plans.models import Kind, PlanVersion, Status
from tellonce.reviews import presenters
from tellonce.reviews.models import (
    FACT_COLUMNS,
    AnnualReview,
    Direction,
    PlanMove,
    amended_issued_on,
    facts_from,
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


def steps_under_way(reviews, *, today: date, shown: int) -> tuple[list[presenters.StepDue], int]:
    """The next step of each review among `reviews` (a scoped AnnualReview QuerySet) still open,
    or whose amended plan is still to be issued: the `shown` due soonest, with their reviews and
    children read for the page, and how many there are. Finished amendments are left out in the
    query, the rest are read as plain values with the amended plans in one more query, and only
    the reviews shown are read as rows."""
    issued = PlanVersion.objects.filter(
        based_on=OuterRef("amendment_version"), kind=Kind.AMENDED, status=Status.ISSUED
    )
    amending = Q(decision=rules.Decision.AMEND, imported_amended_final_on__isnull=True) & ~Exists(issued)
    open_or_amending = reviews.filter(Q(decision_notified_on__isnull=True) | amending).order_by()
    amended_on = amended_issued_on(
        open_or_amending.filter(amendment_version__isnull=False).values("amendment_version")
    )
    pending = []
    for pk, invited, circulated, reported, *values in open_or_amending.values_list(*STEP_COLUMNS):
        facts = facts_from(tuple(values), amended_on)
        step = presenters.pending_step(
            facts,
            held_on=values[FACT_COLUMNS.index("held_on")],
            invitations_sent_on=invited,
            advice_circulated_on=circulated,
            report_sent_on=reported,
            today=today,
        )
        if step:
            pending.append((step, pk))
    pending.sort(key=lambda item: (item[0][1], str(item[1])))
    first = AnnualReview.objects.select_related("plan__child").in_bulk([pk for _, pk in pending[:shown]])
    return [presenters.StepDue(first[pk], *step) for step, pk in pending[:shown]], len(pending)
