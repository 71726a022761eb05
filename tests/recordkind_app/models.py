from django.db import models
from django.utils import timezone

from crisis_center.records.models import ClientRecord


class Memo(ClientRecord):
    """A note about a client, dated: what a new record kind looks like."""

    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="memos")
    written_on = models.DateField(default=timezone.localdate)
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Memo of {self.written_on:%b %-d, %Y}"
