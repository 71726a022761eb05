"""Partner agencies, the referral directory, networking agreements, releases, referrals.

Agencies, resources and agreements hold no client data (coordinators keep them).
Releases and referrals hang off a client and follow the access policy.
"""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from crisis_center.policy import ClientScopedQuerySet
from crisis_center.records.models import ClientRecord
from intake.choices import ServiceCode
from intake.models import ChoiceList, CrisisContact
from referrals.choices import (
    AgencyKind,
    AgreementStatus,
    Category,
    HowToRefer,
    Outcome,
    PlacementEnd,
    PlacementKind,
    Provision,
    ReferralKind,
    ReleaseForm,
)


def private_storage() -> FileSystemStorage:
    """Agreement documents live outside the static and media roots and are served only by
    a view that checks the user (referrals.views.agreement_document). A callable, so that
    the location comes from settings at run time, not from a migration."""
    return FileSystemStorage(location=str(settings.PRIVATE_MEDIA_ROOT), base_url=None)


class Agency(models.Model):
    """A partner agency. A confidential location (a domestic violence shelter, a safe
    house) keeps its street address for the coordinators who keep the directory: no
    other page, card or export shows it; staff reach it through its intake line."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=AgencyKind, default=AgencyKind.OTHER)
    address = models.TextField(blank=True)
    confidential_location = models.BooleanField(
        _("confidential location"),
        default=False,
        help_text=_(
            "A shelter or safe house: its address is shown to coordinators on this page "
            "only, never on the directory, resource cards or exports."
        ),
    )
    intake_line = models.CharField(
        _("intake line"),
        max_length=40,
        blank=True,
        help_text=_("The phone number staff call to reach the agency's intake or hotline."),
    )
    phone = models.CharField(max_length=40, blank=True)
    hours = models.CharField(max_length=200, blank=True)
    website = models.URLField(blank=True)
    languages = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.confidential_location and not self.intake_line.strip():
            raise ValidationError(
                {
                    "intake_line": _(
                        "A confidential location needs an intake line: it is how staff "
                        "reach the agency without its address."
                    )
                }
            )

    @property
    def shown_address(self) -> str:
        """The address as pages, cards and exports may show it: none for a confidential
        location (coordinators read `address` on the agency's own page)."""
        return "" if self.confidential_location else self.address


DAYS = "0123456"  # Monday is 0, as date.weekday()


class ResourceQuerySet(models.QuerySet):
    def open_at(self, moment) -> "ResourceQuerySet":
        """Open at a local date-time: around the clock, or on that weekday between its hours."""
        local = timezone.localtime(moment)
        return self.filter(
            Q(open_24_7=True)
            | Q(
                days__contains=str(local.weekday()),
                opens_at__lte=local.time(),
                closes_at__gt=local.time(),
            )
        )

    def stale(self, today: date | None = None) -> "ResourceQuerySet":
        return self.filter(last_verified__lt=verified_cutoff(today))


def verified_cutoff(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today - timedelta(days=30 * settings.REFERRAL_VERIFY_MONTHS)


class Resource(models.Model):
    """A service of an agency, in one of the 13 ICASA categories."""

    # Names the resource in the directory's CSV: an exported file, edited and imported
    # again, updates the rows it came from instead of adding them a second time. Not
    # the id, which another database (a restore, a sister center) gives to another row.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="resources")
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=30, choices=Category)
    description = models.TextField(blank=True)
    eligibility = models.TextField(blank=True)
    cost = models.CharField(max_length=200, blank=True, help_text=_("e.g. free, sliding scale"))
    languages = models.CharField(max_length=200, blank=True, help_text=_("Comma-separated"))
    populations = models.CharField(
        _("culturally specific populations served"), max_length=300, blank=True
    )
    accessibility = models.CharField(max_length=300, blank=True)
    id_required = models.BooleanField(_("ID required"), default=False)
    accepts_trafficking_survivors = models.BooleanField(default=True)
    accepts_substance_use = models.BooleanField(
        _("accepts people who use substances"), default=True
    )
    how_to_refer = models.CharField(max_length=20, choices=HowToRefer, default=HowToRefer.CALL)
    phone = models.CharField(max_length=40, blank=True)
    open_24_7 = models.BooleanField(_("open around the clock"), default=False)
    days = models.CharField(
        _("days open"), max_length=7, blank=True, help_text=_("Weekday numbers, Monday 0: 01234")
    )
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    last_verified = models.DateField(default=timezone.localdate)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["active", "category", "name"], name="resource_category"),
            models.Index(fields=["agency"], name="resource_agency"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.days and set(self.days) - set(DAYS):
            raise ValidationError(
                {"days": gettext("Use weekday numbers 0 (Monday) to 6 (Sunday).")}
            )
        if self.days and not self.open_24_7 and not (self.opens_at and self.closes_at):
            raise ValidationError(
                {"opens_at": gettext("Give opening and closing times for those days.")}
            )
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            raise ValidationError(
                {"closes_at": gettext("Closing time must be after opening time.")}
            )

    @property
    def is_stale(self) -> bool:
        return self.last_verified < verified_cutoff()

    @property
    def hours_text(self) -> str:
        """In the active language: a resource card may be in the client's."""
        if self.open_24_7:
            return gettext("Open around the clock")
        if not self.days:
            return gettext("Hours not recorded")
        days = ", ".join(str(WEEKDAYS_ABBR[int(d)]) for d in sorted(set(self.days)))
        return f"{days} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class NetworkingAgreement(models.Model):
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="agreements")
    our_liaison = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    their_liaison = models.CharField(max_length=200, blank=True)
    provisions = ChoiceList(Provision, _("provisions"))
    signed_on = models.DateField(null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    next_review = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=AgreementStatus, default=AgreementStatus.DRAFT)
    document = models.FileField(storage=private_storage, upload_to="agreements/", blank=True)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["next_review", "id"]
        indexes = [models.Index(fields=["status", "next_review"], name="agreement_review")]

    def __str__(self) -> str:
        return f"Agreement with {self.agency}"

    def mark_reviewed(self, today: date | None = None) -> None:
        today = today or timezone.localdate()
        self.next_review = today + timedelta(days=round(30.44 * self.review_interval_months))


class ReleaseQuerySet(ClientScopedQuerySet):
    def valid_on(self, day: date) -> "ReleaseQuerySet":
        return self.filter(given_on__lte=day, expires_on__gte=day, revoked_at__isnull=True)


class ReleaseOfInformation(ClientRecord):
    """Consent to share identifying information with one agency, for one purpose
    (VAWA/VOCA: informed, written or recorded, specific, time-limited, revocable)."""

    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="releases")
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=300)
    information = models.TextField(_("what may be shared"))
    form = models.CharField(max_length=10, choices=ReleaseForm, default=ReleaseForm.WRITTEN)
    given_on = models.DateField(default=timezone.localdate)
    expires_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("release of information")

    def __str__(self) -> str:
        return f"Release to {self.agency}"

    def clean(self) -> None:
        if self.given_on and self.expires_on and self.expires_on < self.given_on:
            raise ValidationError(
                {"expires_on": gettext("A release can't expire before it is given.")}
            )
        if (
            self.given_on
            and self.expires_on
            and self.expires_on > self.given_on + timedelta(days=366)
        ):
            raise ValidationError({"expires_on": gettext("A release lasts at most one year.")})

    def is_valid_on(self, day: date) -> bool:
        return self.revoked_at is None and self.given_on <= day <= self.expires_on

    @property
    def is_valid_today(self) -> bool:
        return self.is_valid_on(timezone.localdate())


class ReferralQuerySet(ClientScopedQuerySet):
    # A referral given on an anonymous call stays visible to the advocate who took it.
    author_field = "contact__advocate"


class Referral(ClientRecord):
    """A referral to a directory resource, from a client or from an anonymous contact
    (so its client may be empty, where every other client record has one).

    Rule 6: without a valid release for the resource's agency it is information only:
    the client gets the number, the partner gets nothing.
    """

    client = models.ForeignKey(
        "intake.Client", models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    contact = models.ForeignKey(
        CrisisContact, models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    resource = models.ForeignKey(Resource, models.PROTECT, related_name="referrals")
    referred_on = models.DateField(default=timezone.localdate)
    kind = models.CharField(max_length=20, choices=ReferralKind, default=ReferralKind.INFORMATION)
    accompaniment_offered = models.BooleanField(default=False)
    identifying_info_shared = models.BooleanField(
        _("identifying information shared with the agency"), default=False
    )
    outcome = models.CharField(max_length=20, choices=Outcome, default=Outcome.PENDING)
    service_codes = ChoiceList(ServiceCode, _("counts as (funder service codes)"))
    outcome_reason = models.CharField(_("why (if not connected)"), max_length=300, blank=True)
    follow_up_on = models.DateField(null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-id"]
        indexes = [
            # Follow-ups due: pending ones by date, counted from the index alone.
            models.Index(fields=["outcome", "follow_up_on"], name="referral_follow_up_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(client__isnull=False) | Q(contact__isnull=False),
                name="referral_from_client_or_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral to {self.resource}"

    @cached_property
    def release(self) -> ReleaseOfInformation | None:
        """The release that covers sharing with this agency on the referral date."""
        if not self.client_id or not self.resource_id or not self.referred_on:
            return None
        return (
            ReleaseOfInformation.objects.valid_on(self.referred_on)
            .filter(client_id=self.client_id, agency_id=self.resource.agency_id)
            .first()
        )

    def service_date(self) -> date:
        return self.referred_on

    def served_contact_id(self) -> int | None:
        return self.contact_id

    def served_client_id(self) -> int | None:
        """Who got the referral: the client, or the caller once the contact is named."""
        return self.client_id or (self.contact.client_id if self.contact_id else None)

    def default_service_codes(self) -> list[str]:
        # A3 for another victim service program, A4 for any other support.
        victim_programs = (AgencyKind.DV_PROGRAM, AgencyKind.PROSECUTOR)
        return [ServiceCode.A3 if self.resource.agency.kind in victim_programs else ServiceCode.A4]

    def clean(self) -> None:
        if self.identifying_info_shared:
            if not self.client_id:
                message = gettext("An anonymous caller's referral is information only.")
                raise ValidationError({"identifying_info_shared": message})
            if self.release is None:
                raise ValidationError(
                    {
                        "identifying_info_shared": gettext(
                            "No valid release of information covers "
                            "this agency: the referral can only be information (the client "
                            "gets the number, the agency gets nothing)."
                        )
                    }
                )
        if self.outcome == Outcome.NOT_CONNECTED and not self.outcome_reason:
            raise ValidationError(
                {"outcome_reason": gettext("Say why the client was not connected.")}
            )


class IncomingReferral(ClientRecord):
    """A partner agency referred this client to us: the client's referral source.

    Kept here rather than on the client record, which knows nothing of agencies; the
    outcome measures count clients served by referral source from these rows.
    """

    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="referred_by")
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="referrals_in")
    received_on = models.DateField(default=timezone.localdate)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Referred by {self.agency}"


# A stay the client is in now: no date out, and not said to have ended.
CURRENT_PLACEMENT = Q(date_out__isnull=True, ended=PlacementEnd.STILL_THERE)

# shared/funder_reports.md, D. Shelter and housing: D1 emergency shelter or safe house,
# D2 transitional housing, D3 relocation assistance (help obtaining housing). A stay
# with family or friends is no service of the center unless staff say it was.
PLACEMENT_CODES = {
    PlacementKind.EMERGENCY_SHELTER: [ServiceCode.D1],
    PlacementKind.HOTEL_VOUCHER: [ServiceCode.D1],
    PlacementKind.TRANSITIONAL: [ServiceCode.D2],
    PlacementKind.LONG_TERM: [ServiceCode.D3],
}


class HousingPlacementQuerySet(ClientScopedQuerySet):
    def current_first(self) -> "HousingPlacementQuerySet":
        """The stay the client is in now first, then the others, latest in first."""
        now = Case(When(CURRENT_PLACEMENT, then=Value(0)), default=Value(1))
        return self.annotate(ended_order=now).order_by("ended_order", "-date_in", "-id")


class HousingPlacement(ClientRecord):
    """A shelter stay or another place to live (seeds 001 and 003: a safe place is the
    first need), at an agency of the directory when it is one, and how it ended."""

    client = models.ForeignKey("intake.Client", models.PROTECT, related_name="housing_placements")
    kind = models.CharField(
        _("kind of placement"),
        max_length=20,
        choices=PlacementKind,
        default=PlacementKind.EMERGENCY_SHELTER,
    )
    agency = models.ForeignKey(
        Agency,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency (from the directory)"),
        help_text=_("When the place is one of the directory's agencies."),
    )
    date_in = models.DateField(default=timezone.localdate)
    date_out = models.DateField(null=True, blank=True)
    ended = models.CharField(
        _("how it ended"), max_length=30, choices=PlacementEnd, default=PlacementEnd.STILL_THERE
    )
    notes = models.TextField(blank=True)
    service_codes = ChoiceList(ServiceCode, _("counts as (funder service codes)"))

    objects = HousingPlacementQuerySet.as_manager()
    checked_before_constraints = ("date_out", "ended")  # clean() refuses what they refuse

    class Meta:
        ordering = ["-date_in", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_out__isnull=True) | Q(date_out__gte=F("date_in")),
                name="placement_out_not_before_in",
            ),
            models.CheckConstraint(
                condition=Q(date_out__isnull=True) | ~Q(ended=PlacementEnd.STILL_THERE),
                name="placement_out_says_how_it_ended",
            ),
        ]

    def __str__(self) -> str:
        where = f" at {self.agency}" if self.agency_id else ""
        return f"{self.get_kind_display()}{where}, from {date_format(self.date_in, 'M j, Y')}"

    @property
    def is_current(self) -> bool:
        return self.date_out is None and self.ended == PlacementEnd.STILL_THERE

    def clean(self) -> None:
        if not self.date_out:
            return
        errors = {}
        if self.date_in and self.date_out < self.date_in:
            errors["date_out"] = gettext("The date out can't be before the date in.")
        elif self.date_out > timezone.localdate():
            errors["date_out"] = gettext("The date out can't be in the future.")
        if self.ended == PlacementEnd.STILL_THERE:
            errors["ended"] = gettext("Say how the stay ended: it has a date out.")
        if errors:
            raise ValidationError(errors)

    def service_date(self) -> date:
        return self.date_in

    def default_service_codes(self) -> list[str]:
        return list(PLACEMENT_CODES.get(self.kind, []))
