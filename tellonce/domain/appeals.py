"""Mediation and appeal time limits that every decision notice must state, and the deadlines for
complying with the First-tier Tribunal's orders.

Sources: SEND Regulations 2014 reg. 32 (what the notice says), reg. 33 (contact the mediation
adviser within 2 months after the decision notice was sent), reg. 34 (a certificate within 3 working
days of being told the family does not want mediation), regs 35-39 (mediation arranged within 30
days of the council being told; a certificate within 3 working days when it cannot be held in 30
days, and within 3 working days of it ending; IPSEA's summary), reg. 44 (compliance with orders) and
reg. 45 as amended by SI 2015/359 (unopposed appeals, counted from the day the council told the
Tribunal); the Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r. 20 as explained by
IPSEA: appeal within 2 months of the decision letter, or 1 month of the mediation certificate if
later; a deadline in August moves to the first working day of September, one from 25 December to
1 January to the first working day after 1 January, and by r. 12 one that falls on a day that is
not a working day to the next working day. send-rules.md section 7.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tellonce.domain.calendar import WorkingDays, add_calendar_days, add_months, add_weeks

APPEALABLE_SECTIONS = ("B", "F", "I")
TRIBUNAL_RULES = "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r. 12 and r. 20"


@dataclass(frozen=True, slots=True)
class Deadline:
    title: str
    due: date
    regulation: str


@dataclass(frozen=True, slots=True)
class AppealRights:
    decision_on: date
    mediation_contact_by: date
    appeal_by: date


def _moved(due: date, calendar: WorkingDays) -> date:
    """Out of August, out of 25 December to 1 January, and off any day that is not a working day
    (r. 12), again and again until none applies: a Saturday 31 July moves into August and so to
    September; a Saturday 24 December moves into Christmas and so to January."""
    while True:
        if due.month == 8:
            due = date(due.year, 9, 1)
        elif (due.month, due.day) >= (12, 25):
            due = date(due.year + 1, 1, 2)
        elif (due.month, due.day) == (1, 1):
            due = date(due.year, 1, 2)
        elif not calendar.is_working_day(due):
            due += timedelta(days=1)
        else:
            return due


def appeal_by(
    decision_on: date, calendar: WorkingDays, *, mediation_certificate_on: date | None = None
) -> date:
    """The last day to register an appeal with the First-tier Tribunal (SEND): 2 months from the
    decision, or 1 month from a mediation certificate if later, moved out of August, out of 25
    December to 1 January, and off any day that is not a working day."""
    due = add_months(decision_on, 2)
    if mediation_certificate_on is not None:
        due = max(due, add_months(mediation_certificate_on, 1))
    return _moved(due, calendar)


def mediation_contact_by(decision_on: date) -> date:
    """The last day to contact the mediation adviser (reg. 33)."""
    return add_months(decision_on, 2)


def rights(decision_on: date, calendar: WorkingDays) -> AppealRights:
    """The dates a decision notice sent on `decision_on` must give the family."""
    return AppealRights(
        decision_on=decision_on,
        mediation_contact_by=mediation_contact_by(decision_on),
        appeal_by=appeal_by(decision_on, calendar),
    )


# Mediation ----------------------------------------------------------------------------------------


class CertificateKind(StrEnum):
    DECLINED = "declined"
    HELD = "held"
    NOT_HELD_IN_30_DAYS = "not_held"


CERTIFICATE_LABELS = {
    CertificateKind.DECLINED: "The family did not want mediation",
    CertificateKind.HELD: "Mediation was held",
    CertificateKind.NOT_HELD_IN_30_DAYS: "Mediation could not be held within 30 days",
}
CERTIFICATE_RULES = {
    CertificateKind.DECLINED: "SEND Regulations 2014 reg. 34",
    CertificateKind.HELD: "SEND Regulations 2014 reg. 39",
    CertificateKind.NOT_HELD_IN_30_DAYS: "SEND Regulations 2014 reg. 37",
}
MEDIATION_DAYS = 30
CERTIFICATE_WORKING_DAYS = 3


def certificate_due(kind: CertificateKind, told_on: date, calendar: WorkingDays) -> Deadline:
    """The mediation adviser's certificate: within 3 working days of being told the family does not
    want mediation, that it cannot be held within 30 days, or of the mediation ending."""
    return Deadline(
        f"Mediation certificate ({CERTIFICATE_LABELS[kind].lower()})",
        calendar.add(told_on, CERTIFICATE_WORKING_DAYS),
        CERTIFICATE_RULES[kind],
    )


def mediation_due(council_told_on: date) -> Deadline:
    """Mediation arranged within 30 days of the council being told the family wants it."""
    return Deadline(
        "Mediation held",
        add_calendar_days(council_told_on, MEDIATION_DAYS),
        "SEND Regulations 2014 regs 35-37",
    )


@dataclass(frozen=True, slots=True)
class MediationFacts:
    decision_on: date
    contacted_on: date | None = None
    certificate_kind: CertificateKind | None = None
    certificate_on: date | None = None


def mediation_deadlines(facts: MediationFacts, calendar: WorkingDays) -> list[Deadline]:
    """Every deadline of one mediation, as far as its facts go, with its regulation."""
    found = [
        Deadline(
            "Contact the mediation adviser",
            mediation_contact_by(facts.decision_on),
            "SEND Regulations 2014 reg. 33",
        )
    ]
    if facts.contacted_on is not None and facts.certificate_kind != CertificateKind.DECLINED:
        found.append(mediation_due(facts.contacted_on))
    found.append(
        Deadline(
            "Register an appeal",
            appeal_by(facts.decision_on, calendar, mediation_certificate_on=facts.certificate_on),
            TRIBUNAL_RULES,
        )
    )
    return found


# Appeals and the Tribunal's orders -----------------------------------------------------------------


class Ground(StrEnum):
    """What an appeal is against (CFA 2014 s51(2))."""

    REFUSAL_TO_ASSESS = "refusal_to_assess"
    REFUSAL_TO_ISSUE = "refusal_to_issue"
    PLAN_CONTENT = "plan_content"
    PLACEMENT = "placement"
    REFUSAL_TO_AMEND = "refusal_to_amend"
    CEASING = "ceasing"


GROUND_LABELS = {
    Ground.REFUSAL_TO_ASSESS: "A refusal to carry out an EHC needs assessment",
    Ground.REFUSAL_TO_ISSUE: "A refusal to issue an EHC plan",
    Ground.PLAN_CONTENT: "What the plan says (sections B, F and I)",
    Ground.PLACEMENT: "The school or college named (section I)",
    Ground.REFUSAL_TO_AMEND: "A refusal to amend the plan after a review",
    Ground.CEASING: "A decision to stop the plan",
}


class Sen2Stage(StrEnum):
    """Which SEN2 items a mediation or appeal counts in (items 2.6-2.7, 3.3-3.4, 3.5-3.6)."""

    REQUEST = "request"
    ASSESSMENT = "assessment"
    OTHER = "other"


def sen2_stage(ground: Ground) -> Sen2Stage:
    if ground == Ground.REFUSAL_TO_ASSESS:
        return Sen2Stage.REQUEST
    if ground == Ground.REFUSAL_TO_ISSUE:
        return Sen2Stage.ASSESSMENT
    return Sen2Stage.OTHER


def needs_mediation_certificate(ground: Ground) -> bool:
    """An appeal only about the school or type of school named in section I needs no certificate
    (CFA 2014 s55(3)); every other appeal does."""
    return ground != Ground.PLACEMENT


class OrderKind(StrEnum):
    ASSESS = "assess"
    MAKE_PLAN = "make_plan"
    AMEND = "amend"
    AMEND_SECTION_I = "amend_section_i"
    CONTINUE = "continue"
    CEASE = "cease"


ORDER_LABELS = {
    OrderKind.ASSESS: "Carry out an EHC needs assessment (or reassessment)",
    OrderKind.MAKE_PLAN: "Make and maintain an EHC plan",
    OrderKind.AMEND: "Amend the plan",
    OrderKind.AMEND_SECTION_I: "Amend section I of the plan only",
    OrderKind.CONTINUE: "Continue to maintain the plan",
    OrderKind.CEASE: "Cease the plan (the appeal against ceasing was dismissed)",
}

_REG_44 = "SEND Regulations 2014 reg. 44"
_REG_45 = "SEND Regulations 2014 reg. 45 (unopposed appeal)"
# Each order's steps: what must be done and in how many weeks (0: immediately); reg. 45 has the same
# weeks, from the day the council told the Tribunal it would not oppose the appeal.
ORDER_STEPS: dict[OrderKind, tuple[tuple[str, int], ...]] = {
    OrderKind.ASSESS: (
        ("Tell the family the assessment will be carried out", 2),
        ("Tell the family no plan will be made", 10),
        ("Issue the final EHC plan", 14),
    ),
    OrderKind.MAKE_PLAN: (
        ("Issue the draft EHC plan", 5),
        ("Issue the final EHC plan", 11),
    ),
    OrderKind.AMEND: (("Issue the amended plan", 5),),
    OrderKind.AMEND_SECTION_I: (("Issue the plan with section I amended", 2),),
    OrderKind.CONTINUE: (("Continue to maintain the plan", 0),),
    OrderKind.CEASE: (("Cease to maintain the plan", 0),),
}


def compliance_deadlines(kind: OrderKind, ordered_on: date, *, unopposed: bool = False) -> list[Deadline]:
    """When the council must comply with an order made on `ordered_on` (reg. 44), or with an appeal
    it did not oppose, counted from the day it told the Tribunal (reg. 45)."""
    return [
        Deadline(
            title,
            add_weeks(ordered_on, weeks),
            _REG_45 if unopposed else _REG_44,
        )
        for title, weeks in ORDER_STEPS[kind]
    ]


def compliance_due(kind: OrderKind, ordered_on: date, *, unopposed: bool = False) -> Deadline:
    """The order's last deadline: when it must have been complied with in full. For an order to
    assess that is the final plan (14 weeks), the latest of its outcomes."""
    return compliance_deadlines(kind, ordered_on, unopposed=unopposed)[-1]
