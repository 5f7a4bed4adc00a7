"""GIAS establishments read as settings: the names GIAS publishes for its establishment types,
phases of education, statuses and sixth forms (the edubasealldata download), and the phase and
years Tellonce records from them (docs/gias-import.md)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain import gias
from tellonce.domain.education_settings import POST_19, SettingPhase, SettingYears, years_problems
from tellonce.domain.school_years import NURSERY, RECEPTION

P = SettingPhase


def _read(type_name, phase_name, low, high, sixth_form="Does not have a sixth form"):
    kind = gias.establishment_type(type_name)
    phase = gias.phase_of(kind, phase_name, low, high)
    return gias.setting_years(phase, low, high, gias.has_sixth_form(sixth_form))


@pytest.mark.parametrize(
    ("type_name", "phase_name", "low", "high", "sixth_form", "expected"),
    [
        ("Community school", "Primary", 4, 7, "Not applicable", SettingYears(RECEPTION, 2, False, P.INFANT)),
        ("Academy converter", "Primary", 7, 11, "Not applicable", SettingYears(3, 6, False, P.JUNIOR)),
        (
            "Voluntary aided school",
            "Primary",
            3,
            11,
            "Not applicable",
            SettingYears(NURSERY, 6, False, P.PRIMARY),
        ),
        ("Foundation school", "Primary", 4, 9, "Not applicable", SettingYears(RECEPTION, 4, False, P.FIRST)),
        (
            "Community school",
            "Middle deemed primary",
            8,
            12,
            "Not applicable",
            SettingYears(4, 7, False, P.MIDDLE),
        ),
        (
            "Academy sponsor led",
            "Middle deemed secondary",
            9,
            13,
            "Not applicable",
            SettingYears(5, 8, False, P.MIDDLE),
        ),
        (
            "Academy converter",
            "Secondary",
            11,
            16,
            "Does not have a sixth form",
            SettingYears(7, 11, False, P.SECONDARY),
        ),
        (
            "Academy converter",
            "Secondary",
            11,
            18,
            "Has a sixth form",
            SettingYears(7, 13, True, P.SECONDARY),
        ),
        (
            "Free schools",
            "All-through",
            4,
            18,
            "Has a sixth form",
            SettingYears(RECEPTION, 13, True, P.ALL_THROUGH),
        ),
        (
            "University technical college",
            "Secondary",
            14,
            19,
            "Has a sixth form",
            SettingYears(10, POST_19, True, P.SECONDARY),
        ),
        (
            "Local authority nursery school",
            "Nursery",
            2,
            5,
            "Not applicable",
            SettingYears(NURSERY - 1, NURSERY, False, P.NURSERY),
        ),
        (
            "Community special school",
            "Not applicable",
            2,
            19,
            "Not applicable",
            SettingYears(NURSERY - 1, POST_19, False, P.SPECIAL),
        ),
        (
            "Academy special converter",
            "Not applicable",
            4,
            11,
            "Not applicable",
            SettingYears(RECEPTION, 6, False, P.SPECIAL),
        ),
        (
            "Other independent special school",
            "Not applicable",
            7,
            19,
            "Not applicable",
            SettingYears(3, POST_19, False, P.SPECIAL),
        ),
        (
            "Special post 16 institution",
            "16 plus",
            16,
            25,
            "Not applicable",
            SettingYears(12, POST_19, False, P.SPECIAL),
        ),
        (
            "Non-maintained special school",
            "Not applicable",
            5,
            19,
            "Not applicable",
            SettingYears(1, POST_19, False, P.NON_MAINTAINED),
        ),
        (
            "Pupil referral unit",
            "Not applicable",
            11,
            16,
            "Not applicable",
            SettingYears(7, 11, False, P.ALTERNATIVE_PROVISION),
        ),
        (
            "Academy alternative provision sponsor led",
            "Not applicable",
            5,
            16,
            "Not applicable",
            SettingYears(1, 11, False, P.ALTERNATIVE_PROVISION),
        ),
        (
            "Further education",
            "16 plus",
            16,
            99,
            "Not applicable",
            SettingYears(12, POST_19, False, P.FE_COLLEGE),
        ),
        (
            "Sixth form centres",
            "16 plus",
            16,
            19,
            "Has a sixth form",
            SettingYears(12, POST_19, True, P.SIXTH_FORM_COLLEGE),
        ),
        (
            "Free schools 16 to 19",
            "16 plus",
            16,
            19,
            "Has a sixth form",
            SettingYears(12, POST_19, True, P.SIXTH_FORM_COLLEGE),
        ),
        (
            "Other independent school",
            "Not applicable",
            7,
            18,
            "Has a sixth form",
            SettingYears(3, 13, True, P.INDEPENDENT),
        ),
    ],
)
def test_each_kind_of_establishment_is_read_as_the_setting_it_is(
    type_name, phase_name, low, high, sixth_form, expected
):
    years = _read(type_name, phase_name, low, high, sixth_form)
    assert years == expected and years_problems(years) == []


def test_gias_names_are_read_whatever_their_case_and_spacing():
    assert gias.establishment_type("  COMMUNITY   special school ").phase == P.SPECIAL
    assert gias.is_open("Open, but  proposed to close") and gias.has_sixth_form("HAS A SIXTH FORM")


def test_a_sixth_form_gias_records_extends_the_years_to_year_13():
    assert _read("Academy converter", "Secondary", 11, 16, "Has a sixth form").highest == 13


@pytest.mark.parametrize(
    "name",
    ["Welsh establishment", "Higher education institutions", "British schools overseas", "Online provider"],
)
def test_establishments_no_child_is_placed_in_through_a_council_are_not_settings(name):
    assert gias.establishment_type(name).is_setting is False


@pytest.mark.parametrize(
    ("status", "open_"),
    [("Open", True), ("Open, but proposed to close", True), ("Closed", False), ("Proposed to open", False)],
)
def test_open_establishments_and_those_proposed_to_close_are_open(status, open_):
    assert gias.is_open(status) is open_


def test_names_gias_has_not_published_are_not_guessed():
    assert gias.establishment_type("Secret garden") is None
    assert gias.is_open("Ajar") is None and gias.has_sixth_form("Sometimes") is None
    assert gias.phase_of(gias.establishment_type("Community school"), "Not applicable", 4, 11) is None
    assert gias.phase_of(gias.establishment_type("Community school"), "Kindergarten", 4, 11) is None


@pytest.mark.parametrize(
    ("low", "high", "problem"),
    [
        (11, 4, "StatutoryLowAge 11 is above StatutoryHighAge 4"),
        (-1, 11, "StatutoryLowAge -1 is not an age"),
        (4, 120, "StatutoryHighAge 120 is not an age"),
    ],
)
def test_ages_that_make_no_sense_are_described(low, high, problem):
    assert any(problem in found for found in gias.age_problems(low, high))


@given(
    st.sampled_from(sorted(gias.ESTABLISHMENT_TYPES)),
    st.sampled_from([*gias.PHASES_OF_EDUCATION, "not applicable"]),
    st.integers(0, 99),
    st.integers(0, 99),
    st.booleans(),
)
def test_any_sensible_ages_give_years_in_order_for_a_setting_of_a_known_phase(
    type_name, phase_name, a, b, sixth
):
    low, high = sorted((a, b))
    kind = gias.establishment_type(type_name)
    phase = gias.phase_of(kind, phase_name, low, high)
    assert gias.age_problems(low, high) == []
    if phase is None:
        assert kind.phase is None and phase_name == "not applicable"
        return
    years = gias.setting_years(phase, low, high, sixth)
    assert years.lowest <= years.highest and years.phase == phase
    assert years.teaches_post_16 or not sixth
