"""Children and other dependents (issue 21, seed 004): no names needed, an age or a
range, who cares for them, safety concerns and needs; on the client page, bounded."""

import pytest
from django.urls import reverse

from crisis_center.records.services import record_save
from intake.dependents import SHOWN
from intake.models import Dependent
from tests.factories import ClientFactory
from tests.html_forms import only_post_form
from tests.intake.test_client_pages import _queries
from tests.intake.test_purge import _purge, _tables_containing


def _post(client, person, values: dict):
    url = reverse("dependent_create", args=[person.pk])
    return client.post(url, only_post_form(client.get(url)).data() | values)


def test_a_dependent_is_saved_as_typed(client, advocate, own_client):
    client.force_login(advocate)
    concerns = "  The father waits outside the school.\r\nShe knows the code word.  "
    response = _post(
        client,
        own_client,
        {
            "relationship": "grandchild",
            "name": "Dé",
            "age": "7",
            "in_care": "shared",
            "custody": "kinship",
            "needs": ["school", "legal"],
            "safety_concerns": concerns,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    saved = Dependent.objects.get(client=own_client)
    assert (saved.relationship, saved.name, saved.age, saved.age_range) == (
        "grandchild",
        "Dé",
        7,
        "",
    )
    assert (saved.in_care, saved.custody, saved.needs) == ("shared", "kinship", ["school", "legal"])
    assert saved.safety_concerns == concerns
    assert saved.created_by == advocate and saved.history.count() == 1
    page = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "Children and dependents" in page and "Grandchild Dé</a>, age 7" in page


def test_a_range_is_enough_when_the_age_is_not_known(client, advocate, own_client):
    client.force_login(advocate)
    response = _post(client, own_client, {"age": "", "age_range": "not_known"})
    assert response.status_code == 302
    assert Dependent.objects.get(client=own_client).age_text == "age not known"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"age": "", "age_range": ""}, "age", "Give the age in years or choose a range"),
        ({"age": "4", "age_range": "0_4"}, "age_range", "a range, not both"),
        ({"age": "31", "age_range": ""}, "age", "Give an age from 0 to 30, or choose a range."),
        ({"age": "-1", "age_range": ""}, "age", "greater than or equal to 0"),
        ({"name": "Maria Luisa Fernanda Gómez"}, "name", ""),  # over 20: no full names
    ],
)
def test_a_refused_dependent_saves_nothing_and_says_why(
    client, advocate, own_client, values, field, message
):
    client.force_login(advocate)
    response = _post(client, own_client, {"age": "3"} | values)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Nothing was saved." in response.content.decode()
    assert not Dependent.objects.exists()


def test_the_client_page_shows_the_first_few_and_links_to_all(client, advocate, own_client):
    for n in range(SHOWN + 1):
        record_save(record=Dependent(client=own_client, age=n), by=advocate)
    client.force_login(advocate)
    page = client.get(reverse("client_detail", args=[own_client.pk]))
    assert len(_panel(page, "intake/panels/dependents.html")["dependents"]) == SHOWN
    listing = reverse("dependent_list", args=[own_client.pk])
    assert f'href="{listing}"' in page.content.decode()
    everyone = client.get(listing).context["page"]
    assert [d.age for d in everyone.object_list] == list(range(SHOWN + 1))


def test_no_link_to_the_list_while_the_section_shows_them_all(client, advocate, own_client):
    record_save(record=Dependent(client=own_client, age=2), by=advocate)
    client.force_login(advocate)
    page = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert f'href="{reverse("dependent_list", args=[own_client.pk])}"' not in page


def _panel(response, template: str) -> dict:
    (panel,) = [p for p in response.context["panels"] if p.template == template]
    return panel.context


def test_the_full_list_runs_a_fixed_number_of_queries(
    client, supervisor, advocate, django_assert_max_num_queries
):
    # session, user, BEGIN, client, access-log insert, the bounded count, the page,
    # COMMIT, then BEGIN, session save, COMMIT
    person = ClientFactory(created_by=advocate)
    Dependent.objects.bulk_create(
        Dependent(client=person, created_by=advocate, age=n % 30) for n in range(3)
    )
    client.force_login(supervisor)
    url = reverse("dependent_list", args=[person.pk])
    small = _queries(client, django_assert_max_num_queries, url, 12)
    Dependent.objects.bulk_create(
        Dependent(client=person, created_by=advocate, age=n % 30) for n in range(60)
    )
    assert _queries(client, django_assert_max_num_queries, url, 12) == small
    assert _queries(client, django_assert_max_num_queries, f"{url}?page=3", 12) == small


def test_a_purge_leaves_no_dependent_text(client, advocate, supervisor):
    person = ClientFactory(pseudonym="Ottoline-Purged", created_by=advocate)
    client.force_login(advocate)
    concerns = "Zarvelle threatens her"
    _post(client, person, {"name": "Quillonë", "age": "3", "safety_concerns": concerns})
    dependent = Dependent.objects.get(client=person)
    edit = reverse("dependent_edit", args=[dependent.pk])
    data = only_post_form(client.get(edit)).data() | {"safety_concerns": "Zarvelle calls daily"}
    assert client.post(edit, data).status_code == 302
    assert dependent.history.count() == 2
    assert _tables_containing("Quillonë") and _tables_containing("Zarvelle")

    assert _purge(client, supervisor, person).status_code == 302
    assert _tables_containing("Quillonë") == []
    assert _tables_containing("Zarvelle") == []
    kept = Dependent.objects.get(pk=dependent.pk)  # the coded facts stay
    assert (kept.age, kept.relationship) == (3, "child")
