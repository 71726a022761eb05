"""Two-factor login (rule 10): TOTP after the password, recovery codes, required with
DEBUG off."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.crisis_center.test_login import PASSWORD, _login


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_login_through_the_real_login_page_with_totp(client, advocate, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong try below would delay the right one
    device = TOTPDevice.objects.create(user=advocate, name="phone", confirmed=True)
    response = _login(client, "advocate", PASSWORD)
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home.url.startswith(reverse("two_factor"))

    wrong = client.post(reverse("two_factor"), {"token": "000000", "next": "/"})
    assert "That code is not right" in wrong.content.decode()
    assert client.get(reverse("client_list")).status_code == 302

    response = client.post(reverse("two_factor"), {"token": _code(device), "next": "/clients/"})
    assert response.url == "/clients/"
    assert client.get(reverse("client_list")).status_code == 200


def test_first_sign_in_enrols_an_authenticator_and_gives_recovery_codes(client, advocate):
    _login(client, "advocate", PASSWORD)
    page = client.get(reverse("two_factor")).content.decode()
    assert "<svg" in page and "Set up two-step sign-in" in page
    assert "http" not in page.split("<svg")[1].split("</svg>")[0].replace("http://www.w3.org", "")
    device = TOTPDevice.objects.get(user=advocate, confirmed=False)

    response = client.post(reverse("two_factor"), {"token": _code(device), "next": "/"})
    body = response.content.decode()
    codes = list(StaticToken.objects.filter(device__user=advocate).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in body for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200


def test_a_recovery_code_works_once(client, advocate):
    TOTPDevice.objects.create(user=advocate, name="phone", confirmed=True)
    from django_otp.plugins.otp_static.models import StaticDevice

    StaticDevice.objects.create(user=advocate, name="Recovery codes").token_set.create(
        token="abc123def0"
    )
    _login(client, "advocate", PASSWORD)
    assert client.post(reverse("two_factor"), {"token": "abc123def0"}).status_code == 302
    client.post(reverse("logout"))
    _login(client, "advocate", PASSWORD)
    response = client.post(reverse("two_factor"), {"token": "abc123def0"})
    assert response.status_code == 200 and "already used" in response.content.decode()


def test_a_next_parameter_cannot_send_the_user_elsewhere(client, advocate):
    device = TOTPDevice.objects.create(user=advocate, name="phone", confirmed=True)
    _login(client, "advocate", PASSWORD)
    response = client.post(
        reverse("two_factor"), {"token": _code(device), "next": "//evil.example/"}
    )
    assert response.url == "/"


def test_the_switch_turns_it_off_for_a_demo(client, advocate, settings):
    settings.TWO_FACTOR_REQUIRED = False
    _login(client, "advocate", PASSWORD)
    assert client.get(reverse("home")).status_code == 200


def test_wrong_codes_slow_down_further_tries(client, advocate):
    device = TOTPDevice.objects.create(user=advocate, name="phone", confirmed=True)
    _login(client, "advocate", PASSWORD)
    client.post(reverse("two_factor"), {"token": "000000"})
    # Right after a wrong code even the right one is refused (django-otp throttling).
    response = client.post(reverse("two_factor"), {"token": _code(device)})
    assert response.status_code == 200
    assert client.get(reverse("home")).status_code == 302


# Finding "open redirect after enrolment": every way a browser reads these as another site.
ELSEWHERE = ["/\\evil.example", "//evil.example", "https://evil.example", "/\\\\evil"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_no_next_leads_to_another_site_from_the_second_step(client, advocate, target):
    device = TOTPDevice.objects.create(user=advocate, name="phone", confirmed=True)
    signed_in = client.post(
        reverse("login"), {"username": "advocate", "password": PASSWORD, "next": target}
    )
    assert signed_in.url == reverse("home")

    page = client.get(reverse("two_factor"), {"next": target})
    assert page.context["next"] == "/"
    assert "evil" not in page.content.decode()

    response = client.post(reverse("two_factor"), {"token": _code(device), "next": target})
    assert response.url == "/"
    assert client.get(reverse("two_factor"), {"next": target}).url == "/"  # already verified

    signed_out = client.post(reverse("logout"), {"next": target})
    assert signed_out.url == reverse("login")


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_recovery_codes_page_links_only_to_this_site(client, advocate, target):
    _login(client, "advocate", PASSWORD)
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=advocate, confirmed=False)
    response = client.post(reverse("two_factor"), {"token": _code(device), "next": target})
    body = response.content.decode()
    assert "Your recovery codes" in body
    assert 'href="/"' in body and "evil" not in body


def test_the_second_step_is_given_the_page_asked_for_whole(client, advocate):
    _login(client, "advocate", PASSWORD)
    response = client.get("/clients/a%26next=%2F%2Fevil.example")
    whole = "%2Fclients%2Fa%26next%3D%2F%2Fevil.example"
    assert response.url == f"{reverse('two_factor')}?next={whole}"
