from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0008_indexes_for_scale'),
        ('referrals', '0004_service_codes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='referral',
            index=models.Index(fields=['outcome', 'follow_up_on'], name='referral_follow_up_due'),
        ),
    ]
