"""Importing a termly extract (all or nothing, replacing the same kind and term), matching queued
rows to a child, recording what the SEND team did, and the council's threshold for time out of
school. Each change to a child's record is in the access log."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, Q

from tellonce.accounts.actors import Actor
from tellonce.audit.models import AccessEvent
from tellonce.audit.services import change_event, record_change
from tellonce.core.council_key import fill_councils
from tellonce.domain import inclusion as rules
from tellonce.domain.identifiers import normalise_upn
from tellonce.inclusion.extracts import ExtractError, Row, read_extract
from tellonce.inclusion.models import (
    Attendance,
    AttendanceCount,
    CouncilThreshold,
    Episode,
    Extract,
    ExtractKind,
    InclusionAction,
)
from tellonce.organisations.models import Setting
from tellonce.people.models import Child

QUEUED = (rules.SenStatus.EHC_PLAN, rules.SenStatus.SEN_SUPPORT)

__all__ = [
    "ExtractError",
    "ImportResult",
    "count_attendance",
    "import_extract",
    "match_pupil",
    "rebuild_counts",
    "record_action",
    "set_threshold",
]


@dataclass(frozen=True)
class ImportResult:
    extract: Extract
    rows: int
    matched: int
    queued: int


@transaction.atomic
def import_extract(
    local_authority: Any,
    kind: ExtractKind,
    term: rules.Term,
    text: str,
    *,
    by: Actor,
    today: date,
    file_name: str = "",
) -> ImportResult:
    """Every row of the file or none: a bad row raises ExtractError with each line's problem. The
    same kind and term imported again replaces the earlier file."""
    urns = dict(
        Setting.objects.filter(local_authority=local_authority).exclude(urn="").values_list("urn", "pk")
    )
    rows = read_extract(kind, text, settings_by_urn=urns, today=today)
    children = dict(
        Child.objects.filter(local_authority=local_authority, upn__in={r.upn for r in rows}).values_list(
            "upn", "pk"
        )
    )
    extract, _ = Extract.objects.update_or_create(
        local_authority=local_authority,
        kind=kind,
        term=term.code,
        defaults={"file_name": file_name[:200], "imported_by": by.user},
    )
    model = Attendance if kind == ExtractKind.ATTENDANCE else Episode
    model.objects.filter(extract=extract).delete()
    made = [_record(model, extract, row, children.get(row.upn)) for row in rows]
    model.objects.bulk_create(made, batch_size=2000)
    if model is Attendance:
        count_attendance(extract)
    queued = sum(1 for r in made if r.child_id is None and r.sen_status in QUEUED)
    extract.rows, extract.unmatched = len(made), queued
    extract.save(update_fields=["rows", "unmatched"])
    what = f"Inclusion extract imported: {extract}"
    AccessEvent.objects.bulk_create(
        fill_councils([change_event(by, pk, what) for pk in {r.child_id for r in made if r.child_id}])
    )
    return ImportResult(extract, len(made), sum(1 for r in made if r.child_id), queued)


def count_attendance(extract: Extract) -> int:
    """Write the attendance extract's counts by school, need and SEN status again from its rows
    (the measures read these, ADR 75); inside the caller's transaction. Returns the groups."""
    AttendanceCount.objects.filter(extract=extract).delete()
    groups = (
        Attendance.objects.filter(extract=extract)
        .values("setting_id", "need", "sen_status")
        .annotate(pupils=Count("id"), absent=Count("id", filter=Q(persistently_absent=True)))
        .order_by()
    )
    made = [
        AttendanceCount(
            extract=extract,
            local_authority_id=extract.local_authority_id,
            setting_id=g["setting_id"],
            need=g["need"],
            sen_status=g["sen_status"],
            pupils=g["pupils"],
            persistently_absent=g["absent"],
        )
        for g in groups
    ]
    AttendanceCount.objects.bulk_create(made, batch_size=2000)
    return len(made)


@transaction.atomic
def rebuild_counts(local_authority: Any = None) -> tuple[int, int]:
    """Every attendance extract's counts written again from its rows (all councils', or one's), in
    one transaction: (extracts, groups)."""
    extracts = Extract.objects.filter(kind=ExtractKind.ATTENDANCE)
    if local_authority is not None:
        extracts = extracts.filter(local_authority=local_authority)
    done = groups = 0
    for extract in extracts:
        groups += count_attendance(extract)
        done += 1
    return done, groups


def _record(model: Any, extract: Extract, row: Row, child_id: Any) -> Any:
    values = dict(row.values)
    if values.get("kind") == rules.EpisodeKind.SUSPENSION and values.get("started_on"):
        values["ended_on"] = rules.suspension_ends(values["started_on"], values.get("sessions") or 1)
    return model(
        extract=extract,
        local_authority_id=extract.local_authority_id,
        line=row.line,
        upn=row.upn,
        child_id=child_id,
        setting_id=row.setting_id,
        sen_status=row.sen_status,
        need=row.need,
        **values,
    )


@transaction.atomic
def match_pupil(local_authority: Any, upn: str, child: Child, *, by: Actor) -> int:
    """The queued rows with this UPN become the child's (the school's UPN was not on the record)."""
    upn = normalise_upn(upn)
    matched = 0
    for model in (Attendance, Episode):
        matched += model.objects.filter(local_authority=local_authority, upn=upn, child__isnull=True).update(
            child=child
        )
    for extract in Extract.objects.filter(local_authority=local_authority):
        extract.unmatched = sum(
            m.objects.filter(extract=extract, child__isnull=True, sen_status__in=QUEUED).count()
            for m in (Attendance, Episode)
        )
        extract.save(update_fields=["unmatched"])
    record_change(by, child, f"Matched {matched} inclusion extract row(s) to the record")
    return matched


@transaction.atomic
def record_action(
    child: Child, *, by: Actor, today: date, what: str, notes: str, look_again_on: date
) -> InclusionAction:
    if look_again_on < today:
        raise ValueError("the date to look again must be today or later")
    action = InclusionAction.objects.create(
        child=child, what=what, notes=notes, done_on=today, look_again_on=look_again_on, recorded_by=by.user
    )
    record_change(by, child, f"Inclusion: {action.get_what_display()}; look again on {look_again_on}")
    return action


@transaction.atomic
def set_threshold(local_authority: Any, *, by: Actor, days: int, expected_version: int) -> CouncilThreshold:
    if not 1 <= days <= 190:
        raise ValueError("the number of school days must be from 1 to 190")
    threshold, _ = CouncilThreshold.objects.get_or_create(local_authority=local_authority)
    threshold.out_of_school_days = days
    threshold.save_versioned(expected_version=expected_version, fields=["out_of_school_days"])
    return threshold


def threshold_of(local_authority_id: int) -> CouncilThreshold:
    found = CouncilThreshold.objects.filter(local_authority_id=local_authority_id).first()
    return found or CouncilThreshold(local_authority_id=local_authority_id)
