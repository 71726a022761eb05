"""Fixed lists of the advocacy records (ICASA program model, Section 2)."""

from django.db import models


class Facility(models.TextChoices):
    HOSPITAL = "hospital", "Hospital"
    CLINIC = "clinic", "Clinic"
    OTHER = "other", "Other"


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "By phone"


class MedicalContact(models.TextChoices):
    CLIENT = "client", "The client"
    SIGNIFICANT_OTHER = "significant_other", "A non-offending significant other"
    MEDICAL_STAFF = "medical_staff", "Medical staff"


class EvidenceKit(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    OFFERED = "offered", "Offered"
    COLLECTED = "collected", "Collected"
    DECLINED = "declined", "Declined"


class CareStep(models.TextChoices):
    NOT_DISCUSSED = "not_discussed", "Not discussed"
    DONE = "done", "Done"
    DECLINED = "declined", "Declined"
    REFERRED = "referred", "Referred elsewhere"


class StayedForExam(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", "No exam"
    YES = "yes", "Yes, with the client's permission"
    NO = "no", "No"


class LegalSystem(models.TextChoices):
    POLICE = "police", "Police"
    STATES_ATTORNEY = "states_attorney", "State's attorney"
    COURT = "court", "Court"
    PROBATION = "probation", "Probation"
    IMMIGRATION = "immigration", "Immigration"
    CIVIL_LEGAL_AID = "civil_legal_aid", "Civil legal aid"


class LegalMatter(models.TextChoices):
    CHARGES_AGAINST_CLIENT = "charges_against_client", "Charges against the client"
    CHARGES_AGAINST_EXPLOITER = (
        "charges_against_exploiter",
        "Charges against a trafficker, pimp or buyer",
    )
    ORDER_OF_PROTECTION = "order_of_protection", "Order of protection"
    T_VISA = "t_visa", "T visa"
    U_VISA = "u_visa", "U visa"
    VAWA = "vawa", "VAWA self-petition"
    CUSTODY = "custody", "Child custody"
    OTHER = "other", "Other"


class Modality(models.TextChoices):
    TALK = "talk", "Talk"
    ART = "art", "Art"
    MUSIC = "music", "Music"
    JOURNALING = "journaling", "Journaling"
    BODY_WORK = "body_work", "Body work"
    OTHER = "other", "Other"


class GoalStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    MET = "met", "Met"
    SET_ASIDE = "set_aside", "Set aside by the client"

    @classmethod
    def still_open(cls) -> list["GoalStatus"]:
        """A goal not yet met or set aside: the client's panel and the due count."""
        return [cls.OPEN, cls.IN_PROGRESS]


# Appointments: what is booked, where (a kind of place, never an address), and what
# became of it. The kinds are the services of the ICASA program model that are booked
# ahead (Section 2: legal and medical advocacy, counseling, accompaniment).
class AppointmentKind(models.TextChoices):
    COURT = "court", "Court date"
    MEDICAL = "medical", "Medical follow-up"
    COUNSELING = "counseling", "Counseling session"
    ACCOMPANIMENT = "accompaniment", "Accompaniment"
    OTHER = "other", "Other"


class PlaceKind(models.TextChoices):
    COURT = "court", "Court"
    HOSPITAL = "hospital", "Hospital or clinic"
    POLICE = "police", "Police station"
    CENTER = "center", "Our center"
    REMOTE = "remote", "By phone or video"
    OTHER = "other", "Other"


class AppointmentStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    ATTENDED = "attended", "Attended"
    MISSED = "missed", "Missed"
    CANCELLED = "cancelled", "Cancelled"
    MOVED = "moved", "Moved to another time"
