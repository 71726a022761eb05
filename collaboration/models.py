"""The local collaboration of ICASA Section 3, and the agency's own evaluation (Section 2).

Nothing here names or links to a client: these are the coordinator's records of
partner agencies, meetings, cross-training, outreach and prevention, so they sit outside
the client access policy and are limited by role in the views.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from collaboration.choices import (
    AgendaTopic,
    CrossTrainingTopic,
    DecisionProcess,
    OutreachLocation,
    PlanStatus,
    PreventionTopic,
)
from crisis_center.models import TrainingRecord
from crisis_center.roles import TrainingTopic, format_hours
from intake.models import ChoiceList
from referrals.models import Agency

NO_NAMES = "Do not write the names of the people you met, or anything that identifies them."
_SMALL = [MaxValueValidator(10_000)]  # a count no single entry can exceed


def not_in_future(value: date | None, field: str, what: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({field: f"{what} can't be in the future."})


# Local collaboration ---------------------------------------------------------------


class Membership(models.Model):
    """An agency that belongs to the local collaboration (ICASA Section 3 "Getting Started")."""

    agency = models.OneToOneField(Agency, models.PROTECT, related_name="membership")
    member_since = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    contact_person = models.CharField(max_length=200, blank=True)
    contact_details = models.CharField(
        max_length=200, blank=True, help_text="Work phone or email of the contact person."
    )
    notes = models.TextField(max_length=2000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("member_since")),
                name="membership_left_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return str(self.agency)

    def clean(self) -> None:
        if self.left_on and self.member_since and self.left_on < self.member_since:
            raise ValidationError({"left_on": "An agency can't leave before it joined."})


class Charter(models.Model):
    """The collaboration's purpose and ground rules: one row for the whole center.

    ICASA Section 3 "Setting the Agenda": agree on a purpose, set ground rules.
    """

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    vision = models.TextField(max_length=2000, blank=True)
    mission = models.TextField(max_length=2000, blank=True)
    guiding_values = models.TextField(max_length=4000, blank=True)
    partner_strengths = models.TextField(
        "strengths and contributions of partners", max_length=4000, blank=True
    )
    leader = models.CharField("who leads", max_length=200, blank=True)
    meeting_place_and_time = models.CharField("where and when we meet", max_length=300, blank=True)
    record_keeper = models.CharField(
        "who writes and sends notices, agendas and minutes", max_length=200, blank=True
    )
    decision_process = models.CharField(
        "decision-making process", max_length=20, choices=DecisionProcess, blank=True
    )
    decision_notes = models.CharField("about decisions", max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(singleton=True), name="charter_is_single"),
        ]

    def __str__(self) -> str:
        return "Purpose and ground rules"

    @classmethod
    def current(cls) -> "Charter":
        """The saved charter, or an unsaved empty one (a GET never writes)."""
        return cls.objects.filter(singleton=True).first() or cls()


class Meeting(models.Model):
    date = models.DateField(default=timezone.localdate)
    place = models.CharField(max_length=200)
    attending_agencies = models.ManyToManyField(Agency, blank=True, related_name="+")
    attendees = models.TextField(
        "people attending",
        max_length=2000,
        blank=True,
        help_text="Partner staff and members present, with their agency.",
    )
    minutes = models.TextField(max_length=20_000, blank=True)
    decisions = models.TextField(max_length=4000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[attending_agencies])

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"Meeting of {self.date:%b %-d, %Y} at {self.place}"

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", args=[self.pk])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="agenda_items")
    topic = models.CharField(max_length=30, choices=AgendaTopic)
    description = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description or self.get_topic_display()

    def clean(self) -> None:
        if self.topic == AgendaTopic.OTHER and not self.description:
            raise ValidationError({"description": "Say what the item is about."})


class ActionItemQuerySet(models.QuerySet):
    def open_past_due(self, today: date | None = None) -> "ActionItemQuerySet":
        return self.filter(done_on__isnull=True, due_on__lt=today or timezone.localdate())


class ActionItem(models.Model):
    """Who will do what by when, agreed at a meeting."""

    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="action_items")
    description = models.CharField(max_length=300)
    owner = models.CharField("who", max_length=200)
    owner_agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="agency"
    )
    due_on = models.DateField("due")
    done_on = models.DateField("done", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="actionitem_open_due")]

    def __str__(self) -> str:
        return f"{self.description} ({self.owner}, due {self.due_on})"

    def clean(self) -> None:
        not_in_future(self.done_on, "done_on", "The day it was done")


class StrategicPlanItem(models.Model):
    """ICASA Section 3 "Strategic Planning": which agency will do what by when."""

    change_needed = models.TextField(max_length=2000)
    agency = models.ForeignKey(
        Agency,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave empty when our center takes it on.",
    )
    due_by = models.DateField("by when", null=True, blank=True)
    resources_needed = models.TextField(max_length=2000, blank=True)
    success_measure = models.TextField("how we will know it worked", max_length=2000, blank=True)
    status = models.CharField(max_length=20, choices=PlanStatus, default=PlanStatus.PLANNED)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_by", "id"]
        verbose_name = "strategic plan item"

    def __str__(self) -> str:
        return self.change_needed[:80]


class PolicyChange(models.Model):
    """ICASA Section 3 outcome 1: changes in agencies' policies that promote a legally
    just, trauma-informed response (the outcome measures count these)."""

    changed_on = models.DateField("date", default=timezone.localdate)
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+")
    description = models.TextField(max_length=4000)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-changed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.agency}, {self.changed_on}"

    def clean(self) -> None:
        not_in_future(self.changed_on, "changed_on", "A policy change")


# Cross-training --------------------------------------------------------------------


class CrossTraining(models.Model):
    """A cross-training session among partner agencies (ICASA Section 3 "Cross Training").

    Our staff who attend get a TrainingRecord each (see services.cross_training_save), so
    the hours count toward their certification in `counts_toward`.
    """

    topic = models.CharField(max_length=30, choices=CrossTrainingTopic)
    topic_other = models.CharField("other topic", max_length=200, blank=True)
    date = models.DateField(default=timezone.localdate)
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(100)],
    )
    presenter = models.ForeignKey(
        Agency,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="presenting agency",
        help_text="Leave empty when our center presents.",
    )
    attending_agencies = models.ManyToManyField(Agency, blank=True, related_name="+")
    outside_attendees = models.PositiveSmallIntegerField(
        "people attending from outside", default=0, validators=_SMALL
    )
    counts_toward = models.CharField(
        "our staff's hours count toward",
        max_length=30,
        choices=TrainingTopic,
        default=TrainingTopic.OTHER,
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[attending_agencies])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "cross-training"
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=100), name="cross_training_hours_in_range"
            ),
            models.CheckConstraint(
                condition=~Q(topic=CrossTrainingTopic.OTHER) | ~Q(topic_other=""),
                name="cross_training_other_topic_described",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic_label}, {self.date}, {format_hours(self.hours)} h"

    @property
    def topic_label(self) -> str:
        return (
            self.topic_other if self.topic == CrossTrainingTopic.OTHER else self.get_topic_display()
        )

    def clean(self) -> None:
        if self.topic == CrossTrainingTopic.OTHER and not self.topic_other:
            raise ValidationError({"topic_other": "Name the topic."})


class CrossTrainingAttendance(models.Model):
    """One of our staff at a cross-training, and the training record it gave them.

    The link lives here because crisis_center (training records) may not know this app.
    """

    training = models.ForeignKey(CrossTraining, models.PROTECT, related_name="attendance")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    training_record = models.OneToOneField(TrainingRecord, models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training", "staff"], name="cross_training_once"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} at {self.training}"


# Outreach --------------------------------------------------------------------------

MATERIALS = ("hotline_cards", "hygiene_kits", "snacks", "condoms", "other_materials")


class OutreachQuerySet(models.QuerySet):
    def monthly(self) -> "OutreachQuerySet":
        """People reached and materials handed out per month, newest first (one query)."""
        totals = {name: Coalesce(Sum(name), 0) for name in ("people_reached", *MATERIALS)}
        return (
            self.order_by()
            .values(month=TruncMonth("date"))
            .annotate(outings=Count("id"), **totals)
            .order_by("-month")
        )


class OutreachLog(models.Model):
    """One outing to meet people where they are (ICASA Section 3 "Outreach Planning").

    No client identities: nothing here links to a client, and the forms say not to write names.
    """

    date = models.DateField(default=timezone.localdate)
    location_type = models.CharField("where", max_length=20, choices=OutreachLocation)
    location_note = models.CharField(
        "place",
        max_length=200,
        blank=True,
        help_text="The kind of place or area, e.g. 'North Ave bus depot'.",
    )
    people_reached = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    hotline_cards = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    hygiene_kits = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    snacks = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    condoms = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    other_materials = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    other_materials_what = models.CharField("other materials: what", max_length=200, blank=True)
    follow_ups = models.TextField(max_length=2000, blank=True, help_text=NO_NAMES)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = OutreachQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "outreach"
        verbose_name_plural = "outreach"
        constraints = [
            models.CheckConstraint(
                condition=Q(other_materials=0) | ~Q(other_materials_what=""),
                name="outreach_other_materials_named",
            ),
        ]

    def __str__(self) -> str:
        return f"Outreach, {self.get_location_type_display()}, {self.date}"

    def clean(self) -> None:
        not_in_future(self.date, "date", "An outreach date")
        if self.other_materials and not self.other_materials_what:
            raise ValidationError({"other_materials_what": "Say what the other materials were."})


# Agency self-assessment and prevention ---------------------------------------------


def _answer(number: int) -> models.TextField:
    return models.TextField(f"question {number}", max_length=4000, blank=True)


class SelfAssessment(models.Model):
    """The agency's answers to the ICASA Section 2 questions, once a year
    (collaboration/assessment.py holds the question texts)."""

    year = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    need_1, need_2, need_3, need_4, need_5, need_6, need_7 = (_answer(n) for n in range(1, 8))
    plan_1, plan_2, plan_3, plan_4, plan_5, plan_6, plan_7 = (_answer(n) for n in range(1, 8))
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = "agency self-assessment"

    def __str__(self) -> str:
        return f"Self-assessment {self.year}"


class PreventionGroupQuerySet(models.QuerySet):
    def with_totals(self) -> "PreventionGroupQuerySet":
        return self.annotate(
            session_count=Count("sessions"),
            participant_total=Coalesce(Sum("sessions__participants"), 0),
        ).order_by("name", "id")


class PreventionGroup(models.Model):
    """A prevention group with young people (ICASA Section 3 "Prevention Planning")."""

    name = models.CharField(max_length=200)
    topics = ChoiceList(PreventionTopic, "topics")
    curriculum = models.TextField(max_length=4000, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    partner_agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PreventionGroupQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("prevention_detail", args=[self.pk])

    @property
    def topic_labels(self) -> list[str]:
        return [PreventionTopic(code).label for code in self.topics]


class PreventionSession(models.Model):
    """One meeting of a prevention group: how many came, never who."""

    group = models.ForeignKey(PreventionGroup, models.PROTECT, related_name="sessions")
    date = models.DateField(default=timezone.localdate)
    participants = models.PositiveSmallIntegerField(default=0, validators=_SMALL)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.group}, {self.date}"

    def clean(self) -> None:
        not_in_future(self.date, "date", "A session that took place")
