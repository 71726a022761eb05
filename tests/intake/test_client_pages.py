"""Client pages: create, detail, edit, list, home. Query counts are pinned."""

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis_center.models import AccessLog
from intake.models import CareTeamMember, Classification, Client
from tests.factories import ClientFactory


def _codes(kind: str, *codes: str) -> list[int]:
    return list(
        Classification.objects.filter(kind=kind, code__in=codes).values_list("pk", flat=True)
    )


def test_advocate_opens_a_client_with_a_pseudonym_only(client, advocate):
    client.force_login(advocate)
    response = client.post(
        reverse("client_create"), {"pseudonym": "Rae", "status": "active"} | DEFAULTS
    )
    new = Client.objects.get(pseudonym="Rae")
    assert response.status_code == 302
    assert response.url == reverse("client_detail", args=[new.pk])
    assert new.created_by == advocate
    assert CareTeamMember.objects.active().filter(client=new, staff=advocate).exists()


def test_supervisor_who_opens_a_client_is_not_put_on_its_care_team(client, supervisor):
    client.force_login(supervisor)
    client.post(reverse("client_create"), {"pseudonym": "Rae"} | DEFAULTS)
    assert not CareTeamMember.objects.filter(client__pseudonym="Rae").exists()


def test_trainee_cannot_open_a_client_file(client, trainee):
    client.force_login(trainee)
    response = client.post(reverse("client_create"), {"pseudonym": "Rae"} | DEFAULTS)
    assert response.status_code == 403
    assert "40 hours" in response.content.decode()
    assert not Client.objects.exists()


@pytest.mark.parametrize("username", ["coordinator", "admin"])
def test_roles_without_client_access_get_404_on_create(client, staff, username):
    client.force_login(staff[username])
    assert client.get(reverse("client_create")).status_code == 404


# Every select has a value so that a test posting one field still sends a valid form.
DEFAULTS = {
    "status": "active",
    "safe_to_call": "not_asked",
    "safe_to_text": "not_asked",
    "safe_to_voicemail": "not_asked",
    "safe_to_mail": "not_asked",
    "age_range": "not_asked",
    "gender": "not_asked",
    "referral_source": "not_asked",
}


def test_client_form_records_victimization_types(client, advocate):
    client.force_login(advocate)
    client.post(
        reverse("client_create"),
        {
            "pseudonym": "Noor",
            "victimization_types": _codes(
                "victimization", "adult_sexual_assault", "trafficking_sex"
            ),
        }
        | DEFAULTS,
    )
    noor = Client.objects.get(pseudonym="Noor")
    assert sorted(noor.classifications.values_list("code", flat=True)) == [
        "adult_sexual_assault",
        "trafficking_sex",
    ]


def test_other_victimization_needs_an_explanation(client, advocate):
    client.force_login(advocate)
    response = client.post(
        reverse("client_create"),
        {"pseudonym": "Noor", "victimization_types": _codes("victimization", "other")} | DEFAULTS,
    )
    assert response.status_code == 200
    assert "Say what “Other” means here." in response.content.decode()
    assert not Client.objects.exists()


def test_declined_cannot_be_combined_with_a_race(client, advocate):
    client.force_login(advocate)
    response = client.post(
        reverse("client_create"),
        {"pseudonym": "Noor", "race_ethnicity": _codes("race", "declined", "asian")} | DEFAULTS,
    )
    assert "can&#x27;t be checked together with an answer" in response.content.decode()
    assert not Client.objects.exists()


GARBAGE = {
    "pseudonym": "x" * 5000,
    "legal_name": "y" * 5000,
    "date_of_birth": "2099-13-45",
    "age_range": "ninety",
    "gender": "<script>alert(1)</script>",
    "safe_to_call": "maybe",
    "status": "deleted",
    "email": "not-an-email",
    "interpreter_needed": "perhaps",
    "victimization_types": ["abc", "999999"],
    "race_ethnicity": ["-1"],
    "referral_source": "\x00",
}


def test_garbage_in_every_field_is_a_form_error_not_a_crash(client, advocate):
    client.force_login(advocate)
    response = client.post(reverse("client_create"), GARBAGE)
    assert response.status_code == 200
    assert "Please correct the fields marked below." in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Client.objects.exists()


def test_future_date_of_birth_is_refused(client, advocate):
    client.force_login(advocate)
    response = client.post(
        reverse("client_create"), {"pseudonym": "Rae", "date_of_birth": "2999-01-01"} | DEFAULTS
    )
    assert "can&#x27;t be in the future" in response.content.decode()
    assert not Client.objects.exists()


def test_pseudonym_is_the_only_required_field(client, advocate):
    client.force_login(advocate)
    response = client.post(reverse("client_create"), DEFAULTS)
    assert response.status_code == 200
    assert not Client.objects.exists()
    form = response.context["form"]
    assert [name for name, f in form.fields.items() if f.required] == [
        "pseudonym",
        *DEFAULTS,  # selects that always carry a value ("Not asked" by default)
    ]


def test_edit_keeps_classifications_and_changes_fields(client, advocate, own_client):
    client.force_login(advocate)
    url = reverse("client_edit", args=[own_client.pk])
    client.post(
        url,
        {"pseudonym": "Marisol", "code_word": "sunflower"}
        | DEFAULTS
        | {
            "safe_to_call": "no",
            "victimization_types": _codes("victimization", "stalking_harassment"),
        },
    )
    own_client.refresh_from_db()
    assert own_client.pseudonym == "Marisol"
    assert own_client.safe_to_call == "no"
    assert list(own_client.classifications.values_list("code", flat=True)) == [
        "stalking_harassment"
    ]
    form = client.get(url).context["form"]
    assert form.initial["victimization_types"] == list(
        own_client.classifications.values_list("pk", flat=True)
    )


def test_detail_leads_with_safe_contact(client, advocate, own_client):
    own_client.code_word = "blue umbrella"
    own_client.save()
    client.force_login(advocate)
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "blue umbrella" in body
    assert body.index("Safe contact") < body.index("About")


def test_safe_contact_lists_the_answers_and_names_the_questions_not_asked_on_one_line(
    client, advocate, own_client
):
    own_client.safe_to_call, own_client.safe_to_text = "yes", "no"
    own_client.save()
    client.force_login(advocate)
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    block = body[body.index('id="safe-contact-title"') : body.index("</section>")]
    assert "Not asked</dd>" not in block
    assert block.count("Not asked yet:") == 1
    assert "<span>voicemail</span><span>mail</span>" in block
    assert '<span class="badge text-bg-danger">No</span>' in block  # not safe to text


def test_client_page_shows_what_is_due_before_the_timeline_and_the_rest(
    client, advocate, own_client
):
    from datetime import timedelta

    from django.utils import timezone

    from advocacy.models import LegalAdvocacy, MedicalAdvocacy

    common = {"client": own_client, "created_by": advocate}
    MedicalAdvocacy.objects.create(**common, follow_up_by=timezone.localdate())
    LegalAdvocacy.objects.create(**common, court_date=timezone.now() + timedelta(days=3))
    client.force_login(advocate)
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    order = ["Safe contact", 'id="client-due-title"', 'id="timeline-title"', 'id="about-title"']
    assert [body.index(mark) for mark in order] == sorted(body.index(mark) for mark in order)
    assert "Follow up by" in body and "Court dates" in body


def test_client_list_paginates_and_a_bad_page_number_is_not_an_error(client, supervisor):
    ClientFactory.create_batch(30, created_by=supervisor)
    client.force_login(supervisor)
    first = client.get(reverse("client_list"))
    assert len(first.context["page"].object_list) == 25
    for bad in ("abc", "-1", "99999", "1e9"):
        assert client.get(reverse("client_list"), {"page": bad}).status_code == 200


def test_overlong_search_is_cut_not_an_error(client, supervisor):
    client.force_login(supervisor)
    assert client.get(reverse("client_list"), {"q": "z" * 10_000}).status_code == 200


def test_list_pages_log_each_client_shown(client, advocate, own_client):
    client.force_login(advocate)
    client.get(reverse("home"))
    row = AccessLog.objects.get()
    assert (row.user, row.client_id, row.view_name) == (advocate, own_client.pk, "home")


# Query counts: the same at 3 clients and at 40, and within a fixed ceiling.
def _queries(client, django_assert_max_num_queries, url, ceiling):
    with django_assert_max_num_queries(ceiling), CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("username", "page", "ceiling"),
    [
        # session, user, BEGIN, count, page of clients, care teams, access-log insert,
        # COMMIT, then BEGIN, session save, COMMIT (SQLite shows its BEGIN/COMMIT),
        # and on the home page the viewer's own training hours and the due-items panel
        # (follow-ups, court dates); coordinators and supervisors: overdue collaboration
        # action items
        # + emergency accesses waiting for review, minors' files without a mandated-report
        # decision; everyone: the on-call roster's kinds, who is on call and their own
        # shifts, and supervisors its uncovered hours and swaps waiting; due today and
        # tomorrow (the calendar's appointments, follow-ups, court dates and shifts: 4)
        ("supervisor", "home", 30),
        ("advocate", "home", 23),  # + the access log's check for emergency grants
        ("supervisor", "client_list", 12),  # + their training hours (the import link)
        ("coordinator", "home", 13),  # no clients; networking agreements due for review
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(
    client, staff, django_assert_max_num_queries, username, page, ceiling
):
    user = staff[username]
    creator = staff["advocate"]
    ClientFactory.create_batch(3, created_by=creator)
    client.force_login(user)
    small = _queries(client, django_assert_max_num_queries, reverse(page), ceiling)
    ClientFactory.create_batch(37, created_by=creator)
    large = _queries(client, django_assert_max_num_queries, reverse(page), ceiling)
    assert small == large


@pytest.mark.parametrize(
    ("username", "ceiling"),
    [
        ("supervisor", 12),  # as the list above
        ("advocate", 12),  # + the access log's check for emergency grants
    ],
)
@pytest.mark.parametrize("term", ["Searched", "ear"])  # through the index, and too short for it
def test_client_search_runs_a_fixed_number_of_queries(
    client, staff, django_assert_max_num_queries, username, ceiling, term
):
    creator = staff["advocate"]
    ClientFactory.create_batch(
        3, pseudonym=factory.Sequence(lambda n: f"Searched {n}"), created_by=creator
    )
    client.force_login(staff[username])
    url = f"{reverse('client_list')}?q={term}"
    small = _queries(client, django_assert_max_num_queries, url, ceiling)
    ClientFactory.create_batch(
        37, pseudonym=factory.Sequence(lambda n: f"Searched {n}"), created_by=creator
    )
    large = _queries(client, django_assert_max_num_queries, url, ceiling)
    assert small == large
    assert client.get(url).context["page"].paginator.count == 40


@pytest.mark.parametrize(
    ("page", "ceiling"),
    [
        # 7 for every page: session, user, BEGIN, access-log insert, COMMIT, then BEGIN,
        # session save, COMMIT. Then the client, and:
        # care team with staff, classifications, screenings, timeline count and page,
        # the advocacy panel's open goals and group attendance, the referrals panel's
        # releases, referrals and referral sources, the case-conference panel's
        # conferences and open action items, the minors' section's consents and mandated
        # reports, the incidents (with their offenders and types when there are any), the
        # file panel's closings, the stability panel's first and last answers, the
        # viewer's training (may they close it), the first dependents and the first
        # housing placements with their agencies, the first appointments and the first
        # documents (issue 22), the open medical follow-ups and coming court dates (issue 24)
        ("client_detail", 33),
        ("client_edit", 15),  # the editor's training, its classifications, 3 choice lists
        ("care_team", 12),  # care team with staff, candidates with their training hours
        # 2 counts, 2 history pages, classifications, contacts moved, team, views
        ("client_history", 18),
    ],
)
def test_client_pages_run_a_fixed_number_of_queries(
    client, supervisor, advocate, django_assert_max_num_queries, page, ceiling
):
    target = ClientFactory(created_by=advocate)
    client.force_login(supervisor)
    url = reverse(page, args=[target.pk])
    small = _queries(client, django_assert_max_num_queries, url, ceiling)
    for n in range(30):  # history, views and care-team rows pile up
        target.pseudonym = f"Renamed {n}"
        target.save()
        client.get(reverse("client_detail", args=[target.pk]))
    large = _queries(client, django_assert_max_num_queries, url, ceiling)
    assert small == large


def test_supervisor_home_shows_each_clients_last_contact(client, supervisor, advocate, own_client):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ContactFactory

    newest = timezone.now() - timedelta(days=1)
    ContactFactory(advocate=advocate, client=own_client, started_at=newest - timedelta(days=9))
    ContactFactory(advocate=advocate, client=own_client, started_at=newest)
    client.force_login(supervisor)
    page = client.get(reverse("home")).context["page"]
    assert [c.last_contact for c in page] == [newest]
