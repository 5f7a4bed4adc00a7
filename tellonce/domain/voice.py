"""Measures of family voice: response rates, percentages shown with their counts, and whose voice
is missing (respondents' mix beside the SEND cohort's, with the uncertainty small numbers carry).

Sources: seed 002 (survey after every plan and review; response rates; "You said, we did"); seeds
000 and 001 (minority ethnic families, single parents and EAL families not reached). Intervals are
Wilson score intervals (Wilson 1927; Newcombe 1998), which behave for small counts.
"""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

Z_95 = 1.959963984540054
MIN_RESPONDENTS = 20  # below this, a group's share is not judged


@dataclass(frozen=True, slots=True)
class Share:
    count: int
    total: int

    @property
    def percent(self) -> float | None:
        return 100 * self.count / self.total if self.total else None

    def interval(self, z: float = Z_95) -> tuple[float, float] | None:
        """Wilson score interval for the proportion, in percent."""
        if not self.total:
            return None
        n, p = self.total, self.count / self.total
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        # None of n and all of n have bounds of exactly 0 and 1; the subtraction leaves a rounding error.
        low = 0.0 if self.count == 0 else max(0.0, centre - half)
        high = 1.0 if self.count == self.total else min(1.0, centre + half)
        return 100 * low, 100 * high

    def text(self) -> str:
        """'64% (32 of 50)': every percentage with the number of answers behind it."""
        if not self.total:
            return "No answers"
        return f"{self.percent:.0f}% ({self.count} of {self.total})"


def response_rate(sent: int, answered: int) -> Share:
    if answered > sent:
        raise ValueError("more answers than invitations")
    return Share(answered, sent)


AGREE = frozenset({4, 5})  # on a 1-5 scale: agree and strongly agree


def agreement(scores: Iterable[int | None]) -> Share:
    """Share of answers that agree (4 or 5 of 5); 'don't know' (None or 0) is left out."""
    valid = [s for s in scores if s]
    return Share(sum(1 for s in valid if s in AGREE), len(valid))


class Verdict(StrEnum):
    UNDER = "under_represented"
    OVER = "over_represented"
    IN_LINE = "in_line"
    TOO_FEW = "too_few_to_judge"


@dataclass(frozen=True, slots=True)
class GroupComparison:
    group: str
    voices: Share
    cohort_percent: float
    verdict: Verdict


def compare(
    voices: Iterable[str] | Counter[str],
    cohort: Iterable[str] | Counter[str],
    *,
    min_respondents: int = MIN_RESPONDENTS,
) -> list[GroupComparison]:
    """For each group in the cohort: its share of the voices heard against its share of the cohort.
    Each of `voices` and `cohort` is the group of every one, or a Counter of each group's number.
    A group is under- or over-represented only when the cohort's share lies outside the 95%
    interval of its share of voices; with fewer voices in all than `min_respondents`, no group is judged."""
    heard, everyone = Counter(voices), Counter(cohort)
    total_heard, total_cohort = sum(heard.values()), sum(everyone.values())
    results = []
    for group in sorted(everyone, key=lambda g: -everyone[g]):
        share = Share(heard.get(group, 0), total_heard)
        cohort_percent = 100 * everyone[group] / total_cohort
        interval = share.interval()
        if total_heard < min_respondents or interval is None:
            verdict = Verdict.TOO_FEW
        else:
            low, high = interval
            verdict = (
                Verdict.UNDER
                if high < cohort_percent
                else Verdict.OVER
                if low > cohort_percent
                else Verdict.IN_LINE
            )
        results.append(GroupComparison(group, share, cohort_percent, verdict))
    return results
