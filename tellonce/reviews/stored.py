"""What the list pages filter, count, sort and page on, kept on each plan and review (ADR 0076):
each plan's version in force, its next review due (with 12 months, and with the council's months
for under-fives, the page choosing by the child's age), its phase transfer this academic year and
whether a review is under way; what the attention and adulthood lists filter on (ADR 0077, 100,
105); each review's next step and its due date.

`refresh(plans, today=)` works them out from the plan's versions, reviews and moves with the
domain rules (the reference) and writes only what changed. It runs whenever one of those rows, a
ceasing or the child is saved (receivers connected in ReviewsConfig.ready, so every service's write
keeps them in the same transaction), after bulk writes (the demo, imports), every night (the
phase transfer follows the academic year), and from `tellonce rebuild-plan-schedule`."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Case, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce

from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain import plan_content
from tellonce.domain import reviews as rules
from tellonce.domain.adulthood import ADULT_CARE_AGES, YoungPerson, adult_social_care_reasons
from tellonce.domain.calendar import add_months
from tellonce.domain.school_years import academic_year_start, birthday, national_curriculum_year
from tellonce.plans.models import Plan, PlanSection, PlanVersion, Status
from tellonce.reviews import presenters
from tellonce.reviews.models import (
    FACT_COLUMNS,
    AnnualReview,
    Direction,
    EducationStatus,
    PlanMove,
    amended_issued_on,
    facts_from,
)
from tellonce.reviews.schedule import _years

BATCH = 1000
# What the attention and adulthood pages read (ADR 0077), kept beside the schedule
ATTENTION_FIELDS = (
    "first_issued_on",
    "last_review_decided",
    "left_education_on",
    "return_planned",
    "moved_away_on",
    "age_limit",
    "no_review_after",
    "social_care_needs",
    "social_care_provision",
    "destination",
    "has_setting",
    "born_on",
    "nc_year",
    "adult_care_likely",
)
PLAN_FIELDS = (
    "in_force_version_id",
    "review_due",
    "review_due_under_five",
    "fifth_birthday",
    "transfer",
    "transfer_before",
    "schedule_year",
    "review_in_progress",
    *ATTENTION_FIELDS,
)
REVIEW_FIELDS = ("next_step", "next_step_due")


@dataclass(frozen=True)
class Stored:
    """One plan's kept values."""

    in_force_version_id: object
    review_due: date | None
    review_due_under_five: date | None
    fifth_birthday: date | None
    transfer: str
    transfer_before: date | None
    schedule_year: int | None
    review_in_progress: bool
    first_issued_on: date | None = None
    last_review_decided: date | None = None
    left_education_on: date | None = None
    return_planned: bool = False
    moved_away_on: date | None = None
    age_limit: date | None = None
    no_review_after: date | None = None
    social_care_needs: bool = False
    social_care_provision: bool = False
    destination: str = ""
    has_setting: bool = True
    born_on: date | None = None
    nc_year: int | None = None
    adult_care_likely: bool = False


def social_care(version_ids) -> dict[object, tuple[bool, bool]]:
    """For each version, whether it records social care needs (section D) and social care
    provision (H1 or H2): only those sections are read."""
    sections: dict[object, dict] = {}
    for version_id, code, data in PlanSection.objects.filter(
        plan_version_id__in=[pk for pk in version_ids if pk is not None], code__in=("D", "H1", "H2")
    ).values_list("plan_version_id", "code", "data"):
        sections.setdefault(version_id, {})[code] = data
    found = {}
    for version_id, data in sections.items():
        content = plan_content.from_data(data)
        found[version_id] = (
            bool(content.needs_in("D").strip()),
            bool(content.provision_in("H1") or content.provision_in("H2")),
        )
    return found


def _of_plan(model):
    return model.objects.filter(plan=OuterRef("pk"))


def expected(plans, *, today: date) -> dict[object, Stored]:
    """Each plan's values as the domain rules give them, read in one query (subqueries per plan)."""
    reviews = _of_plan(AnnualReview)
    undecided = reviews.filter(decision_notified_on__isnull=True)
    held_or_arranged = undecided.filter(Q(held_on__isnull=False) | Q(meeting_on__isnull=False))
    issued = _of_plan(PlanVersion).filter(status=Status.ISSUED)
    latest_decided = reviews.filter(decision_notified_on__isnull=False).order_by(
        "-decision_notified_on", "-pk"
    )
    rows = list(
        plans.annotate(
            latest=Subquery(issued.order_by("-number").values("pk")[:1]),
            first_issued=Subquery(issued.order_by("number").values("issued_on")[:1]),
            last_decided=Subquery(
                reviews.filter(decision_notified_on__isnull=False)
                .order_by("-decision_notified_on")
                .values("decision_notified_on")[:1]
            ),
            open_meeting=Subquery(
                held_or_arranged.annotate(day=Coalesce("held_on", "meeting_on")).order_by().values("day")[:1]
            ),
            transferred_in=Subquery(
                _of_plan(PlanMove)
                .filter(direction=Direction.IN)
                .order_by("-moves_on")
                .values("transferred_on")[:1]
            ),
            education=Subquery(latest_decided.values("education_status")[:1]),
            left_on=Subquery(latest_decided.values("left_education_on")[:1]),
            moved_away=Subquery(
                _of_plan(PlanMove)
                .filter(direction=Direction.OUT)
                .order_by("-moves_on")
                .values("moves_on")[:1]
            ),
            latest_destination=Subquery(
                reviews.exclude(destination="")
                .order_by(F("meeting_on").desc(nulls_last=True))
                .values("destination")[:1]
            ),
        )
        .order_by()
        .values_list(
            "pk",
            "latest",
            "first_issued",
            "last_decided",
            "open_meeting",
            "transferred_in",
            "child__date_of_birth",
            "child__nc_year_override",
            "child__setting__phase",
            "child__setting__lowest_year",
            "child__setting__highest_year",
            "child__setting__has_sixth_form",
            "child__next_setting__phase",
            "child__next_setting__lowest_year",
            "child__next_setting__highest_year",
            "child__next_setting__has_sixth_form",
            "education",
            "left_on",
            "moved_away",
            "latest_destination",
            "child__setting_id",
            "child__primary_need",
            "child__looked_after",
            "child__child_in_need",
        )
    )
    care = social_care(row[1] for row in rows)
    under_five = settings.TELLONCE_UNDER_FIVE_REVIEW_MONTHS
    year = academic_year_start(today)
    out = {}
    for pk, latest, issued_on, decided, meeting, moved_in, born, override, *setting_values in rows:
        education, left_on, moved_away, destination, setting = setting_values[8:13]
        primary_need, looked_after, child_in_need = setting_values[13:]
        has_setting = setting is not None
        if latest is None or issued_on is None:
            out[pk] = Stored(
                latest,
                None,
                None,
                birthday(born, 5),
                "",
                None,
                None,
                False,
                has_setting=has_setting,
                born_on=born,
            )
            continue
        left = left_on if education not in (None, EducationStatus.IN_EDUCATION) else None
        needs, provision = care.get(latest, (False, False))
        attention = {
            "first_issued_on": issued_on,
            "last_review_decided": decided,
            "left_education_on": left,
            "return_planned": education == EducationStatus.LEFT_RETURN_PLANNED,
            "moved_away_on": moved_away,
            "age_limit": ceasing_rules.academic_year_end_after_25th_birthday(born),
            "no_review_after": add_months(decided or issued_on, ceasing_rules.NO_REVIEW_MONTHS),
            "social_care_needs": needs,
            "social_care_provision": provision,
            "destination": destination or "",
            "has_setting": has_setting,
            "born_on": born,
            # the domain's answer for someone of an age it covers; the list filters on the age
            "adult_care_likely": bool(
                adult_social_care_reasons(
                    YoungPerson(
                        age=ADULT_CARE_AGES.start,
                        primary_need=primary_need,
                        has_social_care_needs=needs,
                        has_social_care_provision=provision,
                        looked_after=looked_after,
                        child_in_need=child_in_need,
                    )
                )
            ),
        }
        reviews_so_far = [rules.ReviewFacts(decision_notified=decided)] if decided else []
        if meeting:
            reviews_so_far.append(rules.ReviewFacts(meeting=meeting))
        due = rules.next_review_due(issued_on, reviews_so_far, transferred_in=moved_in)
        due_young = rules.next_review_due(
            issued_on, reviews_so_far, months=under_five, transferred_in=moved_in
        )
        nc_year = override if override is not None else national_curriculum_year(born, today).value
        transfer = rules.phase_transfer_due(
            nc_year, today, setting=_years(*setting_values[:4]), next_setting=_years(*setting_values[4:8])
        )
        out[pk] = Stored(
            latest,
            due.due,
            due_young.due,
            birthday(born, 5),
            transfer.transfer.value if transfer else "",
            transfer.before if transfer else None,
            year,
            meeting is not None,
            nc_year=nc_year,
            **attention,
        )
    return out


STEP_COLUMNS = ("pk", "invitations_sent_on", "advice_circulated_on", "report_sent_on", *FACT_COLUMNS)


def expected_steps(reviews) -> dict[object, tuple[str, date | None]]:
    """Each review's next step and its due date as presenters.pending_step gives them."""
    amended_on = amended_issued_on(
        reviews.filter(amendment_version__isnull=False).values("amendment_version")
    )
    out = {}
    for pk, invited, circulated, reported, *values in reviews.order_by().values_list(*STEP_COLUMNS):
        facts = facts_from(tuple(values), amended_on)
        step = presenters.pending_step(
            facts,
            held_on=values[FACT_COLUMNS.index("held_on")],
            invitations_sent_on=invited,
            advice_circulated_on=circulated,
            report_sent_on=reported,
            today=date.min,  # only the title and the date are kept; overdue is worked out on the page
        )
        out[pk] = (step[0], step[1]) if step else ("", None)
    return out


def refresh(plans, *, today: date) -> int:
    """Works out again and writes the kept values of `plans` (a Plan QuerySet) and their reviews;
    returns how many rows changed."""
    want = expected(plans, today=today)
    have = dict(
        (row[0], Stored(*row[1:]))
        for row in Plan.objects.filter(pk__in=list(want)).values_list("pk", *PLAN_FIELDS)
    )
    changed = [pk for pk, stored in want.items() if have.get(pk) != stored]
    rows = []
    for pk in changed:
        plan = Plan(pk=pk)
        for name, value in want[pk].__dict__.items():
            setattr(plan, name, value)
        rows.append(plan)
    # bulk_update writes only these columns: not the plan's version, so no edit conflicts follow
    Plan.objects.bulk_update(rows, PLAN_FIELDS, batch_size=500)
    reviews = AnnualReview.objects.filter(plan__in=list(want))
    steps = expected_steps(reviews)
    have_steps = {pk: (title, due) for pk, title, due in reviews.values_list("pk", *REVIEW_FIELDS)}
    moved = [pk for pk, step in steps.items() if have_steps.get(pk) != step]
    if moved:
        AnnualReview.objects.bulk_update(
            [AnnualReview(pk=pk, next_step=steps[pk][0], next_step_due=steps[pk][1]) for pk in moved],
            REVIEW_FIELDS,
            batch_size=500,
        )
    return len(changed) + len(moved)


def rebuild(*, today: date, say: Callable[[int, int], None] = lambda done, total: None) -> int:
    """Every plan's kept values, a thousand plans at a time; `say(done, total)` after each batch."""
    ids = list(Plan.objects.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), BATCH):
        changed += refresh(Plan.objects.filter(pk__in=ids[start : start + BATCH]), today=today)
        say(min(start + BATCH, len(ids)), len(ids))
    return changed


def refresh_plans(plan_ids: Iterable[object], *, today: date) -> int:
    ids = [pk for pk in plan_ids if pk is not None]
    return refresh(Plan.objects.filter(pk__in=ids), today=today) if ids else 0


def years_before(today: date, years: int) -> date:
    """Children born on or before this day are at least `years` old today (age_on: someone born
    on 29 February has their birthday on 1 March in other years)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return date(today.year - years, 2, 28)


def due_column(today: date, prefix: str = ""):
    """The next review due that applies today: the under-fives' months while the child is under five
    (before the fifth birthday the plan keeps), read from the plan's own row (ADR 98)."""
    return Case(
        When(**{f"{prefix}fifth_birthday__gt": today}, then=F(f"{prefix}review_due_under_five")),
        default=F(f"{prefix}review_due"),
    )
