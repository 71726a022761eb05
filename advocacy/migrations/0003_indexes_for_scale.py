from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('advocacy', '0002_service_codes'),
        ('intake', '0008_indexes_for_scale'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='legaladvocacy',
            index=models.Index(condition=models.Q(('court_date__isnull', False)), fields=['court_date'], name='legal_court_date_all'),
        ),
        migrations.AddIndex(
            model_name='medicaladvocacy',
            index=models.Index(condition=models.Q(('follow_up_by__isnull', False), ('follow_up_done_at__isnull', True)), fields=['follow_up_by'], name='medical_follow_up_due_all'),
        ),
        migrations.AddIndex(
            model_name='servicegoal',
            index=models.Index(fields=['status', 'target_date'], name='goal_open_target'),
        ),
    ]
