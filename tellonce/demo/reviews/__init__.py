"""Five years of annual reviews for the demo area's plans, as late and as patchily attended as the
seed letters found them.

Each plan is reviewed about every 12 months from its making: most meetings fall before the due
date, some weeks or months after it, a few a year late (seed 000); 44% of decisions reach the
family within 4 weeks of the meeting, as nationally in 2024 (send-rules.md section 11, 44.4%).
Education nearly always comes; health and social care seldom, sometimes sending advice instead
(seed 004). Progress is recorded against the outcomes of the plan in force at the meeting;
preparing for adulthood is discussed at most reviews from Year 9, and most Year 11 and Year 13
reviews record the next step. Decisions are mostly to keep the plan, often to amend it (some
amendments finished late, some still open), sometimes to cease it. This year's phase-transfer
reviews are held in the autumn. Plans that should have been ceased are left in force, as seed 004
found about 600: young people past the age limit (the foundation's oldest), some who left
education with no return planned, plans not reviewed for more than 2 years (one seed found three),
and families moving away; a few plans arrive from other councils.

Amendments written in the last few months are plan versions (a proposed amendment, then the
amended plan), so the plan pages show them; older ones keep their dates on the review, as history
imported from the council's previous system would. The plans step's own amendments are linked to
the review that asked for them."""

import random

from tellonce.assessments import stored as assessment_stored
from tellonce.demo.reviews.builder import Builder
from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.reviews import stored
from tellonce.reviews.models import AnnualReview

OWN_SEED = 6


@demo_step(name="annual reviews", order=115)
def annual_reviews(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    b = Builder(area, random.Random(area.seed * 1000 + OWN_SEED))
    for n, plan in enumerate(b.plans, 1):
        b.walk(plan)
        if n % 1000 == 0:
            progress.count("annual reviews", n, len(b.plans))
    b.consider_ceasing()
    b.open_reviews_at_sencos_schools()
    counts = b.write()
    reviews = b.rows[AnnualReview]
    open_now = sum(1 for r in reviews if r.get("held_on") and not r.get("decision_notified_on"))
    progress.say(
        f"{len(reviews):,} reviews of {len(b.plans):,} plans ({open_now:,} under way), "
        f"{counts['ReviewAttendance']:,} invitations, {counts['OutcomeProgress']:,} outcomes reviewed, "
        f"{counts['versions']:,} amendment versions, {counts['Ceasing']:,} ceasings, "
        f"{counts['PlanMove']:,} moves between councils"
    )


@demo_step(name="stored plan schedule", order=119)
def stored_plan_schedule(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    """The steps write their rows in bulk, without signals: work out what each plan keeps for the
    list pages once every plan, review, move, appeal and ceasing is written (up to step 118, ADR
    0076), before the steps that read plans in force from it (delivery, audits). Later steps
    change plans only through services, which keep the stored values themselves."""
    changed = stored.rebuild(today=area.today, say=lambda done, total: progress.count("plans", done, total))
    progress.say(f"stored schedule of every plan worked out ({changed:,} rows written)")
    # and each assessment's stage and next step for the caseload pages (ADR 0077)
    changed = assessment_stored.rebuild(say=lambda done, total: progress.count("assessments", done, total))
    progress.say(f"stored next step of every assessment worked out ({changed:,} rows written)")
