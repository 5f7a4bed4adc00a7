"""Import and export a whole directory as Open Referral UK 3.0 JSON (docs/local-offer.md).

A file is a `Page` of services (as `/services` answers), one fully nested service (as
`/services/{id}`), or a list of services. Every record is checked against compiled/service.json and
Tellonce's own rules first; if any record is refused, each refusal is reported with its reason and
nothing is written. Otherwise every record is written in one transaction (existing ids updated).
Problems that lose nothing important (a latitude out of range) are warnings, not refusals."""

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, time

from django.db import transaction
from django.utils.text import slugify

from tellonce.local_offer.models import (
    Cost,
    IndexState,
    Location,
    Provider,
    Service,
    ServiceAtLocation,
    ServiceVersion,
    Taxonomy,
    TaxonomyTerm,
)
from tellonce.local_offer.oruk import schemas, serialise
from tellonce.local_offer.services import content_of
from tellonce.organisations.models import LocalAuthority

MAX_NAME = 200


class FeedRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}: nothing was imported")
        self.problems = problems


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    warnings: list[str] = field(default_factory=list)


def records_in(text: str) -> list:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FeedRefused([f"The file is not JSON: {error}"]) from None
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"]
    if isinstance(data, dict) and "id" in data:
        return [data]
    if isinstance(data, list):
        return data
    raise FeedRefused(["The file is not an ORUK page of services, a service or a list of services"])


def _label(n: int, record) -> str:
    name = record.get("name") if isinstance(record, dict) else None
    ident = record.get("id") if isinstance(record, dict) else None
    return f"Record {n}" + (f" ({name})" if name else "") + (f" id {ident}" if ident else "")


def check(records: list, local_authority_id: int) -> tuple[list[str], list[str]]:
    """(refusals, warnings), each naming its record. A service or organisation already in another
    council's Local Offer is refused: each council's directory is its own."""
    refusals, warnings, seen = [], [], {}
    ours = Provider.objects.of_council(local_authority_id)
    for n, record in enumerate(records, 1):
        label = _label(n, record)
        if not isinstance(record, dict):
            refusals.append(f"{label}: is not an object")
            continue
        refusals += [f"{label}: {e}" for e in schemas.errors(record, "service.json")]
        ident = record.get("id")
        if isinstance(ident, str):
            if ident in seen:
                refusals.append(f"{label}: id is the same as record {seen[ident]}")
            seen.setdefault(ident, n)
            if _elsewhere(Service.objects.exclude(provider__local_authority_id=local_authority_id), ident):
                refusals.append(f"{label}: id is a service in another council's Local Offer")
        org_id = (
            (record.get("organization") or {}).get("id")
            if isinstance(record.get("organization"), dict)
            else None
        )
        if org_id and _elsewhere(Provider.objects.exclude(local_authority_id=local_authority_id), org_id):
            refusals.append(f"{label}: organization {org_id} is another council's")
        if isinstance(record.get("name"), str) and len(record["name"]) > MAX_NAME:
            refusals.append(f"{label}: name is longer than {MAX_NAME} characters")
        low, high = record.get("minimum_age"), record.get("maximum_age")
        if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
            refusals.append(f"{label}: minimum_age {low} is more than maximum_age {high}")
        if not record.get("organization") and not record.get("organization_id"):
            refusals.append(f"{label}: has no organization or organization_id")
        elif not record.get("organization") and not ours.filter(pk=_uuid(record["organization_id"])).exists():
            refusals.append(
                f"{label}: organization_id {record['organization_id']} is not a known organisation"
            )
        for sal in record.get("service_at_locations") or []:
            loc = (sal or {}).get("location") or {}
            lat, lon = loc.get("latitude"), loc.get("longitude")
            if (isinstance(lat, int | float) and not -90 <= lat <= 90) or (
                isinstance(lon, int | float) and not -180 <= lon <= 180
            ):
                warnings.append(
                    f"{label}: location {loc.get('id')} has coordinates out of range; kept without them"
                )
    return refusals, warnings


def _elsewhere(rows, ident) -> bool:
    key = _uuid(ident)
    return key is not None and rows.filter(pk=key).exists()


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def import_feed(text: str, *, today: date, local_authority: LocalAuthority) -> Outcome:
    """A feed into one council's Local Offer, all or nothing."""
    records = records_in(text)
    refusals, warnings = check(records, local_authority.pk)
    if refusals:
        raise FeedRefused(refusals)
    outcome = Outcome(warnings=warnings)
    with transaction.atomic():
        for record in records:
            created = _write(record, today=today, local_authority=local_authority)
            outcome.created += created
            outcome.updated += not created
        IndexState.bump(local_authority.pk)
    return outcome


def _provider(record: dict, local_authority: LocalAuthority) -> Provider:
    org = record.get("organization")
    if not org:
        return Provider.objects.of_council(local_authority.pk).get(pk=record["organization_id"])
    provider, _ = Provider.objects.update_or_create(
        pk=org["id"],
        defaults={
            "local_authority": local_authority,
            "name": org["name"][:200],
            "description": org.get("description") or "",
            "email": org.get("email") or "",
            "website": org.get("website") or "",
        },
    )
    return provider


def _term(data: dict) -> TaxonomyTerm:
    existing = TaxonomyTerm.objects.filter(pk=data["id"]).first()
    if existing:
        return existing
    taxonomy = None
    if data.get("taxonomy_id"):
        taxonomy = Taxonomy.objects.filter(pk=data["taxonomy_id"]).first()
    if taxonomy is None:
        name = str(data.get("taxonomy") or "Imported terms")[:200]
        taxonomy, _ = Taxonomy.objects.get_or_create(
            code=f"imported-{slugify(name)}"[:60],
            defaults={
                "name": name,
                "description": f"Terms imported from an ORUK feed ({name})",
                **({"id": data["taxonomy_id"]} if _uuid(data.get("taxonomy_id")) else {}),
            },
        )
    parent = (
        TaxonomyTerm.objects.filter(pk=data.get("parent_id")).first()
        if _uuid(data.get("parent_id"))
        else None
    )
    return TaxonomyTerm.objects.create(
        id=data["id"],
        taxonomy=taxonomy,
        name=data["name"][:200],
        description=data.get("description") or "",
        parent=parent,
        code=str(data.get("code") or "")[:80],
    )


def _cost(record: dict) -> tuple[str, str]:
    options = record.get("cost_options") or []
    amounts = [o.get("amount") for o in options if o.get("amount") is not None]
    described = "; ".join(
        " ".join(str(p) for p in (o.get("option"), o.get("amount_description")) if p) for o in options
    )
    if not options:
        return Cost.FREE, ""
    return (Cost.FREE if amounts and not any(amounts) else Cost.CHARGE), described[:300]


def _schedule(record: dict) -> dict:
    first = (record.get("schedules") or [{}])[0]

    def clock(value):
        try:
            return time.fromisoformat(value) if value else None
        except ValueError:
            return None

    return {
        "days": ",".join(d for d in str(first.get("byday") or "").upper().split(",") if d[:2].isalpha())[:20],
        "opens_at": clock(first.get("opens_at")),
        "closes_at": clock(first.get("closes_at")),
        "schedule_description": str(first.get("description") or "")[:300],
    }


def _write(record: dict, *, today: date, local_authority: LocalAuthority) -> bool:
    provider = _provider(record, local_authority)
    contacts = record.get("contacts") or []
    phones = record.get("phones") or [p for c in contacts for p in (c.get("phones") or [])]
    cost, fees = _cost(record)
    assured = record.get("assured_date")
    try:
        last_checked = date.fromisoformat(assured) if assured else None
    except ValueError:
        last_checked = None
    values = {
        "provider": provider,
        "name": record["name"],
        "alternate_name": str(record.get("alternate_name") or "")[:200],
        "description": record.get("description") or "",
        "status": record["status"],
        "is_public": True,
        "minimum_age": int(record["minimum_age"]) if record.get("minimum_age") is not None else None,
        "maximum_age": int(record["maximum_age"]) if record.get("maximum_age") is not None else None,
        "eligibility_description": record.get("eligibility_description") or "",
        "application_process": record.get("application_process") or "",
        "cost": cost,
        "fees_description": (record.get("fees_description") or fees or record.get("fees") or "")[:300],
        "url": record.get("url") or "",
        "email": record.get("email") or "",
        "contact_name": str(contacts[0].get("name") or "")[:120] if contacts else "",
        "phone": str(phones[0].get("number") or "")[:30] if phones else "",
        "languages": ", ".join(
            str(lang.get("name")) for lang in record.get("languages") or [] if lang.get("name")
        )[:200],
        "last_checked": last_checked,
        "checked_by": record.get("assurer_email") or "",
        **_schedule(record),
    }
    service, created = Service.objects.update_or_create(pk=record["id"], defaults=values)
    terms = [_term(a["taxonomy_term"]) for a in record.get("attributes") or [] if a.get("taxonomy_term")]
    service.needs.set([t for t in terms if t.taxonomy.code == Taxonomy.NEEDS])
    service.categories.set([t for t in terms if t.taxonomy.code != Taxonomy.NEEDS])
    for sal in record.get("service_at_locations") or []:
        _write_location(service, sal)
    number = (service.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    ServiceVersion.objects.create(
        service=service,
        number=number,
        content=_plain(content_of(service)),
        based_on_version=service.version,
        state=ServiceVersion.State.APPROVED,
        decision_note=f"Imported from an ORUK feed on {today:%d %B %Y}",
    )
    return created


def _plain(content: dict) -> dict:
    return json.loads(json.dumps(content, default=str))


def _write_location(service: Service, sal: dict) -> None:
    data = sal.get("location") or {}
    if not data.get("id"):
        return
    address = (data.get("addresses") or [{}])[0]
    lat, lon = data.get("latitude"), data.get("longitude")
    valid = (
        isinstance(lat, int | float)
        and isinstance(lon, int | float)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    )
    access = "; ".join(
        " ".join(str(p) for p in (a.get("description"), a.get("details")) if p)
        for a in data.get("accessibility") or []
    )
    location, _ = Location.objects.update_or_create(
        pk=data["id"],
        defaults={
            "location_type": data.get("location_type")
            if data.get("location_type") in Location.Kind.values
            else "physical",
            "name": str(data.get("name") or "")[:200],
            "description": data.get("description") or "",
            "address_1": str(address.get("address_1") or "")[:200],
            "city": str(address.get("city") or "")[:100],
            "postcode": str(address.get("postal_code") or "")[:10],
            "country": str(address.get("country") or "GB")[:2],
            "latitude": lat if valid else None,
            "longitude": lon if valid else None,
            "accessibility": access,
            "external_identifier": str(data.get("external_identifier") or "")[:60],
            "external_identifier_type": str(data.get("external_identifier_type") or "")[:30],
        },
    )
    ServiceAtLocation.objects.update_or_create(
        pk=sal["id"], defaults={"service": service, "location": location}
    )


def export_feed(local_authority: LocalAuthority) -> dict:
    """Every published service of a council's Local Offer, fully nested, as one ORUK page
    (re-importable)."""
    services = serialise.full_queryset(
        Service.objects.of_council(local_authority.pk).published().order_by("name", "pk")
    )
    contents = [serialise.service_full(s) for s in services]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }
