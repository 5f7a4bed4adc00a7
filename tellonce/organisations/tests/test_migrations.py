"""Existing databases keep working: settings recorded with the old five phases are given the new
phase, the year groups and a sixth form that keep the phase-transfer years they had (migration
0003, ADR 51)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("organisations", "0002_team_email")]
AFTER = [("organisations", "0003_setting_phase_and_years")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_old_phase_and_type_becomes_a_new_phase_with_the_years_it_teaches():
    old = _migrate(BEFORE)
    try:
        council = old.get_model("organisations", "LocalAuthority").objects.create(
            name="Old Council", code="997"
        )
        setting = old.get_model("organisations", "Setting").objects
        rows = [
            ("early_years", "early_years"),
            ("primary", "mainstream"),
            ("primary", "resourced_provision"),
            ("secondary", "sen_unit"),
            ("all_through", "mainstream"),
            ("all_through", "maintained_special"),
            ("secondary", "academy_special"),
            ("all_through", "non_maintained_special"),
            ("post_16", "fe_college"),
            ("post_16", "specialist_post_16"),
            ("post_16", "mainstream"),
        ]
        for phase, kind in rows:
            setting.create(name=f"{phase} {kind}", phase=phase, setting_type=kind, local_authority=council)
        new = _migrate(AFTER).get_model("organisations", "Setting").objects
        found = {
            s.name: (s.phase, s.lowest_year, s.highest_year, s.has_sixth_form, s.setting_type)
            for s in new.filter(local_authority__code="997")
        }
        assert found == {
            "early_years early_years": ("nursery", -2, -1, False, "early_years"),
            "primary mainstream": ("primary", 0, 6, False, "mainstream"),
            "primary resourced_provision": ("primary", 0, 6, False, "resourced_provision"),
            "secondary sen_unit": ("secondary", 7, 11, False, "sen_unit"),
            "all_through mainstream": ("all_through", 0, 13, True, "mainstream"),
            "all_through maintained_special": ("special", 0, 14, False, "maintained_special"),
            "secondary academy_special": ("special", 7, 11, False, "academy_special"),
            "all_through non_maintained_special": ("non_maintained", 0, 14, False, "non_maintained_special"),
            "post_16 fe_college": ("fe_college", 12, 14, False, "fe_college"),
            "post_16 specialist_post_16": ("special", 12, 14, False, "specialist_post_16"),
            "post_16 mainstream": ("sixth_form_college", 12, 13, False, "mainstream"),
        }
        back = _migrate(BEFORE).get_model("organisations", "Setting").objects
        assert {s.name: s.phase for s in back.filter(local_authority__code="997")} == {
            name: name.split()[0] for name in found
        }, "going back gives each setting its old phase"
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
