"""Each plan keeps what the adulthood lists filter and sort on (ADR 105): the child's date of birth,
their year group in the plan's schedule year, and whether, aged 14 to 17, they would be likely to
need adult social care. Filled in batches by key, so a large table is neither held in memory nor
written in one statement; `tellonce.reviews.stored` keeps them from then on, and the nightly run
and `rebuild-plan-schedule` work them out again from the domain rules."""

import os
from datetime import date

from django.db import migrations, models

# tellonce.domain.adulthood.COMPLEX_NEEDS, written out so this migration stays as it is
COMPLEX_NEEDS = {"PMLD", "SLD", "MSI"}


def nc_year(born: date, override: int | None, schedule_year: int | None) -> int | None:
    """The year group in the academic year starting in `schedule_year` (the year kept beside it):
    tellonce.domain.school_years.national_curriculum_year, written out."""
    if schedule_year is None:  # not in force: nothing kept for the year
        return None
    if override is not None:
        return override
    cohort = born.year + (1 if born.month >= 9 else 0)
    return schedule_year - cohort - 4


def fill(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    size = int(os.environ.get("TELLONCE_BACKFILL_BATCH", "5000"))
    after = None
    columns = (
        "pk",
        "child__date_of_birth",
        "child__nc_year_override",
        "child__primary_need",
        "child__looked_after",
        "child__child_in_need",
        "social_care_needs",
        "social_care_provision",
        "schedule_year",
    )
    while True:
        plans = Plan.objects.order_by("pk")
        if after is not None:
            plans = plans.filter(pk__gt=after)
        batch = list(plans.values_list(*columns)[:size])
        if not batch:
            return
        Plan.objects.bulk_update(
            [
                Plan(
                    pk=pk,
                    born_on=born,
                    nc_year=nc_year(born, override, year),
                    adult_care_likely=year is not None
                    and (needs or provision or need in COMPLEX_NEEDS or looked_after or in_need),
                )
                for pk, born, override, need, looked_after, in_need, needs, provision, year in batch
            ],
            ["born_on", "nc_year", "adult_care_likely"],
            batch_size=1000,
        )
        after = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0011_coordinator_council_statistics"),
        ("plans", "0016_coordinator_council_statistics"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="born_on",
            field=models.DateField(
                blank=True,
                help_text="The adult social care list filters and sorts on it from the plan's own row (ADR 105)",
                null=True,
                verbose_name="child's date of birth",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="nc_year",
            field=models.SmallIntegerField(
                blank=True,
                help_text="The child's year group in the academic year of schedule_year, for a plan in force "
                "(the transitions list reads it, ADR 105)",
                null=True,
                verbose_name="national curriculum year",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="adult_care_likely",
            field=models.BooleanField(
                db_default=False,
                default=False,
                help_text="Aged 14 to 17, the young person would be likely to need adult social care "
                "(domain.adulthood), from the plan in force and the child's record (ADR 105)",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="plan",
            index=models.Index(
                condition=models.Q(adult_care_likely=True),
                fields=["local_authority", "born_on"],
                name="plan_council_adult_care",
            ),
        ),
        migrations.AddIndex(
            model_name="plan",
            index=models.Index(fields=["local_authority", "nc_year"], name="plan_council_nc_year"),
        ),
    ]
