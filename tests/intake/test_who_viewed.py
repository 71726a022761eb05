"""The "who viewed this file" part of the client's history (DESIGN.md rule 4): one row per
client a page shows, pages named in words, repeats folded, lists apart from openings,
emergency access first."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisis_center import access_log
from crisis_center.models import AccessLog
from crisis_center.records import KINDS
from intake.models import EmergencyAccess
from tests import test_access_matrix as matrix
from tests.factories import ClientFactory, advocacy_records


def _views_section(body: str) -> str:
    return body[body.index("Who viewed this file") :]


def _history(client, supervisor, target, **params) -> str:
    client.force_login(supervisor)
    response = client.get(reverse("client_history", args=[target.pk]), params)
    assert response.status_code == 200
    return _views_section(response.content.decode())


def _row(user, target, view_name: str, at, emergency: bool = False) -> AccessLog:
    return AccessLog.objects.create(
        user=user, client_id=target.pk, view_name=view_name, path="/", at=at, emergency=emergency
    )


# One row per client a page shows -----------------------------------------------------


@pytest.mark.parametrize("username", ["advocate", "supervisor"])
def test_a_home_page_load_writes_one_row_per_client_listed(client, staff, own_client, username):
    # The client is in the home list and, with a follow-up due today, in the due-dates
    # and calendar sections of the same page: each section used to write its own row.
    advocacy_records(own_client, own_client.created_by)
    second = ClientFactory(created_by=staff["advocate"])
    client.force_login(staff[username])

    client.get(reverse("home"))

    logged = Counter(AccessLog.objects.values_list("client_id", "view_name"))
    assert logged == {(own_client.pk, "home"): 1, (second.pk, "home"): 1}


def test_each_page_load_is_logged_again(client, advocate, own_client):
    """One row per client per request, not per day: the log stays complete."""
    client.force_login(advocate)
    client.get(reverse("home"))
    client.get(reverse("home"))
    assert AccessLog.objects.filter(client_id=own_client.pk).count() == 2


# Lists apart from openings ------------------------------------------------------------


def test_the_filter_shows_only_file_opens(client, supervisor, advocate, own_client):
    client.force_login(advocate)
    client.get(reverse("home"))
    client.get(reverse("client_list"))
    client.get(reverse("client_detail", args=[own_client.pk]))

    views = _history(client, supervisor, own_client)

    assert "Client file" in views
    assert "Home page list" not in views
    assert "Client list or search" not in views
    assert "(in a list)" not in views


def test_showing_all_includes_the_lists(client, supervisor, advocate, own_client):
    client.force_login(advocate)
    client.get(reverse("home"))
    client.get(reverse("client_detail", args=[own_client.pk]))

    views = _history(client, supervisor, own_client, show="all")

    assert "Client file" in views
    assert "Home page list" in views
    assert "(in a list)" in views


@pytest.mark.parametrize("show", ["", "lists", "ALL", "x" * 5000, "%00"])
def test_an_unknown_filter_shows_file_opens(client, supervisor, advocate, own_client, show):
    client.force_login(advocate)
    client.get(reverse("home"))
    views = _history(client, supervisor, own_client, show=show)
    assert "Home page list" not in views


# Pages in words ------------------------------------------------------------------------


def test_pages_are_named_in_words_not_route_names(client, supervisor, advocate, own_client):
    client.force_login(advocate)
    client.get(reverse("client_detail", args=[own_client.pk]))
    client.get(reverse("screening_create", args=[own_client.pk]))
    _row(advocate, own_client, "referral_create", timezone.now())

    views = _history(client, supervisor, own_client)

    for words in ("Client file", "Making a referral", "Adding: Screening", "History and views"):
        assert words in views
    for route in ("client_detail", "referral_create", "screening_create", "client_history"):
        assert route not in views


@pytest.mark.parametrize(
    ("view_name", "words"),
    [
        ("some_new_page", "Some new page"),
        ("reports:tile_list", "Reports tile list"),
        ("", "A page without a name"),
        ("medical_nonsense", "Medical nonsense"),
    ],
)
def test_an_unknown_page_reads_in_words_and_is_never_an_error(
    client, supervisor, own_client, view_name, words
):
    _row(supervisor, own_client, view_name, timezone.now() - timedelta(days=1))
    assert words in _history(client, supervisor, own_client)
    assert access_log.describe(view_name).label == words
    assert not access_log.describe(view_name).listed  # shown by default, never hidden


def test_every_page_that_opens_a_client_has_words():
    """Each URL in the access matrix (every page with a client's id) is named, not left to
    the fallback: add it to crisis_center.access_log.PAGES."""
    unnamed = [
        name
        for name in matrix.CLIENT_URLS
        if name not in access_log.PAGES
        and not any(name in kind.url_names() for kind in KINDS.values())
    ]
    assert unnamed == []


# Repeats folded ------------------------------------------------------------------------


def test_repeated_views_fold_into_one_line_with_a_count(client, supervisor, advocate, own_client):
    client.force_login(advocate)
    for _ in range(4):
        client.get(reverse("client_detail", args=[own_client.pk]))

    views = _history(client, supervisor, own_client)

    assert views.count("Client file</td>") == 1  # one line
    assert "4 views, from" in views
    assert AccessLog.objects.filter(view_name="client_detail").count() == 4  # all kept


def test_views_apart_in_time_or_by_another_person_stay_apart(advocate, advocate2, own_client):
    now = timezone.now()
    rows = [
        _row(advocate, own_client, "client_detail", now),
        _row(advocate2, own_client, "client_detail", now - timedelta(minutes=1)),
        _row(advocate, own_client, "client_detail", now - timedelta(minutes=2)),
        _row(advocate, own_client, "safety_plan", now - timedelta(minutes=3)),
        _row(advocate, own_client, "client_detail", now - timedelta(minutes=14)),
        _row(advocate, own_client, "client_detail", now - timedelta(minutes=16)),
    ]

    lines = access_log.collapse(rows)

    assert [(line.user, line.view_name, line.count) for line in lines] == [
        (advocate, "client_detail", 3),  # now, 2 and 14 minutes ago: one sitting
        (advocate2, "client_detail", 1),
        (advocate, "safety_plan", 1),
        (advocate, "client_detail", 1),  # 16 minutes before the line's latest view
    ]
    assert lines[0].earliest == now - timedelta(minutes=14)


# Emergency access stands out -------------------------------------------------------------


def test_emergency_views_come_first_with_a_badge(
    client, supervisor, advocate, advocate2, own_client
):
    EmergencyAccess.objects.create(
        client=own_client,
        user=advocate2,
        reason="Caller in crisis",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    client.force_login(advocate2)
    client.get(reverse("client_detail", args=[own_client.pk]))
    client.get(reverse("home"))  # a list: with every view
    client.force_login(advocate)
    client.get(reverse("client_detail", args=[own_client.pk]))  # newer, not emergency

    views = _history(client, supervisor, own_client)

    lines = views.split("<tr")[2:]  # after the header row
    assert ["table-danger" in line for line in lines] == [True, False, False]
    assert "Emergency access</span> Client file" in lines[0]
    assert str(advocate2) in lines[0]
    assert "History and views" in lines[1]  # the supervisor, now
    assert "Client file" in lines[2] and str(advocate) in lines[2]

    every = _history(client, supervisor, own_client, show="all").split("<tr")[2:]
    assert ["table-danger" in line for line in every] == [True, True, False, False]
    assert "Emergency access</span> Home page list" in every[0]


# Access and queries unchanged ---------------------------------------------------------


@pytest.mark.parametrize("show", ["opened", "all"])
@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("advocate", 404),
        ("advocate2", 404),
        ("trainee", 404),
        ("supervisor", 200),
        ("coordinator", 404),
        ("admin", 404),
    ],
)
def test_only_supervisors_open_who_viewed(client, staff, own_client, show, username, status):
    client.force_login(staff[username])
    response = client.get(reverse("client_history", args=[own_client.pk]), {"show": show})
    assert response.status_code == status
    if status == 404:
        assert own_client.pseudonym not in response.content.decode()


@pytest.mark.parametrize("show", ["opened", "all"])
def test_who_viewed_runs_a_fixed_number_of_queries(
    client, supervisor, advocate, own_client, django_assert_max_num_queries, show
):
    url = f"{reverse('client_history', args=[own_client.pk])}?show={show}"

    def queries() -> int:
        client.force_login(supervisor)
        # As the history page's pin in tests/intake/test_client_pages.py.
        with django_assert_max_num_queries(18), CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = queries()
    client.force_login(advocate)
    for _ in range(30):
        client.get(reverse("client_detail", args=[own_client.pk]))
        client.get(reverse("home"))
    assert queries() == small
