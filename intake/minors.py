"""Minors: who may consent for a client under 18 and to what, and mandated reports.

Seeds 000 and 004: entry into commercial sexual exploitation is often at 12 to 15, and
the trafficker may be family, so a parent is not always the one to ask. Who is a minor
is defined once (intake.models.minor_q and Client.is_minor); this module holds the
forms of the two record kinds (registered in apps.py), the client page's section, the
supervisor's list of minors' files with no mandated-report decision, and their demo data.
"""

import random
from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crisis_center import permissions, policy
from crisis_center.models import User
from crisis_center.panels import Panel
from crisis_center.records.forms import RecordForm, checklist, offer_active_and_kept
from crisis_center.records.services import record_save
from crisis_center.roles import IN_CARE_ROLE
from intake import services
from intake.choices import AgeRange, ConsentCovers
from intake.models import Client, ClientQuerySet, MandatedReport, MinorConsent

SHOWN = 20  # rows a section lists; the rest are counted


class MinorConsentForm(RecordForm):
    covers = checklist(ConsentCovers, _("The consent covers"))

    class Meta(RecordForm.Meta):
        model = MinorConsent
        fields = [
            "given_by", "first_name", "explanation", "covers", "agencies_named",
            "given_on", "withdrawn_on", "notes",
        ]  # fmt: skip

    rows = (
        ("given_by", "first_name"),
        "explanation",
        "covers",
        "agencies_named",
        ("given_on", "withdrawn_on"),
        "notes",
    )


class MandatedReportForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = MandatedReport
        fields = [
            "decision", "reason", "agency", "agency_other", "reported_at", "decided_by",
            "reference", "client_told", "notes",
        ]  # fmt: skip

    rows = (
        ("decision", "decided_by"),
        "reason",
        ("agency", "agency_other"),
        ("reported_at", "reference", "client_told"),
        "notes",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Staff who can hold a caseload; by default whoever adds the record.
        kept = [self.instance.decided_by_id] if self.instance.decided_by_id else []
        staff = User.objects.filter(IN_CARE_ROLE)
        offer_active_and_kept(self.fields["decided_by"], staff, flag="is_active", kept=kept)
        if not self.instance.pk and not self.initial.get("decided_by"):
            self.initial["decided_by"] = self.instance.created_by_id


# Page sections --------------------------------------------------------------------------


def client_section(request: HttpRequest, client: Client) -> Panel | None:
    """Consents and mandated reports of a minor, with links to add each; an adult's file
    shows the section only when it holds such records (made while they were a minor)."""
    consents = list(MinorConsent.objects.filter(client=client)[: SHOWN + 1])
    reports = list(
        MandatedReport.objects.filter(client=client).select_related("decided_by")[: SHOWN + 1]
    )
    if not (client.is_minor or consents or reports):
        return None
    return Panel(
        "intake/panels/minor.html",
        {
            "consents": consents[:SHOWN],
            "more_consents": len(consents) > SHOWN,
            "reports": reports[:SHOWN],
            "more_reports": len(reports) > SHOWN,
        },
    )


def without_report_decision(user) -> ClientQuerySet:
    """Minors' files the user may see with no mandated-report decision recorded, the
    longest open first. A purged file names no one and is left out."""
    decided = MandatedReport.objects.filter(client=OuterRef("pk"))
    return (
        Client.objects.visible_to(user)
        .minors()
        .filter(purged_at__isnull=True)
        .exclude(Exists(decided))
        .order_by("created_at", "id")
    )


def report_gaps(request: HttpRequest) -> Panel | None:
    """Supervisors' home page: minors' files with no mandated-report decision, the first
    SHOWN of them and how many in all (two queries, whatever the number)."""
    if not permissions.can(request.user, "see_mandated_report_gaps"):
        return None
    gaps = without_report_decision(request.user)
    shown = list(gaps[:SHOWN])
    total = len(shown) if len(shown) < SHOWN else gaps.count()
    policy.log_listed(request, Client.objects, shown)
    return Panel("intake/panels/report_gaps.html", {"files": shown, "total": total})


# Demo data ------------------------------------------------------------------------------


def seed(staff: dict, rng: random.Random) -> None:
    """Two invented minors on the first advocate's caseload: one with a guardian's
    consent and a report made, one with the minor's own consent and no mandated-report
    decision yet (it shows on the supervisor's home page)."""
    advocate, today = staff["advocate"], timezone.localdate()
    for pseudonym, years, reported in (("Wren (demo)", 15, True), ("Pip (demo)", 16, False)):
        client = services.client_create(
            client=Client(
                pseudonym=pseudonym,
                date_of_birth=today - timedelta(days=years * 365 + 40),
                age_range=AgeRange.AGE_13_17,
            ),
            classifications=[],
            by=advocate,
        )
        record_save(
            record=MinorConsent(
                client=client,
                given_by="guardian" if reported else "minor_alone",
                first_name="K." if reported else "",
                covers=["services", "counseling", "medical"],
                given_on=today - timedelta(days=rng.randint(5, 20)),
            ),
            by=advocate,
        )
        if reported:
            record_save(
                record=MandatedReport(
                    client=client,
                    decision="made",
                    agency="cps",
                    reported_at=timezone.now() - timedelta(days=3),
                    decided_by=advocate,
                    client_told="yes",
                    notes="Told the client first; the caseworker will call the center.",
                ),
                by=advocate,
            )
