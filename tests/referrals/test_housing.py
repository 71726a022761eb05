"""Housing and shelter stays (issue 21, seeds 001 and 003: a safe place is the first
need): each placement, its directory agency, dates in and out and how it ended; the
current one first on the client page, bounded; D codes in the funder report."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from crisis_center.records.services import record_save
from intake.models import Dependent, ServiceDelivery
from referrals.models import Agency, HousingPlacement
from referrals.panels import PLACEMENTS_SHOWN
from tests.factories import ClientFactory
from tests.html_forms import only_post_form
from tests.intake.test_client_pages import _queries
from tests.intake.test_purge import _purge, _tables_containing

TODAY = timezone.localdate


@pytest.fixture
def shelter(db):
    return Agency.objects.create(name="Safe Harbor Shelter", kind="dv_program")


def _post(client, url: str, values: dict):
    return client.post(url, only_post_form(client.get(url)).data() | values)


def _create(client, person, values: dict):
    return _post(client, reverse("housing_create", args=[person.pk]), values)


def _ledger(placement: HousingPlacement):
    kind = ContentType.objects.get_for_model(HousingPlacement)
    return ServiceDelivery.objects.filter(source_type=kind, source_id=placement.pk)


def _placement(person, author, days_in: int, **fields) -> HousingPlacement:
    placement = HousingPlacement(client=person, date_in=TODAY() - timedelta(days=days_in), **fields)
    return record_save(record=placement, by=author)


def test_a_placement_is_saved_as_typed(client, advocate, own_client, shelter):
    client.force_login(advocate)
    notes = "  Single room, no curfew.\r\nAsked for a women-only floor.  "
    day_in, day_out = TODAY() - timedelta(days=30), TODAY() - timedelta(days=2)
    values = {
        "kind": "transitional",
        "agency": str(shelter.pk),
        "date_in": day_in.isoformat(),
        "date_out": day_out.isoformat(),
        "ended": "asked_to_leave",
        "notes": notes,
    }
    response = _create(client, own_client, values)
    assert response.status_code == 302, response.context["form"].errors
    saved = HousingPlacement.objects.get(client=own_client)
    assert (saved.kind, saved.agency, saved.date_in, saved.date_out, saved.ended) == (
        "transitional",
        shelter,
        day_in,
        day_out,
        "asked_to_leave",
    )
    assert saved.notes == notes and saved.created_by == advocate
    assert not saved.is_current


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"date_in": "-3", "date_out": "-5", "ended": "left"}, "date_out", "can't be before"),
        ({"date_in": "-3", "date_out": "+1", "ended": "left"}, "date_out", "in the future"),
        ({"date_in": "-3", "date_out": "-1", "ended": "still_there"}, "ended", "how the stay"),
        ({"date_in": "-3", "date_out": "-1", "ended": ""}, "ended", "required"),
    ],
)
def test_a_refused_placement_saves_nothing_and_says_why(
    client, advocate, own_client, values, field, message
):
    def day(offset: str) -> str:
        return (TODAY() + timedelta(days=int(offset))).isoformat()

    client.force_login(advocate)
    posted = values | {"date_in": day(values["date_in"]), "date_out": day(values["date_out"])}
    response = _create(client, own_client, posted)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Nothing was saved." in response.content.decode()
    assert not HousingPlacement.objects.exists()
    assert not ServiceDelivery.objects.exists()


def test_the_directory_agency_is_shown_on_the_client_page(client, advocate, own_client, shelter):
    _placement(own_client, advocate, 3, agency=shelter)
    client.force_login(advocate)
    page = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "Housing</h2>" in page
    assert "Emergency shelter</a> at Safe Harbor Shelter" in page


def test_an_agency_no_longer_in_the_directory_is_kept_and_labelled(
    client, advocate, own_client, shelter
):
    placement = _placement(own_client, advocate, 3, agency=shelter)
    Agency.objects.filter(pk=shelter.pk).update(active=False)
    client.force_login(advocate)
    create = client.get(reverse("housing_create", args=[own_client.pk]))
    assert shelter.pk not in [a.pk for a in create.context["form"].fields["agency"].queryset]

    edit = reverse("housing_edit", args=[placement.pk])
    labels = dict(client.get(edit).context["form"].fields["agency"].choices)
    assert "Safe Harbor Shelter (no longer offered)" in [str(v) for v in labels.values()]
    assert _post(client, edit, {"notes": "Moved rooms"}).status_code == 302
    placement.refresh_from_db()
    assert (placement.agency, placement.notes) == (shelter, "Moved rooms")


def test_the_current_placement_comes_first_then_the_latest(client, advocate, own_client):
    # The current stay began before six that ended: it still heads the section.
    current = _placement(own_client, advocate, 90, kind="long_term")
    for n in range(PLACEMENTS_SHOWN + 1):
        _placement(own_client, advocate, 80 - n, date_out=TODAY(), ended="longer_term")
    client.force_login(advocate)
    response = client.get(reverse("client_detail", args=[own_client.pk]))
    (panel,) = [p.context for p in response.context["panels"] if "housing" in p.template]
    shown = panel["placements"]
    assert len(shown) == PLACEMENTS_SHOWN and panel["more"]
    assert shown[0] == current and shown[1].date_in == TODAY() - timedelta(days=75)
    assert "Current</span>" in response.content.decode()
    listing = reverse("housing_list", args=[own_client.pk])
    assert f'href="{listing}"' in response.content.decode()
    everything = client.get(listing).context["page"].object_list
    assert everything[0] == current and len(everything) == PLACEMENTS_SHOWN + 2


@pytest.mark.parametrize(
    ("kind", "codes"),
    [
        ("emergency_shelter", ["D1"]),
        ("hotel_voucher", ["D1"]),
        ("transitional", ["D2"]),
        ("long_term", ["D3"]),
        ("family_friends", []),  # no service of the center unless staff tick one
    ],
)
def test_a_placement_counts_in_the_funder_report_on_its_day_in(advocate, own_client, kind, codes):
    placement = _placement(own_client, advocate, 10, kind=kind)
    rows = _ledger(placement).filter(client=own_client)
    assert sorted(rows.values_list("code", flat=True)) == codes
    assert {r.on for r in rows} <= {TODAY() - timedelta(days=10)}


def test_the_client_page_stays_bounded_with_20_dependents_and_100_placements(
    client, supervisor, advocate, django_assert_max_num_queries
):
    # As tests/intake/test_client_pages.py counts the client page (30, with the two
    # sections: the first dependents, the first placements with their agencies), and
    # a timeline with entries: the page of them, and a load of each kind on it
    # (dependents, placements).
    ceiling = 36  # +2: the client's open follow-ups and coming court dates (what is due)
    person = ClientFactory(created_by=advocate)
    shelter = Agency.objects.create(name="Harbor House")

    def add(dependents: int, placements: int, days_ago: int) -> None:
        logged = {"created_by": advocate, "created_at": timezone.now() - timedelta(days=days_ago)}
        Dependent.objects.bulk_create(
            Dependent(client=person, age=n, **logged) for n in range(dependents)
        )
        HousingPlacement.objects.bulk_create(
            HousingPlacement(
                client=person,
                agency=shelter if n % 2 else None,
                date_in=TODAY() - timedelta(days=n + 1),
                date_out=TODAY() - timedelta(days=n),
                ended="left",
                **logged,
            )
            for n in range(placements)
        )

    add(1, 2, days_ago=0)  # the timeline's first page shows both kinds, now and then
    client.force_login(supervisor)
    url = reverse("client_detail", args=[person.pk])
    small = _queries(client, django_assert_max_num_queries, url, ceiling)
    add(19, 98, days_ago=30)
    assert _queries(client, django_assert_max_num_queries, url, ceiling) == small


def test_the_full_list_runs_a_fixed_number_of_queries(
    client, supervisor, advocate, django_assert_max_num_queries
):
    # session, user, BEGIN, client, access-log insert, the bounded count, the page
    # with its agencies, COMMIT, then BEGIN, session save, COMMIT
    person = ClientFactory(created_by=advocate)
    shelter = Agency.objects.create(name="Harbor House")

    def add(placements: int) -> None:
        HousingPlacement.objects.bulk_create(
            HousingPlacement(client=person, created_by=advocate, agency=shelter)
            for _ in range(placements)
        )

    add(3)
    client.force_login(supervisor)
    url = reverse("housing_list", args=[person.pk])
    small = _queries(client, django_assert_max_num_queries, url, 12)
    add(97)
    assert _queries(client, django_assert_max_num_queries, f"{url}?page=3", 12) == small


def test_a_purge_leaves_no_placement_text(client, advocate, supervisor, shelter):
    person = ClientFactory(pseudonym="Ottoline-Housed", created_by=advocate)
    client.force_login(advocate)
    _create(client, person, {"agency": str(shelter.pk), "notes": "Brevanthe room 12"})
    placement = HousingPlacement.objects.get(client=person)
    edit = reverse("housing_edit", args=[placement.pk])
    assert _post(client, edit, {"notes": "Brevanthe room 14"}).status_code == 302
    assert placement.history.count() == 2 and _tables_containing("Brevanthe")

    assert _purge(client, supervisor, person).status_code == 302
    assert _tables_containing("Brevanthe") == []
    kept = HousingPlacement.objects.get(pk=placement.pk)  # the coded facts stay
    assert (kept.kind, kept.agency, kept.date_in) == ("emergency_shelter", shelter, TODAY())
    assert list(_ledger(placement).values_list("code", flat=True)) == ["D1"]
