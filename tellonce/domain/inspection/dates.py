"""Dates as reports write them: "26 October 2022", "Between 7 and 11 February 2022",
"11 to 15 March 2024", "27 February to 3 March 2023", "28 January 2019 and 1 February 2019"."""

import re
from datetime import date

from tellonce.domain.inspection.findings import DateRange

MONTHS = {
    m: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DATE = re.compile(rf"^{_DAY}\s+{_MONTH}\.?,?\s+(\d{{4}})$", re.IGNORECASE)
_RANGE = re.compile(
    rf"{_DAY}(?:\s+{_MONTH})?(?:\s+(\d{{4}}))?\s*(?:to|and|until|-|–|—)\s*{_DAY}\s+{_MONTH}\s+(\d{{4}})",
    re.IGNORECASE,
)


def _make(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), MONTHS[month.lower().rstrip(".")], int(day))
    except (ValueError, KeyError):
        return None


def parse_date(text: str) -> date | None:
    """A paragraph that is nothing but a date, perhaps labelled ("Date: 8 March 2022")."""
    text = re.sub(
        r"^(?:date|dated|published|date of (?:the )?letter)(?: on)?\s*:?\s*", "", text.strip(), flags=re.I
    )
    match = _DATE.match(text.strip().rstrip("."))
    return _make(*match.groups()) if match else None


def find_range(text: str) -> DateRange | None:
    """The first span of days in `text`; a missing month or year on the first day is the last's."""
    match = _RANGE.search(text)
    if not match:
        return None
    d1, m1, y1, d2, m2, y2 = match.groups()
    end = _make(d2, m2, y2)
    start = _make(d1, m1 or m2, y1 or y2)
    if start and end and start > end and not y1:
        start = _make(d1, m1 or m2, str(int(y2) - 1))
    if not start or not end or start > end:
        return None
    return DateRange(start, end)
