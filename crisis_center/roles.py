"""Staff roles and the training thresholds that gate privileged work.

DESIGN.md "Who uses it" says what each role may see; crisis_center/permissions.py names
what each may do, and crisis_center/policy.py which clients it sees. The role tuples
live here and in permissions.py only (tests/test_permissions.py looks for others).
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADVOCATE = "advocate", _("Advocate")
    SUPERVISOR = "supervisor", _("Supervisor")
    COORDINATOR = "coordinator", _("Coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles whose members can be put on a client's care team (coordinators and
# administrators never see client data, whatever their training).
CARE_ROLES = (Role.ADVOCATE, Role.SUPERVISOR)

# Roles an administrator cannot give alone: the care roles open client files, and a
# second administrator could approve what the first asked for. Taking a role away
# (to coordinator or none) needs nobody's approval.
ROLES_NEEDING_APPROVAL = (*CARE_ROLES, Role.ADMINISTRATOR)

# The staff a care-team form offers, by role (whether each may join: User.care_team_refusal).
IN_CARE_ROLE = models.Q(role__in=CARE_ROLES)


def trains_first(role: str) -> bool:
    """An advocate without the 40 hours on record is a trainee (the header says so)."""
    return role == Role.ADVOCATE


def is_care_role(role: str) -> bool:
    return role in CARE_ROLES


def needs_approval(role: str) -> bool:
    return role in ROLES_NEEDING_APPROVAL


def runs_staff_administration(role: str) -> bool:
    """The Django admin is staff administration only: its access follows this role."""
    return role == Role.ADMINISTRATOR


class TrainingTopic(models.TextChoices):
    CRISIS_INTERVENTION = "crisis_intervention", _("Sexual assault crisis intervention")
    COUNSELING = "counseling", _("Counseling (advanced)")
    OTHER = "other", _("Other")


# ICASA: 40 hours of sexual assault crisis intervention training make communications
# privileged; counseling needs 20 hours more.
CRISIS_INTERVENTION_HOURS = Decimal(40)
COUNSELING_HOURS = Decimal(20)


def format_hours(hours: Decimal) -> str:
    """12, 12.5 and 40: the same text whatever the database returns (12.0 or 12)."""
    return f"{Decimal(str(hours)).normalize():f}"
