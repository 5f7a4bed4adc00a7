"""Three terms of the council's inclusion extracts: attendance, suspensions and permanent
exclusions, part-time timetables, moves off roll, alternative provision and EOTAS, children missing
education; for the area's pupils with SEND and a synthetic roll of pupils without SEN at the same
schools. Pupils with SEND are more often persistently absent, suspended and on reduced timetables,
as seeds 001, 003 and 004 found (Kent: persistent absence of pupils with SEND above similar areas
and rising for those with plans; reduced timetables and exclusion used to manage need). The files
go through the import, as a council's would, so the matching queue has its few pupils too."""

import random
from datetime import date, timedelta

from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.models import User
from tellonce.accounts.policy import Capability
from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.domain.identifiers import upn_check_letter
from tellonce.domain.inclusion import EXCLUSION_REASONS, Term
from tellonce.inclusion import services
from tellonce.inclusion.concerns import concerns
from tellonce.inclusion.extracts import columns
from tellonce.inclusion.models import ExtractKind, InclusionAction

# Per pupil and term, by SEN status (E plan, K support, N none): roughly England's 2023/24 rates.
PERSISTENT_ABSENCE = {"E": 0.34, "K": 0.28, "N": 0.15}
SUSPENDED = {"E": 0.045, "K": 0.05, "N": 0.011}
PERMANENTLY_EXCLUDED = {"E": 0.0015, "K": 0.002, "N": 0.0004}
PART_TIME = {"E": 0.04, "K": 0.015, "N": 0.002}
OFF_ROLL = {"E": 0.008, "K": 0.008, "N": 0.003}
ALTERNATIVE_PROVISION = {"E": 0.03, "K": 0.012, "N": 0.002}
EOTAS = {"E": 0.008, "K": 0.0, "N": 0.0}
MISSING = {"E": 0.004, "K": 0.004, "N": 0.002}
ROLL_PER_PUPIL_WITH_SEND = 5  # pupils without SEN on each school's synthetic roll
UNMATCHED = 0.01  # pupils with SEN whose UPN the school holds differently
TERM_STARTS = ((9, 3), (1, 6), (4, 20))  # autumn, spring, summer
REASONS = list(EXCLUSION_REASONS)
REASON_WEIGHTS = [3, 4, 6, 8, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 14, 1, 3]


def _terms(today: date) -> list[Term]:
    year = today.year if today.month >= 9 else today.year - 1
    season = 0 if today.month >= 9 else (1 if today.month < 4 else 2)
    current = Term(year, season)
    found = [current]
    while len(found) < 3:
        last = found[-1]
        found.append(
            Term(last.start_year - 1, 2) if last.season == 0 else Term(last.start_year, last.season - 1)
        )
    return found[::-1]


def _start(term: Term) -> date:
    month, day = TERM_STARTS[term.season]
    return date(term.start_year + (term.season > 0), month, day)


def _pupils(area: DemoArea, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(upn, urn, sen status, need) for the area's pupils with SEND and each school's others."""
    pupils, at_school = [], {}
    for child in area.children:
        setting = child.setting
        if not child.upn or setting is None or not setting.urn or not 4 <= child.age_on(area.today) <= 16:
            continue
        status = "E" if child.sen_status == "EHC_PLAN" else "K"
        upn = child.upn if rng.random() > UNMATCHED else _upn(rng, len(pupils), "777")
        pupils.append((upn, setting.urn, status, child.primary_need))
        at_school[setting.urn] = at_school.get(setting.urn, 0) + 1
    serial = 0
    for urn, count in at_school.items():
        for _ in range(count * ROLL_PER_PUPIL_WITH_SEND):
            serial += 1
            pupils.append((_upn(rng, serial, "888"), urn, "N", ""))
    return pupils


def _upn(rng: random.Random, serial: int, prefix: str) -> str:
    """A valid UPN, different for each serial: a school's roll has each pupil once, however large
    the area (a serial cut to four digits repeated UPNs from about 10,000 pupils)."""
    body = f"{prefix}{serial:08d}{rng.randrange(10)}"
    return upn_check_letter(body) + body


def _day(rng: random.Random, start: date, within: int) -> date:
    day = start + timedelta(days=rng.randrange(max(within, 1)))
    return day - timedelta(days=max(day.weekday() - 4, 0))


def _rows(kind: ExtractKind, pupils, term: Term, rng: random.Random, today: date) -> list[list]:
    start = _start(term)
    span = max(min((today - start).days, 80), 1)
    rows = []
    for upn, urn, status, need in pupils:
        common = [upn, urn, status, need]
        if kind == ExtractKind.ATTENDANCE:
            possible = 2 * max(min(span, 70) * 5 // 7, 5)
            share = (
                rng.uniform(0.10, 0.35) if rng.random() < PERSISTENT_ABSENCE[status] else rng.uniform(0, 0.09)
            )
            missed = int(possible * share)
            unauthorised = int(missed * rng.uniform(0.1, 0.5))
            rows.append([*common, possible, missed - unauthorised, unauthorised])
        elif kind == ExtractKind.EXCLUSIONS:
            if rng.random() < PERMANENTLY_EXCLUDED[status]:
                rows.append(
                    [
                        *common,
                        "permanent",
                        _day(rng, start, span),
                        "",
                        rng.choices(REASONS, REASON_WEIGHTS)[0],
                    ]
                )
            elif rng.random() < SUSPENDED[status]:
                for _ in range(rng.choice((1, 1, 1, 2, 3))):
                    when = _day(rng, start, span)
                    rows.append(
                        [
                            *common,
                            "suspension",
                            when,
                            rng.choice((1, 2, 2, 4, 6, 10)),
                            rng.choices(REASONS, REASON_WEIGHTS)[0],
                        ]
                    )
        elif kind == ExtractKind.PART_TIME and rng.random() < PART_TIME[status]:
            began = _day(rng, start, span)
            ended = began + timedelta(weeks=rng.randint(3, 10))
            rows.append(
                [
                    *common,
                    began,
                    ended if ended < today and rng.random() < 0.5 else "",
                    rng.choice(("10", "12.5", "15", "20")),
                ]
            )
        elif kind == ExtractKind.OFF_ROLL and rng.random() < OFF_ROLL[status]:
            rows.append(
                [*common, _day(rng, start, span), rng.choice(("school", "ehe", "ehe", "moved", "unknown"))]
            )
        elif kind == ExtractKind.ALTERNATIVE_PROVISION:
            for category, share in (("ap", ALTERNATIVE_PROVISION), ("eotas", EOTAS)):
                if rng.random() < share[status]:
                    began = _day(rng, start - timedelta(days=120), 150)
                    rows.append(
                        [
                            *common,
                            category,
                            began,
                            "",
                            "Riverside Learning Centre" if category == "ap" else "Tuition at home",
                            "15",
                        ]
                    )
        elif kind == ExtractKind.MISSING_EDUCATION and rng.random() < MISSING[status]:
            rows.append([*common, _day(rng, start, span), ""])
    return rows


def _csv(kind: ExtractKind, rows: list[list]) -> str:
    lines = [",".join(columns(kind))]
    for row in rows:
        lines.append(",".join(v.isoformat() if isinstance(v, date) else str(v) for v in row))
    return "\n".join(lines) + "\n"


@demo_step(name="inclusion extracts", order=170)
def inclusion(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    pupils = _pupils(area, rng)
    by = Actor.command(User.system_account(), "demo", channel=Channel.IMPORT)
    for term in _terms(area.today):
        for kind in ExtractKind:
            rows = _rows(kind, pupils, term, rng, area.today)
            services.import_extract(
                area.local_authority, kind, term, _csv(kind, rows), by=by, today=area.today
            )
        progress.say(f"inclusion extracts for {term.label}: {len(pupils):,} pupils")
    _some_actions(area, rng)


def _some_actions(area: DemoArea, rng: random.Random) -> None:
    """What the SEND team did for a few of the children with a plan on the list."""
    manager = User.objects.filter(local_authority=area.local_authority, role="send_manager").first()
    if manager is None:
        return
    found = concerns(manager, Capability.ACT_ON_INCLUSION, today=area.today)
    staff = Actor.command(manager, "demo")
    for concern in found[: len(found) // 3]:
        services.record_action(
            concern.child,
            by=staff,
            today=area.today,
            what=rng.choice(InclusionAction.What.values),
            notes="Spoke to the SENCO and the family; a plan to build back to full time agreed.",
            look_again_on=area.today + timedelta(days=rng.choice((14, 21, 28))),
        )
