"""Each plan keeps its child's fifth birthday (ADR 98), so the reviews pages choose the due date that
applies today (the under-fives' months until then) from the plan's own row, with no join to the
children. Filled in batches by key, so a large table is neither held in memory nor written in one
statement; `tellonce.reviews.stored` keeps it from then on."""

import os
from datetime import date

from django.db import migrations, models


def _fifth_birthday(born: date) -> date:
    # tellonce.domain.school_years.birthday(born, 5), written out so this migration stays as it is
    try:
        return born.replace(year=born.year + 5)
    except ValueError:  # born on 29 February
        return date(born.year + 5, 3, 1)


def fill(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    size = int(os.environ.get("TELLONCE_BACKFILL_BATCH", "5000"))
    after = None
    while True:
        plans = Plan.objects.order_by("pk")
        if after is not None:
            plans = plans.filter(pk__gt=after)
        batch = list(plans.values_list("pk", "child__date_of_birth")[:size])
        if not batch:
            return
        Plan.objects.bulk_update(
            [Plan(pk=pk, fifth_birthday=_fifth_birthday(born)) for pk, born in batch],
            ["fifth_birthday"],
            batch_size=1000,
        )
        after = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0009_council_indexes_for_lists"),
        ("plans", "0013_council_indexes_for_lists"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="fifth_birthday",
            field=models.DateField(
                blank=True,
                help_text="The child's fifth birthday: until then the under-fives' months apply (a page "
                "reads which due date applies from the plan's own row, ADR 98)",
                null=True,
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
