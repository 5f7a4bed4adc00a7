"""Fails when a view, API or presenter module reaches a child-bearing model other than through
its scope (`visible_to(user)`, `editable_by(user)`, `within_scope(user, capability)`...), after NHS manage-breast-screening's
lint_model_usage_in_views. Run by `make lint`."""

import re
import sys
from pathlib import Path

SENSITIVE = (
    "Child",
    "FamilyMember",
    "ConsentRecord",
    "AllAboutMe",
    "ProfessionalInvolvement",
    "TimelineEvent",
    "AssessmentRequest",
    "AdviceRequest",
    "TimescaleException",
    "SettingConsultation",
    "Submission",
    "Document",
    "Plan",
    "PlanVersion",
    "PlanSection",
    "PlanComment",
    "FindingAcknowledgement",
    "AnnualReview",
    "Ceasing",
    "PlanMove",
    "OnlineReferral",
    "AccountInvitation",
    "OnlineRequest",
    "RequestDocument",
    "PanelCase",
    "PanelDecision",
    "Paper",
    "Mediation",
    "Appeal",
    "TribunalOrder",
    "Notification",
    "CensusRecord",
    "Attendance",
    "Episode",
    "InclusionAction",
    "UnmatchedCensusRow",
    "Cycle",
    # Provision delivery
    "Commitment",
    "DeliveryRecord",
    "FamilyReport",
    "FollowUp",
)
ALLOWED = re.compile(
    r"\.objects\.(visible_to|editable_by|within_scope|within_scope_by_key|in_force_within_scope|answerable_by|for_setting|triaged_by|of_children_visible_to|figures_for)\("
)
USE = re.compile(r"\b(" + "|".join(SENSITIVE) + r")\.objects\b")


def problems(root: Path) -> list[str]:
    found = []
    for path in sorted(root.glob("tellonce/**/*.py")):
        if path.name not in ("views.py", "api.py", "presenters.py") and "views" not in path.parts:
            continue
        rel = path.relative_to(root).as_posix()
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for match in USE.finditer(line):
                rest = line[match.start() :]
                if ALLOWED.match(rest[len(match.group(1)) :]):
                    continue
                found.append(f"{rel}:{number}: {match.group(1)}.objects used without visible_to/editable_by")
    return found


if __name__ == "__main__":
    errors = problems(Path(__file__).resolve().parents[1])
    print("\n".join(errors) or "View scoping: every child-bearing query in views and API modules is scoped.")
    sys.exit(1 if errors else 0)
