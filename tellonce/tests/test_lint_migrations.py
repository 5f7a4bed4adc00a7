"""scripts/lint_migrations.py: migrations unsafe on a live PostgreSQL are flagged unless reviewed."""

import importlib.util
from pathlib import Path

import pytest
from django.db import migrations, models
from django.db.migrations.state import ModelState, ProjectState

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lint():
    spec = importlib.util.spec_from_file_location("lint_migrations", ROOT / "scripts" / "lint_migrations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _state() -> ProjectState:
    state = ProjectState()
    state.add_model(
        ModelState(
            "people",
            "Child",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=50)),
                ("notes", models.CharField(max_length=50, null=True)),
            ],
        )
    )
    return state


def _migration(*operations) -> migrations.Migration:
    migration = migrations.Migration("0002_change", "people")
    migration.operations = list(operations)
    return migration


def test_a_not_null_column_added_without_a_database_default_is_flagged(lint):
    added = migrations.AddField("child", "uln", models.CharField(max_length=10, default=""))
    assert lint.check(_migration(added), _state()) == [
        "adds the NOT NULL column child.uln without a database default"
    ]


@pytest.mark.parametrize(
    "field",
    [
        models.CharField(max_length=10, null=True),
        models.CharField(max_length=10, db_default=""),
        models.BooleanField(db_default=False),
    ],
)
def test_a_nullable_column_or_one_with_a_database_default_passes(lint, field):
    assert lint.check(_migration(migrations.AddField("child", "uln", field)), _state()) == []


def test_columns_of_a_table_created_in_the_same_migration_pass(lint):
    created = migrations.CreateModel("Placement", [("id", models.BigAutoField(primary_key=True))])
    added = migrations.AddField("placement", "urn", models.CharField(max_length=6))
    changed = migrations.AlterField("placement", "urn", models.IntegerField())
    assert lint.check(_migration(created, added, changed), _state()) == []


def test_a_column_type_change_that_rewrites_the_table_is_flagged(lint):
    changed = migrations.AlterField("child", "name", models.IntegerField())
    assert lint.check(_migration(changed), _state()) == [
        "changes the type of child.name from varchar(50) to integer, which rewrites the table"
    ]


@pytest.mark.parametrize("field", [models.CharField(max_length=200), models.TextField()])
def test_widening_a_varchar_or_making_it_text_passes(lint, field):
    assert lint.check(_migration(migrations.AlterField("child", "name", field)), _state()) == []


def test_making_a_column_not_null_is_flagged(lint):
    changed = migrations.AlterField("child", "notes", models.CharField(max_length=50))
    assert lint.check(_migration(changed), _state()) == [
        "makes child.notes NOT NULL, which reads the whole table under a lock"
    ]


def test_the_state_moves_forward_so_a_later_operation_sees_an_earlier_one(lint):
    added = migrations.AddField("child", "upn", models.CharField(max_length=13, null=True))
    tightened = migrations.AlterField("child", "upn", models.CharField(max_length=13))
    assert lint.check(_migration(added, tightened), _state()) == [
        "makes child.upn NOT NULL, which reads the whole table under a lock"
    ]


def test_a_flagged_migration_passes_only_when_reviewed_with_a_reason(lint):
    flagged = {"people.0002_change": ["adds the NOT NULL column child.uln without a database default"]}
    assert lint.problems(flagged, {}) == [
        "people.0002_change: adds the NOT NULL column child.uln without a database default"
    ]
    assert lint.problems(flagged, {"people.0002_change": "Ran on an empty table."}) == []
    assert lint.problems(flagged, {"people.0002_change": ""}) == [
        "people.0002_change: is in migrations-reviewed.txt without the reason it is safe"
    ]


def test_a_reviewed_line_for_a_migration_that_flags_nothing_must_go(lint):
    assert lint.problems({}, {"people.0009_fine": "No longer needed."}) == [
        "people.0009_fine: is in migrations-reviewed.txt but flags nothing (remove the line)"
    ]


def test_the_reviewed_list_is_read_with_its_reasons_and_comments_skipped(lint, tmp_path):
    listed = tmp_path / "reviewed.txt"
    listed.write_text("# a comment\n\npeople.0002_change Ran on an empty table.\nplans.0003_x\n")
    assert lint.reviewed(listed) == {"people.0002_change": "Ran on an empty table.", "plans.0003_x": ""}


def test_the_projects_migrations_pass_the_check(lint):
    flagged = lint.findings()
    assert flagged, "the early migrations are flagged and reviewed; none flagged means the check broke"
    assert lint.problems(flagged, lint.reviewed()) == []
