"""The dashboard's figures counted from the records: for each measure, every case, review, piece of
advice or answer that counts towards it in a window, as (day, counted as good, child), judged by the
rule where it lives (domain.assessment, domain.reviews, domain.advice, domain.voice). Each measure is
read in one or two queries of plain values however many children there are; the months are then
counted by domain.partnership. `annual_figures` gives the DfE's calendar-year figures that the SEN2
return's headline gives too."""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateField, Min, Q
from django.db.models.functions import TruncMonth

from tellonce.advice import measures as advice_measures
from tellonce.advice.models import HEALTH_SERVICES, AdviceRequest
from tellonce.assessments import measures as assessment_measures
from tellonce.assessments.measures import case_rows
from tellonce.assessments.models import AssessmentRequest
from tellonce.core import sqldates
from tellonce.core.db import read_rows
from tellonce.domain import assessment as assessment_rules
from tellonce.domain import partnership as p
from tellonce.domain import reviews as review_rules
from tellonce.domain.advice import AdviceFacts
from tellonce.domain.ceasing import CeaseReason
from tellonce.domain.partnership import Figure
from tellonce.domain.sen2 import scope as sen2_scope
from tellonce.domain.voice import AGREE, Verdict, compare
from tellonce.feedback.measures import DIMENSIONS
from tellonce.feedback.models import Answer, Question, Response
from tellonce.organisations.models import Service
from tellonce.people.models import Child
from tellonce.plans import measures as quality
from tellonce.plans.models import Plan, PlanVersion, Status
from tellonce.reviews import measures as review_measures
from tellonce.reviews.models import (
    FACT_COLUMNS,
    Agency,
    AnnualReview,
    ReviewAttendance,
    amended_issued_on,
    facts_from,
    sen2_review_facts,
)
from tellonce.waiting_lists import counted as waiting
from tellonce.waiting_lists.models import WaitingService

# One counted item: the day it counts in, whether it counts as good (None: not yet due), the child.
Item = tuple[date, bool | None, object]
MUST = frozenset(quality.MUST)  # the codes the SQL counts, for the Python reference


@dataclass(frozen=True)
class Window:
    first: date
    last: date
    today: date

    def holds(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last


def _assessment_items(local_authority_id: int, window: Window) -> dict[str, list[Item]]:
    cases = AssessmentRequest.objects.filter(child__local_authority_id=local_authority_id).filter(
        Q(decision_notified_on__range=(window.first, window.last))
        | Q(final_issued_on__range=(window.first, window.last))
    )
    found: dict[str, list[Item]] = defaultdict(list)
    for _, child_id, facts in case_rows(cases):
        decided = assessment_rules.decision_outcome(facts)
        if decided is not None and window.holds(decided[0]):
            found["requests_decided_in_6_weeks"].append((decided[0], decided[1], child_id))
        plan = assessment_rules.twenty_week_outcome(facts)
        if plan is not None and window.holds(plan.issued):
            found["plans_in_20_weeks_including_exceptions"].append((plan.issued, plan.on_time, child_id))
            if not plan.excepted:
                found["plans_in_20_weeks_excluding_exceptions"].append((plan.issued, plan.on_time, child_id))
    return found


def _reported_review_decisions(local_authority_id: int, window: Window) -> list[Item]:
    """Review decisions within 4 weeks as the DfE counts them from the SEN2 return: one review a
    plan a year, the latest the next January's return reports (domain.sen2.scope). Every review of
    the council is read, in the order they were recorded: an earlier review can be the latest by
    census day, and then nothing counts for its plan that year."""
    by_plan = sen2_review_facts(
        AnnualReview.objects.filter(plan__child__local_authority_id=local_authority_id)
    )
    plans = (
        Plan.objects.filter(pk__in=list(by_plan))
        .annotate(first_issued=Min("versions__issued_on", filter=Q(versions__status=Status.ISSUED)))
        .order_by()
        .values_list("pk", "child_id", "first_issued", "assessment__final_issued_on", "ceased_on")
    )
    found: list[Item] = []
    for plan_id, child_id, first_issued, final_issued, ceased in plans:
        plan = sen2_scope.PlanFacts(
            started=first_issued or final_issued, ceased=ceased, reviews=by_plan[plan_id]
        )
        for year in range(window.first.year, window.last.year + 1):
            counted = sen2_scope.reported_review_decision(plan, year)
            if counted is not None and window.holds(counted[0]):
                found.append((counted[0], counted[1], child_id))
    return found


def _review_items(local_authority_id: int, window: Window) -> dict[str, list[Item]]:
    reviews = AnnualReview.objects.filter(plan__child__local_authority_id=local_authority_id)
    decided = reviews.filter(decision_notified_on__gte=window.first, decision_notified_on__lte=window.last)
    amended_on = amended_issued_on(
        decided.filter(amendment_version__isnull=False).values("amendment_version")
    )
    found: dict[str, list[Item]] = defaultdict(list)
    for child_id, *values in decided.order_by().values_list("plan__child_id", *FACT_COLUMNS):
        facts = facts_from(tuple(values), amended_on)
        clock = review_rules.clock(facts, window.today)
        if clock.amended_final_on_time is not None and clock.amended_final_due is not None:
            day = facts.amended_final_issued or clock.amended_final_due.due
            found["amendments_on_time"].append((day, clock.amended_final_on_time, child_id))
    found["review_decisions_in_4_weeks"] = _reported_review_decisions(local_authority_id, window)
    # Health at reviews: meetings in the window to which health was invited.
    health: dict = {}
    for review_id, held, meeting, child_id, came, advice in (
        ReviewAttendance.objects.filter(
            agency=Agency.HEALTH, review__plan__child__local_authority_id=local_authority_id
        )
        .filter(
            Q(review__held_on__range=(window.first, window.last))
            | Q(review__held_on__isnull=True, review__meeting_on__range=(window.first, window.last))
        )
        .order_by()
        .values_list(
            "review_id",
            "review__held_on",
            "review__meeting_on",
            "review__plan__child_id",
            "attended",
            "sent_advice",
        )
    ):
        day = held or meeting
        if not window.holds(day) or day > window.today:
            continue
        _, good, _ = health.get(review_id, (day, False, child_id))
        health[review_id] = (day, good or came or advice, child_id)
    found["health_at_reviews"] = list(health.values())
    return found


def _advice_items(local_authority_id: int, window: Window) -> dict[str, list[Item]]:
    found: dict[str, list[Item]] = defaultdict(list)
    rows = (
        AdviceRequest.objects.filter(
            child__local_authority_id=local_authority_id,
            purpose="assessment",
            service__in=[*HEALTH_SERVICES, Service.SOCIAL_CARE],
            received_on__gte=window.first,
            received_on__lte=min(window.last, window.today),
        )
        .order_by()
        .values_list("requested_on", "received_on", "service", "child_id")
    )
    for requested, received, service, child_id in rows:
        key = (
            "social_care_advice_in_6_weeks" if service == Service.SOCIAL_CARE else "health_advice_in_6_weeks"
        )
        found[key].append((received, received <= AdviceFacts(requested, received).due, child_id))
    return found


def _quality_items(local_authority_id: int, window: Window) -> dict[str, list[Item]]:
    rows = (
        PlanVersion.objects.filter(
            plan__child__local_authority_id=local_authority_id,
            status=Status.ISSUED,
            issued_on__gte=window.first,
            issued_on__lte=window.last,
        )
        .order_by()
        .values_list("issued_on", "finding_codes", "plan__child_id")
    )
    return {
        "plans_without_findings": [
            (day, not (set(codes or ()) & MUST), child_id) for day, codes, child_id in rows
        ]
    }


def _voice_items(local_authority_id: int, window: Window) -> dict[str, list[Item]]:
    rows = (
        Answer.objects.filter(
            response__survey__local_authority_id=local_authority_id,
            question__kind=Question.Kind.AGREE,
            score__gte=1,
            response__submitted_on__gte=window.first,
            response__submitted_on__lte=window.last,
        )
        .order_by()
        .values_list("response__submitted_on", "score", "response__child_id")
    )
    return {"families_satisfied": [(day, score in AGREE, child_id) for day, score, child_id in rows]}


READERS: dict[str, Callable[[int, Window], dict[str, list[Item]]]] = {
    "assessments": _assessment_items,
    "reviews": _review_items,
    "advice": _advice_items,
    "quality": _quality_items,
    "voice": _voice_items,
}
NEEDS = {
    "requests_decided_in_6_weeks": "assessments",
    "plans_in_20_weeks_including_exceptions": "assessments",
    "plans_in_20_weeks_excluding_exceptions": "assessments",
    "review_decisions_in_4_weeks": "reviews",
    "amendments_on_time": "reviews",
    "health_at_reviews": "reviews",
    "health_advice_in_6_weeks": "advice",
    "social_care_advice_in_6_weeks": "advice",
    "plans_without_findings": "quality",
    "families_satisfied": "voice",
}


def items(local_authority_id: int, window: Window, keys: list[str]) -> dict[str, list[Item]]:
    """Every item behind each measure in `keys`, reading each source once."""
    found: dict[str, list[Item]] = {}
    for reader in dict.fromkeys(NEEDS[k] for k in keys):
        found.update(READERS[reader](local_authority_id, window))
    return {k: found.get(k, []) for k in keys}


def _grouped(rows, day: str, good: Q) -> dict[str, Figure]:
    """`domain.partnership.by_month` counted by the database: `rows` (each counting as good when
    `good`) grouped by the month of `day`, in one query."""
    counted = (
        rows.order_by()
        .annotate(month=TruncMonth(day, output_field=DateField()))
        .values("month")
        .annotate(n=Count("pk", distinct=True), good=Count("pk", filter=good, distinct=True))
        .values_list("month", "good", "n")
    )
    return {p.month_key(month): Figure(good, n) for month, good, n in counted}


def _quality_monthly(local_authority_id: int, window: Window) -> dict[str, Figure]:
    """plans_without_findings, as `_quality_items` judges each version."""
    versions = PlanVersion.objects.filter(
        local_authority_id=local_authority_id,
        status=Status.ISSUED,
        issued_on__gte=window.first,
        issued_on__lte=window.last,
    )
    return _grouped(versions, "issued_on", quality.without_must_finding(local_authority_id))


def _voice_monthly(local_authority_id: int, window: Window) -> dict[str, Figure]:
    """families_satisfied, as `_voice_items` judges each answer (domain.voice.AGREE)."""
    answers = Answer.objects.filter(
        response__survey__local_authority_id=local_authority_id,
        question__kind=Question.Kind.AGREE,
        score__gte=1,
        response__submitted_on__gte=window.first,
        response__submitted_on__lte=window.last,
    )
    return _grouped(answers, "response__submitted_on", Q(score__in=AGREE))


def _figures(counted: dict[str, tuple]) -> dict[str, Figure]:
    return {month: Figure(good, n) for month, (good, n) in counted.items()}


Counted = dict[str, dict[str, Figure]]  # each measure's figures by month


def _review_decisions_monthly(local_authority_id: int, window: Window) -> Counted:
    """review_decisions_in_4_weeks, as `_reported_review_decisions` judges each plan and year."""
    counted = review_measures.reported_decisions_by_month(local_authority_id, window.first, window.last)
    return {"review_decisions_in_4_weeks": _figures(counted)}


def _amendments_monthly(local_authority_id: int, window: Window) -> Counted:
    """amendments_on_time, as `_review_items` judges each review decided in the window."""
    counted = review_measures.amendments_by_month(local_authority_id, window.first, window.last, window.today)
    return {"amendments_on_time": _figures(counted)}


def _health_monthly(local_authority_id: int, window: Window) -> Counted:
    """health_at_reviews, as `_review_items` judges each review: a meeting (held, or planned when
    not yet held) in the window and not after today to which health was invited, good when anyone
    from health came or sent advice."""
    counted = review_measures.health_by_month(
        local_authority_id, window.first, min(window.last, window.today)
    )
    return {"health_at_reviews": _figures(counted)}


def _assessments_monthly(local_authority_id: int, window: Window) -> Counted:
    """The three assessment measures, as `_assessment_items` judges each case (assessments.measures)."""
    counted = assessment_measures.by_month(local_authority_id, window.first, window.last)
    return {key: _figures(months) for key, months in counted.items()}


def _advice_monthly(local_authority_id: int, window: Window) -> Counted:
    """health_advice_in_6_weeks and social_care_advice_in_6_weeks, as `_advice_items` judges each
    request: advice for an assessment received in the window and by today, within 6 weeks."""
    day = sqldates.day_number
    base, params = (
        advice_measures.assessment_advice(local_authority_id)
        .filter(
            service__in=[*HEALTH_SERVICES, Service.SOCIAL_CARE],
            received_on__gte=window.first,
            received_on__lte=min(window.last, window.today),
        )
        .order_by()
        .values("requested_on", "received_on", "service")
        .query.sql_with_params()
    )
    sql = f"""
WITH a AS ({base}),
counted AS (
  SELECT {sqldates.month_text("a.received_on")} AS month,
    CASE WHEN a.service = %s THEN 1 ELSE 0 END AS social_care,
    CASE WHEN {day("a.received_on")} <= {day("a.requested_on")} + {advice_measures.DUE_DAYS} THEN 1 ELSE 0 END AS in_time
  FROM a
)
SELECT social_care, month, SUM(in_time), COUNT(*) FROM counted GROUP BY social_care, month"""
    found: Counted = {"health_advice_in_6_weeks": {}, "social_care_advice_in_6_weeks": {}}
    for social_care, month, good, n in read_rows(sql, (*params, Service.SOCIAL_CARE.value)):
        key = "social_care_advice_in_6_weeks" if social_care else "health_advice_in_6_weeks"
        found[key][month] = Figure(int(good), int(n))
    return found


def _one(key: str, count: Callable[[int, Window], dict[str, Figure]]) -> Callable[[int, Window], Counted]:
    return lambda local_authority_id, window: {key: count(local_authority_id, window)}


_QUALITY = _one("plans_without_findings", _quality_monthly)
_VOICE = _one("families_satisfied", _voice_monthly)

# The measures the database counts by month: for each, the query that counts it (one query a
# source, giving each of its measures). `items` stays the reference for every measure.
COUNTED_IN_SQL: dict[str, Callable[[int, Window], Counted]] = {
    "requests_decided_in_6_weeks": _assessments_monthly,
    "plans_in_20_weeks_including_exceptions": _assessments_monthly,
    "plans_in_20_weeks_excluding_exceptions": _assessments_monthly,
    "review_decisions_in_4_weeks": _review_decisions_monthly,
    "amendments_on_time": _amendments_monthly,
    "health_advice_in_6_weeks": _advice_monthly,
    "social_care_advice_in_6_weeks": _advice_monthly,
    "plans_without_findings": _QUALITY,
    "families_satisfied": _VOICE,
    "health_at_reviews": _health_monthly,
}


def monthly(local_authority_id: int, window: Window, keys: list[str]) -> dict[str, dict[str, Figure]]:
    """Each measure in `keys` counted by month: in the database where COUNTED_IN_SQL has it (one
    query a source, however many of its measures are asked for), else from `items`."""
    found: Counted = {}
    for count in dict.fromkeys(COUNTED_IN_SQL[k] for k in keys if k in COUNTED_IN_SQL):
        found |= count(local_authority_id, window)
    rest = [k for k in keys if k not in COUNTED_IN_SQL]
    if rest:
        found |= {
            k: p.by_month((day, good) for day, good, _ in v)
            for k, v in items(local_authority_id, window, rest).items()
        }
    return {k: found.get(k, {}) for k in keys}


def ceased_by_reason(local_authority_id: int, first: date, last: date) -> dict[str, int]:
    """Plans ceased from `first` to `last` by their SEN2 reason code ("" when none was recorded)."""
    rows = (
        Plan.objects.filter(local_authority_id=local_authority_id, ceased_on__gte=first, ceased_on__lte=last)
        .order_by()
        .values("cease_reason")
        .annotate(n=Count("pk"))
        .values_list("cease_reason", "n")
    )
    return dict(sorted(rows))


def ceased_by_month(local_authority_id: int, first: date, last: date) -> dict[str, Counter]:
    found: dict[str, Counter] = defaultdict(Counter)
    for day, reason in (
        Plan.objects.filter(local_authority_id=local_authority_id, ceased_on__gte=first, ceased_on__lte=last)
        .order_by()
        .values_list("ceased_on", "cease_reason")
    ):
        found[p.month_key(day)][reason] += 1
    return found


def annual_figures(local_authority, year: int) -> dict:
    """The DfE's calendar-year figures for `year` (send-rules.md section 10), as the SEN2 return's
    headline gives them: each a Figure(numerator, denominator); ceased_by_reason maps each SEN2
    reason code to the plans ceased for it (plans ceased with no reason recorded are left out, as
    the return cannot send them)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    la_id = getattr(local_authority, "pk", local_authority)
    window = Window(first, last, today=last)
    keys = [k for k in p.ANNUAL_KEYS if k != "ceased_by_reason"]
    counted = monthly(la_id, window, keys)
    figures: dict = {k: p.calendar_year(counted[k], year) for k in keys}
    ceased = ceased_by_reason(la_id, first, last)
    figures["ceased_by_reason"] = {
        (code if code in set(CeaseReason) else "unknown"): n for code, n in ceased.items()
    }
    return figures


def waits(local_authority_id: int, today: date) -> list[tuple[str, object]]:
    """Each of the council's waiting lists as it stands today (waiting_lists.counted.lists_today, in
    one query over the children waiting): the number waiting, the median and 92nd percentile
    weeks, and how many wait beyond the service's standard."""
    services = list(WaitingService.objects.filter(local_authority_id=local_authority_id).order_by("name"))
    found = waiting.lists_today(services, today, local_authority_id=local_authority_id)
    return [(service.name, found[service.pk]) for service in services]


def missing_voices(local_authority_id: int) -> list[tuple[str, str, object]]:
    """Groups of the SEND cohort under-represented among the survey answers, by ethnicity, locality
    and primary need: (dimension, group, comparison). The same comparison as feedback's "whose
    voice" page (its labels, domain.voice.compare). The cohort and the answers are each counted in
    one query grouped by the three (the council's own rows), and each distinct value labelled once."""
    columns = ("ethnicity", "locality", "primary_need")
    cohort = list(
        Child.objects.filter(local_authority_id=local_authority_id)
        .exclude(sen_status="NONE")
        .order_by()
        .values_list("ethnicity", "locality__name", "primary_need")
        .annotate(n=Count("id"))
    )
    answers = list(
        Response.objects.filter(local_authority_id=local_authority_id)
        .order_by()
        .values_list(*columns)
        .annotate(n=Count("id"))
    )
    found = []
    for index, dimension in enumerate(columns):
        title, label = DIMENSIONS[dimension]
        labels: dict[str, str] = {}
        heard: Counter = Counter()
        everyone: Counter = Counter()
        for rows, counted in ((answers, heard), (cohort, everyone)):
            for row in rows:
                value = row[index] or ""
                if value not in labels:
                    labels[value] = label(value)
                counted[labels[value]] += row[-1]
        for comparison in compare(heard, everyone):
            if comparison.verdict == Verdict.UNDER:
                found.append((title, comparison.group, comparison))
    return found


def children_known(local_authority_id: int) -> dict:
    """What the board's overview showed: the children known to the service by SEN status and need
    (most first), counted in one query grouped by both."""
    status: Counter = Counter()
    need: Counter = Counter()
    for sen_status, primary_need, n in (
        Child.objects.filter(local_authority_id=local_authority_id)
        .order_by()
        .values_list("sen_status", "primary_need")
        .annotate(n=Count("id"))
    ):
        status[sen_status] += n
        if primary_need != "":
            need[primary_need] += n
    return {"total": sum(status.values()), "by_status": _most_first(status), "by_need": _most_first(need)}


def _most_first(counted: Counter) -> list[tuple[str, int]]:
    return sorted(counted.items(), key=lambda item: (-item[1], item[0] or ""))
