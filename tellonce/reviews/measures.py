"""Reviews counted across the area: timeliness by month and coordinator, attendance by agency, the
plans that probably should be ceased, and the preparing-for-adulthood lists. Callers pass the
plans in scope (or, for aggregates only, the local authority). Each reads a fixed number of
queries however many plans there are: plain values for the counting, subqueries for each plan's
latest review, and model rows only for the plans a page lists."""

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Case, Count, F, FilteredRelation, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from tellonce.accounts.models import User
from tellonce.core import sqldates
from tellonce.core.db import read_rows
from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain import reviews as rules
from tellonce.domain.adulthood import (
    ADULT_CARE_AGES,
    TRANSITION_YEARS,
    YoungPerson,
    adult_social_care_reasons,
)
from tellonce.domain.school_years import age_on, national_curriculum_year
from tellonce.domain.sen2.census import collection
from tellonce.plans.models import Kind, Plan, PlanVersion, Status
from tellonce.reviews import stored
from tellonce.reviews.models import (
    FACT_COLUMNS,
    Agency,
    AnnualReview,
    Direction,
    EducationStatus,
    PlanMove,
    ReviewAttendance,
    amended_issued_on,
    facts_from,
)

TIMELINESS_YEARS = 2


def _first_issued(plan_ids) -> dict:
    """The day each plan was made (its first issued version); `plan_ids` may be a subquery."""
    first = {}
    for plan_id, issued in (
        PlanVersion.objects.filter(plan_id__in=plan_ids, status=Status.ISSUED)
        .order_by("plan_id", "number")
        .values_list("plan_id", "issued_on")
    ):
        first.setdefault(plan_id, issued)
    return first


def _of_plan(model):
    return model.objects.filter(plan=OuterRef("plan_id"))


def timeliness_by_rules(local_authority_id: int, today: date) -> tuple[dict, Counter, Counter]:
    """timeliness worked out review by review by the domain rules: the reference for the SQL."""
    area, recent = _decided(local_authority_id, today)
    decided = list(recent.order_by().values_list("plan_id", "coordinator_id", *FACT_COLUMNS))
    amended_on = amended_issued_on(recent.filter(amendment_version__isnull=False).values("amendment_version"))
    names = {user.pk: str(user) for user in User.objects.filter(pk__in=recent.values("coordinator"))}
    notified = defaultdict(list)
    for plan_id, day in area.filter(
        decision_notified_on__isnull=False, plan__in=recent.values("plan")
    ).values_list("plan_id", "decision_notified_on"):
        notified[plan_id].append(day)
    first = _first_issued(recent.values("plan"))
    groups = {"month": defaultdict(Counter), "coordinator": defaultdict(Counter)}
    for plan_id, coordinator_id, *values in decided:
        facts = facts_from(tuple(values), amended_on)
        clock = rules.clock(facts, today)
        earlier = [d for d in notified[plan_id] if d < facts.decision_notified]
        basis = max(earlier) if earlier else first.get(plan_id)
        in_time = basis is not None and facts.decision_notified <= rules.review_due(basis).due
        keys = (
            ("month", f"{facts.decision_notified:%Y-%m}"),
            ("coordinator", names.get(coordinator_id, "Not allocated")),
        )
        for group, key in keys:
            c = groups[group][key]
            c["reviews"] += 1
            c["in_time"] += in_time
            c["decided"] += clock.decision_on_time is not None
            c["decided_on_time"] += bool(clock.decision_on_time)
            c["amended"] += clock.amended_final_on_time is not None
            c["amended_on_time"] += bool(clock.amended_final_on_time)
    return groups, *_attendance(recent, local_authority_id)


def _decided(local_authority_id: int, today: date):
    """The area's reviews, and those decided in the last 2 years."""
    area = AnnualReview.objects.filter(local_authority_id=local_authority_id)
    recent = area.filter(
        decision_notified_on__isnull=False,
        decision_notified_on__gte=today.replace(year=today.year - TIMELINESS_YEARS, day=min(today.day, 28)),
    )
    return area, recent


def _days(deadline) -> int:
    """A deadline of domain.reviews counted in calendar weeks from a day, as days after it."""
    start = date(2000, 1, 1)
    return (deadline(start).due - start).days


# A review's amendment as facts_from reads it, in SQL over a CTE `r` of reviews with the columns
# `amendment_version_id`, `a_status` and `a_served` (its proposed version's), and the imported
# dates: the notice (parameter: Status.WORKING), the amended plan issued (from the join over the
# council's own versions, whose parameters are Kind.AMENDED, Status.ISSUED and the council) and,
# over day numbers `decision`, `notice` and `meeting`, the day it was due (rules.amended_final_due
# when owed; parameter: Decision.AMEND).
_NOTICE = (
    "CASE WHEN r.amendment_version_id IS NOT NULL AND r.a_status <> %s THEN r.a_served"
    " ELSE r.imported_amendment_notice_on END"
)
_AMENDED_FINAL = (
    "CASE WHEN amended.based_on_id IS NOT NULL THEN amended.issued_on ELSE r.imported_amended_final_on END"
)
_AMENDED_JOIN = """LEFT JOIN (
    SELECT based_on_id, issued_on, ROW_NUMBER() OVER (PARTITION BY based_on_id ORDER BY number) AS n
    FROM {versions} WHERE kind = %s AND status = %s AND local_authority_id = %s
      AND based_on_id IN (SELECT amendment_version_id FROM r WHERE amendment_version_id IS NOT NULL)
  ) amended ON amended.based_on_id = r.amendment_version_id AND amended.n = 1"""
_NOTICE_DUE = rules.AMENDED_FINAL_WEEKS * 7
_MEETING_DUE = rules.AMENDED_FINAL_AFTER_MEETING_WEEKS * 7
_AMENDED_DUE = f"""CASE WHEN decision = %s OR notice IS NOT NULL THEN
      CASE WHEN notice IS NULL THEN meeting + {_MEETING_DUE}
        WHEN meeting IS NULL THEN notice + {_NOTICE_DUE}
        WHEN notice + {_NOTICE_DUE} < meeting + {_MEETING_DUE} THEN notice + {_NOTICE_DUE}
        ELSE meeting + {_MEETING_DUE} END
    END"""


def _timeliness_sql(base: str) -> str:
    """Each review decided in the window with the facts the rules read (ReviewFacts as facts_from
    makes them), the day its 12 months ran from (the latest earlier decision of the plan, or the
    plan's first issue) and its clock (rules.clock), counted by month and coordinator."""
    day, key = sqldates.day_number, sqldates.month_key
    versions = PlanVersion._meta.db_table
    return f"""
WITH r AS ({base}),
facts AS (
  SELECT r.id, r.plan_id, r.coordinator_id, r.decision, r.decision_notified_on,
    {day("r.decision_notified_on")} AS notified, {day("r.meeting_day")} AS meeting,
    {day(_NOTICE)} AS notice, {day(_AMENDED_FINAL)} AS final,
    MAX({key("r.decision_notified_on")}) OVER (
      PARTITION BY r.plan_id ORDER BY {day("r.decision_notified_on")}
      RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ) AS earlier,
    {key("made.issued_on")} AS made
  FROM r
  LEFT JOIN (
    SELECT plan_id, issued_on, ROW_NUMBER() OVER (PARTITION BY plan_id ORDER BY number) AS n
    FROM {versions} WHERE status = %s AND plan_id IN (SELECT plan_id FROM r)
  ) made ON made.plan_id = r.plan_id AND made.n = 1
  {_AMENDED_JOIN.format(versions=versions)}
),
clocks AS (
  SELECT decision_notified_on, coordinator_id, notified, meeting, final,
    CASE WHEN COALESCE(earlier, made) IS NOT NULL
      AND {key("decision_notified_on")} <= COALESCE(earlier, made) + {32 * rules.REVIEW_MONTHS}
      THEN 1 ELSE 0 END AS in_time,
    {_AMENDED_DUE} AS amended_due
  FROM facts WHERE decision_notified_on >= %s
)
SELECT {sqldates.month_text("decision_notified_on")}, coordinator_id, COUNT(*), SUM(in_time),
  SUM(CASE WHEN meeting IS NOT NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN meeting IS NOT NULL AND notified <= meeting + {_days(rules.decision_due)} THEN 1 ELSE 0 END),
  SUM(CASE WHEN amended_due IS NOT NULL AND (final IS NOT NULL OR %s > amended_due) THEN 1 ELSE 0 END),
  SUM(CASE WHEN amended_due IS NOT NULL AND final <= amended_due THEN 1 ELSE 0 END)
FROM clocks GROUP BY {sqldates.month_text("decision_notified_on")}, coordinator_id"""


def _council_version(local_authority_id: int) -> FilteredRelation:
    """A review's proposed amendment, joined on the council's own versions (ADR 80 amended): the
    same version (a review's and its plan's council are one), but with many councils in one
    database PostgreSQL hashes one council's versions, not every council's."""
    return FilteredRelation(
        "amendment_version", condition=Q(amendment_version__local_authority_id=local_authority_id)
    )


def _amendment_rows(reviews, local_authority_id: int, *columns: str):
    """`reviews` as rows of their id, `columns`, and what the review measures read of the decision
    and the amendment (the `r` that `_NOTICE`, `_AMENDED_FINAL` and `_AMENDED_JOIN` read): the
    meeting day, the proposed amendment's status and service day from the council's own versions."""
    return (
        reviews.order_by()
        .alias(proposed=_council_version(local_authority_id))
        .values(
            "id",
            *columns,
            "decision",
            "amendment_version_id",
            "imported_amendment_notice_on",
            "imported_amended_final_on",
            meeting_day=Coalesce("held_on", "meeting_on"),
            a_status=F("proposed__status"),
            a_served=F("proposed__served_on"),
        )
    )


def timeliness(local_authority_id: int, today: date) -> tuple[dict, Counter, Counter]:
    """Reviews decided in the last 2 years, counted by month and by coordinator: the review on time
    (decided within 12 months of the plan or the last review), the decision within 4 weeks of the
    meeting, and the amended plan on time; and who was invited, came or sent advice, by agency.
    Counted in one query (ADR 0078), with the coordinators' names and the attendance in one more
    each; timeliness_by_rules is the reference it is tested against."""
    area, recent = _decided(local_authority_id, today)
    base, params = _amendment_rows(
        area.filter(decision_notified_on__isnull=False),
        local_authority_id,
        "plan_id",
        "coordinator_id",
        "decision_notified_on",
    ).query.sql_with_params()
    cutoff = today.replace(year=today.year - TIMELINESS_YEARS, day=min(today.day, 28))
    counted = read_rows(
        _timeliness_sql(base),
        (
            *params,
            Status.WORKING.value,
            Status.ISSUED.value,
            Kind.AMENDED.value,
            Status.ISSUED.value,
            local_authority_id,
            rules.Decision.AMEND.value,
            cutoff,
            sqldates.day_of(today),
        ),
    )
    names = {user.pk: str(user) for user in User.objects.filter(pk__in={row[1] for row in counted if row[1]})}
    groups: dict = {"month": defaultdict(Counter), "coordinator": defaultdict(Counter)}
    for month, coordinator_id, *figures in counted:
        for group, key in (("month", month), ("coordinator", names.get(coordinator_id, "Not allocated"))):
            c = groups[group][key]
            for name, value in zip(_FIGURES, figures, strict=True):
                c[name] += int(value)
    return groups, *_attendance(recent, local_authority_id)


_FIGURES = ("reviews", "in_time", "decided", "decided_on_time", "amended", "amended_on_time")


def amendments_by_month(local_authority_id: int, first: date, last: date, today: date) -> dict[str, tuple]:
    """The amended plans owed by reviews decided from `first` to `last`, by the month each was
    issued (or, while not issued, was due): {"YYYY-MM": (issued on time, counted)}. As rules.clock
    judges each review on `today` (an amended plan not issued and not yet due is not counted), in
    one query; the partnership dashboard's `amendments_on_time`."""
    day = sqldates.day_number
    base, params = _amendment_rows(
        AnnualReview.objects.filter(
            local_authority_id=local_authority_id,
            decision_notified_on__gte=first,
            decision_notified_on__lte=last,
        ),
        local_authority_id,
    ).query.sql_with_params()
    sql = f"""
WITH r AS ({base}),
facts AS (
  SELECT r.decision, {day("r.meeting_day")} AS meeting, {day(_NOTICE)} AS notice, {day(_AMENDED_FINAL)} AS final
  FROM r {_AMENDED_JOIN.format(versions=PlanVersion._meta.db_table)}
),
clocks AS (SELECT final, {_AMENDED_DUE} AS due FROM facts),
counted AS (
  SELECT {sqldates.month_text(sqldates.date_of_number("COALESCE(final, due)"))} AS month,
    CASE WHEN final <= due THEN 1 ELSE 0 END AS on_time
  FROM clocks WHERE due IS NOT NULL AND (final IS NOT NULL OR %s > due)
)
SELECT month, SUM(on_time), COUNT(*) FROM counted GROUP BY month"""
    rows = read_rows(
        sql,
        (
            *params,
            Status.WORKING.value,
            Kind.AMENDED.value,
            Status.ISSUED.value,
            local_authority_id,
            rules.Decision.AMEND.value,
            sqldates.day_of(today),
        ),
    )
    return {month: (int(good), int(n)) for month, good, n in rows}


def reported_decisions_by_month(local_authority_id: int, first: date, last: date) -> dict[str, tuple]:
    """The DfE's review measure (domain.sen2.scope.reported_review_decision) for every plan and
    every calendar year from `first` to `last`, counted by the month of the decision within those
    days: {"YYYY-MM": (decided within 4 weeks, counted)}. For each year, the review the next
    January's return reports for a plan in it (in force on census day, or ceased in the year) is
    its latest meeting (held, else planned) by census day, the first recorded on a tie; it counts
    when its decision was notified in the year and by census day. One query, over the council's
    own rows (ADR 80 amended).

    A review can only count in the year its decision was notified, so each review is judged once,
    for that year (no review is repeated for each year). Ordered by meeting day, then the later
    recorded first, a plan's reviews put the one a census day reports last among those met by
    then: it is that review when it met by census day and the next one (LEAD) met after it, or
    there is none."""
    day = sqldates.day_number
    years = [(year, collection(year + 1).reference_date) for year in range(first.year, last.year + 1)]
    year_rows = " UNION ALL ".join("SELECT %s AS census, %s AS y_first, %s AS y_last" for _ in years)
    year_params = [
        n
        for year, census in years
        for n in (
            sqldates.day_of(census),
            sqldates.day_of(date(year, 1, 1)),
            sqldates.day_of(date(year, 12, 31)),
        )
    ]
    meeting = day("COALESCE(r.held_on, r.meeting_on)")
    cases = Plan._meta.get_field("assessment").related_model._meta.db_table
    sql = f"""
WITH made AS (
  SELECT plan_id, MIN(issued_on) AS issued_on FROM {PlanVersion._meta.db_table}
  WHERE local_authority_id = %s AND status = %s GROUP BY plan_id
),
r AS (
  SELECT r.decision_notified_on, {meeting} AS meeting, {day("r.decision_notified_on")} AS notified,
    {day("COALESCE(made.issued_on, a.final_issued_on)")} AS started, {day("p.ceased_on")} AS ceased,
    LEAD({meeting}) OVER (PARTITION BY r.plan_id ORDER BY {meeting}, r.created_at DESC, r.id DESC) AS next_meeting
  FROM {AnnualReview._meta.db_table} r
  JOIN {Plan._meta.db_table} p ON p.id = r.plan_id AND p.local_authority_id = %s
  LEFT JOIN {cases} a ON a.id = p.assessment_id AND a.local_authority_id = %s
  LEFT JOIN made ON made.plan_id = r.plan_id
  WHERE r.local_authority_id = %s AND COALESCE(r.held_on, r.meeting_on) IS NOT NULL
),
years AS ({year_rows}),
counted AS (
  SELECT {sqldates.month_text("r.decision_notified_on")} AS month,
    CASE WHEN notified <= meeting + {_days(rules.decision_due)} THEN 1 ELSE 0 END AS in_time
  FROM r JOIN years ON r.notified >= years.y_first AND r.notified <= years.y_last
  WHERE r.notified >= %s AND r.notified <= %s AND r.notified <= years.census AND r.meeting <= years.census
    AND (r.next_meeting IS NULL OR r.next_meeting > years.census)
    AND ((r.started <= years.census AND (r.ceased IS NULL OR r.ceased > years.census))
      OR (r.ceased >= years.y_first AND r.ceased <= years.y_last))
)
SELECT month, SUM(in_time), COUNT(*) FROM counted GROUP BY month"""
    council = local_authority_id
    rows = read_rows(
        sql,
        (
            council,
            Status.ISSUED.value,
            council,
            council,
            council,
            *year_params,
            sqldates.day_of(first),
            sqldates.day_of(last),
        ),
    )
    return {month: (int(good), int(n)) for month, good, n in rows}


def health_by_month(local_authority_id: int, first: date, last: date) -> dict[str, tuple]:
    """The reviews met (held, else planned) from `first` to `last` to which health was invited, by
    the month of the meeting: {"YYYY-MM": (anyone from health came or sent advice, invited)}. One
    query over the council's own reviews and attendance (ADR 80 amended): health's rows are
    grouped a review first, then joined to the reviews met in the window."""
    meeting = "COALESCE(r.held_on, r.meeting_on)"
    sql = f"""
SELECT {sqldates.month_text(meeting)}, SUM(h.came), COUNT(*)
FROM {AnnualReview._meta.db_table} r
JOIN (
  SELECT review_id, MAX(CASE WHEN attended OR sent_advice THEN 1 ELSE 0 END) AS came
  FROM {ReviewAttendance._meta.db_table} WHERE local_authority_id = %s AND agency = %s GROUP BY review_id
) h ON h.review_id = r.id
WHERE r.local_authority_id = %s AND {meeting} >= %s AND {meeting} <= %s
GROUP BY {sqldates.month_text(meeting)}"""
    rows = read_rows(sql, (local_authority_id, Agency.HEALTH.value, local_authority_id, first, last))
    return {month: (int(good), int(n)) for month, good, n in rows}


def _attendance(recent, local_authority_id: int) -> tuple[Counter, Counter]:
    """Who was invited to the reviews, came or sent advice, by agency (one query), from the council's
    own attendance rows (ADR 80 amended)."""
    invited, present = Counter(), Counter()
    for agency, asked, came, advice in (
        ReviewAttendance.objects.filter(local_authority_id=local_authority_id, review__in=recent)
        .order_by()
        .values("agency")
        .annotate(
            asked=Count("pk"),
            came=Count("pk", filter=Q(attended=True)),
            advice=Count("pk", filter=Q(sent_advice=True, attended=False)),
        )
        .values_list("agency", "asked", "came", "advice")
    ):
        invited[agency] = asked
        present[(agency, "came")], present[(agency, "advice")] = came, advice
    return invited, present


def _plans(ids) -> dict:
    """The listed plans, with their children, for the page (one query for all of them)."""
    return Plan.objects.select_related("child__setting").in_bulk(list(ids))


def attention_queue(versions, today: date) -> list:
    """The plans in force among `versions` that probably should be ceased or need attention."""
    latest = (
        _of_plan(AnnualReview)
        .filter(decision_notified_on__isnull=False)
        .order_by("-decision_notified_on", "-pk")
    )
    rows = (
        versions.in_force(today)
        .annotate(
            made=Subquery(
                _of_plan(PlanVersion).filter(status=Status.ISSUED).order_by("number").values("issued_on")[:1]
            ),
            last_decided=Subquery(latest.values("decision_notified_on")[:1]),
            education=Subquery(latest.values("education_status")[:1]),
            left_on=Subquery(latest.values("left_education_on")[:1]),
            moved_away=Subquery(
                _of_plan(PlanMove)
                .filter(direction=Direction.OUT)
                .order_by("-moves_on")
                .values("moves_on")[:1]
            ),
        )
        .order_by("plan__ref")  # ties in the queue keep the order of the references
        .values_list(
            "plan_id",
            "plan__child__date_of_birth",
            "plan__child__setting_id",
            "made",
            "last_decided",
            "education",
            "left_on",
            "moved_away",
        )
    )
    facts = [
        (
            plan_id,
            ceasing_rules.PlanFacts(
                date_of_birth=born,
                plan_made=made,
                last_review_decided=last,
                has_setting=setting_id is not None,
                left_education_on=left_on if education not in (None, EducationStatus.IN_EDUCATION) else None,
                return_planned=education == EducationStatus.LEFT_RETURN_PLANNED,
                moved_away_on=moved,
            ),
        )
        for plan_id, born, setting_id, made, last, education, left_on, moved in rows
    ]
    queue = ceasing_rules.queue(facts, today)
    plans = _plans(plan_id for plan_id, _ in queue)
    return [(plans[plan_id], reasons) for plan_id, reasons in queue]


def adulthood(versions, today: date) -> tuple[list, list]:
    """Young people aged 14 to 17 likely to need adult social care, with the reasons; and Year 11
    and Year 13 transitions with the next step the latest review recorded (blank if not known)."""
    destination = (
        _of_plan(AnnualReview).exclude(destination="").order_by(F("meeting_on").desc(nulls_last=True))
    )
    rows = list(
        versions.in_force(today)
        .order_by("plan__ref")  # ties in each list keep the order of the references
        .annotate(destination=Subquery(destination.values("destination")[:1]))
        .values_list(
            "pk",
            "plan_id",
            "plan__child__date_of_birth",
            "plan__child__nc_year_override",
            "plan__child__primary_need",
            "plan__child__looked_after",
            "plan__child__child_in_need",
            "destination",
        )
    )
    teenagers = [row for row in rows if 14 <= age_on(row[2], today) <= 17]
    social_care = stored.social_care(row[0] for row in teenagers)
    adult_care, transitions = [], []
    for version_id, plan_id, born, _, need, looked_after, in_need, _ in teenagers:
        needs, provision = social_care.get(version_id, (False, False))
        age = age_on(born, today)
        reasons = adult_social_care_reasons(
            YoungPerson(
                age=age,
                primary_need=need,
                has_social_care_needs=needs,
                has_social_care_provision=provision,
                looked_after=looked_after,
                child_in_need=in_need,
            )
        )
        if reasons:
            adult_care.append((plan_id, age, reasons))
    for _, plan_id, born, override, *_, next_step in rows:
        nc_year = override if override is not None else national_curriculum_year(born, today).value
        if nc_year in TRANSITION_YEARS:
            transitions.append((plan_id, nc_year, next_step or ""))
    plans = _plans({row[0] for row in adult_care} | {row[0] for row in transitions})
    return sorted(
        [(plans[p], age, reasons) for p, age, reasons in adult_care], key=lambda row: -row[1]
    ), sorted(
        [(plans[p], year, next_step) for p, year, next_step in transitions],
        key=lambda row: (row[1], bool(row[2])),
    )


# The attention and adulthood lists paged in SQL, from what each plan keeps (stored.py, ADR 0077).


def attention_conditions(today: date) -> dict[ceasing_rules.Attention, Q]:
    """ceasing_rules.needs_attention as conditions on each plan's kept values."""
    a = ceasing_rules.Attention
    return {
        a.PAST_MAXIMUM_AGE: Q(age_limit__lt=today),
        a.LEFT_EDUCATION: Q(left_education_on__isnull=False, return_planned=False),
        a.MOVED_AWAY: Q(moved_away_on__isnull=False),
        a.NO_SETTING: Q(has_setting=False, left_education_on__isnull=True),
        a.NO_RECENT_REVIEW: Q(no_review_after__lt=today),
    }


def needing_attention(plans, today: date):
    """The plans of `plans` (plans_in_schedule or any Plan QuerySet in force) needing attention,
    most reasons first, then by reference, with `reasons` (how many) annotated."""
    conditions = attention_conditions(today)
    reasons = sum(
        (Case(When(q, then=Value(1)), default=Value(0)) for q in conditions.values()),
        start=Value(0),
    )
    either = Q()
    for q in conditions.values():
        either |= q
    return plans.filter(either).annotate(reasons=reasons).order_by("-reasons", "ref")


def attention_counts(plans, today: date) -> tuple[dict, int]:
    """How many of `plans` have each reason, and how many have any, in one query."""
    conditions = attention_conditions(today)
    either = Q()
    for q in conditions.values():
        either |= q
    counts = plans.order_by().aggregate(
        total=Count("pk", filter=either),
        **{code.value: Count("pk", filter=q) for code, q in conditions.items()},
    )
    return {code: counts[code.value] for code in conditions}, counts["total"]


def _with_children(plans) -> list:
    """One page of plans, chosen from the plans' own columns, then read with their children."""
    chosen = list(plans.values_list("pk", flat=True))
    found = Plan.objects.select_related("child").in_bulk(chosen)
    return [found[pk] for pk in chosen]


def attention_rows(plans, today: date) -> list:
    """One page of plans with their reasons, worked out by the domain rule from the kept facts. The
    page's plans are chosen from the plans' own columns, then read with their children (ADR 100)."""
    rows = []
    for plan in _with_children(plans):
        facts = ceasing_rules.PlanFacts(
            date_of_birth=plan.child.date_of_birth,
            plan_made=plan.first_issued_on,
            last_review_decided=plan.last_review_decided,
            has_setting=plan.has_setting,
            left_education_on=plan.left_education_on,
            return_planned=plan.return_planned,
            moved_away_on=plan.moved_away_on,
        )
        rows.append((plan, ceasing_rules.needs_attention(facts, today)))
    return rows


def adult_care_plans(plans, today: date):
    """Young people aged 14 to 17 likely to need adult social care, oldest first: read from what
    each plan keeps (ADR 105), the child's date of birth and the domain's answer, so the council's
    plans are chosen by their own index in the order shown."""
    ages = ADULT_CARE_AGES
    return plans.filter(
        adult_care_likely=True,
        born_on__lte=stored.years_before(today, ages.start),
        born_on__gt=stored.years_before(today, ages.stop),
    ).order_by("born_on", "ref")


def transition_plans(plans):
    """Year 11 and Year 13 (the year group each plan keeps for this academic year, ADR 105), by
    year, those with no next step known first, then by reference."""
    return (
        plans.filter(nc_year__in=TRANSITION_YEARS)
        .annotate(known=Case(When(destination="", then=Value(0)), default=Value(1)))
        .order_by("nc_year", "known", "ref")
    )


def transition_rows(plans) -> list:
    return [(plan, plan.nc_year, plan.destination) for plan in _with_children(plans)]


def adult_care_rows(plans, today: date) -> list:
    """One page of the adult care list with each young person's age and reasons, given by the
    domain rule from the child's record and the plan."""
    rows = []
    for plan in _with_children(plans):
        child = plan.child
        person = YoungPerson(
            age=age_on(child.date_of_birth, today),
            primary_need=child.primary_need,
            has_social_care_needs=plan.social_care_needs,
            has_social_care_provision=plan.social_care_provision,
            looked_after=child.looked_after,
            child_in_need=child.child_in_need,
        )
        rows.append((plan, person.age, adult_social_care_reasons(person)))
    return rows
