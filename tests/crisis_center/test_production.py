"""The app as `make serve` starts it: gunicorn on loopback with production settings
(DEBUG off, HTTPS behind a proxy), static files from whitenoise, and an access log that
keeps routes, never what was typed into a path or a query."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.processes import ROOT, child_env, empty_database_url, free_port, manage, production_env

# The proxy in front (deploy/nginx.conf) says the request came over HTTPS.
HTTPS = {"X-Forwarded-Proto": "https"}
TOKEN = "k3Jm9-survey-token-Qx7"
NAME = "Wrenna-Unlogged"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    port = free_port()
    with empty_database_url() as url:
        env = production_env(
            url,
            BEHIND_PROXY="true",
            STATIC_ROOT=str(folder / "static"),
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS="2",
        )
        for command in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
            done = manage(*command, **env)
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
                _wait_until_up(base, process, log)
                yield base, log
            finally:
                process.terminate()
                process.wait(timeout=30)


def _wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited: {log.read_text()}")
        try:
            if requests.get(f"{base}/healthz", headers=HTTPS, timeout=2).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer: {log.read_text()}")


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
    time.sleep(0.5)  # the workers write their lines after answering
    lines = log.read_text().splitlines()
    access = [json.loads(line) for line in lines if '"gunicorn.access"' in line]
    messages = [entry["message"] for entry in access]
    assert any("GET /survey/<str:token>/ " in message for message in messages), messages
    assert any("GET /clients/ " in message for message in messages), messages
    assert not [line for line in lines if TOKEN in line or NAME in line]
    assert all(json.loads(line) for line in lines if line.startswith("{"))
