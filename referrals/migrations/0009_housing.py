"""Housing and shelter stays of a client (issue 21): a client record kind with history."""

import django.db.models.deletion
import django.utils.timezone
import intake.choices
import intake.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0015_derived_fingerprint'),
        ('referrals', '0008_unbounded_free_text'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalHousingPlacement',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('updated_at', models.DateTimeField(blank=True, editable=False)),
                ('kind', models.CharField(choices=[('emergency_shelter', 'Emergency shelter'), ('transitional', 'Transitional housing'), ('long_term', 'Long-term or permanent housing'), ('hotel_voucher', 'Hotel or motel voucher'), ('family_friends', 'With family or friends'), ('other', 'Other')], default='emergency_shelter', max_length=20, verbose_name='kind of placement')),
                ('date_in', models.DateField(default=django.utils.timezone.localdate)),
                ('date_out', models.DateField(blank=True, null=True)),
                ('ended', models.CharField(choices=[('still_there', 'Still there'), ('longer_term', 'Moved to longer-term housing'), ('left', 'Left on their own'), ('asked_to_leave', 'Asked to leave'), ('returned_to_offender', 'Returned to the offender'), ('other', 'Other'), ('unknown', 'Unknown')], default='still_there', max_length=30, verbose_name='how it ended')),
                ('notes', models.TextField(blank=True)),
                ('service_codes', models.JSONField(blank=True, default=list, validators=[intake.models.CodeListValidator(intake.choices.ServiceCode)], verbose_name='counts as (funder service codes)')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agency', models.ForeignKey(blank=True, db_constraint=False, help_text="When the place is one of the directory's agencies.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='referrals.agency', verbose_name='agency (from the directory)')),
                ('client', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='intake.client')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical housing placement',
                'verbose_name_plural': 'historical housing placements',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HousingPlacement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('kind', models.CharField(choices=[('emergency_shelter', 'Emergency shelter'), ('transitional', 'Transitional housing'), ('long_term', 'Long-term or permanent housing'), ('hotel_voucher', 'Hotel or motel voucher'), ('family_friends', 'With family or friends'), ('other', 'Other')], default='emergency_shelter', max_length=20, verbose_name='kind of placement')),
                ('date_in', models.DateField(default=django.utils.timezone.localdate)),
                ('date_out', models.DateField(blank=True, null=True)),
                ('ended', models.CharField(choices=[('still_there', 'Still there'), ('longer_term', 'Moved to longer-term housing'), ('left', 'Left on their own'), ('asked_to_leave', 'Asked to leave'), ('returned_to_offender', 'Returned to the offender'), ('other', 'Other'), ('unknown', 'Unknown')], default='still_there', max_length=30, verbose_name='how it ended')),
                ('notes', models.TextField(blank=True)),
                ('service_codes', models.JSONField(blank=True, default=list, validators=[intake.models.CodeListValidator(intake.choices.ServiceCode)], verbose_name='counts as (funder service codes)')),
                ('agency', models.ForeignKey(blank=True, help_text="When the place is one of the directory's agencies.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='referrals.agency', verbose_name='agency (from the directory)')),
                ('client', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='housing_placements', to='intake.client')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-date_in', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('date_out__isnull', True), ('date_out__gte', models.F('date_in')), _connector='OR'), name='placement_out_not_before_in'), models.CheckConstraint(condition=models.Q(('date_out__isnull', True), models.Q(('ended', 'still_there'), _negated=True), _connector='OR'), name='placement_out_says_how_it_ended')],
            },
        ),
    ]
