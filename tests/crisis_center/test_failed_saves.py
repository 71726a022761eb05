"""When things fail mid-save: the answer tells the truth, and nothing typed is lost.

A session write that fails after the save committed still answers with the saved
record; a database that drops during a save answers 503 with the form, filled in, to
send again; either is one log line, with nothing typed in it.
"""

import html
import json
import logging

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore
from django.db import DatabaseError, OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from crisis_center.logs import JsonFormatter
from intake import services
from intake.models import CrisisContact

NOW = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
NOTE = "Caller safe tonight at Odalys's flat."


def _sent(client) -> dict:
    """The contact form as the browser sends it, from the page it drew."""
    page = client.get(reverse("contact_create")).content.decode()
    token = page.split('data-form-token="')[1].split('"')[0]
    return {"started_at": NOW, "note": NOTE, "form_token": token}


def _warnings(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


# The session is written after the save has committed -------------------------------


@pytest.mark.parametrize(
    "failure",
    [
        OperationalError("server closed the connection unexpectedly"),
        UpdateError(),  # the session row went meanwhile: Django's SessionInterrupted
    ],
    ids=["database gone", "session deleted"],
)
def test_a_save_whose_session_write_fails_still_leads_to_the_saved_contact(
    client, advocate, monkeypatch, caplog, failure
):
    client.force_login(advocate)
    data = _sent(client)

    def fail(self, must_create=False):
        raise failure

    monkeypatch.setattr(SessionStore, "save", fail)
    caplog.clear()
    response = client.post(reverse("contact_create"), data)

    contact = CrisisContact.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("contact_detail", args=[contact.pk])
    assert contact.note == NOTE
    [line] = _warnings(caplog)
    assert "session was not saved" in line.getMessage()
    assert NOTE not in caplog.text


def test_a_page_load_whose_session_write_fails_is_not_covered_up(client, advocate, monkeypatch):
    """Only a POST has a save to tell the truth about; a GET fails as Django has it."""
    client.force_login(advocate)

    def fail(self, must_create=False):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "save", fail)
    with pytest.raises(DatabaseError):
        client.get(reverse("contact_create"))


# The database drops during the save ------------------------------------------------


@pytest.fixture
def database_drops(monkeypatch):
    """The contact's save fails as on a dropped connection, and from then on every
    query of the request fails too: the answer must need no database."""

    def gone(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    def drop(**kwargs):
        connection.execute_wrappers.append(gone)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "contact_save", drop)
    yield
    if gone in connection.execute_wrappers:
        connection.execute_wrappers.remove(gone)


def _post_while_down(client, data):
    try:
        return client.post(reverse("contact_create"), data)
    finally:
        connection.execute_wrappers.clear()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_save_cut_off_by_the_database_answers_503_with_the_form_filled_in(
    client, advocate, database_drops
):
    client.force_login(advocate)
    data = _sent(client) | {"needs": ["safety", "shelter"]}

    response = _post_while_down(client, data)

    assert response.status_code == 503
    body = response.content.decode()
    assert "Nothing was saved" in body
    assert f'<form method="post" action="{reverse("contact_create")}">' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'name="note" value="Caller safe tonight at Odalys&#x27;s flat."' in body
    assert 'name="needs" value="safety"' in body and 'name="needs" value="shelter"' in body
    assert f'name="form_token" value="{data["form_token"]}"' in body  # the retry is safe
    assert "no-store" in response["Cache-Control"]
    assert not CrisisContact.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sending_the_form_again_saves_it_once(client, advocate, monkeypatch):
    client.force_login(advocate)
    data = _sent(client)
    save = services.contact_save

    def drop(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "contact_save", drop)
    page = client.post(reverse("contact_create"), data).content.decode()
    monkeypatch.setattr(services, "contact_save", save)

    resent = {
        part.split('"')[0]: html.unescape(part.split('value="')[1].split('"')[0])
        for part in page.split('<input type="hidden" name="')[1:]
    }
    assert client.post(reverse("contact_create"), resent).status_code == 302
    assert client.post(reverse("contact_create"), resent).status_code == 200  # saved already
    assert CrisisContact.objects.get().note == "Caller safe tonight at Odalys's flat."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_save_cut_off_by_the_database_is_one_log_line_without_what_was_typed(
    client, advocate, database_drops, caplog
):
    client.force_login(advocate)
    data = _sent(client)
    caplog.clear()

    _post_while_down(client, data)

    [line] = _warnings(caplog)
    entry = json.loads(JsonFormatter().format(line))
    assert entry["status"] == 503
    assert entry["exception"] == "OperationalError"
    assert "/contacts/new/" in entry["message"]
    assert NOTE not in caplog.text and "Odalys" not in json.dumps(entry)


def test_a_page_load_that_fails_on_the_database_is_not_answered_as_a_save(
    client, advocate, monkeypatch
):
    client.force_login(advocate)

    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("intake.views.CrisisContactForm", fail)
    with pytest.raises(OperationalError):
        client.get(reverse("contact_create"))
