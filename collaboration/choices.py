"""Fixed lists of the collaboration module (ICASA program model, Sections 2 and 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionProcess(models.TextChoices):
    # ICASA Section 3 "Set ground rules": what is your decision-making process?
    CONSENSUS = "consensus", "Consensus"
    ROBERTS_RULES = "roberts_rules", "Robert's Rules of Order"
    MAJORITY = "majority", "Majority vote"
    OTHER = "other", "Other"


class AgendaTopic(models.TextChoices):
    # ICASA Section 3 "Setting the Agenda": agenda items could include...
    NETWORKING_AGREEMENTS = (
        "networking_agreements",
        "Developing or strengthening networking agreements",
    )
    COORDINATION = "coordination", "Evaluating coordination of services"
    CROSS_TRAINING = "cross_training", "Discussing opportunities for cross-training"
    EVENTS = "events", "Special events and fundraising activities"
    NEEDS_ASSESSMENT = "needs_assessment", "Engaging in needs assessment"
    WEBSITE_LINKS = "website_links", "Sharing links on websites"
    RESOURCES = "resources", "Sharing resources and materials"
    STRATEGIC_PLANNING = "strategic_planning", "Strategic planning"
    OTHER = "other", "Other"


class PlanStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    ACHIEVED = "achieved", "Achieved"
    DROPPED = "dropped", "Dropped"


class CrossTrainingTopic(models.TextChoices):
    # ICASA Section 3 "Cross Training": topics may include...
    MENTAL_HEALTH = "mental_health", "Mental health issues and intervention"
    SUBSTANCE_ABUSE = "substance_abuse", "Substance abuse issues and intervention"
    EXPLOITATION_DYNAMICS = "exploitation_dynamics", "Dynamics of commercial sexual exploitation"
    DEMAND = "demand", "Addressing demand"
    TRAUMA = "trauma", "Trauma of sexual victimization and exploitation"
    HARM_REDUCTION = "harm_reduction", "Harm-reduction philosophy"
    TRAFFICKING_LAW = "trafficking_law", "Anti-trafficking laws, penalties and remedies"
    RESOURCES_REFERRALS = "resources_referrals", "Community resources and making referrals"
    OTHER = "other", "Other"


class OutreachLocation(models.TextChoices):
    # ICASA Section 3 "Outreach Planning": meet victims in their own environment.
    CLUB_BAR = "club_bar", "Club or bar"
    STREET = "street", "Street"
    FOOD_PROGRAM = "food_program", "Food program"
    HOMELESS_SHELTER = "homeless_shelter", "Homeless shelter"
    DV_PROGRAM = "dv_program", "Domestic violence program"
    EMERGENCY_ROOM = "emergency_room", "Emergency room"
    JAIL = "jail", "Jail"
    SCHOOL = "school", "School"
    OTHER = "other", "Other"


class PreventionTopic(models.TextChoices):
    # ICASA Section 3 "Prevention Planning": groups could discuss...
    MYTHS = "myths", "Dispelling myths about commercial sexual exploitation"
    RECRUITMENT = "recruitment", "Building awareness of recruitment tactics by pimps"
    SEXUAL_HEALTH = "sexual_health", "Providing information on sexual health"
    SUBSTANCE_USE = "substance_use", "Understanding the link between substance use and exploitation"
    RESOURCES = "resources", "Raising awareness of resources and a path out of the Life"
    OTHER = "other", "Other"


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
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
