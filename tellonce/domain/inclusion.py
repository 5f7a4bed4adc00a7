"""Inclusion measures: attendance, suspensions and permanent exclusions, part-time timetables, moves
off roll, alternative provision and children missing education, for pupils with SEND against those
without; and which children with a plan the SEND team should act on.

Sources: DfE, "Pupil absence in schools in England" (a pupil is persistently absent who misses 10%
or more of their possible sessions); DfE, "Suspensions and permanent exclusions in England" (rates
per pupil on roll; reason codes from the school census, CBDS item 100380); DfE statistical
practice: counts under a threshold are suppressed ("c"); DfE, "Suspension and permanent exclusion
from maintained schools..." (2024), para. 174: the governing board must consider reinstatement once
a pupil's suspensions pass 15 school days in a term; DfE, "Working together to improve school
attendance" (2024): part-time timetables as a temporary measure with a date to end; seeds 001, 003
and 004 (reduced timetables, exclusion and persistent absence of pupils with SEND). Intervals are
Wilson score intervals (`domain.voice.Share`), which behave for small groups.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tellonce.domain.voice import Share

PERSISTENT_ABSENCE_SHARE = 0.10
SUPPRESS_BELOW = 10  # pupils in a group: fewer and the group's rate is shown as "c"
SUSPENSION_DAYS_A_TERM = 15  # school days; past it the governing board must consider reinstatement
FULL_TIME_HOURS = 32.5  # the DfE's expected minimum school week (from September 2024)
SEASONS = ("autumn", "spring", "summer")


class SenStatus(StrEnum):
    """The school census's SEN provision (CBDS item 100078)."""

    EHC_PLAN = "E"
    SEN_SUPPORT = "K"
    NONE = "N"


SEN_STATUS_LABELS = {
    SenStatus.EHC_PLAN: "EHC plan",
    SenStatus.SEN_SUPPORT: "SEN support",
    SenStatus.NONE: "No identified SEN",
}


class EpisodeKind(StrEnum):
    SUSPENSION = "suspension"
    PERMANENT_EXCLUSION = "permanent_exclusion"
    PART_TIME = "part_time"
    OFF_ROLL = "off_roll"
    ALTERNATIVE_PROVISION = "alternative_provision"
    EOTAS = "eotas"
    MISSING_EDUCATION = "missing_education"


EPISODE_LABELS = {
    EpisodeKind.SUSPENSION: "Suspension",
    EpisodeKind.PERMANENT_EXCLUSION: "Permanent exclusion",
    EpisodeKind.PART_TIME: "Part-time timetable",
    EpisodeKind.OFF_ROLL: "Moved off roll at an unusual time",
    EpisodeKind.ALTERNATIVE_PROVISION: "Alternative provision placement",
    EpisodeKind.EOTAS: "Education otherwise than at school",
    EpisodeKind.MISSING_EDUCATION: "Missing education",
}

# The school census's reasons for a suspension or permanent exclusion (from 2020/21).
EXCLUSION_REASONS = {
    "PP": "Physical assault against a pupil",
    "PA": "Physical assault against an adult",
    "VP": "Verbal abuse or threatening behaviour against a pupil",
    "VA": "Verbal abuse or threatening behaviour against an adult",
    "OW": "Use or threat of use of an offensive weapon or prohibited item",
    "BU": "Bullying",
    "RA": "Racist abuse",
    "AS": "Abuse against sexual orientation or gender identity",
    "AD": "Abuse relating to disability",
    "SM": "Sexual misconduct",
    "DA": "Drug and alcohol related",
    "DM": "Damage",
    "TH": "Theft",
    "MT": "Inappropriate use of social media or online technology",
    "PD": "Persistent disruptive behaviour",
    "WP": "Wilful and repeated transgression of protective measures",
    "OT": "Other",
}

OFF_ROLL_DESTINATIONS = {
    "school": "Another school",
    "ehe": "Elective home education",
    "moved": "Moved out of the area",
    "ap": "Alternative provision",
    "unknown": "Not known",
}


@dataclass(frozen=True, order=True, slots=True)
class Term:
    """A school term: the academic year by the calendar year it starts in, and its season."""

    start_year: int
    season: int  # 0 autumn, 1 spring, 2 summer

    @classmethod
    def parse(cls, text: str) -> "Term":
        """'2025/26 autumn' (or '2025-26 Autumn term'); ValueError with the reason otherwise."""
        words = text.replace("-", "/").lower().replace("term", "").split()
        if len(words) != 2 or words[1] not in SEASONS:
            raise ValueError("Enter the term like 2025/26 autumn (autumn, spring or summer)")
        years = words[0].split("/")
        if len(years) != 2 or not all(y.isdigit() for y in years) or len(years[0]) != 4:
            raise ValueError("Enter the academic year like 2025/26")
        start = int(years[0])
        if int(years[1]) % 100 != (start + 1) % 100:
            raise ValueError(f"{words[0]} is not an academic year: the second year follows the first")
        return cls(start, SEASONS.index(words[1]))

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d} {SEASONS[self.season]}"

    @property
    def code(self) -> int:
        return self.start_year * 10 + self.season

    @classmethod
    def of_code(cls, code: int) -> "Term":
        return cls(code // 10, code % 10)


def is_persistently_absent(possible: int, missed: int) -> bool:
    """Missed 10% or more of the sessions possible (DfE)."""
    return possible > 0 and missed * 10 >= possible


def attendance_problems(possible: int, authorised: int, unauthorised: int) -> list[str]:
    problems = []
    if min(possible, authorised, unauthorised) < 0:
        problems.append("sessions cannot be negative")
    elif possible == 0:
        problems.append("sessions_possible must be more than 0")
    elif authorised + unauthorised > possible:
        problems.append(
            f"sessions missed ({authorised + unauthorised}) are more than the sessions possible ({possible})"
        )
    return problems


def episode_problems(
    started: date, ended: date | None, today: date, *, hours: float | None = None
) -> list[str]:
    problems = []
    if started > today:
        problems.append(f"the start ({started:%d/%m/%Y}) is in the future")
    if ended is not None and ended < started:
        problems.append("the end is before the start")
    if hours is not None and not 0 < hours < FULL_TIME_HOURS:
        problems.append(f"hours_per_week must be more than 0 and less than {FULL_TIME_HOURS} (full time)")
    return problems


@dataclass(frozen=True, slots=True)
class Rate:
    """Pupils with something (count) among the pupils of a group (total), suppressed when the
    group is smaller than the threshold, as the DfE does, so that no pupil can be told apart."""

    count: int
    total: int
    suppress_below: int = SUPPRESS_BELOW

    @property
    def suppressed(self) -> bool:
        return 0 < self.total < self.suppress_below

    @property
    def percent(self) -> float | None:
        return None if self.suppressed or not self.total else 100 * self.count / self.total

    @property
    def interval(self) -> tuple[float, float] | None:
        return None if self.suppressed else Share(self.count, self.total).interval()

    def text(self) -> str:
        if not self.total:
            return "No pupils"
        if self.suppressed:
            return f"c (fewer than {self.suppress_below} pupils)"
        return f"{self.percent:.1f}% ({self.count} of {self.total})"

    def interval_text(self) -> str:
        found = self.interval
        return "" if found is None else f"{found[0]:.1f}% to {found[1]:.1f}%"


def rate(count: int, total: int, *, suppress_below: int = SUPPRESS_BELOW) -> Rate:
    if count < 0 or total < 0 or count > total:
        raise ValueError("a rate's count must be between 0 and its total")
    return Rate(count, total, suppress_below)


class Verdict(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    UNCLEAR = "not clearly different"
    NOT_JUDGED = "not judged (too few pupils)"


def compare(group: Rate, others: Rate) -> Verdict:
    """Higher or lower only when the two 95% intervals do not overlap: a cautious test that small
    groups rarely pass, so a disparity called out is one to act on."""
    mine, theirs = group.interval, others.interval
    if mine is None or theirs is None:
        return Verdict.NOT_JUDGED
    if mine[0] > theirs[1]:
        return Verdict.HIGHER
    if mine[1] < theirs[0]:
        return Verdict.LOWER
    return Verdict.UNCLEAR


def ratio(group: Rate, others: Rate) -> float | None:
    """How many times the others' rate the group's is (the DfE's "x times as likely")."""
    if group.percent is None or not others.percent:
        return None
    return group.percent / others.percent


@dataclass(frozen=True, slots=True)
class Episode:
    kind: EpisodeKind
    started: date
    ended: date | None = None
    sessions: int | None = None  # for a suspension: half-day sessions
    destination: str = ""  # for a move off roll: one of OFF_ROLL_DESTINATIONS


class Reason(StrEnum):
    PERMANENTLY_EXCLUDED = "permanently excluded"
    SUSPENDED_NOW = "suspended now"
    SUSPENDED_OVER_LIMIT = "suspended for more than 15 school days this term"
    PART_TIME = "on a part-time timetable"
    OUT_OF_SCHOOL = "out of school"


def _out_of_school(episode: Episode) -> bool:
    if episode.kind == EpisodeKind.OFF_ROLL:
        return episode.destination in ("", "unknown")
    return episode.kind == EpisodeKind.MISSING_EDUCATION


RECENT_EXCLUSION_DAYS = 365


def school_days_between(start: date, end: date) -> int:
    """Weekdays from `start` up to and including `end` (holidays count: a council's threshold is
    about time out of education, which a holiday does not shorten much)."""
    if end < start:
        return 0
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum((start + timedelta(days=weeks * 7 + i)).weekday() < 5 for i in range(rest))


def suspension_ends(started: date, sessions: int) -> date:
    """The last school day of a suspension of `sessions` half-day sessions starting on `started`."""
    day, left = started, (max(sessions, 1) + 1) // 2 - 1
    while left or day.weekday() >= 5:
        day += timedelta(days=1)
        left -= day.weekday() < 5 and left > 0
    return day


def reasons_to_act(episodes: Iterable[Episode], today: date, *, out_of_school_days: int) -> list[Reason]:
    """Why a child with a plan needs the SEND team, from the episodes the extracts hold for them:
    a permanent exclusion in the last year, a suspension running today or adding up to more than
    15 school days, a part-time timetable that has not ended, or time out of school (missing
    education, or off roll to nowhere known) longer than the council's threshold."""
    found: set[Reason] = set()
    suspended_sessions = 0
    for e in episodes:
        running = e.started <= today and (e.ended is None or e.ended >= today)
        if e.kind == EpisodeKind.PERMANENT_EXCLUSION and (today - e.started).days <= RECENT_EXCLUSION_DAYS:
            found.add(Reason.PERMANENTLY_EXCLUDED)
        elif e.kind == EpisodeKind.SUSPENSION:
            suspended_sessions += e.sessions or 0
            if running:
                found.add(Reason.SUSPENDED_NOW)
        elif e.kind == EpisodeKind.PART_TIME and running:
            found.add(Reason.PART_TIME)
        elif _out_of_school(e) and running:
            if school_days_between(e.started, today) > out_of_school_days:
                found.add(Reason.OUT_OF_SCHOOL)
    if suspended_sessions > 2 * SUSPENSION_DAYS_A_TERM:
        found.add(Reason.SUSPENDED_OVER_LIMIT)
    return sorted(found, key=list(Reason).index)
