"""Fixed lists of the client record: one definition for models, forms and reports.

Demographic codes follow the VOCA performance-measure form (shared/funder_reports.md)
so that a funder report is a count, not a translation. Every demographic question
allows "declined" and "not asked" (DESIGN.md rule 7).
"""

from django.db import models

DECLINED = "declined"
NOT_ASKED = "not_asked"


class ClientStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    CLOSED = "closed", "Closed"


class SafeToContact(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_ASKED = NOT_ASKED, "Not asked"


class AgeRange(models.TextChoices):
    # VOCA age blocks; the report derives the block from date of birth when there is one.
    AGE_0_12 = "0_12", "0-12"
    AGE_13_17 = "13_17", "13-17"
    AGE_18_24 = "18_24", "18-24"
    AGE_25_59 = "25_59", "25-59"
    AGE_60_UP = "60_up", "60 and older"
    DECLINED = DECLINED, "Declined to answer"
    NOT_ASKED = NOT_ASKED, "Not asked"


class GenderIdentity(models.TextChoices):
    # Recorded in more detail than the report's Male / Female / Other; the person's own
    # words go in gender_in_own_words.
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    TRANS_WOMAN = "trans_woman", "Transgender woman"
    TRANS_MAN = "trans_man", "Transgender man"
    NONBINARY = "nonbinary", "Non-binary"
    ANOTHER = "another", "Another identity"
    DECLINED = DECLINED, "Declined to answer"
    NOT_ASKED = NOT_ASKED, "Not asked"


class ReferralSource(models.TextChoices):
    SELF = "self", "Self"
    HOTLINE = "hotline", "Hotline"
    FRIEND_FAMILY = "friend_family", "Friend or family"
    HOSPITAL = "hospital", "Hospital or medical provider"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement"
    PROSECUTOR = "prosecutor", "Prosecutor or victim-witness staff"
    VICTIM_SERVICES = "victim_services", "Other victim service program"
    SOCIAL_SERVICES = "social_services", "Social services"
    SCHOOL = "school", "School"
    OUTREACH = "outreach", "Outreach"
    OTHER = "other", "Other"
    DECLINED = DECLINED, "Declined to answer"
    NOT_ASKED = NOT_ASKED, "Not asked"


class ClassificationKind(models.TextChoices):
    VICTIMIZATION = "victimization", "Victimization type"
    SPECIAL = "special", "Special classification"
    RACE = "race", "Race/ethnicity"


class Channel(models.TextChoices):
    HOTLINE_CALL = "hotline_call", "Hotline call"
    TEXT_CHAT = "text_chat", "Text or chat"
    WALK_IN = "walk_in", "Walk-in"
    OUTREACH = "outreach", "Outreach"
    HOSPITAL = "hospital", "Hospital call-out"
    OTHER = "other", "Other"


class CallerRelation(models.TextChoices):
    SURVIVOR = "survivor", "Survivor"
    SIGNIFICANT_OTHER = "significant_other", "Significant other"
    PROFESSIONAL = "professional", "Professional"
    UNKNOWN = "unknown", "Unknown"


class Need(models.TextChoices):
    # The immediate needs the hotline addresses (ICASA, Section 2 "Crisis response").
    SAFETY = "safety", "Safety"
    FOOD = "food", "Food"
    SHELTER = "shelter", "Shelter"
    MEDICAL = "medical", "Medical care"
    LEGAL = "legal", "Legal"
    INTERPRETER = "interpreter", "Interpreter"
    EMOTIONAL = "emotional", "Emotional support"
    INFORMATION = "information", "Information"


class ContactService(models.TextChoices):
    CRISIS_INTERVENTION = "crisis_intervention", "Crisis intervention"
    INFORMATION_REFERRAL = "information_referral", "Information and referral"
    SAFETY_PLANNING = "safety_planning", "Safety planning"
    ADVOCACY = "advocacy", "Advocacy"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DECLINED = DECLINED, "Declined"
    NOT_ASKED = NOT_ASKED, "Not asked"


class SleepingPlace(models.TextChoices):
    BED = "bed", "Bed"
    COT = "cot", "Cot"
    FLOOR = "floor", "Floor"
    OTHER = "other", "Other"
    DECLINED = DECLINED, "Declined"
    NOT_ASKED = NOT_ASKED, "Not asked"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Unknown"


class ScreeningSetting(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    TEXT_CHAT = "text_chat", "Text or chat"
    OTHER = "other", "Other"


class Indicator(models.TextChoices):
    # "Look beneath the surface": what staff may observe (shared/screening_questions.md).
    CONTROLLED = "controlled", "Evidence of being controlled"
    CANNOT_LEAVE = "cannot_leave", "Evidence of an inability to move or leave job"
    BRUISES = "bruises", "Bruises or other signs of battering"
    FEAR_DEPRESSION = "fear_depression", "Fear or depression"
    NON_ENGLISH = "non_english", "Non-English speaking"
    RECENTLY_ARRIVED = "recently_arrived", "Recently brought to this country"
    NO_DOCUMENTS = "no_documents", "Lack of passport, immigration or identification documentation"
    CONTROLLING_COMPANION = "controlling_companion", "Accompanied by someone who seems controlling"


class ControlTechnique(models.TextChoices):
    DEBT_BONDAGE = "debt_bondage", "Debt bondage"
    ISOLATION_PUBLIC = (
        "isolation_public",
        "Isolation from the public (contact limited or monitored)",
    )
    ISOLATION_FAMILY = "isolation_family", "Isolation from family and ethnic or religious community"
    DOCUMENTS_TAKEN = "documents_taken", "Confiscation of passports, visas or identification"
    VIOLENCE = "violence", "Use or threat of violence toward the victim or their family"
    SHAMING = "shaming", "Threat of shaming by exposing circumstances to family"
    DEPORTATION_THREAT = "deportation_threat", "Threat of imprisonment or deportation"
    MONEY_CONTROL = "money_control", "Control of the victim's money"


class Determination(models.TextChoices):
    # Recorded by staff with a reason; the system never sets it (DESIGN.md, Screening).
    NOT_RECORDED = "not_recorded", "Not recorded"
    NO_CONCERN = "no_concern", "No concern"
    POSSIBLE = "possible_trafficking", "Possible trafficking"
    DISCLOSED = "trafficking_disclosed", "Trafficking disclosed"


class ServiceCategory(models.TextChoices):
    # VOCA service categories: the report counts individuals per category.
    A = "A", "A. Information and referral"
    B = "B", "B. Personal advocacy and accompaniment"
    C = "C", "C. Emotional support and safety services"
    D = "D", "D. Shelter and housing"
    E = "E", "E. Criminal and civil justice system assistance"


class ServiceCode(models.TextChoices):
    # VOCA numbered services: the report counts times per code. Codes are stable; labels
    # follow the form's wording, which drifts between revisions (shared/funder_reports.md).
    A1 = "A1", "A1 Information about the criminal justice process"
    A2 = "A2", "A2 Information about victim rights and notifications"
    A3 = "A3", "A3 Referral to other victim service programs"
    A4 = "A4", "A4 Referral to other services, supports and resources"
    B1 = "B1", "B1 Advocacy/accompaniment to emergency medical care"
    B2 = "B2", "B2 Advocacy/accompaniment to a medical forensic exam"
    B3 = "B3", "B3 Law enforcement interview advocacy/accompaniment"
    B4 = "B4", "B4 Individual advocacy (public benefits, return of property, ...)"
    B5 = "B5", "B5 Forensic exam or interview, or evidence collection"
    B6 = "B6", "B6 Immigration assistance (special visas, continued presence)"
    B7 = "B7", "B7 Intervention with an employer, creditor, landlord or school"
    B8 = "B8", "B8 Child or dependent care assistance"
    B9 = "B9", "B9 Transportation assistance"
    B10 = "B10", "B10 Interpreter services"
    C1 = "C1", "C1 Crisis intervention (in person, including safety planning)"
    C2 = "C2", "C2 Hotline/crisis line counseling"
    C3 = "C3", "C3 On-scene crisis response"
    C4 = "C4", "C4 Individual counseling"
    C5 = "C5", "C5 Support groups (facilitated or peer)"
    C6 = "C6", "C6 Other therapy (cultural or alternative healing; art, writing, play)"
    C7 = "C7", "C7 Emergency financial assistance"
    D1 = "D1", "D1 Emergency shelter or safe house"
    D2 = "D2", "D2 Transitional housing"
    D3 = "D3", "D3 Relocation assistance"
    E1 = "E1", "E1 Notification of criminal justice events"
    E2 = "E2", "E2 Victim impact statement assistance"
    E3 = "E3", "E3 Restitution assistance"
    E4 = "E4", "E4 Civil legal assistance: protection or restraining order"
    E5 = "E5", "E5 Civil legal assistance with family law (custody, visitation, support)"
    E6 = "E6", "E6 Other emergency justice-related assistance"
    E7 = "E7", "E7 Immigration assistance"
    E8 = "E8", "E8 Prosecution interview advocacy/accompaniment"
    E9 = "E9", "E9 Law enforcement interview advocacy/accompaniment"
    E10 = "E10", "E10 Criminal advocacy/accompaniment"
    E11 = "E11", "E11 Other legal advice or counsel"
    # Not a numbered service: people helped to fill in a compensation application.
    COMPENSATION = "comp", "Crime victim compensation application assistance"

    @property
    def category(self) -> str:
        """A-E for the numbered services, "" for compensation assistance."""
        return self.value[0] if self.value[0] in ServiceCategory.values else ""

    @classmethod
    def grouped(cls) -> list:
        """Choices grouped by category, for checklists people can scan."""
        groups = [
            (category.label, [(c.value, c.label) for c in cls if c.category == category])
            for category in ServiceCategory
        ]
        return [*groups, ("Other", [(cls.COMPENSATION.value, cls.COMPENSATION.label)])]


# Minors (seeds 000 and 004: entry into commercial sexual exploitation is often at 12 to
# 15, and the trafficker may be family). A client under 18 is a minor: from the date of
# birth when there is one, else from these age ranges (intake.models.minor_q).
MINOR_AGE_RANGES = (AgeRange.AGE_0_12, AgeRange.AGE_13_17)


class ConsentGivenBy(models.TextChoices):
    # Never a parent who is the offender: familial trafficking (seed 000).
    PARENT = "parent", "Non-offending parent"
    GUARDIAN = "guardian", "Legal guardian"
    MINOR_ALONE = "minor_alone", "The minor alone, where the law allows"
    OTHER = "other", "Other (explain)"


class ConsentCovers(models.TextChoices):
    SERVICES = "services", "Advocacy and support services"
    MEDICAL = "medical", "Medical care and exams"
    COUNSELING = "counseling", "Counseling"
    GROUPS = "groups", "Support groups"
    ACCOMPANIMENT = "accompaniment", "Accompaniment and transport"
    SHARING = "sharing", "Sharing information with the agencies named"
    PHOTOGRAPHS = "photographs", "Photographs of injuries"


class ReportDecision(models.TextChoices):
    MADE = "made", "Report made"
    NOT_MADE = "not_made", "Decided not to report"
    NOT_REQUIRED = "not_required", "No report required"


class ReportAgency(models.TextChoices):
    CPS = "cps", "Child protective services"
    POLICE = "police", "Police"
    OTHER = "other", "Other (name it)"


class ToldFirst(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_YET = "not_yet", "Not yet"


class ClosureReason(models.TextChoices):
    """Why a file was closed (issue 21: closing asks for a reason)."""

    SERVICES_COMPLETE = "services_complete", "Services complete"
    CLIENT_CHOSE = "client_chose", "The client chose to stop"
    LOST_CONTACT = "lost_contact", "Lost contact"
    MOVED_AWAY = "moved_away", "Moved away"
    TRANSFERRED = "transferred", "Transferred, with a release of information"
    DIED = "died", "The client died"
    OTHER = "other", "Other (explain)"


class CheckPoint(models.TextChoices):
    """When the client was asked about their stability."""

    INTAKE = "intake", "At intake"
    REVIEW = "review", "At a review"
    CLOSING = "closing", "At closing"


class StabilityLevel(models.TextChoices):
    """A short fixed scale for each stability domain, as the client describes it (seeds
    001 and 002 measure recovery as stability). "Not asked" and "declined" are answers
    of their own, never a low score: a comparison skips them."""

    IN_CRISIS = "in_crisis", "1 · In crisis: needs help now"
    VULNERABLE = "vulnerable", "2 · Vulnerable: getting by, at risk"
    STABLE = "stable", "3 · Stable: settled for now"
    THRIVING = "thriving", "4 · Thriving: secure and building"
    DECLINED = DECLINED, "Declined to answer"
    NOT_ASKED = NOT_ASKED, "Not asked"


# The answers that place a client on the scale, lowest first (a comparison's order).
STABILITY_SCALE = [
    StabilityLevel.IN_CRISIS,
    StabilityLevel.VULNERABLE,
    StabilityLevel.STABLE,
    StabilityLevel.THRIVING,
]

# The six domains of stability (field name, label), in the order pages show them.
STABILITY_DOMAINS = [
    ("housing", "Housing"),
    ("income_work", "Income or work"),
    ("education", "Education"),
    ("legal_status", "Legal status"),
    ("safety", "Safety"),
    ("support_network", "Support network"),
]
STABILITY_FIELDS = [name for name, _ in STABILITY_DOMAINS]
# Incidents (what happened, as far as the client chooses to tell): where, who, and the
# criminal case. InfoNet and GBVIMS ask for the kind of place, never an address, and the
# offender's relationship to the client, never a name (DESIGN.md rule 7).

MONTHS = [
    (1, "January"), (2, "February"), (3, "March"), (4, "April"), (5, "May"), (6, "June"),
    (7, "July"), (8, "August"), (9, "September"), (10, "October"), (11, "November"),
    (12, "December"),
]  # fmt: skip


class IncidentPlace(models.TextChoices):
    CLIENT_HOME = "client_home", "Home of the client"
    OFFENDER_HOME = "offender_home", "Home of the offender"
    OTHER_HOME = "other_home", "Another home"
    HOTEL = "hotel", "Hotel or motel"
    STREET = "street", "Street or outdoors"
    VEHICLE = "vehicle", "Vehicle"
    ONLINE = "online", "Online"
    WORKPLACE = "workplace", "Workplace"
    SCHOOL = "school", "School"
    BROTHEL = "brothel", "Brothel or massage business"
    OTHER = "other", "Other"
    NOT_KNOWN = "not_known", "Not known or not said"


class OffenderRelationship(models.TextChoices):
    STRANGER = "stranger", "Stranger"
    ACQUAINTANCE = "acquaintance", "Acquaintance"
    INTIMATE_PARTNER = "intimate_partner", "Intimate partner (current or former)"
    FAMILY = "family", "Family member"
    TRAFFICKER = "trafficker", "Trafficker or pimp"
    BUYER = "buyer", "Buyer"
    EMPLOYER = "employer", "Employer"
    OTHER = "other", "Other"


class OffenderGender(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"
    ANOTHER = "another", "Another gender"
    NOT_KNOWN = "not_known", "Not known"


class OffenderAge(models.TextChoices):
    UNDER_18 = "under_18", "Under 18"
    AGE_18_24 = "18_24", "18-24"
    AGE_25_34 = "25_34", "25-34"
    AGE_35_49 = "35_49", "35-49"
    AGE_50_UP = "50_up", "50 or older"
    NOT_KNOWN = "not_known", "Not known"


class ChargeOutcome(models.TextChoices):
    # One list for charges against the client (legal advocacy: dropped, vacated or
    # expunged) and against an offender (an incident's criminal case).
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    PENDING = "pending", "Pending"
    DROPPED = "dropped", "Dropped"
    VACATED = "vacated", "Vacated"
    EXPUNGED = "expunged", "Expunged"
    DISMISSED = "dismissed", "Dismissed"
    ACQUITTED = "acquitted", "Acquitted"
    CONVICTED = "convicted", "Convicted"
    OTHER = "other", "Other"


# Children and other dependents (seed 004: two-thirds of the women have children; 40%
# of the children live with grandmothers, 9% in foster care). No names are needed.
class DependentRelationship(models.TextChoices):
    CHILD = "child", "Child"
    STEPCHILD = "stepchild", "Stepchild"
    GRANDCHILD = "grandchild", "Grandchild"
    SIBLING = "sibling", "Sibling"
    OTHER = "other", "Other"


class DependentAgeRange(models.TextChoices):
    # When the age in years is not known: school age decides much of what a child needs.
    AGE_0_4 = "0_4", "0-4 (not yet in school)"
    AGE_5_12 = "5_12", "5-12"
    AGE_13_17 = "13_17", "13-17"
    AGE_18_UP = "18_up", "18 or older"
    NOT_KNOWN = "not_known", "Not known or not asked"


class InCare(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    SHARED = "shared", "Shared"
    NOT_ASKED = NOT_ASKED, "Not asked"


class Custody(models.TextChoices):
    CLIENT = "client", "The client has custody"
    SHARED = "shared", "Shared custody"
    OTHER_PARENT = "other_parent", "The other parent"
    KINSHIP = "kinship", "A relative (kinship care)"
    FOSTER_CARE = "foster_care", "Foster care or child protective services"
    UNKNOWN = "unknown", "Unknown or not asked"


class DependentNeed(models.TextChoices):
    CHILDCARE = "childcare", "Childcare"
    SCHOOL = "school", "School"
    HEALTH_CARE = "health_care", "Health care"
    COUNSELING = "counseling", "Counseling"
    BASIC_NEEDS = "basic_needs", "Basic needs (food, clothing, diapers)"
    LEGAL = "legal", "Legal or custody help"


# Documents on the client's file (issue 22): what staff keep a copy of.
class DocumentKind(models.TextChoices):
    RELEASE = "release", "Signed release of information"
    COURT_ORDER = "court_order", "Court order"
    IMMIGRATION = "immigration", "Immigration or visa packet"
    MEDICAL = "medical", "Medical form"
    POLICE = "police", "Police report"
    OTHER = "other", "Other"
