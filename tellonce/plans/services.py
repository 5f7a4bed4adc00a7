"""Writing, sending, issuing and amending EHC plans, as the Code of Practice names each step.
Every change runs in one transaction with its audit row, saves with a version check (a section,
a version or the plan), and keeps the assessment's statutory clock in step with the plan."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.advice.models import HEALTH_SERVICES, AdviceRequest
from tellonce.advice.models import Status as AdviceStatus
from tellonce.assessments import services as assessment_services
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.services import record_change
from tellonce.core.formatting import govuk_date
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.time import uk_today
from tellonce.domain import plan_content, plan_quality
from tellonce.domain.plan_content import Section
from tellonce.organisations.models import LocalAuthority, Service
from tellonce.people.models import Child
from tellonce.people.services import add_timeline_event, record_event
from tellonce.people.telling import family_addresses, tell
from tellonce.plans.models import (
    ISSUED_KINDS,
    SERVED_KINDS,
    BlockingRule,
    Channel,
    CommentKind,
    FindingAcknowledgement,
    Kind,
    Plan,
    PlanComment,
    PlanSection,
    PlanVersion,
    Status,
)

__all__ = ["PlanNotReady", "CommentWindowClosed"]

NEXT_KINDS = {
    (Kind.DRAFT, Status.SERVED): (Kind.FINAL, Kind.DRAFT),
    (Kind.PROPOSED_AMENDMENT, Status.SERVED): (Kind.AMENDED, Kind.PROPOSED_AMENDMENT),
    (Kind.FINAL, Status.ISSUED): (Kind.PROPOSED_AMENDMENT,),
    (Kind.AMENDED, Status.ISSUED): (Kind.PROPOSED_AMENDMENT,),
}
KIND_EVENTS = {
    Kind.DRAFT: "Draft EHC plan sent to the family",
    Kind.FINAL: "Final EHC plan issued",
    Kind.PROPOSED_AMENDMENT: "Proposed amendments to the EHC plan sent to the family",
    Kind.AMENDED: "Amended EHC plan issued",
}


class PlanNotReady(Exception):
    """Findings that block issuing remain, neither put right nor acknowledged."""

    def __init__(self, findings: list[plan_quality.Finding]):
        super().__init__(f"{len(findings)} findings must be put right or acknowledged")
        self.findings = findings


@dataclass
class CommentWindowClosed(Exception):
    until: date | None

    def __str__(self) -> str:
        return "The time to comment has ended"


def recheck(plan: Plan, today: date) -> None:
    """Record what the checks find in every version of `plan` (a plan has a handful)."""
    for version in plan.versions.select_related("plan__child__setting").prefetch_related("sections"):
        version.record_findings(today)


def new_key() -> str:
    return uuid.uuid4().hex[:12]


def _next_ref(today: date) -> str:
    count = Plan.objects.filter(ref__startswith=f"EHCP-{today.year}-").count()
    return f"EHCP-{today.year}-{count + 1:05d}"


def _provision_section(service: str) -> Section:
    if service in HEALTH_SERVICES - {
        Service.SPEECH_AND_LANGUAGE_THERAPY,
        Service.OCCUPATIONAL_THERAPY,
        Service.PHYSIOTHERAPY,
    }:
        return Section.G
    if service == Service.SOCIAL_CARE:
        return Section.H2
    return Section.F


def initial_sections(child: Child, assessment: AssessmentRequest | None = None) -> dict[str, dict[str, Any]]:
    """Tell it once: section A from the child's "All about me", section K from the advice accepted
    in the assessment, and the provision each adviser recommended, linked to their advice."""
    about = child.all_about_me_or_none()
    views = plan_content.Views(
        **{
            name: getattr(about, name, "")
            for name in plan_content.VIEWS_LABELS
            if name != "my_story_so_far" and about is not None
        }
    )
    advice_items: list[plan_content.AdviceItem] = []
    provision: dict[Section, list[plan_content.Provision]] = {s: [] for s in plan_content.PROVISION_SECTIONS}
    accepted = (
        AdviceRequest.objects.filter(assessment=assessment, status=AdviceStatus.ACCEPTED)
        .select_related("team__provider", "setting")
        .prefetch_related("submissions__provision")
        if assessment is not None
        else []
    )
    for advice in accepted:
        key = f"advice-{advice.pk.hex[:12]}"
        submission = next((s for s in advice.submissions.all() if s.status == AdviceStatus.ACCEPTED), None)
        advice_items.append(
            plan_content.AdviceItem(
                key,
                f"{advice.service_label} advice",
                advice.provider_name,
                advice.received_on,
                submission.assessed_on if submission else None,
            )
        )
        for recommended in submission.provision.all() if submission else []:
            frequency = plan_content.read_frequency(recommended.how_often)
            provision[_provision_section(advice.service)].append(
                plan_content.Provision(
                    new_key(),
                    recommended.what,
                    role=recommended.who,
                    times=frequency[0] if frequency else None,
                    per=frequency[1] if frequency else None,
                    minutes=plan_content.read_minutes(f"{recommended.how_often} {recommended.how_long}"),
                    advice=(key,),
                )
            )
    content = plan_content.PlanContent(
        views=views,
        provision={s: tuple(items) for s, items in provision.items()},
        advice=tuple(advice_items),
    )
    return plan_content.to_data(content)


@transaction.atomic
def start_plan(child: Child, *, by: Actor, today: date, assessment: AssessmentRequest | None = None) -> Plan:
    """Start writing the plan: version 1, a draft, with what the record already knows."""
    if assessment is not None and assessment.plans.exists():
        raise InvalidStep(["A plan has already been started for this assessment"])
    current = child.plans.filter(ceased_on__isnull=True).first()
    if current is not None:
        raise InvalidStep(
            [
                f"{child.full_name} already has an EHC plan ({current.ref}): change it by preparing its "
                "next version, or cease it first"
            ]
        )
    plan = Plan.objects.create(
        ref=_next_ref(today),
        child=child,
        assessment=assessment,
        coordinator=(assessment.coordinator if assessment else None) or child.coordinator or by.user,
    )
    version = PlanVersion.objects.create(plan=plan, number=1, kind=Kind.DRAFT, created_by=by.user)
    PlanSection.objects.bulk_create(
        PlanSection(plan_version=version, code=code, data=data)
        for code, data in initial_sections(child, assessment).items()
    )
    version.record_findings(today)
    record_event(
        child,
        by=by,
        what=f"Started writing EHC plan {plan.ref}",
        kind="plan",
        title="The council started writing the EHC plan",
        occurred_on=today,
    )
    return plan


def _require_working(version: PlanVersion) -> None:
    if version.status != Status.WORKING:
        raise InvalidStep(
            [f"{version.label} has been {version.get_status_display().lower()} and can no longer be changed"]
        )


@transaction.atomic
def save_section(
    version: PlanVersion, code: Section, data: dict[str, Any], *, by: Actor, expected_version: int
) -> PlanSection:
    """Replace one section's content, refusing if someone else saved that section first."""
    _require_working(version)
    section = version.sections.get(code=code)
    section.data = data
    section.save_versioned(expected_version=expected_version, fields=["data"])
    version.record_findings(uk_today())
    record_change(
        by,
        version.plan.child,
        f"Changed section {code} of {version.plan.ref} ({version.label})",
    )
    return section


def _section_for_items(version: PlanVersion, code: Section) -> PlanSection:
    _require_working(version)
    return version.sections.get(code=code)


def save_item(
    version: PlanVersion, code: Section, item: dict[str, Any], *, by: Actor, expected_version: int
) -> PlanSection:
    """Add or change one outcome, provision item or piece of advice in a section."""
    section = _section_for_items(version, code)
    data = {**section.data, "items": plan_content.with_item(section.data.get("items", []), item)}
    return save_section(version, code, data, by=by, expected_version=expected_version)


def remove_item(
    version: PlanVersion, code: Section, key: str, *, by: Actor, expected_version: int
) -> PlanSection:
    section = _section_for_items(version, code)
    data = {**section.data, "items": plan_content.without_item(section.data.get("items", []), key)}
    return save_section(version, code, data, by=by, expected_version=expected_version)


@transaction.atomic
def set_officers(
    plan: Plan, *, named_officer: User | None, coordinator: User | None, by: Actor, expected_version: int
) -> Plan:
    plan.named_officer, plan.coordinator = named_officer, coordinator
    plan.save_versioned(expected_version=expected_version, fields=["named_officer", "coordinator"])
    recheck(plan, uk_today())
    record_change(
        by,
        plan.child,
        f"Named officer for {plan.ref}: {named_officer or 'none'}; coordinator: {coordinator or 'none'}",
    )
    return plan


@transaction.atomic
def serve(
    version: PlanVersion, *, by: Actor, served_on: date, today: date, expected_version: int
) -> PlanVersion:
    """Send a draft, or proposed amendments, to the family: 15 days to comment (reg. 13(1), 22(2))."""
    plan, child = version.plan, version.plan.child
    if version.kind not in SERVED_KINDS or version.status != Status.WORKING:
        raise InvalidStep(["Only a draft or proposed amendments being written can be sent to the family"])
    if served_on > today:
        raise InvalidStep(["The date it was sent must be today or in the past"])
    case = plan.assessment
    if (
        version.kind == Kind.DRAFT
        and case is not None
        and served_on < (case.decision_notified_on or case.received_on)
    ):
        raise InvalidStep(["The draft cannot be sent before the decision to assess"])
    version.status, version.served_on = Status.SERVED, served_on
    version.save_versioned(expected_version=expected_version, fields=["status", "served_on"])
    version.record_findings(today)
    if version.kind == Kind.DRAFT and case is not None and case.draft_issued_on is None:
        assessment_services.issue_draft_plan(
            case, by=by, served_on=served_on, expected_version=case.version, today=today
        )
    else:
        record_event(
            child,
            by=by,
            what=f"{KIND_EVENTS[version.kind]} ({plan.ref})",
            kind="plan",
            title=KIND_EVENTS[version.kind],
            occurred_on=served_on,
        )
    until = version.comments_until()
    tell(
        family_addresses(child),
        f"{version.get_kind_display()} for {child.full_name}",
        f"The council has sent you the {version.get_kind_display().lower()} for {child.full_name}'s EHC plan.\n\n"
        f"Sign in to Tellonce to read it and tell us what you think, section by section, by {until:%d %B %Y}. "
        "You can also ask for a school or college to be named, or ask to meet us.",
    )
    return version


def blocking_findings(version: PlanVersion, today: date) -> list[plan_quality.Finding]:
    acknowledged = frozenset(version.acknowledgements.values_list("key", flat=True))
    return plan_quality.blocking(
        version.findings(today),
        blocking_codes=BlockingRule.codes_for(version.plan.child.local_authority_id),
        acknowledged=acknowledged,
    )


def family_can_comment_until(version: PlanVersion) -> date | None:
    """The last day of the family's 15 days on the version they were sent, while it still keeps
    this final or amended plan from being issued (they have not said they have finished)."""
    sent = version.based_on
    if sent is None or sent.status != Status.SERVED or sent.family_finished_on is not None:
        return None
    return sent.comments_until()


def _check_family_has_had_their_time(version: PlanVersion, issued_on: date) -> None:
    sent, until = version.based_on, family_can_comment_until(version)
    if sent is not None and until is not None and issued_on <= until:
        raise InvalidStep(
            [
                f"The family can comment on the {sent.get_kind_display().lower()} until {govuk_date(until)}. "
                "Issue the plan after that, or once they say they have finished"
            ]
        )


@transaction.atomic
def issue(
    version: PlanVersion, *, by: Actor, issued_on: date, today: date, expected_version: int
) -> PlanVersion:
    """Issue the final plan, or the amended plan, once no blocking finding is left unanswered."""
    plan, child = version.plan, version.plan.child
    if version.kind not in ISSUED_KINDS or version.status != Status.WORKING:
        raise InvalidStep(["Only a final or amended plan being written can be issued"])
    if issued_on > today:
        raise InvalidStep(["The date of issue must be today or in the past"])
    if version.based_on and version.based_on.served_on and issued_on < version.based_on.served_on:
        raise InvalidStep(["The plan cannot be issued before the version the family was sent"])
    _check_family_has_had_their_time(version, issued_on)
    version.issued_on = issued_on
    blockers = blocking_findings(version, today)
    if blockers:
        version.issued_on = None
        raise PlanNotReady(blockers)
    version.status = Status.ISSUED
    version.save_versioned(expected_version=expected_version, fields=["status", "issued_on"])
    version.record_findings(today)
    case = plan.assessment
    if version.kind == Kind.FINAL and case is not None and case.final_issued_on is None:
        assessment_services.issue_final_plan(
            case, by=by, issued_on=issued_on, expected_version=case.version, today=today
        )
    else:
        record_event(
            child,
            by=by,
            what=f"{KIND_EVENTS[version.kind]} ({plan.ref})",
            kind="plan",
            title=KIND_EVENTS[version.kind],
            occurred_on=issued_on,
        )
    if child.sen_status != "EHC_PLAN":
        Child.objects.filter(pk=child.pk).update(sen_status="EHC_PLAN")
        child.sen_status = "EHC_PLAN"
    tell(
        family_addresses(child),
        f"{version.get_kind_display()} for {child.full_name}",
        f"The council has issued {child.full_name}'s {version.get_kind_display().lower()}. Sign in to Tellonce to "
        "read it, with the letter that explains your right to mediation and to appeal.",
    )
    return version


@transaction.atomic
def prepare_next(plan: Plan, *, kind: str, by: Actor, today: date) -> PlanVersion:
    """Start the next version from the latest one: the final plan from a draft, a new draft, or
    proposed amendments to an issued plan. Sections and acknowledgements are carried over."""
    latest = plan.latest_version()
    allowed = NEXT_KINDS.get((latest.kind, latest.status), ()) if latest else ()
    if plan.ceased_on is not None:
        raise InvalidStep(["The plan has ceased"])
    if latest is None or kind not in allowed:
        raise InvalidStep(
            [f"A {Kind(kind).label.lower()} cannot follow {latest.label.lower() if latest else 'nothing'}"]
        )
    version = PlanVersion.objects.create(
        plan=plan, number=latest.number + 1, kind=kind, based_on=latest, created_by=by.user
    )
    PlanSection.objects.bulk_create(
        PlanSection(plan_version=version, code=s.code, data=s.data) for s in latest.sections.all()
    )
    FindingAcknowledgement.objects.bulk_create(
        FindingAcknowledgement(
            plan_version=version, key=a.key, code=a.code, reason=a.reason, by=a.by, on=a.on
        )
        for a in latest.acknowledgements.all()
    )
    version.record_findings(today)
    record_change(by, plan.child, f"Started {version.label.lower()} of {plan.ref}")
    return version


@transaction.atomic
def acknowledge(
    version: PlanVersion, *, key: str, reason: str, by: Actor, today: date
) -> FindingAcknowledgement:
    """Leave a finding as it is, for a reason the coordinator records."""
    return acknowledge_many(version, keys=[key], reason=reason, by=by, today=today)[0]


@transaction.atomic
def acknowledge_many(
    version: PlanVersion, *, keys: list[str], reason: str, by: Actor, today: date
) -> list[FindingAcknowledgement]:
    """Leave several findings as they are, for one reason: all of them, or none if any no longer
    applies."""
    if version.status == Status.ISSUED:
        raise InvalidStep(["An issued plan cannot be changed"])
    if not keys:
        raise InvalidStep(["Choose the findings to acknowledge"])
    found = {f.key: f for f in version.findings(today)}
    if any(key not in found for key in keys):
        raise InvalidStep(
            [
                "That finding no longer applies to this version"
                if len(keys) == 1
                else "Some of those findings no longer apply to this version: look at them again"
            ]
        )
    if not reason.strip():
        raise InvalidStep(
            [
                "Enter why the findings can be left as they are"
                if len(keys) > 1
                else "Enter why the finding can be left as it is"
            ]
        )
    made = []
    for key in dict.fromkeys(keys):
        finding = found[key]
        acknowledgement, _ = FindingAcknowledgement.objects.update_or_create(
            plan_version=version,
            key=key,
            defaults={"code": finding.code, "reason": reason.strip(), "by": by.user, "on": today},
        )
        made.append(acknowledgement)
    titles = "; ".join(dict.fromkeys(plan_quality.CHECKS[found[key].code].title for key in keys))
    record_change(
        by,
        version.plan.child,
        f"Acknowledged {len(made)} finding{'' if len(made) == 1 else 's'} on {version.plan.ref}: {titles}",
    )
    return made


def _keep_comment(
    version: PlanVersion,
    *,
    by: Actor,
    today: date,
    made_on: date,
    kind: str,
    text: str,
    section: str,
    setting_name: str,
    channel: str,
) -> PlanComment:
    """Keep the family's comment or request, however it came: a named setting asked for on a draft
    is also the assessment's request; the child's log and timeline say what the family did."""
    made = PlanComment.objects.create(
        plan_version=version,
        section=section,
        kind=kind,
        text=text.strip(),
        setting_name=setting_name.strip(),
        made_by=by.user,
        made_on=made_on,
        channel=channel,
    )
    plan, child = version.plan, version.plan.child
    case = plan.assessment
    how = "" if channel == Channel.ONLINE else f", {made.get_channel_display().lower()}"
    if kind == CommentKind.NAMED_SETTING and version.kind == Kind.DRAFT and case is not None:
        assessment_services.request_named_setting(
            case, by=by, setting_name=setting_name.strip(), expected_version=case.version, today=today
        )
    else:
        record_change(by, child, f"{made.get_kind_display()}{how} on {version.label.lower()} of {plan.ref}")
    add_timeline_event(
        child,
        kind="plan",
        title=f"The family: {made.get_kind_display().lower()}{how}",
        occurred_on=made_on,
        by=by,
    )
    return made


@transaction.atomic
def comment(
    version: PlanVersion,
    *,
    by: Actor,
    text: str,
    today: date,
    section: str = "",
    kind: str = CommentKind.COMMENT,
    setting_name: str = "",
) -> PlanComment:
    """The family's comment on one section, or their request for a named setting or a meeting,
    within the 15 days (reg. 13(1))."""
    if not version.accepts_comments_on(today):
        raise CommentWindowClosed(version.comments_until())
    if kind == CommentKind.NAMED_SETTING and not setting_name.strip():
        raise InvalidStep(["Enter the name of the school or college"])
    if kind == CommentKind.COMMENT and not text.strip():
        raise InvalidStep(["Enter your comment"])
    made = _keep_comment(
        version,
        by=by,
        today=today,
        made_on=today,
        kind=kind,
        text=text,
        section=section,
        setting_name=setting_name,
        channel=Channel.ONLINE,
    )
    plan, child = version.plan, version.plan.child
    coordinator = plan.coordinator
    if coordinator is not None and coordinator.email:
        tell(
            [coordinator.email],
            f"The family commented on {plan.ref}",
            f"The family of {child.full_name} has sent a {made.get_kind_display().lower()} about "
            f"{version.label.lower()}. Sign in to Tellonce to answer it.",
        )
    return made


@transaction.atomic
def record_family_response(
    version: PlanVersion,
    *,
    by: Actor,
    received_on: date,
    channel: str,
    today: date,
    text: str = "",
    section: str = "",
    kind: str = CommentKind.COMMENT,
    setting_name: str = "",
    finished: bool = False,
) -> PlanComment:
    """What the family said by phone, letter, email or at a meeting about a version they were sent,
    recorded by the council on the day it was received; if they said they have finished, the plan
    can be issued before their 15 days end."""
    if version.status != Status.SERVED or version.served_on is None:
        raise InvalidStep(["Only a version sent to the family can have their response recorded"])
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise InvalidStep.about({"channel": "Choose how the family replied"})
    if received_on > today:
        raise InvalidStep.about({"received_on": "The date it was received must be today or in the past"})
    if received_on < version.served_on:
        raise InvalidStep.about(
            {
                "received_on": f"The date it was received must be on or after {govuk_date(version.served_on)}, when it was sent"
            }
        )
    if kind == CommentKind.NAMED_SETTING and not setting_name.strip():
        raise InvalidStep.about({"setting_name": "Enter the name of the school or college"})
    if kind == CommentKind.COMMENT and not text.strip():
        raise InvalidStep.about({"text": "Enter what the family said"})
    made = _keep_comment(
        version,
        by=by,
        today=today,
        made_on=received_on,
        kind=kind,
        text=text,
        section=section,
        setting_name=setting_name,
        channel=channel,
    )
    if finished and version.family_finished_on is None:
        version.family_finished_on = received_on
        version.save_versioned(expected_version=version.version, fields=["family_finished_on"])
    return made


@transaction.atomic
def finish_commenting(version: PlanVersion, *, by: Actor, today: date, expected_version: int) -> PlanVersion:
    if not version.accepts_comments_on(today):
        raise CommentWindowClosed(version.comments_until())
    version.family_finished_on = today
    version.save_versioned(expected_version=expected_version, fields=["family_finished_on"])
    record_change(by, version.plan.child, f"The family finished commenting on {version.plan.ref}")
    return version


@transaction.atomic
def answer(made: PlanComment, *, by: Actor, text: str, today: date) -> PlanComment:
    """The coordinator answers a comment, once: a second answer would overwrite the first."""
    if not text.strip():
        raise InvalidStep(["Enter your answer"])
    answered = PlanComment.objects.filter(pk=made.pk, answer="").update(
        answer=text.strip(), answered_by=by.user, answered_on=today
    )
    if not answered:
        raise EditConflict("This comment has already been answered")
    made.refresh_from_db()
    record_change(
        by,
        made.plan_version.plan.child,
        f"Answered the family's comment on {made.plan_version.plan.ref}",
    )
    return made


@transaction.atomic
def set_blocking(
    local_authority: LocalAuthority, *, code: str, blocks_issue: bool, by: Actor
) -> BlockingRule:
    rule, _ = BlockingRule.objects.update_or_create(
        local_authority=local_authority,
        code=code,
        defaults={"blocks_issue": blocks_issue, "changed_by": by.user},
    )
    return rule


def working_version_for(plan: Plan) -> PlanVersion | None:
    return plan.versions.filter(status=Status.WORKING).first()


def follow_child_coordinator(child_ids: Iterable[Any]) -> int:
    """Give each child's plan that has not ceased to the child's coordinator, after the child moves caseload (the
    move itself is in the child's access log and on its timeline). Returns how many changed."""
    changed = 0
    for child_id, coordinator_id in Child.objects.filter(pk__in=list(child_ids)).values_list(
        "pk", "coordinator_id"
    ):
        changed += (
            Plan.objects.filter(child_id=child_id, ceased_on__isnull=True)
            .exclude(coordinator_id=coordinator_id)
            .update(coordinator_id=coordinator_id, version=F("version") + 1)
        )
    return changed
