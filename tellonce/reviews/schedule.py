"""The review schedule: every plan in force with its next review due, its phase-transfer deadline
and any review under way, read in a few queries (one row a plan), computed by domain.reviews."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from tellonce.core.formatting import govuk_date
from tellonce.domain import reviews as rules
from tellonce.domain.phase_transfer import TRANSFER_LABELS
from tellonce.domain.school_years import age_on, national_curriculum_year
from tellonce.plans.models import PlanVersion, Status
from tellonce.reviews.models import AnnualReview, Direction, PlanMove


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


def schedule_rows(versions, *, today: date) -> list[ScheduleRow]:
    """The review schedule for the plans in force that `versions` (a scoped PlanVersion QuerySet)
    holds, in priority order: phase transfers by their fixed dates, then by the date due."""
    in_force = versions.in_force(today).values_list(
        "plan_id",
        "plan__ref",
        "plan__child_id",
        "plan__child__given_name",
        "plan__child__preferred_name",
        "plan__child__family_name",
        "plan__child__date_of_birth",
        "plan__child__nc_year_override",
        "plan__child__setting__phase",
        "plan__coordinator__first_name",
        "plan__coordinator__last_name",
    )
    rows = list(in_force)
    plan_ids = [row[0] for row in rows]
    first_issued = {}
    for plan_id, issued_on in (
        PlanVersion.objects.filter(plan_id__in=plan_ids, status=Status.ISSUED)
        .order_by("plan_id", "number")
        .values_list("plan_id", "issued_on")
    ):
        first_issued.setdefault(plan_id, issued_on)
    reviews = defaultdict(list)
    open_review = {}
    for pk, plan_id, meeting, held, notified in AnnualReview.objects.filter(plan_id__in=plan_ids).values_list(
        "pk", "plan_id", "meeting_on", "held_on", "decision_notified_on"
    ):
        reviews[plan_id].append(rules.ReviewFacts(meeting=held or meeting, decision_notified=notified))
        if notified is None:
            open_review[plan_id] = pk
    moved_in = dict(
        PlanMove.objects.filter(plan_id__in=plan_ids, direction=Direction.IN).values_list(
            "plan_id", "transferred_on"
        )
    )
    under_five = settings.TELLONCE_UNDER_FIVE_REVIEW_MONTHS
    out = []
    for plan_id, ref, child_id, given, preferred, family, born, override, phase, first, last in rows:
        nc_year = override if override is not None else national_curriculum_year(born, today).value
        schedule = rules.schedule(
            plan_issued=first_issued[plan_id],
            reviews=reviews[plan_id],
            nc_year=nc_year,
            today=today,
            setting_kind=phase,
            months=under_five if age_on(born, today) < 5 else rules.REVIEW_MONTHS,
            transferred_in=moved_in.get(plan_id),
        )
        out.append(
            ScheduleRow(
                plan_id,
                ref,
                child_id,
                f"{preferred or given} {family}",
                f"{first or ''} {last or ''}".strip() or "Not allocated",
                schedule,
                open_review.get(plan_id),
            )
        )
    return sorted(out, key=lambda row: row.schedule.priority)
