"""The demo area's published figures and statistical neighbours, and a few targets, for the
partnership dashboard.

Northbridge is fictional (LA code 999). Its neighbours are an example: councils of a similar size
and kind to Kingston upon Thames (about 2,000 EHC plans), the outer London borough of seed 002, in
the style of the DfE's statistical neighbour model. A real council takes its own list from the
DfE's Children's Services Statistical Neighbour Benchmarking Tool and sets it on the Statistical
neighbours page."""

import random
from decimal import Decimal

from tellonce.accounts.actors import Actor, Channel
from tellonce.benchmarks import loading
from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.partnership import services

EXAMPLE_NEIGHBOURS = ("314", "318", "319", "315", "305", "302", "310", "872", "868", "867")
TARGETS = {
    "requests_decided_in_6_weeks": Decimal("90"),
    "plans_in_20_weeks_excluding_exceptions": Decimal("60"),
    "review_decisions_in_4_weeks": Decimal("75"),
    "health_advice_in_6_weeks": Decimal("80"),
    "families_satisfied": Decimal("75"),
}


@demo_step(name="published figures and statistical neighbours", order=210)
def add_published_figures(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    loaded = loading.load(loading.PUBLISHED)
    progress.say(f"{sum(loaded.releases.values()):,} published figures")
    by = Actor.command(area.staff["analyst"], "demo", channel=Channel.IMPORT)
    for code in EXAMPLE_NEIGHBOURS:
        services.add_neighbour(area.local_authority, code, by=by, today=area.today)
    for measure, percent in TARGETS.items():
        services.set_target(
            area.local_authority, measure, percent, by=by, today=area.today, expected_version=None
        )
    progress.say(f"{len(EXAMPLE_NEIGHBOURS)} statistical neighbours and {len(TARGETS)} targets")
