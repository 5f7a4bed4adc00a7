"""Plan-quality findings: a test plan for each weakness the LGA audit of 20 plans (seed 001,
appendix) and the Kent letter (seed 004) describe, each producing its finding, and a well-written
plan producing none."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.plan_content import (
    AdviceItem,
    BudgetForm,
    BudgetOutcome,
    Outcome,
    Period,
    PersonalBudget,
    PfaArea,
    Placement,
    PlanContent,
    Provision,
    Section,
    Views,
    from_data,
    to_data,
)
from tellonce.domain.plan_quality import (
    CHECKS,
    DEFAULT_BLOCKING,
    Check,
    PlanContext,
    Severity,
    blocking,
    check,
)

D = date
ON = D(2026, 11, 20)

GOOD_VIEWS = Views(
    in_my_words="I like drawing trains and going swimming with my dad.",
    my_story_so_far="I was born in Northbridge and went to Elm Tree Nursery before starting at Hill Primary.",
    what_people_like_about_me="I am kind and I make people laugh.",
    what_is_important_to_me="Knowing what is happening next.",
    how_best_to_support_me="Show me pictures of what will happen and give me time to answer.",
    my_hopes_for_the_future="I want to be a train driver.",
    family_views="We want Sam to have friends and to be able to read for pleasure.",
    completed_with="With his dad at home, using picture cards",
)
READING = Outcome(
    "o-read",
    "By July 2027, Sam will read a book at his level aloud to an adult",
    by_when=D(2027, 7, 23),
    measured_by="Termly reading assessment by the class teacher",
)
WORK = Outcome(
    "o-work",
    "By the end of Year 11, Sam will have done a week's work experience at the railway museum",
    by_when=D(2029, 7, 20),
    measured_by="Feedback from the placement and Sam's own review",
    pfa=(PfaArea.EMPLOYMENT,),
)
LITERACY = Provision(
    "p-lit",
    "Precision teaching of sight words",
    role="Teaching assistant",
    qualification="trained in precision teaching by the educational psychologist",
    times=3,
    per=Period.WEEK,
    minutes=20,
    group_size=1,
    starts_on=D(2026, 9, 1),
    ends_on=D(2027, 7, 23),
    outcomes=("o-read",),
    advice=("k-ep",),
)
CAREERS = Provision(
    "p-work",
    "Careers guidance sessions planning work experience",
    role="Careers adviser",
    qualification="Level 6 qualified in careers guidance",
    times=1,
    per=Period.TERM,
    minutes=45,
    group_size=1,
    outcomes=("o-work",),
)
EPILEPSY = Provision(
    "p-epi",
    "Review of epilepsy care plan and rescue medication training for staff",
    role="Epilepsy specialist nurse",
    qualification="NMC registered",
    times=1,
    per=Period.YEAR,
    minutes=60,
    outcomes=("o-read",),
)
GOOD = PlanContent(
    views=GOOD_VIEWS,
    needs={
        Section.B: "Sam has a specific learning difficulty affecting reading and spelling.",
        Section.C: "Sam has epilepsy, controlled by medication.",
        Section.D: "",
    },
    outcomes=(READING, WORK),
    provision={Section.F: (LITERACY, CAREERS), Section.G: (EPILEPSY,)},
    placement=Placement(name="Hill Academy", setting_type="Mainstream secondary academy"),
    personal_budget=PersonalBudget(
        discussed_on=D(2026, 10, 1), outcome=BudgetOutcome.NOT_WANTED, forms=(), amount_pounds=None
    ),
    advice=(
        AdviceItem("k-ep", "Educational psychology advice", "Dr A Patel", D(2026, 9, 30), D(2026, 9, 20)),
        AdviceItem("k-parent", "Parent's views", "Mr J Green", D(2026, 9, 12)),
    ),
)
CONTEXT = PlanContext(on=ON, nc_year=10, age=14, final=True)


def codes(content: PlanContent, context: PlanContext = CONTEXT) -> list[str]:
    return [f.code for f in check(content, context)]


def test_a_well_written_plan_produces_no_finding():
    assert check(GOOD, CONTEXT) == []


def test_a_well_written_plan_for_a_looked_after_child_with_social_care_produces_no_finding():
    care = Provision(
        "p-care",
        "Short breaks at Oak House",
        role="Residential care worker",
        qualification="Level 3 diploma in residential childcare",
        times=2,
        per=Period.MONTH,
        minutes=24 * 60,
        outcomes=("o-work",),
    )
    content = replace(
        GOOD,
        needs={**GOOD.needs, Section.D: "Sam is looked after and lives with foster carers."},
        provision={**GOOD.provision, Section.H2: (care,)},
    )
    assert check(content, replace(CONTEXT, looked_after=True)) == []


def test_the_kent_example_weekly_small_group_activities_for_ten_weeks_is_found_unquantified():
    # seed 004: "broadly specifying 'weekly session of small group activities for 10 weeks'".
    weak = Provision(
        "p-weak",
        "Weekly session of small group activities for 10 weeks",
        times=1,
        per=Period.WEEK,
        starts_on=D(2026, 9, 7),
        ends_on=D(2026, 11, 16),
        outcomes=("o-read",),
    )
    found = {f.code: f for f in check(replace(GOOD, provision={Section.F: (weak, CAREERS)}), CONTEXT)}
    assert Check.PROVISION_MISSING_WHO in found
    assert Check.PROVISION_MISSING_DURATION in found
    assert Check.PROVISION_MISSING_FREQUENCY not in found
    assert found[Check.PROVISION_MISSING_WHO].subject == "p-weak"
    assert found[Check.PROVISION_MISSING_WHO].section == Section.F


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"role": ""}, Check.PROVISION_MISSING_WHO),
        ({"times": None, "per": None}, Check.PROVISION_MISSING_FREQUENCY),
        ({"minutes": None}, Check.PROVISION_MISSING_DURATION),
        ({"qualification": ""}, Check.PROVISION_NO_EXPERTISE),
        ({"outcomes": ()}, Check.PROVISION_WITHOUT_OUTCOME),
    ],
)
def test_provision_without_who_how_often_how_long_expertise_or_outcome_is_found(changes, expected):
    content = replace(GOOD, provision={**GOOD.provision, Section.F: (replace(LITERACY, **changes), CAREERS)})
    found = [f for f in check(content, CONTEXT) if f.code == expected]
    assert [(f.section, f.subject) for f in found] == [(Section.F, "p-lit")]
    assert "Precision teaching" in found[0].message


@pytest.mark.parametrize(
    ("wording", "quoted"),
    [
        ("Regular small group literacy support", "Regular"),
        ("Access to a quiet space", "Access to"),
        ("Adult support as required", "as required"),
        ("Opportunities for social interaction", "Opportunities for"),
        ("Speech therapy input as and when needed", "as and when"),
        ("Up to 5 hours of teaching assistant time", "Up to"),
        ("Movement breaks where appropriate", "where appropriate"),
        ("Sam would benefit from a reading group", "would benefit"),
    ],
)
def test_vague_words_in_place_of_amounts_are_found_and_quoted(wording, quoted):
    content = replace(
        GOOD, provision={**GOOD.provision, Section.F: (replace(LITERACY, what=wording), CAREERS)}
    )
    vague = [f for f in check(content, CONTEXT) if f.code == Check.PROVISION_VAGUE]
    assert len(vague) == 1 and f'"{quoted}"' in vague[0].message


@pytest.mark.parametrize(
    "wording",
    [
        "Phonics teaching in a group of four",
        "Keep the reading log up to date each week",
        "Precision teaching of sight words",
    ],
)
def test_precise_wording_is_not_called_vague(wording):
    content = replace(
        GOOD, provision={**GOOD.provision, Section.F: (replace(LITERACY, what=wording), CAREERS)}
    )
    assert Check.PROVISION_VAGUE not in codes(content)


@pytest.mark.parametrize("section", [Section.G, Section.H1, Section.H2])
@pytest.mark.parametrize(
    "therapy",
    [
        "Speech and language therapy: language group",
        "SALT programme delivered in class",
        "Occupational therapy for handwriting",
        "Physiotherapy programme in PE",
        "Travel training to college",
    ],
)
def test_therapy_that_educates_or_trains_placed_in_g_or_h_is_found(section, therapy):
    # CFA 2014 s21(5); seed 001 para 2.8 (therapy recorded outside the educational sections);
    # seed 004 (social care information written in the wrong section).
    item = replace(EPILEPSY, key="p-x", what=therapy)
    content = replace(GOOD, provision={**GOOD.provision, section: (item,)})
    found = [
        f for f in check(content, replace(CONTEXT, age=15)) if f.code == Check.EDUCATIONAL_PROVISION_OUTSIDE_F
    ]
    assert [(f.section, f.subject, f.severity) for f in found] == [(section, "p-x", Severity.MUST)]
    assert "section F" in found[0].message


def test_health_care_written_in_section_f_is_found():
    # seed 004: health provision written in the wrong section.
    item = replace(LITERACY, key="p-med", what="Administer epilepsy rescue medication when needed")
    content = replace(GOOD, provision={**GOOD.provision, Section.F: (item, CAREERS)})
    assert Check.HEALTH_PROVISION_IN_F in codes(content)


def test_social_care_written_in_section_f_is_found():
    item = replace(LITERACY, key="p-sb", what="Short breaks at Oak House one weekend a month")
    content = replace(GOOD, provision={**GOOD.provision, Section.F: (item, CAREERS)})
    assert Check.SOCIAL_CARE_PROVISION_IN_F in codes(content)


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ({"looked_after": True}, "looked after"),
        ({"child_in_need": True}, "a child in need"),
        ({"child_protection": True}, "on a child protection plan"),
    ],
)
def test_social_care_missing_for_a_child_known_to_social_care_is_found(status, words):
    # seed 001 para 2.11: "except where CIN or on a cp plan there was no mention of Social Care";
    # para 2.21: children in need with limited social care input.
    found = {f.code: f for f in check(GOOD, replace(CONTEXT, **status))}
    assert found[Check.SOCIAL_CARE_NEEDS_MISSING].section == Section.D
    assert words in found[Check.SOCIAL_CARE_NEEDS_MISSING].message
    assert Check.SOCIAL_CARE_PROVISION_MISSING in found


def test_no_social_care_finding_for_a_child_not_known_to_social_care():
    assert Check.SOCIAL_CARE_NEEDS_MISSING not in codes(GOOD)


def test_a_blank_section_a_is_found_and_asks_for_language_support_when_english_is_not_the_first_language():
    # seed 001 para 2.2: "In two cases where English is not the main language spoken this section
    # was not completed."
    content = replace(GOOD, views=Views())
    english = {f.code: f for f in check(content, CONTEXT)}
    polish = {f.code: f for f in check(content, replace(CONTEXT, first_language="Polish"))}
    assert english[Check.VIEWS_BLANK].severity == Severity.MUST
    assert "interpreter" not in english[Check.VIEWS_BLANK].message
    assert (
        "Polish" in polish[Check.VIEWS_BLANK].message and "interpreter" in polish[Check.VIEWS_BLANK].message
    )


def test_a_blank_my_story_so_far_is_found():
    # seed 001 para 2.3: "in 5 of instances 'My story so far' was left blank".
    content = replace(GOOD, views=replace(GOOD_VIEWS, my_story_so_far="  "))
    assert codes(content) == [Check.MY_STORY_BLANK]


def test_section_a_that_does_not_say_how_it_was_gathered_is_found():
    content = replace(GOOD, views=replace(GOOD_VIEWS, completed_with=""))
    assert codes(content) == [Check.VIEWS_HOW_GATHERED_MISSING]


def test_missing_family_views_are_found_for_a_child_but_not_for_a_young_person():
    content = replace(GOOD, views=replace(GOOD_VIEWS, family_views=""))
    assert codes(content, replace(CONTEXT, age=12)) == [Check.FAMILY_VIEWS_BLANK]
    assert codes(content, replace(CONTEXT, age=17, nc_year=12)) == []


@pytest.mark.parametrize(("nc_year", "found"), [(8, False), (9, True), (12, True)])
def test_no_preparation_for_adulthood_outcome_is_found_from_year_9(nc_year, found):
    content = replace(GOOD, outcomes=(READING, replace(WORK, pfa=())), provision={**GOOD.provision})
    assert (Check.NO_PFA_OUTCOME in codes(content, replace(CONTEXT, nc_year=nc_year))) is found


def test_an_outcome_with_no_provision_and_one_with_no_date_or_measure_are_found():
    lonely = Outcome("o-lonely", "Sam will make a friend")
    content = replace(GOOD, outcomes=(READING, WORK, lonely))
    found = [(f.code, f.subject) for f in check(content, CONTEXT)]
    assert (Check.OUTCOME_WITHOUT_PROVISION, "o-lonely") in found
    assert (Check.OUTCOME_NO_DATE, "o-lonely") in found
    assert (Check.OUTCOME_NO_MEASURE, "o-lonely") in found


def test_advice_older_than_the_configured_age_is_found():
    # seed 004: "one 15-year old's EHC plan was based on a report he received when he was aged three".
    old = AdviceItem("k-old", "Speech and language therapy advice", "NHS", D(2014, 6, 1), D(2014, 5, 1))
    content = replace(GOOD, advice=(*GOOD.advice, old))
    found = [f for f in check(content, CONTEXT) if f.code == Check.ADVICE_OLD]
    assert [f.subject for f in found] == ["k-old"]
    assert "12 years" in found[0].message
    recent = replace(old, dated=D(2025, 6, 1), assessed_on=D(2025, 5, 1))
    assert Check.ADVICE_OLD not in codes(replace(GOOD, advice=(recent,)))
    assert Check.ADVICE_OLD in codes(
        replace(GOOD, advice=(recent,)), replace(CONTEXT, max_advice_age_months=12)
    )


def test_reused_and_undated_advice_are_found():
    reused = AdviceItem(
        "k-r", "Educational psychology advice", "EPS", D(2026, 1, 1), D(2025, 12, 1), reused=True
    )
    undated = AdviceItem("k-u", "School's advice", "Hill Academy")
    found = [(f.code, f.subject) for f in check(replace(GOOD, advice=(reused, undated)), CONTEXT)]
    assert (Check.ADVICE_REUSED, "k-r") in found
    assert (Check.ADVICE_UNDATED, "k-u") in found


def test_no_named_officer_is_found():
    # seed 001 para 2.27: "the name and details of the officer completing the EHC plan".
    found = check(GOOD, replace(CONTEXT, has_named_officer=False))
    assert [(f.code, f.section) for f in found] == [(Check.NO_NAMED_OFFICER, None)]


def test_a_final_plan_in_a_transfer_year_with_no_named_setting_is_found():
    # seed 001 para 2.23: "a plan was signed off in March for a child in Year 6 with no knowledge
    # of the secondary school setting for September".
    content = replace(GOOD, placement=Placement(setting_type="Mainstream secondary"))
    context = replace(CONTEXT, nc_year=6, age=11, transfer_year=True)
    assert Check.TRANSFER_WITHOUT_SETTING in codes(content, context)
    assert Check.TRANSFER_WITHOUT_SETTING not in codes(content, replace(context, transfer_year=False))


def test_a_final_plan_naming_no_setting_or_type_is_found_but_a_draft_must_leave_the_name_out():
    blank = replace(GOOD, placement=Placement())
    assert Check.SETTING_MISSING in codes(blank)
    assert Check.SETTING_MISSING not in codes(blank, replace(CONTEXT, final=False))
    assert codes(GOOD, replace(CONTEXT, final=False)) == [Check.SETTING_NAMED_IN_DRAFT]


def test_no_record_of_a_personal_budget_discussion_is_found():
    # seed 001 para 2.24: "There was no reference to the discussion that may have taken place".
    assert codes(replace(GOOD, personal_budget=PersonalBudget())) == [Check.NO_PERSONAL_BUDGET_DISCUSSION]
    agreed = PersonalBudget(
        outcome=BudgetOutcome.AGREED,
        forms=(BudgetForm.DIRECT_PAYMENT,),
        amount_pounds=1200,
        covers="Swimming",
    )
    assert codes(replace(GOOD, personal_budget=agreed)) == []


def test_health_needs_without_health_provision_are_found():
    # seed 001 para 2.17: the health section "tended to be limited".
    content = replace(GOOD, provision={Section.F: GOOD.provision[Section.F]})
    assert codes(content) == [Check.HEALTH_NEEDS_WITHOUT_PROVISION]


def test_h1_provision_for_a_young_person_aged_18_or_over_is_found():
    care = replace(EPILEPSY, key="p-h1", what="Personal care at college")
    content = replace(GOOD, provision={**GOOD.provision, Section.H1: (care,)})
    assert Check.H1_OVER_18 in codes(content, replace(CONTEXT, age=18, nc_year=13))
    assert Check.H1_OVER_18 not in codes(content, replace(CONTEXT, age=17, nc_year=12))


def test_blank_needs_outcomes_and_provision_are_found():
    blank = replace(GOOD, needs={}, outcomes=(), provision={})
    found = set(codes(blank))
    assert {Check.NEEDS_BLANK, Check.OUTCOMES_BLANK, Check.PROVISION_BLANK, Check.NO_PFA_OUTCOME} <= found


def test_findings_come_in_section_order_with_the_whole_plan_last():
    blank = PlanContent()
    found = check(blank, replace(CONTEXT, has_named_officer=False, looked_after=True))
    order = [f.section for f in found]
    sections = [s for s in order if s is not None]
    assert sections == sorted(sections, key=list(Section).index)
    assert order[-1] is None


def test_every_check_has_a_title_a_severity_and_a_source_and_every_must_blocks_by_default():
    assert set(CHECKS) == set(Check)
    for code, info in CHECKS.items():
        assert info.title and info.source
        assert (code in DEFAULT_BLOCKING) is (info.severity == Severity.MUST)


def test_acknowledged_or_non_blocking_findings_do_not_block():
    found = check(replace(GOOD, views=Views()), CONTEXT)
    [views] = found
    assert blocking(found, blocking_codes=DEFAULT_BLOCKING, acknowledged=frozenset()) == [views]
    assert blocking(found, blocking_codes=DEFAULT_BLOCKING, acknowledged=frozenset({views.key})) == []
    assert blocking(found, blocking_codes=frozenset(), acknowledged=frozenset()) == []


def test_a_finding_key_names_its_code_section_and_subject():
    content = replace(GOOD, provision={**GOOD.provision, Section.F: (replace(LITERACY, role=""), CAREERS)})
    [finding] = [f for f in check(content, CONTEXT) if f.code == Check.PROVISION_MISSING_WHO]
    assert finding.key == "provision_missing_who:F:p-lit"


def test_stored_content_reads_back_the_same():
    assert from_data(to_data(GOOD)) == GOOD


@given(
    st.builds(
        Provision,
        key=st.text(min_size=1, max_size=8),
        what=st.text(max_size=40),
        role=st.text(max_size=20),
        times=st.none() | st.integers(1, 50),
        per=st.none() | st.sampled_from(list(Period)),
        minutes=st.none() | st.integers(1, 600),
        group_size=st.none() | st.integers(1, 30),
        starts_on=st.none() | st.dates(D(2020, 1, 1), D(2030, 1, 1)),
        outcomes=st.lists(st.sampled_from(["o-read", "o-work", "o-x"]), max_size=3).map(tuple),
    )
)
def test_every_finding_about_an_item_names_that_item_and_reads_back_from_storage(item):
    content = replace(GOOD, provision={**GOOD.provision, Section.F: (item,)})
    assert from_data(to_data(content)) == content
    for finding in check(content, CONTEXT):
        assert finding.message and finding.code in CHECKS
        if finding.section == Section.F and finding.code != Check.PROVISION_BLANK:
            assert finding.subject == item.key
