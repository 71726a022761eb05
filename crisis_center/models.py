"""Staff accounts, their training, the append-only access log, and create forms'
one-time tokens."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Self

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from crisis_center.roles import (
    COUNSELING_HOURS,
    CRISIS_INTERVENTION_HOURS,
    IN_CARE_ROLE,
    ROLES_NEEDING_APPROVAL,
    Role,
    TrainingTopic,
    format_hours,
    is_care_role,
    runs_staff_administration,
    trains_first,
)

_ZERO = models.Value(Decimal(0), output_field=models.DecimalField(max_digits=6, decimal_places=1))


def _hours(topic: str) -> Coalesce:
    return Coalesce(Sum("training_records__hours", filter=Q(training_records__topic=topic)), _ZERO)


class StaffQuerySet(models.QuerySet):
    def with_training_hours(self) -> "StaffQuerySet":
        """Annotate crisis_hours and counseling_hours (one query for any number of staff)."""
        return self.annotate(
            crisis_hours=_hours(TrainingTopic.CRISIS_INTERVENTION),
            counseling_hours=_hours(TrainingTopic.COUNSELING),
        )

    def giving_services(self, *, counseling: bool = False) -> "StaffQuerySet":
        """Every staff member, `offered` when they could give a direct service now:
        active, in a care role, not held, and trained for it (DESIGN.md rule 3: the 40
        hours; counseling 20 more). Volunteers too: they have a role and training like
        anyone. A record's "given by" offers these, and keeps its own giver who no
        longer is (crisis_center.records.forms.offer_givers)."""
        return self.with_training_hours().annotate(
            offered=models.Case(
                models.When(_can_give(counseling=counseling), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def care_candidates(self) -> "StaffQuerySet":
        """Active staff in a role that can hold a caseload, certified or not."""
        return (
            self.filter(IN_CARE_ROLE, is_active=True)
            .with_training_hours()
            .order_by("first_name", "last_name", "username")
        )

    def care_team_candidates(self) -> "StaffQuerySet":
        """The staff who may join a care team now: those who could give a service (the
        rule of User.care_team_refusal, for many at once). The care-team page offers
        only these: a trainee or an inactive account is not a choice."""
        return (
            self.with_training_hours()
            .filter(_can_give())
            .order_by("first_name", "last_name", "username")
        )


def _can_give(*, counseling: bool = False) -> Q:
    """Active, in a care role, not held, and trained (on with_training_hours())."""
    trained = Q(crisis_hours__gte=CRISIS_INTERVENTION_HOURS)
    if counseling:
        trained &= Q(counseling_hours__gte=COUNSELING_HOURS)
    return IN_CARE_ROLE & Q(is_active=True, access_held=False) & trained


class StaffManager(UserManager.from_queryset(StaffQuerySet)):  # type: ignore[misc]
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # A superuser made from the command line runs staff administration; it still
        # sees no client data (DESIGN.md: separation of duties).
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


@dataclass(frozen=True)
class TrainingHours:
    crisis: Decimal
    counseling: Decimal

    @property
    def certified(self) -> bool:
        return self.crisis >= CRISIS_INTERVENTION_HOURS

    @property
    def counseling_certified(self) -> bool:
        return self.certified and self.counseling >= COUNSELING_HOURS


class User(AbstractUser):
    """A staff member. The role decides what client data they may see (policy.py)."""

    role = models.CharField(max_length=20, choices=Role, blank=True)
    # Set when an administrator chose this person's password (a new account or a
    # reset): whoever knows it could sign in as them and enrol an authenticator of their
    # own. Until a supervisor confirms the person is back in (PasswordReset), the
    # account sees no client and decides no staff request (policy.py, staff.py).
    access_held = models.BooleanField(default=False, editable=False)
    # InfoNet reports staff and volunteers apart (the service-hours report). A volunteer
    # has a role and training like anyone; this changes nothing they may see or do.
    is_volunteer = models.BooleanField(
        _("volunteer"),
        default=False,
        help_text=_("Counted apart from paid staff in the service-hours report."),
    )
    # The day before: "you have 3 things due tomorrow" and a link, never what they are
    # (manage.py send_reminders). Off until the person or an administrator turns it on.
    email_reminders = models.BooleanField(
        _("reminders by email"),
        default=False,
        help_text=_("An email the day before anything is due: how many things, never which."),
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)  # one a day

    objects = StaffManager()
    history = HistoricalRecords(excluded_fields=["last_login", "password", "reminded_on"])

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        # The Django admin is staff administration only, so admin access follows the role.
        self.is_staff = runs_staff_administration(self.role)
        super().save(*args, **kwargs)

    @cached_property
    def training(self) -> TrainingHours:
        """Hours on record, from the with_training_hours() annotation when present."""
        if hasattr(self, "crisis_hours"):
            return TrainingHours(self.crisis_hours, self.counseling_hours)
        totals = type(self).objects.filter(pk=self.pk).with_training_hours().get()
        return TrainingHours(totals.crisis_hours, totals.counseling_hours)

    @property
    def is_certified(self) -> bool:
        return self.training.certified

    @property
    def is_counseling_certified(self) -> bool:
        return self.training.counseling_certified

    @property
    def role_badge(self) -> str:
        """The role as the page header shows it: an advocate without the 40 hours on
        record is a trainee (they may not log services or join a care team yet)."""
        if trains_first(self.role) and not self.is_certified:
            return gettext("Trainee")
        return self.get_role_display()

    def care_team_refusal(self) -> str | None:
        """Why this person may not join a care team, or None if they may."""
        if not self.is_active:
            return f"{self} has no active account."
        if self.access_held:
            return f"{self}'s new password waits for a supervisor's confirmation."
        if not is_care_role(self.role):
            role = self.get_role_display().lower() or "staff member without a role"
            return f"{self} is a {role}; only advocates and supervisors can be on a care team."
        if not self.is_certified:
            return (
                f"{self} has {format_hours(self.training.crisis)} of the "
                f"{format_hours(CRISIS_INTERVENTION_HOURS)} "
                "hours of sexual assault crisis intervention training on record; only "
                "certified staff can be on a care team."
            )
        return None


class TrainingRecord(models.Model):
    staff = models.ForeignKey(User, on_delete=models.PROTECT, related_name="training_records")
    topic = models.CharField(max_length=30, choices=TrainingTopic)
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    completed_on = models.DateField()
    notes = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=500), name="training_hours_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}, {format_hours(self.hours)} h, {self.completed_on}"

    def clean(self) -> None:
        if self.completed_on and self.completed_on > timezone.localdate():
            raise ValidationError(
                {"completed_on": gettext("A training can't be completed in the future.")}
            )
        if self.hours is not None and not (0 < self.hours <= 500):
            raise ValidationError({"hours": gettext("Enter between 0.5 and 500 hours.")})


class RoleChangeRequestQuerySet(models.QuerySet):
    def pending(self) -> "RoleChangeRequestQuerySet":
        return self.filter(decision=RoleChangeRequest.Decision.PENDING)


class RoleChangeRequest(models.Model):
    """An administrator asks for a role that opens client files or staff administration.

    Separation of duties (DESIGN.md: administrators see no client data): the role
    changes only when someone other than the one who asked, and other than the staff
    member, approves it: a supervisor or a second administrator (staff.py). Kept with
    who asked, who decided and when, like an action row.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    staff = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_requests")
    role = models.CharField(
        max_length=20, choices=[(r.value, r.label) for r in ROLES_NEEDING_APPROVAL]
    )
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=10, choices=Decision, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = RoleChangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requested_by=F("staff")), name="role_request_not_for_oneself"
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | (~Q(decided_by=F("requested_by")) & ~Q(decided_by=F("staff"))),
                name="role_request_decided_by_another",
            ),
            models.CheckConstraint(
                condition=Q(decision="pending", decided_by__isnull=True, decided_at__isnull=True)
                | (
                    Q(decision__in=["approved", "refused"])
                    & Q(decided_by__isnull=False, decided_at__isnull=False)
                ),
                name="role_request_decided_with_who_and_when",
            ),
            models.UniqueConstraint(
                fields=["staff"],
                condition=Q(decision="pending"),
                name="one_pending_role_request",
                violation_error_message=_("A role change for this person is already waiting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff}: {self.get_role_display()} ({self.get_decision_display().lower()})"

    def clean(self) -> None:
        if self.staff_id and self.requested_by_id == self.staff_id:
            raise ValidationError({"staff": gettext("Nobody can ask for a role for themselves.")})
        if self.staff_id and self._state.adding and self.staff.role == self.role:
            raise ValidationError(
                {"role": gettext("%(staff)s already has this role.") % {"staff": self.staff}}
            )


class PasswordResetQuerySet(models.QuerySet):
    def unconfirmed(self) -> "PasswordResetQuerySet":
        return self.filter(confirmed_at__isnull=True)


class PasswordReset(models.Model):
    """An administrator chose someone else's password: for a new account or a reset.

    Their two-factor devices are removed at once, so they enrol again at the next
    sign-in, and their account is held (User.access_held) until a supervisor, or a
    second administrator, confirms the person is back in: the administrator who knows
    the password could otherwise sign in as them with an authenticator of their own.
    """

    class Kind(models.TextChoices):
        NEW_ACCOUNT = "new_account", _("New account")
        RESET = "reset", _("Password reset")

    staff = models.ForeignKey(User, on_delete=models.PROTECT, related_name="password_resets")
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=20, choices=Kind)
    devices_removed = models.PositiveSmallIntegerField(default=0)
    confirmed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = PasswordResetQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(by=F("staff")), name="password_reset_of_someone_else"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True)
                | (~Q(confirmed_by=F("by")) & ~Q(confirmed_by=F("staff"))),
                name="password_reset_confirmed_by_another",
            ),
            # Confirmed with who and when; a when without a who was confirmed on the
            # server's command line (manage.py grant_role).
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | Q(confirmed_at__isnull=False),
                name="password_reset_confirmed_with_a_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.staff} by {self.by}, {self.at:%Y-%m-%d %H:%M}"


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The access log is append-only.")

    def delete(self):
        raise TypeError("The access log is append-only.")

    def scrub_client(self, client_id: int) -> int:
        """The one change the log allows: a purge (rule 9) removes which client a row was
        about. Who viewed, when and through which page stay; the path, which holds ids,
        goes."""
        rows = self.filter(client_id=client_id)
        return models.QuerySet.update(rows, client_id=0, path="")


class AccessLog(models.Model):
    """One row each time a page showed a client's identifying data to a staff member.

    Append-only (rule 4): rows are never changed or deleted through the ORM. It stores
    the client's id, never a name, and has no foreign key to the client so that this
    package depends on no domain app.
    """

    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    client_id = models.PositiveBigIntegerField()
    view_name = models.CharField(max_length=100)
    path = models.CharField(max_length=300)
    # Seen through emergency access ("break the glass"), not as a care-team member.
    emergency = models.BooleanField(default=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["client_id", "-at"], name="accesslog_client_at"),
            models.Index(fields=["user", "-at"], name="accesslog_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} viewed client {self.client_id} via {self.view_name} at {self.at}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise TypeError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The access log is append-only.")


class KeptForm(models.Model):
    """A form sent after its author's session had ended (the idle sign-out), kept a few
    minutes for them to finish after signing in again (crisis_center/kept_forms.py).

    Its own table, never the session: the anonymous session that received the post is
    the next person's at that browser. Deleted when returned to its author or after
    KEPT_FORM_MINUTES; no history is kept of it.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    fields = models.JSONField()  # [[name, value], ...] as posted, files left out
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["user", "path"], name="keptform_user_path")]

    def __str__(self) -> str:
        return f"form kept for user {self.user_id} on {self.path}"


class FormTokenQuerySet(models.QuerySet):
    def reserve(self, token: str, user: User) -> bool:
        """Take a form's one-time token for `user`; False if it was taken already.

        One statement that says whether the token was free without failing: a plain
        INSERT would raise on a taken token and, on PostgreSQL, abort the request's
        transaction with it. Two posts of the same form at once queue on the unique
        index; the second finds the first's row once that commits.
        """
        connection = connections[self.db]
        table = connection.ops.quote_name(self.model._meta.db_table)
        created_at = self.model._meta.get_field("created_at")
        with connection.cursor() as cursor:
            # The table's own quoted name; the values are parameters.
            insert = f"INSERT INTO {table} (token, user_id, created_at) VALUES (%s, %s, %s) "  # noqa: S608  # nosec B608
            cursor.execute(
                insert + "ON CONFLICT (token) DO NOTHING",
                [token, user.pk, created_at.get_db_prep_value(timezone.now(), connection)],
            )
            return cursor.rowcount == 1

    def expired(self) -> Self:
        return self.filter(created_at__lt=timezone.now() - FormToken.KEPT)


class FormToken(models.Model):
    """A create form's one-time token, taken by the save that used it, in the same
    transaction: a second post of the same form (Back then Save, a double click, a
    retry after an error page) finds it and creates nothing.

    It names the record by content type and id, never by anything typed into it.
    """

    KEPT = timedelta(days=7)  # a form page older than this is saved as new

    token = models.CharField(max_length=43, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = FormTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Form token used by {self.user_id} at {self.created_at}"


# The on-call roster's models live in their own module (after User, which they name).
from crisis_center.center import CenterSettings  # noqa: E402,F401
from crisis_center.local_choices import LocalChoice  # noqa: E402,F401
from crisis_center.roster_models import Shift, ShiftKind, SwapRequest  # noqa: E402,F401
