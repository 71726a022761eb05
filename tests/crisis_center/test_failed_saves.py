"""When things fail mid-save: the answer tells the truth, and nothing typed is lost.

A session write that fails after the save committed still answers with the saved
record, in one log line with nothing typed in it.
"""

import logging

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore
from django.db import DatabaseError, OperationalError
from django.urls import reverse
from django.utils import timezone

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
