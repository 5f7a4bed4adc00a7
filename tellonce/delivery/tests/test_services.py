"""A plan's provision becomes commitments; a half-term's delivery is recorded with its reasons; the
family reports what was not received; the coordinator's escalations, follow-up and the figures."""

from datetime import date

import pytest

from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import acting
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.work import WorkList
from tellonce.delivery import overview, services, work
from tellonce.delivery.expectations import expected_in, half_terms_around
from tellonce.delivery.models import Commitment, DeliveryRecord, DeliveryRules, HalfTermDate
from tellonce.delivery.tests.builders import TODAY, commitments
from tellonce.domain.delivery import england_half_terms
from tellonce.organisations.tests.factories import LocalAuthorityFactory

AUTUMN_2, SPRING_1, SPRING_2 = england_half_terms(2025)[1:4]


@pytest.fixture
def made(area):
    return commitments(area)


def _record(
    area, commitment, half_term, outcome, delivered=None, reason="", text="", who="SENCO at the school"
):
    return services.record_delivery(
        commitment,
        half_term,
        outcome=outcome,
        delivered=delivered,
        reason=reason,
        reason_text=text,
        by=acting(area.users[who]),
        today=TODAY,
    )


def test_each_provision_item_of_the_plan_in_force_becomes_a_commitment_with_who_delivers_it(area, made):
    assert set(made) == {"f", "g-1", "g-2", "h-1"}
    assert made["f"].setting == area.child.setting and made["f"].rule.times == 3
    assert made["g-1"].team == area.users["therapist asked to help"].team
    assert made["g-1"].rule.minutes == 45
    assert made["h-1"].rule.weeks == 6
    # "as needed" says no frequency: left for the coordinator, not guessed
    assert made["g-2"].rule is None
    assert made["f"].starts_on == date(2025, 11, 3)


def test_bringing_up_to_date_again_changes_nothing_and_an_item_taken_out_is_ended(area, made):
    plan = made["f"].plan
    assert services.bring_up_to_date(plan, by=acting(area.users["coordinator"]), today=TODAY) == {
        "added": 0,
        "changed": 0,
        "ended": 0,
        "to set by hand": 1,
    }
    section = plan.in_force().sections.get(code="G")
    section.data = {**section.data, "items": section.data["items"][:1]}
    section.save()
    counts = services.bring_up_to_date(plan, by=acting(area.users["coordinator"]), today=TODAY)
    assert counts["ended"] == 1
    assert Commitment.objects.get(pk=made["g-2"].pk).ended_on == TODAY


def test_the_coordinator_sets_how_often_by_hand_and_words_that_say_nothing_are_refused(area, made):
    commitment = made["g-2"]
    with pytest.raises(InvalidStep):
        services.set_frequency(
            commitment,
            words="as needed",
            by=acting(area.users["coordinator"]),
            today=TODAY,
            expected_version=1,
        )
    services.set_frequency(
        commitment, words="termly", by=acting(area.users["coordinator"]), today=TODAY, expected_version=1
    )
    commitment.refresh_from_db()
    assert commitment.set_by_hand and commitment.rule.describe() == "Once a term"
    with pytest.raises(EditConflict):
        services.set_frequency(
            commitment, words="weekly", by=acting(area.users["coordinator"]), today=TODAY, expected_version=1
        )
    # bringing the commitments up to date keeps a frequency set by hand
    services.bring_up_to_date(commitment.plan, by=acting(area.users["coordinator"]), today=TODAY)
    commitment.refresh_from_db()
    assert commitment.rule.per == "term"


def test_the_expected_sessions_follow_the_rule_from_the_plans_start(made):
    # 3 times a week from Monday 3 November: autumn 2 has 7 school weeks
    assert expected_in(made["f"], AUTUMN_2).sessions == 21
    assert expected_in(made["g-1"], SPRING_1).sessions == 6
    # 6 weeks of short breaks from 3 November end in autumn 2
    assert expected_in(made["h-1"], AUTUMN_2).sessions == 6
    assert expected_in(made["h-1"], SPRING_1).sessions == 0
    assert expected_in(made["g-2"], SPRING_1) is None


def test_a_council_with_its_own_half_term_dates_is_counted_by_them(area, made):
    la = area.child.local_authority
    own = [(date(2025, 9, 1), date(2025, 10, 17)), (date(2025, 10, 27), date(2025, 12, 19))]
    own += [(h.starts_on, h.ends_on) for h in england_half_terms(2025)[2:]]
    for number, (starts, ends) in enumerate(own, start=1):
        HalfTermDate.objects.create(
            local_authority=la, school_year=2025, number=number, starts_on=starts, ends_on=ends
        )
    half_terms = half_terms_around(la.pk, TODAY, back=0)
    assert half_terms[1].starts_on == date(2025, 10, 27)
    # the weekly therapy from 3 November: 7 weeks of the council's longer autumn 2
    assert expected_in(made["g-1"], half_terms[1]).sessions == 7


def test_a_half_terms_delivery_is_recorded_with_its_reason_and_a_second_record_replaces_it(area, made):
    record = _record(area, made["f"], SPRING_1, "partly", delivered=10, reason="staff_absence")
    assert (record.expected, record.delivered, record.school_weeks) == (18, 10, 6)
    assert float(record.missed_weeks) == pytest.approx(6 * 8 / 18)
    _record(area, made["f"], SPRING_1, "delivered")
    assert DeliveryRecord.objects.get(commitment=made["f"]).delivered == 18


@pytest.mark.parametrize(
    ("outcome", "delivered", "reason", "text", "field"),
    [
        ("", None, "", "", "outcome"),
        ("partly", None, "vacancy", "", "delivered"),
        ("partly", 18, "vacancy", "", "delivered"),
        ("not_delivered", None, "", "", "reason"),
        ("not_delivered", None, "other", " ", "reason_text"),
    ],
)
def test_a_record_that_does_not_add_up_is_refused_with_the_field_to_put_right(
    area, made, outcome, delivered, reason, text, field
):
    with pytest.raises(InvalidStep) as refused:
        _record(area, made["f"], SPRING_1, outcome, delivered, reason, text)
    assert field in refused.value.fields
    assert not DeliveryRecord.objects.exists()


def test_a_half_term_not_yet_started_or_a_commitment_without_a_rule_cannot_be_recorded(area, made):
    summer_1 = england_half_terms(2025)[4]
    with pytest.raises(InvalidStep):
        _record(area, made["f"], summer_1, "delivered")
    with pytest.raises(InvalidStep):
        _record(area, made["g-2"], SPRING_1, "delivered", who="therapist asked to help")


def _first_agrees(coordinator) -> None:
    """What "My work" shows, read in SQL, is the whole list's first and count."""
    whole = WorkList.of(work.work_for(coordinator, today=TODAY), today=TODAY, shown=50)
    first = work.first_for(coordinator, today=TODAY, shown=50)
    assert first.items == whole.items and first.tallies == whole.tallies
    assert first.total == 1 and work.first_for(coordinator, today=TODAY, shown=0).total == 1


def test_weeks_missed_escalate_at_the_councils_threshold_until_the_coordinator_acts(area, made):
    coordinator = area.users["coordinator"]
    _record(
        area, made["g-1"], AUTUMN_2, "not_delivered", reason="waiting_list", who="therapist asked to help"
    )
    rows = overview.with_escalation(overview.needing_follow_up(coordinator), area.child.local_authority_id)
    assert [(c.pk, c.missed_weeks, c.escalated) for c in rows] == [(made["g-1"].pk, 7.0, True)]
    assert [item.url for item in work.work_for(coordinator, today=TODAY)] == [
        f"/delivery/commitments/{made['g-1'].pk}/follow-up/"
    ]
    _first_agrees(coordinator)
    DeliveryRules.objects.create(local_authority=area.child.local_authority, escalate_after_weeks=8)
    rows = overview.with_escalation(overview.needing_follow_up(coordinator), area.child.local_authority_id)
    assert not rows[0].escalated and work.work_for(coordinator, today=TODAY) == []
    assert work.first_for(coordinator, today=TODAY, shown=50) == WorkList()
    services.follow_up(made["g-1"], action="make_up", text="", by=acting(coordinator), today=TODAY)
    assert list(overview.needing_follow_up(coordinator)) == []
    # another coordinator's caseload is not theirs to follow up
    assert list(overview.needing_follow_up(area.users["other coordinator"])) == []


def test_the_familys_report_reaches_the_coordinator_at_once(area, made):
    coordinator = area.users["coordinator"]
    services.report_not_received(
        made["f"],
        text="No language group since Christmas",
        half_term_label="Spring 1 2026",
        sessions_missed=12,
        by=acting(area.users["parent"]),
        today=TODAY,
    )
    rows = overview.with_escalation(overview.needing_follow_up(coordinator), area.child.local_authority_id)
    assert [(c.pk, c.reported, c.escalated) for c in rows] == [(made["f"].pk, True, True)]
    assert "not received" in work.work_for(coordinator, today=TODAY)[0].what
    _first_agrees(coordinator)
    with pytest.raises(InvalidStep):
        services.follow_up(made["f"], action="other", text="", by=acting(coordinator), today=TODAY)
    services.follow_up(made["f"], action="change_provider", text="", by=acting(coordinator), today=TODAY)
    assert list(overview.needing_follow_up(coordinator)) == []


def test_the_figures_give_the_share_delivered_by_kind_provider_and_locality(area, made):
    _record(area, made["f"], SPRING_1, "partly", delivered=9, reason="staff_absence")
    _record(area, made["g-1"], SPRING_1, "not_delivered", reason="vacancy", who="therapist asked to help")
    board = area.users["board member"]
    shares = overview.shares(board, SPRING_1.starts_on, SPRING_2.starts_on)
    assert [(s.label, s.delivered, s.expected, s.in_full, s.records) for s in shares["overall"]] == [
        ("All provision", 9, 24, 0, 2)
    ]
    assert {s.label: (s.delivered, s.expected) for s in shares["kind"]} == {
        "Education": (9, 18),
        "Health": (0, 6),
    }
    assert {s.label for s in shares["provider"]} == {area.child.setting.name, made["g-1"].team.name}
    # a board of another council sees nothing of these
    stranger = UserFactory(
        role="board_member", local_authority=LocalAuthorityFactory(code="998", name="Elsewhere")
    )
    assert overview.shares(stranger, SPRING_1.starts_on, SPRING_2.starts_on)["overall"][0].records == 0


def test_the_designated_clinical_officer_sees_only_health_sections(area, made):
    _record(area, made["f"], SPRING_1, "delivered")
    _record(area, made["g-1"], SPRING_1, "delivered", who="therapist asked to help")
    dco = UserFactory(role="dco", local_authority=area.child.local_authority)
    shares = overview.shares(dco, SPRING_1.starts_on, SPRING_2.starts_on)
    assert [s.label for s in shares["kind"]] == ["Health"]


def test_the_children_waiting_longest_are_those_not_delivered_for_longest(area, made):
    board = area.users["board member"]
    _record(area, made["g-1"], AUTUMN_2, "delivered", who="therapist asked to help")
    _record(area, made["g-1"], SPRING_1, "not_delivered", reason="vacancy", who="therapist asked to help")
    _record(area, made["g-1"], SPRING_2, "not_delivered", reason="vacancy", who="therapist asked to help")
    _record(area, made["f"], AUTUMN_2, "not_delivered", reason="waiting_list")
    _record(area, made["f"], SPRING_1, "partly", delivered=2, reason="staff_absence")
    waiting = list(overview.waiting_longest(board))
    assert [(c.pk, c.waiting_since, c.latest_reason) for c in waiting] == [
        (made["g-1"].pk, SPRING_1.starts_on, "vacancy")
    ]


def test_the_review_summary_adds_up_delivery_since_the_last_review(area, made):
    _record(area, made["f"], AUTUMN_2, "delivered")
    _record(area, made["f"], SPRING_1, "partly", delivered=9, reason="staff_absence")
    _record(area, made["g-1"], SPRING_1, "not_delivered", reason="vacancy", who="therapist asked to help")
    summary = {s.commitment.pk: s for s in overview.summary_since(made["f"].plan_id, SPRING_1.starts_on)}
    language = summary[made["f"].pk]
    assert (language.expected, language.delivered, language.reasons) == (18, 9, ("Staff absence",))
    assert summary[made["g-1"].pk].reasons == ("A vacancy: no one in post to deliver it",)
    everything = {s.commitment.pk: s for s in overview.summary_since(made["f"].plan_id, None)}
    assert everything[made["f"].pk].expected == 39 and everything[made["f"].pk].half_terms == 2


def test_the_follow_up_list_and_work_take_a_fixed_number_of_queries(
    area, made, django_assert_max_num_queries
):
    _record(area, made["g-1"], AUTUMN_2, "not_delivered", reason="vacancy", who="therapist asked to help")
    _record(area, made["f"], AUTUMN_2, "not_delivered", reason="vacancy")
    with django_assert_max_num_queries(3):
        assert len(work.work_for(area.users["coordinator"], today=TODAY)) == 2
