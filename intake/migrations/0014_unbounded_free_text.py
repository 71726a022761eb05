"""Free text has no length limit: a note pasted whole is kept whole (the limits were
enforced only by forms, and by the browser's maxlength, which cut pastes short).

Dropping a TextField's max_length changes no column, so those are state only (SQLite
would otherwise rebuild each table once per field). The screening's notes on each
question were varchar(500): they become text.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0013_contact_link_changes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="client",
                    name="mailing_address",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="crisiscontact",
                    name="note",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="emergencyaccess",
                    name="reason",
                    field=models.TextField(),
                ),
                migrations.AlterField(
                    model_name="emergencyaccess",
                    name="review_comment",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalclient",
                    name="mailing_address",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalcrisiscontact",
                    name="note",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalemergencyaccess",
                    name="reason",
                    field=models.TextField(),
                ),
                migrations.AlterField(
                    model_name="historicalemergencyaccess",
                    name="review_comment",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalsafetyplan",
                    name="safe_people",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalsafetyplan",
                    name="safe_places",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalsafetyplan",
                    name="steps",
                    field=models.TextField(blank=True, verbose_name="steps to get or stay safe"),
                ),
                migrations.AlterField(
                    model_name="historicalscreening",
                    name="determination_reason",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalscreening",
                    name="q5",
                    field=models.TextField(
                        blank=True, verbose_name="What are your working or living conditions like?"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalscreening",
                    name="q6",
                    field=models.TextField(blank=True, verbose_name="Where do you sleep and eat?"),
                ),
                migrations.AlterField(
                    model_name="safetyplan",
                    name="safe_people",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="safetyplan",
                    name="safe_places",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="safetyplan",
                    name="steps",
                    field=models.TextField(blank=True, verbose_name="steps to get or stay safe"),
                ),
                migrations.AlterField(
                    model_name="screening",
                    name="determination_reason",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="screening",
                    name="q5",
                    field=models.TextField(
                        blank=True, verbose_name="What are your working or living conditions like?"
                    ),
                ),
                migrations.AlterField(
                    model_name="screening",
                    name="q6",
                    field=models.TextField(blank=True, verbose_name="Where do you sleep and eat?"),
                ),
            ],
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q10_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q11_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q12_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q13_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q1_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q2_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q3_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q4_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q7_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q8_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="historicalscreening",
            name="q9_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q10_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q11_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q12_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q13_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q1_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q2_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q3_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q4_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q7_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q8_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="screening",
            name="q9_note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
    ]
