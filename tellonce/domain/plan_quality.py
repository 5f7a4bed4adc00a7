"""Automatic quality findings over an EHC plan's content, while it is being written.

Sources: SEND Code of Practice 2015 paras 9.61-9.69 (provision detailed, specific and normally
quantified; outcomes with preparation for adulthood from Year 9), 9.77 (the draft names no
setting), 9.95 (personal budgets); CFA 2014 s21(5) (health or social care provision that educates
or trains is special educational provision, so belongs in section F), s37(2)(e) (H1 is for
under-18s); SEND Regulations 2014 reg. 6(4) (advice reused only where all agree it is sufficient),
reg. 12 (sections A-K) and reg. 18 (a setting named in the year of a phase transfer); the LGA
audit of 20 plans (seed 001, appendix) and the Kent inspection letter (seed 004), which describe
each weakness checked here.

Each finding is a value with a code, the section, a plain-English message and a severity; the
plans app decides which codes block issuing a final plan (a council can change that) and keeps the
acknowledgements, so the UI, audits and measures all read the same findings.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tellonce.domain.advice import DEFAULT_MAX_AGE_MONTHS, age_flags
from tellonce.domain.plan_content import (
    PROVISION_SECTIONS,
    AdviceItem,
    PlanContent,
    Provision,
    Section,
)

PFA_FROM_YEAR = 9
H1_UNDER_AGE = 18
FAMILY_VIEWS_UNTIL_AGE = 16


class Severity(StrEnum):
    MUST = "must"
    SHOULD = "should"


SEVERITY_LABELS = {Severity.MUST: "Must be put right", Severity.SHOULD: "Should be put right"}


class Check(StrEnum):
    VIEWS_BLANK = "views_blank"
    MY_STORY_BLANK = "my_story_blank"
    VIEWS_HOW_GATHERED_MISSING = "views_how_gathered_missing"
    FAMILY_VIEWS_BLANK = "family_views_blank"
    NEEDS_BLANK = "needs_blank"
    OUTCOMES_BLANK = "outcomes_blank"
    OUTCOME_NO_DATE = "outcome_no_date"
    OUTCOME_NO_MEASURE = "outcome_no_measure"
    OUTCOME_WITHOUT_PROVISION = "outcome_without_provision"
    NO_PFA_OUTCOME = "no_pfa_outcome"
    PROVISION_BLANK = "provision_blank"
    PROVISION_MISSING_WHO = "provision_missing_who"
    PROVISION_MISSING_FREQUENCY = "provision_missing_frequency"
    PROVISION_MISSING_DURATION = "provision_missing_duration"
    PROVISION_NO_EXPERTISE = "provision_no_expertise"
    PROVISION_VAGUE = "provision_vague"
    PROVISION_WITHOUT_OUTCOME = "provision_without_outcome"
    EDUCATIONAL_PROVISION_OUTSIDE_F = "educational_provision_outside_f"
    HEALTH_PROVISION_IN_F = "health_provision_in_f"
    SOCIAL_CARE_PROVISION_IN_F = "social_care_provision_in_f"
    HEALTH_NEEDS_WITHOUT_PROVISION = "health_needs_without_provision"
    SOCIAL_CARE_NEEDS_MISSING = "social_care_needs_missing"
    SOCIAL_CARE_PROVISION_MISSING = "social_care_provision_missing"
    H1_OVER_18 = "h1_over_18"
    SETTING_MISSING = "setting_missing"
    TRANSFER_WITHOUT_SETTING = "transfer_without_setting"
    SETTING_NAMED_IN_DRAFT = "setting_named_in_draft"
    NO_PERSONAL_BUDGET_DISCUSSION = "no_personal_budget_discussion"
    ADVICE_UNDATED = "advice_undated"
    ADVICE_OLD = "advice_old"
    ADVICE_REUSED = "advice_reused"
    NO_NAMED_OFFICER = "no_named_officer"


@dataclass(frozen=True, slots=True)
class CheckInfo:
    title: str
    severity: Severity
    source: str


CHECKS: dict[Check, CheckInfo] = {
    Check.VIEWS_BLANK: CheckInfo("Section A is blank", Severity.MUST, "reg. 12(1)(a); seed 001 para 2.2"),
    Check.MY_STORY_BLANK: CheckInfo('"My story so far" is blank', Severity.SHOULD, "seed 001 para 2.3"),
    Check.VIEWS_HOW_GATHERED_MISSING: CheckInfo(
        "Section A does not say who helped complete it, or how", Severity.SHOULD, "seed 001 para 2.2"
    ),
    Check.FAMILY_VIEWS_BLANK: CheckInfo("The family's views are missing", Severity.SHOULD, "reg. 12(1)(a)"),
    Check.NEEDS_BLANK: CheckInfo("Section B is blank", Severity.MUST, "reg. 12(1)(b)"),
    Check.OUTCOMES_BLANK: CheckInfo("Section E has no outcomes", Severity.MUST, "reg. 12(1)(e)"),
    Check.OUTCOME_NO_DATE: CheckInfo("An outcome has no date to achieve it by", Severity.SHOULD, "CoP 9.66"),
    Check.OUTCOME_NO_MEASURE: CheckInfo(
        "An outcome does not say how progress will be measured", Severity.SHOULD, "CoP 9.66"
    ),
    Check.OUTCOME_WITHOUT_PROVISION: CheckInfo(
        "An outcome has no provision to achieve it", Severity.SHOULD, "CoP 9.69"
    ),
    Check.NO_PFA_OUTCOME: CheckInfo(
        "No preparing-for-adulthood outcome from Year 9", Severity.MUST, "CoP 9.66 and 8.9"
    ),
    Check.PROVISION_BLANK: CheckInfo("Section F has no provision", Severity.MUST, "reg. 12(1)(f)"),
    Check.PROVISION_MISSING_WHO: CheckInfo(
        "Provision does not say who delivers it", Severity.MUST, "CoP 9.69"
    ),
    Check.PROVISION_MISSING_FREQUENCY: CheckInfo(
        "Provision does not say how often", Severity.MUST, "CoP 9.69; seed 004"
    ),
    Check.PROVISION_MISSING_DURATION: CheckInfo(
        "Provision does not say how long each session lasts", Severity.MUST, "CoP 9.69; seed 004"
    ),
    Check.PROVISION_NO_EXPERTISE: CheckInfo(
        "Provision does not say the level of expertise", Severity.SHOULD, "CoP 9.69"
    ),
    Check.PROVISION_VAGUE: CheckInfo(
        "Provision uses vague words instead of amounts", Severity.MUST, "CoP 9.69; seed 004"
    ),
    Check.PROVISION_WITHOUT_OUTCOME: CheckInfo(
        "Provision is linked to no outcome", Severity.SHOULD, "CoP 9.69"
    ),
    Check.EDUCATIONAL_PROVISION_OUTSIDE_F: CheckInfo(
        "Therapy or training that educates is not in section F", Severity.MUST, "CFA 2014 s21(5)"
    ),
    Check.HEALTH_PROVISION_IN_F: CheckInfo(
        "Health care written in section F", Severity.SHOULD, "reg. 12(1)(g); seed 004"
    ),
    Check.SOCIAL_CARE_PROVISION_IN_F: CheckInfo(
        "Social care written in section F", Severity.SHOULD, "reg. 12(1)(h); seed 004"
    ),
    Check.HEALTH_NEEDS_WITHOUT_PROVISION: CheckInfo(
        "Section C has health needs but section G has no provision", Severity.SHOULD, "seed 001 para 2.17"
    ),
    Check.SOCIAL_CARE_NEEDS_MISSING: CheckInfo(
        "Section D is blank for a child known to social care", Severity.MUST, "seed 001 para 2.11; seed 004"
    ),
    Check.SOCIAL_CARE_PROVISION_MISSING: CheckInfo(
        "Section H is blank for a child known to social care", Severity.MUST, "seed 001 para 2.21; seed 004"
    ),
    Check.H1_OVER_18: CheckInfo(
        "H1 provision for a young person aged 18 or over", Severity.SHOULD, "CFA s37(2)(e)"
    ),
    Check.SETTING_MISSING: CheckInfo("Section I names no setting or type", Severity.MUST, "reg. 12(1)(i)"),
    Check.TRANSFER_WITHOUT_SETTING: CheckInfo(
        "No setting named in the year of a phase transfer", Severity.MUST, "reg. 18; seed 001 para 2.23"
    ),
    Check.SETTING_NAMED_IN_DRAFT: CheckInfo("The draft names a setting", Severity.SHOULD, "CoP 9.77"),
    Check.NO_PERSONAL_BUDGET_DISCUSSION: CheckInfo(
        "No record that a personal budget was discussed", Severity.SHOULD, "CoP 9.95; seed 001 para 2.24"
    ),
    Check.ADVICE_UNDATED: CheckInfo("Advice without a date", Severity.SHOULD, "CoP 9.62"),
    Check.ADVICE_OLD: CheckInfo("Advice that is out of date", Severity.MUST, "seed 004"),
    Check.ADVICE_REUSED: CheckInfo("Advice reused from an earlier assessment", Severity.SHOULD, "reg. 6(4)"),
    Check.NO_NAMED_OFFICER: CheckInfo("No named officer", Severity.MUST, "seed 001 para 2.27"),
}

DEFAULT_BLOCKING = frozenset(code for code, info in CHECKS.items() if info.severity == Severity.MUST)


@dataclass(frozen=True, slots=True)
class Finding:
    code: Check
    section: Section | None
    message: str
    severity: Severity
    subject: str = ""

    @property
    def key(self) -> str:
        """Identifies this finding across versions, so an acknowledgement can follow it."""
        return f"{self.code}:{self.section or ''}:{self.subject}"


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What the checks need to know beyond the content: the child, the plan and the day."""

    on: date
    nc_year: int
    age: int
    final: bool = False  # False only for a first draft, which leaves the setting's name out (CoP 9.77)
    first_language: str = "English"
    looked_after: bool = False
    child_in_need: bool = False
    child_protection: bool = False
    has_named_officer: bool = True
    transfer_year: bool = False
    max_advice_age_months: int = DEFAULT_MAX_AGE_MONTHS


def _phrases(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(words) + r")\b", re.IGNORECASE)


# Words that stand in for an amount (IPSEA and CoP 9.69: "access to", "regular", "as required"...).
VAGUE = _phrases(
    r"regular(ly)?",
    r"access to",
    r"as required",
    r"as needed",
    r"as necessary",
    r"as (and when )?appropriate",
    r"where (appropriate|possible|necessary|needed)",
    r"if (appropriate|possible|necessary|needed|required)",
    r"when (appropriate|possible|necessary|needed|required)",
    r"as and when",
    r"opportunit(y|ies) (for|to)",
    r"up to(?! date)",
    r"periodic(ally)?",
    r"(may|might|would|could) benefit",
)
# Health or social care that educates or trains (CFA 2014 s21(5)): belongs in F.
EDUCATES = _phrases(
    r"speech and language",
    r"speech (and|&) language therap\w*",
    r"SALT",
    r"SLT",
    r"language therap\w*",
    r"occupational therap\w*",
    r"OT",
    r"physiotherap\w*",
    r"physio",
    r"social skills",
    r"travel training",
    r"independence training",
    r"life skills",
    r"communication (programme|group|skills|support)",
    r"teach\w*",
    r"tuition",
)
HEALTH_CARE = _phrases(
    r"medication",
    r"medicine\w*",
    r"nurs(e|es|ing)",
    r"epilep\w+",
    r"gastrostomy",
    r"tube feed\w*",
    r"catheter\w*",
    r"suction\w*",
    r"oxygen",
    r"insulin",
    r"prescri\w+",
    r"hospital",
    r"clinic appointments?",
    r"wheelchair service",
)
SOCIAL_CARE = _phrases(
    r"short breaks?",
    r"respite",
    r"overnight stays?",
    r"home care",
    r"care at home",
    r"carers? assessment",
)


def _text(item: Provision) -> str:
    return f"{item.what} {item.role} {item.qualification}"


def _quoted(match: re.Match[str]) -> str:
    return f'"{match.group(0)}"'


def _provision_findings(section: Section, item: Provision, outcome_keys: set[str]) -> Iterable[Finding]:
    name = item.what.strip() or "An item"
    if not item.role.strip():
        yield Finding(
            Check.PROVISION_MISSING_WHO,
            section,
            f"{name}: say who delivers it, with their role and qualification.",
            Severity.MUST,
            item.key,
        )
    elif section == Section.F and not item.qualification.strip():
        yield Finding(
            Check.PROVISION_NO_EXPERTISE,
            section,
            f"{name}: say the level of expertise or training of the {item.role.strip()}.",
            Severity.SHOULD,
            item.key,
        )
    if item.times is None or item.per is None:
        yield Finding(
            Check.PROVISION_MISSING_FREQUENCY,
            section,
            f"{name}: say how often it happens (for example, 3 times a week).",
            Severity.MUST,
            item.key,
        )
    if item.minutes is None:
        yield Finding(
            Check.PROVISION_MISSING_DURATION,
            section,
            f"{name}: say how long each session lasts.",
            Severity.MUST,
            item.key,
        )
    vague = VAGUE.search(_text(item))
    if vague:
        yield Finding(
            Check.PROVISION_VAGUE,
            section,
            f"{name}: {_quoted(vague)} does not say how much provision the child will get. "
            "Replace it with what, how often and for how long.",
            Severity.MUST,
            item.key,
        )
    if not outcome_keys.intersection(item.outcomes):
        yield Finding(
            Check.PROVISION_WITHOUT_OUTCOME,
            section,
            f"{name}: link it to the outcomes in section E it helps the child achieve.",
            Severity.SHOULD,
            item.key,
        )
    yield from _wrong_section(section, item, name)


def _wrong_section(section: Section, item: Provision, name: str) -> Iterable[Finding]:
    text = _text(item)
    if section != Section.F:
        educates = EDUCATES.search(text)
        if educates:
            yield Finding(
                Check.EDUCATIONAL_PROVISION_OUTSIDE_F,
                section,
                f"{name}: {_quoted(educates)} educates or trains the child, so it is special "
                "educational provision and must be in section F (Children and Families Act 2014, s21(5)).",
                Severity.MUST,
                item.key,
            )
        return
    health = HEALTH_CARE.search(text)
    if health:
        yield Finding(
            Check.HEALTH_PROVISION_IN_F,
            section,
            f"{name}: {_quoted(health)} looks like health care. Health provision belongs in section G, "
            "agreed with the integrated care board.",
            Severity.SHOULD,
            item.key,
        )
    care = SOCIAL_CARE.search(text)
    if care:
        yield Finding(
            Check.SOCIAL_CARE_PROVISION_IN_F,
            section,
            f"{name}: {_quoted(care)} looks like social care. Social care provision belongs in section H1 "
            "or H2.",
            Severity.SHOULD,
            item.key,
        )


def _views(content: PlanContent, context: PlanContext) -> Iterable[Finding]:
    views = content.views
    other_language = context.first_language.strip().lower() not in ("", "english")
    language_note = (
        f" The family's first language is {context.first_language.strip()}: offer an interpreter or "
        "translated forms so their views are heard."
        if other_language
        else ""
    )
    if views.is_blank:
        yield Finding(
            Check.VIEWS_BLANK,
            Section.A,
            "Section A is blank: record the child's or young person's views, interests and aspirations, "
            "and their family's." + language_note,
            Severity.MUST,
        )
        return
    if not views.my_story_so_far.strip():
        yield Finding(
            Check.MY_STORY_BLANK,
            Section.A,
            '"My story so far" is blank: say what has happened in the child\'s life so far.' + language_note,
            Severity.SHOULD,
        )
    if not views.completed_with.strip():
        yield Finding(
            Check.VIEWS_HOW_GATHERED_MISSING,
            Section.A,
            "Say who helped the child or young person complete section A, and how (for example, with "
            "pictures, or with an interpreter).",
            Severity.SHOULD,
        )
    if context.age < FAMILY_VIEWS_UNTIL_AGE and not views.family_views.strip():
        yield Finding(
            Check.FAMILY_VIEWS_BLANK,
            Section.A,
            "Record the parents' or carers' views, hopes and concerns." + language_note,
            Severity.SHOULD,
        )


def _outcomes(content: PlanContent, context: PlanContext) -> Iterable[Finding]:
    if not content.outcomes:
        yield Finding(
            Check.OUTCOMES_BLANK,
            Section.E,
            "Section E has no outcomes: say what the child should achieve, by when.",
            Severity.MUST,
        )
    provided = {key for _, item in content.all_provision() for key in item.outcomes}
    for outcome in content.outcomes:
        name = outcome.text.strip()[:60] or "An outcome"
        if outcome.by_when is None:
            yield Finding(
                Check.OUTCOME_NO_DATE, Section.E, f"{name}: say by when.", Severity.SHOULD, outcome.key
            )
        if not outcome.measured_by.strip():
            yield Finding(
                Check.OUTCOME_NO_MEASURE,
                Section.E,
                f"{name}: say how progress will be measured.",
                Severity.SHOULD,
                outcome.key,
            )
        if outcome.key not in provided:
            yield Finding(
                Check.OUTCOME_WITHOUT_PROVISION,
                Section.E,
                f"{name}: no provision in sections F to H is linked to this outcome.",
                Severity.SHOULD,
                outcome.key,
            )
    if context.nc_year >= PFA_FROM_YEAR and not any(o.pfa for o in content.outcomes):
        yield Finding(
            Check.NO_PFA_OUTCOME,
            Section.E,
            f"From Year {PFA_FROM_YEAR}, the plan must include outcomes that prepare the young person for "
            "adulthood: employment, independent living, friends and community, and good health.",
            Severity.MUST,
        )


def _provision(content: PlanContent, context: PlanContext) -> Iterable[Finding]:
    if not content.provision_in(Section.F):
        yield Finding(
            Check.PROVISION_BLANK,
            Section.F,
            "Section F has no provision: say what special educational provision meets each need in B.",
            Severity.MUST,
        )
    outcome_keys = {o.key for o in content.outcomes}
    for section in PROVISION_SECTIONS:
        for item in content.provision_in(section):
            yield from _provision_findings(section, item, outcome_keys)
    if content.needs_in(Section.C).strip() and not content.provision_in(Section.G):
        yield Finding(
            Check.HEALTH_NEEDS_WITHOUT_PROVISION,
            Section.G,
            "Section C describes health needs but section G has no health provision to meet them.",
            Severity.SHOULD,
        )
    if context.age >= H1_UNDER_AGE and content.provision_in(Section.H1):
        yield Finding(
            Check.H1_OVER_18,
            Section.H1,
            "H1 is for children under 18. Move social care provision for a young person aged 18 or over "
            "to H2.",
            Severity.SHOULD,
        )


def _social_care(content: PlanContent, context: PlanContext) -> Iterable[Finding]:
    known = [
        label
        for label, applies in (
            ("looked after", context.looked_after),
            ("a child in need", context.child_in_need),
            ("on a child protection plan", context.child_protection),
        )
        if applies
    ]
    if not known:
        return
    status = " and ".join(known)
    if not content.needs_in(Section.D).strip():
        yield Finding(
            Check.SOCIAL_CARE_NEEDS_MISSING,
            Section.D,
            f"The child is {status}, but section D says nothing about their social care needs. "
            "Ask social care for advice.",
            Severity.MUST,
        )
    if not (content.provision_in(Section.H1) or content.provision_in(Section.H2)):
        yield Finding(
            Check.SOCIAL_CARE_PROVISION_MISSING,
            Section.H2,
            f"The child is {status}, but sections H1 and H2 have no social care provision.",
            Severity.MUST,
        )


def _placement(content: PlanContent, context: PlanContext) -> Iterable[Finding]:
    placement = content.placement
    if not context.final:
        if placement.name.strip():
            yield Finding(
                Check.SETTING_NAMED_IN_DRAFT,
                Section.I,
                "A draft plan must leave the setting's name out: the family may first ask for a school or "
                "college to be named.",
                Severity.SHOULD,
            )
        return
    if context.transfer_year and not placement.name.strip():
        yield Finding(
            Check.TRANSFER_WITHOUT_SETTING,
            Section.I,
            "The child moves to a new phase of education next September: name the school or college they "
            "will go to.",
            Severity.MUST,
        )
    elif placement.is_blank:
        yield Finding(
            Check.SETTING_MISSING,
            Section.I,
            "Section I must name the school, college or other setting and its type, or the type of setting.",
            Severity.MUST,
        )


def _advice(item: AdviceItem, context: PlanContext) -> Iterable[Finding]:
    if item.dated is None:
        yield Finding(
            Check.ADVICE_UNDATED,
            Section.K,
            f"{item.title}: record the date of the advice.",
            Severity.SHOULD,
            item.key,
        )
    if item.assessed_on is None:
        return
    for flag in age_flags(
        assessed_on=item.assessed_on,
        on=context.on,
        reused=item.reused,
        max_age_months=context.max_advice_age_months,
    ):
        if flag.code == "old":
            yield Finding(
                Check.ADVICE_OLD,
                Section.K,
                f"{item.title}: {flag.message}. Ask for up-to-date advice.",
                Severity.MUST,
                item.key,
            )
        elif flag.code == "reused":
            yield Finding(
                Check.ADVICE_REUSED, Section.K, f"{item.title}: {flag.message}.", Severity.SHOULD, item.key
            )


def _personal_budget(content: PlanContent) -> Iterable[Finding]:
    if not content.personal_budget.was_discussed:
        yield Finding(
            Check.NO_PERSONAL_BUDGET_DISCUSSION,
            Section.J,
            "Record that a personal budget was discussed with the family, and what they decided.",
            Severity.SHOULD,
        )


def check(content: PlanContent, context: PlanContext) -> list[Finding]:
    """Every finding for `content`, in section order."""
    findings = [
        *_views(content, context),
        *(
            [
                Finding(
                    Check.NEEDS_BLANK,
                    Section.B,
                    "Section B is blank: describe the child's special educational needs.",
                    Severity.MUST,
                )
            ]
            if not content.needs_in(Section.B).strip()
            else []
        ),
        *_social_care(content, context),
        *_outcomes(content, context),
        *_provision(content, context),
        *_placement(content, context),
        *_personal_budget(content),
        *(finding for item in content.advice for finding in _advice(item, context)),
    ]
    if not context.has_named_officer:
        findings.append(
            Finding(
                Check.NO_NAMED_OFFICER,
                None,
                "Name the council officer responsible for this plan, with their contact details.",
                Severity.MUST,
            )
        )
    order = {section: n for n, section in enumerate(Section)}
    return sorted(findings, key=lambda f: order.get(f.section, len(order)) if f.section else len(order))


def blocking(
    findings: Iterable[Finding], *, blocking_codes: frozenset[str], acknowledged: frozenset[str]
) -> list[Finding]:
    """The findings that stop a final plan being issued: a blocking code, not acknowledged."""
    return [f for f in findings if f.code in blocking_codes and f.key not in acknowledged]


@dataclass(frozen=True, slots=True)
class QualityTally:
    """The area's plan quality from the codes each plan's checks last found: how many plans, how
    many with no finding, how many with each check's finding, and when the checks last ran."""

    plans: int
    clean: int
    by_code: dict[str, int]
    checked_from: date | None
    checked_to: date | None
    unchecked: int


def tally(rows: Iterable[tuple[Iterable[str] | None, date | None]]) -> QualityTally:
    """Count (codes found, day checked) rows, one a plan: the reference for the SQL count in
    plans.measures, which must give the same tally."""
    plans = clean = unchecked = 0
    by_code = dict.fromkeys((check.value for check in CHECKS), 0)
    checked: list[date] = []
    for codes, on in rows:
        plans += 1
        found = set(codes or ())
        clean += not found
        for code in found & by_code.keys():
            by_code[code] += 1
        if on is None:
            unchecked += 1
        else:
            checked.append(on)
    return QualityTally(
        plans, clean, by_code, min(checked, default=None), max(checked, default=None), unchecked
    )
