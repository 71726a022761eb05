"""A form sent after the idle sign-out is kept for the person who typed it (no lost work),
and for no one else (rules 1 and 2): never in the session table, never shown before the
page's own access check, gone once returned or after a few minutes."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake import services
from tests.crisis_center.test_login import PASSWORD
from tests.crisis_center.test_two_factor import _code
from tests.intake.test_client_pages import DEFAULTS

TYPED = {
    "legal_name": "Rosalind Quarrington-Vale",
    "phone": "555-0142",
    "mailing_address": "17 Larkspur Court, apartment 3",
    "code_word": "bluebird-lantern",
}


def _typed_text_in(text: str) -> list[str]:
    return [value for value in TYPED.values() if value in text]


def _sessions_holding_typed_text() -> list[str]:
    """Every row of django_session, as stored and decoded."""
    found = []
    for session in Session.objects.all():
        found += _typed_text_in(session.session_data + json.dumps(session.get_decoded()))
    return found


def _edit_page_open(client, author, own_client) -> tuple[str, dict]:
    """The author opens the client's edit page; returns its URL and the form as typed."""
    url = reverse("client_edit", args=[own_client.pk])
    client.force_login(author)
    version = client.get(url).context["form"]["version"].value()
    return url, DEFAULTS | {"pseudonym": own_client.pseudonym, "version": version} | TYPED


def _session_expires() -> None:
    """The idle timeout: the row stays until clearsessions, but no longer signs anyone in."""
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


def _typed_then_timed_out(client, author, own_client) -> str:
    """The author types on the edit page, the idle timeout strikes, they press Save."""
    url, typed = _edit_page_open(client, author, own_client)
    _session_expires()
    response = client.post(url, typed)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    own_client.refresh_from_db()
    assert own_client.legal_name != TYPED["legal_name"]  # nothing saved yet
    return url


def _sign_in(client, username: str, next_url: str):
    return client.post(
        reverse("login"), {"username": username, "password": PASSWORD, "next": next_url}
    )


def _kept_fields(body: str) -> dict[str, list[str]]:
    match = re.search(r'<script id="kept-form-data" type="application/json">(.*?)</script>', body)
    assert match, "the page carries no kept form"
    fields: dict[str, list[str]] = {}
    for name, value in json.loads(match.group(1)):
        fields.setdefault(name, []).append(value)
    return fields


@pytest.mark.parametrize("two_factor", [False, True])
def test_a_kept_form_is_never_shown_to_the_next_person_who_signs_in(
    client, settings, advocate, advocate2, own_client, two_factor
):
    url = _typed_then_timed_out(client, advocate, own_client)
    assert _sessions_holding_typed_text() == []
    settings.TWO_FACTOR_REQUIRED = two_factor
    device = TOTPDevice.objects.create(user=advocate2, name="phone", confirmed=True)

    # advocate2 signs in on the same browser and is sent on to the page.
    response = _sign_in(client, "advocate2", url)
    assert _sessions_holding_typed_text() == []
    if two_factor:
        response = client.post(reverse("two_factor"), {"token": _code(device), "next": url})
    assert response.url == url
    page = client.get(url)
    assert page.status_code == 404
    seen = "".join(
        client.get(path).content.decode() for path in (url, reverse("home"), reverse("login"))
    )
    assert "Your form was kept" not in page.content.decode() + seen
    assert _typed_text_in(page.content.decode() + seen) == []
    assert _sessions_holding_typed_text() == []


def test_the_author_gets_the_kept_form_back_in_the_page_s_own_form(
    client, advocate, own_client, django_assert_max_num_queries
):
    url = _typed_then_timed_out(client, advocate, own_client)
    assert _sign_in(client, "advocate", url).url == url
    assert _sessions_holding_typed_text() == []

    # The edit page's own (tests/intake/test_client_pages.py, the editor's training
    # included) and the session save, then the kept form, its deletion and the stored
    # reports it marks out of date.
    with django_assert_max_num_queries(18):
        page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert f"Edit {own_client.pseudonym}" in body  # the view's own page, with its form
    assert "Your form was kept" in body
    kept = _kept_fields(body)
    assert {name: kept[name] for name in TYPED} == {name: [v] for name, v in TYPED.items()}
    assert _sessions_holding_typed_text() == []

    again = client.get(url).content.decode()
    assert "Your form was kept" not in again and _typed_text_in(again) == []

    # Sent from the page, it is saved exactly as typed, once.
    assert client.post(url, kept).status_code == 302
    own_client.refresh_from_db()
    assert own_client.legal_name == TYPED["legal_name"]
    assert own_client.mailing_address == TYPED["mailing_address"]
    assert own_client.code_word == TYPED["code_word"]


def test_a_kept_form_comes_back_only_through_the_page_s_access_check(
    client, advocate, supervisor, own_client
):
    url = _typed_then_timed_out(client, advocate, own_client)
    # Meanwhile a supervisor takes the advocate off the client's care team.
    member = own_client.care_team.get(staff=advocate, ended_at__isnull=True)
    services.care_team_end(member=member, by=supervisor)

    _sign_in(client, "advocate", url)
    page = client.get(url)
    assert page.status_code == 404
    assert _typed_text_in(page.content.decode()) == []
    assert "Your form was kept" not in page.content.decode()


def test_a_kept_form_expires_after_a_few_minutes(client, advocate, own_client, monkeypatch):
    url = _typed_then_timed_out(client, advocate, own_client)
    later = timezone.now() + timedelta(minutes=11)  # KEPT_FORM_MINUTES is 10
    monkeypatch.setattr(timezone, "now", lambda: later)

    _sign_in(client, "advocate", url)
    body = client.get(url).content.decode()
    assert "Your form was kept" not in body
    assert _typed_text_in(body) == []

    from crisis_center.models import KeptForm

    assert not KeptForm.objects.exists()  # deleted, not merely hidden


def test_a_post_without_a_signed_in_session_behind_it_is_not_kept(client, advocate, own_client):
    url, typed = _edit_page_open(client, advocate, own_client)
    Session.objects.all().delete()  # no session names an author: nobody to keep it for
    client.post(url, typed)
    _sign_in(client, "advocate", url)
    body = client.get(url).content.decode()
    assert "Your form was kept" not in body and _typed_text_in(body) == []


def test_purge_can_forget_kept_forms_that_mention_a_client(client, advocate, own_client):
    from crisis_center import kept_forms
    from crisis_center.models import KeptForm

    _typed_then_timed_out(client, advocate, own_client)
    assert kept_forms.forget(lambda text: "Someone else entirely" in text) == 0
    assert KeptForm.objects.count() == 1
    assert kept_forms.forget(lambda text: "quarrington-vale" in text.casefold()) == 1
    assert not KeptForm.objects.exists()


def test_a_purge_deletes_the_client_s_kept_forms(client, advocate, supervisor, own_client):
    from crisis_center.models import KeptForm
    from intake import purge

    _typed_then_timed_out(client, advocate, own_client)
    other = KeptForm.objects.create(user=advocate, path="/contacts/new/", fields=[["note", "x"]])
    purge.purge_client(client=own_client, by=supervisor, reason="client_request")
    assert list(KeptForm.objects.all()) == [other]  # the form on the client's page went


# The idle sign-out: at zero the page sends the form being typed here, then leaves for
# the sign-in page (crisis_center/static/js/session-timer.js).


def _idle(client, path: str | None, data: dict | None = None):
    url = reverse("idle_sign_out") + (f"?path={path}" if path else "")
    return client.post(url, data or {})


def test_the_idle_sign_out_keeps_the_typed_form_of_an_expired_session_for_its_author(
    client, advocate, own_client, django_assert_max_num_queries
):
    url, typed = _edit_page_open(client, advocate, own_client)
    _session_expires()
    # the session, the ended session and its user, expired kept forms, an earlier one for
    # the page, the kept form and the stored reports it marks out of date, the transaction
    with django_assert_max_num_queries(9):
        assert _idle(client, url, typed).status_code == 204
    assert _sessions_holding_typed_text() == []

    _sign_in(client, "advocate", url)
    assert _kept_fields(client.get(url).content.decode())["code_word"] == [TYPED["code_word"]]


def test_the_idle_sign_out_ends_a_session_still_open_and_keeps_the_form(
    client, advocate, own_client
):
    url, typed = _edit_page_open(client, advocate, own_client)
    assert _idle(client, url, typed).status_code == 204
    assert client.get(reverse("home")).url.startswith(reverse("login"))
    assert _sessions_holding_typed_text() == []

    _sign_in(client, "advocate", url)
    assert _kept_fields(client.get(url).content.decode())["legal_name"] == [TYPED["legal_name"]]


def test_the_idle_sign_out_without_a_form_only_signs_out(client, advocate):
    from crisis_center.models import KeptForm

    client.force_login(advocate)
    assert _idle(client, None).status_code == 204
    assert client.get(reverse("home")).url.startswith(reverse("login"))
    assert not KeptForm.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/",
        "/%5Cevil.example",
        "https://evil.example/",
        "/%5C%5Cevil",
        "/accounts/login/",  # a page open without signing in
        "/no/such/page/",
    ],
)
def test_the_idle_sign_out_keeps_nothing_for_a_page_outside_the_case_system(client, advocate, path):
    from crisis_center.models import KeptForm

    client.force_login(advocate)
    assert _idle(client, path, TYPED).status_code == 204
    assert not KeptForm.objects.exists()


def test_the_idle_sign_out_is_post_only(client, advocate):
    client.force_login(advocate)
    assert client.get(reverse("idle_sign_out")).status_code == 405
