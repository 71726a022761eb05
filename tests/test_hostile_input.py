"""Hostile input to every form of the project (property-based, hypothesis).

For each form: long strings, unicode and control characters, HTML and SQL fragments,
huge numbers, impossible dates, lists where one value is expected, missing and extra
fields. Whatever comes, the answer is never a 500 (the test client re-raises), an
invalid post saves nothing, and markup is never echoed unescaped.
"""

from datetime import timedelta

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.models import GroupSession, SupportGroup
from collaboration.sections import SECTIONS
from crisis_center.local_choices import ListName, LocalChoice
from crisis_center.models import TrainingRecord
from intake.models import CareTeamMember
from tests.examples import examples
from tests.factories import (
    ContactFactory,
    TrainingRecordFactory,
    advocacy_records,
    collaboration_records,
    conference_records,
    incident_records,
    referral_records,
    situation_records,
)

MARKUP = "<script>alert(1)</script>"
FRAGMENTS = [
    MARKUP,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE intake_client; --",
    "1 OR 1=1",
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00T25:61",
    "\x00",
    "\u202e\u200b\ufeff",
    "x" * 20_000,
    "%s%n{0}",
]
VALUE = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40), st.integers().map(str))
VALUES = st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3))

# Every model a form could write: an invalid post must leave all of them as they were.
WRITTEN = [
    m
    for m in apps.get_models()
    if (
        m._meta.app_label in ("intake", "advocacy", "referrals", "collaboration")
        or m is TrainingRecord
        # The center's own settings and lists, and the roster.
        or m.__name__ in ("CenterSettings", "LocalChoice", "ShiftKind", "Shift")
    )
    and not m.__name__.startswith("Historical")
    and m.__name__ != "EmergencyLookup"  # counts lookups, valid or not (rate limit)
    # A valid survey answers 200 with a thank-you page, not a redirect; a kiosk link
    # counts its submissions (tests/collaboration/test_feedback.py checks both).
    and m.__name__ not in ("FeedbackLink", "FeedbackResponse")
]


def _counts() -> dict:
    return {m.__name__: m._base_manager.count() for m in WRITTEN}


@pytest.fixture
def world(db, staff, own_client, settings):
    """Someone who may post to each form, and the objects the forms' URLs name."""
    from collaboration.models import FeedbackLink

    settings.FEEDBACK_KIOSK_PER_HOUR = 10_000
    for username in ("advocate", "supervisor"):
        TrainingRecordFactory(staff=staff[username], topic="counseling", hours=20)
    records = advocacy_records(own_client, staff["advocate"])
    records |= incident_records(own_client, staff["advocate"])
    refs = referral_records(own_client, staff["advocate"])
    situation = situation_records(own_client, staff["advocate"])
    GroupSession.objects.create(
        group=SupportGroup.objects.first(), occurred_at=records["attendance"].session.occurred_at
    )
    contact = ContactFactory(advocate=staff["advocate"])
    _kiosk, kiosk_token = FeedbackLink.issue(kiosk=True, label="Tablet")
    return {
        "conference": conference_records(own_client, staff["advocate"])["conference"],
        "kiosk_token": kiosk_token,
        "staff": staff,
        "client": own_client,
        "records": records,
        "refs": refs,
        "situation": situation,
        "contact": contact,
        "linked_contact": ContactFactory(advocate=staff["advocate"], client=own_client),
        "collab": collaboration_records(staff["coordinator"]),
    }


LINK = ["client", "current", "confirm"]  # the confirmation page's POST


def _forms(w) -> list[tuple[str, str, list[str]]]:
    """(user, url, field names) for every form; field names as the form declares them."""
    c, r, refs = w["client"].pk, w["records"], w["refs"]
    resource = f"?resource={refs['resource'].pk}"
    forms = [
        ("advocate", reverse("client_create"), None),
        ("advocate", reverse("client_edit", args=[c]), None),
        ("supervisor", reverse("care_team", args=[c]), None),
        ("advocate", reverse("contact_create"), None),
        ("advocate", reverse("contact_edit", args=[w["contact"].pk]), None),
        ("advocate", reverse("contact_link", args=[w["contact"].pk]), LINK),
        ("advocate", reverse("contact_unlink", args=[w["linked_contact"].pk]), ["current"]),
        ("advocate", reverse("contact_intake", args=[w["contact"].pk]), ["pseudonym"]),
        ("advocate", reverse("screening_create", args=[c]), None),
        ("advocate", reverse("safety_plan", args=[c]), None),
        ("advocate", reverse("group_create"), None),
        (
            "advocate",
            reverse("group_session_create", args=[SupportGroup.objects.first().pk]),
            ["occurred_at", "topic"],
        ),
        ("advocate", reverse("release_create", args=[c]), None),
        ("advocate", reverse("incoming_referral_create", args=[c]), None),
        ("advocate", reverse("referral_create", args=[c]) + resource, None),
        ("advocate", reverse("referral_detail", args=[refs["referral"].pk]), None),
        ("advocate", reverse("emergency_access"), None),
        ("coordinator", reverse("resource_create"), None),
        ("coordinator", reverse("agency_create"), None),
        ("coordinator", reverse("agreement_create"), None),
        ("coordinator", reverse("charter"), None),
        ("advocate", reverse("outreach_create"), None),
    ]
    collab = w["collab"]
    for slug in SECTIONS:
        forms.append(("coordinator", reverse(f"{slug}_create"), None))
        forms.append(("supervisor", reverse(f"{slug}_edit", args=[collab[slug].pk]), None))
    meeting, group = collab["meeting"].pk, collab["prevention"].pk
    forms += [
        (
            "coordinator",
            reverse("agenda_item_create", args=[meeting]),
            ["agenda-topic", "agenda-description"],
        ),
        (
            "coordinator",
            reverse("action_item_create", args=[meeting]),
            [f"action-{n}" for n in ("description", "owner", "owner_agency", "due_on", "done_on")],
        ),
        ("coordinator", reverse("action_item_edit", args=[collab["action_item"].pk]), None),
        (
            "coordinator",
            reverse("prevention_session_create", args=[group]),
            ["date", "participants"],
        ),
    ]
    forms += [
        (None, reverse("survey", args=[w["kiosk_token"]]), None),  # public: no account
        ("supervisor", reverse("kiosk_list"), None),
        ("advocate", reverse("conference_create", args=[c]), None),
        ("advocate", reverse("conference_edit", args=[c, w["conference"].pk]), None),
        (
            "advocate",
            reverse("conference_action_create", args=[c, w["conference"].pk]),
            ["description", "owner_agency", "owner_staff", "due_on"],
        ),
    ]
    for kind, record in (r | w["situation"]).items():
        forms.append(("advocate", reverse(f"{kind}_create", args=[c]), None))
        if kind != "attendance":
            forms.append(("advocate", reverse(f"{kind}_edit", args=[record.pk]), None))
    # The center's settings and lists, the roster, reassigning a care team member.
    member = CareTeamMember.objects.filter(client_id=c, ended_at=None).first()
    entry = LocalChoice.objects.create(list_name=ListName.values[0], label="Church hall")
    forms += [
        ("admin", reverse("center_settings"), None),
        ("supervisor", reverse("stored_values"), None),
        ("supervisor", reverse("choice_lists"), ["list_name", f"{ListName.values[0]}-label"]),
        ("supervisor", reverse("choice_edit", args=[entry.pk]), None),
        ("supervisor", reverse("shift_kind_create"), None),
        ("supervisor", reverse("shift_create"), None),
        ("supervisor", reverse("care_team_reassign", args=[c, member.pk]), None),
    ]
    # Last: a valid post here purges the client the other forms write to.
    forms.append(("supervisor", reverse("client_purge", args=[c]), None))
    return forms


def _baseline(form) -> dict:
    """A plausible, mostly valid post built from the form's own fields, so that the
    attack also reaches what only the model and the services check."""
    now = timezone.localtime()
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        choices = [c for c, _ in getattr(field, "choices", []) if c not in ("", None)]
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data[name] = [str(choices[0].value if hasattr(choices[0], "value") else choices[0])]
        elif choices and value in (None, ""):
            first = choices[0]
            data[name] = str(first.value if hasattr(first, "value") else first)
        elif isinstance(field, forms.BooleanField | forms.FileField):
            continue
        elif value not in (None, ""):
            data[name] = (
                form[name].as_widget().split('value="')[1].split('"')[0]
                if ('value="' in form[name].as_widget())
                else str(value)
            )
        elif isinstance(field, forms.DateTimeField):
            data[name] = now.strftime("%Y-%m-%dT%H:%M")
        elif isinstance(field, forms.DateField):
            data[name] = (now.date() + timedelta(days=30)).isoformat()
        elif isinstance(field, forms.IntegerField):
            data[name] = "1"
        elif isinstance(field, forms.EmailField):
            data[name] = "someone@example.org"
        else:
            data[name] = "Plain words for the record"
    return {form.add_prefix(name): value for name, value in data.items()}


@pytest.mark.hypothesis  # its @given is inside: `make test-deep` selects it
def test_every_form_survives_hostile_input(client, world):
    forms_ = _forms(world)
    assert len(forms_) >= 30
    for username, url, names in forms_:
        if username is None:
            client.logout()
        else:
            client.force_login(world["staff"][username])
        if names is None:
            form = client.get(url).context["form"]
            names, baseline = [form.add_prefix(n) for n in form.fields], _baseline(form)
        else:
            baseline = dict.fromkeys(names, "Plain words")
        _attack(client, url, names, baseline)


def _attack(client, url: str, names: list[str], baseline: dict) -> None:
    @settings(
        max_examples=examples(25),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        st.dictionaries(st.sampled_from([*names, "extra_field", "id", "created_by"]), VALUES),
        st.sets(st.sampled_from(names)),
    )
    def attack(overrides, dropped):
        data = {k: v for k, v in baseline.items() if k not in dropped} | overrides
        before = _counts()
        response = client.post(url, data)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        if response.status_code != 302:
            assert _counts() == before, (url, data)
        body = response.content.decode()
        assert MARKUP not in body, (url, data)

    attack()


@pytest.mark.parametrize(
    "url",
    [
        "/clients/99999999999999999999999/",
        "/clients/99999999999999999999999/edit/",
        "/medical/99999999999999999999999/",
        "/directory/?client=99999999999999999999999",
        "/directory/?contact=-1",
        "/clients/1/referrals/new/?resource=99999999999999999999999",
        "/clients/?page=99999999999999999999999",
    ],
)
def test_ids_too_large_for_the_database_are_a_404_not_a_crash(client, supervisor, own_client, url):
    client.force_login(supervisor)
    assert client.get(url).status_code in (200, 404)


@pytest.mark.hypothesis  # its @given is inside: `make test-deep` selects it
@pytest.mark.parametrize("username", ["advocate", "supervisor"])
def test_client_search_survives_hostile_terms(client, staff, own_client, username):
    """Every term reaches the index (SQLite's FTS5 query syntax, PostgreSQL's LIKE):
    quotes, operators, wildcards, NULs and unicode are text to find, never a 500."""
    client.force_login(staff[username])
    terms = [*FRAGMENTS, '"', '""', "*", "a*", "NEAR(a b)", "x OR y", "\\", "%", "_", "^ab"]

    @settings(
        max_examples=examples(60),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(st.one_of(st.sampled_from(terms), st.text(max_size=12)))
    def search(term):
        response = client.get(reverse("client_list"), {"q": term})
        assert response.status_code == 200, term
        assert MARKUP not in response.content.decode()

    search()
