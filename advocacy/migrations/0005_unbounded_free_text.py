"""Free text has no length limit: a note pasted whole is kept whole (the limits were
enforced only by forms, and by the browser's maxlength, which cut pastes short).
Dropping a TextField's max_length changes no column: state only (SQLite would
otherwise rebuild each table once per field).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0004_due_counts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accompaniment",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="accompaniment",
                    name="outcome",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="counselingsession",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalaccompaniment",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalaccompaniment",
                    name="outcome",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalcounselingsession",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicallegaladvocacy",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicallegaladvocacy",
                    name="outcome",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalmedicaladvocacy",
                    name="barriers",
                    field=models.TextField(
                        blank=True, verbose_name="prescriptions and insurance barriers"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmedicaladvocacy",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalservicegoal",
                    name="goal",
                    field=models.TextField(verbose_name="goal, in the client's own words"),
                ),
                migrations.AlterField(
                    model_name="historicalservicegoal",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="legaladvocacy",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="legaladvocacy",
                    name="outcome",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="medicaladvocacy",
                    name="barriers",
                    field=models.TextField(
                        blank=True, verbose_name="prescriptions and insurance barriers"
                    ),
                ),
                migrations.AlterField(
                    model_name="medicaladvocacy",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="servicegoal",
                    name="goal",
                    field=models.TextField(verbose_name="goal, in the client's own words"),
                ),
                migrations.AlterField(
                    model_name="servicegoal",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
            ],
        ),
    ]
