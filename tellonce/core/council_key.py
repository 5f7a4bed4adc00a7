"""The council's key on every record a council holds (ADR 80).

A model that holds a council's records and has no council of its own to choose inherits
`CouncilOwned` and names the parent its council comes from, one step up:

    class TimelineEvent(CouncilOwned, models.Model):
        council_from = "child"

`local_authority` is then filled from the parent whenever the record is saved or written by
`bulk_create` (both go through `_prepare_related_fields_for_save`), from the parent object when it is
already loaded, else with one query. Writers of many rows call `fill_councils` first, which looks
the parents' councils up with one query a thousand parents; the raw row writers (`insert_new`,
the demo's `insert_rows`) call it themselves. Data migrations backfill with `backfill_council`."""

import os
from collections.abc import Iterable, MutableMapping
from typing import Any, ClassVar

from django.db import migrations, models
from django.db.migrations.operations.base import Operation

KEY = "local_authority"
CHUNK = 900


def key_attname(model: type[models.Model]) -> str:
    """The column that names a model's council: `local_authority_id`, or `council_id` for the
    prepared files, which named it first."""
    names = {f.name for f in model._meta.concrete_fields}
    return "local_authority_id" if KEY in names else "council_id"


class CouncilOwned(models.Model):
    """A record of one council's, keyed by it and filled from `council_from`, a foreign key to a
    record that already names its council."""

    council_from: ClassVar[str]

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+", db_index=True
    )

    class Meta:
        abstract = True

    def _prepare_related_fields_for_save(self, operation_name: str, fields: Any = None) -> None:
        if self.local_authority_id is None:
            self.local_authority_id = _parents_council(self)
        super()._prepare_related_fields_for_save(operation_name, fields)


def same_council(related: str) -> models.Q:
    """The record at the relation `related` belongs to the record's own council. True of every row,
    since a key is filled from its parent (so this narrows nothing); written into a query as a
    condition between the two keys, it lets PostgreSQL read the related rows by the council's key
    rather than every council's (ADR 97)."""
    return models.Q(**{f"{related}__local_authority_id": models.F("local_authority_id")})


def _parents_council(obj: CouncilOwned):
    field = obj._meta.get_field(obj.council_from)
    if field.is_cached(obj):
        parent = field.get_cached_value(obj)
        if parent is None:
            return None
        return getattr(parent, key_attname(type(parent)))
    parent_id = getattr(obj, field.attname)
    if parent_id is None:
        return None
    parent_model = field.related_model
    return (
        parent_model._base_manager.filter(pk=parent_id)
        .values_list(key_attname(parent_model), flat=True)
        .first()
    )


def is_council_owned(model: type[models.Model]) -> bool:
    return issubclass(model, CouncilOwned)


def _councils_of(parent_model: type[models.Model], ids: set) -> dict:
    found: dict = {}
    ids_list = list(ids)
    attname = key_attname(parent_model)
    for start in range(0, len(ids_list), CHUNK):
        found.update(
            parent_model._base_manager.filter(pk__in=ids_list[start : start + CHUNK]).values_list(
                "pk", attname
            )
        )
    return found


def fill_councils[M: models.Model](objs: Iterable[M]) -> list[M]:
    """Set the council on unsaved records of a `CouncilOwned` model before `bulk_create`, with one
    query a thousand parents that are not loaded. Returns `objs`, so that
    `Model.objects.bulk_create(fill_councils(rows))` reads as one step."""
    objs = objs if isinstance(objs, list) else list(objs)
    missing = [o for o in objs if isinstance(o, CouncilOwned) and o.local_authority_id is None]
    if not missing:
        return objs
    field = missing[0]._meta.get_field(missing[0].council_from)
    pending = []
    for obj in missing:
        if field.is_cached(obj) and field.get_cached_value(obj) is not None:
            parent = field.get_cached_value(obj)
            obj.local_authority_id = getattr(parent, key_attname(type(parent)))
        else:
            pending.append(obj)
    if pending:
        councils = _councils_of(field.related_model, {getattr(o, field.attname) for o in pending})
        for obj in pending:
            obj.local_authority_id = councils.get(getattr(obj, field.attname))
    return objs


def fill_council_rows(model: type[models.Model], rows: list[MutableMapping]) -> None:
    """As `fill_councils`, for rows given as dicts by attribute name (the demo's `insert_rows`)."""
    if not is_council_owned(model):
        return
    field = model._meta.get_field(model.council_from)  # type: ignore[attr-defined]
    pending = [r for r in rows if r.get("local_authority_id") is None]
    if not pending:
        return
    councils = _councils_of(field.related_model, {r[field.attname] for r in pending})
    for row in pending:
        row["local_authority_id"] = councils.get(row[field.attname])


def backfill_council(app_label: str, model_name: str, path: str, *, batch: int | None = None):
    """A RunPython step: set `local_authority` on `app_label.model_name`'s rows that lack it, from
    `path` (foreign keys to a record that already had its council, e.g. "plan_version__plan__child"),
    `batch` rows an UPDATE (TELLONCE_BACKFILL_BATCH, 5,000 unless set) ... SET = (subquery), so a large table is not held in one statement.
    Works on SQLite and PostgreSQL. Constraints are checked at once on PostgreSQL, so that a later
    step of the same migration may alter the table."""

    def run(apps, schema_editor):
        size = batch or int(os.environ.get("TELLONCE_BACKFILL_BATCH", "5000"))
        model = apps.get_model(app_label, model_name)
        first, _, rest = path.partition("__")
        parent = model._meta.get_field(first).related_model
        parent_key = key_attname(parent) if not rest else None
        source = f"{rest}__local_authority_id" if rest else parent_key
        council = models.Subquery(
            parent._base_manager.filter(pk=models.OuterRef(f"{first}_id")).values(source)[:1]
        )
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        done = None
        while True:
            pending = model._base_manager.filter(local_authority__isnull=True)
            if done is not None:
                pending = pending.filter(pk__gt=done)
            ids = list(pending.order_by("pk").values_list("pk", flat=True)[:size])
            if not ids:
                return
            model._base_manager.filter(pk__in=ids).update(local_authority_id=council)
            done = ids[-1]

    return run


def _key_field(*, null: bool) -> models.ForeignKey:
    return models.ForeignKey(
        "organisations.LocalAuthority", null=null, on_delete=models.PROTECT, related_name="+"
    )


def _pointing_at(apps, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """`keys` and every model of the rendered `apps` whose relations or bases lead to one of them:
    the models to render again when these change so that none points at an old class. Django's
    reload of a foreign key renders every model related either way to it or to its target, and
    the council reaches nearly every model; a model a changed one points at is not changed."""
    pointing: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        targets = [
            f.related_model
            for f in [*opts.local_fields, *opts.local_many_to_many, *opts.private_fields]
            if f.is_relation and f.related_model is not None and not isinstance(f.related_model, str)
        ]
        targets += [*opts.parents, *([opts.proxy_for_model] if opts.proxy_for_model else [])]
        for target in targets:
            pointing.setdefault((target._meta.app_label, target._meta.model_name), set()).add(
                (opts.app_label, opts.model_name)
            )
    found = set(keys)
    queue = list(keys)
    while queue:
        for key in pointing.get(queue.pop(), ()):
            if key not in found:
                found.add(key)
                queue.append(key)
    return found


class _CouncilKeys(Operation):
    """The council's key on several models of one app in one step. The database work is each
    model's AddField or AlterField; the migration state is changed for all of them and rendered
    once, rather than once a model: a foreign key to the council reloads nearly every model, and
    80 such reloads made `migrate` (and so every test run's database) minutes slower. The render is
    a fresh one if an earlier operation left the state "delayed", else of the changed models and
    those leading to them; either way the state is left whole, so that a RunPython after it does not
    render the whole project again for itself (ADR 84)."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_names: list[str]) -> None:
        self.model_names = model_names

    def deconstruct(self):
        return (self.__class__.__name__, [self.model_names], {})

    def _old(self) -> models.ForeignKey | None:
        raise NotImplementedError

    def _new(self) -> models.ForeignKey:
        raise NotImplementedError

    def state_forwards(self, app_label, state):
        self._set(app_label, state, self._new())

    def _set(self, app_label, state, field) -> None:
        keys = [(app_label, name.lower()) for name in self.model_names]
        for key in keys:
            if field is None:
                del state.models[key].fields[KEY]
            else:
                state.models[key].fields[KEY] = field.clone()
            if state._relations is not None:
                if field is None:
                    state._relations = None  # rebuilt on demand
                else:
                    state.resolve_model_field_relations(key, KEY, field)
        if "apps" not in state.__dict__:
            return
        if state.is_delayed:
            # An earlier operation left some models pointing at models since reloaded: render
            # afresh, which costs about as much as Django's own reload of a key to the council
            # (nearly every model), and leaves the state whole, so the backfills' RunPython that
            # follow need not each render the whole project again (ADR 84).
            del state.__dict__["apps"]
            state.is_delayed = False
            state.apps  # noqa: B018 (renders)
        else:
            state._reload(_pointing_at(state.apps, keys))

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for name in self.model_names:
            to_model = to_state.apps.get_model(app_label, name)
            if not self.allow_migrate_model(schema_editor.connection.alias, to_model):
                continue
            from_model = from_state.apps.get_model(app_label, name)
            self._forwards(schema_editor, from_model, to_model)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for name in self.model_names:
            to_model = to_state.apps.get_model(app_label, name)
            if not self.allow_migrate_model(schema_editor.connection.alias, to_model):
                continue
            from_model = from_state.apps.get_model(app_label, name)
            self._backwards(schema_editor, from_model, to_model)

    def field_operations(self) -> list[Operation]:
        """The AddField or AlterField this stands for on each model (read by scripts/lint_migrations.py)."""
        kind = migrations.AddField if isinstance(self, AddCouncilKeys) else migrations.AlterField
        return [kind(model_name=name.lower(), name=KEY, field=self._new()) for name in self.model_names]

    def describe(self):
        return f"{type(self).__name__} on {', '.join(self.model_names)}"


class AddCouncilKeys(_CouncilKeys):
    """AddField of the council's key, nullable, on each model named."""

    def _new(self):
        return _key_field(null=True)

    def state_backwards(self, app_label, state):
        self._set(app_label, state, None)

    def _forwards(self, schema_editor, from_model, to_model):
        schema_editor.add_field(from_model, to_model._meta.get_field(KEY))

    def _backwards(self, schema_editor, from_model, to_model):
        schema_editor.remove_field(from_model, from_model._meta.get_field(KEY))

    @property
    def migration_name_fragment(self):
        return "council_key"


class RequireCouncilKeys(_CouncilKeys):
    """AlterField of the council's key to NOT NULL on each model named."""

    def _new(self):
        return _key_field(null=False)

    def state_backwards(self, app_label, state):
        self._set(app_label, state, _key_field(null=True))

    def _forwards(self, schema_editor, from_model, to_model):
        schema_editor.alter_field(from_model, from_model._meta.get_field(KEY), to_model._meta.get_field(KEY))

    def _backwards(self, schema_editor, from_model, to_model):
        schema_editor.alter_field(from_model, from_model._meta.get_field(KEY), to_model._meta.get_field(KEY))

    @property
    def migration_name_fragment(self):
        return "council_key_required"
