"""The content of an EHC plan, section by section.

Sources: SEND Regulations 2014 reg. 12 and CFA 2014 s37 (sections A to K, each separately
identified); SEND Code of Practice 2015 paras 9.61-9.69 (provision "detailed and specific and
normally quantified": type, hours, frequency and level of expertise) and 9.95 (personal budgets);
CFA 2014 s37(2)(e) (H1 is for under-18s). See shared/domain/send-rules.md section 3.

Plain values: the plans app stores each section as JSON (`to_data`) and rebuilds these values
(`from_data`) to check, compare and print a plan. Dates are ISO strings in the JSON.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class Section(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H1 = "H1"
    H2 = "H2"
    I = "I"  # noqa: E741 - the regulation's own name for the section
    J = "J"
    K = "K"


SECTION_TITLES = {
    Section.A: "The views, interests and aspirations of the child or young person and their family",
    Section.B: "Special educational needs",
    Section.C: "Health needs related to special educational needs or disability",
    Section.D: "Social care needs related to special educational needs or disability",
    Section.E: "Outcomes",
    Section.F: "Special educational provision",
    Section.G: "Health provision",
    Section.H1: "Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970",
    Section.H2: "Other social care provision",
    Section.I: "The school, college or other setting",
    Section.J: "Personal budget",
    Section.K: "Advice and information",
}
PROVISION_SECTIONS = (Section.F, Section.G, Section.H1, Section.H2)
NEEDS_SECTIONS = (Section.B, Section.C, Section.D)


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    FORTNIGHT = "fortnight"
    HALF_TERM = "half_term"
    TERM = "term"
    MONTH = "month"
    YEAR = "year"


PERIOD_LABELS = {
    Period.DAY: "a day",
    Period.WEEK: "a week",
    Period.FORTNIGHT: "a fortnight",
    Period.HALF_TERM: "a half term",
    Period.TERM: "a term",
    Period.MONTH: "a month",
    Period.YEAR: "a year",
}
# The longest each period can be, in minutes: provision cannot take more time than the period has.
PERIOD_MINUTES = {
    Period.DAY: 24 * 60,
    Period.WEEK: 7 * 24 * 60,
    Period.FORTNIGHT: 14 * 24 * 60,
    Period.HALF_TERM: 8 * 7 * 24 * 60,
    Period.TERM: 16 * 7 * 24 * 60,
    Period.MONTH: 31 * 24 * 60,
    Period.YEAR: 366 * 24 * 60,
}
MAX_TIMES = 1000
MAX_GROUP_SIZE = 60


class PfaArea(StrEnum):
    """The four preparation-for-adulthood areas (CoP 8.9)."""

    EMPLOYMENT = "employment"
    INDEPENDENT_LIVING = "independent_living"
    COMMUNITY = "community"
    HEALTH = "health"


PFA_LABELS = {
    PfaArea.EMPLOYMENT: "Employment and higher education",
    PfaArea.INDEPENDENT_LIVING: "Independent living",
    PfaArea.COMMUNITY: "Friends, relationships and community",
    PfaArea.HEALTH: "Good health",
}


class BudgetOutcome(StrEnum):
    AGREED = "agreed"
    REFUSED = "refused"
    NOT_WANTED = "not_wanted"
    CONSIDERING = "considering"


BUDGET_OUTCOME_LABELS = {
    BudgetOutcome.AGREED: "The family asked for a personal budget and it was agreed",
    BudgetOutcome.REFUSED: "The family asked for a personal budget and it was refused, with reasons",
    BudgetOutcome.NOT_WANTED: "The family did not want a personal budget",
    BudgetOutcome.CONSIDERING: "The family is thinking about it",
}


class BudgetForm(StrEnum):
    """How a personal budget is delivered (SI 2014/1652; send-rules.md section 8)."""

    DIRECT_PAYMENT = "direct_payment"
    ARRANGEMENT = "arrangement"
    THIRD_PARTY = "third_party"


BUDGET_FORM_LABELS = {
    BudgetForm.DIRECT_PAYMENT: "Direct payment",
    BudgetForm.ARRANGEMENT: "Arrangement (a notional budget held by the council, school or college)",
    BudgetForm.THIRD_PARTY: "Third-party arrangement",
}


@dataclass(frozen=True, slots=True)
class Views:
    """Section A: the child's own words ("All about me"), their story, and the family's views."""

    in_my_words: str = ""
    my_story_so_far: str = ""
    what_people_like_about_me: str = ""
    what_is_important_to_me: str = ""
    how_best_to_support_me: str = ""
    my_hopes_for_the_future: str = ""
    family_views: str = ""
    completed_with: str = ""

    @property
    def childs_views(self) -> tuple[str, ...]:
        return (
            self.in_my_words,
            self.my_story_so_far,
            self.what_people_like_about_me,
            self.what_is_important_to_me,
            self.how_best_to_support_me,
            self.my_hopes_for_the_future,
        )

    @property
    def is_blank(self) -> bool:
        return not any(text.strip() for text in (*self.childs_views, self.family_views))


VIEWS_LABELS = {
    "in_my_words": "About me, in my words",
    "my_story_so_far": "My story so far",
    "what_people_like_about_me": "What people like about me",
    "what_is_important_to_me": "What is important to me",
    "how_best_to_support_me": "How best to support me",
    "my_hopes_for_the_future": "My hopes for the future",
    "family_views": "My family's views",
    "completed_with": "Who helped complete this, and how",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    key: str
    text: str
    by_when: date | None = None
    measured_by: str = ""
    pfa: tuple[PfaArea, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a value cannot be saved: the field and a message in the Design System's words."""

    field: str
    message: str


@dataclass(frozen=True, slots=True)
class Provision:
    """One item of provision: what, who delivers it, how often, for how long, in what group,
    from when to when, the outcomes it serves and the advice it comes from."""

    key: str
    what: str
    role: str = ""
    qualification: str = ""
    times: int | None = None
    per: Period | None = None
    minutes: int | None = None
    group_size: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    outcomes: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()

    def problems(self) -> list[Problem]:
        """What makes this item impossible to record (not what makes it weak: see plan_quality)."""
        found = []
        if not self.what.strip():
            found.append(Problem("what", "Enter what the provision is"))
        if self.times is not None and not 1 <= self.times <= MAX_TIMES:
            found.append(Problem("times", f"How often must be a whole number from 1 to {MAX_TIMES:,}"))
        if (self.times is None) != (self.per is None):
            found.append(
                Problem("times", "Enter how many times and choose a day, week, term or other period")
            )
        if self.minutes is not None and not 1 <= self.minutes <= PERIOD_MINUTES[Period.DAY]:
            found.append(Problem("minutes", "How long a session lasts must be from 1 minute to 24 hours"))
        if (
            self.times is not None
            and self.per is not None
            and self.minutes is not None
            and 1 <= self.times <= MAX_TIMES
            and self.times * self.minutes > PERIOD_MINUTES[self.per]
        ):
            found.append(
                Problem(
                    "times",
                    f"{self.times} sessions of {self.minutes} minutes is more time than there is in "
                    f"{PERIOD_LABELS[self.per]}",
                )
            )
        if self.group_size is not None and not 1 <= self.group_size <= MAX_GROUP_SIZE:
            found.append(Problem("group_size", f"Group size must be from 1 to {MAX_GROUP_SIZE}"))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            found.append(Problem("ends_on", "The end date must be the same as or after the start date"))
        return found


@dataclass(frozen=True, slots=True)
class Placement:
    """Section I: the name and type of the setting, or the type only (reg. 12(1)(i))."""

    name: str = ""
    setting_type: str = ""

    @property
    def is_blank(self) -> bool:
        return not (self.name.strip() or self.setting_type.strip())


@dataclass(frozen=True, slots=True)
class PersonalBudget:
    """Section J: that a personal budget was discussed, what was decided, and what it pays for."""

    discussed_on: date | None = None
    outcome: BudgetOutcome | None = None
    forms: tuple[BudgetForm, ...] = ()
    amount_pounds: int | None = None
    covers: str = ""

    @property
    def was_discussed(self) -> bool:
        return self.discussed_on is not None or self.outcome is not None


@dataclass(frozen=True, slots=True)
class AdviceItem:
    """Section K: one piece of advice or information, with its date (CoP 9.62)."""

    key: str
    title: str
    author: str = ""
    dated: date | None = None
    assessed_on: date | None = None
    reused: bool = False


@dataclass(frozen=True, slots=True)
class PlanContent:
    views: Views = field(default_factory=Views)
    needs: Mapping[Section, str] = field(default_factory=dict)
    outcomes: tuple[Outcome, ...] = ()
    provision: Mapping[Section, tuple[Provision, ...]] = field(default_factory=dict)
    placement: Placement = field(default_factory=Placement)
    personal_budget: PersonalBudget = field(default_factory=PersonalBudget)
    advice: tuple[AdviceItem, ...] = ()

    def needs_in(self, section: Section) -> str:
        return self.needs.get(section, "")

    def provision_in(self, section: Section) -> tuple[Provision, ...]:
        return tuple(self.provision.get(section, ()))

    def all_provision(self) -> list[tuple[Section, Provision]]:
        return [(section, item) for section in PROVISION_SECTIONS for item in self.provision_in(section)]


# JSON, one dict per section, as the plans app stores it.

_ENUMS: dict[str, Any] = {"per": Period, "outcome": BudgetOutcome}
_ENUM_TUPLES: dict[str, Any] = {"pfa": PfaArea, "forms": BudgetForm}
_DATES = {"by_when", "starts_on", "ends_on", "discussed_on", "dated", "assessed_on"}


def _value_from(name: str, raw: Any) -> Any:
    if raw in (None, ""):
        return None if name in _DATES or name in _ENUMS else raw
    if name in _DATES:
        return date.fromisoformat(raw)
    if name in _ENUMS:
        return _ENUMS[name](raw)
    if name in _ENUM_TUPLES:
        return tuple(_ENUM_TUPLES[name](v) for v in raw)
    if isinstance(raw, list):
        return tuple(raw)
    return raw


def _build[T: DataclassInstance](cls: type[T], data: Mapping[str, Any]) -> T:
    known = {f.name for f in fields(cls)}
    return cls(**{k: _value_from(k, v) for k, v in data.items() if k in known})


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def as_dict(value: "DataclassInstance") -> dict[str, Any]:
    return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}


def provision_from(data: Mapping[str, Any]) -> Provision:
    return _build(Provision, data)


def outcome_from(data: Mapping[str, Any]) -> Outcome:
    return _build(Outcome, data)


def advice_item_from(data: Mapping[str, Any]) -> AdviceItem:
    return _build(AdviceItem, data)


def from_data(sections: Mapping[str, Mapping[str, Any]]) -> PlanContent:
    """A plan's content from its stored sections (missing sections are blank)."""

    def of(section: Section) -> Mapping[str, Any]:
        return sections.get(section.value) or {}

    return PlanContent(
        views=_build(Views, of(Section.A)),
        needs={s: of(s).get("text", "") for s in NEEDS_SECTIONS},
        outcomes=tuple(outcome_from(o) for o in of(Section.E).get("items", [])),
        provision={
            s: tuple(provision_from(p) for p in of(s)["items"])
            for s in PROVISION_SECTIONS
            if of(s).get("items")
        },
        placement=_build(Placement, of(Section.I)),
        personal_budget=_build(PersonalBudget, of(Section.J)),
        advice=tuple(advice_item_from(a) for a in of(Section.K).get("items", [])),
    )


def to_data(content: PlanContent) -> dict[str, dict[str, Any]]:
    """The stored form of every section of `content`."""
    data: dict[str, dict[str, Any]] = {
        Section.A: as_dict(content.views),
        Section.E: {"items": [as_dict(o) for o in content.outcomes]},
        Section.I: as_dict(content.placement),
        Section.J: as_dict(content.personal_budget),
        Section.K: {"items": [as_dict(a) for a in content.advice]},
    }
    for section in NEEDS_SECTIONS:
        data[section] = {"text": content.needs_in(section)}
    for section in PROVISION_SECTIONS:
        data[section] = {"items": [as_dict(p) for p in content.provision_in(section)]}
    return {str(k): v for k, v in data.items()}


def with_item(items: list[dict[str, Any]], item: dict[str, Any]) -> list[dict[str, Any]]:
    """`items` with `item` replacing the one with its key, or added at the end."""
    replaced = [item if existing.get("key") == item["key"] else existing for existing in items]
    return replaced if any(existing.get("key") == item["key"] for existing in items) else [*items, item]


def without_item(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return [existing for existing in items if existing.get("key") != key]


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def who_text(item: Provision) -> str:
    if item.role and item.qualification:
        return f"{item.role} ({item.qualification})"
    return item.role or "Not stated"


def how_often_text(item: Provision) -> str:
    if item.times is None or item.per is None:
        return "Not stated"
    times = "once" if item.times == 1 else "twice" if item.times == 2 else f"{item.times} times"
    return f"{times} {PERIOD_LABELS[item.per]}"


def how_long_text(item: Provision) -> str:
    if item.minutes is None:
        return "Not stated"
    hours, minutes = divmod(item.minutes, 60)
    parts = ([f"{hours} hour" + ("s" if hours != 1 else "")] if hours else []) + (
        [f"{minutes} minute" + ("s" if minutes != 1 else "")] if minutes else []
    )
    return " ".join(parts) + " a session"


def group_text(item: Provision) -> str:
    if item.group_size is None:
        return "Not stated"
    return "One-to-one" if item.group_size == 1 else f"A group of up to {item.group_size}"


def dates_text(item: Provision) -> str:
    if item.starts_on and item.ends_on:
        return f"From {_day(item.starts_on)} to {_day(item.ends_on)}"
    if item.starts_on:
        return f"From {_day(item.starts_on)}"
    if item.ends_on:
        return f"Until {_day(item.ends_on)}"
    return "Not stated"


def describe(item: Provision) -> str:
    """One line that says everything about an item, for comparing versions."""
    return (
        f"{item.what}. Who: {who_text(item)}. How often: {how_often_text(item)}. "
        f"How long: {how_long_text(item)}. Group: {group_text(item)}. When: {dates_text(item)}."
    )


def describe_outcome(outcome: Outcome) -> str:
    parts = [outcome.text]
    if outcome.by_when:
        parts.append(f"By {_day(outcome.by_when)}")
    if outcome.measured_by:
        parts.append(f"Measured by: {outcome.measured_by}")
    if outcome.pfa:
        parts.append("Preparing for adulthood: " + ", ".join(PFA_LABELS[a] for a in outcome.pfa))
    return ". ".join(parts)


_COUNT_WORDS = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PERIOD_WORDS = {
    "day": Period.DAY,
    "week": Period.WEEK,
    "fortnight": Period.FORTNIGHT,
    "half term": Period.HALF_TERM,
    "half-term": Period.HALF_TERM,
    "term": Period.TERM,
    "month": Period.MONTH,
    "year": Period.YEAR,
}
_ADVERBS = {
    "daily": Period.DAY,
    "weekly": Period.WEEK,
    "fortnightly": Period.FORTNIGHT,
    "monthly": Period.MONTH,
    "termly": Period.TERM,
    "annually": Period.YEAR,
    "yearly": Period.YEAR,
}
_TIMES = re.compile(
    r"\b(\d+|once|twice|one|two|three|four|five|six)(?:\s+times?)?\s+(?:a|per|each|every)\s+"
    r"(half[ -]term|day|week|fortnight|term|month|year)\b",
    re.IGNORECASE,
)
_ADVERB = re.compile(r"\b(" + "|".join(_ADVERBS) + r")\b", re.IGNORECASE)
_MINUTES = re.compile(r"\b(\d+)\s*(?:minutes?|mins?)\b", re.IGNORECASE)
_HOURS = re.compile(r"\b(\d+(?:\.\d+)?|an?|one|half an)\s*hours?\b", re.IGNORECASE)


def read_frequency(text: str) -> tuple[int, Period] | None:
    """How often, from an adviser's words ("3 times a week", "twice a term", "weekly"), or None
    when the words do not say."""
    match = _TIMES.search(text)
    if match:
        count = match.group(1).lower()
        times = int(count) if count.isdigit() else _COUNT_WORDS[count]
        return times, _PERIOD_WORDS[match.group(2).lower().replace("-", " ")]
    adverb = _ADVERB.search(text)
    return (1, _ADVERBS[adverb.group(1).lower()]) if adverb else None


def read_minutes(text: str) -> int | None:
    """How long a session lasts, from words such as "30 minutes", "1.5 hours" or "an hour"."""
    minutes = _MINUTES.search(text)
    hours = _HOURS.search(text)
    total = 0
    if hours:
        amount = hours.group(1).lower()
        total += (
            30 if amount == "half an" else 60 if amount in ("a", "an", "one") else round(float(amount) * 60)
        )
    if minutes:
        total += int(minutes.group(1))
    return total or None
