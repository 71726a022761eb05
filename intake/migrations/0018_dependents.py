"""Children and other dependents of a client (issue 21): a client record kind with history."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import intake.choices
import intake.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0017_minors'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalDependent',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('updated_at', models.DateTimeField(blank=True, editable=False)),
                ('relationship', models.CharField(choices=[('child', 'Child'), ('stepchild', 'Stepchild'), ('grandchild', 'Grandchild'), ('sibling', 'Sibling'), ('other', 'Other')], default='child', max_length=20)),
                ('name', models.CharField(blank=True, help_text='No full names: a first name or an initial at most.', max_length=20, verbose_name='first name or initial')),
                ('age', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MaxValueValidator(30, message='Give an age from 0 to 30, or choose a range.')], verbose_name='age in years')),
                ('age_range', models.CharField(blank=True, choices=[('0_4', '0-4 (not yet in school)'), ('5_12', '5-12'), ('13_17', '13-17'), ('18_up', '18 or older'), ('not_known', 'Not known or not asked')], max_length=10, verbose_name='or an age range')),
                ('in_care', models.CharField(choices=[('yes', 'Yes'), ('no', 'No'), ('shared', 'Shared'), ('not_asked', 'Not asked')], default='not_asked', max_length=10, verbose_name="in the client's care")),
                ('custody', models.CharField(choices=[('client', 'The client has custody'), ('shared', 'Shared custody'), ('other_parent', 'The other parent'), ('kinship', 'A relative (kinship care)'), ('foster_care', 'Foster care or child protective services'), ('unknown', 'Unknown or not asked')], default='unknown', max_length=20, verbose_name='custody situation')),
                ('safety_concerns', models.TextField(blank=True)),
                ('needs', models.JSONField(blank=True, default=list, validators=[intake.models.CodeListValidator(intake.choices.DependentNeed)], verbose_name='needs')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('client', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='intake.client')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical dependent',
                'verbose_name_plural': 'historical dependents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Dependent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('relationship', models.CharField(choices=[('child', 'Child'), ('stepchild', 'Stepchild'), ('grandchild', 'Grandchild'), ('sibling', 'Sibling'), ('other', 'Other')], default='child', max_length=20)),
                ('name', models.CharField(blank=True, help_text='No full names: a first name or an initial at most.', max_length=20, verbose_name='first name or initial')),
                ('age', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MaxValueValidator(30, message='Give an age from 0 to 30, or choose a range.')], verbose_name='age in years')),
                ('age_range', models.CharField(blank=True, choices=[('0_4', '0-4 (not yet in school)'), ('5_12', '5-12'), ('13_17', '13-17'), ('18_up', '18 or older'), ('not_known', 'Not known or not asked')], max_length=10, verbose_name='or an age range')),
                ('in_care', models.CharField(choices=[('yes', 'Yes'), ('no', 'No'), ('shared', 'Shared'), ('not_asked', 'Not asked')], default='not_asked', max_length=10, verbose_name="in the client's care")),
                ('custody', models.CharField(choices=[('client', 'The client has custody'), ('shared', 'Shared custody'), ('other_parent', 'The other parent'), ('kinship', 'A relative (kinship care)'), ('foster_care', 'Foster care or child protective services'), ('unknown', 'Unknown or not asked')], default='unknown', max_length=20, verbose_name='custody situation')),
                ('safety_concerns', models.TextField(blank=True)),
                ('needs', models.JSONField(blank=True, default=list, validators=[intake.models.CodeListValidator(intake.choices.DependentNeed)], verbose_name='needs')),
                ('client', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dependents', to='intake.client')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('age__isnull', True), ('age__lte', 30), _connector='OR'), name='dependent_age_at_most_30')],
            },
        ),
    ]
