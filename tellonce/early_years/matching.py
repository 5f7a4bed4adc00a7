"""Which children the council knows a notification might be about: the same NHS number, or the
same name and date of birth, in the notified council. A person confirms one or makes a new record;
nothing is linked on a guess."""

from dataclasses import dataclass

from django.db.models import Q

from tellonce.domain.identifiers import normalise_nhs_number


@dataclass(frozen=True)
class Candidate:
    child: object
    reasons: tuple[str, ...]


def _alike(notification) -> Q:
    alike = Q(
        given_name__iexact=notification.given_name.strip(),
        family_name__iexact=notification.family_name.strip(),
        date_of_birth=notification.date_of_birth,
    )
    if notification.nhs_number:
        alike |= Q(nhs_number=normalise_nhs_number(notification.nhs_number))
    return alike


def _reasons(notification, child) -> tuple[str, ...]:
    found = []
    if notification.nhs_number and child.nhs_number == notification.nhs_number:
        found.append("same NHS number")
    if (
        child.given_name.lower() == notification.given_name.strip().lower()
        and child.family_name.lower() == notification.family_name.strip().lower()
        and child.date_of_birth == notification.date_of_birth
    ):
        found.append("same name and date of birth")
    return tuple(found)


def candidates(notification, children) -> list[Candidate]:
    """The possible matches among `children` (a QuerySet the caller has scoped), strongest first."""
    if notification.child_id:
        return []
    found = children.filter(_alike(notification), local_authority_id=notification.local_authority_id)
    matches = [
        Candidate(child, _reasons(notification, child)) for child in found.select_related("setting")[:10]
    ]
    return sorted(matches, key=lambda c: -len(c.reasons))


def alike_children(notifications) -> dict[object, list[object]]:
    """For each notification, the ids of the council's children it names: linked, or alike by NHS
    number or by name and date of birth. One query however many notifications."""
    from tellonce.people.models import Child

    notifications = list(notifications)
    found: dict[object, list[object]] = {n.pk: [n.child_id] if n.child_id else [] for n in notifications}
    unlinked = [n for n in notifications if not n.child_id]
    if not unlinked:
        return found
    alike = Q()
    for n in unlinked:
        alike |= Q(local_authority_id=n.local_authority_id, date_of_birth=n.date_of_birth)
        if n.nhs_number:
            alike |= Q(local_authority_id=n.local_authority_id, nhs_number=normalise_nhs_number(n.nhs_number))
    rows = list(
        Child.objects.filter(alike).values(
            "pk", "local_authority_id", "nhs_number", "given_name", "family_name", "date_of_birth"
        )
    )
    for n in unlinked:
        found[n.pk] = [row["pk"] for row in rows if _is_alike(n, row)]
    return found


def _is_alike(notification, row) -> bool:
    if row["local_authority_id"] != notification.local_authority_id:
        return False
    if notification.nhs_number and row["nhs_number"] == normalise_nhs_number(notification.nhs_number):
        return True
    return (
        row["date_of_birth"] == notification.date_of_birth
        and row["given_name"].lower() == notification.given_name.strip().lower()
        and row["family_name"].lower() == notification.family_name.strip().lower()
    )


def mentioned(notifications) -> list[object]:
    """The ids of the council's children a list of notifications names (a page that shows the
    notification shows who it may be)."""
    found = alike_children(notifications)
    return list(dict.fromkeys(child for ids in found.values() for child in ids))
