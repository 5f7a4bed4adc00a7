"""Reading the DfE's published "Education, health and care plans" files and the Ministry of Justice's
appeal rate table in their own formats (docs/partnership-dashboard.md). Only the total rows are read
(breakdown "All ..."); the rest are breakdowns by age, sex, ethnicity or placement. Every problem is
reported with its file and line, and nothing is written while any remains."""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from tellonce.benchmarks.models import Level, PublishedFigure
from tellonce.core.interchange import ImportFailed

LEVELS = {"National": Level.NATIONAL, "Regional": Level.REGIONAL, "Local authority": Level.LOCAL_AUTHORITY}
MARKERS = {"x", "z", "c", "u", "low", "..", "~"}  # published instead of a number: kept as not available
AREA_COLUMNS = (
    "time_period",
    "geographic_level",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
    "breakdown_topic",
)


@dataclass(frozen=True)
class Spec:
    """One measure read from a file: the numerator's column, the denominator's columns (added up),
    and the published percentage's column."""

    measure: str
    numerator: str
    denominator: tuple[str, ...] = ()
    percent: str = ""


CEASE_COLUMNS = {
    "max_age": "ceased_max_age",
    "needs_met": "ceased_needs_met",
    "he": "ceased_higher_education",
    "employ": "ceased_employment",
    "transfer": "ceased_moved_to_another_la",
    "no_engage": "ceased_not_engaging",
    "moved_outside_eng": "ceased_moved_outside_england",
    "deceased": "ceased_deceased",
    "not_rec": "ceased_not_recorded",
    "other": "ceased_other",
}
# SEN2 item 4.6's codes (domain.ceasing.CeaseReason) as the published file's columns name them.
CEASE_REASON_MEASURES = {
    "1": "ceased_max_age",
    "2": "ceased_needs_met",
    "3": "ceased_higher_education",
    "4": "ceased_employment",
    "5": "ceased_moved_to_another_la",
    "6": "ceased_not_engaging",
    "7": "ceased_moved_outside_england",
    "8": "ceased_deceased",
    "9": "ceased_other",
}
FILES: dict[str, tuple[Spec, ...]] = {
    "ehcp_2025_requests.csv": (
        Spec(
            "requests_decided_in_6_weeks",
            "request_outcome_six_weeks",
            ("request_outcome_six_weeks", "request_outcome_over_6_weeks"),
            "request_outcome_six_weeks_pc",
        ),
        Spec("requests_received", "requests_received_in_year"),
        Spec(
            "requests_refused",
            "requests_decided_not_to_assess",
            ("requests_received_in_year",),
            "request_not_assess_pc",
        ),
    ),
    "ehcp_2025_timeliness_20_week.csv": (
        Spec(
            "plans_in_20_weeks_including_exceptions",
            "plans_issued_within_20_weeks",
            ("plans_issued_den",),
            "pc_plans_issued_within_20_weeks",
        ),
        Spec(
            "plans_in_20_weeks_excluding_exceptions",
            "plans_issued_20_weeks_ex",
            ("plans_issued_den_ex",),
            "PC_plans_issued_20_weeks_ex",
        ),
    ),
    "ehcp_2025_annual_reviews.csv": (
        Spec(
            "review_decisions_in_4_weeks",
            "number_decsion_4weeks",
            ("number_decsion_4weeks", "number_decision_gt_4weeks"),
            "pc_decsion_4weeks",
        ),
    ),
    "ehcp_2025_assessments.csv": (
        Spec(
            "assessments_issued", "assess_issued", ("assess_issued", "assess_not_issued"), "assess_issued_pc"
        ),
    ),
    "ehcp_2025_ceased_plans.csv": tuple(
        Spec(measure, column, ("total_ceased",)) for column, measure in CEASE_COLUMNS.items()
    ),
}
TRIBUNAL_FILE = "send_tribunal_appeal_rate_2014_2024.csv"
TRIBUNAL_YEARS = range(2014, 2025)


@dataclass(frozen=True)
class Row:
    release: str
    measure: str
    year: int
    level: str
    la_code: str
    la_name: str
    region_code: str
    region_name: str
    numerator: int | None
    denominator: int | None
    percent: float | None
    marker: str


class Problems(list):
    def add(self, file: str, line: int, message: str) -> None:
        self.append(f"{file}, line {line}: {message}")


def _number(text: str) -> int | None | str:
    """An integer, None for a marker, or the text back if it is neither."""
    value = text.strip().replace(",", "")
    if value in MARKERS or value == "":
        return None
    if value in {"-", "–"}:
        return 0
    try:
        return int(value)
    except ValueError:
        return text


def _percent(text: str) -> float | None | str:
    value = text.strip().rstrip("%")
    if value in MARKERS or value in {"", "..", "~"}:
        return None
    try:
        return float(value)
    except ValueError:
        return text


def is_total(row: dict) -> bool:
    return (row.get("breakdown_topic") or "").startswith("All ")


def read_dfe_file(name: str, text: str, problems: Problems) -> list[Row]:
    specs = FILES[name]
    release = name.removesuffix(".csv")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    needed = {*AREA_COLUMNS, *(c for s in specs for c in (s.numerator, *s.denominator, s.percent) if c)}
    missing = sorted(needed - set(reader.fieldnames or ()))
    if missing:
        problems.add(name, 1, f"the columns {', '.join(missing)} are missing: is this the DfE's file?")
        return []
    rows = []
    for line, raw in enumerate(reader, start=2):
        if not is_total(raw):
            continue
        level = LEVELS.get(raw["geographic_level"])
        if level is None:
            problems.add(
                name,
                line,
                f"geographic_level {raw['geographic_level']!r} is not National, Regional or Local authority",
            )
            continue
        try:
            year = int(raw["time_period"])
        except ValueError:
            problems.add(name, line, f"time_period {raw['time_period']!r} is not a calendar year")
            continue
        la_code = (raw.get("old_la_code") or "").strip()
        if level == Level.LOCAL_AUTHORITY and not (len(la_code) == 3 and la_code.isdigit()):
            problems.add(name, line, f"old_la_code {la_code!r} is not a 3-digit LA code")
            continue
        for spec in specs:
            numerator = _number(raw[spec.numerator])
            parts = [_number(raw[c]) for c in spec.denominator]
            percent = _percent(raw[spec.percent]) if spec.percent else None
            bad = [
                (c, v)
                for c, v in (
                    (spec.numerator, numerator),
                    *zip(spec.denominator, parts, strict=True),
                    (spec.percent, percent),
                )
                if isinstance(v, str)
            ]
            if bad:
                column, value = bad[0]
                problems.add(name, line, f"{column} is {value!r}, which is not a number, x or z")
                continue
            denominator = None if not parts or any(p is None for p in parts) else sum(parts)  # type: ignore[arg-type]
            if percent is None and numerator is not None and denominator:
                percent = round(100 * numerator / denominator, 1)
            markers = {raw[spec.numerator].strip()} & {"x", "z"}
            rows.append(
                Row(
                    release,
                    spec.measure,
                    year,
                    level,
                    la_code if level == Level.LOCAL_AUTHORITY else "",
                    raw["la_name"] if level == Level.LOCAL_AUTHORITY else "",
                    raw["region_code"] or "",
                    raw["region_name"] or "",
                    numerator,  # type: ignore[arg-type]
                    denominator,
                    percent,  # type: ignore[arg-type]
                    markers.pop() if markers else "",
                )
            )
    return rows


def read_tribunal_file(name: str, text: str, problems: Problems) -> list[Row]:
    """The appeal rate table: a title, two header lines, regions in capitals, then each council
    with appeals registered, appealable decisions and the rate for each year from 2014."""
    release = name.removesuffix(".csv")
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = next((i for i, r in enumerate(lines) if r and r[0].strip() == "Local Authority"), None)
    if header is None or len(lines[header]) < 2 or lines[header][1].strip() != "LA code":
        problems.add(
            name, 1, "no header line starting 'Local Authority,LA code': is this the appeal rate table?"
        )
        return []
    rows = []
    region = ""
    for index, cells in enumerate(lines[header + 2 :], start=header + 3):
        if not cells or not cells[0].strip():
            continue
        label, code = cells[0].strip(), (cells[1].strip() if len(cells) > 1 else "")
        if label.lower().startswith("england total") and "excluding" not in label:
            level, code, area = Level.NATIONAL, "", ""
        elif not code and label.isupper():
            region = "London" if label.endswith("LONDON") else label.title().replace(" And ", " and ")
            continue
        elif code:
            level, area = Level.LOCAL_AUTHORITY, label.rstrip("0123456789")
            if not (len(code) == 3 and code.isdigit()):
                problems.add(name, index, f"LA code {code!r} is not a 3-digit code")
                continue
        else:
            if label[:1].isdigit() or label.startswith((".", "~")) or "excluding" in label:
                break  # the notes under the table
            continue
        for offset, year in enumerate(TRIBUNAL_YEARS):
            at = 2 + 3 * offset
            if len(cells) < at + 3:
                problems.add(name, index, f"the figures for {year} are missing")
                break
            appeals, decisions = _number(cells[at]), _number(cells[at + 1])
            percent = _percent(cells[at + 2])
            if any(isinstance(v, str) for v in (appeals, decisions, percent)):
                problems.add(name, index, f"the {year} figures {cells[at : at + 3]} are not numbers")
                break
            rows.append(
                Row(
                    release,
                    "tribunal_appeal_rate",
                    year,
                    level,
                    code if level == Level.LOCAL_AUTHORITY else "",
                    area if level == Level.LOCAL_AUTHORITY else "",
                    "",
                    region if level == Level.LOCAL_AUTHORITY else "",
                    appeals,  # type: ignore[arg-type]
                    decisions,  # type: ignore[arg-type]
                    percent,  # type: ignore[arg-type]
                    "x" if appeals is None else "",
                )
            )
    return rows


READERS: dict[str, Callable[[str, str, Problems], list[Row]]] = {
    **dict.fromkeys(FILES, read_dfe_file),
    TRIBUNAL_FILE: read_tribunal_file,
}


@dataclass(frozen=True)
class Loaded:
    releases: dict[str, int]


def files_in(folder: Path) -> Iterator[Path]:
    for name in READERS:
        path = folder / name
        if path.exists():
            yield path


def load(folder: Path, *, progress: Callable[[str], None] = lambda _: None) -> Loaded:
    """Read every known file in `folder`; if all are good, replace each file's release with its rows
    in one transaction. Raises ImportFailed with every problem, having written nothing."""
    problems = Problems()
    paths = list(files_in(folder))
    if not paths:
        raise ImportFailed([f"{folder}: none of {', '.join(READERS)} is there"])
    found: dict[str, list[Row]] = {}
    for path in paths:
        progress(f"Reading {path.name}...")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_bytes().decode("cp1252")
        rows = READERS[path.name](path.name, text, problems)
        found[path.name.removesuffix(".csv")] = rows
        progress(f"  {len(rows):,} figures")
    if problems:
        raise ImportFailed(list(problems))
    with transaction.atomic():
        for release, rows in found.items():
            PublishedFigure.objects.filter(release=release).delete()
            PublishedFigure.objects.bulk_create(
                [PublishedFigure(**row.__dict__) for row in rows], batch_size=2000
            )
            progress(f"Saved {len(rows):,} figures from {release}")
    return Loaded({release: len(rows) for release, rows in found.items()})


def trim(source: Path, target: Path) -> dict[str, int]:
    """Copy the files the loader reads from `source` to `target`, keeping every column but only the
    total rows (the breakdowns are most of the 12 MB); the appeal rate table is small and kept whole."""
    target.mkdir(parents=True, exist_ok=True)
    kept = {}
    for path in files_in(source):
        text = path.read_bytes().decode("utf-8-sig")
        if path.name == TRIBUNAL_FILE:
            (target / path.name).write_text(text, encoding="utf-8")
            kept[path.name] = text.count("\n")
            continue
        # The published lines are copied as they are (no CSV writer re-quotes or changes a cell).
        lines = text.splitlines(keepends=True)
        header = next(csv.reader(lines[:1]))
        kept_lines = [lines[0]]
        for line in lines[1:]:
            if line.strip() and is_total(dict(zip(header, next(csv.reader([line])), strict=False))):
                kept_lines.append(line)
        count = len(kept_lines) - 1
        (target / path.name).write_text("".join(kept_lines), encoding="utf-8")
        kept[path.name] = count
    return kept


PUBLISHED = Path(__file__).parent / "published" / "2025"
