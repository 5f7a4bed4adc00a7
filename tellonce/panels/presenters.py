"""The letter to the family about a panel's decision: the decision and its reasons in plain English,
their rights (mediation and appeal, with the appeal deadline from domain.appeals, for the decisions
that can be appealed) and the local SEND information, advice and support service. The same blocks
make the page, the PDF and the Word file (plans.presenters.Block, ADR 20)."""

from tellonce.core.formatting import govuk_date
from tellonce.domain import appeals
from tellonce.domain.calendar import WorkingDays
from tellonce.panels.models import DecisionKind, Outcome, PanelDecision
from tellonce.plans.presenters import Block, Document, SectionBlock

IASS = (
    "Your local SEND information, advice and support service (SENDIASS) gives free, impartial advice "
    "to parents, carers and young people. It can help you understand this decision and what you can do next."
)


def _what(decision: PanelDecision, name: str) -> str:
    agreed = decision.outcome == Outcome.AGREED
    match decision.kind, decision.outcome:
        case DecisionKind.ASSESS, _:
            return (
                f"We have decided to carry out an education, health and care (EHC) needs assessment for {name}."
                if agreed
                else f"We have decided not to carry out an education, health and care (EHC) needs assessment for {name} at the moment."
            )
        case DecisionKind.ISSUE, _:
            return (
                f"We have decided to write an education, health and care (EHC) plan for {name}. We will send you a draft to comment on."
                if agreed
                else f"We have decided not to issue an education, health and care (EHC) plan for {name}."
            )
        case DecisionKind.PLACEMENT, _:
            return (
                f"We have agreed that {name} should go to {decision.placement}."
                if agreed
                else f"We have not agreed the school, college or setting asked for {name}."
            )
    return (
        f"We have agreed top-up funding for {name} at band {decision.band}, paid to their school or setting."
        if agreed
        else f"We have not agreed top-up funding for {name}."
    )


def _appealable(decision: PanelDecision) -> bool:
    """Refusing to assess or to issue a plan can be appealed (CFA s51(2)(a), (b)); a placement is
    appealed once it is named in section I of the plan. A deferred decision is not yet a decision."""
    return decision.outcome == Outcome.REFUSED and decision.kind in (DecisionKind.ASSESS, DecisionKind.ISSUE)


def letter(decision: PanelDecision, *, calendar: WorkingDays, area_name: str) -> tuple[Block, ...]:
    case = decision.case
    child = case.child
    name = child.full_name
    contact = str(case.assessment.coordinator or "your EHC coordinator")
    if decision.outcome == Outcome.DEFERRED:
        blocks = [
            Block(
                "paragraph",
                f"On {govuk_date(decision.decided_on)} our {case.meeting.panel} talked about {name}. "
                "It needs more information before it can decide, and will look at it again.",
            ),
            Block("paragraph", "Why the panel needs more information:"),
            Block("paragraph", decision.reasons),
        ]
    else:
        blocks = [
            Block(
                "paragraph",
                f"On {govuk_date(decision.decided_on)} our {case.meeting.panel} met to talk about {name}.",
            ),
            Block("paragraph", _what(decision, name)),
            Block("paragraph", "Our reasons:"),
            Block("paragraph", decision.reasons),
        ]
    if decision.outcome == Outcome.REFUSED and decision.advice_to_setting:
        blocks += [
            Block("paragraph", f"What we have asked {name}'s school or setting to do:"),
            Block("paragraph", decision.advice_to_setting),
        ]
    if decision.outcome == Outcome.REFUSED and decision.look_again_on:
        blocks.append(
            Block(
                "paragraph", f"We will look at {name}'s needs again by {govuk_date(decision.look_again_on)}."
            )
        )
    if _appealable(decision):
        dated = decision.notified_on or decision.letter_sent_on or decision.decided_on
        rights = appeals.rights(dated, calendar)
        blocks += [
            Block(
                "paragraph",
                "If you disagree, you can appeal to the First-tier Tribunal (Special Educational Needs and "
                "Disability). You can also ask us to talk it through with you at any time.",
            ),
            Block(
                "rows",
                rows=(
                    (
                        "Mediation",
                        f"Before you appeal you must contact a mediation adviser by {govuk_date(rights.mediation_contact_by)}. "
                        "You do not have to go to mediation, but you need the certificate the adviser gives you.",
                    ),
                    (
                        "Appeal",
                        f"The last day to appeal is {govuk_date(rights.appeal_by)}, or 1 month after the date on your "
                        "mediation certificate if that is later.",
                    ),
                    ("Free advice", IASS),
                ),
            ),
        ]
    else:
        blocks.append(Block("rows", rows=(("Free advice", IASS),)))
    blocks.append(Block("paragraph", f"If you have questions, contact {contact}."))
    return tuple(blocks)


def document(decision: PanelDecision, *, calendar: WorkingDays, area_name: str) -> Document:
    """The letter as a document for plans.documents' PDF and Word files."""
    case = decision.case
    return Document(
        title=f"A letter from {area_name}",
        subtitle=f"{case.child.full_name}, {case.assessment.ref}",
        summary=(
            ("About", case.child.full_name),
            ("Decision", case.get_kind_display()),
            ("Made on", govuk_date(decision.decided_on)),
        ),
        sections=(
            SectionBlock("", "Our decision", letter(decision, calendar=calendar, area_name=area_name)),
        ),
    )
