"""Every business rule has a record that breaks it and one that passes."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from tellonce.domain.sen2 import records as r
from tellonce.domain.sen2.rules import RULES, check_header, check_person
from tellonce.domain.sen2.scope import needs_of, request_record
from tellonce.domain.tests.sen2_cases import C2026, issued_in_year, long_standing_plan

D = date
CENSUS = C2026.reference_date
HEADER = r.Header(2026, CENSUS, "886", "Tellonce", "1.0", "001", datetime(2026, 1, 20, 9), "Y", "Y", "R")


def good_person() -> r.Person:
    request = request_record(issued_in_year(), needs_of("ASD", "SLCN"), C2026)
    return r.Person(
        "Smith", "Ava", D(2015, 3, 1), "F", "WBRI", upn="A123456789012", requests=(request,), source="c1"
    )


def with_request(person: r.Person, **changes) -> r.Person:
    return replace(person, requests=(replace(person.requests[0], **changes),))


def with_assessment(person: r.Person, **changes) -> r.Person:
    return with_request(person, assessment=replace(person.requests[0].assessment, **changes))


def with_plan(person: r.Person, **changes) -> r.Person:
    return with_assessment(person, plan=replace(person.requests[0].assessment.plan, **changes))


def with_active(person: r.Person, **changes) -> r.Person:
    return with_request(person, active_plans=replace(person.requests[0].active_plans, **changes))


def failing(person: r.Person) -> set[str]:
    return {f.rule_id for f in check_person(person, 1, CENSUS)}


def test_a_complete_person_passes_every_rule():
    assert failing(good_person()) == set()
    assert check_header(HEADER) == []


def test_the_header_needs_a_three_digit_la_code():
    assert {f.rule_id for f in check_header(replace(HEADER, lea="88"))} == {"SEN2-H01"}


def test_the_header_needs_each_designated_officer_recorded():
    failures = check_header(replace(HEADER, dsco=""))
    assert [f.rule_id for f in failures] == ["SEN2-H02"] and "DSCO" in failures[0].message


ATTENDED = r.Placement(rank="1", urn="100001", entry_date=D(2024, 9, 1))
BROKEN = {
    "SEN2-P01": lambda p: replace(p, upn=""),
    "SEN2-P02": lambda p: replace(p, requests=p.requests + p.requests),
    "SEN2-P03": lambda p: with_active(p, needs=(r.SenNeed("ASD", 1), r.SenNeed("ASD", 2))),
    "SEN2-R01": lambda p: with_request(p, source_code=""),
    "SEN2-R02": lambda p: with_request(p, outcome_date=D(2025, 1, 1)),
    "SEN2-A01": lambda p: with_assessment(p, outcome_date=None),
    "SEN2-A02": lambda p: with_assessment(p, week20=None),
    "SEN2-N01": lambda p: with_plan(p, start_date=D(2025, 3, 1)),
    "SEN2-N02": lambda p: with_plan(p, cease_date=D(2025, 11, 1)),
    "SEN2-N03": lambda p: with_plan(p, start_date=D(2025, 7, 14), cease_date=D(2025, 7, 1), cease_reason="9"),
    "SEN2-L01": lambda p: with_plan(p, details=(r.Placement(rank="1", urn="123456", ukprn="10012345"),)),
    "SEN2-L02": lambda p: with_active(
        p, placements=(r.Placement(rank="1", sen_setting="NIEO", entry_date=D(2025, 9, 1)),)
    ),
    "SEN2-L03": lambda p: with_active(p, placements=(ATTENDED, replace(ATTENDED, urn="100002"))),
    "SEN2-L04": lambda p: with_active(p, placements=(replace(ATTENDED, leaving_date=D(2024, 8, 1)),)),
    "SEN2-V01": lambda p: with_active(p, review_meeting=D(2025, 6, 1), last_review=D(2025, 5, 1)),
    "SEN2-C01": lambda p: with_active(p, review_meeting=D(2026, 1, 20)),
    "SEN2-C02": lambda p: with_plan(p, start_date=None),
}


@pytest.mark.parametrize("rule_id", sorted(BROKEN))
def test_a_record_breaking_a_rule_fails_that_rule_with_a_plain_message(rule_id):
    failures = check_person(BROKEN[rule_id](good_person()), 3, CENSUS)
    mine = [f for f in failures if f.rule_id == rule_id]
    assert mine, failures
    assert all(f.person == 3 and f.message and f.message[0].isupper() for f in mine)


def test_every_person_rule_has_a_breaking_record():
    header_rules = {"SEN2-H01", "SEN2-H02"}
    assert set(BROKEN) | header_rules == set(RULES)


def test_a_failure_points_at_the_record_to_open():
    plan_failure = check_person(BROKEN["SEN2-N02"](good_person()), 1, CENSUS)[0]
    assert (plan_failure.rule.concerns, plan_failure.source) == ("plan", "plan-1")
    child_failure = check_person(BROKEN["SEN2-P01"](good_person()), 1, CENSUS)[0]
    assert (child_failure.rule.concerns, child_failure.source) == ("child", "c1")


def test_a_ceased_plan_with_its_reason_passes():
    assert failing(with_plan(good_person(), cease_date=D(2025, 11, 1), cease_reason="2")) == set()


def test_a_uln_or_a_reason_stands_in_for_a_upn_and_a_bad_uln_fails():
    assert failing(replace(good_person(), upn="", upn_unknown="UN2")) == set()
    assert failing(replace(good_person(), upn="", uln="9999999999")) == {"SEN2-P01"}


def test_sequential_placements_may_share_a_rank_and_other_settings_described_pass():
    first = replace(ATTENDED, leaving_date=D(2025, 7, 20))
    second = r.Placement(
        rank="1", sen_setting="OTH", sen_setting_other="Hospital school", entry_date=D(2025, 9, 1)
    )
    assert failing(with_active(good_person(), placements=(first, second))) == set()


def test_a_historical_request_needs_no_source():
    person = replace(
        good_person(), requests=(request_record(long_standing_plan(), needs_of("MLD", ""), C2026),)
    )
    assert failing(person) == set()


def test_a_single_primary_need_passes_and_no_need_fails():
    assert failing(with_active(good_person(), needs=(r.SenNeed("SEMH", 1),))) == set()
    assert failing(with_active(good_person(), needs=())) == {"SEN2-P03"}
