"""Importing one school's census extract (docs/sen-support.md): every line checked, every problem
reported with its line and reason, nothing written unless the whole file is good. Every pupil is
counted; a pupil on SEN support or with a plan whose valid UPN matches no child of the council goes
to the matching queue instead of being lost (a pupil with no SEN the council does not know is only
counted); a second file for the same school and census day replaces the first."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.audit.models import AccessEvent
from tellonce.audit.services import change_event
from tellonce.core.council_key import fill_councils
from tellonce.domain.identifiers import normalise_upn, upn_problem
from tellonce.domain.sen_support import row_problems, term_label
from tellonce.people.models import Child
from tellonce.sen_support.models import CensusImport, CensusRecord, UnmatchedCensusRow

HEADER_COLUMNS = (
    "urn",
    "census_date",
    "upn",
    "surname",
    "forename",
    "date_of_birth",
    "sen_provision",
    "sen_need_1",
    "sen_need_2",
)
REQUIRED = ("urn", "census_date", "upn", "sen_provision")


class CensusFileError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} problem(s); nothing was imported")
        self.errors = errors


@dataclass(frozen=True)
class Row:
    line: int
    upn: str
    surname: str
    forename: str
    date_of_birth: date | None
    provision: str
    needs: tuple[str, ...]


@dataclass
class Checked:
    census_date: date
    rows: list[Row]


@dataclass
class Result:
    census: CensusImport
    matched: int
    unmatched: int
    replaced: bool


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _row(raw: dict, line: int, errors: list[str], *, urn: str, today: date) -> tuple[Row | None, date | None]:
    upn = normalise_upn(raw.get("upn") or "")
    where = f"line {line}" + (f" (UPN {upn})" if upn else "")
    before = len(errors)
    if (raw.get("urn") or "").strip() != urn:
        errors.append(f"{where}: the URN {raw.get('urn', '')!r} is not this school's ({urn})")
    census_text = (raw.get("census_date") or "").strip()
    census_date = _date(census_text)
    if census_date is None:
        errors.append(f"{where}: census_date {census_text!r} is not a real date in the form YYYY-MM-DD")
    elif census_date > today:
        errors.append(f"{where}: census_date ({census_text}) is in the future")
    if problem := upn_problem(upn):
        errors.append(f"{where}: UPN: {problem}")
    birth_text = (raw.get("date_of_birth") or "").strip()
    birth = _date(birth_text) if birth_text else None
    if birth_text and birth is None:
        errors.append(f"{where}: date_of_birth {birth_text!r} is not a real date in the form YYYY-MM-DD")
    provision = (raw.get("sen_provision") or "").strip().upper()
    needs = tuple(n for n in ((raw.get(k) or "").strip().upper() for k in ("sen_need_1", "sen_need_2")) if n)
    errors += [f"{where}: {problem}" for problem in row_problems(provision, list(needs))]
    if len(errors) > before:
        return None, census_date
    row = Row(
        line,
        upn,
        (raw.get("surname") or "").strip()[:100],
        (raw.get("forename") or "").strip()[:100],
        birth,
        provision,
        needs,
    )
    return row, census_date


def read(text: str, *, urn: str, today: date) -> Checked:
    """The file's rows, or CensusFileError with every problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    reader.fieldnames = columns
    if missing := [c for c in REQUIRED if c not in columns]:
        raise CensusFileError(
            [f"line 1: the file has no {', '.join(missing)} column (see docs/sen-support.md)"]
        )
    rows, errors, seen, dates = [], [], {}, set()
    for line, raw in enumerate(reader, start=2):
        row, census_date = _row(raw, line, errors, urn=urn, today=today)
        if census_date:
            dates.add(census_date)
        if row is None:
            continue
        if row.upn in seen:
            errors.append(f"line {line} (UPN {row.upn}): the UPN is on line {seen[row.upn]} too")
            continue
        seen[row.upn] = line
        rows.append(row)
    if len(dates) > 1:
        errors.append(
            f"the file has more than one census_date ({', '.join(sorted(map(str, dates)))}): one census a file"
        )
    if not rows and not errors:
        errors.append("the file has no pupils")
    if errors:
        raise CensusFileError(errors)
    return Checked(dates.pop(), rows)


@transaction.atomic
def import_census(setting, text: str, *, by: Actor, today: date, file_name: str = "") -> Result:
    """One school's extract for one census day, all or nothing."""
    checked = read(text, urn=setting.urn, today=today)
    previous = CensusImport.objects.filter(setting=setting, census_date=checked.census_date)
    replaced = previous.exists()
    previous.delete()
    census = CensusImport.objects.create(
        local_authority_id=setting.local_authority_id,
        setting=setting,
        census_date=checked.census_date,
        imported_by=by.user,
        imported_on=today,
        file_name=file_name[:200],
        pupils=len(checked.rows),
        sen_support=sum(1 for r in checked.rows if r.provision == "K"),
        ehc_plan=sum(1 for r in checked.rows if r.provision == "E"),
    )
    children = dict(
        Child.objects.filter(
            local_authority_id=setting.local_authority_id, upn__in=[r.upn for r in checked.rows]
        ).values_list("upn", "pk")
    )
    records, unmatched = [], []
    for row in checked.rows:
        needs = (*row.needs, "", "")
        if row.upn in children:
            records.append(
                CensusRecord(
                    census=census,
                    child_id=children[row.upn],
                    upn=row.upn,
                    provision=row.provision,
                    need_1=needs[0],
                    need_2=needs[1],
                )
            )
        elif row.provision != "N":  # a pupil with no SEN the council does not know: counted only
            unmatched.append(
                UnmatchedCensusRow(
                    census=census,
                    line=row.line,
                    upn=row.upn,
                    given_name=row.forename,
                    family_name=row.surname,
                    date_of_birth=row.date_of_birth,
                    provision=row.provision,
                    need_1=needs[0],
                    need_2=needs[1],
                )
            )
    CensusRecord.objects.bulk_create(records, batch_size=1000)
    UnmatchedCensusRow.objects.bulk_create(unmatched, batch_size=1000)
    what = f"School census {term_label(checked.census_date)} imported for {setting.name}"
    AccessEvent.objects.bulk_create(
        fill_councils([change_event(by, r.child_id, what) for r in records]), batch_size=1000
    )
    return Result(census, len(records), len(unmatched), replaced)


@transaction.atomic
def match_row(row: UnmatchedCensusRow, child: Child, *, by: Actor) -> CensusRecord:
    """A person's decision: the queued row is this child (of the census's council)."""
    if child.local_authority_id != row.census.local_authority_id:
        raise ValueError("The child is not of the census's council")
    record, _ = CensusRecord.objects.update_or_create(
        census=row.census,
        child=child,
        defaults={"upn": row.upn, "provision": row.provision, "need_1": row.need_1, "need_2": row.need_2},
    )
    row.resolved_child = child
    row.save(update_fields=["resolved_child"])
    event = change_event(by, child.pk, f"School census row (UPN {row.upn}) matched to the record")
    event.child = child
    event.save()
    return record


@transaction.atomic
def set_aside(row: UnmatchedCensusRow, *, by: Actor, today: date) -> None:
    """Not a child of the council's (a pupil living in another area)."""
    row.dismissed_on = today
    row.save(update_fields=["dismissed_on"])
