"""Writes the SEN2 return as XML one Person at a time (lxml's incremental `xmlfile`), in the
element order of the collection year's schema, then validates the file against that schema.
A file that fails is never left at the output path: it is written beside it under a temporary
name, checked, and only then renamed."""

import bisect
import os
import tempfile
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from tellonce.domain.sen2 import records as r
from tellonce.returns import schema

# Where LastReview goes among ActivePlans' review items: after ReviewMeeting in the 2025
# schema, at the end of the section from 2026.
REVIEW_ORDER = {
    2025: (
        "ReviewMeeting",
        "LastReview",
        "ReviewOutcome",
        "ReviewDraft",
        "PhaseTransferDueDate",
        "PhaseTransferFinalDate",
    ),
    2026: (
        "ReviewMeeting",
        "ReviewOutcome",
        "ReviewDraft",
        "PhaseTransferDueDate",
        "PhaseTransferFinalDate",
        "LastReview",
    ),
}


def _text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _items(parent: etree._Element, items: Iterable[tuple[str, object]]) -> None:
    for name, value in items:
        text = _text(value)
        if text is not None:
            etree.SubElement(parent, name).text = text


def header_element(header: r.Header) -> etree._Element:
    element = etree.Element("Header")
    details = etree.SubElement(element, "CollectionDetails")
    _items(
        details,
        [("Collection", header.collection), ("Year", header.year), ("ReferenceDate", header.reference_date)],
    )
    source = etree.SubElement(element, "Source")
    _items(
        source,
        [
            ("SourceLevel", header.source_level),
            ("LEA", header.lea),
            ("SoftwareCode", header.software_code),
            ("Release", header.release),
            ("SerialNo", header.serial_no),
            ("DateTime", header.date_time),
            ("DMO", header.dmo),
            ("DCO", header.dco),
            ("DSCO", header.dsco),
        ],
    )
    return element


def _placement(parent: etree._Element, name: str, p: r.Placement, attended: bool) -> None:
    element = etree.SubElement(parent, name)
    items: list[tuple[str, object]] = [
        ("URN", p.urn),
        ("UKPRN", p.ukprn),
        ("SENSetting", p.sen_setting),
        ("SENSettingOther", p.sen_setting_other),
        ("PlacementRank", p.rank),
    ]
    if attended:
        items += [("EntryDate", p.entry_date), ("LeavingDate", p.leaving_date)]
    items += [("SENunitIndicator", p.sen_unit), ("ResourcedProvisionIndicator", p.resourced_provision)]
    if attended:
        items += [("Res", p.residential), ("WBP", p.work_based)]
    _items(element, items)


def _named_plan(parent: etree._Element, plan: r.NamedPlan) -> None:
    element = etree.SubElement(parent, "NamedPlan")
    _items(element, [("StartDate", plan.start_date)])
    for detail in plan.details:
        _placement(element, "PlanDetail", detail, attended=False)
    _items(
        element,
        [
            ("PlanRes", plan.residential),
            ("PlanWBP", plan.work_based),
            ("PB", plan.personal_budget),
            ("OA", plan.organised_arrangements),
            ("DP", plan.direct_payments),
            ("CeaseDate", plan.cease_date),
            ("CeaseReason", plan.cease_reason),
        ],
    )


def _assessment(parent: etree._Element, a: r.Assessment) -> None:
    element = etree.SubElement(parent, "Assessment")
    _items(
        element,
        [
            ("AssessmentOutcome", a.outcome),
            ("AssessmentOutcomeDate", a.outcome_date),
            ("AssessmentMediation", a.mediation),
            ("AssessmentTribunal", a.tribunal),
            ("OtherMediation", a.other_mediation),
            ("OtherTribunal", a.other_tribunal),
            ("Week20", a.week20),
        ],
    )
    if a.plan is not None:
        _named_plan(element, a.plan)


def _active(parent: etree._Element, active: r.ActivePlans, year: int) -> None:
    element = etree.SubElement(parent, "ActivePlans")
    _items(element, [("TransferLA", active.transfer_la)])
    for placement in active.placements:
        _placement(element, "PlacementDetail", placement, attended=True)
    for need in active.needs:
        _items(etree.SubElement(element, "SENneed"), [("SENtype", need.type), ("SENtypeRank", need.rank)])
    review = {
        "ReviewMeeting": active.review_meeting,
        "LastReview": active.last_review,
        "ReviewOutcome": active.review_outcome,
        "ReviewDraft": active.review_draft,
        "PhaseTransferDueDate": active.phase_transfer_due,
        "PhaseTransferFinalDate": active.phase_transfer_final,
    }
    _items(element, [(name, review[name]) for name in REVIEW_ORDER[schema.schema_year(year)]])


def person_element(person: r.Person, year: int) -> etree._Element:
    element = etree.Element("Person")
    _items(
        element,
        [
            ("Surname", person.surname),
            ("Forename", person.forename),
            ("PersonBirthDate", person.birth_date),
            ("Sex", person.sex),
            ("Ethnicity", person.ethnicity),
            ("PostCode", person.postcode),
            ("UPN", person.upn),
            ("UniqueLearnerNumber", person.uln),
            ("UPNunknown", person.upn_unknown),
        ],
    )
    for request in person.requests:
        req = etree.SubElement(element, "Requests")
        _items(
            req,
            [
                ("ReceivedDate", request.received_date),
                ("RequestSource", request.source_code),
                ("RYA", request.youth_accommodation),
                ("RequestOutcomeDate", request.outcome_date),
                ("RequestOutcome", request.outcome),
                ("RequestMediation", request.mediation),
                ("RequestTribunal", request.tribunal),
                ("Exported", request.exported),
            ],
        )
        if request.assessment is not None:
            _assessment(req, request.assessment)
        if request.active_plans is not None:
            _active(req, request.active_plans, year)
    return element


def write(out, header: r.Header, persons: Iterable[r.Person], *, progress=None) -> int:
    """Streams the return to `out` (a path or a binary file); returns how many persons it wrote.
    `Persons` is opened with the first person: the schema wants at least one Person inside it."""
    count = 0
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element("Message"), ExitStack() as persons_element:
            xf.write(header_element(header), pretty_print=True)
            for person in persons:
                if count == 0:
                    persons_element.enter_context(xf.element("Persons"))
                xf.write(person_element(person, header.year), pretty_print=True)
                count += 1
                if progress is not None:
                    progress(count)
    return count


@dataclass(frozen=True, slots=True)
class SchemaError:
    person: int | None  # the Person's position in the file, from 1
    line: int
    message: str

    def __str__(self) -> str:
        where = f"Person {self.person}" if self.person else "The header"
        return f"{where} (line {self.line}): {plain(self.message)}"


def plain(message: str) -> str:
    """lxml's schema message in plainer English."""
    text = message.replace("Element '", "").replace("': ", ": ")
    text = text.replace("[facet 'pattern'] ", "").replace("[facet 'enumeration'] ", "")
    text = text.replace("This element is not expected.", "is not expected here (wrong order or not allowed).")
    return text.replace("is not accepted by the pattern", "is not in the form the schema allows:")


def validate(path: Path, year: int) -> list[SchemaError]:
    """The schema's errors in the file, each with the position of the Person it is in. A valid file
    is read a Person at a time; only a file with errors is read whole, to list every error."""
    xsd = schema.load(schema.schema_year(year))
    if meets_schema(path, xsd):
        return []
    document = etree.parse(str(path), etree.XMLParser(huge_tree=True))
    if xsd.validate(document):
        return []
    starts = [element.sourceline for element in document.iterfind("Persons/Person")]
    return [SchemaError(_position(starts, e.line), e.line, e.message) for e in xsd.error_log]


def meets_schema(path: Path, xsd: etree.XMLSchema) -> bool:
    """Whether the file meets the schema, checked as it is parsed (lxml validates while it reads) and
    each Person let go once read, so the memory does not grow with the return (ADR 81)."""
    try:
        for _, person in etree.iterparse(
            str(path), events=("end",), tag="Person", schema=xsd, huge_tree=True
        ):
            person.clear(keep_tail=True)
            while person.getprevious() is not None:
                del person.getparent()[0]
    except etree.XMLSyntaxError:
        return False
    return True


def _position(starts: list[int], line: int) -> int | None:
    at = bisect.bisect_right(starts, line)
    return at or None


class SchemaInvalid(Exception):
    def __init__(self, errors: list[SchemaError]):
        super().__init__(f"{len(errors)} schema errors")
        self.errors = errors


def write_checked(output: Path, header: r.Header, persons: Iterable[r.Person], *, progress=None) -> int:
    """Writes beside `output`, validates, and renames into place; raises SchemaInvalid (leaving
    nothing at `output`) when the file breaks the year's schema."""
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent or ".")
    os.close(handle)
    part = Path(temporary)
    try:
        count = write(str(part), header, persons, progress=progress)
        errors = validate(part, header.year)
        if errors:
            raise SchemaInvalid(errors)
        part.replace(output)
        return count
    finally:
        part.unlink(missing_ok=True)
