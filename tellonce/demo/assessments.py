"""Five years of EHC needs assessment history for the demo area, with realistic timeliness:
nationally about half of new plans are issued within 20 weeks, a quarter of requests are refused,
and 85% of decisions to assess are made within 6 weeks (send-rules.md section 11)."""

import random
from collections import Counter
from datetime import date, timedelta

from tellonce.advice.models import AdviceRequest, Submission
from tellonce.assessments import stored as assessment_stored
from tellonce.assessments.models import AssessmentRequest, RequestSource, TimescaleException
from tellonce.demo.steps import DemoArea, Progress, demo_step, seeded_uuid
from tellonce.domain.timescales import ExceptionReason
from tellonce.people.models import TimelineEvent

YEARS_OF_HISTORY = 5
SOURCES = [
    (RequestSource.PARENT, 52),
    (RequestSource.SETTING, 33),
    (RequestSource.YOUNG_PERSON, 4),
    (RequestSource.HEALTH, 6),
    (RequestSource.SOCIAL_CARE, 3),
    (RequestSource.OTHER, 2),
]
# Services and how often each returns advice within 6 weeks: some providers are slower than others.
ADVICE_ON_TIME = {
    "educational_psychology": 0.75,
    "paediatrics": 0.45,
    "social_care": 0.5,
    "speech_and_language_therapy": 0.6,
    "occupational_therapy": 0.65,
    "camhs": 0.35,
    "education_setting": 0.85,
}
NEEDS = [
    "Difficulties with attention and listening in class",
    "Limited expressive vocabulary for their age",
    "High anxiety at transitions and in busy spaces",
    "Fine motor difficulties affecting handwriting",
]
OUTCOMES = [
    "By the end of Key Stage 2, to ask an adult for help when stuck",
    "Within a year, to use a visual timetable independently",
    "By July, to join a small-group activity for 20 minutes",
]


def _allocate_open_cases(cases: list, today: date) -> None:
    """A child with an open case has the case's coordinator, except requests of the last 10 days,
    which wait in the manager's allocation queue."""
    allocated = []
    for case in cases:
        still_open = not (
            case.final_issued_on
            or case.not_to_issue_notified_on
            or case.withdrawn_on
            or case.decision == "refuse"
        )
        if not still_open or case.child.coordinator is not None:
            continue
        if case.received_on >= today - timedelta(days=10):
            case.coordinator = None
        else:
            case.child.coordinator = case.coordinator
            allocated.append(case.child)
    if allocated:
        type(allocated[0]).objects.bulk_update(allocated, ["coordinator"], batch_size=2000)


def _weeks(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(days=round(rng.uniform(low, high) * 7))


class _Builder:
    def __init__(self, area: DemoArea, rng: random.Random):
        self.area, self.rng = area, rng
        self.cases, self.exceptions, self.advice, self.events, self.submissions = [], [], [], [], []
        self.serial: Counter = Counter()

    def case(self, child, received: date, **fields) -> AssessmentRequest:
        self.serial[received.year] += 1
        source = self.rng.choices([s for s, _ in SOURCES], weights=[w for _, w in SOURCES])[0]
        case = AssessmentRequest(
            id=seeded_uuid(self.rng),
            ref=f"EHC-{received.year}-{self.serial[received.year]:05d}",
            child=child,
            requested_by=source,
            received_on=received,
            coordinator=child.coordinator
            or self.area.coordinators[len(self.cases) % len(self.area.coordinators)],
            **fields,
        )
        self.cases.append(case)
        self.event(child, received, "Request for an EHC needs assessment received")
        return case

    def event(self, child, on: date, title: str) -> None:
        if on <= self.area.today:
            self.events.append(TimelineEvent(child=child, occurred_on=on, kind="assessment", title=title))

    def decide(self, case, *, assess: bool) -> date:
        late = self.rng.random() < 0.15
        decided = case.received_on + (_weeks(self.rng, 6.2, 9) if late else _weeks(self.rng, 3, 6))
        case.decision, case.decision_notified_on = ("assess" if assess else "refuse"), decided
        self.event(
            case.child,
            decided,
            "Decided to carry out an EHC needs assessment"
            if assess
            else "Decided not to carry out an EHC needs assessment",
        )
        return decided

    def ask_advice(self, case, decided: date) -> None:
        for service in self.rng.sample(sorted(ADVICE_ON_TIME), self.rng.randint(2, 4)):
            requested = decided + timedelta(days=self.rng.randint(1, 10))
            on_time = self.rng.random() < ADVICE_ON_TIME[service]
            received = requested + (_weeks(self.rng, 3, 6) if on_time else _weeks(self.rng, 6.2, 14))
            received = received if received <= self.area.today else None
            setting = case.child.setting if service == "education_setting" else None
            advice = AdviceRequest(
                id=seeded_uuid(self.rng),
                child=case.child,
                assessment=case,
                service=service,
                team=self.area.teams.get(service),
                setting=setting,
                requested_on=requested,
                received_on=received,
                status="accepted" if received else "requested",
                version=2 if received else 1,
            )
            self.advice.append(advice)
            if received:
                self.submissions.append(
                    Submission(
                        advice=advice,
                        number=1,
                        submitted_on=received,
                        status="accepted",
                        decided_on=received,
                        assessed_on=received - timedelta(days=self.rng.randint(7, 60)),
                        needs=self.rng.choice(NEEDS),
                        outcomes=self.rng.choice(OUTCOMES),
                    )
                )

    def maybe_exception(self, case) -> None:
        if self.rng.random() < 0.06:
            reason = self.rng.choice(
                [ExceptionReason.PERSONAL_CIRCS, ExceptionReason.ABSENT_4WK, ExceptionReason.SCHOOL_CLOSURE]
            )
            starts = case.received_on + _weeks(self.rng, 2, 10)
            self.exceptions.append(
                TimescaleException(
                    assessment=case, reason=reason, starts_on=starts, ends_on=starts + _weeks(self.rng, 4, 8)
                )
            )


@demo_step(name="EHC needs assessments", order=100)
def assessments(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    b = _Builder(area, rng)
    today, horizon = area.today, area.today - timedelta(days=365 * YEARS_OF_HISTORY)
    plan_children = [c for c in area.children if c.sen_status == "EHC_PLAN"]
    support_children = [c for c in area.children if c.sen_status == "SEN_SUPPORT"]
    for child in plan_children:
        age = child.age_on(today)
        issued = today - timedelta(days=rng.randrange(30, 365 * max(1, min(age, 9)) + 31))
        if issued < horizon or issued - timedelta(weeks=30) < child.date_of_birth:
            continue
        roll = rng.random()
        took = (
            _weeks(rng, 13, 20)
            if roll < 0.5
            else _weeks(rng, 20.2, 40)
            if roll < 0.9
            else _weeks(rng, 40, 60)
        )
        case = b.case(child, issued - took)
        decided = b.decide(case, assess=True)
        if decided >= issued - timedelta(weeks=3):
            case.decision_notified_on = decided = case.received_on + _weeks(rng, 3, 6)
        b.ask_advice(case, decided)
        case.draft_issued_on = issued - _weeks(rng, 2, 5)
        case.draft_issued_on = max(case.draft_issued_on, decided + timedelta(days=7))
        case.final_issued_on = max(issued, case.draft_issued_on + timedelta(days=15))
        b.event(child, case.draft_issued_on, "Draft EHC plan sent to the family")
        b.event(child, case.final_issued_on, "Final EHC plan issued")
        b.maybe_exception(case)
    refusals = round(len(b.cases) * 0.33)
    for child in rng.sample(support_children, min(refusals, len(support_children) // 3)):
        received = today - timedelta(days=rng.randrange(60, 365 * YEARS_OF_HISTORY))
        if received - timedelta(weeks=52) < child.date_of_birth:
            continue
        case = b.case(child, received)
        if rng.random() < 0.06:
            case.withdrawn_on = received + _weeks(rng, 1, 4)
            b.event(child, case.withdrawn_on, "Request withdrawn")
            continue
        b.decide(case, assess=False)
    open_cases = max(12, len(area.children) // 80)
    used = {case.child.pk for case in b.cases}
    candidates = [c for c in support_children if 2 <= c.age_on(today) <= 19 and c.pk not in used]
    for child in rng.sample(candidates, min(open_cases, len(candidates))):
        received = today - _weeks(rng, 0.5, 24)
        case = b.case(child, received)
        elapsed = (today - received).days / 7
        if elapsed > 5.5 or (elapsed > 4 and rng.random() < 0.5):
            decided = b.decide(case, assess=True)
            if decided > today:
                case.decision, case.decision_notified_on = "", None
                continue
            b.ask_advice(case, decided)
            if elapsed > 15 and rng.random() < 0.6:
                case.draft_issued_on = min(today, received + _weeks(rng, 14, 17))
                b.event(child, case.draft_issued_on, "Draft EHC plan sent to the family")
            elif elapsed > 16 and rng.random() < 0.15:
                case.not_to_issue_notified_on = min(today, received + _weeks(rng, 14, 16))
                b.event(child, case.not_to_issue_notified_on, "Decided not to issue an EHC plan")
        b.maybe_exception(case)
    _allocate_open_cases(b.cases, today)
    for case in b.cases:
        assessment_stored.keep(case)  # bulk_create sends no signal (ADR 0077)
    AssessmentRequest.objects.bulk_create(b.cases, batch_size=2000)
    TimescaleException.objects.bulk_create(b.exceptions, batch_size=2000)
    AdviceRequest.objects.bulk_create(b.advice, batch_size=2000)
    Submission.objects.bulk_create(b.submissions, batch_size=2000)
    TimelineEvent.objects.bulk_create(b.events, batch_size=2000)
    issued = [c for c in b.cases if c.final_issued_on]
    on_time = sum(c.final_issued_on <= c.received_on + timedelta(weeks=20) for c in issued)
    progress.say(
        f"{len(b.cases):,} requests ({len(issued):,} plans, {on_time * 100 // max(len(issued), 1)}% "
        f"within 20 weeks), {len(b.advice):,} advice requests, {len(b.exceptions)} exceptions"
    )
