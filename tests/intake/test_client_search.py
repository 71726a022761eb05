"""Client search: a fragment of a pseudonym, in any case, index-backed on both databases.

The index must never change what a search finds: the results are those of a plain
icontains, for every term, and follow every change of a pseudonym (new clients, edits,
purges; on SQLite the index is kept by triggers that a later migration could drop).
"""

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.models import Client
from intake.purge import purge_client
from tests.examples import examples
from tests.factories import ClientFactory

NAMES = [
    "Maya R.",
    "maya k.",
    "MAYAN T.",
    "José Q.",
    "JOSÉ A.",
    "josé b.",
    "Zoë",
    "ZOË V.",
    "Зоя",
    "ЗОЯ М.",
    "Straße",
    "İlkay",
    'Rosa "Red" L.',
    "100% Sure",
    "Li_Na",
    "back\\slash",
    "O'Neil",
    "Ana-María",
    "Mei 梅",
    "Noor 🌙",
]
TERMS = [
    "maya",
    "MAYA",
    "aya",
    "ya",
    "a",
    "yan t",
    "josé",
    "JOSÉ",
    "osé",
    "jose",
    "zoë",
    "ZOË",
    "oë",
    "зоя",
    "ЗОЯ",
    "оя м",
    "straße",
    "STRASSE",
    "ilkay",
    "İlk",
    '"red"',
    'a "',
    '""',
    "%",
    "0% s",
    "_",
    "i_n",
    "li%na",
    "\\",
    "k\\s",
    "'",
    "o'n",
    "a-m",
    "梅",
    "i 梅",
    "🌙",
    "r 🌙",
    "*",
    "maya OR zoë",
    "NEAR(maya)",
    "^maya",
    "  maya  ",
    "no such name",
]


@pytest.fixture
def named(advocate):
    return [ClientFactory(pseudonym=name, created_by=advocate) for name in NAMES]


def _found(term: str) -> set[int]:
    return set(Client.objects.search(term).values_list("pk", flat=True))


def _icontains(term: str) -> set[int]:
    term = term.strip()
    found = Client.objects.filter(pseudonym__icontains=term) if term else Client.objects
    return set(found.values_list("pk", flat=True))


@pytest.mark.parametrize("term", TERMS)
def test_search_finds_what_icontains_finds(named, term):
    assert _found(term) == _icontains(term)


@pytest.mark.hypothesis  # its @given is inside: `make test-deep` selects it
def test_search_finds_what_icontains_finds_for_generated_terms(named):
    alphabet = st.sampled_from("".join(NAMES) + " %_\\\"'*^()")

    @settings(
        max_examples=examples(150),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(st.one_of(st.text(alphabet, max_size=8), st.sampled_from(NAMES).flatmap(_slices)))
    def check(term):
        assert _found(term) == _icontains(term)

    check()


def _slices(name: str):
    return st.tuples(st.integers(0, len(name)), st.integers(0, len(name))).map(
        lambda ends: name[min(ends) : max(ends)]
    )


def test_a_term_with_a_nul_finds_nothing(named):
    assert _found("maya\x00") == set()


def test_a_new_client_is_found_after_every_migration(advocate):
    """The test database is migrated to the newest migration: on SQLite the index's
    triggers must have survived every migration after the one that made them."""
    new = ClientFactory(pseudonym="Quillon T.", created_by=advocate)
    assert _found("uillo") == {new.pk}


def test_a_renamed_client_is_found_by_the_new_name_only(advocate):
    person = ClientFactory(pseudonym="Quillon T.", created_by=advocate)
    person.pseudonym = "Brisvane T."
    person.save()
    assert _found("Quillon") == set()
    assert _found("brisvane") == {person.pk}
    person.legal_name = "Someone Else"  # an edit that keeps the pseudonym
    person.save()
    assert _found("brisvane") == {person.pk}


def test_a_purged_clients_old_name_no_longer_finds_it(advocate, supervisor):
    person = ClientFactory(pseudonym="Quillon T.", created_by=advocate)
    purge_client(client=person, by=supervisor, reason="client_request")
    assert _found("Quillon") == set()
    assert _found(f"Purged client {person.pk}") == {person.pk}
    if connection.vendor == "sqlite":  # nor does the index itself, delete markers aside
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM intake_client_search WHERE intake_client_search MATCH %s",
                ['"Quillon"'],
            )
            assert cursor.fetchall() == []


def test_a_deleted_client_leaves_the_index(advocate):
    person = Client.objects.create(pseudonym="Quillon T.", created_by=advocate)
    person.delete()
    assert _found("Quillon") == set()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM intake_client_search_docsize")
            assert cursor.fetchone() == (0,)


def test_the_search_page_lists_matches_newest_file_first(client, supervisor, named):
    client.force_login(supervisor)
    response = client.get(reverse("client_list"), {"q": "maya"})
    shown = [c.pk for c in response.context["page"].object_list]
    matches = Client.objects.filter(pseudonym__icontains="maya")
    assert shown == sorted(matches.values_list("pk", flat=True), reverse=True)
    assert len(shown) == 3
    assert response.context["page"].paginator.count == 3
    assert "Clients matching “maya”, newest file first" in response.content.decode()


def test_the_list_without_a_search_is_a_to_z(client, supervisor, named):
    client.force_login(supervisor)
    response = client.get(reverse("client_list"), {"q": "  "})
    shown = [c.pk for c in response.context["page"].object_list]
    # The database's own A to Z (its collation), not the order the files were opened.
    assert shown == list(Client.objects.order_by("pseudonym", "pk").values_list("pk", flat=True))
    assert shown != sorted(shown, reverse=True)
