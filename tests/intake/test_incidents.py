"""Incidents (issue 21, point 1): when, where, who, which victimization types, the police
and the criminal case; offenders saved with their incident, all or nothing; the
client's types follow; legal advocacy names the incident it concerns; the client page
lists them in a fixed number of queries; a purge leaves none of their text."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advocacy.models import LegalAdvocacy
from crisis_center.reports import Period
from intake import services
from intake.models import (
    Classification,
    ClientClassification,
    Incident,
    IncidentOffender,
    IncidentType,
)
from intake.reports import quarterly_report
from tests.factories import ClientFactory, ContactFactory
from tests.html_forms import only_post_form
from tests.intake.test_purge import _purge, _tables_containing
from tests.report_data import at


def _type(code: str) -> Classification:
    return Classification.objects.get(kind="victimization", code=code)


def _post(client, url: str, **changes):
    """The form as the page shows it, with `changes`, posted as a browser would."""
    data = only_post_form(client.get(url)).data() | changes
    return client.post(url, {k: v for k, v in data.items() if v is not None})


def _create(client, person, **changes):
    return _post(client, reverse("incident_create", args=[person.pk]), **changes)


def _incident(person, author, **fields) -> Incident:
    return services.incident_save(
        incident=Incident(client=person, **fields), offenders=[], removed=[], types=[], by=author
    )


def _counts() -> tuple[int, ...]:
    return (
        Incident.objects.count(),
        IncidentOffender.objects.count(),
        IncidentType.objects.count(),
        ClientClassification.objects.count(),
        Incident.history.count(),
        IncidentOffender.history.count(),
    )


def test_an_incident_with_two_offenders_is_saved_as_typed(client, advocate, own_client):
    client.force_login(advocate)
    response = _create(
        client,
        own_client,
        year="2024",
        month="3",
        place="hotel",
        **{
            "offenders-0-relationship": "trafficker",
            "offenders-0-gender": "male",
            "offenders-0-age": "25_34",
            "offenders-1-relationship": "buyer",
        },
        victimization_types=[str(_type("trafficking_sex").pk)],
        reported="yes",
        reported_on="2024-04-02",
        charges="Trafficking in persons",
        notes="  She wants to be told of court dates.\n",
    )
    assert response.status_code == 302
    incident = Incident.objects.get(client=own_client)
    assert (incident.year, incident.month, incident.day, incident.when) == (
        2024,
        3,
        None,
        "March 2024",
    )
    assert (incident.place, incident.reported, str(incident.reported_on)) == (
        "hotel",
        "yes",
        "2024-04-02",
    )
    assert incident.notes == "  She wants to be told of court dates.\n"
    assert list(incident.offenders.values_list("relationship", "gender", "age")) == [
        ("trafficker", "male", "25_34"),
        ("buyer", "not_known", "not_known"),
    ]
    assert [t.code for t in incident.victimization_types.all()] == ["trafficking_sex"]
    assert incident.created_by == advocate
    assert [r.history_user for r in IncidentOffender.history.all()] == [advocate, advocate]
    page = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "March 2024" in page and "trafficker or pimp, buyer" in page


def test_blank_offender_rows_are_ignored(client, advocate, own_client):
    client.force_login(advocate)
    response = _create(client, own_client, **{"offenders-1-relationship": "family"})
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert list(incident.offenders.values_list("relationship", flat=True)) == ["family"]
    assert incident.when == "date not known"


def test_an_offender_row_without_a_relationship_saves_nothing(client, advocate, own_client):
    client.force_login(advocate)
    before = _counts()
    response = _create(
        client,
        own_client,
        **{"offenders-0-relationship": "stranger", "offenders-2-gender": "female"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was saved" in body and "Check the offenders" in body
    assert "Choose how this person is related to the client" in body
    assert _counts() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": "2023", "month": "2", "day": "30"}, "February 2023 has no day 30."),
        ({"month": "5"}, "a month needs its year"),
        ({"year": "2024", "day": "5"}, "a day needs its month"),
        ({"year": str(timezone.localdate().year + 1)}, "be in the future"),
        ({"year": "1850"}, "Enter a year after 1900."),
        ({"reported": "no", "reported_on": "2024-01-02"}, "answer “Yes” to “Reported to the"),
        (
            {"year": "2024", "month": "6", "reported": "yes", "reported_on": "2024-05-31"},
            "be before the incident",
        ),
        ({"sentence": "Two years"}, "A sentence follows a conviction"),
    ],
)
def test_an_impossible_date_is_refused_with_a_message_and_nothing_saved(
    client, advocate, own_client, changes, message
):
    client.force_login(advocate)
    before = _counts()
    response = _create(
        client,
        own_client,
        **changes,
        **{"offenders-0-relationship": "stranger"},
        victimization_types=[str(_type("adult_sexual_assault").pk)],
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _counts() == before


def test_a_later_month_of_this_year_is_refused(advocate, own_client, monkeypatch):
    monkeypatch.setattr("intake.models.timezone.localdate", lambda: date(2026, 6, 15))
    _incident(own_client, advocate, year=2026, month=6)
    with pytest.raises(ValidationError, match="future"):
        _incident(own_client, advocate, year=2026, month=7)


def test_an_incident_and_its_offenders_are_saved_all_or_nothing(advocate, own_client):
    with pytest.raises(ValidationError):
        services.incident_save(
            incident=Incident(client=own_client, place="street"),
            offenders=[IncidentOffender(relationship="buyer"), IncidentOffender(relationship="x")],
            removed=[],
            types=[_type("robbery")],
            by=advocate,
        )
    assert _counts()[:4] == (0, 0, 0, 0)


def test_the_case_is_edited_later_and_its_history_shows_each_change(
    client, advocate, supervisor, own_client
):
    client.force_login(advocate)
    _create(
        client,
        own_client,
        reported="yes",
        **{"offenders-0-relationship": "stranger", "offenders-1-relationship": "acquaintance"},
    )
    incident = Incident.objects.get()
    stranger = incident.offenders.get(relationship="stranger")
    edit = reverse("incident_edit", args=[incident.pk])
    assert _post(client, edit, arrest="yes", charges="Sexual assault", charge_outcome="pending")
    client.force_login(supervisor)
    form = only_post_form(client.get(edit)).data()
    index = next(
        k.split("-")[1] for k, v in form.items() if k.endswith("-id") and v == str(stranger.pk)
    )
    response = _post(
        client,
        edit,
        charge_outcome="convicted",
        sentence="Eight years",
        **{f"offenders-{index}-DELETE": "on"},
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.arrest, incident.charge_outcome, incident.sentence) == (
        "yes",
        "convicted",
        "Eight years",
    )
    assert list(incident.offenders.values_list("relationship", flat=True)) == ["acquaintance"]
    page = client.get(reverse("incident_detail", args=[incident.pk])).content.decode()
    assert "Pending → Convicted" in page
    assert "Not applicable → Pending" in page
    assert "Offender taken off: stranger" in page
    assert [r.history_user for r in incident.history.order_by("history_date")] == [
        advocate,
        advocate,
        supervisor,
    ]


def test_legal_advocacy_offers_only_this_clients_incidents(
    client, advocate, own_client, other_client
):
    own = _incident(own_client, advocate, place="vehicle")
    other = _incident(other_client, other_client.created_by, place="online")
    client.force_login(advocate)
    url = reverse("legal_create", args=[own_client.pk])
    choices = only_post_form(client.get(url))
    (incident,) = [c for c in choices.controls if c.name == "incident"]
    assert incident.options == ["", str(own.pk)]

    response = _post(client, url, incident=str(other.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["incident"] == ["Choose one of this client's incidents."]
    assert not LegalAdvocacy.objects.exists()

    assert _post(client, url, incident=str(own.pk)).status_code == 302
    assert LegalAdvocacy.objects.get().incident == own


def test_legal_advocacy_refuses_another_clients_incident_in_the_model(advocate, own_client):
    other = _incident(ClientFactory(created_by=advocate), advocate)
    with pytest.raises(ValidationError, match="this client's incidents"):
        LegalAdvocacy(client=own_client, created_by=advocate, incident=other).full_clean()


def test_an_incidents_types_count_the_client_in_the_funder_report(client, advocate, own_client):
    ContactFactory(
        advocate=advocate,
        client=own_client,
        started_at=at(2026, 2, 10),
        services=["crisis_intervention"],
    )

    def trafficking() -> int:
        victimization = next(
            b for b in quarterly_report(Period(2026, 2)).blocks if b.key == "victimization"
        )
        return dict(victimization.rows)["Human Trafficking: Sex"]

    assert trafficking() == 0
    client.force_login(advocate)
    sex = str(_type("trafficking_sex").pk)
    assert _create(client, own_client, victimization_types=[sex]).status_code == 302
    assert trafficking() == 1
    assert list(own_client.classifications.values_list("code", flat=True)) == ["trafficking_sex"]
    # Taken off the incident, it stays on the client (the form says so).
    incident = Incident.objects.get()
    edit = reverse("incident_edit", args=[incident.pk])
    assert "leaves it on the client" in client.get(edit).content.decode()
    assert _post(client, edit, victimization_types=None).status_code == 302
    assert not incident.victimization_types.exists()
    assert trafficking() == 1


def test_a_purge_leaves_no_incident_or_offender_text(client, advocate, supervisor, own_client):
    token = "Quillanthe"
    client.force_login(advocate)
    _create(
        client,
        own_client,
        when_described=f"{token} summer",
        charges=f"{token} charges",
        notes=f"{token} notes",
        **{"offenders-0-relationship": "employer", "offenders-1-relationship": "buyer"},
        victimization_types=[str(_type("trafficking_labor").pk)],
    )
    incident = Incident.objects.get()
    _post(
        client,
        reverse("incident_edit", args=[incident.pk]),
        charge_outcome="convicted",
        sentence=f"{token} sentence",
    )
    assert len(_tables_containing(token)) >= 4  # the incident and its history
    assert _purge(client, supervisor, own_client).status_code == 302
    assert _tables_containing(token) == []
    for model in (Incident, IncidentOffender, IncidentType):
        assert not model.history.exists(), model
    # The coded facts stay, for the reports.
    assert list(incident.offenders.values_list("relationship", flat=True)) == [
        "employer",
        "buyer",
    ]


def _incidents(person, author, n: int) -> None:
    types = [_type("trafficking_sex"), _type("adult_sexual_assault")]
    for i in range(n):
        services.incident_save(
            incident=Incident(client=person, year=2000 + i % 25, place="street"),
            offenders=[
                IncidentOffender(relationship="trafficker"),
                IncidentOffender(relationship="buyer", age="25_34"),
            ],
            removed=[],
            types=types,
            by=author,
        )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_client_page_lists_incidents_in_a_fixed_number_of_queries(
    client, advocate, own_client, django_assert_max_num_queries
):
    other = ClientFactory(created_by=advocate)
    _incidents(other, advocate, 1)
    _incidents(own_client, advocate, 50)
    client.force_login(advocate)
    one = _queries(client, reverse("client_detail", args=[other.pk]))
    with django_assert_max_num_queries(one):
        response = client.get(reverse("client_detail", args=[own_client.pk]))
    (panel,) = [p for p in response.context["panels"] if p.template.endswith("incidents.html")]
    assert (len(panel.context["incidents"]), panel.context["more"]) == (5, True)
    assert reverse("incident_list", args=[own_client.pk]) in response.content.decode()

    listing = reverse("incident_list", args=[own_client.pk])
    one = _queries(client, reverse("incident_list", args=[other.pk]))
    with django_assert_max_num_queries(one + 1):  # + the count of a list with pages
        first = client.get(listing)
    assert len(first.context["page"].object_list) == 25
    assert len(client.get(listing, {"page": 2}).context["page"].object_list) == 25
    shown = first.context["page"].object_list
    assert [i.year for i in shown[:2]] == [2024, 2024]  # the latest first


def test_the_client_page_says_when_there_are_none(client, advocate, own_client):
    client.force_login(advocate)
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "No incident recorded." in body
    assert reverse("incident_create", args=[own_client.pk]) in body
