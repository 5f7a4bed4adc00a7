"""What changed between two versions of an EHC plan, section by section.

Source: SEND Code of Practice 2015 paras 9.77-9.79 (only changes from the family's
representations or the placement may differ between draft and final; other changes mean a new
draft) and reg. 22 (proposed amendments are set out for the family). Items are matched by their
key, so a changed item shows as changed, not as one removed and another added.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from tellonce.domain.plan_content import (
    BUDGET_FORM_LABELS,
    BUDGET_OUTCOME_LABELS,
    NEEDS_SECTIONS,
    PROVISION_SECTIONS,
    VIEWS_LABELS,
    AdviceItem,
    PersonalBudget,
    PlanContent,
    Section,
    describe,
    describe_outcome,
)


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Change:
    section: Section
    what: str
    kind: ChangeKind
    before: str = ""
    after: str = ""


def _compare(section: Section, what: str, before: str, after: str) -> Iterable[Change]:
    if before == after:
        return
    if not before:
        yield Change(section, what, ChangeKind.ADDED, after=after)
    elif not after:
        yield Change(section, what, ChangeKind.REMOVED, before=before)
    else:
        yield Change(section, what, ChangeKind.CHANGED, before, after)


def _keyed(
    section: Section, label: str, old: Iterable[Any], new: Iterable[Any], text: Callable[[Any], str]
) -> Iterable[Change]:
    old_by_key = {item.key: item for item in old}
    new_by_key = {item.key: item for item in new}
    for key in [*old_by_key, *(k for k in new_by_key if k not in old_by_key)]:
        before = text(old_by_key[key]) if key in old_by_key else ""
        after = text(new_by_key[key]) if key in new_by_key else ""
        name = new_by_key.get(key) or old_by_key[key]
        yield from _compare(section, f"{label}: {_name(name)}", before, after)


def _name(item: Any) -> str:
    for attribute in ("what", "title", "text"):
        value = getattr(item, attribute, "")
        if value:
            return value if len(value) <= 80 else value[:79] + "…"
    return "an item"


def _advice_text(item: AdviceItem) -> str:
    parts = [item.title, item.author, item.dated.isoformat() if item.dated else "undated"]
    if item.reused:
        parts.append("reused")
    return ", ".join(p for p in parts if p)


def _budget_text(budget: PersonalBudget) -> dict[str, str]:
    return {
        "Discussed on": budget.discussed_on.isoformat() if budget.discussed_on else "",
        "Outcome": BUDGET_OUTCOME_LABELS[budget.outcome] if budget.outcome else "",
        "How it is paid": ", ".join(BUDGET_FORM_LABELS[f] for f in budget.forms),
        "Amount a year": f"£{budget.amount_pounds:,}" if budget.amount_pounds is not None else "",
        "What it pays for": budget.covers,
    }


def changes(old: PlanContent, new: PlanContent) -> list[Change]:
    """Every difference between `old` and `new`, in section order."""
    found: list[Change] = []
    for f in fields(old.views):
        found += _compare(
            Section.A, VIEWS_LABELS[f.name], getattr(old.views, f.name), getattr(new.views, f.name)
        )
    for section in NEEDS_SECTIONS:
        found += _compare(section, "Needs", old.needs_in(section), new.needs_in(section))
    found += _keyed(Section.E, "Outcome", old.outcomes, new.outcomes, describe_outcome)
    for section in PROVISION_SECTIONS:
        found += _keyed(section, "Provision", old.provision_in(section), new.provision_in(section), describe)
    found += _compare(Section.I, "Setting", old.placement.name, new.placement.name)
    found += _compare(Section.I, "Type of setting", old.placement.setting_type, new.placement.setting_type)
    old_budget, new_budget = _budget_text(old.personal_budget), _budget_text(new.personal_budget)
    for label in old_budget:
        found += _compare(Section.J, label, old_budget[label], new_budget[label])
    found += _keyed(Section.K, "Advice", old.advice, new.advice, _advice_text)
    return found
