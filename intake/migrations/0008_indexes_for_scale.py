from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('intake', '0007_service_category_is_coded'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='servicedelivery',
            name='service_on_client',
        ),
        migrations.AddIndex(
            model_name='careteammember',
            index=models.Index(condition=models.Q(('ended_at__isnull', True)), fields=['staff', 'client'], name='care_team_active_staff'),
        ),
        migrations.AddIndex(
            model_name='client',
            index=models.Index(fields=['created_at'], name='client_created'),
        ),
        migrations.AddIndex(
            model_name='screening',
            index=models.Index(fields=['screened_at'], name='screening_at'),
        ),
        migrations.AddIndex(
            model_name='servicedelivery',
            index=models.Index(fields=['on', 'client', 'category', 'code'], name='service_on_client_code'),
        ),
    ]
