"""The demo area's extension point.

`tellonce demo` builds a synthetic local area in steps. The foundation's steps (organisations,
staff, children, families...) live in `tellonce/demo/foundation.py`; every later module adds its
own history (requests, plans, reviews, services...) the same way, from its own module or package
under `tellonce/demo/` (`assessments.py`, `plans/`, `reviews/`...), imported in the demo app's
AppConfig.ready() (`tellonce/demo/apps.py`), so that no product app imports demo code:

    from tellonce.demo.steps import demo_step

    @demo_step(name="requests for assessment", order=100)
    def add_requests(area: DemoArea, rng: random.Random, progress: Progress) -> None:
        ...

Steps run in `order`, inside one transaction, each with the same seeded random generator, so
the same --children and --seed always give the same area. A step reads what earlier steps made
from `area` and may add to it (`area.extra` is free for a module's own keys).
"""

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class DemoArea:
    children_wanted: int
    seed: int
    today: date
    local_authority: object = None
    localities: list = field(default_factory=list)
    settings_by_phase: dict = field(default_factory=dict)
    teams: dict = field(default_factory=dict)
    staff: dict = field(default_factory=dict)
    coordinators: list = field(default_factory=list)
    children: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


class Progress:
    """Prints what a step is doing, with counts and elapsed seconds."""

    def __init__(self, write: Callable[[str], None]):
        self.write = write
        self.started = time.monotonic()
        self._last_tenth = -1

    def say(self, message: str) -> None:
        self.write(f"  [{time.monotonic() - self.started:6.1f}s] {message}")

    def count(self, what: str, done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            self.say(f"{what}: {done:,} of {total:,} ({tenth * 10}%)")


@dataclass(frozen=True)
class Step:
    name: str
    order: int
    run: Callable[[DemoArea, random.Random, Progress], None]


STEPS: dict[str, Step] = {}


def demo_step(*, name: str, order: int):
    def register(function):
        STEPS[name] = Step(name=name, order=order, run=function)
        return function

    return register


def ordered_steps() -> list[Step]:
    return sorted(STEPS.values(), key=lambda step: step.order)


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)
