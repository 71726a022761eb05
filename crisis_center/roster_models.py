"""The on-call roster: kinds of shift, shifts, and swap requests (crisis_center/roster.py
holds what is done with them).

No client data: a shift names a kind, a time and a staff member, and has no free text,
so nothing typed about a client can end up on a roster page or a printed month.
"""

from datetime import UTC

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ShiftKind(models.Model):
    """A kind of shift: the hotline, the hospital and police call-out, or any other kind a
    supervisor adds. A kind in use is retired (inactive), never deleted."""

    name = models.CharField(max_length=80, unique=True)
    # ICASA: crisis intervention is done by staff with the 40 hours of training.
    crisis = models.BooleanField(
        _("needs crisis intervention certification"),
        default=True,
        help_text=_("Only staff with the 40 hours of crisis intervention training can take it."),
    )
    around_the_clock = models.BooleanField(
        _("covered around the clock"),
        default=True,
        help_text=_(
            "Uncovered hours are shown to supervisors; who is on call shows on every home page."
        ),
    )
    active = models.BooleanField(
        default=True, help_text=_("A retired kind keeps its shifts but takes no new ones.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # "Hotline" and "hotline" would be two kinds in every list (the unique
        # constraint tells case apart): the same words are the same kind.
        name = self.name.strip()
        same = ShiftKind.objects.filter(name__iexact=name).exclude(pk=self.pk)
        if name and same.exists():
            raise ValidationError({"name": _("There is already a kind of shift with this name.")})


class ShiftQuerySet(models.QuerySet):
    def overlapping(self, start, end) -> "ShiftQuerySet":
        """Shifts sharing some moment with [start, end): touching ends do not overlap."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)


class Shift(models.Model):
    kind = models.ForeignKey(ShiftKind, on_delete=models.PROTECT, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="shifts",
        verbose_name=_("staff member"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShiftQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "kind", "id"]
        indexes = [
            models.Index(fields=["starts_at"], name="shift_starts_at"),
            models.Index(fields=["staff", "starts_at"], name="shift_staff_starts_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        return f"{self.kind}, {start:%b %-d %H:%M} to {end:%b %-d %H:%M}"

    def clean(self) -> None:
        from crisis_center import roster  # the rules read other shifts and the training

        roster.check(self)

    @property
    def hours(self) -> float:
        """Elapsed hours, as instants (a night with the clocks going back is 9 h, not 8)."""
        return (
            self.ends_at.astimezone(UTC) - self.starts_at.astimezone(UTC)
        ).total_seconds() / 3600


class SwapRequestQuerySet(models.QuerySet):
    def pending(self) -> "SwapRequestQuerySet":
        return self.filter(status=SwapRequest.Status.PENDING)


class SwapRequest(models.Model):
    """The person on a shift asks to hand it to a named colleague, or offers it to anyone
    eligible (who may then say they will take it); a supervisor approves or refuses.
    Kept with who asked, who decided and when, like an action row."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="swap_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    # Empty: offered to anyone eligible, until someone says they will take it.
    offered_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hand it to"),
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = SwapRequestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift"],
                condition=Q(status="pending"),
                name="one_pending_swap_per_shift",
                violation_error_message=_("A swap of this shift is already waiting."),
            ),
            models.CheckConstraint(
                condition=~Q(offered_to=F("requested_by")), name="swap_to_someone_else"
            ),
        ]

    def __str__(self) -> str:
        return f"Swap of {self.shift} ({self.get_status_display().lower()})"
