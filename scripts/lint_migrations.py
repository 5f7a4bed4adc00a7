"""Fails when a migration would hurt a live PostgreSQL database during an upgrade, unless it is
listed in scripts/migrations-reviewed.txt with the reason it is safe. Run by `make lint`.

What it flags (docs/deploying.md, "Upgrading"; ADR 69):
- a NOT NULL column added to an existing table without a database default (`db_default`): the
  running old code inserts rows without it and fails until it is restarted, and a table with rows
  needs a value for every one of them;
- a column whose PostgreSQL type changes (AlterField): PostgreSQL rewrites the whole table under
  an exclusive lock (widening a varchar, or varchar to text, does not, and is not flagged);
- a column made NOT NULL (AlterField): PostgreSQL reads the whole table under an exclusive lock.

A table created in the same migration is empty, so nothing on it is flagged. RunSQL and RunPython
are not read. The reviewed list has one migration a line, `app_label.migration_name  reason`."""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REVIEWED = ROOT / "scripts" / "migrations-reviewed.txt"
VARCHAR = re.compile(r"varchar\((\d+)\)")


def _postgresql():
    """A PostgreSQL connection object, never connected: only its column types are read."""
    from django.db.utils import ConnectionHandler

    settings = {"ENGINE": "django.db.backends.postgresql", "NAME": "lint"}
    return ConnectionHandler({"default": settings})["default"]


def _rewrites(old_type: str | None, new_type: str | None) -> bool:
    if old_type == new_type or old_type is None or new_type is None:
        return False
    old, new = VARCHAR.fullmatch(old_type), VARCHAR.fullmatch(new_type)
    if old and (new_type == "text" or (new and int(new.group(1)) >= int(old.group(1)))):
        return False
    return True


def _column_type(field, connection) -> str | None:
    if field.is_relation:  # its type follows the target's key, which an unrendered state cannot say
        return None
    return field.db_type(connection)


def _as_field_operations(operations):
    """Each operation, with one that changes a field on several models at once (the council's key,
    ADR 80) read as the AddField or AlterField it stands for on each."""
    for operation in operations:
        yield from getattr(operation, "field_operations", lambda op=operation: [op])()


def check(migration, state, connection=None) -> list[str]:
    """What `migration` does that is unsafe on a live database, given the project state before it.
    The state is moved forward through the migration's operations."""
    from django.db.migrations import operations
    from django.db.models.fields import NOT_PROVIDED

    connection = connection or _postgresql()
    app = migration.app_label
    new_tables: set[tuple[str, str]] = set()
    found = []
    for operation in _as_field_operations(migration.operations):
        if isinstance(operation, operations.CreateModel):
            new_tables.add((app, operation.name_lower))
        elif isinstance(operation, (operations.AddField, operations.AlterField)):
            key = (app, operation.model_name_lower)
            field = operation.field
            where = f"{operation.model_name}.{operation.name}"
            if key in new_tables or field.many_to_many:
                pass
            elif isinstance(operation, operations.AddField):
                if not field.null and field.db_default is NOT_PROVIDED:
                    found.append(f"adds the NOT NULL column {where} without a database default")
            else:
                old = state.models[key].fields[operation.name]
                if _rewrites(_column_type(old, connection), _column_type(field, connection)):
                    found.append(
                        f"changes the type of {where} from {_column_type(old, connection)} to "
                        f"{_column_type(field, connection)}, which rewrites the table"
                    )
                if old.null and not field.null:
                    found.append(f"makes {where} NOT NULL, which reads the whole table under a lock")
        operation.state_forwards(app, state)
    return found


def reviewed(path: Path = REVIEWED) -> dict[str, str]:
    """The reviewed list: migration ("app.name") to the reason it is safe ("" when none given)."""
    entries = {}
    for line in path.read_text().splitlines() if path.exists() else []:
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            entries[name] = reason.strip()
    return entries


def findings(apps_prefix: str = "tellonce.") -> dict[str, list[str]]:
    """Every flagged migration of the project's own apps, in the order they apply."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.state import ProjectState

    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = {config.label for config in apps.get_app_configs() if config.name.startswith(apps_prefix)}
    plan: list[tuple[str, str]] = []
    seen = set()
    for leaf in sorted(loader.graph.leaf_nodes()):
        for key in loader.graph.forwards_plan(leaf):
            if key not in seen:
                seen.add(key)
                plan.append(key)
    state = ProjectState(real_apps=loader.unmigrated_apps)
    connection = _postgresql()
    flagged = {}
    for key in plan:
        migration = loader.graph.nodes[key]
        found = check(migration, state, connection)
        if found and key[0] in ours:
            flagged[f"{key[0]}.{key[1]}"] = found
    return flagged


def problems(flagged: dict[str, list[str]], allowed: dict[str, str]) -> list[str]:
    out = []
    for name, found in flagged.items():
        if name not in allowed:
            out += [f"{name}: {what}" for what in found]
        elif not allowed[name]:
            out.append(f"{name}: is in {REVIEWED.name} without the reason it is safe")
    out += [
        f"{name}: is in {REVIEWED.name} but flags nothing (remove the line)"
        for name in allowed
        if name not in flagged
    ]
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tellonce.config.settings.test")
    import django

    django.setup()
    found = problems(findings(), reviewed())
    for line in found:
        print(line)
    if found:
        print(
            f"\n{len(found)} migration problem(s). Make the migration safe on a live database (a db_default,"
            " a nullable column filled in later, a new column instead of a type change), or add it to"
            f" scripts/{REVIEWED.name} with the reason it is safe (docs/deploying.md, 'Upgrading').",
            file=sys.stderr,
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
