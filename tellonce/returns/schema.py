"""The SEN2 schemas Tellonce validates against: the DfE's schemas as transcribed in the source
(schemas/source/, untouched) with the corrections below, which make them accept real values.
schemas/README.md lists the same corrections for readers; a test keeps the two in step."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
YEARS = (2025, 2026)

_LONDON_ONLY = "<!-- Guide for LAs says to refer to CBDS i.e. Common Basic Data Set, item N00216. Please note I have only included the London LAs below (See CS003 on CodeSets tab) -->"


@dataclass(frozen=True, slots=True)
class Correction:
    item: str
    was: str
    now: str
    why: str


CORRECTIONS = (
    Correction(
        "URN",
        r'<xs:pattern value="^\d{1,6}$"/>',
        r'<xs:pattern value="\d{1,6}"/>',
        "XSD patterns are anchored already and have no ^ or $, so the source's pattern rejected every URN",
    ),
    Correction(
        "UKPRN",
        r'<xs:pattern value="^\d{8}$"/>',
        r'<xs:pattern value="\d{8}"/>',
        "XSD patterns have no ^ or $, so the source's pattern rejected every UKPRN",
    ),
    Correction(
        "UniqueLearnerNumber",
        "<!-- First digit can't be a 0 but whole string has to be 8 characters long -->\n"
        '      <xs:pattern value="^[1-9][0-9]{7}$"/>',
        "<!-- First digit can't be a 0 but whole string has to be 10 characters long -->\n"
        '      <xs:pattern value="[1-9][0-9]{9}"/>',
        "XSD patterns have no ^ or $, and a ULN is 10 digits (DfE guide item 1.7b), not 8",
    ),
    Correction(
        "LEA, Exported, TransferLA (exportedandleatype)",
        _LONDON_ONLY,
        "<!-- Guide for LAs says to refer to CBDS i.e. Common Basic Data Set, item N00216: every LA's 3-digit code -->\n"
        '      <xs:pattern value="[0-9]{3}|XXX"/>',
        "the source lists only the 33 London councils' codes, so no other council could send a return; "
        "any 3-digit CBDS LA code (or the source's XXX) is accepted instead",
    ),
)


def corrected(source: str) -> str:
    """The source schema's text with every correction made; London's enumerated codes are dropped."""
    text = source
    for correction in CORRECTIONS:
        if correction.was not in text:
            raise ValueError(f"The source schema no longer has the {correction.item} text to correct")
        text = text.replace(correction.was, correction.now, 1)
    head, _, rest = text.partition('<xs:pattern value="[0-9]{3}|XXX"/>\n')
    enumerations, _, tail = rest.partition("    </xs:restriction>\n  </xs:simpleType>")
    if any(not line.strip().startswith("<xs:enumeration") for line in enumerations.splitlines()):
        raise ValueError("The source's LA code list holds more than the London codes")
    return head + '<xs:pattern value="[0-9]{3}|XXX"/>\n' + "    </xs:restriction>\n  </xs:simpleType>" + tail


def path(year: int) -> Path:
    if year not in YEARS:
        raise ValueError(f"Tellonce has no SEN2 schema for {year}; it has {', '.join(map(str, YEARS))}")
    return SCHEMAS / f"sen2_schema_{year}.xsd"


def schema_year(collection_year: int) -> int:
    """The schema a collection is checked against: its own, else the latest older one (a year
    beyond the ones shipped uses the newest until its schema is added)."""
    return max([y for y in YEARS if y <= collection_year] or [YEARS[0]])


@cache
def load(year: int) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path(year))))
