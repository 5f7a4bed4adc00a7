"""The demo's reviews, plan by plan: a review about every 12 months from the plan's making until
one is under way, not yet due, or the plan stops; then every row written at once."""

import random
from collections import defaultdict
from datetime import date, timedelta

from tellonce.accounts.models import User
from tellonce.accounts.roles import Role
from tellonce.demo.reviews.amendments import Amendments
from tellonce.demo.reviews.decisions import Decisions
from tellonce.demo.reviews.history import DemoPlan, DemoVersion, weekday
from tellonce.demo.reviews.meetings import Meetings
from tellonce.demo.reviews.moves import Moves
from tellonce.demo.rows import insert_rows, update_column
from tellonce.demo.steps import DemoArea
from tellonce.domain import reviews as rules
from tellonce.domain.calendar import add_months, england_and_wales
from tellonce.domain.phase_transfer import Transfer, transfer_after
from tellonce.domain.school_years import academic_year_start, national_curriculum_year
from tellonce.people.models import TimelineEvent
from tellonce.plans.models import Plan, PlanSection, PlanVersion, Status
from tellonce.reviews.models import (
    AnnualReview,
    Ceasing,
    OutcomeProgress,
    PlanMove,
    ReviewAttendance,
    ReviewKind,
)

YEARS = 5
ARRANGED_AHEAD_DAYS = 56
LOST_SHARE, MOVE_OUT_SHARE, MOVE_IN_SHARE = 0.025, 0.015, 0.03


class Builder(Meetings, Decisions, Amendments, Moves):
    """Everything the demo step writes, kept in memory (`rows` by model) until `write`."""

    def __init__(self, area: DemoArea, rng: random.Random):
        self.area, self.rng, self.today = area, rng, area.today
        self.window = add_months(self.today, -12 * YEARS)
        self.calendar = england_and_wales(range(self.today.year - YEARS - 3, self.today.year + 2))
        self.rows = defaultdict(list)
        self.new_versions: list[tuple[DemoPlan, DemoVersion, DemoVersion, str]] = []
        self.ceased_on: dict = {}
        self.staff_names = {u.pk: f"{u.first_name} {u.last_name}" for u in area.staff.values()}
        family = area.extra.get("demo_family", {})
        self.protected = {*family.get("parent_children", []), family.get("young_person_child")}
        self.sencos = {
            setting_id: pk
            for pk, setting_id in User.objects.filter(role=Role.SENCO, setting__isnull=False)
            .order_by("username")
            .values_list("pk", "setting_id")
        }
        self.plans = self._load()

    def _load(self) -> list[DemoPlan]:
        la = self.area.local_authority
        children = {c.pk: c for c in self.area.children}
        plans = {
            pk: DemoPlan(pk, ref, children[child_id], coordinator, assessment is None)
            for pk, ref, child_id, coordinator, assessment in Plan.objects.filter(child__local_authority=la)
            .order_by("ref")
            .values_list("pk", "ref", "child_id", "coordinator_id", "assessment_id")
        }
        for pk, plan_id, *rest in (
            PlanVersion.objects.filter(plan__child__local_authority=la)
            .order_by("plan_id", "number")
            .values_list("pk", "plan_id", "number", "kind", "status", "served_on", "issued_on")
        ):
            plans[plan_id].versions.append(DemoVersion(pk, *rest))
        self.sections = defaultdict(dict)
        for version_id, code, data in PlanSection.objects.filter(
            plan_version__plan__child__local_authority=la,
            plan_version__status=Status.ISSUED,
            code__in=("C", "D", "E"),
        ).values_list("plan_version_id", "code", "data"):
            self.sections[version_id][code] = data
        return [p for p in plans.values() if p.made is not None]

    def outcomes(self, version: DemoVersion) -> list[tuple[str, str]]:
        items = self.sections[version.id].get("E", {}).get("items", [])
        return [(o["key"], o["text"]) for o in items]

    def chance(self, rate: float) -> bool:
        return self.rng.random() < rate

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randint(low, high))

    def choose_fate(self, plan: DemoPlan) -> None:
        """Plans that stopped being reviewed, that move away, or that came from another council."""
        today, made = self.today, plan.made
        last_version = max(v.issued_on or v.served_on or made for v in plan.versions)
        if made < today - timedelta(days=900) and self.chance(LOST_SHARE):
            plan.stop_after = today - self.days(760, 1300)
        elif last_version < today - timedelta(days=90) and self.chance(MOVE_OUT_SHARE):
            self.move_out(plan, last_version)
        elif plan.imported and made < today - timedelta(days=150) and self.chance(MOVE_IN_SHARE):
            self.move_in(plan)

    def walk(self, plan: DemoPlan) -> None:
        """Review after review from the plan's making until one is under way, not yet due, or the
        plan stops (ceased, moved away, or no longer reviewed)."""
        self.choose_fate(plan)
        basis, transfer_years = plan.made, set()
        forced = plan.proposal()
        while not plan.ceased:
            if forced:
                link, forced = forced, None
                meeting = min(weekday(link.served_on - self.days(14, 56)), link.served_on - timedelta(days=1))
                kind = self.kind_of(plan, meeting, transfer_years)
            else:
                meeting, kind = self.next_meeting(plan, basis, transfer_years)
                link = None
            if plan.stop_after and meeting > plan.stop_after:
                return
            if plan.moves_out_on and meeting > plan.moves_out_on - timedelta(days=21):
                return
            if meeting > self.today + timedelta(days=ARRANGED_AHEAD_DAYS):
                return
            concluded = self.review(plan, meeting, kind, link)
            if concluded is None:
                return
            basis = concluded

    def next_meeting(self, plan: DemoPlan, basis: date, transfer_years: set) -> tuple[date, str]:
        due = add_months(basis, rules.REVIEW_MONTHS)
        if plan.transferred_in and basis < plan.transferred_in:
            due = max(due, add_months(plan.transferred_in, 3))
        roll = self.rng.random()
        if roll < 0.58:
            meeting = due - self.days(7, 60)
        elif roll < 0.86:
            meeting = due + self.days(0, 60)
        elif roll < 0.97:
            meeting = due + self.days(61, 180)
        else:
            meeting = due + self.days(181, 420)
        meeting = weekday(max(meeting, basis + timedelta(days=60)))
        soonest = basis + timedelta(days=45)
        for year in range(academic_year_start(soonest), academic_year_start(meeting) + 1):
            if year not in transfer_years and self.transfer_in(plan.child, year):
                # Phase-transfer reviews are held in the autumn, to amend before 15 February (or
                # 31 March for post-16), even when the annual review is not yet due.
                transfer_years.add(year)
                autumn = weekday(date(year, 9, 8) + timedelta(days=int(self.rng.triangular(0, 100, 10))))
                return max(autumn, soonest), ReviewKind.PHASE_TRANSFER
        return meeting, ReviewKind.ANNUAL

    def kind_of(self, plan: DemoPlan, meeting: date, transfer_years: set) -> str:
        year = academic_year_start(meeting)
        if self.transfer_in(plan.child, year):
            transfer_years.add(year)
            return ReviewKind.PHASE_TRANSFER
        return ReviewKind.ANNUAL

    def transfer_in(self, child, year: int) -> Transfer | None:
        """The child's setting, and where they are going, are known only for this year; earlier
        years use the usual ages."""
        this_year = year == academic_year_start(self.today)
        nc_year = national_curriculum_year(child.date_of_birth, date(year, 9, 1)).value
        return child.transfer_after(nc_year) if this_year else transfer_after(nc_year, None)

    def review(self, plan: DemoPlan, meeting: date, kind: str, link) -> date | None:
        """Write one review; the date its decision was notified, or None if it is the last."""
        today = self.today
        if meeting < self.window or (plan.transferred_in and meeting < plan.transferred_in):
            return meeting + timedelta(days=self.decision_lag())  # held before our records begin
        row = self.new_review(plan, meeting, kind)
        if meeting > today:
            if row["invitations_sent_on"] <= today:
                self.invite(plan, row, held=False)
            else:
                row["invitations_sent_on"] = row["advice_circulated_on"] = None
            return None
        held = meeting
        if not link and self.chance(0.05) and meeting + timedelta(days=28) < today:
            held = weekday(meeting + self.days(7, 21))  # rearranged
        row["held_on"] = held
        notified = held + timedelta(days=self.decision_lag(kind))
        if link:
            notified = max(held + timedelta(days=1), link.served_on - self.days(0, 7))
        self.meeting_record(plan, row, held, notified)
        self.event(plan, held, f"{dict(ReviewKind.choices)[kind]} meeting held")
        if notified > today:
            return None
        return self.decide(plan, row, held, notified, link)

    def decision_lag(self, kind: str = ReviewKind.ANNUAL) -> int:
        """About 44% within 4 weeks (England 2024, 44.4%); the rest weeks or months late. Phase
        transfers, with a fixed deadline, are decided sooner."""
        roll = self.rng.random()
        if kind == ReviewKind.PHASE_TRANSFER and roll < 0.5:
            return self.rng.randint(5, 28)
        if roll < 0.38:
            return self.rng.randint(2, 28)
        if roll < 0.74:
            return self.rng.randint(29, 56)
        if roll < 0.92:
            return self.rng.randint(57, 120)
        return self.rng.randint(121, 240)

    def open_reviews_at_sencos_schools(self, wanted: int = 3) -> None:
        """Each demo SENCO has reviews under way to send reports for: where their school has fewer
        than `wanted`, the pupils reviewed longest ago get an early review held in the last fortnight."""
        by_setting = defaultdict(list)
        for plan in self.plans:
            if plan.child.setting_id in self.sencos and not plan.ceased and not plan.moves_out_on:
                by_setting[plan.child.setting_id].append(plan)
        for plans in by_setting.values():
            open_now = [p for p in plans if p.reviews and not p.reviews[-1].get("decision_notified_on")]
            idle = [p for p in plans if p not in open_now]
            idle.sort(key=lambda p: p.reviews[-1]["decision_notified_on"] if p.reviews else p.made)
            idle = [p for p in idle if not p.stop_after and not p.left_education]
            for plan in idle[: max(0, wanted - len(open_now))]:
                meeting = self.today - self.days(2, 14)
                if plan.reviews and plan.reviews[-1]["decision_notified_on"] >= meeting:
                    continue
                row = self.new_review(plan, meeting, ReviewKind.EARLY)
                row["held_on"] = meeting
                self.invite(plan, row, held=True)
                self.event(plan, meeting, "Early review meeting held")

    def event(self, plan: DemoPlan, on: date, title: str, kind: str = "review") -> None:
        if on <= self.today:
            self.rows[TimelineEvent].append(
                {"child_id": plan.child.pk, "occurred_on": on, "kind": kind, "title": title}
            )

    def write(self) -> dict:
        counts = {"versions": self.write_versions()}
        for model in (AnnualReview, ReviewAttendance, OutcomeProgress, Ceasing, PlanMove, TimelineEvent):
            counts[model.__name__] = insert_rows(model, self.rows[model])
        update_column(Plan, "ceased_on", self.ceased_on)
        return counts
