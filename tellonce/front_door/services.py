"""Each step of an online request for an EHC needs assessment: start a draft, save answers (the
draft is kept, so nothing typed is lost and the requester can come back), add SEN support cycles and
evidence, send it, and the council's check: match it to a child or make a new record, then record
it as a request for assessment received on the day it was sent (ADR 57)."""

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.accounts.roles import Role
from tellonce.assessments.models import AssessmentRequest, RequestSource
from tellonce.assessments.services import record_request
from tellonce.audit.services import record_change
from tellonce.core.formatting import govuk_date
from tellonce.core.refusals import InvalidStep
from tellonce.core.uploads import checked_kind
from tellonce.front_door.models import (
    FamilyConsent,
    MatchDecision,
    OnlineRequest,
    RequestDocument,
    Status,
    SupportCycle,
)
from tellonce.people.models import Child, FamilyMember
from tellonce.people.services import record_consent, record_event, register_child
from tellonce.people.telling import family_addresses, tell

SOCIAL_CARE = (Role.SOCIAL_WORKER, Role.DESIGNATED_SOCIAL_CARE_OFFICER)
HEALTH = (
    Role.THERAPIST,
    Role.PAEDIATRICIAN,
    Role.CAMHS_PRACTITIONER,
    Role.DESIGNATED_CLINICAL_OFFICER,
)
ANSWERS = (
    "child",
    "given_name",
    "family_name",
    "date_of_birth",
    "nhs_number",
    "upn",
    "address",
    "postcode",
    "current_setting",
    "reason",
    "support_tried",
    "family_views",
    "parent_name",
    "parent_email",
    "family_consent",
    "consent_how",
    "first_language",
    "interpreter_needed",
    "interpreter_language",
    "consent_to_share",
)


def source_for(role: str) -> str:
    """Who is asking, as the assessment request and SEN2 (item 2.2) record it."""
    if role == Role.PARENT:
        return RequestSource.PARENT
    if role == Role.YOUNG_PERSON:
        return RequestSource.YOUNG_PERSON
    if role == Role.SENCO:
        return RequestSource.SETTING
    if role in SOCIAL_CARE:
        return RequestSource.SOCIAL_CARE
    if role in HEALTH:
        return RequestSource.HEALTH
    return RequestSource.OTHER


def _next_ref(today: date) -> str:
    count = OnlineRequest.objects.filter(ref__startswith=f"REQ-{today.year}-").count()
    return f"REQ-{today.year}-{count + 1:05d}"


@transaction.atomic
def start(*, by: Actor, local_authority: Any, today: date) -> OnlineRequest:
    """A new draft for the person acting, to the council chosen for it."""
    user = by.user
    draft = OnlineRequest.objects.create(
        ref=_next_ref(today),
        local_authority=local_authority,
        requester=user,
        requested_by=source_for(user.role),
        current_setting=user.setting.name if user.setting_id else "",
    )
    if user.role == Role.YOUNG_PERSON:
        own = Child.objects.filter(account=user).first()
        if own is not None:
            _copy_child(draft, own)
            draft.child = own
            draft.save()
    return draft


def _copy_child(draft: OnlineRequest, child: Child) -> None:
    for name in ("given_name", "family_name", "date_of_birth", "nhs_number", "upn", "postcode"):
        setattr(draft, name, getattr(child, name))
    if child.setting_id:
        draft.current_setting = child.setting.name
    draft.local_authority_id = child.local_authority_id


def _draft(request: OnlineRequest) -> None:
    if request.status != Status.DRAFT:
        raise InvalidStep(["This request has been sent and can no longer be changed"])


@transaction.atomic
def save_answers(
    request: OnlineRequest, *, by: Actor, expected_version: int, answers: dict[str, Any]
) -> OnlineRequest:
    """Keep answers in the draft. Choosing a known child (already scoped by the page) fills in
    their details and sends the request to that child's council."""
    _draft(request)
    unknown = set(answers) - set(ANSWERS)
    if unknown:
        raise ValueError(f"Not an answer of the request: {sorted(unknown)}")
    fields = list(answers)
    for name, value in answers.items():
        setattr(request, name, value)
    if answers.get("child") is not None:
        _copy_child(request, answers["child"])
        fields += [
            "given_name",
            "family_name",
            "date_of_birth",
            "nhs_number",
            "upn",
            "postcode",
            "current_setting",
            "local_authority",
        ]
    request.save_versioned(expected_version=expected_version, fields=list(dict.fromkeys(fields)))
    return request


def _touch(request: OnlineRequest, expected_version: int) -> None:
    _draft(request)
    request.save_versioned(expected_version=expected_version, fields=[])


@transaction.atomic
def add_cycle(
    request: OnlineRequest, *, by: Actor, expected_version: int, cycle: dict[str, Any], today: date
) -> SupportCycle:
    """One cycle of SEN support, with its provision and cost."""
    if cycle["started_on"] > today:
        raise InvalidStep.about({"started_on": "The date the cycle started must be today or in the past"})
    _touch(request, expected_version)
    return SupportCycle.objects.create(request=request, **cycle)


@transaction.atomic
def attach_cycle(
    request: OnlineRequest, *, by: Actor, expected_version: int, recorded: Any, today: date
) -> SupportCycle:
    """A cycle of the school's record of SEN support (sen_support, ADR 74; the page has scoped it to
    the SENCO's school and the request's child), kept with the request as it stands today."""
    if request.child_id is None or recorded.child_id != request.child_id:
        raise InvalidStep(["Choose a cycle recorded for the child the request is about"])
    if request.cycles.filter(recorded_cycle=recorded).exists():
        raise InvalidStep(["That cycle is already attached"])
    review = recorded.review or f"Not reviewed yet: the review is due by {govuk_date(recorded.review_by)}"
    if recorded.outcome:
        review += f" Outcome: {recorded.get_outcome_display()}."
    cycle = {
        "started_on": recorded.started_on,
        "assess": recorded.assess,
        "plan": recorded.plan,
        "do": recorded.do,
        "review": review,
        "provision": recorded.provision,
        "cost": recorded.cost,
        "recorded_cycle": recorded,
    }
    return add_cycle(request, by=by, expected_version=expected_version, cycle=cycle, today=today)


@transaction.atomic
def remove_cycle(request: OnlineRequest, *, by: Actor, expected_version: int, cycle_id: int) -> None:
    _touch(request, expected_version)
    request.cycles.filter(pk=cycle_id).delete()


@transaction.atomic
def add_document(
    request: OnlineRequest, *, by: Actor, expected_version: int, upload: UploadedFile, description: str
) -> RequestDocument:
    """A file that has passed core.uploads.check (the form's UploadField), kept with the draft."""
    checked = checked_kind(upload)
    if checked is None:
        raise ValueError(f"{upload.name} has not been through core.uploads.check")
    _touch(request, expected_version)
    return RequestDocument.objects.create(
        request=request,
        file=upload,
        original_name=(upload.name or "document")[:200],
        content_type=checked.content_type,
        size=upload.size or 0,
        description=description,
    )


@transaction.atomic
def remove_document(request: OnlineRequest, *, by: Actor, expected_version: int, document_id: int) -> None:
    _touch(request, expected_version)
    for document in request.documents.filter(pk=document_id):
        document.file.delete(save=False)
        document.delete()


def missing(request: OnlineRequest) -> dict[str, str]:
    """What must still be answered before the request can be sent, by the page that asks it."""
    found = {}
    if not (request.given_name and request.family_name):
        found["name"] = "Enter the child or young person's name"
    if request.date_of_birth is None:
        found["date-of-birth"] = "Enter their date of birth"
    if not request.postcode:
        found["address"] = "Enter their address and postcode"
    if not request.reason:
        found["reason"] = "Say why you are asking for an assessment"
    if not request.support_tried and not (request.from_a_school and request.cycles.exists()):
        found["support"] = "Say what support has been tried"
    if not request.from_the_family:
        if not (request.parent_name and request.parent_email):
            found["family"] = "Enter the parent or carer's name and email address"
        if not request.family_consent:
            found["family-consent"] = "Say whether the family agreed to the request"
    if not request.family_views:
        found["views"] = "Enter the family's views"
    if request.interpreter_needed is None:
        found["language"] = "Say whether an interpreter is needed"
    if not request.consent_to_share:
        found["consent"] = "Confirm consent to share the request"
    return found


@transaction.atomic
def submit(request: OnlineRequest, *, by: Actor, expected_version: int, today: date) -> OnlineRequest:
    """Send the request: the council received it today, which starts the 6-week clock (reg. 5(1)).
    A request by the school or a professional is told to the family."""
    _draft(request)
    if problems := missing(request):
        raise InvalidStep(list(problems.values()))
    request.status = Status.SUBMITTED
    request.submitted_on = today
    fields = ["status", "submitted_on"]
    if not request.from_the_family:
        request.family_told_on = today
        fields.append("family_told_on")
        _tell_family(request)
    request.save_versioned(expected_version=expected_version, fields=fields)
    if request.child_id:
        record_event(
            request.child,
            by=by,
            what=f"Online request for an EHC needs assessment sent ({request.ref})",
            kind="assessment",
            title="Request for an EHC needs assessment sent online",
            occurred_on=today,
        )
    return request


def _family_addresses(request: OnlineRequest) -> list[str]:
    """The parent the requester named, and the family who see the child's record, once each."""
    addresses = [request.parent_email] if request.parent_email else []
    if request.child_id:
        addresses += family_addresses(request.child)
    return list(dict.fromkeys(a.lower() for a in addresses))


def _tell_family(request: OnlineRequest) -> None:
    council = request.local_authority
    who = request.requester.setting.name if request.requester.setting_id else str(request.requester)
    subject = f"{council}: a request for an EHC needs assessment for {request.given_name}"
    body = (
        f"{who} has asked {council} to carry out an education, health and care (EHC) needs assessment "
        f"for {request.given_name}. The council received the request on {govuk_date(request.submitted_on)} "
        "and will tell you within 6 weeks whether it will carry out an assessment.\n\n"
        f"The reference is {request.ref}. If you have an account, you can see the request when you sign in.\n\n"
        "If you did not know about this request, or do not agree with it, tell the SEND team.\n\n"
        "Do not reply to this email."
    )
    tell(_family_addresses(request), subject, body)


def _new_child_fields(request: OnlineRequest) -> dict[str, Any]:
    return {
        "given_name": request.given_name,
        "family_name": request.family_name,
        "date_of_birth": request.date_of_birth,
        "nhs_number": request.nhs_number,
        "upn": request.upn,
        "postcode": request.postcode,
        "first_language": request.first_language or "English",
    }


@transaction.atomic
def accept(
    request: OnlineRequest,
    *,
    by: Actor,
    expected_version: int,
    today: date,
    child: Child | None,
) -> AssessmentRequest:
    """The council's check: `child` is the known child a person confirmed the request is about
    (of the request's council), or None to make a new record. Either way the request for
    assessment is recorded as received on the day it was sent."""
    if request.status != Status.SUBMITTED:
        raise InvalidStep(["This request has already been recorded"])
    if child is not None and child.local_authority_id != request.local_authority_id:
        raise InvalidStep(["Choose a child of the council the request was sent to"])
    if child is None:
        child = register_child(
            by=by,
            local_authority=request.local_authority,
            fields=_new_child_fields(request),
            how=f"Record made from online request {request.ref}",
            occurred_on=today,
        )
        _add_family(request, child)
        request.match_decision = MatchDecision.NEW
    else:
        request.match_decision = MatchDecision.CONFIRMED
    received_on = request.submitted_on
    assert received_on is not None
    case = record_request(
        child, by=by, received_on=received_on, requested_by=request.requested_by, today=today
    )
    request.child, request.assessment, request.status = child, case, Status.ACCEPTED
    request.checked_by, request.checked_on = by.user, today
    request.save_versioned(
        expected_version=expected_version,
        fields=["child", "assessment", "status", "match_decision", "checked_by", "checked_on"],
    )
    record_change(by, child, f"Online request {request.ref} recorded as {case.ref}")
    _keep_consent(request, child, by)
    return case


SHARED_WITH = ("education", "health", "social_care")


def _keep_consent(request: OnlineRequest, child: Child, by: Actor) -> None:
    """The consent the request carried, on the child's record: the family's own agreement to share
    it, or the agreement a school or professional said they recorded, and how."""
    if request.from_the_family and request.consent_to_share:
        given_by = str(request.requester)
        notes = f"Given online with request {request.ref}"
    elif not request.from_the_family and request.family_consent == FamilyConsent.YES:
        given_by = request.parent_name or "The family"
        notes = f"Recorded by {request.requester} with request {request.ref}: {request.consent_how}"
    else:
        return
    for share_with in SHARED_WITH:
        record_consent(child, by=by, share_with=share_with, decision="given", given_by=given_by, notes=notes)


def _add_family(request: OnlineRequest, child: Child) -> None:
    """The family as the request gave them: the parent who asked (their account is linked only
    through an invitation the council sends, ADR 54), or the parent a school or professional named."""
    user = request.requester
    if request.requested_by == RequestSource.PARENT:
        given, family, email = user.first_name, user.last_name, user.email
    elif request.parent_name:
        given, _, family = request.parent_name.partition(" ")
        email = request.parent_email
    else:
        return
    FamilyMember.objects.create(
        child=child,
        given_name=given or "Parent",
        family_name=family or request.family_name,
        relationship="other_carer",
        main_contact=True,
        email=email,
        interpreter_language=request.interpreter_language if request.interpreter_needed else "",
    )
