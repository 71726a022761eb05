"""What a record counts as for the funder report, said in words; the codes in a tooltip."""

import re

from django.urls import reverse

from crisis_center import ledger
from tests.factories import ContactFactory, advocacy_records

WORDS = (
    "Counted as hotline/crisis line counseling and referral to other services, supports "
    "and resources for the funder report"
)


def test_the_wording_names_the_services_and_keeps_the_codes_in_a_tooltip(advocate):
    contact = ContactFactory(
        advocate=advocate,
        channel="hotline_call",
        services=["crisis_intervention", "information_referral"],
    )
    html = str(ledger.counts_as(contact))
    assert 'title="Funder service codes: C2, A4"' in html
    assert WORDS in html
    assert "(the usual for this record)" in html


def test_codes_staff_chose_are_said_without_the_usual(advocate):
    contact = ContactFactory(advocate=advocate, service_codes=["D1"])
    html = str(ledger.counts_as(contact))
    assert "Counted as emergency shelter or safe house for the funder report" in html
    assert 'title="Funder service codes: D1"' in html
    assert "usual" not in html


def test_the_contact_page_says_it_in_words(client, advocate):
    contact = ContactFactory(
        advocate=advocate,
        channel="hotline_call",
        services=["crisis_intervention", "information_referral"],
    )
    client.force_login(advocate)
    html = client.get(reverse("contact_detail", args=[contact.pk])).content.decode()
    assert WORDS in html
    assert 'title="Funder service codes: C2, A4"' in html
    assert "Counts as" not in html


def test_a_record_page_says_it_in_words(client, advocate, own_client):
    medical = advocacy_records(own_client, advocate)["medical"]
    client.force_login(advocate)
    html = client.get(reverse("medical_detail", args=[medical.pk])).content.decode()
    shown = re.search(r'<span class="counts-as" title="Funder service codes: ([^"]*)">', html)
    assert shown, html
    assert "Counted as " in html and "for the funder report" in html
    assert "Counts as" not in html
