"""Advocacy records: medical, legal, counseling, groups, accompaniment, service goals.

Every record hangs off a client through crisis_center's ClientRecord, so it has the client's
access policy, history and authorship. The one who logs a record is responsible for its
follow-up and court dates (they show on that person's home page).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advocacy.choices import (
    AppointmentKind,
    AppointmentStatus,
    CareStep,
    EvidenceKit,
    Facility,
    GoalStatus,
    LegalMatter,
    LegalSystem,
    MedicalContact,
    Modality,
    Mode,
    PlaceKind,
    StayedForExam,
)
from crisis_center.policy import ClientScopedQuerySet
from crisis_center.records.models import ClientRecord, TimeGiven, duration_field
from intake.choices import ChargeOutcome
from intake.choices import ServiceCode as S
from intake.models import ChoiceList

# What each record counts as in the funder report unless staff chose codes
# (shared/funder_reports.md "How the records feed it"): a hospital call-out is B1, or B2
# when the advocate accompanied a forensic exam; legal advocacy maps by matter, else by
# system; individual counseling is C4 (C6 for art, music, journaling or body work);
# groups C5; accompaniment to another agency B4.
MATTER = {
    LegalMatter.ORDER_OF_PROTECTION: S.E4,
    LegalMatter.CUSTODY: S.E5,
    LegalMatter.T_VISA: S.E7,
    LegalMatter.U_VISA: S.E7,
    LegalMatter.VAWA: S.E7,
}
SYSTEM = {
    LegalSystem.POLICE: S.E9,
    LegalSystem.STATES_ATTORNEY: S.E8,
    LegalSystem.COURT: S.E10,
    LegalSystem.PROBATION: S.E6,
    LegalSystem.IMMIGRATION: S.E7,
    LegalSystem.CIVIL_LEGAL_AID: S.E11,
}
OTHER_THERAPY = {Modality.ART, Modality.MUSIC, Modality.JOURNALING, Modality.BODY_WORK}


def _not_in_future(value) -> None:
    if value and value > timezone.now() + timedelta(minutes=5):
        raise ValidationError(gettext("This can't be in the future."))


def _when() -> models.DateTimeField:
    return models.DateTimeField(_("when"), default=timezone.now, validators=[_not_in_future])


def _notes() -> models.TextField:
    return models.TextField(blank=True)


class MedicalAdvocacy(TimeGiven, ClientRecord):
    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="medical_advocacy")
    occurred_at = _when()
    facility = models.CharField(max_length=20, choices=Facility, default=Facility.HOSPITAL)
    facility_name = models.CharField(max_length=200, blank=True)
    mode = models.CharField(max_length=20, choices=Mode, default=Mode.IN_PERSON)
    contacted = ChoiceList(MedicalContact, _("who was contacted"))
    evidence_kit = models.CharField(
        _("evidence collection kit"),
        max_length=20,
        choices=EvidenceKit,
        default=EvidenceKit.NOT_APPLICABLE,
    )
    injury_assessment = models.CharField(
        max_length=20, choices=CareStep, default=CareStep.NOT_DISCUSSED
    )
    sti_testing = models.CharField(
        _("STI testing and treatment"),
        max_length=20,
        choices=CareStep,
        default=CareStep.NOT_DISCUSSED,
    )
    pregnancy_care = models.CharField(
        _("pregnancy test and emergency contraception"),
        max_length=20,
        choices=CareStep,
        default=CareStep.NOT_DISCUSSED,
    )
    substance_use_support = models.CharField(
        max_length=20, choices=CareStep, default=CareStep.NOT_DISCUSSED
    )
    stayed_for_exam = models.CharField(
        _("advocate stayed for the exam"),
        max_length=20,
        choices=StayedForExam,
        default=StayedForExam.NOT_APPLICABLE,
    )
    barriers = models.TextField(_("prescriptions and insurance barriers"), blank=True)
    follow_up_by = models.DateField(_("follow-up needed by"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes = _notes()

    service_codes = ChoiceList(S, _("counts as (funder service codes)"))

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name_plural = _("medical advocacy")
        indexes = [
            models.Index(
                fields=["created_by", "follow_up_by"],
                condition=Q(follow_up_by__isnull=False, follow_up_done_at__isnull=True),
                name="medical_follow_up_due",
            ),
            # Everyone's, soonest first: supervisors' home page and the dashboard.
            models.Index(
                fields=["follow_up_by"],
                condition=Q(follow_up_by__isnull=False, follow_up_done_at__isnull=True),
                name="medical_follow_up_due_all",
            ),
        ]

    def __str__(self) -> str:
        return f"Medical advocacy, {self.get_facility_display().lower()}"

    def service_date(self) -> datetime:
        return self.occurred_at

    def default_service_codes(self) -> list[str]:
        exam = (
            self.stayed_for_exam == StayedForExam.YES or self.evidence_kit == EvidenceKit.COLLECTED
        )
        return [S.B2 if exam else S.B1]


class LegalAdvocacy(TimeGiven, ClientRecord):
    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="legal_advocacy")
    occurred_at = _when()
    incident = models.ForeignKey(
        "intake.Incident",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_advocacy",
        verbose_name=_("the incident it concerns"),
    )
    system = models.CharField(max_length=20, choices=LegalSystem, default=LegalSystem.POLICE)
    matter = models.CharField(max_length=30, choices=LegalMatter, default=LegalMatter.OTHER)
    charge_outcome = models.CharField(
        _("outcome of charges against the client"),
        max_length=20,
        choices=ChargeOutcome,
        default=ChargeOutcome.NOT_APPLICABLE,
    )
    certification_requested = models.BooleanField(
        _("law-enforcement certification requested (T or U visa)"), default=False
    )
    court_date = models.DateTimeField(_("next court date"), null=True, blank=True)
    advocate_present = models.BooleanField(default=False)
    outcome = models.TextField(blank=True)
    notes = _notes()

    service_codes = ChoiceList(S, _("counts as (funder service codes)"))

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name_plural = _("legal advocacy")
        indexes = [
            models.Index(
                fields=["created_by", "court_date"],
                condition=Q(court_date__isnull=False),
                name="legal_court_date",
            ),
            models.Index(
                fields=["court_date"],
                condition=Q(court_date__isnull=False),
                name="legal_court_date_all",
            ),
        ]

    def __str__(self) -> str:
        return f"Legal advocacy: {self.get_system_display()}, {self.get_matter_display()}"

    def service_date(self) -> datetime:
        return self.occurred_at

    def default_service_codes(self) -> list[str]:
        return [MATTER.get(self.matter) or SYSTEM[self.system]]

    def clean(self) -> None:
        charges = self.matter == LegalMatter.CHARGES_AGAINST_CLIENT
        if not charges and self.charge_outcome != ChargeOutcome.NOT_APPLICABLE:
            raise ValidationError(
                {
                    "charge_outcome": gettext(
                        "Only for charges against the client; choose the matter."
                    )
                }
            )
        if self.incident_id and self.incident.client_id != self.client_id:
            raise ValidationError({"incident": gettext("Choose one of this client's incidents.")})


class CounselingSession(TimeGiven, ClientRecord):
    """An individual session. Only counseling-certified staff may log one (rule 3)."""

    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="counseling")
    occurred_at = _when()
    modality = models.CharField(max_length=20, choices=Modality, default=Modality.TALK)
    notes = _notes()

    service_codes = ChoiceList(S, _("counts as (funder service codes)"))

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"Counseling ({self.get_modality_display().lower()})"

    def service_date(self) -> datetime:
        return self.occurred_at

    def default_service_codes(self) -> list[str]:
        return [S.C6 if self.modality in OTHER_THERAPY else S.C4]

    def clean(self) -> None:
        if self.created_by_id and not self.created_by.is_counseling_certified:
            raise ValidationError(
                gettext(
                    "Only staff with the 40-hour training and 20 hours of counseling training "
                    "can log counseling."
                )
            )


class SupportGroup(models.Model):
    """A group (education or peer support). Holds no client data: attendance does."""

    name = models.CharField(max_length=150)
    topic = models.CharField(max_length=300, blank=True)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-active", "name"]

    def __str__(self) -> str:
        return self.name


class GroupSession(models.Model):
    """One meeting of a group. Its time is given by its facilitators (each of them gives
    the whole session), and received by each client who attended."""

    group = models.ForeignKey(SupportGroup, models.PROTECT, related_name="sessions")
    occurred_at = _when()
    topic = models.CharField(max_length=300, blank=True)
    duration_minutes = duration_field()
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("given by")
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.group}, {timezone.localtime(self.occurred_at):%b %-d, %Y}"

    @classmethod
    def facilitated_sessions_attended(cls) -> models.QuerySet:
        """One row per facilitator of each session at least one client attended: the
        time staff gave in groups (a session nobody came to gave no direct service)."""
        attended = GroupAttendance.objects.filter(session=models.OuterRef("groupsession_id"))
        return cls.facilitators.through.objects.filter(models.Exists(attended))


class GroupAttendance(ClientRecord):
    """One client at one group session. The client's file shows it; no page lists the
    other attendees of a session to someone who may not see them."""

    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="group_attendance")
    session = models.ForeignKey(GroupSession, models.PROTECT, related_name="attendance")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "session"],
                name="attendance_once_per_session",
                violation_error_message=_("Already recorded for this session."),
            ),
        ]

    def __str__(self) -> str:
        return f"Attended {self.session}"

    def service_date(self) -> datetime:
        return self.session.occurred_at  # moving a session moves its attendance

    def default_service_codes(self) -> list[str]:
        return [S.C5]


class Accompaniment(TimeGiven, ClientRecord):
    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="accompaniments")
    occurred_at = _when()
    agency = models.CharField(_("where (agency or place)"), max_length=200)
    purpose = models.CharField(max_length=300)
    outcome = models.TextField(blank=True)
    notes = _notes()

    service_codes = ChoiceList(S, _("counts as (funder service codes)"))

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"Accompaniment to {self.agency}"

    def service_date(self) -> datetime:
        return self.occurred_at

    def default_service_codes(self) -> list[str]:
        return [S.B4]


class ServiceGoal(ClientRecord):
    """A survivor-led goal, in the client's own words."""

    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="goals")
    goal = models.TextField(_("goal, in the client's own words"))
    status = models.CharField(max_length=20, choices=GoalStatus, default=GoalStatus.OPEN)
    target_date = models.DateField(null=True, blank=True)
    notes = _notes()

    class Meta:
        ordering = ["target_date", "-created_at"]
        indexes = [models.Index(fields=["status", "target_date"], name="goal_open_target")]

    def __str__(self) -> str:
        return self.goal[:60]

    @property
    def is_open(self) -> bool:
        return self.status in GoalStatus.still_open()


class AppointmentQuerySet(ClientScopedQuerySet):
    def on_calendar(self) -> "AppointmentQuerySet":
        """Still happening or happened: a cancelled or moved booking leaves the calendar
        (the moved one's new time is a booking of its own)."""
        return self.exclude(status__in=[AppointmentStatus.CANCELLED, AppointmentStatus.MOVED])

    def upcoming_first(self, now: datetime | None = None) -> "AppointmentQuerySet":
        """What is still to come, soonest first; then what has passed, latest first."""
        ahead = Q(starts_at__gte=now or timezone.now())
        return self.order_by(
            models.Case(models.When(ahead, then=0), default=1),
            models.Case(models.When(ahead, then="starts_at")).asc(),
            "-starts_at",
            "-id",
        )


SAME_DAY = _("An appointment ends the day it starts; book the next day as its own appointment.")


class Appointment(ClientRecord):
    """A court date, a medical follow-up, a counseling session or an accompaniment,
    booked ahead: when, the kind of place (never an address: rule 7), and the member of
    the care team who goes. It is not a service: the record of what happened (legal or
    medical advocacy, counseling, accompaniment) is what the funder report counts."""

    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="appointments")
    kind = models.CharField(max_length=20, choices=AppointmentKind, default=AppointmentKind.COURT)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(
        _("kind of place"),
        max_length=20,
        choices=PlaceKind,
        default=PlaceKind.COURT,
        help_text=_("The kind of place, never an address."),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("who goes")
    )
    status = models.CharField(
        max_length=20, choices=AppointmentStatus, default=AppointmentStatus.SCHEDULED
    )
    purpose = models.CharField(max_length=300, blank=True)

    objects = AppointmentQuerySet.as_manager()

    checked_before_constraints = ("ends_at",)  # clean() says why, on the field

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [
            # A staff member's week, and everyone's (the calendar, the reminders).
            models.Index(fields=["staff", "starts_at"], name="appointment_staff_week"),
            models.Index(fields=["starts_at"], name="appointment_week"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at)
        return f"{self.get_kind_display()}, {when:%b %-d, %Y %H:%M}"

    def clean_fields(self, exclude=None) -> None:
        # Most often the one who books it goes, whose row the author's check reads.
        if self.staff_id is not None and self.staff_id == self.created_by_id:
            exclude = {*(exclude or ()), "staff"}
        super().clean_fields(exclude)

    def clean(self) -> None:
        if self.starts_at and self.ends_at:
            if self.ends_at <= self.starts_at:
                raise ValidationError({"ends_at": gettext("The end must be after the start.")})
            if timezone.localdate(self.ends_at) != timezone.localdate(self.starts_at):
                raise ValidationError({"ends_at": SAME_DAY})
