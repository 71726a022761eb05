"""The shared base of every client record: access, audit, authorship and service alike.

A record kind subclasses ClientRecord, so it reaches its client through the policy's
queryset (`visible_to(user)`), keeps who logged it and when, and has a history row for
every change (DESIGN.md rules 1 and 4). The client is named by string, so this package
imports no domain app.
"""

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from crisis_center.policy import ClientScopedQuerySet


class ClientRecord(models.Model):
    """Base for every record that hangs off a client."""

    client = models.ForeignKey("intake.Client", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClientScopedQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    # Fields whose database constraints the model's own checks (a field's validators,
    # clean()) already refuse, with a message on the field. Django would check each such
    # constraint again, a query in a savepoint of its own, in the form and in the service.
    checked_before_constraints: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None) -> None:
        skipped = {*(exclude or ()), *self.checked_before_constraints}
        super().validate_constraints(exclude=skipped)

    def service_date(self) -> date | datetime:
        """The day the record counts on in the funder report (its service ledger rows)."""
        return self.created_at

    def default_service_codes(self) -> list[str]:
        """What the record counts as when staff chose no codes: nothing, unless the kind
        is a service (shared/funder_reports.md "How the records feed it"). A kind that
        overrides this is a service: the record registry puts it in the ledger."""
        return []
