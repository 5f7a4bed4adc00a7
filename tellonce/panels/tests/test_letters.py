"""What the family's letter says for each kind of decision."""

from datetime import date

import pytest

from tellonce.conftest import acting
from tellonce.core.time import working_days
from tellonce.panels import presenters, services
from tellonce.panels.tests.builders import panel_for, request_for

TODAY = date(2026, 11, 20)


def _letter(area, kind: str, outcome: str, **values) -> str:
    panel, members, meeting = panel_for(area, held_on=date(2026, 11, 12), today=TODAY)
    panel.decides = ["assess", "issue", "placement", "top_up"]
    panel.save()
    case = request_for(area, received_on=date(2026, 10, 1), today=TODAY)
    put = services.put_case(meeting, case, by=acting(area.users["coordinator"]), today=TODAY, kind=kind)
    decision = services.record_decision(
        put,
        by=acting(area.users["manager"]),
        today=TODAY,
        expected_version=put.version,
        outcome=outcome,
        reasons="The panel's reasons.",
        **values,
    )
    blocks = presenters.letter(decision, calendar=working_days(), area_name="Northbridge Council")
    return "\n".join([b.text for b in blocks] + [f"{k}: {v}" for b in blocks for k, v in b.rows])


def test_a_deferred_decision_says_the_panel_needs_more_information_and_gives_no_appeal(area):
    said = _letter(area, "assess", "deferred")
    assert "needs more information before it can decide" in said and "The panel's reasons." in said
    assert "appeal" not in said and "SENDIASS" in said


def test_an_agreed_placement_names_the_setting_and_gives_no_appeal_until_the_plan_names_it(area):
    said = _letter(area, "placement", "agreed", placement="Northbridge Park School")
    assert "should go to Northbridge Park School" in said
    assert "appeal" not in said


@pytest.mark.parametrize(
    ("outcome", "sentence"), [("agreed", "We have decided to carry out"), ("refused", "not to carry out")]
)
def test_a_decision_whether_to_assess_says_what_was_decided(area, outcome, sentence):
    said = _letter(area, "assess", outcome, notified_on=date(2026, 11, 13))
    assert sentence in said
    assert ("The last day to appeal is 13 January 2027" in said) == (outcome == "refused")
