"""Rules of an improvement plan: RAG ratings over time, overdue actions and which way a measure
is moving.

Source: the shape of a Written Statement of Action impact report (for each area: aim, progress,
impact, worries and next steps; seed 002) and of priority action plans under the 2023 area SEND
framework. A red, amber or green rating is local practice, not statute: each rating is kept with
its date so a report for any date shows the rating that stood then. Callers pass "today".
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    COMPLETE = "complete"


class Direction(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    STEADY = "steady"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Rating:
    rated_on: date
    rag: Rag


def rag_on(ratings: Iterable[Rating], day: date) -> Rag | None:
    """The rating that stood on `day`: the latest given on or before it."""
    standing = [r for r in ratings if r.rated_on <= day]
    return max(standing, key=lambda r: r.rated_on).rag if standing else None


def is_overdue(due: date, status: ActionStatus, today: date) -> bool:
    """An action is overdue from the day after its due date until it is complete."""
    return status != ActionStatus.COMPLETE and due < today


def days_overdue(due: date, status: ActionStatus, today: date) -> int:
    return (today - due).days if is_overdue(due, status, today) else 0


def month_ends(today: date, *, months: int) -> list[date]:
    """The last day of each of the `months` months before this one, oldest first, then today."""
    ends: list[date] = []
    day = today.replace(day=1) - timedelta(days=1)
    for _ in range(months):
        ends.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return [*reversed(ends), today]


@dataclass(frozen=True, slots=True)
class RagCount:
    day: date
    red: int
    amber: int
    green: int
    unrated: int


def rag_trend(histories: Sequence[Sequence[Rating]], days: Sequence[date]) -> list[RagCount]:
    """How many priorities stood at each rating on each day: the board's trend."""
    out = []
    for day in days:
        now = [rag_on(h, day) for h in histories]
        out.append(
            RagCount(day, now.count(Rag.RED), now.count(Rag.AMBER), now.count(Rag.GREEN), now.count(None))
        )
    return out


def direction(values: Sequence[float | None], *, higher_is_better: bool, tolerance: float = 1.0) -> Direction:
    """Which way a measure moved from its first known value to its last; within `tolerance`
    (in the measure's own unit) it is steady."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return Direction.UNKNOWN
    change = known[-1] - known[0]
    if abs(change) <= tolerance:
        return Direction.STEADY
    return Direction.IMPROVING if (change > 0) == higher_is_better else Direction.WORSENING


# Words that say nothing of what a finding is about, left out when findings are matched to
# priorities: grammar, and the words every SEND finding shares.
_COMMON = frozenset(
    "a about across all also an and are as at be been by can children children's do does for from "
    "has have in into is it its local more needs not of on or partners partnership so that the "
    "their them there these they this those to up was well were what when where which who will "
    "with young people send area leaders".split()
)


def words_of(text: str) -> frozenset[str]:
    """The words of a finding or a priority that say what it is about, lower case, without
    punctuation or the most common words; a plural 's' is dropped so 'plans' meets 'plan'."""
    cleaned = "".join(c.lower() if c.isalnum() else " " for c in text)
    out = set()
    for word in cleaned.split():
        if word in _COMMON or len(word) < 3 or word.isdigit():
            continue
        out.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return frozenset(out)


def overlap(a: str, b: str) -> float:
    """How much two texts share, 0 to 1: the shared words over the words of the shorter text."""
    wa, wb = words_of(a), words_of(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def best_match[K](text: str, candidates: Sequence[tuple[K, str]], *, at_least: float = 0.3) -> K | None:
    """The candidate (key, text) sharing most words with `text`, if it shares at least `at_least`
    of them; None when nothing is close enough (a new priority). The first wins a tie."""
    best: K | None = None
    best_score = at_least
    for key, other in candidates:
        score = overlap(text, other)
        if score > best_score or (best is None and score >= at_least):
            best, best_score = key, score
    return best
