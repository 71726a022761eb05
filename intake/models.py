"""The shared client record and what hangs directly off it."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from crisis_center import local_choices, sealed
from crisis_center.local_choices import ListName, LocalChoiceList, LocalCodeValidator
from crisis_center.policy import ClientScopedQuerySet
from crisis_center.records.models import ClientRecord, TimeGiven
from crisis_center.uploads import EXTENSIONS, FileType
from intake.choices import (
    MINOR_AGE_RANGES,
    MONTHS,
    AgeRange,
    Answer,
    CallerRelation,
    Channel,
    ChargeOutcome,
    CheckPoint,
    ClassificationKind,
    ClientStatus,
    ClosureReason,
    ConsentCovers,
    ConsentGivenBy,
    ContactService,
    ControlTechnique,
    Custody,
    DependentAgeRange,
    DependentNeed,
    DependentRelationship,
    Determination,
    DocumentKind,
    GenderIdentity,
    InCare,
    IncidentPlace,
    Indicator,
    OffenderAge,
    OffenderGender,
    OffenderRelationship,
    ReferralSource,
    ReportAgency,
    ReportDecision,
    SafeToContact,
    ScreeningSetting,
    ServiceCategory,
    ServiceCode,
    SleepingPlace,
    StabilityLevel,
    ToldFirst,
    YesNoUnknown,
)
from intake.screening import QUESTIONS, TEXT
from intake.screening import answers as screening_answers

# The FTS5 table that 0010_client_search keeps over intake_client(pseudonym).
SQLITE_SEARCH = "SELECT rowid FROM intake_client_search WHERE intake_client_search MATCH %s"


def compact_search_index(using: str = "default") -> None:
    """Rewrite SQLite's search index without the entries of changed pseudonyms.

    FTS5 hides an old pseudonym's trigrams behind a delete marker and drops them only
    when it next merges that part of the index; a purge must not leave them readable
    (DESIGN.md rule 9). A tenth of a second at 100,000 clients. PostgreSQL's index
    keeps nothing a dump writes out.
    """
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO intake_client_search(intake_client_search) VALUES ('optimize')"
            )


ADULT_AGE = 18


def adult_born_by(today: date) -> date:
    """The latest date of birth of someone who is 18 on `today`. Born on February 29,
    one turns 18 on March 1 of a common year."""
    try:
        return today.replace(year=today.year - ADULT_AGE)
    except ValueError:  # today is February 29; eighteen years ago was a common year
        return today.replace(year=today.year - ADULT_AGE, day=28)


def minor_q(today: date | None = None) -> Q:
    """Who is a minor (under 18) on `today`, by default today in the center's time zone:
    from the date of birth when there is one, else from the age range (0-12 or 13-17).
    The SQL twin of Client.is_minor; both read adult_born_by and MINOR_AGE_RANGES."""
    born_by = adult_born_by(today or timezone.localdate())
    return Q(date_of_birth__gt=born_by) | Q(
        date_of_birth__isnull=True, age_range__in=MINOR_AGE_RANGES
    )


class ClientQuerySet(ClientScopedQuerySet):
    client_path = ""

    def minors(self, today: date | None = None) -> "ClientQuerySet":
        """Clients under 18 (minor_q), in one WHERE: a list needs no query per row."""
        return self.filter(minor_q(today))

    def with_care_team(self) -> "ClientQuerySet":
        """Prefetch the active care team (with staff) into client.current_team."""
        return self.prefetch_related(
            Prefetch(
                "care_team",
                queryset=CareTeamMember.objects.active().select_related("staff"),
                to_attr="current_team",
            )
        )

    def with_last_contact(self) -> "ClientQuerySet":
        """Annotate last_contact: when the newest crisis contact started (index-backed)."""
        newest = CrisisContact.objects.filter(client=OuterRef("pk")).order_by("-started_at")
        return self.annotate(last_contact=Subquery(newest.values("started_at")[:1]))

    def search(self, query: str) -> "ClientQuerySet":
        """Clients whose pseudonym holds `query` anywhere, in any case: staff type part
        of a name. Index-backed (intake/migrations/0010_client_search.py), so searching
        every client costs about the same at any size.

        The match is icontains on both databases. PostgreSQL compares UPPER(pseudonym),
        which its trigram index covers. On SQLite the FTS5 trigram table names the
        candidates first and icontains checks them: the table folds case beyond ASCII
        and SQLite's LIKE does not, so the results stay those of icontains alone.
        """
        query = query.strip()
        if not query:
            return self
        if "\x00" in query:  # in no pseudonym (forms refuse it), and PostgreSQL refuses it
            return self.none()
        found = self.filter(pseudonym__icontains=query)
        # A trigram index needs three characters: a shorter term reads every pseudonym.
        if connections[self.db].vendor == "sqlite" and len(query) >= 3:
            phrase = '"' + query.replace('"', '""') + '"'  # every character taken literally
            candidates = RawSQL(SQLITE_SEARCH, [phrase])  # noqa: S611 # nosec B611 (constant SQL)
            found = found.filter(pk__in=candidates)
        return found


class Client(models.Model):
    """A person the center serves. Only a pseudonym or first name is ever required.

    DESIGN.md rule 7: no ID, no legal name, no address is required, and every
    demographic question has "declined" and "not asked".
    """

    pseudonym = models.CharField(
        _("pseudonym or first name"),
        max_length=100,
        help_text=_("The name the client wants us to use. An alias is fine."),
    )
    legal_name = models.CharField(max_length=200, blank=True)
    pronouns = models.CharField(max_length=50, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    age_range = models.CharField(max_length=10, choices=AgeRange, default=AgeRange.NOT_ASKED)
    languages = models.CharField(
        max_length=200, blank=True, help_text=_("Languages the client speaks, preferred first.")
    )
    interpreter_needed = models.BooleanField(default=False)

    # Safe contact (rule 8): shown wherever staff might reach out.
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    mailing_address = models.TextField(blank=True)
    safe_to_call = models.CharField(
        max_length=10, choices=SafeToContact, default=SafeToContact.NOT_ASKED
    )
    safe_to_text = models.CharField(
        max_length=10, choices=SafeToContact, default=SafeToContact.NOT_ASKED
    )
    safe_to_voicemail = models.CharField(
        _("safe to leave voicemail"),
        max_length=10,
        choices=SafeToContact,
        default=SafeToContact.NOT_ASKED,
    )
    safe_to_mail = models.CharField(
        max_length=10, choices=SafeToContact, default=SafeToContact.NOT_ASKED
    )
    safe_times = models.CharField(
        _("safe times to reach"), max_length=200, blank=True, help_text=_("e.g. weekdays 9-11am")
    )
    code_word = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("A word the client uses to show it is safe to talk."),
    )

    gender = models.CharField(
        _("gender identity"),
        max_length=20,
        choices=GenderIdentity,
        default=GenderIdentity.NOT_ASKED,
    )
    gender_in_own_words = models.CharField(max_length=100, blank=True)
    classifications = models.ManyToManyField(
        "Classification", through="ClientClassification", related_name="clients"
    )
    victimization_other = models.CharField(
        _("other victimization, explained"), max_length=200, blank=True
    )
    special_classification_other = models.CharField(
        _("other special classification, explained"), max_length=200, blank=True
    )
    referral_source = models.CharField(
        max_length=20, choices=ReferralSource, default=ReferralSource.NOT_ASKED
    )
    referral_source_detail = models.CharField(max_length=200, blank=True)

    status = models.CharField(max_length=10, choices=ClientStatus, default=ClientStatus.ACTIVE)
    purged_at = models.DateTimeField(null=True, blank=True, editable=False)
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
            models.Index(fields=["created_at"], name="client_created"),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def is_minor(self) -> bool:
        """Under 18 today in the center's time zone (minor_q says the same in SQL)."""
        if self.date_of_birth:
            return self.date_of_birth > adult_born_by(timezone.localdate())
        return self.age_range in MINOR_AGE_RANGES

    def clean(self) -> None:
        if self.date_of_birth:
            today = timezone.localdate()
            if self.date_of_birth > today:
                raise ValidationError(
                    {"date_of_birth": gettext("A date of birth can't be in the future.")}
                )
            if self.date_of_birth.year < 1900:
                raise ValidationError({"date_of_birth": gettext("Enter a year after 1900.")})


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
                violation_error_message=_("This person is already on the care team."),
            ),
        ]
        indexes = [
            models.Index(fields=["staff", "client"], name="care_team_staff_client"),
            # A caseload: the policy's door and the dashboard read only active rows.
            models.Index(
                fields=["staff", "client"],
                condition=Q(ended_at__isnull=True),
                name="care_team_active_staff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} on the care team of client {self.client_id}"

    def clean(self) -> None:
        if self.staff_id and self.ended_at is None:
            refusal = self.staff.care_team_refusal()
            if refusal:
                raise ValidationError({"staff": refusal})


@deconstructible
class CodeListValidator:
    """A JSON list may hold only the codes of one TextChoices, each once."""

    def __init__(self, choices: type[models.TextChoices]) -> None:
        self.choices = choices

    def __call__(self, value) -> None:
        if not isinstance(value, list) or len(set(map(str, value))) != len(value):
            raise ValidationError(gettext("Choose each item at most once."))
        unknown = set(map(str, value)) - set(self.choices.values)
        if unknown:
            raise ValidationError(
                gettext("Unknown choice: %(choices)s.") % {"choices": ", ".join(sorted(unknown))}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CodeListValidator) and self.choices is other.choices


def ChoiceList(choices: type[models.TextChoices], verbose_name: str) -> models.JSONField:  # noqa: N802
    """A checklist stored as a JSON list of codes (a field factory, so one place validates)."""
    return models.JSONField(
        verbose_name, default=list, blank=True, validators=[CodeListValidator(choices)]
    )


IN_PERSON = {Channel.WALK_IN, Channel.OUTREACH, Channel.OTHER}


class CrisisContactQuerySet(ClientScopedQuerySet):
    author_field = "advocate"  # advocates see the contacts they logged, named or not


class CrisisContact(TimeGiven, models.Model):
    """One hotline call, text, walk-in, outreach or hospital call-out.

    A contact may stay anonymous (rule 7); someone who may see a client can link it later.
    """

    channel = models.CharField(max_length=20, choices=Channel, default=Channel.HOTLINE_CALL)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="crisis_contacts"
    )
    caller_relation = models.CharField(
        _("caller is"), max_length=20, choices=CallerRelation, default=CallerRelation.UNKNOWN
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    language = models.CharField(max_length=100, blank=True)
    interpreter_used = models.BooleanField(default=False)
    needs = LocalChoiceList(ListName.NEEDS, _("needs raised"))
    services = ChoiceList(ContactService, _("services given"))
    service_codes = ChoiceList(ServiceCode, _("counts as (funder service codes)"))
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CrisisContactQuerySet.as_manager()
    history = HistoricalRecords()

    logged_by = "advocate"  # who logged it; "given by" is who took the call

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["advocate", "-started_at"], name="contact_advocate_started"),
            models.Index(fields=["client", "-started_at"], name="contact_client_started"),
            models.Index(fields=["-started_at"], name="contact_started"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__lte=24 * 60), name="contact_duration_at_most_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} on {self.started_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.started_at and self.started_at > timezone.now() + timedelta(minutes=5):
            raise ValidationError({"started_at": gettext("A contact can't start in the future.")})

    def get_needs_display(self) -> list[str]:
        return local_choices.labels(ListName.NEEDS, self.needs)

    def service_date(self) -> datetime:
        return self.started_at

    def served_contact_id(self) -> int:
        """The ledger keeps the contact a service was given on, so that naming an
        anonymous caller later moves their services onto the client in one UPDATE."""
        return self.pk

    def default_service_codes(self) -> list[str]:
        """shared/funder_reports.md "How the records feed it": a hospital call-out is B1;
        crisis intervention or safety planning is C2 by phone or text, C1 in person and
        C3 on scene; information and referral A4; advocacy B4; an interpreter B10."""
        codes = []
        if self.channel == Channel.HOSPITAL:
            codes.append(ServiceCode.B1)
        if {ContactService.CRISIS_INTERVENTION, ContactService.SAFETY_PLANNING} & set(
            self.services
        ):
            if self.channel in (Channel.HOTLINE_CALL, Channel.TEXT_CHAT):
                codes.append(ServiceCode.C2)
            elif self.channel in IN_PERSON:
                codes.append(ServiceCode.C1)
            else:
                codes.append(ServiceCode.C3)  # on scene at the hospital
        if ContactService.INFORMATION_REFERRAL in self.services:
            codes.append(ServiceCode.A4)
        if ContactService.ADVOCACY in self.services:
            codes.append(ServiceCode.B4)
        if self.interpreter_used:
            codes.append(ServiceCode.B10)
        return codes

    def get_services_display(self) -> list[str]:
        return [ContactService(code).label for code in self.services]


class ContactLinkChangeQuerySet(models.QuerySet):
    def about(self, client: Client) -> "ContactLinkChangeQuerySet":
        """Contacts linked to, moved to or from, or unlinked from this client."""
        return self.filter(Q(from_client=client) | Q(to_client=client))


class ContactLinkChange(models.Model):
    """A contact linked to a client, moved to another, or made anonymous again: who did it
    and when (STYLE.md: meaningful actions get a row that says what was done).

    Ids only, no free text: the row survives a purge of either client (rule 9) and
    names no one. The contact's own history row carries the same as its change reason.
    """

    contact = models.ForeignKey(
        CrisisContact, on_delete=models.CASCADE, related_name="+"
    )  # goes with its contact, as the contact's history rows would say the same
    from_client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = ContactLinkChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_client=models.F("to_client"))
                & (Q(from_client__isnull=False) | Q(to_client__isnull=False)),
                name="contact_link_change_changes",
            ),
        ]

    def __str__(self) -> str:
        return f"Contact {self.contact_id}: client {self.from_client_id} to {self.to_client_id}"

    @property
    def reason(self) -> str:
        """What the contact's history row says (ids only)."""
        if self.from_client_id is None:
            return f"linked to client {self.to_client_id}"
        if self.to_client_id is None:
            return f"unlinked from client {self.from_client_id}"
        return f"moved from client {self.from_client_id} to client {self.to_client_id}"


def _answer(number: int) -> models.CharField:
    return models.CharField(TEXT[number], max_length=10, choices=Answer, default=Answer.NOT_ASKED)


def _note() -> models.TextField:
    return models.TextField(_("note"), blank=True)


class Screening(ClientRecord):
    """One conversation with the ICASA screening questions, survivor-led and repeatable.

    "Keep the line open, ask again in a different way": a client can be screened many
    times, and the client page compares the answers. The system counts concerning
    answers and indicators but never decides; staff record a determination with a reason.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="screenings")
    screened_at = models.DateTimeField(_("screened"), default=timezone.now)
    setting = models.CharField(
        max_length=20, choices=ScreeningSetting, default=ScreeningSetting.IN_PERSON
    )
    privacy_ensured = models.CharField(
        max_length=10, choices=YesNoUnknown, default=YesNoUnknown.UNKNOWN
    )
    controlling_person_present = models.CharField(
        _("someone controlling present"), max_length=10, choices=YesNoUnknown,
        default=YesNoUnknown.UNKNOWN,
    )  # fmt: skip

    q1, q1_note = _answer(1), _note()
    q2, q2_note = _answer(2), _note()
    q3, q3_note = _answer(3), _note()
    q4, q4_note = _answer(4), _note()
    q5 = models.TextField(TEXT[5], blank=True)
    q6 = models.TextField(TEXT[6], blank=True)
    q7 = models.CharField(
        TEXT[7], max_length=10, choices=SleepingPlace, default=SleepingPlace.NOT_ASKED
    )
    q7_note = _note()
    q8, q8_note = _answer(8), _note()
    q9, q9_note = _answer(9), _note()
    q10, q10_note = _answer(10), _note()
    q11, q11_note = _answer(11), _note()
    q12, q12_note = _answer(12), _note()
    q13, q13_note = _answer(13), _note()

    indicators = ChoiceList(Indicator, _("indicators observed"))
    control_techniques = ChoiceList(ControlTechnique, _("control techniques disclosed or observed"))
    determination = models.CharField(
        _("staff determination"),
        max_length=30,
        choices=Determination,
        default=Determination.NOT_RECORDED,
    )
    determination_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-screened_at", "-id"]
        indexes = [
            models.Index(fields=["client", "-screened_at"], name="screening_client_at"),
            models.Index(fields=["screened_at"], name="screening_at"),
        ]

    def __str__(self) -> str:
        return f"Screening on {self.screened_at:%Y-%m-%d}"

    def clean(self) -> None:
        if self.determination != Determination.NOT_RECORDED and not self.determination_reason:
            raise ValidationError(
                {
                    "determination_reason": gettext(
                        "Say why: a determination is recorded with a reason."
                    )
                }
            )
        if self.screened_at and self.screened_at > timezone.now() + timedelta(minutes=5):
            raise ValidationError({"screened_at": gettext("A screening can't be in the future.")})

    @property
    def concerning_questions(self) -> list[int]:
        """Numbers of the questions whose answer is the concerning one."""
        return [q.number for q in QUESTIONS if getattr(self, q.field) in q.concerning]

    @property
    def answers(self) -> list:
        """The answers in question order, concerning ones flagged (for its page)."""
        return screening_answers(self)

    @property
    def concern_count(self) -> int:
        return len(self.concerning_questions) + len(self.indicators)

    def get_indicators_display(self) -> list[str]:
        return [Indicator(code).label for code in self.indicators]

    def get_control_techniques_display(self) -> list[str]:
        return [ControlTechnique(code).label for code in self.control_techniques]


class SafetyPlan(ClientRecord):
    """The client's current safety plan; earlier versions live in its history."""

    client = models.OneToOneField(Client, on_delete=models.PROTECT, related_name="safety_plan")
    immediate_needs = LocalChoiceList(ListName.NEEDS, _("immediate needs"))
    safe_places = models.TextField(blank=True)
    safe_people = models.TextField(blank=True)
    steps = models.TextField(_("steps to get or stay safe"), blank=True)
    plan_date = models.DateField(_("plan made or reviewed on"), default=timezone.localdate)

    def __str__(self) -> str:
        return f"Safety plan of {self.plan_date}"

    def get_immediate_needs_display(self) -> list[str]:
        return local_choices.labels(ListName.NEEDS, self.immediate_needs)


FUTURE = _("This can't be in the future.")


class IncidentQuerySet(ClientScopedQuerySet):
    def with_parts(self) -> "IncidentQuerySet":
        """Offenders and victimization types in two more queries, however many incidents
        (the client page's section and the list)."""
        return self.prefetch_related("offenders", "victimization_types")


class Incident(ClientRecord):
    """What happened to the client, as far as they choose to tell it: when, where (the
    kind of place, never an address), who (each offender's relationship to the client,
    never a name), which of the funder's victimization types it involved, whether it
    was reported to the police, and the criminal case as it moves. A client may have
    several; legal advocacy can name the one it concerns.

    When may be a day, a month, a year or the client's own words ("as a child"): entry
    into exploitation is often years before a client comes to us (seeds 000 and 004),
    and a date nobody knows is never made up. The incident's victimization types are
    added to the client's (services.incident_save), so the funder report counts them.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="incidents")
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900, _("Enter a year after 1900."))]
    )
    month = models.PositiveSmallIntegerField(null=True, blank=True, choices=MONTHS)
    day = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("Enter a day from 1 to 31.")),
            MaxValueValidator(31, _("Enter a day from 1 to 31.")),
        ],
    )
    when_described = models.CharField(
        _("when, in the client's words"),
        max_length=200,
        blank=True,
        help_text=_("For example “about five years ago” or “when I was 14”."),
    )
    place = models.CharField(
        _("where (kind of place)"),
        max_length=20,
        choices=IncidentPlace,
        default=IncidentPlace.NOT_KNOWN,
        help_text=_("Never an address."),
    )
    victimization_types = models.ManyToManyField(
        Classification, through="IncidentType", related_name="+", blank=True
    )
    reported = models.CharField(
        _("reported to the police"),
        max_length=10,
        choices=YesNoUnknown,
        default=YesNoUnknown.UNKNOWN,
    )
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    arrest = models.CharField(
        _("arrest made"), max_length=10, choices=YesNoUnknown, default=YesNoUnknown.UNKNOWN
    )
    arrested_on = models.DateField(_("arrested on"), null=True, blank=True)
    charges = models.TextField(_("charges filed"), blank=True)
    charge_outcome = models.CharField(
        _("outcome of the charges"),
        max_length=20,
        choices=ChargeOutcome,
        default=ChargeOutcome.NOT_APPLICABLE,
    )
    sentence = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        # The latest incident first; those with no date after, newest recorded first.
        ordering = [
            F("year").desc(nulls_last=True),
            F("month").desc(nulls_last=True),
            F("day").desc(nulls_last=True),
            "-created_at",
            "-id",
        ]

    def __str__(self) -> str:
        return f"Incident: {self.when}, {self.get_place_display().lower()}"

    @property
    def dated(self) -> str:
        """The date as far as it is known: "Mar 4, 2019", "March 2019", "2019" or ""."""
        if not self.year:
            return ""
        if not self.month:
            return str(self.year)
        if not self.day:
            return f"{self.get_month_display()} {self.year}"
        return formats.date_format(date(self.year, self.month, self.day), "M j, Y")

    @property
    def when(self) -> str:
        dated, words = self.dated, self.when_described
        if dated and words:
            return f"{dated} ({words})"
        return dated or words or "date not known"

    def changes(self) -> dict:
        """What changed, version by version, for its page (intake/history.py)."""
        from intake.history import incident_changes  # it reads these models

        return incident_changes(self)

    def first_day(self) -> date | None:
        """The earliest day it can have happened on (None: no year given)."""
        if not self.year:
            return None
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def case_status(self) -> str:
        """Where the criminal case stands, in a few words (the client page, the list)."""
        reported = {
            YesNoUnknown.YES: "reported to the police",
            YesNoUnknown.NO: "not reported to the police",
            YesNoUnknown.UNKNOWN: "police report not known",
        }[self.reported]
        if self.reported_on:
            reported += f" on {formats.date_format(self.reported_on, 'M j, Y')}"
        parts = [reported]
        if self.arrest == YesNoUnknown.YES:
            parts.append("arrest made")
        elif self.arrest == YesNoUnknown.NO and self.reported == YesNoUnknown.YES:
            parts.append("no arrest")
        if self.charge_outcome != ChargeOutcome.NOT_APPLICABLE:
            parts.append(f"charges {self.get_charge_outcome_display().lower()}")
        elif self.charges:
            parts.append("charges filed")
        text = ", ".join(parts)
        return text[0].upper() + text[1:]

    def clean(self) -> None:
        today = timezone.localdate()
        errors = {}
        first = None
        if self.month and not self.year:
            errors["year"] = gettext("Give the year too: a month needs its year.")
        if self.day and not self.month:
            errors["month"] = gettext("Give the month too: a day needs its month.")
        if self.year and self.year > today.year:
            errors["year"] = FUTURE
        elif not errors and self.year and self.year >= 1900 and (self.day or 1) <= 31:
            try:
                first = self.first_day()
            except ValueError:
                month = self.get_month_display()
                errors["day"] = f"{month} {self.year} has no day {self.day}."
            else:
                if first > today:
                    errors["day" if self.day else "month"] = FUTURE
        dates = (("reported_on", "reported"), ("arrested_on", "arrest"))
        for field, question in dates:
            on = getattr(self, field)
            if on is None or field in errors:
                continue
            if getattr(self, question) != YesNoUnknown.YES:
                asked = str(self._meta.get_field(question).verbose_name).capitalize()
                errors[field] = gettext("Leave this empty, or answer “Yes” to “%(question)s”.") % {
                    "question": asked
                }
            elif on > today:
                errors[field] = FUTURE
            elif first and on < first:
                errors[field] = gettext("This can't be before the incident.")
        convicted = (ChargeOutcome.CONVICTED, ChargeOutcome.OTHER)
        if self.sentence.strip() and self.charge_outcome not in convicted:
            errors["sentence"] = gettext(
                "A sentence follows a conviction: set the outcome of the charges to "
                "“Convicted” (or “Other”) first."
            )
        if errors:
            raise ValidationError(errors)


class IncidentOffender(models.Model):
    """One person who harmed the client in an incident: their relationship to the
    client and what the client knows of them. Never a name (DESIGN.md rule 7). Saved
    with its incident, all or nothing; history keeps every change, and a purge of the
    client deletes it (it reaches the client through the incident)."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="offenders")
    relationship = models.CharField(
        _("relationship to the client"), max_length=20, choices=OffenderRelationship
    )
    gender = models.CharField(
        _("sex or gender"), max_length=10, choices=OffenderGender, default=OffenderGender.NOT_KNOWN
    )
    age = models.CharField(
        _("approximate age"), max_length=10, choices=OffenderAge, default=OffenderAge.NOT_KNOWN
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.get_relationship_display()


class IncidentType(models.Model):
    """One victimization type of an incident (the funder's list). Explicit rows, saved
    one by one, so each type added or taken off has a history row."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="+")
    classification = models.ForeignKey(Classification, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "classification"], name="incident_type_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.classification} ({self.incident_id})"


# A grant no supervisor has reviewed yet (the dashboard counts them: intake/counts.py).
AWAITING_REVIEW_Q = Q(reviewed_at__isnull=True)


class EmergencyAccessQuerySet(ClientScopedQuerySet):
    def active(self, now=None) -> "EmergencyAccessQuerySet":
        return self.filter(expires_at__gt=now or timezone.now())

    def awaiting_review(self) -> "EmergencyAccessQuerySet":
        return self.filter(AWAITING_REVIEW_Q)


class EmergencyAccess(models.Model):
    """Break the glass (DESIGN.md rule 5): an advocate on shift opens a client who is not
    on their caseload, stating why. Time-limited, every view logged as emergency, and
    reviewed by a supervisor afterwards."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="emergency_grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_grants"
    )
    reason = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)

    objects = EmergencyAccessQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [
            models.Index(fields=["user", "expires_at"], name="emergency_user_expires"),
            models.Index(
                fields=["granted_at"],
                condition=AWAITING_REVIEW_Q,
                name="emergency_awaiting_review",
            ),
        ]

    def __str__(self) -> str:
        return f"Emergency access to client {self.client_id} by {self.user}"


class EmergencyLookup(models.Model):
    """One emergency-access lookup, kept to rate-limit guessing (no names stored)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    found = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["user", "at"], name="emergency_lookup_user_at")]

    def __str__(self) -> str:
        return f"Lookup by {self.user_id} at {self.at}"


class PurgeRecord(models.Model):
    """The tombstone of a purge (rule 9): who destroyed which file's identifying data,
    when and why. The client row stays, de-identified, so reports still add up."""

    class Reason(models.TextChoices):
        CLIENT_REQUEST = "client_request", _("The client asked")
        RETENTION = "retention", _("Past the retention period")

    client = models.OneToOneField(Client, on_delete=models.PROTECT, related_name="purge")
    purged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    purged_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=20, choices=Reason)

    def __str__(self) -> str:
        return f"Client {self.client_id} purged {self.purged_at:%Y-%m-%d}"


class ServiceDelivery(models.Model):
    """One funder service code given on one day: the ledger the funder report counts.

    Derived, never edited by hand: intake/service_ledger.py rewrites a record's rows
    whenever the record is saved, so the quarterly report is a few GROUP BYs over one
    indexed table instead of a union of every record type. Rows hold no free text and
    survive a purge (rule 9: de-identified service counts stay).
    """

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The crisis contact the service was given on, so that naming an anonymous caller
    # later (contact_link) moves their services onto the client in one UPDATE.
    contact = models.ForeignKey(
        CrisisContact, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )  # derived rows go with their source
    on = models.DateField()
    code = models.CharField(max_length=4, choices=ServiceCode)
    # A coded choice, so a purge keeps it ("" for compensation assistance).
    category = models.CharField(max_length=1, choices=ServiceCategory, blank=True)
    source_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField()

    objects = ClientScopedQuerySet.as_manager()

    class Meta:
        indexes = [
            # Covers the report's counts by category and by code: read from the index
            # alone, never the rows.
            models.Index(
                fields=["on", "client", "category", "code"], name="service_on_client_code"
            ),
            models.Index(fields=["client", "on"], name="service_client_on"),
            models.Index(fields=["source_type", "source_id"], name="service_source"),
            models.Index(fields=["contact"], name="service_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.code} on {self.on}"


class RunningCount(models.Model):
    """How many records count under a name on a day, kept as records are saved.

    Derived, never edited by hand: intake/counts.py adds each saved record's change in
    the same transaction, so the caseload dashboard sums a few rows per day of the
    calendar instead of counting records. Counts with no day (files by status) are kept
    on NO_DAY.
    """

    name = models.CharField(max_length=40)
    day = models.DateField()
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "day"], name="running_count_name_day"),
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.day}: {self.n}"


class StaffCaseload(models.Model):
    """A staff member's active clients (active files on whose care team they are),
    kept as care teams and files change (intake/counts.py)."""

    staff = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )  # derived: goes with the staff member
    clients = models.IntegerField(default=0)

    class Meta:
        indexes = [
            # The dashboard lists the largest caseloads first, a page at a time.
            models.Index(
                fields=["-clients", "staff"], condition=Q(clients__gt=0), name="caseload_largest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff_id}: {self.clients} active clients"


class DerivedFingerprint(models.Model):
    """What a derived table's rows were made under (a hash of its definitions): when the
    definitions in the code differ, `migrate` rebuilds the table (intake/counts.py,
    intake/service_ledger.py), so a changed meaning needs no data migration."""

    name = models.CharField(max_length=40, primary_key=True)
    fingerprint = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.name}: {self.fingerprint[:12]}"


class StoredReport(models.Model):
    """A report's counts for one period as last counted (intake/stored_reports.py), so
    that looking at it again, or downloading it, reads one row instead of counting a
    quarter's services again. Counts and labels only: no client is named in it.

    Kept by the period's moments, not its name: "FY 2026 Q2" is another quarter once the
    fiscal year starts in another month, and another span of time in another time zone.
    The fiscal year's first moment is in the key too (who is new depends on it)."""

    name = models.CharField(max_length=40)
    year_starts_at = models.DateTimeField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()  # the first moment after the period
    blocks = models.JSONField()
    counted_at = models.DateTimeField()
    # Cleared by any save or delete of a record (stored_reports.py), so that a change is
    # in the next look; counted_at bounds how old a count can be whatever path wrote.
    current = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["name", "year_starts_at", "starts_at", "ends_at"],
                name="stored_report_moments",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.starts_at:%Y-%m-%d %H:%M} to {self.ends_at:%Y-%m-%d %H:%M}"


# Minors: consent and mandated reports ------------------------------------------------


def _not_after_today(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(gettext("This can't be in the future."))


class MinorConsent(ClientRecord):
    """Who consented for a minor, and to what. No full names: the relationship, and at
    most a first name or an initial. Withdrawing keeps the record, with the date."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="minor_consents")
    given_by = models.CharField(_("consent given by"), max_length=20, choices=ConsentGivenBy)
    explanation = models.TextField(
        _("relationship or explanation"),
        blank=True,
        help_text=_("Needed for “other”: who they are to the client, and why they may consent."),
    )
    first_name = models.CharField(
        _("first name or initial"),
        max_length=30,
        blank=True,
        help_text=_("Optional. Never a full name."),
    )
    covers = ChoiceList(ConsentCovers, _("the consent covers"))
    agencies_named = models.TextField(
        _("agencies information may be shared with"),
        blank=True,
        help_text=_("Needed when the consent covers sharing information."),
    )
    given_on = models.DateField(
        _("given on"), default=timezone.localdate, validators=[_not_after_today]
    )
    withdrawn_on = models.DateField(
        _("withdrawn on"), null=True, blank=True, validators=[_not_after_today]
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["client", "-given_on"], name="minor_consent_client")]

    def __str__(self) -> str:
        return f"Consent by {self.get_given_by_display().lower()} on {self.given_on}"

    def clean(self) -> None:
        errors = {}
        if self.given_by == ConsentGivenBy.OTHER and not self.explanation.strip():
            errors["explanation"] = gettext("Say who gave the consent and why they may give it.")
        if not self.covers:
            errors["covers"] = gettext("Tick what the consent covers.")
        elif ConsentCovers.SHARING in self.covers and not self.agencies_named.strip():
            errors["agencies_named"] = gettext("Name the agencies information may be shared with.")
        if self.withdrawn_on and self.given_on and self.withdrawn_on < self.given_on:
            errors["withdrawn_on"] = gettext("A consent can't be withdrawn before it was given.")
        if errors:
            raise ValidationError(errors)

    def get_covers_display(self) -> list[str]:
        return [ConsentCovers(code).label for code in self.covers]


class MandatedReport(ClientRecord):
    """A mandated-report decision about a minor: a report made (to which agency, when,
    by whom, its reference, whether the client was told first), or a decision not to
    report with the reason, or no report required. A supervisor's home page lists
    minors' files with none recorded (intake/minors.py)."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="mandated_reports")
    decision = models.CharField(max_length=20, choices=ReportDecision)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Needed when deciding not to report.")
    )
    agency = models.CharField(_("reported to"), max_length=20, choices=ReportAgency, blank=True)
    agency_other = models.CharField(_("other agency"), max_length=200, blank=True)
    reported_at = models.DateTimeField(_("report made"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,  # required on every form (blank=False); a row made in code may lack it
        related_name="+",
        verbose_name=_("made or decided by"),
    )
    reference = models.CharField(_("report reference number"), max_length=100, blank=True)
    client_told = models.CharField(
        _("client told before the report"),
        max_length=10,
        choices=ToldFirst,
        default=ToldFirst.NOT_YET,
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["client", "-created_at"], name="mandated_report_client")]

    def __str__(self) -> str:
        return self.get_decision_display() or "Mandated report"

    def clean(self) -> None:
        errors = {}
        if self.decision == ReportDecision.MADE:
            if not self.agency:
                errors["agency"] = gettext("Say which agency the report was made to.")
            if not self.reported_at:
                errors["reported_at"] = gettext("Say when the report was made.")
        else:
            made_only = {
                "agency": self.agency,
                "agency_other": self.agency_other,
                "reported_at": self.reported_at,
                "reference": self.reference,
            }
            for name, value in made_only.items():
                if value:
                    errors[name] = gettext("Only a report that was made has this: leave it empty.")
        if self.decision == ReportDecision.NOT_MADE and not self.reason.strip():
            errors["reason"] = gettext("Say why no report is made.")
        if self.agency == ReportAgency.OTHER and not self.agency_other.strip():
            errors.setdefault("agency_other", "Name the agency.")
        if self.reported_at and self.reported_at > timezone.now() + timedelta(minutes=5):
            errors["reported_at"] = gettext("A report can't be made in the future.")
        if errors:
            raise ValidationError(errors)


class FileClosure(ClientRecord):
    """One closing of a client's file, and its reopening if the client came back.

    Each row is the end of an episode of service: why it ended and the aftercare plan
    the client left with (issue 21). Reopening fills in reopened_at on the row instead
    of deleting it, so the earlier episode stays on the client page. A file has at most
    one closure that is not reopened: the current one, while the file is closed.
    Closing and reopening go through intake/closing.py, which sets the file's status.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="closures")
    closed_on = models.DateField(default=timezone.localdate)
    # The built-in reasons (ClosureReason) and the center's own (crisis_center.local_choices).
    reason = models.CharField(
        max_length=20, validators=[LocalCodeValidator(ListName.CLOSURE_REASONS)]
    )
    reason_other = models.TextField(_("the reason, explained"), blank=True)
    aftercare_contacts = models.TextField(
        _("who the client can call"),
        blank=True,
        help_text=_("People and services the client can reach after closing, and how."),
    )
    aftercare_open = models.TextField(
        _("what is still open"),
        blank=True,
        help_text=_("Court dates, referrals waiting, anything someone should follow."),
    )
    reopened_at = models.DateTimeField(null=True, blank=True, editable=False)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopen_reason = models.TextField(_("why the file was reopened"), blank=True, editable=False)

    class Meta:
        ordering = ["-closed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(reopened_at__isnull=True),
                name="file_closure_one_current",
                violation_error_message=_("This file is already closed."),
            ),
        ]

    def __str__(self) -> str:
        return f"File closed on {self.closed_on:%Y-%m-%d}: {self.get_reason_display()}"

    def get_reason_display(self) -> str:
        return local_choices.label(ListName.CLOSURE_REASONS, self.reason)

    def clean(self) -> None:
        if self.reason == ClosureReason.OTHER and not self.reason_other.strip():
            raise ValidationError({"reason_other": gettext("Say why the file is closed.")})
        if self.closed_on and self.closed_on > timezone.localdate():
            raise ValidationError({"closed_on": gettext("A file can't be closed on a future day.")})


class StabilityCheck(ClientRecord):
    """How stable the client says their life is, domain by domain, at one moment: at
    intake, at a review, at closing. Seeds 001 and 002 measure recovery in stability
    (housing, income or work, education, legal status, safety, support network); the
    client page and the stability report compare the first and the last answers."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="stability_checks")
    point = models.CharField(
        _("when asked"), max_length=10, choices=CheckPoint, default=CheckPoint.REVIEW
    )
    asked_on = models.DateField(default=timezone.localdate)
    housing = models.CharField(
        max_length=10, choices=StabilityLevel, default=StabilityLevel.NOT_ASKED
    )
    income_work = models.CharField(
        _("income or work"), max_length=10, choices=StabilityLevel,
        default=StabilityLevel.NOT_ASKED,
    )  # fmt: skip
    education = models.CharField(
        max_length=10, choices=StabilityLevel, default=StabilityLevel.NOT_ASKED
    )
    legal_status = models.CharField(
        max_length=10, choices=StabilityLevel, default=StabilityLevel.NOT_ASKED
    )
    safety = models.CharField(
        max_length=10, choices=StabilityLevel, default=StabilityLevel.NOT_ASKED
    )
    support_network = models.CharField(
        max_length=10, choices=StabilityLevel, default=StabilityLevel.NOT_ASKED
    )
    note = models.TextField(_("in the client's words"), blank=True)

    class Meta:
        ordering = ["-asked_on", "-id"]
        indexes = [
            models.Index(fields=["client", "asked_on"], name="stability_client_on"),
            models.Index(fields=["asked_on"], name="stability_on"),
        ]

    def __str__(self) -> str:
        return f"Stability check ({self.get_point_display().lower()}) on {self.asked_on:%Y-%m-%d}"

    def clean(self) -> None:
        if self.asked_on and self.asked_on > timezone.localdate():
            raise ValidationError({"asked_on": gettext("A check can't be dated in the future.")})


DEPENDENT_AGE_MAX = 30  # older than this, a range says enough


class Dependent(ClientRecord):
    """A child or another dependent of the client (seed 004: two-thirds of the women
    have at least one child; many live with a grandmother or in foster care).

    No name is needed: a first name or an initial at most (DESIGN.md rule 7, data
    minimization). An age in years, or a range when the client gives no exact age.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="dependents")
    relationship = models.CharField(
        max_length=20, choices=DependentRelationship, default=DependentRelationship.CHILD
    )
    name = models.CharField(
        _("first name or initial"),
        max_length=20,
        blank=True,
        help_text=_("No full names: a first name or an initial at most."),
    )
    age = models.PositiveSmallIntegerField(
        _("age in years"),
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(
                DEPENDENT_AGE_MAX,
                message=format_lazy(
                    _("Give an age from 0 to {most}, or choose a range."), most=DEPENDENT_AGE_MAX
                ),
            )
        ],
    )
    age_range = models.CharField(
        _("or an age range"), max_length=10, choices=DependentAgeRange, blank=True
    )
    in_care = models.CharField(
        _("in the client's care"), max_length=10, choices=InCare, default=InCare.NOT_ASKED
    )
    custody = models.CharField(
        _("custody situation"), max_length=20, choices=Custody, default=Custody.UNKNOWN
    )
    safety_concerns = models.TextField(blank=True)
    needs = ChoiceList(DependentNeed, _("needs"))

    checked_before_constraints = ("age",)  # its validator refuses what the constraint does

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__lte=DEPENDENT_AGE_MAX),
                name="dependent_age_at_most_30",
            ),
        ]

    def __str__(self) -> str:
        who = self.get_relationship_display()
        return f"{who} {self.name}, {self.age_text}" if self.name else f"{who}, {self.age_text}"

    @property
    def age_text(self) -> str:
        if self.age is not None:
            return f"age {self.age}"
        if self.age_range == DependentAgeRange.NOT_KNOWN:
            return "age not known"
        return f"age {self.get_age_range_display()}" if self.age_range else "age not recorded"

    def clean(self) -> None:
        if self.age is None and not self.age_range:
            raise ValidationError(
                {"age": gettext('Give the age in years or choose a range (or "Not known").')}
            )
        if self.age is not None and self.age_range:
            raise ValidationError(
                {"age_range": gettext("Give the age in years or a range, not both.")}
            )

    def get_needs_display(self) -> list[str]:
        return [DependentNeed(code).label for code in self.needs]


class Document(ClientRecord):
    """A file on the client's file: a signed release, a court order, a visa packet...

    Stored encrypted under a random name (crisis_center/sealed.py); what it is comes from
    its content (crisis_center/uploads.py), and the name it was uploaded under is not
    kept (it often names the client). It may belong to another record of the same
    client (the legal advocacy a court order came from), named by its model and id: a
    registered record kind of this client, checked on every save.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("what it is"), max_length=20, choices=DocumentKind)
    description = models.CharField(
        _("short description"),
        max_length=200,
        blank=True,
        help_text=_("What it is, for the care team: no more than they need to find it."),
    )
    record_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    file = models.FileField(
        storage=sealed.storage, upload_to=sealed.random_name, max_length=100, editable=False
    )
    file_type = models.CharField(max_length=100, choices=FileType, editable=False)
    size = models.PositiveIntegerField(editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["client", "-created_at"], name="document_client_added")]
        constraints = [
            models.CheckConstraint(
                condition=Q(record_type__isnull=True, record_id__isnull=True)
                | Q(record_type__isnull=False, record_id__isnull=False),
                name="document_record_whole",
            ),
        ]

    checked_before_constraints = ("record_type",)  # clean() says which record is wrong

    def __str__(self) -> str:
        added = formats.date_format(timezone.localtime(self.created_at), "M j, Y")
        return f"{self.get_kind_display()}, {added}"

    @property
    def download_name(self) -> str:
        """Generic: nothing of the client in a file name a browser keeps in its list."""
        extension = EXTENSIONS.get(self.file_type, "bin")
        return f"document-{self.pk}.{extension}"

    def read(self) -> bytes:
        """The content, decrypted (sealed.Unreadable with another key; OSError when the
        file is missing)."""
        with self.file.storage.open(self.file.name) as file:
            return file.read()

    def belongs_to(self):
        """The registered kind of the record it belongs to, or None."""
        from crisis_center.records import KINDS

        if self.record_type_id is None:
            return None
        model = self.record_type.model_class()
        return next((k for k in KINDS.values() if k.model is model and k.slug != "document"), None)

    def record_page(self) -> tuple[str, str] | None:
        """(what the record it belongs to is, its page or "") or None; no query (the
        content type is cached, the kind is the registry's)."""
        kind = self.belongs_to()
        if kind is None:
            return None
        try:
            url = reverse(f"{kind.slug}_detail", args=[self.record_id])
        except NoReverseMatch:  # a kind with no page per record (the safety plan)
            url = ""
        return kind.title, url

    def clean(self) -> None:
        if self.record_type_id is None and self.record_id is None:
            return
        kind = self.belongs_to() if self.record_type_id else None
        records = kind.model._default_manager.filter(pk=self.record_id) if kind else None
        # Only a record of this client: a forged id of someone else's is refused.
        if records is None or not records.filter(client_id=self.client_id).exists():
            raise ValidationError(
                gettext("A document belongs to one of this client's records or none.")
            )


class ImportedRecord(models.Model):
    """A row brought in from another system (intake/imports.py) and the object it became,
    so that running the same import again creates nothing twice.

    The row's id in the other system is kept only as a keyed digest (SECRET_KEY): an old
    system's id can be anything, a name included. The table names no client and holds
    no client text (the source system's name as the importer typed it, the file, the
    digest, the object's type and id), so a purge leaves it (DESIGN.md rule 9) and a
    purged client's rows stay "already imported": the same files run again never bring
    her back."""

    class File(models.TextChoices):
        CLIENTS = "clients", "clients.csv"
        CONTACTS = "contacts", "contacts.csv"
        SERVICES = "services", "services.csv"

    source = models.CharField(_("source system"), max_length=40)
    file = models.CharField(max_length=10, choices=File)
    key = models.CharField(max_length=64)  # salted HMAC-SHA256 of the file and the row's id
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "file", "key"], name="imported_record_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_file_display()} row from {self.source}: object {self.object_id}"
