"""Surveys sent and answered, feedback logged and acted on, and what is published. Changes linked
to a child are audited; published text is written by staff for the public and names no child."""

from datetime import date

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.audit.services import record_change
from tellonce.feedback.models import (
    Answer,
    CoProduction,
    FeedbackItem,
    ForumMember,
    Invitation,
    Publication,
    Question,
    Response,
    Survey,
)
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child


@transaction.atomic
def invite_after(child: Child, *, trigger: str, on: date, reason: str) -> int:
    """Send each active survey for this moment to the family members who hold parental
    responsibility and sign in, and to the young person with their own account."""
    people = [
        m.account
        for m in child.parents_who_see_record(on).filter(account__isnull=False).select_related("account")
    ]
    if child.account_id:
        people.append(child.account)
    sent = 0
    for survey in Survey.objects.of_council(child.local_authority_id).filter(trigger=trigger, is_active=True):
        for person in people:
            _, created = Invitation.objects.get_or_create(
                survey=survey, child=child, invited=person, reason=reason, defaults={"sent_on": on}
            )
            sent += created
    return sent


@transaction.atomic
def submit_response(
    survey: Survey,
    *,
    by: Actor,
    child: Child | None,
    answers: dict[int, object],
    on: date,
    route: str = "online",
    on_paper: bool = False,
    anonymous: bool = False,
    invitation: Invitation | None = None,
    profile: dict[str, str] | None = None,
) -> Response:
    """Answers keyed by question id: an int score (0 don't know, 1-5) or text. The family answers
    for themselves online; `on_paper`, staff enter what a family said on paper or by phone, with
    the family's `profile` (ethnicity, first language) when no child is matched."""
    response = Response(
        survey=survey,
        child=None if anonymous else child,
        respondent=None if anonymous or on_paper else by.user,
        route=route,
        entered_by=by.user if on_paper else None,
        submitted_on=on,
    )
    response.copy_profile(child)
    if profile and child is None:
        response.ethnicity = profile.get("ethnicity", "")
        response.first_language = profile.get("first_language", "")
    response.save()
    questions = {q.pk: q for q in survey.questions.all()}
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question=questions[qid],
            score=value if questions[qid].kind == Question.Kind.AGREE else None,
            text=value if questions[qid].kind == Question.Kind.TEXT else "",
        )
        for qid, value in answers.items()
        if qid in questions and value not in (None, "")
    )
    if invitation is not None:
        Invitation.objects.filter(pk=invitation.pk).update(response=response)
    if child is not None and not anonymous:
        record_change(by, child, f"Answered the survey {survey.title}")
    return response


@transaction.atomic
def log_feedback(
    *,
    by: Actor | None,
    local_authority: LocalAuthority,
    raised_on: date,
    route: str,
    service: str,
    summary: str,
    child: Child | None = None,
    raised_by: User | None = None,
    owner: User | None = None,
) -> FeedbackItem:
    """Something a family told the council, in that council's log."""
    item = FeedbackItem(
        local_authority=local_authority,
        raised_on=raised_on,
        route=route,
        service=service,
        summary=summary,
        child=child,
        raised_by=raised_by,
        owner=owner or (by.user if by else None),
    )
    item.copy_profile(child)
    item.save()
    if child is not None and by is not None:
        record_change(by, child, f"Logged feedback about {service}")
    return item


@transaction.atomic
def update_feedback(
    item: FeedbackItem, *, by: Actor, expected_version: int, changes: dict[str, object]
) -> FeedbackItem:
    for name, value in changes.items():
        setattr(item, name, value)
    item.save_versioned(expected_version=expected_version, fields=list(changes))
    if item.child_id:
        record_change(by, item.child, f"Updated feedback about {item.service}")
    return item


@transaction.atomic
def publish(
    item: FeedbackItem, *, by: Actor, you_said: str, we_did: str, on: date, topic: str = "feedback"
) -> Publication:
    """What the council did about `item`, on its own public "You said, we did" page."""
    return Publication.objects.create(
        local_authority_id=item.local_authority_id,
        topic=topic,
        feedback=item,
        you_said=you_said,
        we_did=we_did,
        published_on=on,
        published_by=by.user,
    )


@transaction.atomic
def forget_response(response: Response, *, by: Actor) -> None:
    """A family's request to delete its answers: the answers go; nothing identifies them after."""
    if response.child_id:
        record_change(
            by, response.child, f"Deleted their answers to {response.survey.title} at their request"
        )
    Invitation.objects.filter(response=response).update(response=None)
    response.delete()


@transaction.atomic
def forget_feedback(item: FeedbackItem, *, by: Actor) -> None:
    """A family's request to delete what they told us: the item goes, and its publications with it."""
    if item.child_id is not None:
        record_change(by, item.child, f"Deleted what they told us about {item.service} at their request")
    item.delete()


def record_co_production(*, by: Actor, **fields: object) -> CoProduction:
    """A service development worked on with families (the co-production page's form's fields), in
    the council of the person recording it."""
    return CoProduction.objects.create(local_authority_id=council_id(by.user), **fields)


def add_forum_member(
    *, by: Actor, name: str, email: str, ethnicity: str, first_language: str, joined_on: date
) -> ForumMember:
    """A parent carer forum member, kept with their consent, given on the day they join."""
    return ForumMember.objects.create(
        local_authority_id=council_id(by.user),
        name=name,
        email=email,
        joined_on=joined_on,
        consent_given_on=joined_on,
        ethnicity=ethnicity,
        first_language=first_language,
    )
