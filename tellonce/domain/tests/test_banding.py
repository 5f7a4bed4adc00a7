"""Band tables, suggested bands and the cost of a change (high-needs.md section 5)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.banding import (
    Band,
    BandTable,
    NoBandTable,
    Placement,
    nearest_band_rounding_up,
    panel_choice_problems,
    simulate,
    suggest_band,
    table_on,
)

MAINSTREAM = BandTable("mainstream", date(2025, 4, 1), (Band("A", 1600), Band("B", 3100), Band("C", 4500)))
MAINSTREAM_2026 = BandTable(
    "mainstream", date(2026, 4, 1), (Band("1", 2000), Band("2", 3500), Band("3", 5000), Band("4", 7000))
)
SPECIAL = BandTable("special", date(2025, 4, 1), (Band("S1", 11412), Band("S2", 17556)))


def test_the_table_in_force_is_the_latest_that_started_on_or_before_the_day():
    tables = [MAINSTREAM, MAINSTREAM_2026, SPECIAL]
    assert table_on(tables, "mainstream", date(2026, 3, 31)) is MAINSTREAM
    assert table_on(tables, "mainstream", date(2026, 4, 1)) is MAINSTREAM_2026
    with pytest.raises(NoBandTable):
        table_on(tables, "mainstream", date(2025, 1, 1))


@pytest.mark.parametrize(
    ("levels", "band"),
    [
        ({}, "1"),
        ({"communication": 0, "learning": 0}, "1"),
        ({"communication": 2, "learning": 1}, "3"),  # level 2 of 4 -> middle of four bands (round(1.5) = 2)
        ({"communication": 2, "learning": 2}, "4"),  # two areas at the top level: one band higher
        ({"communication": 4}, "4"),
        ({"communication": 4, "sensory": 4}, "4"),  # never above the top band
        ({"communication": 1}, "2"),
    ],
)
def test_descriptors_suggest_a_band(levels, band):
    assert suggest_band(MAINSTREAM_2026, levels).code == band


def test_a_descriptor_level_outside_0_to_4_is_refused():
    with pytest.raises(ValueError, match="0 to 4"):
        suggest_band(MAINSTREAM_2026, {"learning": 5})


def test_pupils_move_to_the_nearest_band_rounding_up():
    assert nearest_band_rounding_up(MAINSTREAM_2026, 1600).code == "1"
    assert nearest_band_rounding_up(MAINSTREAM_2026, 3100).code == "2"
    assert nearest_band_rounding_up(MAINSTREAM_2026, 3500).code == "2"
    assert nearest_band_rounding_up(MAINSTREAM_2026, 9000).code == "4"


def test_a_simulation_costs_the_caseload_before_and_after():
    caseload = [Placement("mainstream", "A"), Placement("mainstream", "C"), Placement("special", "S2")]
    result = simulate(
        caseload, {"mainstream": MAINSTREAM, "special": SPECIAL}, {"mainstream": MAINSTREAM_2026}
    )
    assert result.cost_now == 1600 + 4500 + 17556
    assert result.cost_after == 2000 + 5000 + 17556
    assert (result.moved_up, result.moved_down, result.change) == (2, 0, 900)
    assert result.by_setting_type["special"] == (1, 17556, 17556)


@given(st.lists(st.sampled_from(["A", "B", "C"]), max_size=60))
def test_rounding_up_never_lowers_a_pupils_top_up(codes):
    caseload = [Placement("mainstream", c) for c in codes]
    result = simulate(caseload, {"mainstream": MAINSTREAM}, {"mainstream": MAINSTREAM_2026})
    assert result.moved_down == 0 and result.cost_after >= result.cost_now
    assert sum(v[0] for v in result.by_setting_type.values()) == result.pupils == len(codes)


def _choice(chosen: str, reason: str = "") -> dict[str, str]:
    return panel_choice_problems(
        MAINSTREAM, suggested=MAINSTREAM.band("B"), chosen=chosen, reason=reason, table_name="Mainstream 2025"
    )


def test_the_panel_accepts_the_suggestion_by_leaving_the_band_blank_or_naming_it():
    assert _choice("") == {} and _choice(" B ") == {}


def test_a_band_other_than_the_suggestion_needs_the_panels_reason():
    assert _choice("C") == {"reason": "Enter the reason the panel chose band C, not the suggested B"}
    assert _choice("C", reason="   ") == _choice("C")
    assert _choice("C", reason="Needs two adults at lunchtimes") == {}


def test_a_band_not_in_the_table_is_refused_whatever_the_reason():
    assert _choice("Z", reason="Panel") == {"band": "Band Z is not in Mainstream 2025"}


@given(st.sampled_from(["", "A", "B", "C", "Z"]), st.text(max_size=20))
def test_a_choice_is_refused_for_at_most_one_thing_and_only_when_it_departs_from_the_table_or_the_suggestion(
    chosen, reason
):
    problems = _choice(chosen, reason)
    assert len(problems) <= 1
    code = chosen.strip() or "B"
    assert bool(problems) == (code == "Z" or (code != "B" and not reason.strip()))
