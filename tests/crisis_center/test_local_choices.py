"""The center's own entries in the lists it extends (issue 23; crisis_center/local_choices.py):
needs raised, outreach places and reasons for closing a file. Offered after the built-in
entries, stored as stable codes, shown with their labels; a retired entry stays on the
records that hold it; a forged code is refused; the built-in entries are not the
center's to change."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collaboration.choices import OutreachLocation
from collaboration.models import OutreachLog
from crisis_center import local_choices
from crisis_center.local_choices import ListName, LocalChoice
from intake.choices import ClosureReason, Need
from intake.models import Client, CrisisContact, FileClosure, SafetyPlan
from tests.factories import ContactFactory
from tests.html_forms import only_post_form

pytestmark = pytest.mark.django_db

NOW = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
LISTS = reverse("choice_lists")


def _add(client, list_name: str, label: str):
    return client.post(LISTS, {"list_name": list_name, f"{list_name}-label": label})


@pytest.fixture
def diapers(client, supervisor) -> LocalChoice:
    """A need the center added: "Diapers and formula"."""
    client.force_login(supervisor)
    assert _add(client, "needs", "  Diapers and formula ").status_code == 302
    return LocalChoice.objects.get()


def _offered(response, name: str) -> list[str]:
    form = response.context["form"]
    return [code for code, _ in form.fields[name].choices]


# Who keeps the lists ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("advocate", 404),
        ("trainee", 404),
        ("coordinator", 404),
        ("supervisor", 200),
        ("admin", 200),
    ],
)
def test_supervisors_and_administrators_keep_the_lists(client, staff, username, status):
    client.force_login(staff[username])
    assert client.get(LISTS).status_code == status
    assert _add(client, "needs", "Diapers").status_code == (302 if status == 200 else 404)
    assert LocalChoice.objects.exists() == (status == 200)


def test_the_lists_page_is_linked_from_the_center_settings(client, administrator):
    client.force_login(administrator)
    assert LISTS in client.get(reverse("center_settings")).content.decode()


# Adding, renaming, retiring ---------------------------------------------------------


def test_an_entry_is_saved_as_typed_with_a_stable_code_and_its_history(diapers, supervisor):
    assert diapers.label == "Diapers and formula"
    assert diapers.code == f"local-{diapers.pk}" and diapers.active
    assert diapers.history.get().history_user == supervisor


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("   ", "Write the entry&#x27;s label."),
        ("DIAPERS AND FORMULA", "The list already has this entry."),
        ("shelter", "The list already has this entry (built in)."),
    ],
)
def test_an_empty_or_duplicate_label_is_refused_with_a_message(client, diapers, label, message):
    response = _add(client, "needs", label)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert LocalChoice.objects.count() == 1


def test_the_same_label_may_be_in_another_list(client, diapers):
    assert _add(client, "outreach_places", "Diapers and formula").status_code == 302
    assert LocalChoice.objects.count() == 2


def test_a_retired_duplicate_says_to_restore_it(client, diapers):
    client.post(reverse("choice_retire", args=[diapers.pk]))
    response = _add(client, "needs", "diapers and formula")
    assert "retired: restore it instead" in response.content.decode()


def test_an_unknown_list_saves_nothing(client, supervisor):
    client.force_login(supervisor)
    assert _add(client, "shoe_sizes", "Eleven").status_code == 302
    assert client.post(LISTS, {"needs-label": "x"}).status_code == 302
    assert not LocalChoice.objects.exists()


def test_a_rename_relabels_every_record_that_holds_it(client, diapers, advocate):
    contact = ContactFactory(advocate=advocate, needs=[diapers.code])
    url = reverse("choice_edit", args=[diapers.pk])
    assert client.post(url, {"label": "Baby supplies"}).status_code == 302
    assert CrisisContact.objects.get(pk=contact.pk).needs == [diapers.code]
    assert CrisisContact.objects.get(pk=contact.pk).get_needs_display() == ["Baby supplies"]


def test_a_refused_rename_keeps_the_name_in_the_title(client, diapers):
    _add(client, "needs", "Bus fare")
    response = client.post(reverse("choice_edit", args=[diapers.pk]), {"label": "bus FARE"})
    page = response.content.decode()
    assert "Rename Diapers and formula" in page and "The list already has this entry." in page


def test_the_built_in_entries_are_shown_and_cannot_be_changed(client, diapers):
    page = client.get(LISTS).content.decode()
    assert "Shelter" in page and "Built in" in page
    # Built-in entries are no rows: no page edits, retires or restores them.
    assert page.count('href="/settings/lists/') == 1  # the one local entry's rename
    assert client.get(reverse("choice_edit", args=[10**9])).status_code == 404
    with pytest.raises(ValueError, match="local-"):
        local_choices.register(ListName.NEEDS, _ForgedBuiltIn)


class _ForgedBuiltIn:
    values = ["local-1"]


def test_no_built_in_code_looks_like_a_local_one():
    for choices in (Need, ClosureReason, OutreachLocation):
        assert not any(code.startswith(local_choices.PREFIX) for code in choices.values)
    assert set(local_choices.BUILT_IN) == set(ListName.values)


def test_retire_and_restore_are_post_only(client, diapers):
    assert client.get(reverse("choice_retire", args=[diapers.pk])).status_code == 405
    client.post(reverse("choice_retire", args=[diapers.pk]))
    assert not LocalChoice.objects.get().active
    client.post(reverse("choice_restore", args=[diapers.pk]))
    assert LocalChoice.objects.get().active
    assert LocalChoice.history.count() == 3


# Needs raised: the contact form and the safety plan --------------------------------


def test_a_local_need_is_offered_saved_and_shown_on_the_contact(client, diapers, advocate):
    client.force_login(advocate)
    offered = _offered(client.get(reverse("contact_create")), "needs")
    assert offered[: len(Need.values)] == Need.values and offered[-1] == diapers.code
    data = {"channel": "hotline_call", "started_at": NOW, "needs": ["food", diapers.code]}
    assert client.post(reverse("contact_create"), data).status_code == 302
    contact = CrisisContact.objects.get()
    assert contact.needs == ["food", diapers.code]
    page = client.get(reverse("contact_detail", args=[contact.pk])).content.decode()
    assert "Food, Diapers and formula" in page


def test_a_local_need_is_offered_and_saved_on_the_safety_plan(
    client, diapers, advocate, own_client
):
    client.force_login(advocate)
    url = reverse("safety_plan", args=[own_client.pk])
    response = client.get(url)
    assert diapers.code in _offered(response, "immediate_needs")
    data = only_post_form(response).data() | {"immediate_needs": [diapers.code]}
    assert client.post(url, data).status_code == 302
    assert SafetyPlan.objects.get().immediate_needs == [diapers.code]
    page = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "Diapers and formula" in page


def test_a_retired_need_is_not_offered_but_stays_on_old_records(client, diapers, advocate):
    contact = ContactFactory(advocate=advocate, needs=[diapers.code, "safety"])
    client.post(reverse("choice_retire", args=[diapers.pk]))
    client.force_login(advocate)
    assert diapers.code not in _offered(client.get(reverse("contact_create")), "needs")
    assert "Diapers and formula" in (
        client.get(reverse("contact_detail", args=[contact.pk])).content.decode()
    )
    # Its own form still shows it, marked, and saving unchanged keeps it.
    edit = client.get(reverse("contact_edit", args=[contact.pk]))
    assert "Diapers and formula (no longer offered)" in edit.content.decode()
    assert client.post(edit.request["PATH_INFO"], only_post_form(edit).data()).status_code == 302
    assert sorted(CrisisContact.objects.get().needs) == sorted([diapers.code, "safety"])
    # A new contact may not take it, even typed in by hand.
    data = {"channel": "hotline_call", "started_at": NOW, "needs": [diapers.code]}
    assert client.post(reverse("contact_create"), data).status_code == 200
    assert CrisisContact.objects.count() == 1


@pytest.mark.parametrize("code", ["local-999999", "Diapers and formula", "local-x"])
def test_a_forged_need_is_refused_and_nothing_saved(client, diapers, advocate, code):
    client.force_login(advocate)
    data = {"channel": "hotline_call", "started_at": NOW, "needs": [code]}
    response = client.post(reverse("contact_create"), data)
    assert response.status_code == 200 and not CrisisContact.objects.exists()
    with pytest.raises(ValidationError):
        CrisisContact(advocate=advocate, needs=[code]).full_clean()


def test_the_model_accepts_a_local_code_of_its_own_list_only(client, advocate):
    client.force_login(advocate)
    place = LocalChoice.objects.create(list_name=ListName.OUTREACH_PLACES, label="Laundromat")
    with pytest.raises(ValidationError):
        CrisisContact(advocate=advocate, needs=[place.code]).full_clean()


# Closure reasons ------------------------------------------------------------------


def _close(client, person, reason: str, **changes):
    url = reverse("client_close", args=[person.pk])
    data = only_post_form(client.get(url)).data() | {
        "reason": reason,
        "aftercare_contacts": "Hotline any hour",
        "aftercare_open": "Nothing",
    }
    return client.post(url, data | changes)


def test_a_local_closure_reason_needs_no_explanation_and_shows_its_label(
    client, supervisor, advocate, own_client
):
    client.force_login(supervisor)
    _add(client, "closure_reasons", "Aged out of the youth program")
    moved = LocalChoice.objects.get()
    client.force_login(advocate)
    assert moved.code in _offered(
        client.get(reverse("client_close", args=[own_client.pk])), "reason"
    )
    assert _close(client, own_client, moved.code).status_code == 302
    assert FileClosure.objects.get().reason == moved.code
    page = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "Aged out of the youth program" in page
    assert "File closed: Aged out of the youth program" in page  # the timeline


def test_other_still_needs_an_explanation(client, advocate, own_client):
    client.force_login(advocate)
    response = _close(client, own_client, "other", reason_other="")
    assert "Say why the file is closed." in response.content.decode()
    assert Client.objects.get(pk=own_client.pk).status != "closed"


def test_a_forged_closure_reason_is_refused(client, advocate, own_client):
    client.force_login(advocate)
    assert _close(client, own_client, "local-424242").status_code == 200
    assert not FileClosure.objects.exists()


# Outreach places ------------------------------------------------------------------


def test_a_local_outreach_place_is_offered_saved_and_listed(client, supervisor):
    client.force_login(supervisor)
    _add(client, "outreach_places", "Laundromat")
    place = LocalChoice.objects.get()
    assert place.code in _offered(client.get(reverse("outreach_create")), "location_type")
    data = {"date": "2026-01-15", "location_type": place.code, "people_reached": "3"}
    data |= dict.fromkeys(("hotline_cards", "hygiene_kits", "snacks", "condoms"), "0")
    data["other_materials"] = "0"
    assert client.post(reverse("outreach_create"), data).status_code == 302
    assert OutreachLog.objects.get().location_type == place.code
    assert "Laundromat" in client.get(reverse("outreach_list")).content.decode()


# Queries and purge ----------------------------------------------------------------


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_read_the_local_entries_once_whatever_their_number(client, advocate):
    names = [f"Need {n}" for n in range(6)]
    first = LocalChoice.objects.create(list_name=ListName.NEEDS, label=names[0])
    contact = ContactFactory(advocate=advocate, needs=[first.code, "food"])
    client.force_login(advocate)
    pages = [reverse("contact_create"), reverse("contact_detail", args=[contact.pk])]
    few = [_count(client, url) for url in pages]
    for name in names[1:]:
        entry = LocalChoice.objects.create(list_name=ListName.NEEDS, label=name)
        contact.needs.append(entry.code)
    contact.save()
    assert [_count(client, url) for url in pages] == few
    page = client.get(pages[1]).content.decode()
    assert ", ".join(["Need 0", "Food", *names[1:]]) in page


def test_a_page_showing_built_in_codes_reads_no_local_entry(client, advocate):
    contact = ContactFactory(advocate=advocate, needs=["food"])
    client.force_login(advocate)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("contact_detail", args=[contact.pk]))
    assert not any("local_choice" in q["sql"] for q in queries.captured_queries)


def test_local_entries_hold_no_client_data():
    """Labels are the center's words, never a client's: a purge has nothing here."""
    for model in (LocalChoice, LocalChoice.history.model):
        assert not [f for f in model._meta.get_fields() if f.related_model is Client]
        assert {f.name for f in model._meta.concrete_fields} & {"client", "client_id"} == set()


def test_the_lists_page_runs_a_fixed_number_of_queries(
    client, supervisor, django_assert_max_num_queries
):
    client.force_login(supervisor)
    counts = []
    for how_many in (1, 30):
        for n in range(how_many):
            LocalChoice.objects.create(list_name=ListName.NEEDS, label=f"Need {how_many}-{n}")
        with django_assert_max_num_queries(LISTS_PAGE) as captured:
            assert client.get(reverse("choice_lists")).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


# session, user, center settings, the local entries (one read for every list), and the
# request's transaction and session bookkeeping.
LISTS_PAGE = 9
