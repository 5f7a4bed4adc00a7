"""The council's key operations change the migration state without leaving it inconsistent (ADR 84).

`AddCouncilKeys` and `RequireCouncilKeys` render again only the models they change and those that
lead to them, or the whole state afresh when an earlier operation left it "delayed". Either way no
rendered model may point at a class the state no longer holds, or the backfills' queries (which
follow foreign keys up to the council) and later operations would read an old model."""

import pytest
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState

from tellonce.core.council_key import KEY, AddCouncilKeys, RequireCouncilKeys

# A central app (plans and their versions, which many models point at) and one with leaves
CASES = [
    ("plans", "0009_council_key"),
    ("plans", "0010_council_key_required"),
    ("people", "0007_council_key"),
]


def _state_before(app_label: str, name: str):
    """The project state just before the migration, as `migrate` on an empty database has it: with
    every migration that comes before it in the whole plan (other apps' models pointing at these)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    plan: list[tuple[str, str]] = []
    for leaf in loader.graph.leaf_nodes():
        plan += [node for node in loader.graph.forwards_plan(leaf) if node not in plan]
    state = ProjectState(real_apps=loader.unmigrated_apps)
    for node in plan[: plan.index((app_label, name))]:
        state = loader.get_migration(*node).mutate_state(state, preserve=False)
    state.apps  # noqa: B018 (renders, as migrate does before it applies a migration)
    migration = loader.get_migration(app_label, name)
    op = next(o for o in migration.operations if isinstance(o, AddCouncilKeys | RequireCouncilKeys))
    return state, op


def _stale_references(state) -> list[str]:
    """Each relation or base of a rendered model that names a class other than the state's own."""
    apps = state.apps
    stale = []
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        for field in [*opts.local_fields, *opts.local_many_to_many]:
            target = field.related_model
            if field.is_relation and target is not None and not isinstance(target, str):
                if apps.get_model(target._meta.app_label, target._meta.model_name) is not target:
                    stale.append(f"{opts.label}.{field.name} -> an old {target._meta.label}")
        for parent in opts.parents:
            if apps.get_model(parent._meta.app_label, parent._meta.model_name) is not parent:
                stale.append(f"{opts.label} inherits an old {parent._meta.label}")
    return stale


def _key_nulls(state, app_label, op) -> dict[str, bool | None]:
    found = {}
    for name in op.model_names:
        model = state.apps.get_model(app_label, name)
        fields = {f.name: f for f in model._meta.fields}
        found[name] = fields[KEY].null if KEY in fields else None
    return found


@pytest.mark.parametrize(("app_label", "name"), CASES)
@pytest.mark.parametrize("delayed", [False, True], ids=["whole state", "delayed state"])
def test_the_keys_operation_leaves_no_model_pointing_at_an_old_class(app_label, name, delayed):
    state, op = _state_before(app_label, name)
    state.is_delayed = delayed
    before = _key_nulls(state, app_label, op)

    op.state_forwards(app_label, state)

    assert _stale_references(state) == []
    assert state.is_delayed is False
    expected = True if isinstance(op, AddCouncilKeys) else False
    assert _key_nulls(state, app_label, op) == dict.fromkeys(op.model_names, expected)
    assert before != _key_nulls(state, app_label, op)


@pytest.mark.parametrize(("app_label", "name"), CASES)
def test_going_back_leaves_no_model_pointing_at_an_old_class(app_label, name):
    state, op = _state_before(app_label, name)
    before = _key_nulls(state, app_label, op)
    op.state_forwards(app_label, state)

    op.state_backwards(app_label, state)

    assert _stale_references(state) == []
    assert _key_nulls(state, app_label, op) == before


def test_a_model_the_changed_ones_do_not_lead_to_is_not_rendered_again():
    state, op = _state_before("people", "0007_council_key")
    council = state.apps.get_model("organisations", "LocalAuthority")
    group = state.apps.get_model("auth", "Group")

    op.state_forwards("people", state)

    assert state.apps.get_model("organisations", "LocalAuthority") is council
    assert state.apps.get_model("auth", "Group") is group
