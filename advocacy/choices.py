"""Fixed lists of the advocacy records (ICASA program model, Section 2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Facility(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital")
    CLINIC = "clinic", _("Clinic")
    OTHER = "other", _("Other")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")


class MedicalContact(models.TextChoices):
    CLIENT = "client", _("The client")
    SIGNIFICANT_OTHER = "significant_other", _("A non-offending significant other")
    MEDICAL_STAFF = "medical_staff", _("Medical staff")


class EvidenceKit(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    OFFERED = "offered", _("Offered")
    COLLECTED = "collected", _("Collected")
    DECLINED = "declined", _("Declined")


class CareStep(models.TextChoices):
    NOT_DISCUSSED = "not_discussed", _("Not discussed")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")
    REFERRED = "referred", _("Referred elsewhere")


class StayedForExam(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", _("No exam")
    YES = "yes", _("Yes, with the client's permission")
    NO = "no", _("No")


class LegalSystem(models.TextChoices):
    POLICE = "police", _("Police")
    STATES_ATTORNEY = "states_attorney", _("State's attorney")
    COURT = "court", _("Court")
    PROBATION = "probation", _("Probation")
    IMMIGRATION = "immigration", _("Immigration")
    CIVIL_LEGAL_AID = "civil_legal_aid", _("Civil legal aid")


class LegalMatter(models.TextChoices):
    CHARGES_AGAINST_CLIENT = "charges_against_client", _("Charges against the client")
    CHARGES_AGAINST_EXPLOITER = (
        "charges_against_exploiter",
        _("Charges against a trafficker, pimp or buyer"),
    )
    ORDER_OF_PROTECTION = "order_of_protection", _("Order of protection")
    T_VISA = "t_visa", _("T visa")
    U_VISA = "u_visa", _("U visa")
    VAWA = "vawa", _("VAWA self-petition")
    CUSTODY = "custody", _("Child custody")
    OTHER = "other", _("Other")


class Modality(models.TextChoices):
    TALK = "talk", _("Talk")
    ART = "art", _("Art")
    MUSIC = "music", _("Music")
    JOURNALING = "journaling", _("Journaling")
    BODY_WORK = "body_work", _("Body work")
    OTHER = "other", _("Other")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    MET = "met", _("Met")
    SET_ASIDE = "set_aside", _("Set aside by the client")

    @classmethod
    def still_open(cls) -> list["GoalStatus"]:
        """A goal not yet met or set aside: the client's panel and the due count."""
        return [cls.OPEN, cls.IN_PROGRESS]


# Appointments: what is booked, where (a kind of place, never an address), and what
# became of it. The kinds are the services of the ICASA program model that are booked
# ahead (Section 2: legal and medical advocacy, counseling, accompaniment).
class AppointmentKind(models.TextChoices):
    COURT = "court", _("Court date")
    MEDICAL = "medical", _("Medical follow-up")
    COUNSELING = "counseling", _("Counseling session")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment")
    OTHER = "other", _("Other")


class PlaceKind(models.TextChoices):
    COURT = "court", _("Court")
    HOSPITAL = "hospital", _("Hospital or clinic")
    POLICE = "police", _("Police station")
    CENTER = "center", _("Our center")
    REMOTE = "remote", _("By phone or video")
    OTHER = "other", _("Other")


class AppointmentStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    ATTENDED = "attended", _("Attended")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")
    MOVED = "moved", _("Moved to another time")
