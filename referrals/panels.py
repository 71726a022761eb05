"""What referrals add to the client page, the contact page and the home page."""

from datetime import timedelta

from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from crisis_center import paging, permissions
from crisis_center.panels import Panel
from referrals.choices import AgreementStatus
from referrals.models import (
    HousingPlacement,
    IncomingReferral,
    NetworkingAgreement,
    Referral,
    ReleaseOfInformation,
)

SHOWN = 20


def client_releases_and_referrals(request: HttpRequest, client) -> Panel:
    releases = list(
        ReleaseOfInformation.objects.filter(client=client).select_related("agency")[:SHOWN]
    )
    referrals = list(
        Referral.objects.filter(client=client).select_related("resource__agency")[:SHOWN]
    )
    today = timezone.localdate()
    for release in releases:
        release.valid_today = release.is_valid_on(today)
    referred_by = list(
        IncomingReferral.objects.filter(client=client).select_related("agency")[:SHOWN]
    )
    context = {"releases": releases, "referrals": referrals, "referred_by": referred_by}
    return Panel("referrals/panels/client.html", context)


PLACEMENTS_SHOWN = 5


def placements_of(client) -> models.QuerySet:
    """The client's housing placements, the current one first, with their agencies."""
    return HousingPlacement.objects.filter(client=client).select_related("agency").current_first()


def client_housing(request: HttpRequest, client) -> Panel:
    placements, more = paging.first(placements_of(client), PLACEMENTS_SHOWN)
    return Panel("referrals/panels/housing.html", {"placements": placements, "more": more})


def contact_referrals(request: HttpRequest, contact) -> Panel:
    referrals = list(contact.referrals.select_related("resource__agency")[:SHOWN])
    return Panel("referrals/panels/contact.html", {"referrals": referrals})


def agreements_due(request: HttpRequest) -> Panel | None:
    """Coordinators: networking agreements to review within 30 days, and overdue ones."""
    if not permissions.can(request.user, "keep_directory"):
        return None
    today = timezone.localdate()
    due = list(
        NetworkingAgreement.objects.filter(
            status__in=AgreementStatus.under_review(), next_review__lte=today + timedelta(days=30)
        )
        .select_related("agency")
        .order_by("next_review")[: SHOWN + 1]
    )
    context = {"due": due[:SHOWN], "more": len(due) > SHOWN, "today": today}
    return Panel("referrals/panels/agreements_due.html", context)
