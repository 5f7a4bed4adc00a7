"""Reading GIAS's establishment file (edubasealldataYYYYMMDD.csv, docs/gias-import.md) into the
settings it describes, checked row by row so that every problem is reported at once with its line
and column, and nothing is written unless all is valid (core.interchange). Only the council's open
establishments are read (or every council's, if asked); the columns Tellonce does not use are
left alone, whatever they are.
"""

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from tellonce.core.interchange import FileChecker, ImportFailed
from tellonce.domain import gias
from tellonce.domain.education_settings import SettingPhase, SettingYears, years_problems
from tellonce.domain.identifiers import normalise_postcode, postcode_problem, ukprn_problem, urn_problem
from tellonce.organisations.models import SettingType

URN = "URN"
LA_CODE = "LA (code)"
NAME = "EstablishmentName"
TYPE = "TypeOfEstablishment (name)"
STATUS = "EstablishmentStatus (name)"
PHASE = "PhaseOfEducation (name)"
LOW_AGE = "StatutoryLowAge"
HIGH_AGE = "StatutoryHighAge"
SIXTH_FORM = "OfficialSixthForm (name)"
UKPRN = "UKPRN"
POSTCODE = "Postcode"
RESOURCED_PROVISION = "TypeOfResourcedProvision (name)"  # read where present
COLUMNS = (URN, LA_CODE, NAME, TYPE, STATUS, PHASE, LOW_AGE, HIGH_AGE, SIXTH_FORM, UKPRN, POSTCODE)

PROGRESS_EVERY = 10_000

# The type of provision for each GIAS establishment type that is not mainstream.
_TYPES = {
    gias.normal(name): kind
    for name, kind in {
        "Local authority nursery school": SettingType.EARLY_YEARS,
        "Community special school": SettingType.MAINTAINED_SPECIAL,
        "Foundation special school": SettingType.MAINTAINED_SPECIAL,
        "Academy special converter": SettingType.ACADEMY_SPECIAL,
        "Academy special sponsor led": SettingType.ACADEMY_SPECIAL,
        "Free schools special": SettingType.ACADEMY_SPECIAL,
        "Other independent special school": SettingType.INDEPENDENT_SPECIAL,
        "Non-maintained special school": SettingType.NON_MAINTAINED_SPECIAL,
        "Special post 16 institution": SettingType.SPECIALIST_POST_16,
        "Pupil referral unit": SettingType.ALTERNATIVE_PROVISION,
        "Academy alternative provision converter": SettingType.ALTERNATIVE_PROVISION,
        "Academy alternative provision sponsor led": SettingType.ALTERNATIVE_PROVISION,
        "Free schools alternative provision": SettingType.ALTERNATIVE_PROVISION,
        "Secure units": SettingType.ALTERNATIVE_PROVISION,
        "Academy secure 16 to 19": SettingType.ALTERNATIVE_PROVISION,
        "Further education": SettingType.FE_COLLEGE,
        "Sixth form centres": SettingType.FE_COLLEGE,
        "Other independent school": SettingType.INDEPENDENT,
    }.items()
}


@dataclass(frozen=True, slots=True)
class Establishment:
    """One open establishment, as a setting's fields."""

    line: int
    urn: str
    name: str
    phase: SettingPhase
    setting_type: SettingType
    years: SettingYears
    ukprn: str
    postcode: str


@dataclass
class Reading:
    establishments: list[Establishment] = field(default_factory=list)
    rows: int = 0
    other_councils: int = 0
    not_open: int = 0
    not_settings: int = 0


def decode(data: bytes) -> str:
    """GIAS publishes the file in Windows-1252; one saved again as UTF-8 (with or without a byte
    order mark) is read too. A Windows-1252 file with any letter beyond ASCII is not valid UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read(text: str, *, la_code: str | None, progress: Callable[[str], None] | None = None) -> Reading:
    """The open establishments of the council with `la_code` (of every council if None), checked;
    ImportFailed with every problem if any row the council would keep is wrong."""
    check = FileChecker(today=date.max)  # no dates are read
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        names = ", ".join(f'"{name}"' for name in missing)
        raise ImportFailed(
            [
                f"line 1: the header has no column {names}: is this GIAS's establishment file (edubasealldata…csv)?"
            ]
        )
    found = Reading()
    urns: Counter[str] = Counter()
    line = 1
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        found.rows += 1
        if progress and found.rows % PROGRESS_EVERY == 0:
            progress(f"  read {found.rows:,} rows")
        row = dict(zip(header, cells, strict=False))
        if la_code is not None and row.get(LA_CODE, "").strip() != la_code:
            found.other_councils += 1
            continue
        establishment = _establishment(check, row, start, found)
        if establishment is not None:
            urns[establishment.urn] += 1
            if urns[establishment.urn] == 2:
                check.error(
                    _where(start, establishment.urn), f"{URN} {establishment.urn} is in the file twice"
                )
            found.establishments.append(establishment)
    if check.errors:
        raise ImportFailed(check.errors)
    return found


def _where(line: int, urn: str) -> str:
    return f"line {line}" + (f" (URN {urn})" if urn else "")


def _establishment(check: FileChecker, row: dict, line: int, found: Reading) -> Establishment | None:
    urn = row.get(URN, "").strip()
    where = _where(line, urn)
    status = row.get(STATUS, "")
    is_open = gias.is_open(status)
    if is_open is None:
        check.error(where, f"{STATUS} {status.strip()!r} is not a status GIAS publishes")
        return None
    if not is_open:
        found.not_open += 1
        return None
    type_name = row.get(TYPE, "")
    kind = gias.establishment_type(type_name)
    if kind is None:
        check.error(where, f"{TYPE} {type_name.strip()!r} is not an establishment type Tellonce knows")
        return None
    if not kind.is_setting:
        found.not_settings += 1
        return None
    errors = len(check.errors)
    if not urn:
        check.error(where, f"{URN} is missing")
    elif problem := urn_problem(urn):
        check.error(where, f"{URN} {urn!r}: {problem}")
    name = check.text(row, where, NAME, max_length=160)
    ages = _ages(check, row, where)
    sixth_form = gias.has_sixth_form(row.get(SIXTH_FORM, ""))
    if sixth_form is None:
        check.error(where, f"{SIXTH_FORM} {row.get(SIXTH_FORM, '').strip()!r} is not a value GIAS publishes")
    ukprn = row.get(UKPRN, "").strip()
    if ukprn and (problem := ukprn_problem(ukprn)):
        check.error(where, f"{UKPRN} {ukprn!r}: {problem}")
    postcode = normalise_postcode(row.get(POSTCODE, ""))
    if postcode and (problem := postcode_problem(postcode)):
        check.error(where, f"{POSTCODE} {postcode!r}: {problem}")
    if ages is None:
        return None
    phase = gias.phase_of(kind, row.get(PHASE, ""), *ages)
    if phase is None:
        check.error(
            where, f"{PHASE} {row.get(PHASE, '').strip()!r} does not say the phase of a {type_name.strip()}"
        )
        return None
    years = gias.setting_years(phase, *ages, bool(sixth_form))
    given = f"{LOW_AGE} {ages[0]} and {HIGH_AGE} {ages[1]}"
    if sixth_form:
        given = f"{LOW_AGE} {ages[0]}, {HIGH_AGE} {ages[1]} and {SIXTH_FORM} {row[SIXTH_FORM].strip()!r}"
    for problem in years_problems(years):
        check.error(where, f"{given}: {problem}")
    if len(check.errors) > errors:
        return None
    return Establishment(line, urn, name, phase, _setting_type(type_name, row), years, ukprn, postcode)


def _ages(check: FileChecker, row: dict, where: str) -> tuple[int, int] | None:
    ages = []
    for column in (LOW_AGE, HIGH_AGE):
        value = row.get(column, "").strip()
        if not value:
            check.error(where, f"{column} is missing")
        elif not value.isdigit():
            check.error(where, f"{column} {value!r} is not a whole number of years")
        else:
            ages.append(int(value))
    if len(ages) < 2:
        return None
    problems = gias.age_problems(*ages)
    for problem in problems:
        check.error(where, problem)
    return None if problems else (ages[0], ages[1])


def _setting_type(type_name: str, row: dict) -> SettingType:
    if kind := _TYPES.get(gias.normal(type_name)):
        return kind
    provision = gias.normal(row.get(RESOURCED_PROVISION, ""))
    if "resourced provision" in provision:
        return SettingType.RESOURCED_PROVISION
    return SettingType.SEN_UNIT if "sen unit" in provision else SettingType.MAINSTREAM
