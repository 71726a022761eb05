"""Fixed lists of the collaboration module (ICASA program model, Sections 2 and 3)."""

from django.db import models


class Rating(models.TextChoices):
    """One answer to a survey statement. "Prefer not to say" is always offered: the
    survey is victim-centered, nobody has to answer anything."""

    STRONGLY_AGREE = "strongly_agree", "Strongly agree"
    AGREE = "agree", "Agree"
    DISAGREE = "disagree", "Disagree"
    STRONGLY_DISAGREE = "strongly_disagree", "Strongly disagree"
    PREFER_NOT = "prefer_not", "Prefer not to say"
    # Stored when a statement was left blank; never offered as a button.
    NOT_ANSWERED = "not_answered", "Not answered"


class SurveyService(models.TextChoices):
    """The services a person can say they used (one boolean column each)."""

    HOTLINE = "hotline", "Hotline"
    MEDICAL_ADVOCACY = "medical_advocacy", "Medical advocacy"
    LEGAL_ADVOCACY = "legal_advocacy", "Legal advocacy"
    COUNSELING = "counseling", "Counseling"
    SUPPORT_GROUP = "support_group", "Support group"
    REFERRALS = "referrals", "Referrals to other services"
    OTHER = "other", "Something else"


class ConferenceFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
