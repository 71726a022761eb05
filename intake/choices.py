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
