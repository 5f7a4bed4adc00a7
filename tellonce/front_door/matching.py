"""Which children the council knows might be the one a request is about: the same NHS number, the
same UPN, or the same name and date of birth, in the request's council. A person confirms or
rejects the match (ADR 57); nothing is linked on a guess."""

from dataclasses import dataclass

from django.db.models import Q

from tellonce.domain.identifiers import normalise_nhs_number, normalise_upn


@dataclass(frozen=True)
class Candidate:
    child: object
    reasons: tuple[str, ...]


def _reasons(request, child) -> tuple[str, ...]:
    found = []
    if request.nhs_number and child.nhs_number == normalise_nhs_number(request.nhs_number):
        found.append("same NHS number")
    if request.upn and child.upn == normalise_upn(request.upn):
        found.append("same UPN")
    same_name = (
        child.given_name.lower() == request.given_name.strip().lower()
        and child.family_name.lower() == request.family_name.strip().lower()
    )
    if same_name and child.date_of_birth == request.date_of_birth:
        found.append("same name and date of birth")
    return tuple(found)


def candidates(request, children) -> list[Candidate]:
    """The possible matches among `children` (a QuerySet the caller has scoped), strongest first."""
    if request.child_id:
        return [Candidate(request.child, ("chosen by the person who asked",))]
    alike = Q()
    if request.nhs_number:
        alike |= Q(nhs_number=normalise_nhs_number(request.nhs_number))
    if request.upn:
        alike |= Q(upn=normalise_upn(request.upn))
    if request.date_of_birth and request.given_name and request.family_name:
        alike |= Q(
            given_name__iexact=request.given_name.strip(),
            family_name__iexact=request.family_name.strip(),
            date_of_birth=request.date_of_birth,
        )
    if not alike:
        return []
    found = children.filter(alike, local_authority_id=request.local_authority_id).select_related("setting")
    matches = [Candidate(child, _reasons(request, child)) for child in found[:10]]
    return sorted(matches, key=lambda c: -len(c.reasons))


def match_flags(requests, children) -> dict[object, list[object]]:
    """For a list of requests, the ids of the children among `children` each may be about, in one
    query."""
    return _alike_rows(list(requests), children)


def _alike_rows(requests, children) -> dict[object, list[object]]:
    nhs = {normalise_nhs_number(r.nhs_number) for r in requests if r.nhs_number}
    upns = {normalise_upn(r.upn) for r in requests if r.upn}
    births = {r.date_of_birth for r in requests if r.date_of_birth}
    found: dict[object, list[object]] = {r.pk: [r.child_id] if r.child_id else [] for r in requests}
    if not (nhs or upns or births):
        return found
    known = list(
        children.filter(Q(nhs_number__in=nhs) | Q(upn__in=upns) | Q(date_of_birth__in=births)).values(
            "pk", "nhs_number", "upn", "date_of_birth", "given_name", "family_name", "local_authority_id"
        )
    )
    for r in requests:
        if r.child_id:
            continue
        found[r.pk] = [
            row["pk"] for row in known if row["local_authority_id"] == r.local_authority_id and _alike(r, row)
        ]
    return found


def _alike(request, row) -> bool:
    if request.nhs_number and row["nhs_number"] == normalise_nhs_number(request.nhs_number):
        return True
    if request.upn and row["upn"] == normalise_upn(request.upn):
        return True
    return (
        row["date_of_birth"] == request.date_of_birth
        and row["given_name"].lower() == request.given_name.strip().lower()
        and row["family_name"].lower() == request.family_name.strip().lower()
    )


def mentioned(requests) -> list[object]:
    """The ids of the council's children a list of requests names (linked, or alike by NHS number,
    UPN or name and date of birth): the page that shows the requests shows them, and logs them."""
    from tellonce.people.models import Child

    requests = list(requests)
    ids = [r.child_id for r in requests if r.child_id]
    unlinked = [r for r in requests if not r.child_id]
    if unlinked:
        councils = {r.local_authority_id for r in unlinked}
        flags = _alike_rows(unlinked, Child.objects.filter(local_authority_id__in=councils))
        ids += [child_id for found in flags.values() for child_id in found]
    return list(dict.fromkeys(ids))
