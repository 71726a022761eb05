"""updated_at on agencies, resources and agreements: their edit forms refuse to overwrite
a save made since the form was loaded."""

import django.utils.timezone
from django.db import migrations, models


def _field(auto_now: bool) -> models.DateTimeField:
    if auto_now:
        return models.DateTimeField(auto_now=True, default=django.utils.timezone.now)
    return models.DateTimeField(blank=True, editable=False, default=django.utils.timezone.now)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0002_incoming_referral")]

    operations = [
        migrations.AddField(
            model_name=model, name="updated_at", field=_field(not model.startswith("historical")),
            preserve_default=False,
        )
        for model in (
            "agency",
            "historicalagency",
            "resource",
            "historicalresource",
            "networkingagreement",
            "historicalnetworkingagreement",
        )
    ]  # fmt: skip
