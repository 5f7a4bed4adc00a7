"""Settings gain the year groups they teach and a sixth form, and the phases become the kinds of
setting the phase-transfer rules need (ADR 51). Existing rows are mapped from the old phase and type:

early years -> nursery, Years -2 (age 2) to Nursery
primary -> primary, Reception to Year 6
secondary -> secondary, Years 7 to 11 (the old rules' Year 11 transfer for every secondary)
all-through -> all-through, Reception to Year 13 with a sixth form
post-16 -> further education college, Years 12 to post-19, for the type "further education college";
    special, Years 12 to post-19, for a specialist post-16 institution; otherwise sixth-form
    college, Years 12 and 13
and a primary, secondary or all-through setting of a special type is a special school (a
non-maintained special school is non-maintained) with the same years, an all-through one to post-19.
"""

from django.db import migrations, models

import tellonce.organisations.models

SPECIAL_TYPES = {"maintained_special", "academy_special", "independent_special"}

# old phase -> (new phase, lowest year, highest year, sixth form)
BY_PHASE = {
    "early_years": ("nursery", -2, -1, False),
    "primary": ("primary", 0, 6, False),
    "secondary": ("secondary", 7, 11, False),
    "all_through": ("all_through", 0, 13, True),
}


def new_phase(phase: str, kind: str) -> tuple[str, int, int, bool]:
    if phase == "post_16":
        if kind == "fe_college":
            return "fe_college", 12, 14, False
        if kind == "specialist_post_16":
            return "special", 12, 14, False
        return "sixth_form_college", 12, 13, False
    new, lowest, highest, sixth_form = BY_PHASE.get(phase, BY_PHASE["secondary"])
    if kind in SPECIAL_TYPES or kind == "non_maintained_special":
        if new == "all_through":
            highest, sixth_form = 14, False
        new = "non_maintained" if kind == "non_maintained_special" else "special"
    return new, lowest, highest, sixth_form


def old_phase(lowest: int, highest: int) -> str:
    if lowest >= 12:
        return "post_16"
    if highest <= -1:
        return "early_years"
    if lowest <= 0 and highest >= 12:
        return "all_through"
    return "primary" if highest <= 6 else "secondary"


def forwards(apps, schema_editor):
    Setting = apps.get_model("organisations", "Setting")
    for setting in Setting.objects.all():
        setting.phase, setting.lowest_year, setting.highest_year, setting.has_sixth_form = new_phase(
            setting.phase, setting.setting_type
        )
        setting.save(update_fields=["phase", "lowest_year", "highest_year", "has_sixth_form"])


def backwards(apps, schema_editor):
    Setting = apps.get_model("organisations", "Setting")
    for setting in Setting.objects.all():
        setting.phase = old_phase(setting.lowest_year, setting.highest_year)
        if setting.setting_type in ("alternative_provision", "independent"):
            setting.setting_type = "mainstream"
        setting.save(update_fields=["phase", "setting_type"])


PHASES = [
    ("nursery", "Nursery or early years provider"),
    ("infant", "Infant school"),
    ("first", "First school"),
    ("junior", "Junior school"),
    ("primary", "Primary school"),
    ("middle", "Middle school"),
    ("secondary", "Secondary school"),
    ("all_through", "All-through school"),
    ("special", "Special school"),
    ("alternative_provision", "Alternative provision"),
    ("fe_college", "Further education college"),
    ("sixth_form_college", "Sixth-form college"),
    ("independent", "Independent school"),
    ("non_maintained", "Non-maintained special school"),
]
TYPES = [
    ("mainstream", "Mainstream"),
    ("sen_unit", "Mainstream with SEN unit"),
    ("resourced_provision", "Mainstream with resourced provision"),
    ("maintained_special", "Maintained special school"),
    ("academy_special", "Academy or free special school"),
    ("independent_special", "Independent special school"),
    ("non_maintained_special", "Non-maintained special school"),
    ("fe_college", "Further education college"),
    ("specialist_post_16", "Specialist post-16 institution"),
    ("early_years", "Early years provider"),
    ("alternative_provision", "Pupil referral unit or alternative provision"),
    ("independent", "Independent school"),
]
LOWEST_HELP = "The youngest pupils' year: -1 is Nursery, 0 Reception, 1-13 Years 1-13"
HIGHEST_HELP = "The oldest pupils' year: 14 for every year after Year 13"


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_team_email"),
    ]

    operations = [
        migrations.AddField(
            model_name="setting",
            name="has_sixth_form",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="setting",
            name="lowest_year",
            field=models.SmallIntegerField(help_text=LOWEST_HELP, null=True, verbose_name="lowest year group"),
        ),
        migrations.AddField(
            model_name="setting",
            name="highest_year",
            field=models.SmallIntegerField(help_text=HIGHEST_HELP, null=True, verbose_name="highest year group"),
        ),
        migrations.AlterField(
            model_name="setting",
            name="phase",
            field=models.CharField(choices=PHASES, max_length=30),
        ),
        migrations.AlterField(
            model_name="setting",
            name="setting_type",
            field=models.CharField(choices=TYPES, max_length=30, verbose_name="type"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="setting",
            name="lowest_year",
            field=models.SmallIntegerField(help_text=LOWEST_HELP, verbose_name="lowest year group"),
        ),
        migrations.AlterField(
            model_name="setting",
            name="highest_year",
            field=models.SmallIntegerField(help_text=HIGHEST_HELP, verbose_name="highest year group"),
        ),
        migrations.AlterField(
            model_name="setting",
            name="postcode",
            field=models.CharField(
                blank=True, max_length=8, validators=[tellonce.organisations.models.validate_postcode]
            ),
        ),
        migrations.AlterField(
            model_name="setting",
            name="ukprn",
            field=models.CharField(
                blank=True,
                help_text="8 digits, starting with 1",
                max_length=8,
                validators=[tellonce.organisations.models.validate_ukprn],
                verbose_name="UKPRN",
            ),
        ),
        migrations.AlterField(
            model_name="setting",
            name="urn",
            field=models.CharField(
                blank=True,
                help_text="Unique reference number from GIAS, up to 6 digits",
                max_length=6,
                validators=[tellonce.organisations.models.validate_urn],
                verbose_name="URN",
            ),
        ),
        migrations.AddConstraint(
            model_name="setting",
            constraint=models.CheckConstraint(
                condition=models.Q(("lowest_year__lte", models.F("highest_year"))), name="setting_years_in_order"
            ),
        ),
    ]
