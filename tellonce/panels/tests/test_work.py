"""The panel's work for "My work": decisions to record, letters to send, refusals to look at again."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.conftest import acting
from tellonce.panels import services
from tellonce.panels.tests.builders import panel_for, request_for
from tellonce.panels.work import work_for

TODAY = date(2026, 11, 20)


@pytest.fixture
def put(area):
    panel, members, meeting = panel_for(area, held_on=date(2026, 11, 12), today=TODAY)
    case = request_for(area, received_on=date(2026, 10, 1), today=TODAY)
    return services.put_case(meeting, case, by=acting(area.users["coordinator"]), today=TODAY, kind="assess")


def test_a_case_at_a_past_meeting_without_a_decision_is_the_coordinators_work(area, put):
    items = work_for(area.users["coordinator"], today=TODAY)
    assert [(i.kind, i.due_on, i.child_name) for i in items] == [
        ("Panel decisions to record", date(2026, 11, 12), area.child.full_name)
    ]
    assert work_for(area.users["other coordinator"], today=TODAY) == []
    assert work_for(area.users["parent"], today=TODAY) == []


def test_a_refusal_gives_a_letter_to_send_then_a_date_to_look_again(area, put):
    decision = services.record_decision(
        put,
        by=acting(area.users["coordinator"]),
        today=TODAY,
        expected_version=put.version,
        outcome="refused",
        reasons="Needs can be met at SEN support",
        notified_on=date(2026, 11, 13),
        look_again_on=date(2026, 12, 1),
    )
    kinds = {i.kind: i.due_on for i in work_for(area.users["manager"], today=TODAY)}
    assert kinds == {
        "Panel letters to send": date(2026, 11, 13),
        "Look again after a refusal": date(2026, 12, 1),
    }
    services.letter_sent(
        decision,
        by=acting(area.users["coordinator"]),
        today=TODAY,
        expected_version=decision.version,
        sent_on=TODAY,
    )
    assert [i.kind for i in work_for(area.users["coordinator"], today=TODAY)] == [
        "Look again after a refusal"
    ]


def test_the_work_list_takes_three_queries_however_many_cases(area, put):
    for n in range(5):
        case = request_for(area, received_on=date(2026, 9, n + 1), today=TODAY)
        services.put_case(put.meeting, case, by=acting(area.users["coordinator"]), today=TODAY, kind="issue")
    with CaptureQueriesContext(connection) as queries:
        items = work_for(area.users["coordinator"], today=TODAY)
    assert len(items) == 6
    assert len(queries) == 3
