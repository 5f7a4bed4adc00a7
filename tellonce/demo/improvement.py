"""The demo area's last inspection and the improvement plan that answers it: a 2023-framework
report for the demo area, read by the same importer a council uses, turned into priorities with
aims, actions owned across the partnership, a year of ratings, progress, impact and worries, and
live measures cited. Uses its own random generator so the other modules' demo data never moves."""

import random
from datetime import timedelta

from tellonce.accounts.actors import Actor
from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.domain.inspection import parse_report
from tellonce.improvement import services
from tellonce.improvement.importing import details_from_json, rows_from_json
from tellonce.improvement.models import Update

STEP = 210

REPORT = """Area SEND inspection of {area} Local Area Partnership

Inspection dates: {start:%-d %B %Y} to {end:%-d %B %Y}
Dates of previous inspection: 6 to 10 March 2017

Inspection outcome

The local area partnership's arrangements lead to inconsistent experiences and outcomes for children and young people with special educational needs and/or disabilities (SEND). The local area partnership must work jointly to make improvements.

What is the area partnership doing that is effective?

◼ Leaders know their area well and have co-produced their SEND strategy with the parent carer forum, children and young people.
◼ Early years settings identify needs early; health visitors and early years advisers share what they find.
◼ Children in care with SEND have their needs identified and met well through the virtual school.

What does the area partnership need to do better?

◼ Too many EHC plans are issued late, and some are finalised without health or social care advice.
◼ Children and young people wait too long for speech and language therapy and neurodevelopmental assessments, with too little support while they wait.
◼ Annual reviews are not always completed on time, and amendments to plans take too long.

Areas for improvement

Leaders across education, health and care should improve the timeliness and quality of EHC plans, including the contribution of health and social care advisers.

Leaders in health should reduce waiting times for speech and language therapy and neurodevelopmental assessments and make sure that families receive support while they wait.

Leaders across the partnership should make sure that annual reviews are held on time and that amended plans are issued within the statutory timescale.
"""

AIMS = [
    "Every child's EHC plan is issued within 20 weeks, with health and care advice received on time.",
    "Children wait less for therapy and assessment, and every family waiting knows what support they can have.",
    "Annual reviews happen on time and amended plans reach families within 4 weeks.",
]
ACTIONS = [
    [
        ("Weekly tracking of every open assessment at the SEND panel", "manager", "", 60),
        ("Agree a 6-week advice standard with health providers", "dco", "NHS Northbridge ICB", 120),
        ("Train coordinators in writing outcomes with families", "quality", "", -30),
    ],
    [
        ("Commission extra speech and language therapy sessions", "dco", "Northbridge Community Health", 90),
        ("Publish a 'while you wait' offer on the Local Offer", "manager", "Parent carer forum", -10),
    ],
    [
        ("Move annual review paperwork to one online form", "quality", "", 45),
        ("Report annual reviews on time to the partnership board each month", "manager", "", -45),
    ],
]
PROGRESS = [
    "Tracking meeting set up and running weekly",
    "New quality assurance audit of 20 plans completed",
    "Health providers agreed the advice standard in principle",
    "Waiting list validated; families contacted",
    "Parent carer forum reviewed the draft offer",
]
IMPACT = [
    "More plans issued on time than last quarter",
    "Families report clearer letters",
    "Fewer advice requests returned late",
]
WORRIES = ["Recruitment of therapists remains difficult", "Demand for assessments keeps rising"]
NEXT_STEPS = [
    "Review the advice standard with providers in three months",
    "Share the audit findings with schools",
]
KINDS = [
    (Update.Kind.PROGRESS, PROGRESS),
    (Update.Kind.IMPACT, IMPACT),
    (Update.Kind.WORRY, WORRIES),
    (Update.Kind.NEXT_STEP, NEXT_STEPS),
]
MEASURES = [
    ["assessments.plans_within_20_weeks", "advice.health_within_6_weeks"],
    ["advice.within_6_weeks"],
    [],
]


@demo_step(name="inspection and improvement plan", order=STEP)
def inspection_and_plan(area: DemoArea, _shared: random.Random, progress: Progress) -> None:
    rng = random.Random(area.seed * 1000 + STEP)
    la = area.local_authority
    start = area.today - timedelta(days=420 + rng.randrange(30))
    start -= timedelta(days=start.weekday())
    report = REPORT.format(area=la.name.removesuffix(" Council"), start=start, end=start + timedelta(days=4))
    found = parse_report(report, document_date=start + timedelta(days=40)).as_json()
    manager = area.staff["manager"]
    actor = Actor.command(manager, "demo")
    inspection = services.save_inspection(
        by=actor,
        local_authority=la,
        details=details_from_json(found),
        findings=rows_from_json(found),
        extracted=found,
        source_name="area-send-inspection.pdf",
    )
    plan = services.create_plan(inspection, by=actor)
    updates = []
    for priority, aim, actions, measures in zip(plan.priorities.all(), AIMS, ACTIONS, MEASURES, strict=True):
        services.edit_priority(priority, by=actor, expected_version=1, changes={"aim": aim, "lead": manager})
        for text, owner, partner, days in actions:
            action = services.add_action(
                priority,
                by=actor,
                text=text,
                owner=area.staff[owner],
                partner_agency=partner,
                due_on=area.today + timedelta(days=days),
            )
            if days < 0 and rng.random() < 0.5:
                services.update_action(
                    action, by=actor, expected_version=1, status="complete", note="", on=action.due_on
                )
        rag = "red"
        said = {kind: rng.sample(texts, len(texts)) for kind, texts in KINDS}
        for month in range(12, -1, -3):
            day = area.today - timedelta(days=30 * month + rng.randrange(10))
            rag = {"red": rng.choice(["red", "amber"]), "amber": rng.choice(["amber", "green"])}.get(rag, rag)
            services.rate(priority, by=actor, rag=rag, on=day, reason="Reviewed at the partnership board")
            for kind, _ in KINDS:
                if said[kind] and rng.random() < 0.6:
                    text = said[kind].pop()
                    updates.append(
                        Update(priority=priority, kind=kind, text=text, recorded_on=day, recorded_by=manager)
                    )
        for key in measures:
            services.cite_measure(priority, by=actor, key=key)
    Update.objects.bulk_create(updates)
    _withdraw_one(plan, actor, area)
    _monitoring_visit(plan, actor, area)
    progress.say(
        f"inspection imported; plan with {plan.priorities.count()} priorities, {len(updates)} updates"
    )


def _withdraw_one(plan, actor: Actor, area: DemoArea) -> None:
    """A duplicate action merged into the one the board kept."""
    first = plan.priorities.order_by("number").first()
    kept = first.actions.get(text=ACTIONS[0][1][0])
    twin = services.add_action(
        first,
        by=actor,
        text="Agree an advice deadline with each health provider separately",
        owner=area.staff["dco"],
        partner_agency="NHS Northbridge ICB",
        due_on=area.today + timedelta(days=20),
    )
    services.withdraw_action(
        twin,
        by=actor,
        today=area.today - timedelta(days=14),
        expected_version=1,
        reason="merged",
        merged_into=kept,
        note="One standard agreed with all providers at once",
    )


def _monitoring_visit(plan, actor: Actor, area: DemoArea) -> None:
    """A monitoring visit two months ago whose findings were matched to the plan's priorities."""
    visited = area.today - timedelta(days=60)
    priorities = list(plan.priorities.order_by("number")[:2])
    inspection = services.save_inspection(
        by=actor,
        local_authority=plan.local_authority,
        details={
            "area": plan.inspection.area if plan.inspection else "",
            "framework": "2023",
            "kind": "monitoring",
            "outcome": "unknown",
            "written_statement_required": None,
            "letter_date": visited + timedelta(days=20),
            "inspection_start": visited,
            "inspection_end": visited + timedelta(days=1),
        },
        findings=[
            {
                "kind": "area_for_improvement",
                "heading": "",
                "text": p.title,
                "responsible": "",
                "sufficient_progress": n == 0,
            }
            for n, p in enumerate(priorities)
        ],
        extracted={},
        source_name="monitoring-visit.pdf",
    )
    services.update_plan_from_inspection(
        inspection,
        plan,
        by=actor,
        today=visited + timedelta(days=25),
        matches=services.suggested_matches(inspection, plan),
    )
