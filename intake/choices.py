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
