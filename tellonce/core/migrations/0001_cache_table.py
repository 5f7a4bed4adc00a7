"""The table of Django's database cache (ADR 92), as `manage.py createcachetable` makes it, so that
an installation has it after `migrate` whichever cache it is set to use."""

from django.core.management.commands.createcachetable import Command
from django.db import migrations

TABLE = "tellonce_cache"


def create(apps, schema_editor):
    command = Command()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)  # kept if already there


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create, drop)]
