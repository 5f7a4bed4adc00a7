from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain import assessment
from tellonce.domain import partnership as p
from tellonce.domain.partnership import Figure, Good, Standing

figures = st.builds(Figure, st.integers(0, 500), st.integers(0, 500)).filter(
    lambda f: f.numerator <= f.denominator
)


def test_a_figure_gives_its_percentage_and_none_when_nothing_was_counted():
    assert Figure(3, 4).percent == 75
    assert Figure(0, 0).percent is None


def test_a_figure_cannot_count_fewer_than_nothing():
    with pytest.raises(ValueError):
        Figure(-1, 3)


def test_the_months_shown_are_the_36_ending_with_the_given_month_oldest_first():
    months = p.months_to(date(2026, 3, 15))
    assert len(months) == 36
    assert months[0] == "2023-04"
    assert months[-1] == "2026-03"


def test_months_cross_the_new_year():
    assert p.months_to(date(2025, 2, 1), 3) == ["2024-12", "2025-01", "2025-02"]


def test_asking_for_no_months_is_refused():
    with pytest.raises(ValueError):
        p.months_to(date(2025, 2, 1), 0)


def test_outcomes_are_counted_by_month_and_those_not_yet_due_on_neither_side():
    monthly = p.by_month(
        [
            (date(2025, 1, 3), True),
            (date(2025, 1, 30), False),
            (date(2025, 2, 1), True),
            (date(2025, 2, 9), None),
        ]
    )
    assert monthly == {"2025-01": Figure(1, 2), "2025-02": Figure(1, 1)}


def test_a_month_with_nothing_counted_is_nought_of_nought_in_the_series():
    monthly = {"2025-01": Figure(1, 2)}
    assert p.series(monthly, ["2024-12", "2025-01"]) == [("2024-12", p.NOTHING), ("2025-01", Figure(1, 2))]


def test_the_calendar_year_adds_numerators_and_denominators_of_its_months_only():
    monthly = {"2024-12": Figure(5, 5), "2025-01": Figure(1, 2), "2025-07": Figure(3, 4)}
    assert p.calendar_year(monthly, 2025) == Figure(4, 6)


def test_the_rolling_year_takes_the_twelve_months_ending_with_the_given_month():
    monthly = {"2024-02": Figure(9, 9), "2024-03": Figure(1, 1), "2025-02": Figure(0, 2)}
    assert p.rolling(monthly, date(2025, 2, 28)) == Figure(1, 3)


@given(st.lists(st.tuples(st.dates(date(2020, 1, 1), date(2026, 12, 31)), st.booleans())))
def test_the_calendar_years_together_count_every_outcome_once(outcomes):
    monthly = p.by_month(outcomes)
    years = range(2020, 2027)
    together = p.total(p.calendar_year(monthly, y) for y in years)
    assert together == Figure(sum(good for _, good in outcomes), len(outcomes))


@pytest.mark.parametrize(
    ("figure", "target", "good", "standing"),
    [
        (Figure(9, 10), 90, Good.HIGHER, Standing.MET),
        (Figure(8, 10), 90, Good.HIGHER, Standing.NOT_MET),
        (Figure(1, 10), 10, Good.LOWER, Standing.MET),
        (Figure(2, 10), 10, Good.LOWER, Standing.NOT_MET),
        (Figure(0, 0), 90, Good.HIGHER, Standing.NO_DATA),
        (Figure(5, 10), None, Good.HIGHER, Standing.NO_TARGET),
    ],
)
def test_a_figure_meets_its_target_in_the_direction_that_is_good(figure, target, good, standing):
    assert p.against_target(figure, target, good) is standing


def test_the_neighbours_average_is_their_numerators_over_their_denominators_not_a_mean_of_percentages():
    # 90 of 100 and 1 of 10: 91 of 110 (82.7%), where the mean of 90% and 10% would be 50%.
    assert p.neighbours_average([Figure(90, 100), Figure(1, 10)]) == Figure(91, 110)


def test_neighbours_whose_figures_were_not_published_are_left_out():
    assert p.neighbours_average([None, Figure(3, 4), Figure(0, 0)]) == Figure(3, 4)
    assert p.neighbours_average([None]) is None


@given(st.lists(figures, min_size=1))
def test_the_neighbours_average_lies_between_the_lowest_and_highest_neighbour(neighbours):
    average = p.neighbours_average(neighbours)
    known = [f.percent for f in neighbours if f.percent is not None]
    if not known:
        assert average is None
        return
    assert min(known) - 1e-9 <= average.percent <= max(known) + 1e-9


def test_the_difference_is_in_percentage_points_and_better_follows_the_direction():
    assert p.difference(Figure(8, 10), Figure(1, 2)) == pytest.approx(30)
    assert p.better_than(Figure(8, 10), Figure(1, 2)) is True
    assert p.better_than(Figure(8, 10), Figure(1, 2), Good.LOWER) is False
    assert p.better_than(Figure(8, 10), None) is None


def test_every_measure_has_a_definition_a_numerator_and_a_denominator():
    for measure in p.MEASURES:
        assert measure.definition and measure.numerator and measure.denominator and measure.source


def test_the_annual_keys_are_the_returns_headline_keys():
    assert p.ANNUAL_KEYS == (
        "requests_decided_in_6_weeks",
        "plans_in_20_weeks_including_exceptions",
        "plans_in_20_weeks_excluding_exceptions",
        "review_decisions_in_4_weeks",
        "ceased_by_reason",
    )


def test_a_designated_clinical_officer_sees_health_measures_and_families_but_not_education_ones():
    keys = {m.key for m in p.visible_measures([p.Area.HEALTH])}
    assert "health_advice_in_6_weeks" in keys
    assert "health_at_reviews" in keys
    assert "requests_decided_in_6_weeks" not in keys
    assert len(p.visible_measures(None)) == len(p.MEASURES)


@given(
    st.lists(
        st.builds(
            assessment.CaseFacts,
            start=st.dates(date(2022, 1, 1), date(2024, 6, 30)),
            final_issued=st.dates(date(2024, 7, 1), date(2025, 12, 31)),
            reassessment=st.booleans(),
        ),
        max_size=30,
    )
)
def test_counting_twenty_week_outcomes_by_month_agrees_with_the_yearly_measure(cases):
    monthly = p.by_month(
        (o.issued, o.on_time) for c in cases if (o := assessment.twenty_week_outcome(c)) is not None
    )
    yearly = assessment.twenty_week_measure(cases, 2025)
    assert p.calendar_year(monthly, 2025) == Figure(yearly.within_20_weeks, yearly.issued)
