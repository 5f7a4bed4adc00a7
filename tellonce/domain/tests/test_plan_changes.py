"""What changed between two versions of a plan (CoP 9.77-9.79; reg. 22)."""

from dataclasses import replace

from tellonce.domain.plan_changes import ChangeKind, changes
from tellonce.domain.plan_content import Placement, Section
from tellonce.domain.tests.test_plan_quality import CAREERS, GOOD, GOOD_VIEWS, LITERACY


def test_identical_versions_have_no_changes():
    assert changes(GOOD, GOOD) == []


def test_a_changed_item_shows_as_one_change_with_before_and_after():
    new = replace(GOOD, provision={**GOOD.provision, Section.F: (replace(LITERACY, times=5), CAREERS)})
    [change] = changes(GOOD, new)
    assert (change.section, change.kind) == (Section.F, ChangeKind.CHANGED)
    assert change.what == "Provision: Precision teaching of sight words"
    assert "3 times a week" in change.before and "5 times a week" in change.after


def test_added_and_removed_items_and_fields_are_listed_in_section_order():
    new = replace(
        GOOD,
        views=replace(GOOD_VIEWS, my_story_so_far=""),
        provision={
            **GOOD.provision,
            Section.F: (CAREERS, replace(LITERACY, key="p-new", what="Touch typing")),
        },
        placement=Placement(name="Oak College", setting_type=GOOD.placement.setting_type),
    )
    found = [(c.section, c.kind, c.what) for c in changes(GOOD, new)]
    assert found == [
        (Section.A, ChangeKind.REMOVED, "My story so far"),
        (Section.F, ChangeKind.REMOVED, "Provision: Precision teaching of sight words"),
        (Section.F, ChangeKind.ADDED, "Provision: Touch typing"),
        (Section.I, ChangeKind.CHANGED, "Setting"),
    ]
