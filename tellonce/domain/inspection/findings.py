"""What an inspection report says, as values: the JSON shape documented in docs/inspection-import.md."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class NotAnInspectionReport(Exception):
    """The text is not an Ofsted and CQC area SEND inspection report, or has no findings in it."""


class Framework(StrEnum):
    OLD = "2016"  # joint local area SEND inspections, May 2016 to 2022
    NEW = "2023"  # area SEND inspections of local area partnerships, from January 2023


class Kind(StrEnum):
    INITIAL = "initial"  # 2016 framework: the inspection itself
    REVISIT = "revisit"  # 2016 framework: progress on each significant weakness
    FULL = "full"  # 2023 framework
    MONITORING = "monitoring"  # 2023 framework: progress on the areas for priority action


class Outcome(StrEnum):
    WRITTEN_STATEMENT_REQUIRED = "written_statement_required"
    NO_WRITTEN_STATEMENT = "no_written_statement"
    SUFFICIENT_PROGRESS = "sufficient_progress"
    INSUFFICIENT_PROGRESS = "insufficient_progress"
    POSITIVE = "positive"  # "typically lead to positive experiences and outcomes"
    INCONSISTENT = "inconsistent"  # "lead to inconsistent experiences and outcomes"
    WIDESPREAD_FAILINGS = "widespread_failings"  # "widespread and/or systemic failings"
    UNKNOWN = "unknown"


HEADINGS = ("identifying", "meeting", "improving")  # the three 2016-2022 headings


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    responsible: str = ""


@dataclass(frozen=True, slots=True)
class Judgement:
    weakness: str
    sufficient_progress: bool


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date
    end: date


@dataclass
class InspectionFindings:
    framework: Framework
    kind: Kind
    area: str = ""
    letter_date: date | None = None
    inspection_dates: DateRange | None = None
    previous_inspection_dates: DateRange | None = None
    outcome: Outcome = Outcome.UNKNOWN
    written_statement_required: bool | None = None
    significant_weaknesses: list[str] = field(default_factory=list)
    revisit_judgements: list[Judgement] = field(default_factory=list)
    main_findings: list[str] = field(default_factory=list)
    strengths: dict[str, list[str]] = field(default_factory=lambda: {h: [] for h in HEADINGS})
    areas_for_development: dict[str, list[str]] = field(default_factory=lambda: {h: [] for h in HEADINGS})
    effective: list[str] = field(default_factory=list)
    needs_to_do_better: list[str] = field(default_factory=list)
    areas_for_improvement: list[Item] = field(default_factory=list)
    areas_for_priority_action: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def has_findings(self) -> bool:
        lists = [
            self.significant_weaknesses,
            self.revisit_judgements,
            self.effective,
            self.needs_to_do_better,
            self.areas_for_improvement,
            self.areas_for_priority_action,
            *self.strengths.values(),
            *self.areas_for_development.values(),
        ]
        return any(lists)

    def as_json(self) -> dict[str, Any]:
        def span(r: DateRange | None) -> dict[str, str] | None:
            return None if r is None else {"start": r.start.isoformat(), "end": r.end.isoformat()}

        return {
            "area": self.area,
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "inspection_dates": span(self.inspection_dates),
            "previous_inspection_dates": span(self.previous_inspection_dates),
            "framework": str(self.framework),
            "kind": str(self.kind),
            "outcome": str(self.outcome),
            "written_statement_required": self.written_statement_required,
            "significant_weaknesses": list(self.significant_weaknesses),
            "revisit_judgements": [
                {"weakness": j.weakness, "sufficient_progress": j.sufficient_progress}
                for j in self.revisit_judgements
            ],
            "main_findings": list(self.main_findings),
            "strengths": {h: list(v) for h, v in self.strengths.items()},
            "areas_for_development": {h: list(v) for h, v in self.areas_for_development.items()},
            "effective": list(self.effective),
            "needs_to_do_better": list(self.needs_to_do_better),
            "areas_for_improvement": [
                {"text": i.text, "responsible": i.responsible} for i in self.areas_for_improvement
            ],
            "areas_for_priority_action": [
                {"text": i.text, "responsible": i.responsible} for i in self.areas_for_priority_action
            ],
            "notes": list(self.notes),
        }
