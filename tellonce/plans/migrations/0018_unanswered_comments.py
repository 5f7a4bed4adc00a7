"""The family's comments still to answer, indexed apart: a coordinator's "My work" reads the few of
them rather than every council's comments."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0005_versions_and_provider_council'),
        ('plans', '0017_adulthood_kept'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='plancomment',
            index=models.Index(condition=models.Q(('answered_on__isnull', True)), fields=['plan_version'], name='plan_comment_unanswered'),
        ),
    ]
