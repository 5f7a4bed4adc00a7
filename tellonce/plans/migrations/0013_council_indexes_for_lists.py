"""Indexes leading with the council for the reviews lists (ADR 88): a council's rows read by its key,
not every council's."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0007_fill_stored_next_step'),
        ('organisations', '0005_versions_and_provider_council'),
        ('people', '0009_council_indexes_for_lists'),
        ('plans', '0012_fill_version_findings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='plan',
            index=models.Index(fields=['local_authority', 'schedule_year'], name='plan_council_schedule_year'),
        ),
    ]
