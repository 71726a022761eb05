"""Fixed lists of the referral module (ICASA program model, Sections 2 and 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    # The agencies to bring into a local collaboration (Section 3).
    SUBSTANCE_ABUSE = "substance_abuse", "Substance abuse provider"
    MENTAL_HEALTH = "mental_health", "Community mental health center"
    HEALTH_CARE = "health_care", "Health care provider, ER or public health"
    EDUCATION_JOBS = "education_jobs", "Education and job training"
    HOUSING = "housing", "Housing program"
    DV_PROGRAM = "dv_program", "Domestic violence program or shelter"
    JAIL_PRISON = "jail_prison", "Jail or prison"
    HOMELESS_SHELTER = "homeless_shelter", "Homeless or emergency shelter"
    PROSECUTOR = "prosecutor", "Prosecutor or victim-witness staff"
    IMMIGRATION = "immigration", "Immigration services"
    OTHER = "other", "Other"


class Category(models.TextChoices):
    # The 13 ICASA referral categories (Section 2 "Community resources and referrals").
    HEALTH = "health", _("Health services")
    EMERGENCY_HOUSING = "emergency_housing", _("Emergency housing")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_ABUSE = "substance_abuse", _("Substance abuse and chemical dependency")
    IMMIGRATION_BENEFITS = "immigration_benefits", _("Refugee benefits, T visas, U visas and VAWA")
    LEGAL = "legal", _("Legal: custody, deportation concerns, criminal charges")
    TRANSITIONAL_HOUSING = "transitional_housing", _("Transitional housing")
    LONG_TERM_HOUSING = "long_term_housing", _("Long-term affordable housing")
    HSE = "hse", _("High school equivalency")
    ESL = "esl", _("English as a second language")
    VOCATIONAL = "vocational", _("Vocational training")
    LIFE_SKILLS = "life_skills", _("Life skills")
    REINTEGRATION = "reintegration", _("Re-integration")


class HowToRefer(models.TextChoices):
    WALK_IN = "walk_in", _("Walk in")
    CALL = "call", _("Call")
    WARM_HANDOFF = "warm_handoff", _("Warm hand-off")


class Provision(models.TextChoices):
    CROSS_TRAINING = "cross_training", "Cross-training"
    MATERIALS = "materials", "Exchange of materials"
    SHARED_LINKS = "shared_links", "Shared links"
    ROUTINE_MEETINGS = "routine_meetings", "Routine meetings to evaluate coordination"
    OTHER = "other", "Other"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    LAPSED = "lapsed", "Lapsed"
    ENDED = "ended", "Ended"

    @classmethod
    def under_review(cls) -> list["AgreementStatus"]:
        """An agreement whose review date matters: the home panel and the due count."""
        return [cls.ACTIVE, cls.DRAFT]


class ReleaseForm(models.TextChoices):
    WRITTEN = "written", "In writing"
    VERBAL = "verbal", "Verbally (recorded by staff)"


class ReferralKind(models.TextChoices):
    INFORMATION = "information", "Information only"
    WARM_HANDOFF = "warm_handoff", "Warm hand-off"


class Outcome(models.TextChoices):
    PENDING = "pending", "Pending"
    CONNECTED = "connected", "Connected"
    NOT_CONNECTED = "not_connected", "Not connected"
    DECLINED = "declined", "Declined by the client"


class PlacementKind(models.TextChoices):
    # Seeds 001 and 003: a safe place is the first need; ICASA Section 2 lists emergency,
    # transitional and long-term affordable housing among the referrals a center needs.
    EMERGENCY_SHELTER = "emergency_shelter", "Emergency shelter"
    TRANSITIONAL = "transitional", "Transitional housing"
    LONG_TERM = "long_term", "Long-term or permanent housing"
    HOTEL_VOUCHER = "hotel_voucher", "Hotel or motel voucher"
    FAMILY_FRIENDS = "family_friends", "With family or friends"
    OTHER = "other", "Other"


class PlacementEnd(models.TextChoices):
    STILL_THERE = "still_there", "Still there"
    LONGER_TERM = "longer_term", "Moved to longer-term housing"
    LEFT = "left", "Left on their own"
    ASKED_TO_LEAVE = "asked_to_leave", "Asked to leave"
    RETURNED_TO_OFFENDER = "returned_to_offender", "Returned to the offender"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"
