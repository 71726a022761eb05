"""The resource card in the caller's language (`?lang=es`), signed with the center's
name and hotline; no English left in the Spanish card (compared against the catalog)."""

from datetime import time

import pytest
from django.urls import reverse

from crisis_center.center import CenterSettings
from referrals.models import Agency, Resource
from tests import catalog

# Data nobody translates: names and what the directory's keepers typed.
DATA = {"Consultorio Sol (Clínica Aurora)", "Av. Central 10"}


@pytest.fixture
def resource(db):
    CenterSettings(name="Centro Aurora", hotline="555-0199").save()
    place = {"phone": "555-0100", "address": "Av. Central 10"}
    agency = Agency.objects.create(name="Clínica Aurora", **place)
    return Resource.objects.create(
        agency=agency,
        name="Consultorio Sol",
        category="legal",
        how_to_refer="call",
        languages="español",
        cost="0",
        days="014",
        opens_at=time(9),
        closes_at=time(12),
        id_required=False,
    )


def _card(client, resource, lang: str | None = None):
    url = reverse("resource_card", args=[resource.pk])
    return client.get(url, {"lang": lang} if lang is not None else {})


def _lines(response) -> list[str]:
    return [line for line in response.content.decode().splitlines() if line.strip()]


def test_the_card_has_no_english_left_in_spanish(client, advocate, resource):
    client.force_login(advocate)
    english, spanish = _lines(_card(client, resource)), _lines(_card(client, resource, "es"))
    assert catalog.english_left(english, spanish) == []
    assert catalog.unaccounted(spanish, DATA) == []
    assert "De parte de Centro Aurora. Nuestra línea de ayuda: 555-0199" in spanish
    assert "Horario: lun, mar, vie 09:00-12:00" in spanish


def test_every_card_message_is_translated_and_none_is_fuzzy(client, advocate, resource):
    client.force_login(advocate)
    used = catalog.used_messages(_lines(_card(client, resource)))
    assert len(used) >= 8
    for entry in used:
        assert entry.msgstr and not entry.fuzzy, entry.msgid


def test_the_card_names_the_center_and_its_hotline(client, advocate, resource):
    client.force_login(advocate)
    response = _card(client, resource)
    assert response["Content-Language"] == "en"
    assert "From Centro Aurora. Our hotline: 555-0199" in _lines(response)
    CenterSettings(name="Centro Aurora", hotline="").save()
    assert _lines(_card(client, resource))[-1] == "From Centro Aurora"


@pytest.mark.parametrize("lang", ["xx", "", "<b>", "e" * 5000, "ES"])
def test_an_unknown_language_gives_the_english_card(client, advocate, resource, lang):
    client.force_login(advocate)
    response = _card(client, resource, lang)
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert "Phone: 555-0100" in _lines(response)


def test_staff_pages_stay_in_english_after_a_spanish_card(client, advocate, resource):
    client.force_login(advocate)
    _card(client, resource, "es")
    body = client.get(reverse("resource_detail", args=[resource.pk])).content.decode()
    assert '<html lang="en-us">' in body and "Resource card in Spanish" in body
    assert f"/directory/{resource.pk}/card.txt?lang=es" in body


def test_the_card_runs_a_fixed_number_of_queries(
    client, advocate, resource, django_assert_num_queries
):
    client.force_login(advocate)
    # savepoint, session, user, the resource and its agency, the center's settings,
    # release; then savepoint, session save, release.
    with django_assert_num_queries(9):
        assert _card(client, resource, "es").status_code == 200
