"""seed_scale: a small synthetic center whose key pages answer for the seeded staff."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from advocacy.models import CounselingSession, LegalAdvocacy, MedicalAdvocacy
from crisis_center.models import AccessLog, User
from crisis_center.reports import Period
from intake.models import CareTeamMember, Client, CrisisContact, Screening, ServiceDelivery
from referrals.models import Agency, Referral, Resource

pytestmark = pytest.mark.django_db


def seed(*args: str) -> None:
    call_command("seed_scale", "--clients", "200", "--contacts", "2000", *args, stdout=StringIO())


def test_seed_scale_fills_a_small_center_whose_key_pages_answer(client):
    seed("--password", "scale-test-password")
    assert Client.objects.count() == 200
    assert CrisisContact.objects.count() == 2000
    assert CrisisContact.objects.filter(client=None).count() in range(100, 300)  # ~one in ten
    assert (Agency.objects.count(), Resource.objects.count()) == (500, 5000)
    assert AccessLog.objects.count() == 600
    for model in (Screening, MedicalAdvocacy, LegalAdvocacy, CounselingSession, Referral):
        assert model.objects.exists(), model
    # Every contact and advocacy record wrote its ledger rows; contacts with no service
    # write none, so there are fewer contact rows than contacts but never none.
    assert ServiceDelivery.objects.filter(contact__isnull=False).count() > 1000
    assert ServiceDelivery.objects.filter(contact__isnull=True).exists()

    advocate = User.objects.get(username="scale-advocate-1")
    caseload = CareTeamMember.objects.active().filter(staff=advocate).count()
    assert 0 < caseload <= 100
    assert advocate.check_password("scale-test-password")
    assert advocate.is_certified
    supervisor = User.objects.get(username="scale-supervisor")
    assert User.objects.get(username="scale-coordinator").role == "coordinator"
    long_term = (
        Client.objects.filter(care_team__staff=advocate, care_team__ended_at=None)
        .annotate(n=Count("contacts"))
        .order_by("-n")
        .first()
    )
    assert long_term.n >= 200  # its 200, and maybe a few drawn at random

    period = Period.containing(Period.containing(long_term.created_at.date()).end)
    pages = [
        (advocate, "/", {}),
        (advocate, "/clients/", {"q": long_term.pseudonym.split()[0]}),
        (advocate, f"/clients/{long_term.pk}/", {}),
        (advocate, "/directory/", {"q": "legal"}),
        (supervisor, "/reports/caseload/", {}),
        (supervisor, "/reports/victim-services/",
         {"fiscal_year": period.fiscal_year, "quarter": period.quarter}),
    ]  # fmt: skip
    for user, path, params in pages:
        client.force_login(user)
        response = client.get(path, params)
        assert response.status_code == 200, path
    client.force_login(advocate)
    assert long_term.pseudonym in client.get("/clients/", {"q": long_term.pseudonym}).text


def test_seed_scale_refuses_a_database_with_clients_unless_appending():
    seed()
    with pytest.raises(CommandError, match="already has clients"):
        seed()
    seed("--append")
    assert Client.objects.count() == 400
    # New advocates continue the numbering; the first caseload stays as it was.
    assert User.objects.filter(username="scale-advocate-1").count() == 1
    assert User.objects.filter(username__startswith="scale-supervisor").count() >= 1
