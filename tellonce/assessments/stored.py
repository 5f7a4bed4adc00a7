"""What the caseload pages filter, count, sort and page on, kept on each assessment (ADR 0077):
its stage and its next statutory step with the day it is due, as domain.assessment.clock gives
them. They follow from the case's own dates alone (not from today), so they are worked out when
the case is written: `keep` on a case about to be inserted in bulk (imports), a receiver after
every save (services write through save() or save_versioned, which sends post_save), and
`rebuild` after bulk writes that send no signal (the demo) and from
`tellonce rebuild-plan-schedule`. "Overdue" and "due soon" are compared with today on the page."""

from collections.abc import Callable
from datetime import date

from tellonce.assessments.models import FACT_COLUMNS, AssessmentRequest, facts_from
from tellonce.domain import assessment as rules

BATCH = 2000
FIELDS = ("stage", "next_step", "next_step_due")


def expected(values: tuple) -> tuple[str, str, date | None]:
    """A case's stage, next step and its due date from the plain values of FACT_COLUMNS."""
    facts = facts_from(values)
    clock = rules.clock(facts, facts.start)  # the stage and the next deadline do not depend on today
    step = clock.next_deadline
    return clock.stage.value, step.title if step else "", step.due if step else None


def keep(case: AssessmentRequest) -> None:
    """Sets the kept values on `case` from its own dates (before a bulk insert)."""
    case.stage, case.next_step, case.next_step_due = expected(
        tuple(getattr(case, column) for column in FACT_COLUMNS)
    )


def refresh(cases) -> int:
    """Works out again and writes the kept values of `cases` (an AssessmentRequest QuerySet) that
    differ; the case's `version` (edit conflicts) is not touched. Returns how many changed."""
    changed = []
    for pk, *values in cases.order_by().values_list("pk", *FACT_COLUMNS, *FIELDS):
        want = expected(tuple(values[: len(FACT_COLUMNS)]))
        if want != tuple(values[len(FACT_COLUMNS) :]):
            changed.append(AssessmentRequest(pk=pk, **dict(zip(FIELDS, want, strict=True))))
    AssessmentRequest.objects.bulk_update(changed, FIELDS, batch_size=500)
    return len(changed)


def rebuild(*, say: Callable[[int, int], None] = lambda done, total: None) -> int:
    """Every case's kept values, BATCH at a time; `say(done, total)` after each batch."""
    ids = list(AssessmentRequest.objects.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), BATCH):
        changed += refresh(AssessmentRequest.objects.filter(pk__in=ids[start : start + BATCH]))
        say(min(start + BATCH, len(ids)), len(ids))
    return changed
