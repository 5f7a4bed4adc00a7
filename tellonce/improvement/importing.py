"""An uploaded report to the importer's JSON (docs/inspection-import.md), and that JSON to the
rows that are saved: shared by `tellonce import-inspection` and the upload and review pages."""

from datetime import date

from tellonce.domain.inspection import NotAnInspectionReport, parse_report
from tellonce.improvement.reading import UnreadableReport, read_report
from tellonce.improvement.services import findings_from_json


class ImportProblem(Exception):
    """Why a file could not be imported, in plain English. Nothing has been saved."""


def extract(data: bytes, *, filename: str = "") -> dict:
    try:
        read = read_report(data, filename=filename)
        return parse_report(read.text, document_date=read.document_date).as_json()
    except (UnreadableReport, NotAnInspectionReport) as problem:
        raise ImportProblem(str(problem)) from problem


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def details_from_json(found: dict) -> dict:
    """The inspection's own fields, as the model names them."""
    dates = found.get("inspection_dates") or {}
    return {
        "area": found.get("area", "")[:200],
        "framework": found["framework"],
        "kind": found["kind"],
        "outcome": found["outcome"],
        "written_statement_required": found.get("written_statement_required"),
        "letter_date": _date(found.get("letter_date")),
        "inspection_start": _date(dates.get("start")),
        "inspection_end": _date(dates.get("end")),
    }


def rows_from_json(found: dict) -> list[dict]:
    return findings_from_json(found)
