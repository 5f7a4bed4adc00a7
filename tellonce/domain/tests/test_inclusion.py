from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain import inclusion as rules
from tellonce.domain.inclusion import Episode, EpisodeKind, Reason, Term, Verdict

TODAY = date(2026, 11, 20)  # a Friday
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


def test_a_pupil_missing_exactly_a_tenth_of_sessions_is_persistently_absent():
    assert rules.is_persistently_absent(130, 13)
    assert not rules.is_persistently_absent(130, 12)


@given(st.integers(1, 400), st.integers(0, 400))
def test_persistent_absence_is_missing_ten_percent_or_more(possible, missed):
    missed = min(missed, possible)
    assert rules.is_persistently_absent(possible, missed) == (missed / possible >= 0.1)


def test_a_pupil_with_no_possible_sessions_is_never_persistently_absent():
    assert not rules.is_persistently_absent(0, 0)


def test_attendance_with_more_sessions_missed_than_possible_is_refused_with_the_numbers():
    assert rules.attendance_problems(100, 60, 50) == [
        "sessions missed (110) are more than the sessions possible (100)"
    ]
    assert rules.attendance_problems(100, 5, 5) == []
    assert rules.attendance_problems(0, 0, 0) == ["sessions_possible must be more than 0"]


def test_an_episode_ending_before_it_starts_or_starting_tomorrow_is_refused():
    assert rules.episode_problems(TODAY, TODAY - timedelta(days=1), TODAY) == ["the end is before the start"]
    assert rules.episode_problems(TODAY + timedelta(days=1), None, TODAY) == [
        "the start (21/11/2026) is in the future"
    ]


def test_a_part_time_timetable_must_be_less_than_full_time():
    assert rules.episode_problems(TODAY, None, TODAY, hours=32.5)
    assert rules.episode_problems(TODAY, None, TODAY, hours=0)
    assert rules.episode_problems(TODAY, None, TODAY, hours=15) == []


def test_a_group_smaller_than_the_threshold_is_suppressed_and_shows_no_percentage():
    small = rules.rate(3, 9)
    assert small.suppressed and small.percent is None and small.interval is None
    assert small.text().startswith("c ")
    assert not rules.rate(3, 10).suppressed


def test_an_empty_group_is_not_suppressed_but_has_no_pupils():
    assert rules.rate(0, 0).text() == "No pupils"


@given(st.integers(10, 5000), st.data())
def test_a_rates_interval_holds_its_percentage(total, data):
    count = data.draw(st.integers(0, total))
    found = rules.rate(count, total)
    low, high = found.interval
    assert 0 <= low <= found.percent <= high <= 100


@given(st.integers(0, 100), st.integers(0, 100))
def test_a_rate_refuses_a_count_above_its_total(count, total):
    if count > total:
        with pytest.raises(ValueError):
            rules.rate(count, total)
    else:
        assert rules.rate(count, total).count == count


def test_a_clearly_higher_rate_is_called_higher_and_close_rates_are_not():
    assert rules.compare(rules.rate(40, 100), rules.rate(100, 1000)) == Verdict.HIGHER
    assert rules.compare(rules.rate(100, 1000), rules.rate(40, 100)) == Verdict.LOWER
    assert rules.compare(rules.rate(12, 100), rules.rate(100, 1000)) == Verdict.UNCLEAR
    assert rules.compare(rules.rate(4, 5), rules.rate(100, 1000)) == Verdict.NOT_JUDGED


@given(st.integers(10, 300), st.integers(10, 300), st.data())
def test_comparing_two_groups_either_way_gives_opposite_verdicts(n1, n2, data):
    a = rules.rate(data.draw(st.integers(0, n1)), n1)
    b = rules.rate(data.draw(st.integers(0, n2)), n2)
    opposite = {
        Verdict.HIGHER: Verdict.LOWER,
        Verdict.LOWER: Verdict.HIGHER,
        Verdict.UNCLEAR: Verdict.UNCLEAR,
    }
    assert rules.compare(b, a) == opposite[rules.compare(a, b)]


def test_the_ratio_says_how_many_times_as_likely():
    assert rules.ratio(rules.rate(30, 100), rules.rate(100, 1000)) == pytest.approx(3.0)
    assert rules.ratio(rules.rate(3, 5), rules.rate(100, 1000)) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2025/26 autumn", "2025/26 autumn"),
        ("2025-26 Summer term", "2025/26 summer"),
        ("2099/00 spring", "2099/00 spring"),
    ],
)
def test_a_term_is_read_in_the_ways_schools_write_it(text, label):
    assert Term.parse(text).label == label


@pytest.mark.parametrize("text", ["2025/27 autumn", "autumn", "2025/26 winter", "25/26 autumn", ""])
def test_a_term_that_is_not_one_is_refused(text):
    with pytest.raises(ValueError):
        Term.parse(text)


@given(st.integers(2000, 2100), st.integers(0, 2))
def test_a_terms_code_and_label_read_back_as_the_same_term(year, season):
    term = Term(year, season)
    assert Term.of_code(term.code) == term == Term.parse(term.label)
    assert (term < Term(year, season + 1)) and (term < Term(year + 1, 0))


def test_weekdays_are_counted_including_both_ends():
    assert rules.school_days_between(date(2026, 11, 16), date(2026, 11, 20)) == 5
    assert rules.school_days_between(date(2026, 11, 16), date(2026, 11, 23)) == 6
    assert rules.school_days_between(TODAY, TODAY - timedelta(days=1)) == 0


@given(days, st.integers(0, 400), st.integers(0, 400))
def test_weekday_counts_add_up_over_adjacent_ranges(start, first, second):
    middle = start + timedelta(days=first)
    end = middle + timedelta(days=second + 1)
    whole = rules.school_days_between(start, end)
    assert whole == rules.school_days_between(start, middle) + rules.school_days_between(
        middle + timedelta(days=1), end
    )
    assert whole <= (end - start).days + 1


def _reasons(*episodes, threshold=15):
    return rules.reasons_to_act(episodes, TODAY, out_of_school_days=threshold)


def test_a_part_time_timetable_still_running_needs_action_and_an_ended_one_does_not():
    assert _reasons(Episode(EpisodeKind.PART_TIME, date(2026, 9, 7))) == [Reason.PART_TIME]
    assert _reasons(Episode(EpisodeKind.PART_TIME, date(2026, 9, 7), date(2026, 10, 1))) == []


def test_a_permanent_exclusion_within_the_year_needs_action():
    assert _reasons(Episode(EpisodeKind.PERMANENT_EXCLUSION, date(2026, 3, 1))) == [
        Reason.PERMANENTLY_EXCLUDED
    ]
    assert _reasons(Episode(EpisodeKind.PERMANENT_EXCLUSION, date(2025, 3, 1))) == []


def test_suspensions_adding_up_past_fifteen_school_days_need_action():
    three = [
        Episode(EpisodeKind.SUSPENSION, date(2026, 9, d), date(2026, 9, d), sessions=10) for d in (8, 15, 22)
    ]
    assert _reasons(*three) == []
    assert _reasons(
        *three, Episode(EpisodeKind.SUSPENSION, date(2026, 10, 5), date(2026, 10, 5), sessions=2)
    ) == [Reason.SUSPENDED_OVER_LIMIT]
    assert _reasons(Episode(EpisodeKind.SUSPENSION, TODAY, TODAY, sessions=2)) == [Reason.SUSPENDED_NOW]


def test_missing_education_counts_only_past_the_councils_threshold():
    started = date(2026, 10, 26)  # 20 weekdays to today
    assert _reasons(Episode(EpisodeKind.MISSING_EDUCATION, started), threshold=20) == []
    assert _reasons(Episode(EpisodeKind.MISSING_EDUCATION, started), threshold=19) == [Reason.OUT_OF_SCHOOL]


def test_a_move_off_roll_to_another_school_is_not_time_out_of_school():
    started = date(2026, 9, 1)
    assert _reasons(Episode(EpisodeKind.OFF_ROLL, started, destination="school")) == []
    assert _reasons(Episode(EpisodeKind.OFF_ROLL, started, destination="unknown")) == [Reason.OUT_OF_SCHOOL]


@given(st.lists(st.tuples(st.sampled_from(list(EpisodeKind)), days, st.one_of(st.none(), days)), max_size=8))
def test_reasons_are_listed_once_each_in_a_fixed_order(raw):
    episodes = [Episode(kind, start, end, sessions=4) for kind, start, end in raw]
    found = rules.reasons_to_act(episodes, TODAY, out_of_school_days=15)
    assert len(found) == len(set(found))
    assert found == sorted(found, key=list(Reason).index)


def test_a_suspension_of_ten_sessions_from_a_thursday_ends_the_next_wednesday():
    assert rules.suspension_ends(date(2026, 11, 19), 10) == date(2026, 11, 25)
    assert rules.suspension_ends(date(2026, 11, 19), 1) == date(2026, 11, 19)


@given(days, st.integers(1, 60))
def test_a_suspension_ends_on_a_weekday_after_as_many_weekdays_as_its_days(start, sessions):
    end = rules.suspension_ends(start, sessions)
    assert end.weekday() < 5 and end >= start
    if start.weekday() < 5:
        assert rules.school_days_between(start, end) == (sessions + 1) // 2
