"""Indexes leading with the council for the reviews lists (ADR 88): a council's rows read by its key,
not every council's."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0005_versions_and_provider_council'),
        ('people', '0008_council_key_required'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='child',
            index=models.Index(fields=['local_authority', 'date_of_birth'], name='child_council_born'),
        ),
    ]
