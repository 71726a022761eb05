"""The shared client record and what hangs directly off it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from crisis_center.policy import ClientScopedQuerySet
from intake.choices import (
    AgeRange,
    ClassificationKind,
    ClientStatus,
    GenderIdentity,
    ReferralSource,
    SafeToContact,
)


class ClientQuerySet(ClientScopedQuerySet):
    client_path = ""

    def with_care_team(self) -> "ClientQuerySet":
        """Prefetch the active care team (with staff) into client.current_team."""
        return self.prefetch_related(
            Prefetch(
                "care_team",
                queryset=CareTeamMember.objects.active().select_related("staff"),
                to_attr="current_team",
            )
        )

    def search(self, query: str) -> "ClientQuerySet":
        query = query.strip()
        return self.filter(pseudonym__icontains=query) if query else self


class Client(models.Model):
    """A person the center serves. Only a pseudonym or first name is ever required.

    DESIGN.md rule 7: no ID, no legal name, no address is required, and every
    demographic question has "declined" and "not asked".
    """

    pseudonym = models.CharField(
        "pseudonym or first name",
        max_length=100,
        help_text="The name the client wants us to use. An alias is fine.",
    )
    legal_name = models.CharField(max_length=200, blank=True)
    pronouns = models.CharField(max_length=50, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    age_range = models.CharField(max_length=10, choices=AgeRange, default=AgeRange.NOT_ASKED)
    languages = models.CharField(
        max_length=200, blank=True, help_text="Languages the client speaks, preferred first."
    )
    interpreter_needed = models.BooleanField(default=False)

    # Safe contact (rule 8): shown wherever staff might reach out.
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    mailing_address = models.TextField(max_length=500, blank=True)
    safe_to_call = models.CharField(
        max_length=10, choices=SafeToContact, default=SafeToContact.NOT_ASKED
    )
    safe_to_text = models.CharField(
        max_length=10, choices=SafeToContact, default=SafeToContact.NOT_ASKED
    )
    safe_to_voicemail = models.CharField(
        "safe to leave voicemail",
        max_length=10,
        choices=SafeToContact,
        default=SafeToContact.NOT_ASKED,
    )
    safe_to_mail = models.CharField(
        max_length=10, choices=SafeToContact, default=SafeToContact.NOT_ASKED
    )
    safe_times = models.CharField(
        "safe times to reach", max_length=200, blank=True, help_text="e.g. weekdays 9-11am"
    )
    code_word = models.CharField(
        max_length=100, blank=True, help_text="A word the client uses to show it is safe to talk."
    )

    gender = models.CharField(
        "gender identity",
        max_length=20,
        choices=GenderIdentity,
        default=GenderIdentity.NOT_ASKED,
    )
    gender_in_own_words = models.CharField(max_length=100, blank=True)
    classifications = models.ManyToManyField(
        "Classification", through="ClientClassification", related_name="clients"
    )
    victimization_other = models.CharField(
        "other victimization, explained", max_length=200, blank=True
    )
    special_classification_other = models.CharField(
        "other special classification, explained", max_length=200, blank=True
    )
    referral_source = models.CharField(
        max_length=20, choices=ReferralSource, default=ReferralSource.NOT_ASKED
    )
    referral_source_detail = models.CharField(max_length=200, blank=True)

    status = models.CharField(max_length=10, choices=ClientStatus, default=ClientStatus.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClientQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pseudonym", "id"]
        indexes = [
            models.Index(fields=["status"], name="client_status"),
            models.Index(fields=["-updated_at"], name="client_updated"),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    def clean(self) -> None:
        if self.date_of_birth:
            today = timezone.localdate()
            if self.date_of_birth > today:
                raise ValidationError({"date_of_birth": "A date of birth can't be in the future."})
            if self.date_of_birth.year < 1900:
                raise ValidationError({"date_of_birth": "Enter a year after 1900."})


class Classification(models.Model):
    """One entry of a funder's list (victimization types, special classifications, races).

    Codes are stable and count in reports; labels are editable because the funder's
    wording drifts, and a center can hide (deactivate) entries it never uses.
    """

    kind = models.CharField(max_length=20, choices=ClassificationKind)
    code = models.CharField(max_length=40)
    label = models.CharField(max_length=150)
    sort_order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    # "Other (with an explanation)" and "declined"/"not asked" need special handling.
    needs_explanation = models.BooleanField(default=False)
    is_non_answer = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "sort_order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="classification_kind_code"),
        ]

    def __str__(self) -> str:
        return self.label


class ClientRecord(models.Model):
    """Base for every record that hangs off a client: access, audit and authorship alike."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClientScopedQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class ClientClassification(ClientRecord):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    classification = models.ForeignKey(Classification, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "classification"], name="client_classification_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.classification} ({self.client_id})"


class CareTeamQuerySet(ClientScopedQuerySet):
    def active(self) -> "CareTeamQuerySet":
        return self.filter(ended_at__isnull=True)


class CareTeamMember(ClientRecord):
    """An assignment of one staff member to one client's care team.

    Explicit rows instead of a many-to-many field, so every assignment and removal keeps
    who did it and when (created_by/created_at, ended_by/ended_at) and has its own
    history. ICASA: minimize the number of staff who come in contact with the victim.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="care_team")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="care_assignments"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CareTeamQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "staff"],
                condition=Q(ended_at__isnull=True),
                name="care_team_one_active_assignment",
                violation_error_message="This person is already on the care team.",
            ),
        ]
        indexes = [
            models.Index(fields=["staff", "client"], name="care_team_staff_client"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} on the care team of client {self.client_id}"

    def clean(self) -> None:
        if self.staff_id and self.ended_at is None:
            refusal = self.staff.care_team_refusal()
            if refusal:
                raise ValidationError({"staff": refusal})
