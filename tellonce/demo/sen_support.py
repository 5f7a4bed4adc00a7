"""SEN support in the demo area's schools: four terms of school census extracts for each school with
pupils the council knows (imported through the real import, a few pupils on SEN support whose UPN
matches no record waiting to be matched), schools far apart in their share of pupils on SEN
support, and cycles of the graduated approach for the SENCOs' pupils. Its own seeded random
numbers."""

import random
from datetime import date, timedelta
from decimal import Decimal

from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.models import User
from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.domain.identifiers import upn_check_letter
from tellonce.people.models import Child
from tellonce.sen_support.census import HEADER_COLUMNS, import_census
from tellonce.sen_support.models import Cycle, CycleOutcome

PROVISION = {"EHC_PLAN": "E", "SEN_SUPPORT": "K", "NONE": "N"}
FIRST = ["Ruby", "Arlo", "Nia", "Theo", "Zara", "Finley", "Aisha", "Reuben", "Mabel", "Kian"]
LAST = ["Harrowby", "Pellington", "Quennell", "Sturridge", "Winthorpe", "Ashdown", "Caverly", "Dunmore"]
CYCLES = [
    (
        "Reading age 18 months below; phonics screening not passed",
        "Decode CVC words; read a short book aloud",
        "Daily phonics catch-up with a teaching assistant",
        "Phonics group, 5 x 20 minutes a week",
    ),
    (
        "Speech screen: understanding of spoken language below expected",
        "Follow two-step instructions in class",
        "Language group; visual prompts in every lesson",
        "Talk Boost group, 3 x 30 minutes a week",
    ),
    (
        "Anxiety at the start of the day; leaving lessons",
        "Stay in class for whole lessons; use an exit card",
        "Key adult check-in each morning; a quiet space",
        "Emotional literacy support, 1 hour a week",
    ),
    (
        "Handwriting slow and effortful; fine motor difficulties",
        "Record work legibly at length",
        "Fine motor programme; a laptop for longer tasks",
        "Fine motor group, 3 x 15 minutes a week",
    ),
]


def _census_days(today: date) -> list[date]:
    """The last four census days before today: first Thursday of October, third of January and May."""
    days = []
    for year in range(today.year - 2, today.year + 1):
        for month, nth in ((1, 3), (5, 3), (10, 1)):
            first = date(year, month, 1)
            thursday = first + timedelta(days=(3 - first.weekday()) % 7 + 7 * (nth - 1))
            if thursday < today:
                days.append(thursday)
    return days[-4:]


def _upn(rng: random.Random) -> str:
    body = f"998{rng.randrange(10**8, 10**9)}"
    return upn_check_letter(body) + body


def _row(
    urn: str, day: date, upn: str, family: str, given: str, born, provision: str, needs: list[str]
) -> str:
    needs = [*needs, "", ""][:2]
    return ",".join(
        [urn, day.isoformat(), upn, family, given, born.isoformat() if born else "", provision, *needs]
    )


def _status_then(child, term: int, rng: random.Random) -> str:
    """Earlier terms: some pupils with a plan were on SEN support, some on SEN support had none yet."""
    now = PROVISION.get(child.sen_status, "N")
    if now == "E" and term < 2 and rng.random() < 0.3:
        return "K"
    if now == "K" and term < 1 and rng.random() < 0.25:
        return "N"
    return now


def _needs(child, provision: str) -> list[str]:
    if provision == "N":
        return []
    found = [n for n in (child.primary_need, child.secondary_need) if n]
    found = list(dict.fromkeys(found))
    return found or (["NSA"] if provision == "K" else ["OTH"])


def _unknown_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    known = set(Child.objects.values_list("given_name", "family_name"))
    names = [(g, f) for g in FIRST for f in LAST if (g, f) not in known]
    return rng.sample(names, min(count, len(names)))


@demo_step(name="school census and SEN support", order=170)
def sen_support(area: DemoArea, rng_unused: random.Random, progress: Progress) -> None:
    rng = random.Random(area.seed * 29 + 3)
    days = _census_days(area.today)
    by_school: dict = {}
    for child in area.children:
        if child.setting_id and child.upn and child.setting.phase in ("primary", "secondary", "all_through"):
            by_school.setdefault(child.setting, []).append(child)
    schools = sorted(by_school, key=lambda s: (-len(by_school[s]), s.pk))[:8]
    by = Actor.command(area.staff["analyst"], "demo", channel=Channel.IMPORT)
    strangers = iter(_unknown_names(rng, 2 * len(schools)))
    imports = 0
    for school in schools:
        pupils = by_school[school]
        share = rng.uniform(0.08, 0.26)  # seed 003: schools far apart in how many they support
        extra_none = [
            (_upn(rng), rng.choice(LAST), rng.choice(FIRST))
            for _ in range(max(0, round(len(pupils) / share) - len(pupils)))
        ]
        for term, day in enumerate(days):
            lines = [
                _row(school.urn, day, c.upn, c.family_name, c.given_name, c.date_of_birth, p, _needs(c, p))
                for c in pupils
                for p in [_status_then(c, term, rng)]
            ]
            lines += [
                _row(school.urn, day, upn, family, given, None, "N", []) for upn, family, given in extra_none
            ]
            if term == len(days) - 1:
                stranger = next(strangers, None)
                if stranger:
                    lines.append(
                        _row(school.urn, day, _upn(rng), stranger[1], stranger[0], None, "K", ["SLCN"])
                    )
            import_census(
                school,
                ",".join(HEADER_COLUMNS) + "\n" + "\n".join(lines) + "\n",
                by=by,
                today=area.today,
                file_name=f"census-{school.urn}-{day}.csv",
            )
            imports += 1
    cycles = _cycles(area, rng)
    progress.say(f"{imports} census extracts for {len(schools)} schools, {cycles} cycles of SEN support")


def _cycles(area: DemoArea, rng: random.Random) -> int:
    made = []
    for senco in User.objects.filter(role="senco", setting__local_authority=area.local_authority):
        pupils = [
            c for c in area.children if c.setting_id == senco.setting_id and c.sen_status == "SEN_SUPPORT"
        ]
        for child in pupils:
            start = area.today - timedelta(days=rng.randint(200, 400))
            for _cycle_number in range(rng.randint(1, 3)):
                assess, plan, do, provision = rng.choice(CYCLES)
                review_by = start + timedelta(days=rng.randint(70, 100))
                reviewed = review_by if review_by < area.today - timedelta(days=5) else None
                made.append(
                    Cycle(
                        child=child,
                        setting_id=senco.setting_id,
                        recorded_by=senco,
                        started_on=start,
                        assess=assess,
                        plan=plan,
                        do=do,
                        provision=provision,
                        cost=Decimal(rng.randrange(200, 1500, 10)),
                        review_by=review_by,
                        reviewed_on=reviewed,
                        review="Some progress towards the outcomes; gap not closing quickly"
                        if reviewed
                        else "",
                        outcome=rng.choice(
                            [CycleOutcome.CONTINUE, CycleOutcome.CHANGE, CycleOutcome.ASK_FOR_ASSESSMENT]
                        )
                        if reviewed
                        else "",
                    )
                )
                if reviewed is None:
                    break
                start = reviewed + timedelta(days=1)
    Cycle.objects.bulk_create(made)
    return len(made)
