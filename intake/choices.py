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
