"""Fixed lists of the collaboration module (ICASA program model, Sections 2 and 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionProcess(models.TextChoices):
    # ICASA Section 3 "Set ground rules": what is your decision-making process?
    CONSENSUS = "consensus", _("Consensus")
    ROBERTS_RULES = "roberts_rules", _("Robert's Rules of Order")
    MAJORITY = "majority", _("Majority vote")
    OTHER = "other", _("Other")


class AgendaTopic(models.TextChoices):
    # ICASA Section 3 "Setting the Agenda": agenda items could include...
    NETWORKING_AGREEMENTS = (
        "networking_agreements",
        _("Developing or strengthening networking agreements"),
    )
    COORDINATION = "coordination", _("Evaluating coordination of services")
    CROSS_TRAINING = "cross_training", _("Discussing opportunities for cross-training")
    EVENTS = "events", _("Special events and fundraising activities")
    NEEDS_ASSESSMENT = "needs_assessment", _("Engaging in needs assessment")
    WEBSITE_LINKS = "website_links", _("Sharing links on websites")
    RESOURCES = "resources", _("Sharing resources and materials")
    STRATEGIC_PLANNING = "strategic_planning", _("Strategic planning")
    OTHER = "other", _("Other")


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class CrossTrainingTopic(models.TextChoices):
    # ICASA Section 3 "Cross Training": topics may include...
    MENTAL_HEALTH = "mental_health", _("Mental health issues and intervention")
    SUBSTANCE_ABUSE = "substance_abuse", _("Substance abuse issues and intervention")
    EXPLOITATION_DYNAMICS = "exploitation_dynamics", _("Dynamics of commercial sexual exploitation")
    DEMAND = "demand", _("Addressing demand")
    TRAUMA = "trauma", _("Trauma of sexual victimization and exploitation")
    HARM_REDUCTION = "harm_reduction", _("Harm-reduction philosophy")
    TRAFFICKING_LAW = "trafficking_law", _("Anti-trafficking laws, penalties and remedies")
    RESOURCES_REFERRALS = "resources_referrals", _("Community resources and making referrals")
    OTHER = "other", _("Other")


class OutreachLocation(models.TextChoices):
    # ICASA Section 3 "Outreach Planning": meet victims in their own environment.
    CLUB_BAR = "club_bar", _("Club or bar")
    STREET = "street", _("Street")
    FOOD_PROGRAM = "food_program", _("Food program")
    HOMELESS_SHELTER = "homeless_shelter", _("Homeless shelter")
    DV_PROGRAM = "dv_program", _("Domestic violence program")
    EMERGENCY_ROOM = "emergency_room", _("Emergency room")
    JAIL = "jail", _("Jail")
    SCHOOL = "school", _("School")
    OTHER = "other", _("Other")


class PreventionTopic(models.TextChoices):
    # ICASA Section 3 "Prevention Planning": groups could discuss...
    MYTHS = "myths", _("Dispelling myths about commercial sexual exploitation")
    RECRUITMENT = "recruitment", _("Building awareness of recruitment tactics by pimps")
    SEXUAL_HEALTH = "sexual_health", _("Providing information on sexual health")
    SUBSTANCE_USE = (
        "substance_use",
        _("Understanding the link between substance use and exploitation"),
    )
    RESOURCES = "resources", _("Raising awareness of resources and a path out of the Life")
    OTHER = "other", _("Other")


class Rating(models.TextChoices):
    """One answer to a survey statement. "Prefer not to say" is always offered: the
    survey is victim-centered, nobody has to answer anything."""

    STRONGLY_AGREE = "strongly_agree", _("Strongly agree")
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    STRONGLY_DISAGREE = "strongly_disagree", _("Strongly disagree")
    PREFER_NOT = "prefer_not", _("Prefer not to say")
    # Stored when a statement was left blank; never offered as a button.
    NOT_ANSWERED = "not_answered", _("Not answered")


class SurveyService(models.TextChoices):
    """The services a person can say they used (one boolean column each)."""

    HOTLINE = "hotline", _("Hotline")
    MEDICAL_ADVOCACY = "medical_advocacy", _("Medical advocacy")
    LEGAL_ADVOCACY = "legal_advocacy", _("Legal advocacy")
    COUNSELING = "counseling", _("Counseling")
    SUPPORT_GROUP = "support_group", _("Support group")
    REFERRALS = "referrals", _("Referrals to other services")
    OTHER = "other", _("Something else")


class ConferenceFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone call")
