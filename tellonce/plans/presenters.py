"""A plan version as one document: the same blocks make the family's page, the tagged PDF and the
Word file, so the three cannot say different things. Also the cover letters, and findings and
comments grouped by section for the drafting page."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tellonce.core.formatting import govuk_date
from tellonce.domain import appeals, plan_quality, timescales
from tellonce.domain import plan_content as pc
from tellonce.domain.calendar import WorkingDays
from tellonce.domain.plan_content import Section
from tellonce.plans.models import Kind, PlanVersion

NOT_STATED = "Not recorded"


@dataclass(frozen=True)
class Block:
    """One piece of a document: a paragraph, summary rows, a table or a titled group of rows."""

    kind: str  # "paragraph" | "rows" | "table" | "item"
    text: str = ""
    rows: tuple[tuple[str, str], ...] = ()
    head: tuple[str, ...] = ()
    cells: tuple[tuple[str, ...], ...] = ()
    key: str = ""  # an item's key, for the drafting page's links
    keys: tuple[str, ...] = ()  # a table's row keys


@dataclass(frozen=True)
class SectionBlock:
    code: str
    heading: str
    blocks: tuple[Block, ...]
    key: str = ""  # for items: the key an edit link needs


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    summary: tuple[tuple[str, str], ...]
    sections: tuple[SectionBlock, ...]
    closing: tuple[Block, ...] = field(default=())


def _paragraphs(text: str, empty: str) -> tuple[Block, ...]:
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return tuple(Block("paragraph", p) for p in parts) or (Block("paragraph", empty),)


def _views(views: pc.Views) -> tuple[Block, ...]:
    return (
        Block(
            "rows",
            rows=tuple(
                (label, getattr(views, name).strip() or NOT_STATED) for name, label in pc.VIEWS_LABELS.items()
            ),
        ),
    )


def _outcomes(content: pc.PlanContent) -> tuple[Block, ...]:
    if not content.outcomes:
        return (Block("paragraph", "No outcomes have been written yet."),)
    return tuple(
        Block(
            "item",
            text=o.text,
            key=o.key,
            rows=(
                ("By when", govuk_date(o.by_when)),
                ("How progress will be measured", o.measured_by or NOT_STATED),
                ("Preparing for adulthood", ", ".join(pc.PFA_LABELS[a] for a in o.pfa) or "No"),
            ),
        )
        for o in content.outcomes
    )


def _provision(content: pc.PlanContent, section: Section) -> tuple[Block, ...]:
    items = content.provision_in(section)
    if not items:
        return (Block("paragraph", "None."),)
    outcome_text = {o.key: o.text for o in content.outcomes}
    advice_title = {a.key: a.title for a in content.advice}
    return tuple(
        Block(
            "item",
            text=item.what,
            key=item.key,
            rows=(
                ("Who delivers it", pc.who_text(item)),
                ("How often", pc.how_often_text(item)),
                ("How long", pc.how_long_text(item)),
                ("Group", pc.group_text(item)),
                ("When", pc.dates_text(item)),
                (
                    "Outcomes it helps achieve",
                    "; ".join(outcome_text[k] for k in item.outcomes if k in outcome_text) or "None linked",
                ),
                (
                    "Advice it comes from",
                    "; ".join(advice_title[k] for k in item.advice if k in advice_title) or "None linked",
                ),
            ),
        )
        for item in items
    )


def _placement(placement: pc.Placement, version: PlanVersion) -> tuple[Block, ...]:
    if version.kind == Kind.DRAFT and not placement.name:
        note = "A draft plan does not name a school or college. You can ask for one to be named."
        return (
            Block("paragraph", note),
            Block("rows", rows=(("Type of setting", placement.setting_type or NOT_STATED),)),
        )
    return (
        Block(
            "rows",
            rows=(
                ("Name", placement.name or "Not named"),
                ("Type of setting", placement.setting_type or NOT_STATED),
            ),
        ),
    )


def _budget(budget: pc.PersonalBudget) -> tuple[Block, ...]:
    return (
        Block(
            "rows",
            rows=(
                ("Discussed with the family", govuk_date(budget.discussed_on, "No record of a discussion")),
                (
                    "What was decided",
                    pc.BUDGET_OUTCOME_LABELS[budget.outcome] if budget.outcome else NOT_STATED,
                ),
                (
                    "How it is paid",
                    ", ".join(pc.BUDGET_FORM_LABELS[f] for f in budget.forms) or "Not applicable",
                ),
                (
                    "Amount a year",
                    f"£{budget.amount_pounds:,}" if budget.amount_pounds is not None else "Not applicable",
                ),
                ("The needs and outcomes it pays for", budget.covers or "Not applicable"),
            ),
        ),
    )


def _advice(content: pc.PlanContent) -> tuple[Block, ...]:
    if not content.advice:
        return (Block("paragraph", "No advice has been listed yet."),)
    return (
        Block(
            "table",
            text="Advice and information gathered for this plan",
            head=("Advice or information", "From", "Date of the advice", "Date of the assessment"),
            cells=tuple(
                (
                    a.title + (" (reused from an earlier assessment)" if a.reused else ""),
                    a.author or NOT_STATED,
                    govuk_date(a.dated),
                    govuk_date(a.assessed_on),
                )
                for a in content.advice
            ),
            keys=tuple(a.key for a in content.advice),
        ),
    )


def section_blocks(version: PlanVersion, content: pc.PlanContent, section: Section) -> tuple[Block, ...]:
    if section == Section.A:
        return _views(content.views)
    if section in pc.NEEDS_SECTIONS:
        return _paragraphs(content.needs_in(section), "None recorded.")
    if section == Section.E:
        return _outcomes(content)
    if section in pc.PROVISION_SECTIONS:
        return _provision(content, section)
    if section == Section.I:
        return _placement(content.placement, version)
    if section == Section.J:
        return _budget(content.personal_budget)
    return _advice(content)


def section_heading(section: Section) -> str:
    return f"Section {section.value}: {pc.SECTION_TITLES[section]}"


def _person(user) -> str:
    if user is None:
        return "Not named"
    details = [str(user), user.job_title, user.email]
    return ", ".join(d for d in details if d)


def document(version: PlanVersion, *, today: date) -> Document:
    plan, child = version.plan, version.plan.child
    content = version.content()
    return Document(
        title=f"Education, health and care plan: {version.get_kind_display().lower()}",
        subtitle=child.full_name,
        summary=(
            ("Name", f"{child.given_name} {child.family_name}"),
            ("Date of birth", govuk_date(child.date_of_birth)),
            ("Plan reference", plan.ref),
            ("Version", f"{version.number} ({version.get_kind_display().lower()})"),
            ("Date", govuk_date(version.dated, "Not yet sent")),
            ("Named officer", _person(plan.named_officer)),
            ("EHC coordinator", _person(plan.coordinator)),
        ),
        sections=tuple(
            SectionBlock(s.value, section_heading(s), section_blocks(version, content, s)) for s in Section
        ),
    )


@dataclass(frozen=True)
class SectionView:
    """A section on the drafting page: its document blocks, findings and the family's comments."""

    section: SectionBlock
    findings: list
    comments: list
    editable: bool
    items: tuple = ()


def findings_by_section(findings: list[plan_quality.Finding], acknowledged: dict, blocking_codes) -> dict:
    grouped = defaultdict(list)
    for f in findings:
        grouped[f.section.value if f.section else ""].append(
            {
                "finding": f,
                "title": plan_quality.CHECKS[f.code].title,
                "severity": plan_quality.SEVERITY_LABELS[f.severity],
                "blocks": f.code in blocking_codes and f.key not in acknowledged,
                "acknowledgement": acknowledged.get(f.key),
            }
        )
    return grouped


def letter(version: PlanVersion, *, calendar: WorkingDays, area_name: str) -> tuple[Block, ...]:
    """The letter that goes with a version: the 15 days and what the family can ask for with a draft
    or proposed amendments (reg. 13(1), 22(2)); appeal and mediation rights with a final plan (reg. 14)."""
    plan, child = version.plan, version.plan.child
    officer = _person(plan.named_officer or plan.coordinator)
    if version.kind in (Kind.DRAFT, Kind.PROPOSED_AMENDMENT):
        what = (
            "a draft EHC plan"
            if version.kind == Kind.DRAFT
            else "the changes we propose to make to the EHC plan"
        )
        until = version.comments_until()
        blocks = [
            Block("paragraph", f"We have written {what} for {child.full_name}. Please read it carefully."),
            Block(
                "paragraph",
                f"You have 15 days to tell us what you think: until {govuk_date(until, 'the date we send it')}. You can:",
            ),
            Block(
                "rows",
                rows=(
                    ("Comment", "on any section, online in Tellonce or by writing to us"),
                    (
                        "Ask for a school or college",
                        "to be named in section I. Information about schools and colleges is in the Local Offer",
                    ),
                    ("Ask for a meeting", f"with {officer} to talk about it"),
                ),
            ),
        ]
        if version.kind == Kind.DRAFT and plan.assessment_id:
            due = timescales.final_plan_due(plan.assessment.received_on).due
            blocks.append(Block("paragraph", f"We must send you the final plan by {govuk_date(due)}."))
        blocks.append(Block("paragraph", f"If you have questions, contact {officer}."))
        return tuple(blocks)
    dated = version.issued_on or version.served_on
    if dated is None:
        return (Block("paragraph", "The letter is written when the plan is issued."),)
    rights = appeals.rights(dated, calendar)
    what = "final EHC plan" if version.kind == Kind.FINAL else "amended EHC plan"
    return (
        Block(
            "paragraph",
            f"This is {child.full_name}'s {what}, issued on {govuk_date(dated)}. {area_name} must secure the special educational provision in section F.",
        ),
        Block(
            "paragraph",
            "If you disagree with the special educational needs in section B, the provision in section F, or the "
            "school, college or type of setting in section I, you can appeal to the First-tier Tribunal (Special "
            "Educational Needs and Disability). The Tribunal can also make recommendations about the health and "
            "social care sections (C, D, G, H1 and H2) when you appeal.",
        ),
        Block(
            "rows",
            rows=(
                (
                    "Mediation",
                    f"Before you appeal you must contact a mediation adviser by {govuk_date(rights.mediation_contact_by)}, "
                    "unless your appeal is only about section I. You do not have to go to mediation, but you need the "
                    "certificate the adviser gives you.",
                ),
                (
                    "Appeal",
                    f"The last day to appeal is {govuk_date(rights.appeal_by)}, or 1 month after the date on your "
                    "mediation certificate if that is later.",
                ),
                (
                    "Disagreement resolution",
                    "An independent disagreement resolution service can help with disagreements about provision, "
                    "including health and social care.",
                ),
                (
                    "Free advice",
                    "Your local SEND information, advice and support service (SENDIASS) gives free, impartial advice.",
                ),
            ),
        ),
        Block("paragraph", f"If you have questions, contact {officer}."),
    )
