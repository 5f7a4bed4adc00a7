"""The SEN2 return of one council for one collection: build it, check it against the business
rules and the schema, count it by module, and write it."""

import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.utils import timezone

from tellonce.domain.sen2 import records as r
from tellonce.domain.sen2 import rules
from tellonce.domain.sen2.census import Collection, collection
from tellonce.domain.sen2.headline import headline
from tellonce.organisations.models import LocalAuthority
from tellonce.returns import builder, writer

MODULES = (
    ("persons", "People (module 1)"),
    ("requests", "Requests for assessment (module 2)"),
    ("assessments", "Assessments (module 3)"),
    ("named_plans", "EHC plans (module 4)"),
    ("plan_details", "Placements named in plans (module 4)"),
    ("active_plans", "Plans with placements and reviews (module 5)"),
    ("placements", "Placements attended (module 5)"),
    ("needs", "Needs (module 5)"),
)


def count(counts: Counter, person: r.Person) -> None:
    counts["persons"] += 1
    for request in person.requests:
        counts["requests"] += 1
        if request.assessment:
            counts["assessments"] += 1
            if request.assessment.plan:
                counts["named_plans"] += 1
                counts["plan_details"] += len(request.assessment.plan.details)
        if request.active_plans:
            counts["active_plans"] += 1
            counts["placements"] += len(request.active_plans.placements)
            counts["needs"] += len(request.active_plans.needs)


@dataclass(slots=True)
class Prepared:
    council: LocalAuthority
    census: Collection
    header: r.Header
    within: object = None  # the children a page's user may see; None for the command

    def reported(self, *, chunk: int = builder.CHUNK) -> Iterator[builder.Reported]:
        return builder.persons(self.council, self.census, chunk=chunk, within=self.within)

    def persons(self) -> Iterator[r.Person]:
        return (reported.person for reported in self.reported())


def prepare(
    council: LocalAuthority, year: int, *, now: datetime | None = None, serial: int = 1, within=None
) -> Prepared:
    census = collection(year)
    header = builder.header(council, census, serial=serial, now=timezone.localtime(now or timezone.now()))
    return Prepared(council, census, header, within)


@dataclass(slots=True)
class Checked:
    """What --check and the page report: counts by module, the failing rules, the schema errors."""

    counts: Counter = field(default_factory=Counter)
    failures: list[rules.Failure] = field(default_factory=list)
    schema_errors: list[writer.SchemaError] = field(default_factory=list)
    child_of: dict[int, object] = field(default_factory=dict)  # person position -> child id

    @property
    def passes(self) -> bool:
        return not self.failures and not self.schema_errors


def check(prepared: Prepared, *, progress: Callable[[int], None] | None = None) -> Checked:
    """Runs every business rule and the schema over the whole return, without keeping the file."""
    checked = Checked(failures=rules.check_header(prepared.header))
    reference = prepared.census.reference_date

    def persons() -> Iterator[r.Person]:
        for position, reported in enumerate(prepared.reported(), start=1):
            count(checked.counts, reported.person)
            checked.child_of[position] = reported.child_id
            checked.failures.extend(rules.check_person(reported.person, position, reference))
            yield reported.person

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sen2.xml"
        writer.write(str(path), prepared.header, persons(), progress=progress)
        checked.schema_errors = writer.validate(path, prepared.census.year)
    return checked


class UnknownCouncil(LookupError):
    pass


def council_for(code: str | None) -> LocalAuthority:
    """The council with `code`, or the only council when no code is given."""
    if code:
        try:
            return LocalAuthority.objects.get(code=code)
        except LocalAuthority.DoesNotExist:
            raise UnknownCouncil(f"No council has the LA code {code}") from None
    councils = list(LocalAuthority.objects.order_by("code")[:2])
    if len(councils) != 1:
        known = ", ".join(LocalAuthority.objects.order_by("code").values_list("code", flat=True))
        raise UnknownCouncil(f"Say which council with --council; the codes are {known or 'none'}")
    return councils[0]


def headline_for(council: LocalAuthority, calendar_year: int, *, within=None) -> dict:
    """The DfE's headline measures for a calendar year, computed from the return whose flows cover
    it (the next January's collection), as the DfE computes them: the figures a dashboard for a
    past year must equal."""
    prepared = prepare(council, calendar_year + 1, within=within)
    return headline(prepared.persons(), year=calendar_year)
