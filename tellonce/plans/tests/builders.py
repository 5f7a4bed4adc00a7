"""Plans built the way a coordinator builds them, through the services: an assessment with advice
accepted, a plan started from it, and a well-written plan that the checks find nothing in."""

from dataclasses import replace
from datetime import date, timedelta

from tellonce.advice import services as advice_services
from tellonce.assessments import services as case_services
from tellonce.conftest import acting
from tellonce.domain import plan_content as pc
from tellonce.domain.plan_content import Section
from tellonce.people.models import AllAboutMe
from tellonce.plans import services
from tellonce.plans.models import Kind, PlanVersion

TODAY = date(2026, 11, 22)


def assessed_case(area, today: date = TODAY):
    """A request 16 weeks ago, a decision to assess and speech and language therapy advice, accepted."""
    by = area.users["coordinator"]
    received, decided = today - timedelta(days=111), today - timedelta(days=76)
    advice_asked, advice_given = today - timedelta(days=75), today - timedelta(days=47)
    case = case_services.record_request(
        area.child, by=acting(by), received_on=received, requested_by="parent", today=today
    )
    case_services.decide_to_assess(case, by=acting(by), notified_on=decided, expected_version=1, today=today)
    therapist = area.users["therapist asked to help"]
    advice = case_services.request_advice(
        case,
        by=acting(by),
        service="speech_and_language_therapy",
        team=therapist.team,
        requested_on=advice_asked,
    )
    advice_services.submit_advice(
        advice,
        by=acting(therapist),
        expected_version=advice.version,
        needs="Difficulty following instructions",
        outcomes="To follow two-step instructions",
        assessed_on=today - timedelta(days=54),
        provision=[
            {
                "what": "Language group",
                "who": "Teaching assistant trained by the SLT",
                "how_often": "3 times a week",
                "how_long": "20 minutes",
            }
        ],
        files=[],
        today=advice_given,
    )
    advice.refresh_from_db()
    advice_services.accept_advice(advice, by=acting(by), expected_version=advice.version, today=advice_given)
    case.refresh_from_db()
    return case


def all_about_me(child) -> AllAboutMe:
    return AllAboutMe.objects.create(
        child=child,
        in_my_words="I like trains and swimming.",
        what_people_like_about_me="I am kind.",
        what_is_important_to_me="Knowing what happens next.",
        how_best_to_support_me="Show me pictures.",
        my_hopes_for_the_future="To drive trains.",
        family_views="We want Sam to make friends.",
        completed_with="With mum at home, using pictures",
    )


def started_plan(area, today: date = TODAY):
    all_about_me(area.child)
    case = assessed_case(area, today=today)
    plan = services.start_plan(area.child, by=acting(area.users["coordinator"]), today=today, assessment=case)
    return plan, plan.versions.get(number=1)


def section(version: PlanVersion, code: Section):
    return version.sections.get(code=code)


def write(version: PlanVersion, code: Section, data: dict, by) -> None:
    services.save_section(version, code, data, by=acting(by), expected_version=section(version, code).version)


def write_item(version: PlanVersion, code: Section, item, by) -> None:
    services.save_item(
        version, code, pc.as_dict(item), by=acting(by), expected_version=section(version, code).version
    )


def write_a_good_plan(version: PlanVersion, by, *, setting_name: str = "") -> None:
    """Fill every section so the checks find nothing (the child is in Year 6 at a primary school)."""
    content = version.content()
    write(version, Section.A, pc.as_dict(replace(content.views, my_story_so_far="Born in Northbridge.")), by)
    write(version, Section.B, {"text": "Sam has speech, language and communication needs."}, by)
    outcome = pc.Outcome(
        "o-1", "Sam will follow a two-step instruction", date(2027, 7, 20), "Termly observation"
    )
    write_item(version, Section.E, outcome, by)
    for item in version.content().provision_in(Section.F):
        write_item(
            version, Section.F, replace(item, qualification="trained by the SLT", outcomes=("o-1",)), by
        )
    write(version, Section.I, pc.as_dict(pc.Placement(setting_name, "Mainstream secondary")), by)
    budget = pc.PersonalBudget(date(2026, 10, 20), pc.BudgetOutcome.NOT_WANTED)
    write(version, Section.J, pc.as_dict(budget), by)
    services.set_officers(
        version.plan, named_officer=by, coordinator=by, by=acting(by), expected_version=version.plan.version
    )
    version.plan.refresh_from_db()


def plan_in_force(area, *, issued_on: date = TODAY, today: date = TODAY):
    """The child's plan, drafted, sent to the family 20 days before `issued_on`, put right and issued
    on `issued_on` (built as at that day)."""
    plan, draft = started_plan(area, today=issued_on)
    coordinator = area.users["coordinator"]
    sent = issued_on - timedelta(days=20)
    services.serve(
        draft, by=acting(coordinator), served_on=sent, today=issued_on, expected_version=draft.version
    )
    final = services.prepare_next(plan, kind=Kind.FINAL, by=acting(coordinator), today=issued_on)
    write_a_good_plan(final, coordinator, setting_name="Hill Academy")
    final.refresh_from_db()
    services.issue(
        final, by=acting(coordinator), issued_on=issued_on, today=issued_on, expected_version=final.version
    )
    plan.refresh_from_db()
    return plan
