"""BoundedPaginator: list pages count a few pages ahead, never the whole table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis_center.paging import PAGES_AHEAD, BoundedPaginator
from intake import views
from intake.models import Client
from tests.factories import ClientFactory


@pytest.fixture
def clients(advocate):
    return ClientFactory.create_batch(PAGES_AHEAD + 3, created_by=advocate)


def test_the_count_stops_a_few_pages_past_the_page_asked_for(clients):
    paginator = BoundedPaginator(Client.objects.all(), 1, asked="1")
    with CaptureQueriesContext(connection) as ctx:
        page = paginator.get_page("1")
    assert "LIMIT" in ctx.captured_queries[0]["sql"]
    assert (paginator.count, paginator.num_pages, paginator.more) == (1 + PAGES_AHEAD,) * 2 + (
        True,
    )
    assert page.has_next()


def test_a_short_list_is_counted_exactly(clients):
    paginator = BoundedPaginator(Client.objects.all(), 5, asked="2")
    assert (paginator.count, paginator.more) == (len(clients), False)
    assert paginator.get_page("2").has_next()


@pytest.mark.parametrize("asked", [None, "", "abc", "-4", "99999999999999999999"])
def test_any_page_number_shows_a_page(clients, asked):
    page = BoundedPaginator(Client.objects.all(), 5, asked=asked).get_page(asked)
    assert len(page.object_list) > 0


def test_the_pager_says_when_there_are_more_pages_than_counted(
    client, supervisor, clients, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    client.force_login(supervisor)
    text = client.get(reverse("home")).content.decode()
    assert f"Page 1 of {1 + PAGES_AHEAD} or more" in text
    last = client.get(reverse("home"), {"page": len(clients)}).content.decode()
    assert f"Page {len(clients)} of {len(clients)}<" in last
