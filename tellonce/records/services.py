"""Legal holds, the record of a subject access export, and disposal under the retention schedule.
Each change to a child's record is audited in the same transaction; a disposal writes a
DisposalRecord that names no one."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tellonce.accounts.actors import Actor
from tellonce.advice.models import AdviceRequest, Document, Reminder, Submission
from tellonce.assessments.models import AssessmentRequest, TimescaleException
from tellonce.audit.models import AccessEvent
from tellonce.audit.services import record_change, record_export
from tellonce.core.refusals import InvalidStep
from tellonce.domain.retention import RecordKind, year_of_birth_only
from tellonce.feedback.models import Answer, FeedbackItem, Response
from tellonce.finance.models import TopUp
from tellonce.front_door.models import OnlineRequest, RequestDocument
from tellonce.local_offer.models import OnlineReferral
from tellonce.organisations.models import LocalAuthority
from tellonce.panels.models import PanelCase, PanelDecision, Paper
from tellonce.people.models import (
    AllAboutMe,
    Child,
    ConsentRecord,
    FamilyMember,
    ProfessionalInvolvement,
    TimelineEvent,
)
from tellonce.people.signals import child_anonymised
from tellonce.plans.models import FindingAcknowledgement, PlanComment, PlanSection
from tellonce.records import retention
from tellonce.records.models import AnonymisedChild, DisposalRecord, LegalHold
from tellonce.reviews.models import AnnualReview, Ceasing, OutcomeProgress, ReviewAttendance
from tellonce.waiting_lists.models import Referral


@transaction.atomic
def place_hold(child: Child, *, by: Actor, reason: str) -> LegalHold:
    """Keep everything of this child's, whatever the schedule says, until the hold is released."""
    if not reason.strip():
        raise InvalidStep.about({"reason": "Say why the record must be kept"})
    hold = LegalHold.objects.create(child=child, reason=reason.strip()[:300], placed_by=by.user)
    record_change(by, child, f"Placed a legal hold: {hold.reason}")
    return hold


@transaction.atomic
def release_hold(hold: LegalHold, *, by: Actor, reason: str) -> LegalHold:
    if hold.released_at is not None:
        raise InvalidStep(["This hold has already been released"])
    hold.released_at = timezone.now()
    hold.released_by = by.user
    hold.release_reason = reason.strip()[:300]
    hold.save(update_fields=["released_at", "released_by", "release_reason", "updated_at"])
    record_change(by, hold.child, f"Released the legal hold placed on {hold.created_at:%d %B %Y}")
    return hold


@transaction.atomic
def record_subject_access(child: Child, *, by: Actor, asked_by: str) -> AccessEvent:
    """The export of everything held about the child, in the child's own access log."""
    who = asked_by.strip() or "not recorded"
    return record_export(by, child, f"Exported everything held (subject access request from {who})")


@dataclass(frozen=True)
class Disposed:
    kind: RecordKind
    count: int
    kept: int


def dispose(council: LocalAuthority, *, by: Actor, today: date) -> list[Disposed]:
    """Dispose of everything the schedule makes due in this council on `today`, kind by kind, each
    in its own transaction with its DisposalRecord. Nothing of a child under a legal hold or an
    appeal is touched."""
    done = []
    for found in retention.due(council, today=today):
        with transaction.atomic():
            kept = retention.kept_children(council)
            held = found.held(kept)
            count = _DISPOSERS[found.rule.kind](found.disposable(kept), by=by, today=today)
            if count or held:
                DisposalRecord.objects.create(
                    local_authority=council,
                    kind=found.rule.kind,
                    count=count,
                    kept=held,
                    rule=found.rule.describe()[:300],
                    events_up_to=found.up_to,
                    by=by.user,
                    by_role=by.role,
                    via=by.via,
                )
        done.append(Disposed(found.rule.kind, count, held))
    return done


def _dispose_children(parts: tuple[QuerySet, ...], *, by: Actor, today: date) -> int:
    (children,) = parts
    count = 0
    for child in children.iterator():
        anonymise_child(child, by=by, today=today)
        count += 1
    return count


def anonymise_child(child: Child, *, by: Actor, today: date) -> None:
    """Keep the rows the SEN2 return and the timeliness measures count (the child's needs, locality
    and dates; the assessments, plans, reviews and their dates) and nothing that says who the
    child was or what anyone wrote about them. No longer at a setting, on a caseload or linked to
    an account, the row appears in nobody's list."""
    record_change(by, child, "Anonymised the record under the retention schedule")
    for document in Document.objects.filter(submission__advice__child=child):
        document.file.delete(save=False)
    # What an online request said is the family's or school's words: gone, files and all.
    for evidence in RequestDocument.objects.filter(request__child=child):
        evidence.file.delete(save=False)
    OnlineRequest.objects.filter(child=child).delete()
    for paper in Paper.objects.filter(case__child=child):
        paper.file.delete(save=False)
    Paper.objects.filter(case__child=child).delete()
    PanelCase.objects.filter(child=child).update(summary="")
    PanelDecision.objects.filter(case__child=child).update(reasons="", advice_to_setting="", placement="")
    for model in (FamilyMember, ConsentRecord, AllAboutMe, ProfessionalInvolvement, TimelineEvent):
        model.objects.filter(child=child).delete()
    Submission.objects.filter(advice__child=child).delete()
    Reminder.objects.filter(advice__child=child).delete()
    PlanSection.objects.filter(plan_version__plan__child=child).delete()
    PlanComment.objects.filter(plan_version__plan__child=child).delete()
    Referral.objects.filter(child=child).delete()
    LegalHold.objects.filter(child=child).delete()
    AssessmentRequest.objects.filter(child=child).update(withdrawn_reason="", named_setting_requested="")
    TimescaleException.objects.filter(assessment__child=child).update(note="")
    AdviceRequest.objects.filter(child=child).update(questions="")
    FindingAcknowledgement.objects.filter(plan_version__plan__child=child).update(reason="")
    reviews = AnnualReview.objects.filter(plan__child=child)
    ReviewAttendance.objects.filter(review__in=reviews).update(name="")
    OutcomeProgress.objects.filter(review__in=reviews).update(outcome_text="", evidence="")
    reviews.update(child_views="", family_views="", destination="", recommendations="", decision_reason="")
    Ceasing.objects.filter(plan__child=child).update(notes="")
    TopUp.objects.filter(child=child).update(reason="")
    Child.objects.filter(pk=child.pk).update(
        external_ref="",
        given_name="",
        family_name="",
        preferred_name="",
        date_of_birth=year_of_birth_only(child.date_of_birth),
        nhs_number="",
        upn="",
        gender="",
        postcode="",
        setting=None,
        next_setting=None,
        coordinator=None,
        account=None,
        anonymised_on=today,
        version=child.version + 1,
        updated_at=timezone.now(),
    )
    AnonymisedChild.objects.create(child=child, on=today)
    child_anonymised.send(sender=Child, child=child)


def _dispose_referrals(parts: tuple[QuerySet, ...], *, by: Actor, today: date) -> int:
    (referrals,) = parts
    count = referrals.count()
    OnlineReferral.objects.filter(pk__in=referrals.values("pk")).delete()
    return count


def _dispose_unsent_requests(parts: tuple[QuerySet, ...], *, by: Actor, today: date) -> int:
    (drafts,) = parts
    ids = list(drafts.values_list("pk", flat=True))
    for evidence in RequestDocument.objects.filter(request_id__in=ids):
        evidence.file.delete(save=False)
    OnlineRequest.objects.filter(pk__in=ids).delete()
    return len(ids)


def _dispose_feedback(parts: tuple[QuerySet, ...], *, by: Actor, today: date) -> int:
    responses, items = parts
    response_ids = list(responses.values_list("pk", flat=True))
    item_ids = list(items.values_list("pk", flat=True))
    Answer.objects.filter(response_id__in=response_ids).update(text="")
    Response.objects.filter(pk__in=response_ids).update(child=None, respondent=None)
    FeedbackItem.objects.filter(pk__in=item_ids).update(
        child=None, raised_by=None, summary=retention.REMOVED, actions="", outcome=""
    )
    return len(response_ids) + len(item_ids)


def _dispose_access_events(parts: tuple[QuerySet, ...], *, by: Actor, today: date) -> int:
    (events,) = parts
    # The log's one way out (audit.models.LogQuerySet): the events the schedule found due, all made
    # before now, under the access-log rule.
    return AccessEvent.objects.filter(pk__in=events.values("pk")).dispose_older_than(
        timezone.now(), rule=f"records.retention {RecordKind.ACCESS_LOG.value}"
    )


_DISPOSERS = {
    RecordKind.EHC_RECORD: _dispose_children,
    RecordKind.ONLINE_REFERRAL: _dispose_referrals,
    RecordKind.UNSENT_REQUEST: _dispose_unsent_requests,
    RecordKind.FEEDBACK: _dispose_feedback,
    RecordKind.ACCESS_LOG: _dispose_access_events,
}
