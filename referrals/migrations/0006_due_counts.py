from django.db import migrations
from django.db.models import Count

NAMES = ("due.referral_follow_ups", "due.agreement_reviews")


def fill(apps, schema_editor):
    """Running counts (intake/counts.py) of the open follow-ups by the day they are due."""
    db = schema_editor.connection.alias
    RunningCount = apps.get_model("intake", "RunningCount")
    referrals = apps.get_model("referrals", "Referral").objects.using(db).filter(
        follow_up_on__isnull=False, outcome="pending"
    )
    agreements = apps.get_model("referrals", "NetworkingAgreement").objects.using(db).filter(
        next_review__isnull=False, status__in=["active", "draft"]
    )
    empty(apps, schema_editor)
    rows = []
    for name, found, day in (
        (NAMES[0], referrals, "follow_up_on"),
        (NAMES[1], agreements, "next_review"),
    ):
        grouped = found.order_by().values_list(day).annotate(total=Count("pk"))
        rows += [RunningCount(name=name, day=on, n=n) for on, n in grouped]
    RunningCount.objects.using(db).bulk_create(rows, batch_size=1000)


def empty(apps, schema_editor):
    RunningCount = apps.get_model("intake", "RunningCount")
    RunningCount.objects.using(schema_editor.connection.alias).filter(name__in=NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0005_indexes_for_scale"),
        ("intake", "0011_running_counts"),
    ]

    operations = [migrations.RunPython(fill, empty)]
