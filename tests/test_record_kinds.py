"""One record-kind shape (crisis_center.records): a new client record kind is a model, a
form and one registration line, and everything a client record must have follows.

tests/recordkind_app holds such a kind (Memo) that nothing else in the tree names. These
tests show that it is on the client timeline, in the access matrix, in the purge, with
history rows and access-log rows; and they pin what saving each registered kind costs.
"""

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from crisis_center import ledger
from crisis_center.form_tokens import FIELD as TOKEN
from crisis_center.models import AccessLog
from crisis_center.records import KINDS
from crisis_center.roles import Role
from intake import purge
from intake.models import StabilityCheck
from tests.factories import (
    ClientFactory,
    ScreeningFactory,
    StaffFactory,
    TrainingRecordFactory,
    advocacy_records,
    incident_records,
    minor_records,
    referral_records,
    situation_records,
)
from tests.html_forms import only_post_form, page_forms
from tests.recordkind_app.models import Memo
from tests.test_access_matrix import CLIENT_URLS, ROLES, _expected

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "tests" / "recordkind_app"


def _add_memo(client, user, person, note="Asked us to call after six") -> Memo:
    """Add a memo through its create page, as a person would."""
    page = client.get(reverse("memo_create", args=[person.pk]))
    data = only_post_form(page).data() | {"note": note}
    response = client.post(reverse("memo_create", args=[person.pk]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    return Memo.objects.get(client=person, note=note)


def test_the_kind_is_one_model_one_form_and_one_registration_line():
    assert (APP / "apps.py").read_text().count("records.register(") == 1
    tracked = subprocess.run(  # noqa: S603  # nosec B603 B607
        ["git", "grep", "-l", "recordkind_app", "--", "."],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    named_by = {p for p in tracked if not p.startswith("tests/recordkind_app/")}
    # The test settings install the app (and the settings of the processes the tests
    # start, whose databases hold its table); this file tests it. Nothing else knows it.
    assert named_by <= {
        "tests/settings.py",
        "tests/child_settings.py",
        "tests/test_record_kinds.py",
    }


def test_its_pages_follow_from_the_registration(client, advocate, own_client):
    client.force_login(advocate)
    memo = _add_memo(client, advocate, own_client)
    assert reverse("memo_detail", args=[memo.pk]) == f"/memo/{memo.pk}/"
    detail = client.get(reverse("memo_detail", args=[memo.pk]))
    assert "Asked us to call after six" in detail.content.decode()
    edit = client.get(reverse("memo_edit", args=[memo.pk]))
    response = client.post(
        reverse("memo_edit", args=[memo.pk]), only_post_form(edit).data() | {"note": "Call at 7"}
    )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.note == "Call at 7"


def test_it_is_on_the_client_timeline(client, advocate, own_client):
    client.force_login(advocate)
    memo = _add_memo(client, advocate, own_client)
    response = client.get(reverse("client_detail", args=[own_client.pk]))
    entries = [e for e in response.context["timeline"].entries if e.kind == "memo"]
    assert [e.obj for e in entries] == [memo]
    assert reverse("memo_detail", args=[memo.pk]) in response.content.decode()


def test_it_is_in_the_access_matrix():
    assert {"memo_create", "memo_detail", "memo_edit"} <= CLIENT_URLS.keys()


@pytest.mark.parametrize("page", ["create", "detail", "edit"])
@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_it_checks_who_may_see_the_client(
    client, staff, own_client, other_client, page, username, whose
):
    """Advocates on the client's care team and supervisors open it; everyone else gets
    the 404 of a client that does not exist for them, without its name."""
    target = own_client if whose == "own" else other_client
    memo = Memo.objects.create(client=target, created_by=target.created_by, note="Private")
    client.force_login(staff[username])
    response = client.get(
        reverse(f"memo_{page}", args=[target.pk if page == "create" else memo.pk])
    )
    assert response.status_code == _expected(CLIENT_URLS[f"memo_{page}"], username, whose)
    if response.status_code == 404:
        assert target.pseudonym not in response.content.decode()
        assert "Private" not in response.content.decode()


def test_it_needs_the_training(client, own_client):
    """The training gate comes after the door: a supervisor without the 40 hours sees
    the client but may not add a memo (a trainee advocate sees no client at all)."""
    client.force_login(StaffFactory(username="new-supervisor", role=Role.SUPERVISOR))
    response = client.get(reverse("memo_create", args=[own_client.pk]))
    assert response.status_code == 403
    assert not Memo.objects.exists()


def test_every_change_has_a_history_row(client, advocate, own_client):
    client.force_login(advocate)
    memo = _add_memo(client, advocate, own_client)
    edit = client.get(reverse("memo_edit", args=[memo.pk]))
    client.post(
        reverse("memo_edit", args=[memo.pk]), only_post_form(edit).data() | {"note": "Changed"}
    )
    rows = memo.history.order_by("history_date")
    assert [(r.history_type, r.note, r.history_user) for r in rows] == [
        ("+", "Asked us to call after six", advocate),
        ("~", "Changed", advocate),
    ]


@pytest.mark.parametrize("page", ["create", "detail", "edit"])
def test_its_pages_write_the_access_log(client, advocate, own_client, page):
    memo = Memo.objects.create(client=own_client, created_by=advocate)
    client.force_login(advocate)
    url = reverse(f"memo_{page}", args=[own_client.pk if page == "create" else memo.pk])
    client.get(url)
    assert list(AccessLog.objects.values_list("client_id", "view_name", "path")) == [
        (own_client.pk, f"memo_{page}", url)
    ]


def test_purge_scrubs_it_and_destroys_its_history(client, advocate, supervisor, own_client):
    client.force_login(advocate)
    memo = _add_memo(client, advocate, own_client, note="Lives with her aunt on Elm Street")
    bystander = Memo.objects.create(
        client=ClientFactory(created_by=advocate), created_by=advocate, note="Keep me"
    )
    purge.purge_client(client=own_client, by=supervisor, reason="client_request", session=None)
    memo.refresh_from_db()
    assert memo.note == ""  # the de-identified fact (a memo on that day) stays
    assert not Memo.history.filter(id=memo.pk).exists()
    bystander.refresh_from_db()
    assert bystander.note == "Keep me" and Memo.history.filter(id=bystander.pk).exists()


def test_it_is_no_service_unless_it_says_what_it_counts_as():
    assert Memo not in ledger.SOURCES
    # Every kind whose model says what it counts as is in the ledger.
    for kind in KINDS.values():
        says = "service_codes" in {f.name for f in kind.model._meta.get_fields()}
        assert not says or kind.model in ledger.SOURCES, kind.slug


# What saving costs: the shared create and edit pages, for every registered kind ------

# The queries of a save through the shared pages, pinned per kind. The least (a memo,
# 15): the session and the user (2); the client through the policy, whether the view is
# an emergency one, and the access log's INSERT (3); the author's training (1); full_clean
# checking the author and the client exist (2); the INSERT and its history row (2); the
# savepoint around the view and the session's save with its own (5). A service adds its
# ledger rows (a SELECT and DELETE of the old ones, an INSERT) and the stored reports
# marked out of date; a counted kind the running counts' look before and after; an edit
# loads the record through the policy instead of the client. A new kind is added here:
# its cost is part of adding it.
CREATE = {
    "accompaniment": 18,
    "appointment": 16,  # + who goes: the care team offered, and checked
    "attendance": 22,  # + the form's recent sessions, and the session the ledger dates by
    "counseling": 18,
    "dependent": 15,
    "goal": 16,
    # + its type (the form's list; its row and history; the client's types read, the
    # type added to them and its history); its offender rows left blank cost nothing.
    "incident": 23,
    "housing": 19,  # + the form's agencies and the chosen one checked; its ledger row
    "incoming_referral": 19,
    "legal": 18,
    "medical": 19,
    "mandated_report": 18,  # + the staff member chosen, checked by the form and the model
    "memo": 15,
    "minor_consent": 15,
    "release": 19,
    "screening": 16,
    "stability": 16,
}
EDIT = {
    "accompaniment": 20,
    "appointment": 16,  # + who goes: the care team offered, and checked
    "counseling": 21,
    "dependent": 15,
    "goal": 18,
    "incident": 22,  # + its offenders and types read once each, the client's types
    "housing": 19,
    "legal": 20,
    "mandated_report": 18,
    "medical": 22,
    "memo": 15,
    "minor_consent": 15,
    "stability": 16,
}


def _records(person, author) -> dict:
    """One record of every kind with shared pages, for `person`."""
    found = {
        **advocacy_records(person, author),
        **referral_records(person, author),
        **minor_records(person, author),
        "screening": ScreeningFactory(client=person, created_by=author),
        "memo": Memo.objects.create(client=person, created_by=author, note="A note"),
        "stability": StabilityCheck.objects.create(
            client=person, created_by=author, housing="stable", note="Has a room"
        ),
        "incident": incident_records(person, author)["incident"],
        **situation_records(person, author),
    }
    return {slug: found[slug] for slug, kind in KINDS.items() if kind.views}


def _as_posted(form) -> dict:
    """What a browser posts for a form showing a record's values."""
    (html,) = page_forms(f'<form method="post">{form.as_div()}</form>')
    return html.data()


def test_every_kind_with_shared_pages_has_its_save_pinned():
    shared = {slug for slug, kind in KINDS.items() if kind.views}
    assert set(CREATE) == shared
    assert set(EDIT) == {slug for slug in shared if KINDS[slug].editable}


@pytest.mark.parametrize("slug", sorted(CREATE))
def test_saving_a_new_record_costs_a_fixed_number_of_queries(
    client, advocate, own_client, django_assert_max_num_queries, slug
):
    TrainingRecordFactory(staff=advocate, topic="counseling", hours=20)
    kind = KINDS[slug]
    model = _records(own_client, advocate)[slug]
    person = ClientFactory(created_by=advocate)  # a new file: one of each record at most
    client.force_login(advocate)
    url = reverse(f"{slug}_create", args=[person.pk])
    page = only_post_form(client.get(url)).data()
    values = _as_posted(kind.form(instance=model))
    data = page | {k: v for k, v in values.items() if k not in ("version", TOKEN)}
    with django_assert_max_num_queries(CREATE[slug]):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert kind.model.objects.filter(client=person).count() == 1


@pytest.mark.parametrize("slug", sorted(EDIT))
def test_saving_an_edit_costs_a_fixed_number_of_queries(
    client, advocate, own_client, django_assert_max_num_queries, slug
):
    TrainingRecordFactory(staff=advocate, topic="counseling", hours=20)
    record = _records(own_client, advocate)[slug]
    client.force_login(advocate)
    url = reverse(f"{slug}_edit", args=[record.pk])
    data = only_post_form(client.get(url)).data()
    with django_assert_max_num_queries(EDIT[slug]):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert record.history.count() == 2
