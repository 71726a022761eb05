"""Stored reports are kept by the period's moments (fiscal year start, period start and
end) instead of its fiscal year and quarter, which name another span of time once the
fiscal year start or the time zone changes. Stored counts are only kept to save
counting again: they are dropped, and counted again on the next look."""

import django.utils.timezone
from django.db import migrations, models


def drop_stored_counts(apps, schema_editor):
    apps.get_model("intake", "StoredReport").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0011_running_counts"),
    ]

    operations = [
        migrations.RunPython(drop_stored_counts, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="storedreport", name="stored_report_period"),
        migrations.RemoveField(model_name="storedreport", name="fiscal_year"),
        migrations.RemoveField(model_name="storedreport", name="quarter"),
        migrations.AddField(
            model_name="storedreport",
            name="year_starts_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="storedreport",
            name="starts_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="storedreport",
            name="ends_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="storedreport",
            constraint=models.UniqueConstraint(
                fields=("name", "year_starts_at", "starts_at", "ends_at"),
                name="stored_report_moments",
            ),
        ),
        # Back the other way, the rows go before the old columns come back.
        migrations.RunPython(migrations.RunPython.noop, drop_stored_counts),
    ]
