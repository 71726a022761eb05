"""The local collaboration of ICASA Section 3, the agency's own evaluation (Section 2),
client feedback and multi-agency case conferences.

Most of it names or links to no client: the coordinator's records of partner agencies,
meetings, cross-training, outreach and prevention sit outside the client access policy
and are limited by role in the views. Feedback is anonymous by construction. Case
conferences are client records, behind the policy like every other.
"""

import hashlib
import re
import secrets
import unicodedata
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from collaboration.choices import (
    AgendaTopic,
    ConferenceFormat,
    CrossTrainingTopic,
    DecisionProcess,
    PlanStatus,
    PreventionTopic,
    Rating,
    SurveyService,
)
from crisis_center import local_choices
from crisis_center.languages import client_languages, default_language
from crisis_center.local_choices import ListName, LocalCodeValidator
from crisis_center.models import TrainingRecord
from crisis_center.policy import ClientScopedQuerySet
from crisis_center.records.models import ClientRecord
from crisis_center.roles import TrainingTopic, format_hours
from intake.models import ChoiceList
from referrals.models import Agency, ReleaseOfInformation

NO_NAMES = _("Do not write the names of the people you met, or anything that identifies them.")
_SMALL = [MaxValueValidator(10_000)]  # a count no single entry can exceed


def not_in_future(value: date | None, field: str, what: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({field: gettext("%(what)s can't be in the future.") % {"what": what}})


# Local collaboration ---------------------------------------------------------------


class Membership(models.Model):
    """An agency that belongs to the local collaboration (ICASA Section 3 "Getting Started")."""

    agency = models.OneToOneField(Agency, models.PROTECT, related_name="membership")
    member_since = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    contact_person = models.CharField(max_length=200, blank=True)
    contact_details = models.CharField(
        max_length=200, blank=True, help_text=_("Work phone or email of the contact person.")
    )
    notes = models.TextField(blank=True)
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
            raise ValidationError({"left_on": gettext("An agency can't leave before it joined.")})


class Charter(models.Model):
    """The collaboration's purpose and ground rules: one row for the whole center.

    ICASA Section 3 "Setting the Agenda": agree on a purpose, set ground rules.
    """

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    vision = models.TextField(blank=True)
    mission = models.TextField(blank=True)
    guiding_values = models.TextField(blank=True)
    partner_strengths = models.TextField(_("strengths and contributions of partners"), blank=True)
    leader = models.CharField(_("who leads"), max_length=200, blank=True)
    meeting_place_and_time = models.CharField(
        _("where and when we meet"), max_length=300, blank=True
    )
    record_keeper = models.CharField(
        _("who writes and sends notices, agendas and minutes"), max_length=200, blank=True
    )
    decision_process = models.CharField(
        _("decision-making process"), max_length=20, choices=DecisionProcess, blank=True
    )
    decision_notes = models.CharField(_("about decisions"), max_length=500, blank=True)
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
        _("people attending"),
        blank=True,
        help_text=_("Partner staff and members present, with their agency."),
    )
    minutes = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
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
            raise ValidationError({"description": gettext("Say what the item is about.")})


class ActionItemQuerySet(models.QuerySet):
    def open_past_due(self, today: date | None = None) -> "ActionItemQuerySet":
        return self.filter(done_on__isnull=True, due_on__lt=today or timezone.localdate())


class ActionItem(models.Model):
    """Who will do what by when, agreed at a meeting."""

    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="action_items")
    description = models.CharField(max_length=300)
    owner = models.CharField(_("who"), max_length=200)
    owner_agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agency")
    )
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="actionitem_open_due")]

    def __str__(self) -> str:
        return f"{self.description} ({self.owner}, due {self.due_on})"

    def clean(self) -> None:
        not_in_future(self.done_on, "done_on", gettext("The day it was done"))


class StrategicPlanItem(models.Model):
    """ICASA Section 3 "Strategic Planning": which agency will do what by when."""

    change_needed = models.TextField()
    agency = models.ForeignKey(
        Agency,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty when our center takes it on."),
    )
    due_by = models.DateField(_("by when"), null=True, blank=True)
    resources_needed = models.TextField(blank=True)
    success_measure = models.TextField(_("how we will know it worked"), blank=True)
    status = models.CharField(max_length=20, choices=PlanStatus, default=PlanStatus.PLANNED)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_by", "id"]
        verbose_name = _("strategic plan item")

    def __str__(self) -> str:
        return self.change_needed[:80]


class PolicyChange(models.Model):
    """ICASA Section 3 outcome 1: changes in agencies' policies that promote a legally
    just, trauma-informed response (the outcome measures count these)."""

    changed_on = models.DateField(_("date"), default=timezone.localdate)
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+")
    description = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-changed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.agency}, {self.changed_on}"

    def clean(self) -> None:
        not_in_future(self.changed_on, "changed_on", gettext("A policy change"))


# Cross-training --------------------------------------------------------------------


class CrossTraining(models.Model):
    """A cross-training session among partner agencies (ICASA Section 3 "Cross Training").

    Our staff who attend get a TrainingRecord each (see services.cross_training_save), so
    the hours count toward their certification in `counts_toward`.
    """

    topic = models.CharField(max_length=30, choices=CrossTrainingTopic)
    topic_other = models.CharField(_("other topic"), max_length=200, blank=True)
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
        verbose_name=_("presenting agency"),
        help_text=_("Leave empty when our center presents."),
    )
    attending_agencies = models.ManyToManyField(Agency, blank=True, related_name="+")
    outside_attendees = models.PositiveSmallIntegerField(
        _("people attending from outside"), default=0, validators=_SMALL
    )
    counts_toward = models.CharField(
        _("our staff's hours count toward"),
        max_length=30,
        choices=TrainingTopic,
        default=TrainingTopic.OTHER,
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[attending_agencies])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("cross-training")
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
            raise ValidationError({"topic_other": gettext("Name the topic.")})


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
    # The built-in places (OutreachLocation) and the center's own (crisis_center.local_choices).
    location_type = models.CharField(
        _("where"), max_length=20, validators=[LocalCodeValidator(ListName.OUTREACH_PLACES)]
    )
    location_note = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("The kind of place or area, e.g. 'North Ave bus depot'."),
    )
    people_reached = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    hotline_cards = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    hygiene_kits = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    snacks = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    condoms = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    other_materials = models.PositiveSmallIntegerField(default=0, validators=_SMALL)
    other_materials_what = models.CharField(_("other materials: what"), max_length=200, blank=True)
    follow_ups = models.TextField(blank=True, help_text=NO_NAMES)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = OutreachQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("outreach")
        verbose_name_plural = _("outreach")
        constraints = [
            models.CheckConstraint(
                condition=Q(other_materials=0) | ~Q(other_materials_what=""),
                name="outreach_other_materials_named",
            ),
        ]

    def __str__(self) -> str:
        return f"Outreach, {self.get_location_type_display()}, {self.date}"

    def get_location_type_display(self) -> str:
        return local_choices.label(ListName.OUTREACH_PLACES, self.location_type)

    def clean(self) -> None:
        not_in_future(self.date, "date", gettext("An outreach date"))
        if self.other_materials and not self.other_materials_what:
            raise ValidationError(
                {"other_materials_what": gettext("Say what the other materials were.")}
            )


# Agency self-assessment and prevention ---------------------------------------------


def _answer(number: int) -> models.TextField:
    return models.TextField(f"question {number}", blank=True)


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
        verbose_name = _("agency self-assessment")

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
    topics = ChoiceList(PreventionTopic, _("topics"))
    curriculum = models.TextField(blank=True)
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
        not_in_future(self.date, "date", gettext("A session that took place"))


# Client feedback ---------------------------------------------------------------------
#
# ICASA Section 2, Individual counseling and support: "service evaluation forms should be
# given to all clients" to check that services are victim-centered and culturally
# competent. The survey is anonymous: neither table names a client, a staff member, a
# service or a moment. That is why these two models keep no history (a history row
# would record who issued a link and the exact time a response was saved).

# (column, statement) of the rating questions, in the order the survey asks them.
STATEMENTS = (
    ("felt_safe", _("I felt safe here.")),
    ("felt_believed", _("I felt believed and respected.")),
    ("understood_culture", _("Staff understood my culture and my language.")),
    ("got_help", _("I got the help I came for.")),
    ("would_recommend", _("I would tell a friend to come here.")),
)
WHAT_HELPED_MAX = 1000  # free text is optional and short: it may hold a name


def token_hash(token: str) -> str:
    """Only the SHA-256 of a link's token is stored: a copy of the database opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


class FeedbackLinkQuerySet(models.QuerySet):
    def open(self, today: date | None = None) -> "FeedbackLinkQuerySet":
        """Links that still open the survey: an unused single-use link younger than
        FEEDBACK_LINK_DAYS, or a kiosk link nobody revoked."""
        today = today or timezone.localdate()
        cutoff = today - timedelta(days=settings.FEEDBACK_LINK_DAYS)
        single = Q(kiosk=False, used=False, created_on__gt=cutoff)
        return self.filter(single | Q(kiosk=True, revoked_on__isnull=True))

    def by_token(self, token: str) -> "FeedbackLinkQuerySet":
        return self.filter(token_hash=token_hash(token))

    def consume(self, token: str, now=None) -> bool:
        """Take one use of the link, atomically: an UPDATE that only an open link
        matches, so two submits racing on one single-use link save one response.

        A kiosk link counts submissions in a window of one hour and refuses more than
        FEEDBACK_KIOSK_PER_HOUR, so a tablet cannot be used to flood the results.
        """
        now = now or timezone.now()
        links = self.open(timezone.localdate(now)).by_token(token)
        if links.filter(kiosk=False).update(used=True) == 1:
            return True
        kiosk = links.filter(kiosk=True)
        kiosk.filter(
            Q(window_started_at__isnull=True) | Q(window_started_at__lte=now - timedelta(hours=1))
        ).update(window_started_at=now, window_count=0)
        return (
            kiosk.filter(window_count__lt=settings.FEEDBACK_KIOSK_PER_HOUR).update(
                window_count=F("window_count") + 1
            )
            == 1
        )


class FeedbackLink(models.Model):
    """A survey link handed to a client (single use) or set up on a kiosk tablet.

    No client, no issuing staff, no service: only the token's hash, the day it was
    made, the language the survey opens in and whether it is spent. The token itself is
    shown once, when it is made. A response keeps no language (nor link).
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    kiosk = models.BooleanField(default=False)
    label = models.CharField(
        _("where the kiosk is"), max_length=100, blank=True, help_text=_("e.g. Waiting room tablet")
    )
    created_on = models.DateField(default=timezone.localdate, editable=False)
    # The advocate's preset; the client can switch on the page.
    language = models.CharField(
        _("language of the survey"),
        max_length=10,
        choices=client_languages,
        default=default_language,
    )
    used = models.BooleanField(default=False)
    revoked_on = models.DateField(null=True, blank=True, editable=False)
    # Kiosk throttle: the start of the current one-hour window and its submissions.
    window_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    window_count = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = FeedbackLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_on", "-id"]
        constraints = [
            # A kiosk is revoked, never used up; a single-use link has no label or revocation.
            models.CheckConstraint(
                condition=Q(kiosk=True, used=False) | Q(kiosk=False, label="", revoked_on=None),
                name="feedback_link_kind_fields",
            ),
        ]

    def __str__(self) -> str:
        return f"Kiosk link: {self.label}" if self.kiosk else "Single-use feedback link"

    @classmethod
    def issue(
        cls, *, kiosk: bool = False, label: str = "", language: str = ""
    ) -> tuple["FeedbackLink", str]:
        """A new link and its token (to show once; only the hash is kept)."""
        token = secrets.token_urlsafe(32)
        link = cls(
            token_hash=token_hash(token),
            kiosk=kiosk,
            label=label,
            language=language or default_language(),
        )
        link.full_clean(exclude=["token_hash"])
        link.save()
        return link, token


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def month_default() -> date:
    return first_of_month(timezone.localdate())


def _rating(label: str) -> models.CharField:
    return models.CharField(label, max_length=20, choices=Rating, default=Rating.NOT_ANSWERED)


class DayOfMonth(models.Func):
    """The day of a date, in SQL that any SQLite tool can run. Django's own `__day`
    calls django_date_extract(), a function only Django's connections have, so a CHECK
    written with it breaks `PRAGMA integrity_check` in the sqlite3 shell."""

    arity = 1
    output_field = models.IntegerField()
    template = "EXTRACT(DAY FROM %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps a date as 'YYYY-MM-DD' text.
        return self.as_sql(
            compiler, connection, template="CAST(substr(%(expressions)s, 9, 2) AS INTEGER)"
        )


class FeedbackResponse(models.Model):
    """One anonymous survey response. No link, no time of day: only the month, so no
    one can match a response to the person a link was given to."""

    month = models.DateField(default=month_default, editable=False)
    used_hotline = models.BooleanField(SurveyService.HOTLINE.label, default=False)
    used_medical_advocacy = models.BooleanField(SurveyService.MEDICAL_ADVOCACY.label, default=False)
    used_legal_advocacy = models.BooleanField(SurveyService.LEGAL_ADVOCACY.label, default=False)
    used_counseling = models.BooleanField(SurveyService.COUNSELING.label, default=False)
    used_support_group = models.BooleanField(SurveyService.SUPPORT_GROUP.label, default=False)
    used_referrals = models.BooleanField(SurveyService.REFERRALS.label, default=False)
    used_other = models.BooleanField(SurveyService.OTHER.label, default=False)
    felt_safe = _rating(STATEMENTS[0][1])
    felt_believed = _rating(STATEMENTS[1][1])
    understood_culture = _rating(STATEMENTS[2][1])
    got_help = _rating(STATEMENTS[3][1])
    would_recommend = _rating(STATEMENTS[4][1])
    what_helped = models.TextField(max_length=WHAT_HELPED_MAX, blank=True)
    could_be_better = models.TextField(max_length=WHAT_HELPED_MAX, blank=True)

    class Meta:
        ordering = ["-month", "-id"]
        indexes = [models.Index(fields=["month"], name="feedback_month")]
        constraints = [
            models.CheckConstraint(
                condition=Exact(DayOfMonth("month"), 1), name="feedback_month_first_day"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{column}__in": Rating.values}),
                    name=f"feedback_{column}_valid",
                )
                for column, _ in STATEMENTS
            ],
        ]

    def __str__(self) -> str:
        return f"Feedback of {self.month:%B %Y}"


# Case conferences --------------------------------------------------------------------
#
# Recommendation 2 of the service recommendations: local case conferencing tables bring
# professionals together around one service user's needs. DESIGN.md rule 6: identifying
# information leaves the center only under a valid release, so every agency at the table
# needs one, and what is presented is de-identified unless the client agreed otherwise.


# A word is a run of letters or digits: "Rosa M." is "Rosa" and "M", "Anne-Marie" is
# "Anne" and "Marie", "Rosa's" holds "Rosa".
WORD = re.compile(r"[^\W_]+")


def _folded(word: str) -> str:
    """A word as compared: any case, accents dropped ("Ruíz" is "ruiz")."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _readable(text: str) -> str:
    """Text as read: composed accents, without invisible characters that split a word."""
    text = unicodedata.normalize("NFC", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def _name_parts(client) -> set[tuple[str, ...]]:
    """What would name the client to a partner: each word of the pseudonym and of the legal
    name, and the code word (as the words it is made of, in order).

    A one-letter word is left out: an initial ("M." of "Rosa M.") names no one, and
    checking it would refuse "a", "I" and the default alias "Client A"."""
    parts: set[tuple[str, ...]] = {
        (_folded(word),)
        for name in (client.pseudonym, client.legal_name)
        for word in WORD.findall(_readable(name))
        if len(word) > 1
    }
    code = tuple(_folded(word) for word in WORD.findall(_readable(client.code_word)))
    if len("".join(code)) > 1:
        parts.add(code)
    return parts


def name_in(client, text: str) -> str:
    """The first part of the client's name or code word that `text` holds as whole words,
    as it was typed there; "" when none. "Rosalind" does not hold "Rosa"."""
    parts = _name_parts(client)
    text = _readable(text)
    words = list(WORD.finditer(text))
    folded = [_folded(word.group()) for word in words]
    for start in range(len(words)):
        for part in parts:
            if tuple(folded[start : start + len(part)]) == part:
                return text[words[start].start() : words[start + len(part) - 1].end()]
    return ""


def names_client_message(typed: str) -> str:
    # Quotes only what the user typed, never the name it matched.
    return gettext(
        "This names the client (“%(typed)s”), but the conference is de-identified: use the "
        "alias, or record that the client agreed to be identified."
    ) % {"typed": typed}


def shared_fields(model: type[models.Model]) -> list[str]:
    """The free-text fields of a conference record: all of them are printed on the summary
    shared with the partners, so all are checked for the client's name, and a field added
    later is checked too (a test holds the summary template to this list)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]


def check_de_identified(record: models.Model, client) -> None:
    """Refuse, on each field that holds it, a part of the client's name (rule 6)."""
    errors = {}
    for field in shared_fields(type(record)):
        if typed := name_in(client, getattr(record, field)):
            errors[field] = names_client_message(typed)
    if errors:
        raise ValidationError(errors)


class CaseConference(ClientRecord):
    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="case_conferences")
    held_at = models.DateTimeField(_("date and time"), default=timezone.now)
    format = models.CharField(
        max_length=20, choices=ConferenceFormat, default=ConferenceFormat.IN_PERSON
    )
    place = models.CharField(_("place or meeting link name"), max_length=200, blank=True)
    other_attendees = models.CharField(
        _("other attendees (roles, not names)"),
        max_length=500,
        blank=True,
        help_text=_("e.g. Housing case manager, public health nurse"),
    )
    identify_client = models.BooleanField(
        _("identify the client to the partners"),
        default=False,
        help_text=_("Off: partners hear the alias only (de-identified by default)."),
    )
    presented_as = models.CharField(_("alias shown to partners"), max_length=50, default="Client A")
    presented_summary = models.TextField(_("what is shared with the partners"))
    needs_discussed = models.TextField(blank=True)
    decisions = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_at", "-id"]

    def __str__(self) -> str:
        return f"Case conference, {timezone.localtime(self.held_at):%b %-d, %Y}"

    def clean(self) -> None:
        # De-identified by default: a name typed into what partners see would undo it.
        if self.identify_client or not self.client_id:
            return
        check_de_identified(self, self.client)

    @property
    def shown_name(self) -> str:
        """How the shared summary names the client."""
        return self.client.pseudonym if self.identify_client else self.presented_as


class ConferenceAgency(models.Model):
    """An agency at the table, and the release of information that allowed it there."""

    conference = models.ForeignKey(CaseConference, models.PROTECT, related_name="attending")
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+")
    release = models.ForeignKey(ReleaseOfInformation, models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "agency"], name="conference_agency_once"),
        ]

    def __str__(self) -> str:
        return str(self.agency)

    def clean(self) -> None:
        # Rule 6: the release is this client's, for this agency, valid on the day.
        conference, release = self.conference, self.release
        day = timezone.localdate(conference.held_at)
        if (
            release.client_id != conference.client_id
            or release.agency_id != self.agency_id
            or not release.is_valid_on(day)
        ):
            raise ValidationError(no_release_message(self.agency, day))


def no_release_message(agency: Agency, day: date) -> str:
    return gettext(
        "No valid release of information for %(agency)s on %(day)s: "
        "record one before the conference."
    ) % {"agency": agency, "day": f"{day:%b %-d, %Y}"}


class ConferenceActionQuerySet(ClientScopedQuerySet):
    def open(self) -> "ConferenceActionQuerySet":
        return self.filter(done_at__isnull=True)


class ConferenceAction(ClientRecord):
    """Something a conference decided someone will do: a partner agency, or our center."""

    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="conference_actions")
    conference = models.ForeignKey(CaseConference, models.PROTECT, related_name="actions")
    description = models.CharField(max_length=500)
    owner_agency = models.ForeignKey(
        Agency,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty when our center does it."),
    )
    owner_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("our staff member"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ConferenceActionQuerySet.as_manager()

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_agency__isnull=True) | Q(owner_staff__isnull=True),
                name="conference_action_one_owner",
                violation_error_message=_("An action belongs to a partner agency or to our staff."),
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def owner(self) -> str:
        if self.owner_agency_id:
            return str(self.owner_agency)
        return f"Our center ({self.owner_staff})" if self.owner_staff_id else "Our center"

    def clean(self) -> None:
        if self.conference_id and self.client_id != self.conference.client_id:
            raise ValidationError(gettext("An action belongs to its conference's client."))
        conference = self.conference if self.conference_id else None
        # The action items are printed on the shared summary too.
        if conference and not conference.identify_client:
            check_de_identified(self, conference.client)
