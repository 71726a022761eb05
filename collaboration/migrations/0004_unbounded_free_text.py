"""Free text has no length limit: a note pasted whole is kept whole (the limits were
enforced only by forms, and by the browser's maxlength, which cut pastes short).
Dropping a TextField's max_length changes no column: state only (SQLite would
otherwise rebuild each table once per field).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("collaboration", "0003_feedback_month_check_in_plain_sql"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="caseconference",
                    name="decisions",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="caseconference",
                    name="needs_discussed",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="caseconference",
                    name="presented_summary",
                    field=models.TextField(verbose_name="what is shared with the partners"),
                ),
                migrations.AlterField(
                    model_name="charter",
                    name="guiding_values",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="charter",
                    name="mission",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="charter",
                    name="partner_strengths",
                    field=models.TextField(
                        blank=True, verbose_name="strengths and contributions of partners"
                    ),
                ),
                migrations.AlterField(
                    model_name="charter",
                    name="vision",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalcaseconference",
                    name="decisions",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalcaseconference",
                    name="needs_discussed",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalcaseconference",
                    name="presented_summary",
                    field=models.TextField(verbose_name="what is shared with the partners"),
                ),
                migrations.AlterField(
                    model_name="historicalcharter",
                    name="guiding_values",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalcharter",
                    name="mission",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalcharter",
                    name="partner_strengths",
                    field=models.TextField(
                        blank=True, verbose_name="strengths and contributions of partners"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcharter",
                    name="vision",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="attendees",
                    field=models.TextField(
                        blank=True,
                        help_text="Partner staff and members present, with their agency.",
                        verbose_name="people attending",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="decisions",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="minutes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalmembership",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicaloutreachlog",
                    name="follow_ups",
                    field=models.TextField(
                        blank=True,
                        help_text="Do not write the names of the people you met, or anything that identifies them.",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalpolicychange",
                    name="description",
                    field=models.TextField(),
                ),
                migrations.AlterField(
                    model_name="historicalpreventiongroup",
                    name="curriculum",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="need_1",
                    field=models.TextField(blank=True, verbose_name="question 1"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="need_2",
                    field=models.TextField(blank=True, verbose_name="question 2"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="need_3",
                    field=models.TextField(blank=True, verbose_name="question 3"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="need_4",
                    field=models.TextField(blank=True, verbose_name="question 4"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="need_5",
                    field=models.TextField(blank=True, verbose_name="question 5"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="need_6",
                    field=models.TextField(blank=True, verbose_name="question 6"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="need_7",
                    field=models.TextField(blank=True, verbose_name="question 7"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="plan_1",
                    field=models.TextField(blank=True, verbose_name="question 1"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="plan_2",
                    field=models.TextField(blank=True, verbose_name="question 2"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="plan_3",
                    field=models.TextField(blank=True, verbose_name="question 3"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="plan_4",
                    field=models.TextField(blank=True, verbose_name="question 4"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="plan_5",
                    field=models.TextField(blank=True, verbose_name="question 5"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="plan_6",
                    field=models.TextField(blank=True, verbose_name="question 6"),
                ),
                migrations.AlterField(
                    model_name="historicalselfassessment",
                    name="plan_7",
                    field=models.TextField(blank=True, verbose_name="question 7"),
                ),
                migrations.AlterField(
                    model_name="historicalstrategicplanitem",
                    name="change_needed",
                    field=models.TextField(),
                ),
                migrations.AlterField(
                    model_name="historicalstrategicplanitem",
                    name="resources_needed",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="historicalstrategicplanitem",
                    name="success_measure",
                    field=models.TextField(blank=True, verbose_name="how we will know it worked"),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="attendees",
                    field=models.TextField(
                        blank=True,
                        help_text="Partner staff and members present, with their agency.",
                        verbose_name="people attending",
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="decisions",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="minutes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="membership",
                    name="notes",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="outreachlog",
                    name="follow_ups",
                    field=models.TextField(
                        blank=True,
                        help_text="Do not write the names of the people you met, or anything that identifies them.",
                    ),
                ),
                migrations.AlterField(
                    model_name="policychange",
                    name="description",
                    field=models.TextField(),
                ),
                migrations.AlterField(
                    model_name="preventiongroup",
                    name="curriculum",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="need_1",
                    field=models.TextField(blank=True, verbose_name="question 1"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="need_2",
                    field=models.TextField(blank=True, verbose_name="question 2"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="need_3",
                    field=models.TextField(blank=True, verbose_name="question 3"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="need_4",
                    field=models.TextField(blank=True, verbose_name="question 4"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="need_5",
                    field=models.TextField(blank=True, verbose_name="question 5"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="need_6",
                    field=models.TextField(blank=True, verbose_name="question 6"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="need_7",
                    field=models.TextField(blank=True, verbose_name="question 7"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="plan_1",
                    field=models.TextField(blank=True, verbose_name="question 1"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="plan_2",
                    field=models.TextField(blank=True, verbose_name="question 2"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="plan_3",
                    field=models.TextField(blank=True, verbose_name="question 3"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="plan_4",
                    field=models.TextField(blank=True, verbose_name="question 4"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="plan_5",
                    field=models.TextField(blank=True, verbose_name="question 5"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="plan_6",
                    field=models.TextField(blank=True, verbose_name="question 6"),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="plan_7",
                    field=models.TextField(blank=True, verbose_name="question 7"),
                ),
                migrations.AlterField(
                    model_name="strategicplanitem",
                    name="change_needed",
                    field=models.TextField(),
                ),
                migrations.AlterField(
                    model_name="strategicplanitem",
                    name="resources_needed",
                    field=models.TextField(blank=True),
                ),
                migrations.AlterField(
                    model_name="strategicplanitem",
                    name="success_measure",
                    field=models.TextField(blank=True, verbose_name="how we will know it worked"),
                ),
            ],
        ),
    ]
