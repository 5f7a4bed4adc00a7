"""Reading the council's termly extracts (docs/inclusion-import.md): every row checked, every
problem named with its line and reason, nothing written from a file with any problem. Each row
carries the pupil's UPN, school URN and SEN status, so the measures count every pupil; a row whose
UPN matches no child is kept for the figures and, for a pupil with SEN, waits in the matching queue."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from tellonce.core.interchange import FileChecker
from tellonce.domain import codes
from tellonce.domain import inclusion as rules
from tellonce.domain.identifiers import normalise_upn, upn_problem
from tellonce.inclusion.models import ExtractKind

COMMON = ("upn", "urn", "sen_status", "need")
COLUMNS = {
    ExtractKind.ATTENDANCE: ("sessions_possible", "sessions_authorised", "sessions_unauthorised"),
    ExtractKind.EXCLUSIONS: ("category", "start_date", "sessions", "reason"),
    ExtractKind.PART_TIME: ("start_date", "end_date", "hours_per_week"),
    ExtractKind.OFF_ROLL: ("date_left", "destination"),
    ExtractKind.ALTERNATIVE_PROVISION: ("category", "start_date", "end_date", "provider", "hours_per_week"),
    ExtractKind.MISSING_EDUCATION: ("start_date", "end_date"),
}
OPTIONAL = {"need", "end_date", "hours_per_week", "provider", "sessions"}
CATEGORIES = {
    ExtractKind.EXCLUSIONS: {
        "suspension": rules.EpisodeKind.SUSPENSION,
        "permanent": rules.EpisodeKind.PERMANENT_EXCLUSION,
    },
    ExtractKind.ALTERNATIVE_PROVISION: {
        "ap": rules.EpisodeKind.ALTERNATIVE_PROVISION,
        "eotas": rules.EpisodeKind.EOTAS,
    },
}
SINGLE_KIND = {
    ExtractKind.PART_TIME: rules.EpisodeKind.PART_TIME,
    ExtractKind.OFF_ROLL: rules.EpisodeKind.OFF_ROLL,
    ExtractKind.MISSING_EDUCATION: rules.EpisodeKind.MISSING_EDUCATION,
}
NEEDS = {code.lower(): code for code, _ in codes.SEN_TYPE.choices()}
STATUSES = {s.value.lower(): s.value for s in rules.SenStatus}


class ExtractError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} problem(s); nothing was imported")
        self.errors = errors


@dataclass
class Row:
    line: int
    upn: str
    setting_id: int
    sen_status: str
    need: str
    values: dict = field(default_factory=dict)


def columns(kind: ExtractKind) -> tuple[str, ...]:
    return COMMON + COLUMNS[kind]


def read_extract(kind: ExtractKind, text: str, *, settings_by_urn: dict[str, int], today: date) -> list[Row]:
    """The file's rows, or ExtractError with every problem. `settings_by_urn` are the council's
    schools and settings: a row from a school the council does not know is refused."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    wanted = columns(kind)
    present = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in wanted if name not in present and name not in OPTIONAL]
    if missing:
        raise ExtractError([f"the file has no {', '.join(missing)} column (it needs {', '.join(wanted)})"])
    check = FileChecker(today=today)
    rows, seen = [], {}
    for line, raw in enumerate(reader, start=2):
        raw = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if isinstance(v, str)}
        where = f"line {line}"
        before = len(check.errors)
        upn = normalise_upn(raw.get("upn", ""))
        if problem := upn_problem(upn):
            check.error(where, f"upn: {problem}")
        urn = raw.get("urn", "")
        if urn not in settings_by_urn:
            check.error(
                where,
                f"urn {urn!r} is not one of the council's schools or settings" if urn else "urn is missing",
            )
        status = check.code(
            raw, where, "sen_status", STATUSES, listed="E (EHC plan), K (SEN support) or N (none)"
        )
        if not status and raw.get("sen_status", "") == "":
            check.error(where, "sen_status is missing")
        need = check.code(raw, where, "need", NEEDS, listed="a census need type code, such as ASD or SEMH")
        values = _values(kind, raw, where, check)
        if kind == ExtractKind.ATTENDANCE and upn in seen and not upn_problem(upn):
            check.error(where, f"this pupil appears again (first on line {seen[upn]}): one row a pupil")
        seen.setdefault(upn, line)
        if len(check.errors) == before:
            rows.append(Row(line, upn, settings_by_urn[urn], status, need if status != "N" else "", values))
    if check.errors:
        raise ExtractError(check.errors)
    return rows


def _values(kind: ExtractKind, raw: dict, where: str, check: FileChecker) -> dict:
    if kind == ExtractKind.ATTENDANCE:
        return _attendance(raw, where, check)
    episode = {"kind": SINGLE_KIND.get(kind)}
    if kind in CATEGORIES:
        found = CATEGORIES[kind].get(raw.get("category", "").lower())
        if found is None:
            check.error(
                where, f"category {raw.get('category', '')!r} must be {' or '.join(CATEGORIES[kind])}"
            )
        episode["kind"] = found
    started = check.day(
        raw, where, "date_left" if kind == ExtractKind.OFF_ROLL else "start_date", required=True
    )
    ended = check.day(raw, where, "end_date", allow_future=True) if "end_date" in COLUMNS[kind] else None
    hours = _hours(raw, where, check) if "hours_per_week" in COLUMNS[kind] else None
    if kind == ExtractKind.PART_TIME and hours is None and not raw.get("hours_per_week"):
        check.error(where, "hours_per_week is missing")
    if started is not None:
        for problem in rules.episode_problems(started, ended, check.today, hours=hours):
            check.error(where, problem)
    episode |= {"started_on": started, "ended_on": ended, "hours_per_week": hours}
    if kind == ExtractKind.EXCLUSIONS:
        episode |= _exclusion(raw, where, check, episode["kind"])
    if kind == ExtractKind.OFF_ROLL:
        destination = raw.get("destination", "").lower()
        if destination not in rules.OFF_ROLL_DESTINATIONS:
            check.error(
                where,
                f"destination {raw.get('destination', '')!r} must be one of {', '.join(rules.OFF_ROLL_DESTINATIONS)}",
            )
        episode["destination"] = destination
    if kind == ExtractKind.ALTERNATIVE_PROVISION:
        episode["provider"] = raw.get("provider", "")[:160]
    return episode


def _whole(raw: dict, where: str, name: str, check: FileChecker, *, required: bool = True) -> int | None:
    text = raw.get(name, "")
    if not text:
        if required:
            check.error(where, f"{name} is missing")
        return None
    if not text.isdigit() or int(text) > 999:
        check.error(where, f"{name} {text!r} must be a whole number of sessions from 0 to 999")
        return None
    return int(text)


def _attendance(raw: dict, where: str, check: FileChecker) -> dict:
    possible, authorised, unauthorised = (
        _whole(raw, where, name, check) for name in COLUMNS[ExtractKind.ATTENDANCE]
    )
    if None in (possible, authorised, unauthorised):
        return {}
    for problem in rules.attendance_problems(possible, authorised, unauthorised):
        check.error(where, problem)
    return {
        "sessions_possible": possible,
        "sessions_authorised": authorised,
        "sessions_unauthorised": unauthorised,
        "persistently_absent": rules.is_persistently_absent(possible, authorised + unauthorised),
    }


def _hours(raw: dict, where: str, check: FileChecker) -> Decimal | None:
    text = raw.get("hours_per_week", "")
    if not text:
        return None
    try:
        hours = Decimal(text)
    except InvalidOperation:
        check.error(where, f"hours_per_week {text!r} must be a number of hours, like 12.5")
        return None
    return hours.quantize(Decimal("0.1"))


def _exclusion(raw: dict, where: str, check: FileChecker, kind) -> dict:
    reason = raw.get("reason", "").upper()
    if reason not in rules.EXCLUSION_REASONS:
        check.error(
            where,
            f"reason {raw.get('reason', '')!r} must be a census exclusion reason code, such as PD or VA",
        )
    sessions = _whole(raw, where, "sessions", check, required=kind == rules.EpisodeKind.SUSPENSION)
    if kind == rules.EpisodeKind.SUSPENSION and sessions == 0:
        check.error(where, "a suspension lasts at least 1 session")
    return {"reason": reason, "sessions": sessions}
