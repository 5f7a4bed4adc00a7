"""Indexes leading with the council for the reviews lists (ADR 88): a council's rows read by its key,
not every council's."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0005_versions_and_provider_council'),
        ('plans', '0013_council_indexes_for_lists'),
        ('reviews', '0009_fill_stored_attention'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='annualreview',
            index=models.Index(fields=['local_authority', 'next_step_due'], name='review_council_next_step'),
        ),
    ]
