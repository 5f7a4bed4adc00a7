"""Area SEND inspection reports read into structured findings.

Sources: Ofsted and CQC, "Joint local area SEND inspections: framework and handbook" (2016-2022:
initial inspections, revisits, written statements of action, significant weaknesses, strengths and
areas for development under three headings) and "Area SEND inspections: framework and handbook"
(from January 2023: the three inspection outcomes, what the partnership does that is effective and
what it needs to do better, areas for improvement and for priority action with the bodies
responsible, monitoring inspections). The parser keys on the headings and set phrases the two
frameworks prescribe, never on an area's name or wording, and takes plain text only: the app turns
a PDF into text first, so text and PDF reports go through the same rules.
"""

from tellonce.domain.inspection.findings import (
    Framework,
    InspectionFindings,
    Item,
    Judgement,
    Kind,
    NotAnInspectionReport,
    Outcome,
)
from tellonce.domain.inspection.parse import parse_report

__all__ = [
    "Framework",
    "InspectionFindings",
    "Item",
    "Judgement",
    "Kind",
    "NotAnInspectionReport",
    "Outcome",
    "parse_report",
]
