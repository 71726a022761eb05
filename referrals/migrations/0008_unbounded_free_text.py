"""Free text has no length limit: a note pasted whole is kept whole (the limits were
enforced only by forms, and by the browser's maxlength, which cut pastes short).
Dropping a TextField's max_length changes no column: state only (SQLite would
otherwise rebuild each table once per field).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0007_resource_key"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="agency",
                    name="address",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="agency",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalagency",
                    name="address",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalagency",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalincomingreferral",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalnetworkingagreement",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalreleaseofinformation",
                    name="information",
                    field=models.TextField(verbose_name="what may be shared"),
                ),
                migrations.AlterField(
                    model_name="historicalresource",
                    name="description",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalresource",
                    name="eligibility",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="incomingreferral",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="networkingagreement",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="releaseofinformation",
                    name="information",
                    field=models.TextField(verbose_name="what may be shared"),
                ),
                migrations.AlterField(
                    model_name="resource",
                    name="description",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="resource",
                    name="eligibility",
                    field=models.TextField(blank=True),
                ),
            ],
        ),
    ]
