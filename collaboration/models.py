"""Collaboration: client feedback surveys and multi-agency case conferences.

Each section below is independent of the others in this app.
"""

import hashlib
import re
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from collaboration.choices import ConferenceFormat, Rating, SurveyService
from crisis_center.policy import ClientScopedQuerySet
from intake.models import ClientRecord
from referrals.models import Agency, ReleaseOfInformation

# Client feedback ---------------------------------------------------------------------
#
# ICASA Section 2, Individual counseling and support: "service evaluation forms should be
# given to all clients" to check that services are victim-centered and culturally
# competent. The survey is anonymous: neither table names a client, a staff member, a
# service or a moment. That is why these two models keep no history (a history row
# would record who issued a link and the exact time a response was saved).

# (column, statement) of the rating questions, in the order the survey asks them.
STATEMENTS = (
    ("felt_safe", "I felt safe here."),
    ("felt_believed", "I felt believed and respected."),
    ("understood_culture", "Staff understood my culture and my language."),
    ("got_help", "I got the help I came for."),
    ("would_recommend", "I would tell a friend to come here."),
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
    made and whether it is spent. The token itself is shown once, when it is made.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    kiosk = models.BooleanField(default=False)
    label = models.CharField(
        "where the kiosk is", max_length=100, blank=True, help_text="e.g. Waiting room tablet"
    )
    created_on = models.DateField(default=timezone.localdate, editable=False)
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
    def issue(cls, *, kiosk: bool = False, label: str = "") -> tuple["FeedbackLink", str]:
        """A new link and its token (to show once; only the hash is kept)."""
        token = secrets.token_urlsafe(32)
        link = cls(token_hash=token_hash(token), kiosk=kiosk, label=label)
        link.full_clean(exclude=["token_hash"])
        link.save()
        return link, token


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def month_default() -> date:
    return first_of_month(timezone.localdate())


def _rating(label: str) -> models.CharField:
    return models.CharField(label, max_length=20, choices=Rating, default=Rating.NOT_ANSWERED)


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
            models.CheckConstraint(condition=Q(month__day=1), name="feedback_month_first_day"),
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


NAMES_CLIENT = (
    "This names the client, but the conference is de-identified: use the alias, or record "
    "that the client agreed to be identified."
)


def names_client(client, text: str) -> bool:
    """Whether text holds the client's pseudonym or legal name as a word."""
    names = [n.strip() for n in (client.pseudonym, client.legal_name) if len(n.strip()) > 1]
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in names)


class CaseConference(ClientRecord):
    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="case_conferences")
    held_at = models.DateTimeField("date and time", default=timezone.now)
    format = models.CharField(
        max_length=20, choices=ConferenceFormat, default=ConferenceFormat.IN_PERSON
    )
    place = models.CharField("place or meeting link name", max_length=200, blank=True)
    other_attendees = models.CharField(
        "other attendees (roles, not names)",
        max_length=500,
        blank=True,
        help_text="e.g. Housing case manager, public health nurse",
    )
    identify_client = models.BooleanField(
        "identify the client to the partners",
        default=False,
        help_text="Off: partners hear the alias only (de-identified by default).",
    )
    presented_as = models.CharField("alias shown to partners", max_length=50, default="Client A")
    presented_summary = models.TextField("what is shared with the partners", max_length=4000)
    needs_discussed = models.TextField(max_length=4000, blank=True)
    decisions = models.TextField(max_length=4000, blank=True)

    class Meta:
        ordering = ["-held_at", "-id"]

    def __str__(self) -> str:
        return f"Case conference, {timezone.localtime(self.held_at):%b %-d, %Y}"

    def clean(self) -> None:
        # De-identified by default: a name typed into what partners see would undo it.
        if self.identify_client or not self.client_id:
            return
        for field in ("presented_as", "presented_summary", "needs_discussed", "decisions"):
            if names_client(self.client, getattr(self, field)):
                raise ValidationError({field: NAMES_CLIENT})

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
    return (
        f"No valid release of information for {agency} on {day:%b %-d, %Y}: "
        "record one before the conference."
    )


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
        help_text="Leave empty when our center does it.",
    )
    owner_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="our staff member",
    )
    due_on = models.DateField("due", null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ConferenceActionQuerySet.as_manager()

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_agency__isnull=True) | Q(owner_staff__isnull=True),
                name="conference_action_one_owner",
                violation_error_message="An action belongs to a partner agency or to our staff.",
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
            raise ValidationError("An action belongs to its conference's client.")
        conference = self.conference if self.conference_id else None
        # The action items are printed on the shared summary too.
        if (
            conference
            and not conference.identify_client
            and names_client(conference.client, self.description)
        ):
            raise ValidationError({"description": NAMES_CLIENT})
