"""A trainee (an advocate under 40 hours of crisis intervention training) sees only
what they can do: no menu entry that ends on the training page, their hours on the home
page, and a badge that says Trainee (DESIGN.md rule 3)."""

import pytest
from django.urls import reverse

from tests.factories import TrainingRecordFactory

REFUSED_ENTRIES = ("Log a contact", "New client", "Emergency access")


def _menu(body: str) -> str:
    return body.split('id="nav"')[1].split("</ul>")[0]


def test_trainee_menu_offers_nothing_they_cannot_do(client, trainee):
    client.force_login(trainee)
    menu = _menu(client.get(reverse("home")).content.decode())
    for entry in REFUSED_ENTRIES:
        assert entry not in menu
    assert reverse("contact_create") not in menu and reverse("client_create") not in menu


def test_certified_advocate_menu_keeps_the_entries(client, advocate):
    client.force_login(advocate)
    menu = _menu(client.get(reverse("home")).content.decode())
    assert "Log a contact" in menu and "New client" in menu


def test_trainee_home_shows_the_hours_and_what_to_do(client, trainee):
    TrainingRecordFactory(staff=trainee, hours=12.5)
    client.force_login(trainee)
    body = client.get(reverse("home")).content.decode()
    assert "12.5 of the 40 hours" in body
    assert "27.5 hours to go" in body
    assert '<progress class="w-100 mb-2" id="training-progress" max="40" value="12.5"' in body
    assert 'aria-label="Crisis intervention training: 12.5 of 40 hours"' in body
    assert reverse("directory") in body
    assert reverse("client_create") not in body  # not the page's New client button either


def test_certified_staff_see_no_training_panel(client, advocate):
    client.force_login(advocate)
    assert "hours to go" not in client.get(reverse("home")).content.decode()


def test_trainee_badge_says_trainee(client, trainee):
    client.force_login(trainee)
    body = client.get(reverse("home")).content.decode()
    assert '<span class="badge text-bg-light">Trainee</span>' in body


@pytest.mark.parametrize(
    ("username", "badge"), [("advocate", "Advocate"), ("supervisor", "Supervisor")]
)
def test_other_badges_say_the_role(client, staff, username, badge):
    client.force_login(staff[username])
    body = client.get(reverse("home")).content.decode()
    assert f'<span class="badge text-bg-light">{badge}</span>' in body


def test_badge_says_advocate_once_the_40_hours_are_on_record(client, trainee):
    TrainingRecordFactory(staff=trainee, hours=40)
    client.force_login(trainee)
    assert (
        '<span class="badge text-bg-light">Advocate</span>'
        in client.get(reverse("home")).content.decode()
    )


@pytest.mark.parametrize("name", ["contact_create", "client_create", "emergency_access"])
def test_pages_a_trainee_reaches_by_url_say_what_to_do_next(client, trainee, name):
    client.force_login(trainee)
    response = client.get(reverse(name))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Training needed first" in body
    assert f'href="{reverse("home")}"' in body.split('id="main"')[1]
    assert "ask your supervisor or the staff administrator" in body


def test_trainee_contact_list_offers_no_log_button(client, trainee):
    client.force_login(trainee)
    body = client.get(reverse("contact_list")).content.decode()
    assert reverse("contact_create") not in body


def test_the_home_page_reads_the_training_hours_with_the_user(
    client, trainee, django_assert_max_num_queries
):
    """The hours come with the signed-in user (crisis_center.backends): the menu's
    capabilities, the badge and the panel add no query."""
    client.force_login(trainee)
    client.get(reverse("home"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    training = [q for q in queries if "training" in q["sql"].lower()]
    assert len(training) == 1, [q["sql"] for q in training]
