"""/healthz for monitors, and logs that are JSON lines and never hold a client's words."""

import json
import logging

from django.db import DatabaseError
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from crisis_center.logs import JsonFormatter
from intake.models import Client
from tests.intake.test_client_pages import DEFAULTS

NAME = "Zephyrine-Quill"


def test_healthz_answers_without_an_account_and_says_only_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies  # no session for a monitor


def test_healthz_is_unavailable_with_a_migration_not_applied(client, db, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: ["pending"])
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json() == {"status": "unavailable"}


def test_healthz_is_unavailable_when_the_database_is_not(client, db, monkeypatch):
    def broken(self, targets):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(MigrationExecutor, "migration_plan", broken)
    response = client.get("/healthz")
    assert response.status_code == 503 and b"refused" not in response.content


def test_healthz_takes_only_get(client, db):
    assert client.post("/healthz").status_code == 405


def test_a_log_line_is_one_json_object_without_the_exception_message():
    try:
        raise ValueError(f"duplicate key (pseudonym)=({NAME})")
    except ValueError as error:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Server error: %s", ("/x/",),
            (type(error), error, error.__traceback__),
        )  # fmt: skip
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "ERROR", "django.request", "Server error: /x/"
    )  # fmt: skip
    assert entry["exception"] == "ValueError"
    assert NAME not in line


def test_a_journey_leaves_the_pseudonym_in_no_log_line(client, advocate, caplog):
    client.force_login(advocate)
    with caplog.at_level(logging.DEBUG):
        client.post(reverse("client_create"), {"pseudonym": NAME} | DEFAULTS)
        person = Client.objects.get(pseudonym=NAME)
        client.post(
            reverse("contact_create"),
            {"channel": "hotline_call", "note": f"{NAME} called", "duration_minutes": "20"},
        )
        client.post(reverse("contact_create"), {"note": NAME, "duration_minutes": "99999"})
        client.get(reverse("client_list"), {"q": NAME})
        client.get(reverse("client_detail", args=[person.pk]))
        client.get(f"/clients/{person.pk + 1000}/")  # a 404: django.request logs it
        client.get(f"/nowhere/{NAME}/")
    lines = [JsonFormatter().format(record) for record in caplog.records]
    messages = [json.loads(line)["message"] for line in lines]
    # The capture sees the logs: paths are logged as the route they matched.
    assert "Not Found: /clients/<id:pk>/" in messages
    assert "Not Found: (a path no page answers)" in messages
    assert [line for line in lines if NAME in line] == []


def test_a_survey_token_is_not_logged(client, db, caplog):
    token = "T0ken-" + "x" * 37
    with caplog.at_level(logging.DEBUG):
        assert client.get(f"/survey/{token}/").status_code == 404
    lines = [JsonFormatter().format(record) for record in caplog.records]
    assert lines and not [line for line in lines if token in line]


def test_the_development_server_line_shows_the_route_not_the_query():
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s',
        (f"GET /clients/?q={NAME} HTTP/1.1", "200", "512"), None,
    )  # fmt: skip
    assert json.loads(JsonFormatter().format(record))["message"] == '"GET /clients/" 200 512'
