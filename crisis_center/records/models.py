"""The shared base of every client record: access, audit, authorship and service alike.

A record kind subclasses ClientRecord, so it reaches its client through the policy's
queryset (`visible_to(user)`), keeps who logged it and when, and has a history row for
every change (DESIGN.md rules 1 and 4). The client is named by string, so this package
imports no domain app.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
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


# --- Time given: how long a direct service took, and who gave it ----------------------
# Illinois InfoNet counts every direct service with the staff member or volunteer who
# gave it and the time it took; the service-hours report (crisis_center/service_hours.py)
# adds them up per kind and per person.

MOST_MINUTES = 24 * 60


DURATION_VALIDATORS = [
    MinValueValidator(1, _("At least 1 minute.")),
    MaxValueValidator(MOST_MINUTES, _("At most 24 hours (1440 minutes).")),
]


def duration_field(verbose_name: str = _("duration (minutes)")) -> models.PositiveSmallIntegerField:
    """Whole minutes, 1 to 1440. Empty is "time not recorded" (records from before it was
    asked, or saved without it): the report counts those apart, never as 0."""
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=DURATION_VALIDATORS
    )


class TimeGiven(models.Model):
    """A direct service's length and the staff member who gave it.

    "Given by" may differ from who logged the record (a volunteer's call written up by
    staff); left unset, it is the person who logged it (`logged_by`). Nullable in the
    database only for rows written in bulk (seed_scale); every save fills it.
    """

    duration_minutes = duration_field()
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("given by"),
    )

    logged_by = "created_by"  # the field naming who logged the record

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.given_by_id is None:
            self.given_by_id = getattr(self, f"{self.logged_by}_id")
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:
        # Most often the giver is the author, whose row the author's own check reads:
        # no second query for the same person.
        if self.given_by_id is not None and self.given_by_id == getattr(
            self, f"{self.logged_by}_id"
        ):
            exclude = {*(exclude or ()), "given_by"}
        super().clean_fields(exclude)
