"""The access log's council key and time lose the indexes of their own (ADR 107): the (council, -at)
index serves every read by council. Written as two DROP INDEX statements, not as Django's own
AlterField, which on PostgreSQL drops and adds back the foreign key and so checks every event of
the log again under a lock."""

import django.db.models.deletion
from django.db import migrations, models

# Django's names for the two indexes (the same on PostgreSQL and SQLite).
INDEXES = {
    "audit_accessevent_at_2cb776fd": "at",
    "audit_accessevent_local_authority_id_eb1390fd": "local_authority_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0010_access_event_child_index"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accessevent",
                    name="at",
                    field=models.DateTimeField(auto_now_add=True),
                ),
                migrations.AlterField(
                    model_name="accessevent",
                    name="local_authority",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.localauthority",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "audit_accessevent" ("{column}")',
                )
                for name, column in INDEXES.items()
            ],
        ),
    ]
