"""Reviews counted across the area: timeliness by month and coordinator, attendance by agency, the
plans that probably should be ceased, and the preparing-for-adulthood lists. Callers pass the
plans in scope (or, for aggregates only, the local authority)."""

from collections import Counter, defaultdict
from datetime import date

from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain import reviews as rules
from tellonce.domain.adulthood import TRANSITION_YEARS, YoungPerson, adult_social_care_reasons
from tellonce.domain.school_years import age_on, national_curriculum_year
from tellonce.plans.models import PlanVersion, Status
from tellonce.reviews.models import AnnualReview, Direction, EducationStatus, PlanMove, ReviewAttendance

TIMELINESS_YEARS = 2


def _first_issued(plan_ids) -> dict:
    first = {}
    for plan_id, issued in (
        PlanVersion.objects.filter(plan_id__in=plan_ids, status=Status.ISSUED)
        .order_by("plan_id", "number")
        .values_list("plan_id", "issued_on")
    ):
        first.setdefault(plan_id, issued)
    return first


def timeliness(local_authority_id: int, today: date) -> tuple[dict, Counter, Counter]:
    """Reviews decided in the last 2 years, counted by month and by coordinator: the review on time
    (decided within 12 months of the plan or the last review), the decision within 4 weeks of the
    meeting, and the amended plan on time; and who was invited, came or sent advice, by agency."""
    area = AnnualReview.objects.filter(plan__child__local_authority_id=local_authority_id)
    decided = list(
        area.filter(
            decision_notified_on__isnull=False,
            decision_notified_on__gte=today.replace(
                year=today.year - TIMELINESS_YEARS, day=min(today.day, 28)
            ),
        ).select_related("coordinator", "amendment_version")
    )
    notified = defaultdict(list)
    for plan_id, day in area.filter(decision_notified_on__isnull=False).values_list(
        "plan_id", "decision_notified_on"
    ):
        notified[plan_id].append(day)
    first = _first_issued({r.plan_id for r in decided})
    groups = {"month": defaultdict(Counter), "coordinator": defaultdict(Counter)}
    for review in decided:
        clock = rules.clock(review.facts(), today)
        earlier = [d for d in notified[review.plan_id] if d < review.decision_notified_on]
        basis = max(earlier) if earlier else first.get(review.plan_id)
        in_time = basis is not None and review.decision_notified_on <= rules.review_due(basis).due
        keys = (
            ("month", f"{review.decision_notified_on:%Y-%m}"),
            ("coordinator", str(review.coordinator or "Not allocated")),
        )
        for group, key in keys:
            c = groups[group][key]
            c["reviews"] += 1
            c["in_time"] += in_time
            c["decided"] += clock.decision_on_time is not None
            c["decided_on_time"] += bool(clock.decision_on_time)
            c["amended"] += clock.amended_final_on_time is not None
            c["amended_on_time"] += bool(clock.amended_final_on_time)
    invited, present = Counter(), Counter()
    for agency, came, sent in ReviewAttendance.objects.filter(review__in=decided).values_list(
        "agency", "attended", "sent_advice"
    ):
        invited[agency] += 1
        present[(agency, "came")] += came
        present[(agency, "advice")] += sent and not came
    return groups, invited, present


def attention_queue(versions, today: date) -> list:
    """The plans in force among `versions` that probably should be ceased or need attention."""
    in_force = list(versions.in_force(today).select_related("plan__child__setting"))
    plan_ids = [v.plan_id for v in in_force]
    last, status = {}, {}
    for plan_id, day, education, left_on in (
        AnnualReview.objects.filter(plan_id__in=plan_ids, decision_notified_on__isnull=False)
        .order_by("plan_id", "decision_notified_on")
        .values_list("plan_id", "decision_notified_on", "education_status", "left_education_on")
    ):
        last[plan_id], status[plan_id] = day, (education, left_on)
    moved = dict(
        PlanMove.objects.filter(plan_id__in=plan_ids, direction=Direction.OUT).values_list(
            "plan_id", "moves_on"
        )
    )
    first = _first_issued(plan_ids)
    facts = []
    for v in in_force:
        child = v.plan.child
        education, left_on = status.get(v.plan_id, (EducationStatus.IN_EDUCATION, None))
        facts.append(
            (
                v.plan,
                ceasing_rules.PlanFacts(
                    date_of_birth=child.date_of_birth,
                    plan_made=first[v.plan_id],
                    last_review_decided=last.get(v.plan_id),
                    has_setting=child.setting_id is not None,
                    left_education_on=left_on if education != EducationStatus.IN_EDUCATION else None,
                    return_planned=education == EducationStatus.LEFT_RETURN_PLANNED,
                    moved_away_on=moved.get(v.plan_id),
                ),
            )
        )
    return ceasing_rules.queue(facts, today)


def adulthood(versions, today: date) -> tuple[list, list]:
    """Young people aged 14 to 17 likely to need adult social care, with the reasons; and Year 11
    and Year 13 transitions with the next step the latest review recorded (blank if not known)."""
    in_force = list(
        versions.in_force(today).select_related("plan__child__setting").prefetch_related("sections")
    )
    destinations = dict(
        AnnualReview.objects.filter(plan_id__in=[v.plan_id for v in in_force])
        .exclude(destination="")
        .order_by("plan_id", "meeting_on")
        .values_list("plan_id", "destination")
    )
    adult_care, transitions = [], []
    for v in in_force:
        child = v.plan.child
        age = age_on(child.date_of_birth, today)
        nc_year = (
            child.nc_year_override
            if child.nc_year_override is not None
            else national_curriculum_year(child.date_of_birth, today).value
        )
        if 14 <= age <= 17:
            content = v.content()
            reasons = adult_social_care_reasons(
                YoungPerson(
                    age=age,
                    primary_need=child.primary_need,
                    has_social_care_needs=bool(content.needs_in("D").strip()),
                    has_social_care_provision=bool(content.provision_in("H1") or content.provision_in("H2")),
                    looked_after=child.looked_after,
                    child_in_need=child.child_in_need,
                )
            )
            if reasons:
                adult_care.append((v.plan, age, reasons))
        if nc_year in TRANSITION_YEARS:
            transitions.append((v.plan, nc_year, destinations.get(v.plan_id, "")))
    return sorted(adult_care, key=lambda row: -row[1]), sorted(
        transitions, key=lambda row: (row[1], bool(row[2]))
    )
