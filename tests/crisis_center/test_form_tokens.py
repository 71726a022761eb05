"""A create form saves at most one record: Back then Save, a double click or a second
"Send" of the same form page makes no second record (crisis_center/form_tokens.py)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from crisis_center.form_tokens import FIELD
from crisis_center.models import FormToken
from intake import services
from intake.models import Client, CrisisContact
from tests.intake.test_client_pages import DEFAULTS
from tests.test_hostile_input import WRITTEN, _baseline, _forms, world  # noqa: F401

NOW = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
NOTE = "Caller safe tonight at a friend's."


def _contact_form(client) -> dict:
    """The contact form as a browser sends it: with the token of the page it drew."""
    form = client.get(reverse("contact_create")).context["form"]
    return {"started_at": NOW, "note": NOTE, FIELD: form[FIELD].value()}


def test_back_then_save_makes_no_second_contact(client, advocate):
    client.force_login(advocate)
    data = _contact_form(client)
    first = client.post(reverse("contact_create"), data)
    contact = CrisisContact.objects.get()
    assert first.url == reverse("contact_detail", args=[contact.pk])

    second = client.post(reverse("contact_create"), data)  # Back, then Save again

    assert CrisisContact.objects.count() == 1
    assert second.status_code == 200
    body = second.content.decode()
    assert "This form was already saved" in body
    assert f'href="{reverse("contact_detail", args=[contact.pk])}"' in body
    assert "Contact saved." not in body  # the view's message is about the first post


def test_the_already_saved_page_offers_what_was_sent_as_a_new_record(client, advocate):
    client.force_login(advocate)
    data = _contact_form(client)
    client.post(reverse("contact_create"), data)
    page = client.post(reverse("contact_create"), data | {"note": "A different caller"})
    fresh = page.content.decode().split(f'name="{FIELD}" value="')[1].split('"')[0]
    assert fresh != data[FIELD]

    client.post(reverse("contact_create"), data | {"note": "A different caller", FIELD: fresh})

    assert sorted(CrisisContact.objects.values_list("note", flat=True)) == [
        "A different caller",
        NOTE,
    ]


def test_each_drawing_of_a_create_form_has_a_new_token(client, advocate):
    client.force_login(advocate)
    first = client.get(reverse("contact_create"))
    second = client.get(reverse("contact_create"))
    tokens = [r.context["form"][FIELD].value() for r in (first, second)]
    assert tokens[0] != tokens[1] and all(len(t) == 43 for t in tokens)
    # Set by a script, so that after Back the browser puts the first token back.
    body = first.content.decode()
    assert f'<input type="text" name="{FIELD}" hidden id="id_{FIELD}"' in body
    assert f'data-form-token="{tokens[0]}"' in body
    assert 'src="/static/js/form-token.js"' in body


def test_an_edit_form_has_no_token(client, advocate):
    client.force_login(advocate)
    contact = services.contact_save(contact=CrisisContact(started_at=timezone.now()), by=advocate)
    form = client.get(reverse("contact_edit", args=[contact.pk])).context["form"]
    assert FIELD not in form.fields


def test_a_post_without_a_token_is_saved_as_before(client, advocate):
    """A page drawn before tokens existed, or kept across a sign-in, loses nothing."""
    client.force_login(advocate)
    data = {"started_at": NOW, "note": NOTE}
    assert client.post(reverse("contact_create"), data).status_code == 302
    assert client.post(reverse("contact_create"), data).status_code == 302
    assert CrisisContact.objects.count() == 2


@pytest.mark.parametrize("token", ["x" * 5000, "short", "\x00" * 43, "<b>" + "a" * 40])
def test_a_mangled_token_counts_as_none_never_as_an_error(client, advocate, token):
    client.force_login(advocate)
    response = client.post(reverse("contact_create"), {"started_at": NOW, FIELD: token})
    assert response.status_code == 302
    assert CrisisContact.objects.count() == 1
    assert not FormToken.objects.exists()


def test_a_form_refused_by_the_model_can_be_corrected_and_sent_with_its_token(
    client, advocate, monkeypatch
):
    """A save that fails gives its token back: the corrected form is saved."""
    from django.core.exceptions import ValidationError

    client.force_login(advocate)
    data = _contact_form(client)
    save = services.contact_save

    def refuse(**kwargs):
        raise ValidationError("Refused by a rule the form does not show.")

    monkeypatch.setattr(services, "contact_save", refuse)
    response = client.post(reverse("contact_create"), data)
    assert "Refused by a rule the form does not show." in response.content.decode()
    assert not FormToken.objects.exists()

    monkeypatch.setattr(services, "contact_save", save)
    assert client.post(reverse("contact_create"), data).status_code == 302
    assert CrisisContact.objects.count() == 1


def test_already_saved_links_only_to_a_record_still_visible(client, advocate, supervisor):
    client.force_login(advocate)
    form = client.get(reverse("client_create")).context["form"]
    data = DEFAULTS | {"pseudonym": "Rae-Unseen", FIELD: form[FIELD].value()}
    client.post(reverse("client_create"), data)
    new = Client.objects.get()
    services.care_team_end(member=new.care_team.get(), by=supervisor)

    response = client.post(reverse("client_create"), data)

    body = response.content.decode()
    assert "This form was already saved" in body
    assert reverse("client_detail", args=[new.pk]) not in body
    assert "Rae-Unseen" not in body  # not even what was sent comes back
    assert Client.objects.count() == 1


def test_a_token_taken_by_another_kind_of_record_saves_nothing(client, advocate, own_client):
    client.force_login(advocate)
    data = _contact_form(client)
    client.post(reverse("contact_create"), data)
    url = reverse("screening_create", args=[own_client.pk])
    screening = _baseline(client.get(url).context["form"]) | {FIELD: data[FIELD]}
    response = client.post(url, screening)
    assert response.status_code == 200
    assert "This form was already saved" in response.content.decode()
    assert not own_client.screenings.exists()


def _counts() -> dict:
    return {m.__name__: m._base_manager.count() for m in WRITTEN}


def test_every_create_form_of_every_app_saves_once(client, world):  # noqa: F811
    """Walks the forms the hostile-input test knows: each page that creates a record
    draws a token, and its form sent twice makes one record."""
    sent_twice = []
    for username, url, _names in _forms(world):
        name = resolve(url.split("?")[0]).url_name
        if username is None or not name.endswith("_create"):
            continue
        client.force_login(world["staff"][username])
        page = client.get(url)
        if page.status_code == 405:  # added from its parent's page
            continue
        form = page.context["form"]
        assert FIELD in form.fields, url
        data = _baseline(form)
        before = _counts()
        if client.post(url, data).status_code != 302:
            continue  # the baseline is not a valid record for this form
        saved = _counts()
        again = client.post(url, data)
        assert again.status_code == 200, url
        # The page that says so, or the form, when the record made the first time now
        # conflicts with it (one membership per agency).
        assert "This form was already saved" in again.content.decode(), url
        assert _counts() == saved != before, url
        sent_twice.append(name)
    assert len(sent_twice) >= 15, sent_twice


def test_forms_added_from_a_parent_page_save_once(client, coordinator, world):  # noqa: F811
    meeting = world["collab"]["meeting"]
    client.force_login(coordinator)
    form = client.get(reverse("meeting_detail", args=[meeting.pk])).context["agenda_form"]
    data = {"agenda-topic": "cross_training", "agenda-form_token": form[FIELD].value()}
    url = reverse("agenda_item_create", args=[meeting.pk])
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert "This form was already saved" in again.content.decode()
    assert meeting.agenda_items.filter(topic="cross_training").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_posts_of_one_form_at_once_make_one_record(advocate, monkeypatch):
    """A double click: the second post arrives while the first is still saving. It
    waits on the token (a lock on SQLite, the unique index on PostgreSQL) and then
    finds it taken."""
    first = Browser()
    first.force_login(advocate)
    data = _contact_form(first)
    saving, save = threading.Event(), services.contact_save

    def slow_save(**kwargs):
        saving.set()
        threading.Event().wait(0.5)  # the second post arrives meanwhile
        return save(**kwargs)

    monkeypatch.setattr(services, "contact_save", slow_save)
    answers = {}

    def post(name: str, browser: Browser) -> None:
        try:
            answers[name] = browser.post(reverse("contact_create"), data).status_code
        finally:
            connection.close()

    second = Browser()
    second.force_login(advocate)
    one = threading.Thread(target=post, args=("first", first))
    one.start()
    assert saving.wait(5)
    two = threading.Thread(target=post, args=("second", second))
    two.start()
    one.join(10)
    two.join(10)

    assert answers == {"first": 302, "second": 200}
    assert CrisisContact.objects.count() == 1


def test_a_create_save_costs_two_queries_more_with_a_token(client, advocate):
    client.force_login(advocate)
    data = _contact_form(client)
    with CaptureQueriesContext(connection) as plain:
        client.post(reverse("contact_create"), data | {FIELD: ""})
    with CaptureQueriesContext(connection) as once:
        client.post(reverse("contact_create"), data)
    # The token taken (INSERT ... ON CONFLICT DO NOTHING) and named (UPDATE).
    assert len(once) == len(plain) + 2
    with CaptureQueriesContext(connection) as again:
        client.post(reverse("contact_create"), data)
    assert len(again) <= len(plain) + 1  # taken already; one lookup, no save


def test_tokens_older_than_a_week_are_deleted_at_sign_in(client, advocate):
    client.force_login(advocate)
    client.post(reverse("contact_create"), _contact_form(client))
    client.post(reverse("contact_create"), _contact_form(client))
    FormToken.objects.filter(pk=FormToken.objects.first().pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    client.logout()
    client.post(reverse("login"), {"username": "advocate", "password": "correct-horse-battery"})
    assert FormToken.objects.count() == 1
