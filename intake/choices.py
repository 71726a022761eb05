"""Fixed lists of the client record: one definition for models, forms and reports.

Demographic codes follow the VOCA performance-measure form (shared/funder_reports.md)
so that a funder report is a count, not a translation. Every demographic question
allows "declined" and "not asked" (DESIGN.md rule 7).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

DECLINED = "declined"
NOT_ASKED = "not_asked"


class ClientStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    CLOSED = "closed", _("Closed")


class SafeToContact(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_ASKED = NOT_ASKED, _("Not asked")


class AgeRange(models.TextChoices):
    # VOCA age blocks; the report derives the block from date of birth when there is one.
    AGE_0_12 = "0_12", "0-12"
    AGE_13_17 = "13_17", "13-17"
    AGE_18_24 = "18_24", "18-24"
    AGE_25_59 = "25_59", "25-59"
    AGE_60_UP = "60_up", _("60 and older")
    DECLINED = DECLINED, _("Declined to answer")
    NOT_ASKED = NOT_ASKED, _("Not asked")


class GenderIdentity(models.TextChoices):
    # Recorded in more detail than the report's Male / Female / Other; the person's own
    # words go in gender_in_own_words.
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    TRANS_WOMAN = "trans_woman", _("Transgender woman")
    TRANS_MAN = "trans_man", _("Transgender man")
    NONBINARY = "nonbinary", _("Non-binary")
    ANOTHER = "another", _("Another identity")
    DECLINED = DECLINED, _("Declined to answer")
    NOT_ASKED = NOT_ASKED, _("Not asked")


class ReferralSource(models.TextChoices):
    SELF = "self", _("Self")
    HOTLINE = "hotline", _("Hotline")
    FRIEND_FAMILY = "friend_family", _("Friend or family")
    HOSPITAL = "hospital", _("Hospital or medical provider")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    PROSECUTOR = "prosecutor", _("Prosecutor or victim-witness staff")
    VICTIM_SERVICES = "victim_services", _("Other victim service program")
    SOCIAL_SERVICES = "social_services", _("Social services")
    SCHOOL = "school", _("School")
    OUTREACH = "outreach", _("Outreach")
    OTHER = "other", _("Other")
    DECLINED = DECLINED, _("Declined to answer")
    NOT_ASKED = NOT_ASKED, _("Not asked")


class ClassificationKind(models.TextChoices):
    VICTIMIZATION = "victimization", _("Victimization type")
    SPECIAL = "special", _("Special classification")
    RACE = "race", _("Race/ethnicity")


class Channel(models.TextChoices):
    HOTLINE_CALL = "hotline_call", _("Hotline call")
    TEXT_CHAT = "text_chat", _("Text or chat")
    WALK_IN = "walk_in", _("Walk-in")
    OUTREACH = "outreach", _("Outreach")
    HOSPITAL = "hospital", _("Hospital call-out")
    OTHER = "other", _("Other")


class CallerRelation(models.TextChoices):
    SURVIVOR = "survivor", _("Survivor")
    SIGNIFICANT_OTHER = "significant_other", _("Significant other")
    PROFESSIONAL = "professional", _("Professional")
    UNKNOWN = "unknown", _("Unknown")


class Need(models.TextChoices):
    # The immediate needs the hotline addresses (ICASA, Section 2 "Crisis response").
    SAFETY = "safety", _("Safety")
    FOOD = "food", _("Food")
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    LEGAL = "legal", _("Legal")
    INTERPRETER = "interpreter", _("Interpreter")
    EMOTIONAL = "emotional", _("Emotional support")
    INFORMATION = "information", _("Information")


class ContactService(models.TextChoices):
    CRISIS_INTERVENTION = "crisis_intervention", _("Crisis intervention")
    INFORMATION_REFERRAL = "information_referral", _("Information and referral")
    SAFETY_PLANNING = "safety_planning", _("Safety planning")
    ADVOCACY = "advocacy", _("Advocacy")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    DECLINED = DECLINED, _("Declined")
    NOT_ASKED = NOT_ASKED, _("Not asked")


class SleepingPlace(models.TextChoices):
    BED = "bed", _("Bed")
    COT = "cot", _("Cot")
    FLOOR = "floor", _("Floor")
    OTHER = "other", _("Other")
    DECLINED = DECLINED, _("Declined")
    NOT_ASKED = NOT_ASKED, _("Not asked")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class ScreeningSetting(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    TEXT_CHAT = "text_chat", _("Text or chat")
    OTHER = "other", _("Other")


class Indicator(models.TextChoices):
    # "Look beneath the surface": what staff may observe (shared/screening_questions.md).
    CONTROLLED = "controlled", _("Evidence of being controlled")
    CANNOT_LEAVE = "cannot_leave", _("Evidence of an inability to move or leave job")
    BRUISES = "bruises", _("Bruises or other signs of battering")
    FEAR_DEPRESSION = "fear_depression", _("Fear or depression")
    NON_ENGLISH = "non_english", _("Non-English speaking")
    RECENTLY_ARRIVED = "recently_arrived", _("Recently brought to this country")
    NO_DOCUMENTS = (
        "no_documents",
        _("Lack of passport, immigration or identification documentation"),
    )
    CONTROLLING_COMPANION = (
        "controlling_companion",
        _("Accompanied by someone who seems controlling"),
    )


class ControlTechnique(models.TextChoices):
    DEBT_BONDAGE = "debt_bondage", _("Debt bondage")
    ISOLATION_PUBLIC = (
        "isolation_public",
        _("Isolation from the public (contact limited or monitored)"),
    )
    ISOLATION_FAMILY = (
        "isolation_family",
        _("Isolation from family and ethnic or religious community"),
    )
    DOCUMENTS_TAKEN = "documents_taken", _("Confiscation of passports, visas or identification")
    VIOLENCE = "violence", _("Use or threat of violence toward the victim or their family")
    SHAMING = "shaming", _("Threat of shaming by exposing circumstances to family")
    DEPORTATION_THREAT = "deportation_threat", _("Threat of imprisonment or deportation")
    MONEY_CONTROL = "money_control", _("Control of the victim's money")


class Determination(models.TextChoices):
    # Recorded by staff with a reason; the system never sets it (DESIGN.md, Screening).
    NOT_RECORDED = "not_recorded", _("Not recorded")
    NO_CONCERN = "no_concern", _("No concern")
    POSSIBLE = "possible_trafficking", _("Possible trafficking")
    DISCLOSED = "trafficking_disclosed", _("Trafficking disclosed")


class ServiceCategory(models.TextChoices):
    # VOCA service categories: the report counts individuals per category.
    A = "A", _("A. Information and referral")
    B = "B", _("B. Personal advocacy and accompaniment")
    C = "C", _("C. Emotional support and safety services")
    D = "D", _("D. Shelter and housing")
    E = "E", _("E. Criminal and civil justice system assistance")


class ServiceCode(models.TextChoices):
    # VOCA numbered services: the report counts times per code. Codes are stable; labels
    # follow the form's wording, which drifts between revisions (shared/funder_reports.md).
    A1 = "A1", _("A1 Information about the criminal justice process")
    A2 = "A2", _("A2 Information about victim rights and notifications")
    A3 = "A3", _("A3 Referral to other victim service programs")
    A4 = "A4", _("A4 Referral to other services, supports and resources")
    B1 = "B1", _("B1 Advocacy/accompaniment to emergency medical care")
    B2 = "B2", _("B2 Advocacy/accompaniment to a medical forensic exam")
    B3 = "B3", _("B3 Law enforcement interview advocacy/accompaniment")
    B4 = "B4", _("B4 Individual advocacy (public benefits, return of property, ...)")
    B5 = "B5", _("B5 Forensic exam or interview, or evidence collection")
    B6 = "B6", _("B6 Immigration assistance (special visas, continued presence)")
    B7 = "B7", _("B7 Intervention with an employer, creditor, landlord or school")
    B8 = "B8", _("B8 Child or dependent care assistance")
    B9 = "B9", _("B9 Transportation assistance")
    B10 = "B10", _("B10 Interpreter services")
    C1 = "C1", _("C1 Crisis intervention (in person, including safety planning)")
    C2 = "C2", _("C2 Hotline/crisis line counseling")
    C3 = "C3", _("C3 On-scene crisis response")
    C4 = "C4", _("C4 Individual counseling")
    C5 = "C5", _("C5 Support groups (facilitated or peer)")
    C6 = "C6", _("C6 Other therapy (cultural or alternative healing; art, writing, play)")
    C7 = "C7", _("C7 Emergency financial assistance")
    D1 = "D1", _("D1 Emergency shelter or safe house")
    D2 = "D2", _("D2 Transitional housing")
    D3 = "D3", _("D3 Relocation assistance")
    E1 = "E1", _("E1 Notification of criminal justice events")
    E2 = "E2", _("E2 Victim impact statement assistance")
    E3 = "E3", _("E3 Restitution assistance")
    E4 = "E4", _("E4 Civil legal assistance: protection or restraining order")
    E5 = "E5", _("E5 Civil legal assistance with family law (custody, visitation, support)")
    E6 = "E6", _("E6 Other emergency justice-related assistance")
    E7 = "E7", _("E7 Immigration assistance")
    E8 = "E8", _("E8 Prosecution interview advocacy/accompaniment")
    E9 = "E9", _("E9 Law enforcement interview advocacy/accompaniment")
    E10 = "E10", _("E10 Criminal advocacy/accompaniment")
    E11 = "E11", _("E11 Other legal advice or counsel")
    # Not a numbered service: people helped to fill in a compensation application.
    COMPENSATION = "comp", _("Crime victim compensation application assistance")

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
    PARENT = "parent", _("Non-offending parent")
    GUARDIAN = "guardian", _("Legal guardian")
    MINOR_ALONE = "minor_alone", _("The minor alone, where the law allows")
    OTHER = "other", _("Other (explain)")


class ConsentCovers(models.TextChoices):
    SERVICES = "services", _("Advocacy and support services")
    MEDICAL = "medical", _("Medical care and exams")
    COUNSELING = "counseling", _("Counseling")
    GROUPS = "groups", _("Support groups")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment and transport")
    SHARING = "sharing", _("Sharing information with the agencies named")
    PHOTOGRAPHS = "photographs", _("Photographs of injuries")


class ReportDecision(models.TextChoices):
    MADE = "made", _("Report made")
    NOT_MADE = "not_made", _("Decided not to report")
    NOT_REQUIRED = "not_required", _("No report required")


class ReportAgency(models.TextChoices):
    CPS = "cps", _("Child protective services")
    POLICE = "police", _("Police")
    OTHER = "other", _("Other (name it)")


class ToldFirst(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_YET = "not_yet", _("Not yet")


class ClosureReason(models.TextChoices):
    """Why a file was closed (issue 21: closing asks for a reason)."""

    SERVICES_COMPLETE = "services_complete", _("Services complete")
    CLIENT_CHOSE = "client_chose", _("The client chose to stop")
    LOST_CONTACT = "lost_contact", _("Lost contact")
    MOVED_AWAY = "moved_away", _("Moved away")
    TRANSFERRED = "transferred", _("Transferred, with a release of information")
    DIED = "died", _("The client died")
    OTHER = "other", _("Other (explain)")


class CheckPoint(models.TextChoices):
    """When the client was asked about their stability."""

    INTAKE = "intake", _("At intake")
    REVIEW = "review", _("At a review")
    CLOSING = "closing", _("At closing")


class StabilityLevel(models.TextChoices):
    """A short fixed scale for each stability domain, as the client describes it (seeds
    001 and 002 measure recovery as stability). "Not asked" and "declined" are answers
    of their own, never a low score: a comparison skips them."""

    IN_CRISIS = "in_crisis", _("1 · In crisis: needs help now")
    VULNERABLE = "vulnerable", _("2 · Vulnerable: getting by, at risk")
    STABLE = "stable", _("3 · Stable: settled for now")
    THRIVING = "thriving", _("4 · Thriving: secure and building")
    DECLINED = DECLINED, _("Declined to answer")
    NOT_ASKED = NOT_ASKED, _("Not asked")


# The answers that place a client on the scale, lowest first (a comparison's order).
STABILITY_SCALE = [
    StabilityLevel.IN_CRISIS,
    StabilityLevel.VULNERABLE,
    StabilityLevel.STABLE,
    StabilityLevel.THRIVING,
]

# The six domains of stability (field name, label), in the order pages show them.
STABILITY_DOMAINS = [
    ("housing", _("Housing")),
    ("income_work", _("Income or work")),
    ("education", _("Education")),
    ("legal_status", _("Legal status")),
    ("safety", _("Safety")),
    ("support_network", _("Support network")),
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
    CLIENT_HOME = "client_home", _("Home of the client")
    OFFENDER_HOME = "offender_home", _("Home of the offender")
    OTHER_HOME = "other_home", _("Another home")
    HOTEL = "hotel", _("Hotel or motel")
    STREET = "street", _("Street or outdoors")
    VEHICLE = "vehicle", _("Vehicle")
    ONLINE = "online", _("Online")
    WORKPLACE = "workplace", _("Workplace")
    SCHOOL = "school", _("School")
    BROTHEL = "brothel", _("Brothel or massage business")
    OTHER = "other", _("Other")
    NOT_KNOWN = "not_known", _("Not known or not said")


class OffenderRelationship(models.TextChoices):
    STRANGER = "stranger", _("Stranger")
    ACQUAINTANCE = "acquaintance", _("Acquaintance")
    INTIMATE_PARTNER = "intimate_partner", _("Intimate partner (current or former)")
    FAMILY = "family", _("Family member")
    TRAFFICKER = "trafficker", _("Trafficker or pimp")
    BUYER = "buyer", _("Buyer")
    EMPLOYER = "employer", _("Employer")
    OTHER = "other", _("Other")


class OffenderGender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    ANOTHER = "another", _("Another gender")
    NOT_KNOWN = "not_known", _("Not known")


class OffenderAge(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    AGE_18_24 = "18_24", "18-24"
    AGE_25_34 = "25_34", "25-34"
    AGE_35_49 = "35_49", "35-49"
    AGE_50_UP = "50_up", _("50 or older")
    NOT_KNOWN = "not_known", _("Not known")


class ChargeOutcome(models.TextChoices):
    # One list for charges against the client (legal advocacy: dropped, vacated or
    # expunged) and against an offender (an incident's criminal case).
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    PENDING = "pending", _("Pending")
    DROPPED = "dropped", _("Dropped")
    VACATED = "vacated", _("Vacated")
    EXPUNGED = "expunged", _("Expunged")
    DISMISSED = "dismissed", _("Dismissed")
    ACQUITTED = "acquitted", _("Acquitted")
    CONVICTED = "convicted", _("Convicted")
    OTHER = "other", _("Other")


# Children and other dependents (seed 004: two-thirds of the women have children; 40%
# of the children live with grandmothers, 9% in foster care). No names are needed.
class DependentRelationship(models.TextChoices):
    CHILD = "child", _("Child")
    STEPCHILD = "stepchild", _("Stepchild")
    GRANDCHILD = "grandchild", _("Grandchild")
    SIBLING = "sibling", _("Sibling")
    OTHER = "other", _("Other")


class DependentAgeRange(models.TextChoices):
    # When the age in years is not known: school age decides much of what a child needs.
    AGE_0_4 = "0_4", _("0-4 (not yet in school)")
    AGE_5_12 = "5_12", "5-12"
    AGE_13_17 = "13_17", "13-17"
    AGE_18_UP = "18_up", _("18 or older")
    NOT_KNOWN = "not_known", _("Not known or not asked")


class InCare(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    SHARED = "shared", _("Shared")
    NOT_ASKED = NOT_ASKED, _("Not asked")


class Custody(models.TextChoices):
    CLIENT = "client", _("The client has custody")
    SHARED = "shared", _("Shared custody")
    OTHER_PARENT = "other_parent", _("The other parent")
    KINSHIP = "kinship", _("A relative (kinship care)")
    FOSTER_CARE = "foster_care", _("Foster care or child protective services")
    UNKNOWN = "unknown", _("Unknown or not asked")


class DependentNeed(models.TextChoices):
    CHILDCARE = "childcare", _("Childcare")
    SCHOOL = "school", _("School")
    HEALTH_CARE = "health_care", _("Health care")
    COUNSELING = "counseling", _("Counseling")
    BASIC_NEEDS = "basic_needs", _("Basic needs (food, clothing, diapers)")
    LEGAL = "legal", _("Legal or custody help")


# Documents on the client's file (issue 22): what staff keep a copy of.
class DocumentKind(models.TextChoices):
    RELEASE = "release", _("Signed release of information")
    COURT_ORDER = "court_order", _("Court order")
    IMMIGRATION = "immigration", _("Immigration or visa packet")
    MEDICAL = "medical", _("Medical form")
    POLICE = "police", _("Police report")
    OTHER = "other", _("Other")
