"""Importing a provider's extract (docs/import-format.md): all or nothing, every bad row named with
its reason; rows whose NHS number matches no child go to a review queue instead of being lost."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from tellonce.domain import waiting as rules
from tellonce.domain.identifiers import nhs_number_problem, normalise_nhs_number
from tellonce.people.models import Child
from tellonce.waiting_lists.models import Referral, UnmatchedRow, WaitingService

COLUMNS = (
    "provider_ref",
    "nhs_number",
    "referred",
    "accepted",
    "first_contact",
    "assessment",
    "treatment",
    "discharged",
)
DATES = ("referred", "first_contact", "assessment", "treatment", "discharged")


class ExtractError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} problem(s); nothing was imported")
        self.errors = errors


@dataclass
class ExtractResult:
    created: int = 0
    updated: int = 0
    unmatched: int = 0


def _date(raw: str, where: str, name: str, errors: list[str], today: date) -> date | None:
    text = (raw or "").strip()
    if not text:
        return None
    try:
        value = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        value = None
    if value is None:
        errors.append(f"{where}: {name} {text!r} is not a real date in the form YYYY-MM-DD")
    elif value > today:
        errors.append(f"{where}: {name} ({value}) is in the future")
    return value


def _accepted(raw: str, where: str, errors: list[str]) -> bool | None:
    text = (raw or "").strip().lower()
    if text in ("", "pending"):
        return None
    if text in ("yes", "y", "true", "1", "accepted"):
        return True
    if text in ("no", "n", "false", "0", "rejected"):
        return False
    errors.append(f"{where}: accepted {raw!r} must be yes, no or blank")
    return None


def read_extract(text: str, *, today: date) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in ("provider_ref", "nhs_number", "referred") if c not in (reader.fieldnames or [])]
    if missing:
        raise ExtractError([f"the file has no {', '.join(missing)} column (needs {', '.join(COLUMNS)})"])
    rows, errors, seen = [], [], {}
    for number, raw in enumerate(reader, start=2):
        where = f"row {number}"
        ref = (raw.get("provider_ref") or "").strip()
        if not ref:
            errors.append(f"{where}: provider_ref is missing")
            continue
        where = f"row {number} ({ref})"
        if ref in seen:
            errors.append(f"{where}: provider_ref appears again (first at row {seen[ref]})")
            continue
        seen[ref] = number
        nhs = (raw.get("nhs_number") or "").strip()
        if problem := nhs_number_problem(nhs):
            errors.append(f"{where}: nhs_number: {problem}")
            continue
        before = len(errors)
        dates = {name: _date(raw.get(name, ""), where, name, errors, today) for name in DATES}
        accepted = _accepted(raw.get("accepted", ""), where, errors)
        if dates["referred"] is None and len(errors) == before:
            errors.append(f"{where}: referred is missing")
        if len(errors) > before:
            continue
        wait = rules.Wait(
            dates["referred"],
            accepted,
            dates["first_contact"],
            dates["assessment"],
            dates["treatment"],
            dates["discharged"],
        )
        errors += [f"{where}: {p}" for p in rules.problems(wait)]
        rows.append(
            {
                "provider_ref": ref,
                "nhs_number": normalise_nhs_number(nhs),
                "accepted": accepted,
                **{f"{k}_on" if k != "referred" else "referred_on": v for k, v in dates.items()},
            }
        )
    if errors:
        raise ExtractError(errors)
    return rows


FIELD = {
    "first_contact_on": "first_contact_on",
    "assessment_on": "assessed_on",
    "treatment_on": "treatment_on",
    "discharged_on": "discharged_on",
    "referred_on": "referred_on",
}


@transaction.atomic
def import_extract(service: WaitingService, text: str, *, today: date) -> ExtractResult:
    """A provider's extract for one service, matched to the children of the council it serves."""
    rows = read_extract(text, today=today)
    children = {
        n: (pk, loc)
        for n, pk, loc in Child.objects.filter(
            local_authority_id=service.local_authority_id, nhs_number__in=[r["nhs_number"] for r in rows]
        ).values_list("nhs_number", "pk", "locality_id")
    }
    existing = {
        r.provider_ref: r
        for r in Referral.objects.filter(service=service, provider_ref__in=[r["provider_ref"] for r in rows])
    }
    result = ExtractResult()
    for row in rows:
        values = {FIELD[k]: v for k, v in row.items() if k in FIELD}
        values["accepted"] = row["accepted"]
        match = children.get(row["nhs_number"])
        if match is None:
            UnmatchedRow.objects.update_or_create(
                service=service,
                provider_ref=row["provider_ref"],
                resolved__isnull=True,
                defaults={
                    "nhs_number": row["nhs_number"],
                    "row": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()},
                },
            )
            result.unmatched += 1
            continue
        referral = existing.get(row["provider_ref"])
        if referral is None:
            Referral.objects.create(
                service=service,
                child_id=match[0],
                locality_id=match[1],
                provider_ref=row["provider_ref"],
                **values,
            )
            result.created += 1
        else:
            for name, value in values.items():
                setattr(referral, name, value)
            referral.version += 1
            referral.save()
            result.updated += 1
    return result


@transaction.atomic
def create_from_row(service: WaitingService, row: UnmatchedRow, child) -> Referral:
    """Resolve a queued row: the NHS number in the provider's system was wrong or missing here."""
    values = {FIELD[k]: (date.fromisoformat(v) if v else None) for k, v in row.row.items() if k in FIELD}
    referral = Referral.objects.create(
        service=service,
        child=child,
        locality_id=child.locality_id,
        provider_ref=row.provider_ref,
        accepted=row.row.get("accepted"),
        **values,
    )
    row.resolved = referral
    row.save(update_fields=["resolved"])
    return referral


def child_with_nhs_number(service: WaitingService, nhs_number: str):
    """For resolving the review queue: the child with this NHS number in the council the service
    serves (the health manager is about to be given sight of them through the referral)."""
    return Child.objects.filter(local_authority_id=service.local_authority_id, nhs_number=nhs_number).first()
