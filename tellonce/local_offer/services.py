"""Changes to the Local Offer: listings proposed, approved or refused (every version kept), checks,
the thesaurus, online referrals, reports of problems and comments on the Local Offer as a whole.
Every change that affects search raises the index generation in the same transaction."""

import secrets
from datetime import date, time
from typing import Any

from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.accounts.policy import Capability, allows
from tellonce.core.refusals import EditConflict
from tellonce.feedback import services as feedback
from tellonce.feedback.models import FeedbackItem, Publication, Route
from tellonce.local_offer.models import (
    IndexState,
    ListingReport,
    Location,
    OnlineReferral,
    Provider,
    ReferralRead,
    Service,
    ServiceAtLocation,
    ServiceVersion,
    ThesaurusEntry,
    UnmatchedSearch,
)
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import LocalAuthority

SCALARS = [
    "name",
    "alternate_name",
    "description",
    "status",
    "minimum_age",
    "maximum_age",
    "eligibility_description",
    "cost",
    "fees_description",
    "self_referral",
    "who_can_refer",
    "application_process",
    "online_referral",
    "referral_email",
    "contact_name",
    "email",
    "phone",
    "url",
    "schedule_description",
    "days",
    "opens_at",
    "closes_at",
    "languages",
    "film_url",
    "accessible_formats",
]
RELATIONS = ["categories", "needs", "localities"]
VENUE = ["name", "address_1", "city", "postcode", "accessibility", "latitude", "longitude"]
NULLABLE = {"minimum_age", "maximum_age", "opens_at", "closes_at", "latitude", "longitude"}


class NotAllowed(Exception):
    """The user may not make this change."""


def _plain(value: object) -> object:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value


def content_of(service: Service) -> dict[str, Any]:
    """A listing as the plain values a version stores."""
    content = {name: _plain(getattr(service, name)) for name in SCALARS}
    for name in RELATIONS:
        content[name] = sorted(str(pk) for pk in getattr(service, name).values_list("pk", flat=True))
    sal = service.service_at_locations.select_related("location").first() if service.pk else None
    content["venue"] = {name: getattr(sal.location, name) for name in VENUE} if sal else {}
    return content


def _scalar(name: str, value: object) -> object:
    """A stored value as the listing's field holds it. Versions kept before a field existed, or
    from a feed, may hold "" or words for a yes/no: those read as the field's empty value."""
    field = Service._meta.get_field(name)
    if isinstance(field, models.BooleanField):
        if isinstance(value, str):
            return value.strip().lower() in ("true", "yes", "on", "1")
        return bool(value)
    if name in ("opens_at", "closes_at"):
        return time.fromisoformat(value) if isinstance(value, str) and value else None
    if name in NULLABLE and value == "":
        return None
    return "" if value is None and name not in NULLABLE else value


def _apply(service: Service, content: dict[str, Any]) -> None:
    for name in SCALARS:
        setattr(service, name, _scalar(name, content.get(name)))
    service.save()
    for name in RELATIONS:
        getattr(service, name).set(content.get(name, []))
    venue = content.get("venue") or {}
    sal = service.service_at_locations.select_related("location").first()
    if venue.get("address_1") or venue.get("postcode") or venue.get("name"):
        location = sal.location if sal else Location()
        for name in VENUE:
            value = venue.get(name)
            setattr(location, name, "" if value is None and name not in NULLABLE else value)
        location.save()
        if sal is None:
            ServiceAtLocation.objects.create(service=service, location=location)
    elif sal is not None:
        sal.location.delete()


def _next_number(service: Service) -> int:
    return (service.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _is_manager(user: User) -> bool:
    return allows(user, Capability.MANAGE_LOCAL_OFFER)


def _council_of(service: Service) -> int:
    return service.provider.local_authority_id


@transaction.atomic
def add_service(provider: Provider, *, by: Actor, content: dict[str, Any], today: date) -> ServiceVersion:
    """A new listing. The manager's is published at once; a provider's waits for approval."""
    manages = _is_manager(by.user) and provider.local_authority_id == council_id(by.user)
    if not (manages or provider.accounts.filter(pk=by.user.pk).exists()):
        raise NotAllowed("You can only add services for your own organisation")
    service = Service(provider=provider, is_public=False)
    _apply(service, content)
    version = ServiceVersion.objects.create(
        service=service, number=1, content=content, based_on_version=service.version, submitted_by=by.user
    )
    if manages:
        approve(version, by=by, today=today)
    return version


@transaction.atomic
def propose_change(
    service: Service, *, by: Actor, content: dict[str, Any], expected_version: int, today: date
) -> ServiceVersion:
    """A changed listing: kept as a new version; the manager's own change is approved at once."""
    if not Service.objects.kept_by(by.user).filter(pk=service.pk).exists():
        raise NotAllowed("You can only change your own organisation's services")
    current = Service.objects.select_for_update().get(pk=service.pk)
    if current.version != expected_version:
        raise EditConflict("The listing was changed after you opened it")
    service.versions.filter(state=ServiceVersion.State.PENDING).update(state=ServiceVersion.State.SUPERSEDED)
    version = ServiceVersion.objects.create(
        service=service,
        number=_next_number(service),
        content=content,
        based_on_version=expected_version,
        submitted_by=by.user,
    )
    if _is_manager(by.user):
        approve(version, by=by, today=today)
    return version


@transaction.atomic
def approve(version: ServiceVersion, *, by: Actor, today: date) -> Service:
    """Publish a version: the listing takes its content and counts as checked today."""
    service = Service.objects.select_for_update().select_related("provider").get(pk=version.service_id)
    if not (_is_manager(by.user) and _council_of(service) == council_id(by.user)):
        raise NotAllowed("Only the Local Offer manager approves listings")
    if version.state != ServiceVersion.State.PENDING:
        raise EditConflict("This change has already been decided")
    if version.based_on_version != service.version:
        raise EditConflict("The listing changed after this change was proposed")
    _apply(service, version.content)
    service.is_public = True
    service.last_checked = today
    service.checked_by = by.user.email
    service.version += 1
    service.save(update_fields=["is_public", "last_checked", "checked_by", "version", "updated_at"])
    ServiceVersion.objects.filter(pk=version.pk).update(
        state=ServiceVersion.State.APPROVED, decided_by=by.user, decided_at=timezone.now()
    )
    version.state = ServiceVersion.State.APPROVED
    IndexState.bump(_council_of(service))
    if version.submitted_by_id and version.submitted_by_id != by.user.pk and version.submitted_by.email:
        _mail(
            f"Your change to {service.name} is published",
            f"The Local Offer manager approved your change to {service.name}. It is now on the Local Offer.",
            version.submitted_by.email,
        )
    return service


@transaction.atomic
def refuse(version: ServiceVersion, *, by: Actor, reason: str) -> ServiceVersion:
    if not (_is_manager(by.user) and _council_of(version.service) == council_id(by.user)):
        raise NotAllowed("Only the Local Offer manager decides on listings")
    updated = ServiceVersion.objects.filter(pk=version.pk, state=ServiceVersion.State.PENDING).update(
        state=ServiceVersion.State.REJECTED,
        decided_by=by.user,
        decided_at=timezone.now(),
        decision_note=reason,
    )
    if not updated:
        raise EditConflict("This change has already been decided")
    version.refresh_from_db()
    if version.submitted_by_id and version.submitted_by.email:
        _mail(
            f"Your change to {version.service.name} was not published",
            f"The Local Offer manager did not publish your change to {version.service.name}.\n\n"
            f"Their reason: {reason}\n\nSign in to Tellonce to change the listing again.",
            version.submitted_by.email,
        )
    return version


@transaction.atomic
def confirm_checked(service: Service, *, by: Actor, today: date) -> None:
    """The provider confirms the published listing is still right: no change to approve."""
    if not Service.objects.kept_by(by.user).filter(pk=service.pk).exists():
        raise NotAllowed("You can only check your own organisation's services")
    Service.objects.filter(pk=service.pk).update(last_checked=today, checked_by=by.user.email)


@transaction.atomic
def save_thesaurus_entry(
    entry: ThesaurusEntry | None,
    *,
    by: Actor,
    preferred: str,
    other_words: str,
    note: str = "",
    expected_version: int | None = None,
) -> ThesaurusEntry:
    """A synonym ring of the council's thesaurus, new or changed."""
    council = council_id(by.user)
    if entry is None:
        entry = ThesaurusEntry.objects.create(
            local_authority_id=council, preferred=preferred, other_words=other_words, note=note
        )
    elif expected_version is None:
        raise EditConflict("Without the version it was opened at, someone else's change could be overwritten")
    else:
        entry.preferred, entry.other_words, entry.note = preferred, other_words, note
        entry.save_versioned(expected_version=expected_version, fields=["preferred", "other_words", "note"])
    IndexState.bump(entry.local_authority_id)
    return entry


@transaction.atomic
def delete_thesaurus_entry(entry: ThesaurusEntry, *, by: Actor) -> None:
    entry.delete()
    IndexState.bump(entry.local_authority_id)


@transaction.atomic
def add_synonym_from(
    unmatched: UnmatchedSearch, *, by: Actor, entry: ThesaurusEntry | None, preferred: str, today: date
) -> ThesaurusEntry:
    """Turn a search that found nothing into a synonym: of an existing entry, or a new one."""
    if entry is None:
        entry = ThesaurusEntry.objects.create(
            local_authority_id=unmatched.local_authority_id, preferred=preferred, other_words=unmatched.query
        )
    else:
        words = entry.words_list()
        if unmatched.query not in (w.casefold() for w in words):
            entry.other_words = "\n".join([*words, unmatched.query])
            entry.save_versioned(expected_version=entry.version, fields=["other_words"])
    UnmatchedSearch.objects.filter(pk=unmatched.pk).update(resolved_on=today, resolved_by=by.user)
    IndexState.bump(unmatched.local_authority_id)
    return entry


def _mail(subject: str, body: str, to: str) -> None:
    send_mail(subject, body + "\n\nDo not reply to this email.", None, [to], using="default")


def _reference() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "LO-" + "".join(secrets.choice(alphabet) for _ in range(6))


@transaction.atomic
def refer(service: Service, *, data: dict[str, object]) -> OnlineReferral:
    """Store an online referral, send it to the service's inbox and acknowledge it to the family.
    Mail goes after the row is committed, so a failed send never loses the referral."""
    if not service.online_referral or not service.referral_email:
        raise NotAllowed("This service does not take online referrals")
    referral = OnlineReferral.objects.create(
        service=service,
        reference=_reference(),
        sent_to=service.referral_email,
        acknowledged_to=data["email"],
        **data,
    )
    transaction.on_commit(lambda: _send_referral(referral))
    return referral


def _send_referral(referral: OnlineReferral) -> None:
    service = referral.service
    _mail(
        f"Online referral {referral.reference} to {service.name}",
        f"A referral was made to {service.name} through the Local Offer.\n\n"
        f"Reference: {referral.reference}\n"
        f"Child or young person: {referral.child_name}, born {referral.child_date_of_birth:%d %B %Y}\n"
        f"Made by: {referral.referrer_name} ({referral.relationship})\n"
        f"Email: {referral.email}\nPhone: {referral.phone or 'not given'}\nPostcode: {referral.postcode}\n\n"
        f"What help is needed:\n{referral.reason}\n\n"
        "Sign in to Tellonce to see every referral to your services.",
        referral.sent_to,
    )
    _mail(
        f"We have sent your referral to {service.name}",
        f"Thank you. Your referral to {service.name} has been sent to the service (reference "
        f"{referral.reference}). They will contact you about what happens next. "
        + (f"You can also contact them on {service.phone}." if service.phone else ""),
        referral.acknowledged_to,
    )


@transaction.atomic
def report_problem(service: Service, *, topic: str, details: str, email: str, today: date) -> ListingReport:
    report = ListingReport.objects.create(
        service=service, topic=topic, details=details, email=email, raised_on=today
    )
    address = service.provider.email or service.email
    if address:
        transaction.on_commit(
            lambda: _mail(
                f"Someone reported a problem with {service.name} on the Local Offer",
                f"{report.get_topic_display()}.\n\n{details}\n\n"
                "Sign in to Tellonce to update the listing or confirm it is still right.",
                address,
            )
        )
    return report


@transaction.atomic
def resolve_report(report: ListingReport, *, by: Actor, resolution: str, today: date) -> None:
    ListingReport.objects.filter(pk=report.pk).update(
        resolved_on=today, resolved_by=by.user, resolution=resolution
    )


LOCAL_OFFER_SERVICE = "Local Offer"


@transaction.atomic
def comment(*, local_authority: LocalAuthority, about: str, text: str, today: date) -> FeedbackItem:
    """A comment on the Local Offer as a whole, logged in the family-voice log (Code of Practice
    4.23-4.26: comments on its content, gaps, accessibility and development are published with
    the council's response)."""
    return feedback.log_feedback(
        by=None,
        local_authority=local_authority,
        raised_on=today,
        route=Route.LOCAL_OFFER,
        service=f"{LOCAL_OFFER_SERVICE}: {about}",
        summary=text,
    )


def answer_comment(
    item: FeedbackItem, *, by: Actor, expected_version: int, changes: dict[str, object]
) -> FeedbackItem:
    return feedback.update_feedback(item, by=by, expected_version=expected_version, changes=changes)


def publish_comment(item: FeedbackItem, *, by: Actor, you_said: str, we_did: str, today: date) -> Publication:
    return feedback.publish(item, by=by, you_said=you_said, we_did=we_did, on=today, topic="local_offer")


def record_referral_read(referral: OnlineReferral, *, by: Actor) -> ReferralRead:
    """An online referral holds a child's details: every reading is kept, by whom and where."""
    return ReferralRead.objects.create(referral=referral, user=by.user, via=by.via)
