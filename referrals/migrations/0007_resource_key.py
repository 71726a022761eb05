"""A key for each resource of the directory, so that an exported file imported again
updates the rows it came from. Existing resources get a key each; their history rows
get the key of their resource (the rows of a resource deleted since, one of their own)."""

import uuid

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    db = schema_editor.connection.alias
    resource_model = apps.get_model("referrals", "Resource")
    history_model = apps.get_model("referrals", "HistoricalResource")
    resources = list(resource_model.objects.using(db).only("pk"))
    for resource in resources:
        resource.key = uuid.uuid4()
    resource_model.objects.using(db).bulk_update(resources, ["key"], batch_size=500)
    history = history_model.objects.using(db)
    history.update(
        key=Subquery(resource_model.objects.filter(pk=OuterRef("id")).values("key")[:1])
    )
    gone = history.filter(key__isnull=True).values_list("id", flat=True).distinct()
    for pk in list(gone):
        history.filter(id=pk).update(key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0006_due_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalresource",
            name="key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="resource",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="historicalresource",
            name="key",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
    ]
