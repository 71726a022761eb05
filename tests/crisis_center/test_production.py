"""The app as `make serve` starts it: gunicorn on loopback with production settings
(DEBUG off, HTTPS behind a proxy), static files from whitenoise, and an access log that
keeps routes, never what was typed into a path or a query."""

import json
import subprocess
import sys

import pytest
import requests

from tests.processes import (
    ROOT,
    NotAnswering,
    child_env,
    free_port,
    manage,
    migrated_database_url,
    production_env,
    wait_until,
    wait_until_answers,
)

# The proxy in front (deploy/nginx.conf) says the request came over HTTPS.
HTTPS = {"X-Forwarded-Proto": "https"}
TOKEN = "k3Jm9-survey-token-Qx7"
NAME = "Wrenna-Unlogged"


@pytest.fixture(scope="module")
def server(tmp_path_factory, django_db_setup):
    folder = tmp_path_factory.mktemp("serve")
    port = free_port()
    with migrated_database_url() as url:
        env = production_env(
            url,
            BEHIND_PROXY="true",
            STATIC_ROOT=str(folder / "static"),
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS="2",
        )
        done = manage("collectstatic", "--noinput", **env)
        assert done.returncode == 0, done.stderr
        log = folder / "gunicorn.log"
        with log.open("w") as out:
            process = subprocess.Popen(  # noqa: S603 (gunicorn with our own config)
                [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
                cwd=ROOT,
                env=child_env(**env),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            base = f"http://127.0.0.1:{port}"
            try:
                try:
                    wait_until_answers(f"{base}/healthz", process=process, headers=HTTPS)
                except NotAnswering as error:
                    pytest.fail(f"gunicorn did not start ({error}): {log.read_text()}")
                yield base, log
            finally:
                process.terminate()
                process.wait(timeout=30)


def test_login_page_carries_the_security_headers(server):
    base, _ = server
    response = requests.get(f"{base}/accounts/login/", headers=HTTPS, timeout=10)
    assert response.status_code == 200
    assert "Sign in" in response.text
    headers = response.headers
    assert headers["Server"] == "gunicorn"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "no-store" in headers["Cache-Control"]
    assert {cookie.name: cookie.secure for cookie in response.cookies} == {"csrftoken": True}


def test_plain_http_is_sent_to_https(server):
    base, _ = server
    response = requests.get(f"{base}/accounts/login/", allow_redirects=False, timeout=10)
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://127.0.0.1")


def test_whitenoise_serves_hashed_compressed_static_files(server):
    base, _ = server
    page = requests.get(f"{base}/accounts/login/", headers=HTTPS, timeout=10).text
    stylesheet = next(
        part.split('"')[0] for part in page.split('href="')[1:] if part.startswith("/static/")
    )
    assert stylesheet.endswith(".css")
    assert len(stylesheet.rsplit(".", 2)[-2]) == 12, "a content hash in the file name"
    response = requests.get(
        f"{base}{stylesheet}", headers={**HTTPS, "Accept-Encoding": "gzip"}, timeout=10
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]


def test_health_answers_without_a_login(server):
    base, _ = server
    response = requests.get(f"{base}/healthz", headers=HTTPS, timeout=10)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_access_log_keeps_routes_never_tokens_or_searches(server):
    base, log = server
    requests.get(f"{base}/survey/{TOKEN}/", headers=HTTPS, timeout=10)
    requests.get(f"{base}/clients/", params={"q": NAME}, headers=HTTPS, timeout=10)

    def access_messages() -> list[str]:
        messages = []
        for line in log.read_text().splitlines():
            if '"gunicorn.access"' in line:
                try:
                    messages.append(json.loads(line)["message"])
                except ValueError:  # a line still being written
                    continue
        return messages

    def both_written() -> bool:  # the workers write their lines after answering
        messages = access_messages()
        return any("/survey/" in m for m in messages) and any("/clients/" in m for m in messages)

    wait_until(both_written)
    lines = log.read_text().splitlines()
    messages = access_messages()
    assert any("GET /survey/<str:token>/ " in message for message in messages), messages
    assert any("GET /clients/ " in message for message in messages), messages
    assert not [line for line in lines if TOKEN in line or NAME in line]
    assert all(json.loads(line) for line in lines if line.startswith("{"))
