"""EHC plans and their annual reviews in the import-cases file and the export-cases output
(docs/import-format.md, section "Plans and reviews").

The assessments interchange reads the file's children and assessments and hands them here:
`parse_plans` checks the plans with the same checker, so every problem in the file is reported at
once, and `write_plans` writes them inside the import's transaction. A plan from another system is
a Plan with one issued final version holding only its date (source "imported", the twelve sections
empty); its reviews keep their amendment dates on the review itself. `plan_records` writes plans
back out with their next review and any phase-transfer deadline as the review schedule shows
them, and each review's clock, as at a day: all computed by domain.reviews.
"""

from tellonce.interchange.plans.exporting import (
    child_ref,
    placement_rows,
    plan_records,
    plan_rows,
    plans_to_export,
    review_rows,
)
from tellonce.interchange.plans.reading import parse_plans
from tellonce.interchange.plans.writing import write_plans

__all__ = [
    "parse_plans",
    "placement_rows",
    "child_ref",
    "plan_records",
    "plan_rows",
    "plans_to_export",
    "review_rows",
    "write_plans",
]
