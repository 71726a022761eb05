from django.db import migrations
from django.db.models import Count

NAMES = ("due.medical_follow_ups", "due.goals")


def fill(apps, schema_editor):
    """Running counts (intake/counts.py) of the open follow-ups by the day they are due."""
    db = schema_editor.connection.alias
    RunningCount = apps.get_model("intake", "RunningCount")
    medical = apps.get_model("advocacy", "MedicalAdvocacy").objects.using(db).filter(
        follow_up_by__isnull=False, follow_up_done_at__isnull=True
    )
    goals = apps.get_model("advocacy", "ServiceGoal").objects.using(db).filter(
        target_date__isnull=False, status__in=["open", "in_progress"]
    )
    empty(apps, schema_editor)
    rows = []
    for name, found, day in (
        (NAMES[0], medical, "follow_up_by"),
        (NAMES[1], goals, "target_date"),
    ):
        grouped = found.order_by().values_list(day).annotate(total=Count("pk"))
        rows += [RunningCount(name=name, day=on, n=n) for on, n in grouped]
    RunningCount.objects.using(db).bulk_create(rows, batch_size=1000)


def empty(apps, schema_editor):
    RunningCount = apps.get_model("intake", "RunningCount")
    RunningCount.objects.using(schema_editor.connection.alias).filter(name__in=NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0003_indexes_for_scale"),
        ("intake", "0011_running_counts"),
    ]

    operations = [migrations.RunPython(fill, empty)]
