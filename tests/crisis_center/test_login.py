"""Rule 10: logins, lockout after repeated failures, a short idle timeout."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

PASSWORD = "correct-horse-battery"  # tests.factories.StaffFactory's password


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_signs_in_and_lands_on_home(client, advocate):
    response = _login(client, "advocate", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == advocate


def test_a_wrong_password_is_a_form_error(client, advocate):
    response = _login(client, "advocate", "wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, advocate):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "advocate", "wrong")
    response = _login(client, "advocate", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_every_page_but_login_needs_a_signed_in_user(client, db):
    for name in ("home", "client_list", "client_create"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert client.get(reverse("login")).status_code == 200


def test_idle_session_expires_after_the_timeout(client, advocate):
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    client.force_login(advocate)
    client.get(reverse("home"))
    session = Session.objects.get()
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=14) < remaining <= timedelta(minutes=15)

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_activity_pushes_the_idle_timeout_forward(client, advocate):
    client.force_login(advocate)
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get(reverse("home"))
    assert Session.objects.get().expire_date > timezone.now() + timedelta(minutes=14)


def test_logout_is_post_only_and_ends_the_session(client, advocate):
    client.force_login(advocate)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_forms_need_a_csrf_token(advocate):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(advocate)
    assert strict.post(reverse("client_create"), {"pseudonym": "Rae"}).status_code == 403


def test_activity_on_the_page_keeps_the_session_alive(client, advocate):
    client.force_login(advocate)
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.post(reverse("keepalive")).status_code == 204
    assert Session.objects.get().expire_date > timezone.now() + timedelta(minutes=14)
    assert client.get(reverse("keepalive")).status_code == 405


def _fail_from(client, address: str, remote: str = "127.0.0.1") -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "supervisor", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=address,
            REMOTE_ADDR=remote,
        )


def _sign_in_from(client, address: str, remote: str = "127.0.0.1"):
    return client.post(
        reverse("login"),
        {"username": "supervisor", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR=address,
        REMOTE_ADDR=remote,
    )


def test_behind_the_proxy_a_lockout_holds_one_forwarded_address_only(client, supervisor, settings):
    # Behind nginx every request comes from 127.0.0.1: keyed on that, five wrong
    # passwords from anywhere would lock the real supervisor out.
    settings.BEHIND_PROXY = True
    _fail_from(client, "203.0.113.5")
    assert _sign_in_from(client, "203.0.113.5").status_code == 429

    elsewhere = _sign_in_from(client, "198.51.100.7")
    assert elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(supervisor.pk)


def test_behind_the_proxy_a_forged_address_before_the_proxys_own_is_ignored(
    client, supervisor, settings
):
    # nginx adds the address it saw last; whatever the visitor wrote comes before it.
    settings.BEHIND_PROXY = True
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "supervisor", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.5",
            REMOTE_ADDR="127.0.0.1",
        )
    assert _sign_in_from(client, "10.1.1.1, 203.0.113.5").status_code == 429


def test_without_the_proxy_setting_a_forged_forwarded_address_is_ignored(
    client, supervisor, settings
):
    settings.BEHIND_PROXY = False
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "supervisor", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
            REMOTE_ADDR="192.0.2.10",
        )
    assert _sign_in_from(client, "198.51.100.99", remote="192.0.2.10").status_code == 429
    # The same account from another real address still signs in.
    assert _sign_in_from(client, "198.51.100.99", remote="192.0.2.11").status_code == 302


def test_a_lockout_is_never_for_the_username_alone(settings):
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_a_garbled_forwarded_address_falls_back_to_the_connection(client, supervisor, settings):
    settings.BEHIND_PROXY = True
    for value in ("not-an-address", "", "999.1.1.1", "x" * 5000, "203.0.113.5, <b>"):
        response = client.post(
            reverse("login"),
            {"username": "supervisor", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=value,
            REMOTE_ADDR="127.0.0.1",
        )
        assert response.status_code in (200, 429)
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}
