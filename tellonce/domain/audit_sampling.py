"""Drawing a sample of plans for an audit round, reproducibly.

Source: the council's quality-assurance framework (seed 000, 001): a random sample of plans,
or all plans of one coordinator, team, setting, need or phase, old or new, for a themed audit.
The same candidates, size and seed always draw the same plans, so a sample can be checked later.
"""

import random
from collections.abc import Callable, Sequence
from datetime import date


def draw[T](candidates: Sequence[T], *, size: int, seed: int, key: Callable[[T], str] = str) -> list[T]:
    """`size` of the candidates chosen at random from `seed`, independent of the order they came in."""
    if size < 1:
        raise ValueError("A sample needs at least one plan")
    ordered = sorted(candidates, key=key)
    if size >= len(ordered):
        return ordered
    return sorted(random.Random(seed).sample(ordered, size), key=key)


def age_in_months(issued_on: date, today: date) -> int:
    """Whole months since the plan in force was issued, for sampling plans by their age."""
    months = (today.year - issued_on.year) * 12 + today.month - issued_on.month
    return months - (today.day < issued_on.day)
