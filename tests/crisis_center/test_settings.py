"""Settings: production hardening, headers, the SQLite tuning."""

import secrets

import pytest
from django.db import connection
from django.urls import reverse

from tests.processes import ROOT, manage


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="cases.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_demo_logins_are_refused_in_production():
    result = manage("seed_demo", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "Refusing to create demo logins" in result.stderr


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite tuning")
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db):
    from django.conf import settings

    options = settings.DATABASES["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite tuning")
def test_sqlite_keeps_more_pages_in_memory_than_its_default(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (size,) = cursor.fetchone()
    assert size == -32 * 1024  # in KiB when negative; SQLite's default is -2000


def test_the_sqlite_page_cache_size_comes_from_the_environment(tmp_path):
    # Settings only: nothing connects.
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    sqlite = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    result = manage("shell", "-c", show, DEBUG="true", DATABASE_URL=sqlite, SQLITE_CACHE_MB="8")
    assert result.returncode == 0, result.stderr
    assert "PRAGMA cache_size=-8192;" in result.stdout


@pytest.mark.parametrize(
    ("url", "options"),
    [
        ("postgres://u@localhost/cases", "-c jit=off"),
        ("postgres://u@localhost/cases?options=-c%20jit%3Don", "-c jit=on"),
    ],
)
def test_postgresql_runs_without_jit_unless_the_url_says_otherwise(url, options):
    # Settings only: nothing connects.
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    result = manage("shell", "-c", show, DEBUG="true", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert f"'options': '{options}'" in result.stdout


def test_pages_with_client_data_are_not_cached_and_carry_a_strict_csp(client, advocate, own_client):
    client.force_login(advocate)
    response = client.get(reverse("client_detail", args=[own_client.pk]))
    assert "no-store" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_load_no_third_party_assets(client, advocate, own_client):
    client.force_login(advocate)
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "http://" not in body and "https://" not in body


def test_production_settings_harden_cookies_headers_and_logins():
    code = (
        "from django.conf import settings as s; print(s.TWO_FACTOR_REQUIRED, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_REFERRER_POLICY, s.X_FRAME_OPTIONS)"
    )
    result = manage("shell", "-c", code, DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "True", "True", "True", "True", "Lax", "True", "True", "same-origin", "DENY",
    ]  # fmt: skip


def test_demo_settings_do_not_ask_for_a_second_factor():
    code = "from django.conf import settings as s; print(s.TWO_FACTOR_REQUIRED)"
    result = manage("shell", "-c", code, DEBUG="true")
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_https_responses_carry_hsts(client, advocate, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    client.force_login(advocate)
    response = client.get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_messages_that_name_a_client_never_travel_in_a_cookie(client, advocate, own_client):
    from tests.factories import ContactFactory

    contact = ContactFactory(advocate=advocate)
    client.force_login(advocate)
    response = client.post(
        reverse("contact_link", args=[contact.pk]),
        {"client": own_client.pk, "current": "", "confirm": "1"},
    )
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert own_client.pseudonym in client.get(response.url).content.decode()


def test_no_state_lives_in_a_worker_memory(settings):
    """Sessions, sign-in lockouts and rate limits must be shared by every worker and app
    server: the database holds them, and no code reaches for the per-process cache."""
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.MESSAGE_STORAGE.endswith("SessionStorage")
    assert getattr(settings, "AXES_HANDLER", "axes.handlers.database.AxesDatabaseHandler") == (
        "axes.handlers.database.AxesDatabaseHandler"
    )
    apps = ("crisis_center", "intake", "advocacy", "referrals", "collaboration")
    sources = [path for app in apps for path in (ROOT / app).rglob("*.py")]
    assert sources
    for path in sources:
        text = path.read_text()
        assert "django.core.cache" not in text, path
