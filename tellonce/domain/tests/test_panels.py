"""The panel's quorum and the date to look again after a refusal."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain import panels
from tellonce.domain.calendar import add_months

AGENCIES = st.sets(st.sampled_from(["chair", "education", "health", "social_care", "other"]))


def test_a_meeting_with_education_health_and_social_care_is_quorate():
    assert panels.is_quorate(["chair", "education", "health", "social_care"])
    assert panels.quorum_warning(["education", "health", "social_care"]) == ""


def test_a_meeting_without_health_says_health_is_missing():
    assert panels.missing_agencies(["chair", "education", "social_care"]) == ("health",)
    assert panels.quorum_warning(["education", "social_care"]) == (
        "This meeting is not quorate: nobody from health was present."
    )


def test_a_meeting_with_only_the_chair_names_all_three_agencies_in_order():
    assert panels.quorum_warning(["chair"]) == (
        "This meeting is not quorate: nobody from education, health and social care was present."
    )


@given(AGENCIES)
def test_a_meeting_is_quorate_exactly_when_no_agency_of_the_quorum_is_missing(present):
    assert panels.is_quorate(present) == ({"education", "health", "social_care"} <= present)
    assert set(panels.missing_agencies(present)) == {"education", "health", "social_care"} - present
    assert (panels.quorum_warning(present) == "") == panels.is_quorate(present)


def test_a_refusal_is_looked_at_again_six_months_on_unless_the_panel_chooses():
    assert panels.look_again_by(date(2026, 8, 31)) == date(2027, 2, 28)
    assert panels.look_again_by(date(2026, 8, 31), date(2026, 12, 1)) == date(2026, 12, 1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)))
def test_the_date_to_look_again_is_always_after_the_decision(decided):
    assert panels.look_again_by(decided) == add_months(decided, 6) > decided
