"""What the SEN2 return needs beyond the history the other steps wrote, so the demo's return is
mostly clean and its checks still have something to show (send-rules.md section 9).

- Identifiers: the foundation gives most school-age children a UPN; young people in further
  education (and most over 19) get a ULN; an under-6 without a UPN has the reason UN1, and most
  others without either have a reason. About 1 in 100 children are left with none of the three,
  as a council's records are, for the return's checks to list.
- Placements, for every plan in force or ceased in the last two years: the child's setting named in
  section I (rank 1) and attended from the September they started there, with the setting before
  it when they moved while the plan was in force; early years providers with no URN; elective home
  education and a few dual placements; for young people past school with no setting, work-based
  learning (supported internships, apprenticeships, traineeships), not in education, employment or
  training, or waiting for a place; residential placements at a few special schools.
- A personal budget for about 1 plan in 20, most with direct payments; the rest recorded as none.
- Each ceased plan's reason from its ceasing (a plan moved out: 5, transferred in England).
- Very few requests made from relevant youth accommodation, and a few withdrawn because the family
  moved to another council before the assessment finished.

Runs after the reviews and appeals, with its own random generator, so no other step changes.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Min, Q

from tellonce.assessments.models import AssessmentRequest
from tellonce.demo.reviews.words import OTHER_COUNCILS
from tellonce.demo.rows import insert_rows, update_column
from tellonce.demo.steps import DemoArea, Progress, demo_step, seeded_uuid
from tellonce.domain.ceasing import CeaseReason
from tellonce.domain.identifiers import uln_check_digit
from tellonce.domain.school_years import academic_year_start, national_curriculum_year
from tellonce.organisations.models import Setting
from tellonce.people.models import Child
from tellonce.plans.models import Placement, Plan, Status
from tellonce.reviews.models import Ceasing, Direction, PlanMove

OWN_SEED = 21
STEP = 118  # after the reviews (115) and appeals (117), which cease plans
POST_16_SETTINGS = {"fe_college", "specialist_post_16"}
SPECIAL = {"maintained_special", "academy_special", "independent_special", "non_maintained_special"}
UNEXPLAINED = 0.3  # of those over 6 with neither a UPN nor a ULN: no reason recorded
WORK_BASED = [
    ("S", "Supported internship with the county hospital"),
    ("S", "Supported internship at the council offices"),
    ("A", "Apprenticeship with a local garage"),
    ("A", "Apprenticeship in catering"),
    ("T", "Traineeship in retail"),
]
WAITING = ["Waiting for a college place", "Transferred in, waiting for a school place"]
DIRECT_PAYMENTS = [("S", 40), ("I", 25), ("E", 20), ("H", 15)]
NO_UPN_REASONS = [("UN2", 40), ("UN9", 30), ("UN3", 15), ("UN8", 10), ("UN5", 5)]
# Why a plan with no ceasing recorded ended, when the reviews step did not say.
LEAVES_THE_SETTING = {
    CeaseReason.MAXIMUM_AGE,
    CeaseReason.HIGHER_EDUCATION,
    CeaseReason.EMPLOYMENT,
    CeaseReason.MOVED_IN_ENGLAND,
    CeaseReason.NO_LONGER_ENGAGING,
    CeaseReason.MOVED_OUTSIDE_ENGLAND,
    CeaseReason.DECEASED,
}


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([code for code, _ in weighted], weights=[w for _, w in weighted])[0]


def _uln(rng: random.Random) -> str:
    while True:
        first = f"{rng.randint(1, 9)}{rng.randrange(10**8):08d}"
        if (check := uln_check_digit(first)) is not None:
            return f"{first}{check}"


def _september(year: int, rng: random.Random) -> date:
    return date(year, 9, rng.randint(2, 6))


def _july(year: int, rng: random.Random) -> date:
    return date(year, 7, rng.randint(17, 23))


@dataclass
class _Plan:
    id: object
    child_id: object
    born: date
    setting_id: object
    made: date
    ceased: date | None
    reason: str


class _Placements:
    def __init__(self, area: DemoArea, rng: random.Random):
        self.area, self.rng, self.today = area, rng, area.today
        self.settings = {s.pk: s for s in Setting.objects.filter(local_authority=area.local_authority)}
        by_kind = area.settings_by_phase
        self.earlier = {
            "primary": by_kind.get("nursery", []) or by_kind.get("early_years", []),
            "secondary": by_kind.get("primary", []),
            "post_16": by_kind.get("secondary", []),
        }
        self.rows: list[dict] = []
        self.plan_columns: dict[str, dict] = {
            name: {}
            for name in (
                "residential",
                "work_based",
                "personal_budget",
                "organised_arrangements",
                "direct_payments",
                "cease_reason",
            )
        }

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def add(self, plan: _Plan, *, named: bool, **where) -> dict:
        row = {"id": seeded_uuid(self.rng), "plan_id": plan.id, "named": named, "rank": "1", **where}
        self.rows.append(row)
        return row

    def where(self, setting) -> dict:
        return {"setting_id": setting.pk, "urn": setting.urn, "ukprn": "" if setting.urn else setting.ukprn}

    def walk(self, plan: _Plan) -> None:
        today = self.today
        year = national_curriculum_year(plan.born, today).value
        ended = plan.ceased if plan.ceased and plan.ceased < today else None
        leaves = ended if ended and plan.reason in LEAVES_THE_SETTING else None
        setting = self.settings.get(plan.setting_id)
        earliest = plan.born + timedelta(days=2 * 365)
        if setting is not None and 0 <= year <= 11 and self.chance(0.01):
            self.add(plan, named=True, sen_setting="EHE")
            self.add(plan, named=False, sen_setting="EHE", entry_on=plan.made, leaving_on=leaves)
            return
        if setting is not None:
            self._at_setting(plan, setting, year, earliest, ended, leaves)
        elif year < 0:
            self.add(plan, named=True, sen_setting="EYP")
            self.add(plan, named=False, sen_setting="EYP", entry_on=plan.made, leaving_on=leaves)
        elif year >= 12:
            self._past_school(plan, leaves)
        else:
            self.add(plan, named=False, sen_setting="OLA", entry_on=plan.made, leaving_on=leaves)

    def _at_setting(self, plan: _Plan, setting, year: int, earliest: date, ended, leaves) -> None:
        rng, today = self.rng, self.today
        started = academic_year_start(today) - max(0, year - max(setting.lowest_year, 0))
        entry = max(_september(started, rng), earliest)
        entry = min(entry, ended or today, today)
        extras = {
            "sen_unit": setting.setting_type == "sen_unit",
            "resourced_provision": setting.setting_type == "resourced_provision",
        }
        if setting.setting_type in SPECIAL and self.chance(0.04):
            extras["residential"] = (
                "B" if setting.setting_type == "independent_special" and self.chance(0.4) else "A"
            )
            self.plan_columns["residential"][plan.id] = extras["residential"]
        self.add(plan, named=True, **self.where(setting), **extras)
        self.add(plan, named=False, **self.where(setting), entry_on=entry, leaving_on=leaves, **extras)
        if entry > plan.made + timedelta(days=60):
            self._before(plan, setting, entry, earliest)
        if 1 <= year <= 11 and not ended and self.chance(0.008):
            joined = max(entry, today - timedelta(days=rng.randint(20, 300)))
            self.add(plan, named=True, sen_setting="OLA", rank="2")
            self.add(plan, named=False, sen_setting="OLA", rank="2", entry_on=joined)

    def _before(self, plan: _Plan, setting, entry: date, earliest: date) -> None:
        """The setting they left for this one while the plan was in force."""
        stage = (
            "post_16"
            if setting.setting_type in POST_16_SETTINGS or setting.lowest_year >= 12
            else "secondary"
            if setting.lowest_year >= 7
            else "primary"
        )
        options = self.earlier[stage]
        left = _july(entry.year if entry.month >= 9 else entry.year - 1, self.rng)
        started = max(_september(left.year - self.rng.randint(1, 5), self.rng), earliest)
        if not options or left < started or left < plan.made:
            return
        self.add(plan, named=False, **self.where(self.rng.choice(options)), entry_on=started, leaving_on=left)

    def _past_school(self, plan: _Plan, leaves) -> None:
        roll = self.rng.random()
        entry = max(plan.made, self.today - timedelta(days=self.rng.randint(30, 600)))
        if plan.ceased and entry > plan.ceased:
            entry = plan.made
        if roll < 0.3:
            code, words = self.rng.choice(WORK_BASED)
            self.plan_columns["work_based"][plan.id] = code
            self.add(plan, named=True, sen_setting="OTH", sen_setting_other=words, work_based=code)
            self.add(
                plan,
                named=False,
                sen_setting="OTH",
                sen_setting_other=words,
                work_based=code,
                entry_on=entry,
                leaving_on=leaves,
            )
        elif roll < 0.85:
            self.add(plan, named=False, sen_setting="NEET", entry_on=entry, leaving_on=leaves)
        else:
            self.add(
                plan,
                named=False,
                sen_setting="NIEO",
                sen_setting_other=self.rng.choice(WAITING),
                entry_on=entry,
                leaving_on=leaves,
            )

    def budget(self, plan: _Plan) -> None:
        columns = self.plan_columns
        taken = self.chance(0.05)
        columns["personal_budget"][plan.id] = taken
        if taken:
            columns["organised_arrangements"][plan.id] = self.chance(0.5)
            if self.chance(0.6):
                columns["direct_payments"][plan.id] = _pick(self.rng, DIRECT_PAYMENTS)


def _plans(today: date) -> list[_Plan]:
    """Every plan made and in force, or ceased in the last two years, with why it ceased."""
    rows = (
        Plan.objects.annotate(made=Min("versions__issued_on", filter=Q(versions__status=Status.ISSUED)))
        .filter(made__isnull=False)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=today - timedelta(days=2 * 365)))
        .values_list(
            "id", "child_id", "child__date_of_birth", "child__setting_id", "made", "ceased_on", "cease_reason"
        )
        .order_by("made", "ref")
    )
    return [_Plan(*row) for row in rows]


def _cease_reasons(today: date, rng: random.Random) -> dict:
    """Every ceased plan's reason, from its ceasing or its move out; an older plan with neither
    (history from before the ceasings were recorded) 'other' or needs met."""
    reasons = dict(
        Ceasing.objects.filter(withdrawn_on__isnull=True)
        .order_by("decided_on")
        .values_list("plan_id", "reason")
    )
    moved_out = set(PlanMove.objects.filter(direction=Direction.OUT).values_list("plan_id", flat=True))
    found = {}
    for pk in Plan.objects.filter(ceased_on__isnull=False, cease_reason="").values_list("id", flat=True):
        if pk in moved_out:
            found[pk] = CeaseReason.MOVED_IN_ENGLAND.value
        elif pk in reasons:
            found[pk] = reasons[pk]
        else:
            found[pk] = CeaseReason.NEEDS_MET.value if rng.random() < 0.7 else CeaseReason.OTHER.value
    return found


def _identifiers(rng: random.Random, today: date) -> tuple[dict, dict]:
    """ULNs for young people in further education and most past school; a reason for most of
    those with neither a UPN nor a ULN."""
    post_16 = set(Setting.objects.filter(setting_type__in=POST_16_SETTINGS).values_list("pk", flat=True))
    ulns, reasons = {}, {}
    for pk, born, upn, setting_id in Child.objects.filter(uln="", upn_unknown="").values_list(
        "id", "date_of_birth", "upn", "setting_id"
    ):
        year = national_curriculum_year(born, today).value
        if year >= 12 and (setting_id in post_16 or year >= 14 or not upn) and rng.random() < 0.92:
            ulns[pk] = _uln(rng)
            continue
        if upn:
            continue
        if year < 1 and rng.random() < 0.96:
            reasons[pk] = "UN1"
        elif year >= 1 and rng.random() >= UNEXPLAINED:
            reasons[pk] = _pick(rng, NO_UPN_REASONS)
    return ulns, reasons


def _requests(rng: random.Random) -> tuple[dict, dict]:
    youth, exported = {}, {}
    for pk, withdrawn in AssessmentRequest.objects.values_list("id", "withdrawn_on"):
        if rng.random() < 0.003:
            youth[pk] = True
        if withdrawn and rng.random() < 0.08:
            exported[pk] = rng.choice(OTHER_COUNCILS)[1]
    return youth, exported


@demo_step(name="what the SEN2 return needs", order=STEP)
def sen2_items(area: DemoArea, _shared: random.Random, progress: Progress) -> None:
    rng, today = random.Random(area.seed * 1000 + OWN_SEED), area.today
    ulns, reasons = _identifiers(rng, today)
    update_column(Child, "uln", ulns)
    update_column(Child, "upn_unknown", reasons)
    update_column(Plan, "cease_reason", _cease_reasons(today, rng))
    placements = _Placements(area, rng)
    plans = _plans(today)
    for plan in plans:
        placements.walk(plan)
        placements.budget(plan)
    insert_rows(Placement, placements.rows)
    for column, values in placements.plan_columns.items():
        if values:
            update_column(Plan, column, values)
    youth, exported = _requests(rng)
    update_column(AssessmentRequest, "youth_accommodation", youth)
    update_column(AssessmentRequest, "exported_to", exported)
    budgets = sum(1 for taken in placements.plan_columns["personal_budget"].values() if taken)
    progress.say(
        f"{len(ulns):,} ULNs, {len(reasons):,} reasons for no UPN, {len(placements.rows):,} placements "
        f"for {len(plans):,} plans, {budgets:,} personal budgets, {len(youth):,} requests from youth "
        f"accommodation, {len(exported):,} moved away before the assessment finished"
    )
