"""The school census's SEN items, a pupil's status from term to term, and shares of pupils."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.sen_support import (
    Provision,
    Share,
    area,
    census_term,
    changes,
    difference_in_points,
    need_label,
    row_problems,
    shares,
    term_label,
)


@pytest.mark.parametrize(
    ("provision", "needs"),
    [
        ("N", []),
        ("K", ["SLCN"]),
        ("K", ["NSA"]),
        ("K", ["SEMH", "SLCN"]),
        ("E", ["ASD", "SLCN"]),
        ("E", ["PMLD"]),
    ],
)
def test_census_sen_items_that_follow_the_rules_have_no_problems(provision, needs):
    assert row_problems(provision, needs) == []


@pytest.mark.parametrize(
    ("provision", "needs", "problem"),
    [
        ("S", [], "must be E (EHC plan), K (SEN support) or N"),
        ("N", ["SLCN"], "provision N has no need type"),
        ("K", [], "needs a need type of rank 1"),
        ("E", ["ASD", "ASD"], "must differ"),
        ("E", ["NSA"], "NSA is only for pupils on SEN support"),
        ("K", ["NSA", "MLD"], "NSA cannot be ranked"),
        ("K", ["XYZ"], "'XYZ' is not a school census SEN type"),
        ("K", ["MLD", "SLD", "HI"], "only two need types"),
    ],
)
def test_census_sen_items_that_break_a_rule_say_which(provision, needs, problem):
    assert any(problem in found for found in row_problems(provision, needs))


def test_need_types_and_provision_read_in_words():
    assert need_label("NSA").startswith("SEN support but no specialist assessment")
    assert need_label("SLCN") == "Speech, language and communication needs"
    assert Provision("K").label == "SEN support"


@pytest.mark.parametrize(
    ("day", "term", "label"),
    [
        (date(2026, 1, 15), "spring", "Spring 2026"),
        (date(2026, 5, 21), "summer", "Summer 2026"),
        (date(2025, 10, 2), "autumn", "Autumn 2025"),
    ],
)
def test_each_census_day_belongs_to_its_term(day, term, label):
    assert census_term(day) == term and term_label(day) == label


def test_a_pupils_status_changes_are_the_censuses_where_it_differs_from_the_one_before():
    history = [
        (date(2026, 1, 15), Provision.SEN_SUPPORT),
        (date(2025, 10, 2), Provision.NONE),
        (date(2026, 5, 21), Provision.SEN_SUPPORT),
        (date(2026, 10, 1), Provision.EHC_PLAN),
    ]
    found = changes(history)
    assert [(c.census_date, c.before, c.after) for c in found] == [
        (date(2025, 10, 2), None, Provision.NONE),
        (date(2026, 1, 15), Provision.NONE, Provision.SEN_SUPPORT),
        (date(2026, 10, 1), Provision.SEN_SUPPORT, Provision.EHC_PLAN),
    ]


@given(st.lists(st.sampled_from(["E", "K", "N"]), max_size=60))
def test_shares_count_every_pupil_once(provisions):
    found = shares(provisions)
    assert found.pupils == len(provisions)
    assert found.sen_support + found.ehc_plan + provisions.count("N") == len(provisions)
    if provisions:
        assert 0 <= found.support_share.percent <= 100


def test_the_area_is_the_sum_of_its_schools_and_compared_in_points():
    one, two = shares(["K", "N", "N", "E"]), shares(["K", "K", "N", "N", "N", "N"])
    whole = area([one, two])
    assert (whole.pupils, whole.sen_support, whole.ehc_plan) == (10, 3, 1)
    assert whole.support_share.percent == 30.0
    assert difference_in_points(whole.support_share, 14.2) == 15.8
    assert difference_in_points(Share(0, 0), 14.2) is None
    assert Share(1, 4) + Share(1, 6) == Share(2, 10)
