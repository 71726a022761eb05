"""Minors (issue 21, point 2): who is under 18, the Minor badge on every page of their
file, consent and mandated reports, and the supervisor's list of minors' files with no
mandated-report decision."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_center.records.services import record_save
from intake import minors
from intake.models import Client, MandatedReport, MinorConsent, minor_q
from tests.factories import ClientFactory, minor_records
from tests.html_forms import only_post_form
from tests.intake.test_client_pages import _queries
from tests.intake.test_purge import _purge, _tables_containing

GAPS = "Minors without a mandated-report decision"
BADGE = 'Minor<span class="visually-hidden"> (under 18)</span>'


def _at(monkeypatch, moment: datetime) -> None:
    """Make `moment` the present (timezone.localdate() reads timezone.now())."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _is_minor_both_ways(person: Client) -> bool:
    """Client.is_minor, checked against its SQL twin (Client.objects.minors())."""
    in_sql = Client.objects.minors().filter(pk=person.pk).exists()
    assert person.is_minor == in_sql
    return person.is_minor


def _minor(advocate, **fields) -> Client:
    return ClientFactory(created_by=advocate, age_range="13_17", **fields)


# Who is a minor ---------------------------------------------------------------------


def test_a_client_is_a_minor_until_their_18th_birthday_in_the_centers_time_zone(
    advocate, monkeypatch
):
    person = ClientFactory(created_by=advocate, date_of_birth=date(2008, 6, 2))
    # June 2, 03:00 UTC is still June 1, 22:00 in Chicago: the day before the birthday.
    _at(monkeypatch, datetime(2026, 6, 2, 3, 0, tzinfo=UTC))
    assert _is_minor_both_ways(person)
    # Just after midnight in Chicago on June 2: eighteen.
    _at(monkeypatch, datetime(2026, 6, 2, 5, 30, tzinfo=UTC))
    assert not _is_minor_both_ways(person)


def test_born_on_february_29_one_turns_18_on_march_1_of_a_common_year(advocate, monkeypatch):
    person = ClientFactory(created_by=advocate, date_of_birth=date(2008, 2, 29))
    _at(monkeypatch, datetime(2026, 2, 28, 18, 0, tzinfo=UTC))
    assert _is_minor_both_ways(person)
    _at(monkeypatch, datetime(2026, 3, 1, 18, 0, tzinfo=UTC))
    assert not _is_minor_both_ways(person)
    assert not Client.objects.filter(minor_q(date(2028, 2, 29)), pk=person.pk).exists()


@pytest.mark.parametrize(
    ("age_range", "minor"),
    [("0_12", True), ("13_17", True), ("18_24", False), ("declined", False), ("not_asked", False)],
)
def test_without_a_date_of_birth_the_age_range_says(advocate, age_range, minor):
    assert _is_minor_both_ways(ClientFactory(created_by=advocate, age_range=age_range)) is minor


def test_a_date_of_birth_wins_over_the_age_range(advocate):
    adult = ClientFactory(created_by=advocate, age_range="13_17", date_of_birth=date(1990, 1, 1))
    assert not _is_minor_both_ways(adult)


# The Minor badge ----------------------------------------------------------------------


def test_the_minor_badge_is_on_the_client_page_the_lists_and_the_record_pages(
    client, advocate, supervisor
):
    person = _minor(advocate)
    adult = ClientFactory(created_by=advocate, age_range="25_59")
    records = minor_records(person, advocate)
    client.force_login(advocate)
    pages = [
        reverse("client_detail", args=[person.pk]),
        reverse("client_list"),
        reverse("home"),
        reverse("minor_consent_create", args=[person.pk]),
        reverse("medical_create", args=[person.pk]),
        reverse("mandated_report_detail", args=[records["mandated_report"].pk]),
        reverse("safety_plan", args=[person.pk]),
    ]
    for url in pages:
        assert BADGE in client.get(url).content.decode(), url
    client.force_login(supervisor)
    for name in ("care_team", "client_history"):
        assert BADGE in client.get(reverse(name, args=[person.pk])).content.decode(), name
    assert BADGE not in client.get(reverse("client_detail", args=[adult.pk])).content.decode()


# Consent and mandated reports: the forms ------------------------------------------------


def _post(client, name: str, person: Client, **changes):
    url = reverse(name, args=[person.pk])
    data = only_post_form(client.get(url)).data() | changes
    return client.post(url, data)


def _refused(client, advocate, name: str, data: dict) -> dict[str, str]:
    """Post a new record for a minor; the form must come back: its first message a field."""
    person = _minor(advocate)
    client.force_login(advocate)
    response = _post(client, name, person, **data)
    assert response.status_code == 200
    assert "Nothing was saved." in response.content.decode()
    return {k: v[0] for k, v in response.context["form"].errors.items()}


def test_a_consent_is_saved_from_its_form(client, advocate):
    person = _minor(advocate)
    client.force_login(advocate)
    response = _post(
        client,
        "minor_consent_create",
        person,
        given_by="parent",
        first_name="M.",
        covers=["services", "sharing"],
        agencies_named="County child advocacy center",
        given_on="2026-11-02",
    )
    assert response.status_code == 302
    consent = MinorConsent.objects.get(client=person)
    assert (consent.given_by, consent.first_name, consent.covers) == (
        "parent",
        "M.",
        ["services", "sharing"],
    )
    assert consent.created_by == advocate and consent.history.count() == 1


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"given_by": "other", "explanation": "  ", "covers": ["services"]},
            {"explanation": "Say who gave the consent and why they may give it."},
        ),
        (
            {
                "given_by": "guardian",
                "covers": ["services"],
                "given_on": "2026-11-10",
                "withdrawn_on": "2026-11-09",
            },
            {"withdrawn_on": "A consent can't be withdrawn before it was given."},
        ),
        (
            {"given_by": "guardian", "covers": ["sharing"], "agencies_named": ""},
            {"agencies_named": "Name the agencies information may be shared with."},
        ),
        ({"given_by": "minor_alone"}, {"covers": "Tick what the consent covers."}),
    ],
)
def test_a_consent_that_does_not_hold_is_refused_with_a_message(
    client, advocate, changes, messages
):
    data = {"given_on": "2026-11-10"} | changes
    assert _refused(client, advocate, "minor_consent_create", data) == messages
    assert not MinorConsent.objects.exists()


def test_a_report_made_is_saved_with_its_agency_time_and_author(client, advocate, advocate2):
    person = _minor(advocate)
    client.force_login(advocate)
    form = only_post_form(client.get(reverse("mandated_report_create", args=[person.pk])))
    assert form.data()["decided_by"] == str(advocate.pk)  # whoever adds it, by default
    response = _post(
        client,
        "mandated_report_create",
        person,
        decision="made",
        agency="cps",
        reported_at="2026-11-30T14:05",
        reference="CPS-2026-0042",
        client_told="yes",
    )
    assert response.status_code == 302
    report = MandatedReport.objects.get(client=person)
    assert (report.agency, report.reference) == ("cps", "CPS-2026-0042")
    assert report.decided_by == advocate
    assert timezone.localtime(report.reported_at).strftime("%Y-%m-%d %H:%M") == "2026-11-30 14:05"


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"decision": "made"},
            {
                "agency": "Say which agency the report was made to.",
                "reported_at": "Say when the report was made.",
            },
        ),
        ({"decision": "not_made", "reason": ""}, {"reason": "Say why no report is made."}),
        (
            {"decision": "not_required", "agency": "police", "reference": "X-1"},
            {
                "agency": "Only a report that was made has this: leave it empty.",
                "reference": "Only a report that was made has this: leave it empty.",
            },
        ),
        (
            {"decision": "made", "agency": "other", "reported_at": "2026-11-30T09:00"},
            {"agency_other": "Name the agency."},
        ),
        ({"decision": ""}, {"decision": "This field is required."}),
    ],
)
def test_a_report_decision_that_does_not_hold_is_refused_with_a_message(
    client, advocate, changes, messages
):
    assert _refused(client, advocate, "mandated_report_create", changes) == messages
    assert not MandatedReport.objects.exists()


# The client page's section ------------------------------------------------------------


def test_the_client_page_has_the_minor_section_for_a_minor_only(client, advocate):
    person = _minor(advocate)
    adult = ClientFactory(created_by=advocate, age_range="25_59")
    client.force_login(advocate)
    body = client.get(reverse("client_detail", args=[person.pk])).content.decode()
    assert "Minor: consent and mandated reports" in body
    assert reverse("minor_consent_create", args=[person.pk]) in body
    assert reverse("mandated_report_create", args=[person.pk]) in body
    body = client.get(reverse("client_detail", args=[adult.pk])).content.decode()
    assert "Minor: consent and mandated reports" not in body


def test_an_adult_who_has_such_records_still_sees_them(client, advocate):
    adult = ClientFactory(created_by=advocate, age_range="18_24")
    records = minor_records(adult, advocate)
    client.force_login(advocate)
    body = client.get(reverse("client_detail", args=[adult.pk])).content.decode()
    assert "Minor: consent and mandated reports" in body
    assert reverse("minor_consent_detail", args=[records["minor_consent"].pk]) in body
    assert reverse("mandated_report_detail", args=[records["mandated_report"].pk]) in body


# The supervisor's list ----------------------------------------------------------------


def test_a_minors_file_without_a_mandated_report_decision_is_listed_until_one_is_recorded(
    client, advocate, supervisor
):
    person = _minor(advocate, pseudonym="Wren-Listed")
    ClientFactory(created_by=advocate, pseudonym="Adult-Unlisted", age_range="25_59")
    client.force_login(supervisor)
    body = client.get(reverse("home")).content.decode()
    assert GAPS in body
    listed = body[body.index(GAPS) : body.index("</section>", body.index(GAPS))]
    assert reverse("client_detail", args=[person.pk]) in listed
    assert "Wren-Listed" in listed and "Adult-Unlisted" not in listed

    client.force_login(advocate)
    response = _post(
        client, "mandated_report_create", person, decision="not_made", reason="Aged out next week"
    )
    assert response.status_code == 302

    client.force_login(supervisor)
    body = client.get(reverse("home")).content.decode()
    listed = body[body.index(GAPS) : body.index("</section>", body.index(GAPS))]
    assert "Wren-Listed" not in listed
    assert "Every minor's file has a mandated-report decision recorded" in listed


def test_the_list_is_the_policys_and_leaves_out_purged_files(
    client, advocate, advocate2, supervisor
):
    own = _minor(advocate)
    other = _minor(advocate2)
    purged = _minor(advocate)
    assert _purge(client, supervisor, purged).status_code == 302
    assert list(minors.without_report_decision(supervisor)) == [own, other]
    assert list(minors.without_report_decision(advocate)) == [own]


def test_an_advocate_does_not_get_the_list(client, advocate):
    _minor(advocate)
    client.force_login(advocate)
    assert GAPS not in client.get(reverse("home")).content.decode()


# session, user, BEGIN, client count and page, care teams, access-log insert, COMMIT,
# BEGIN, session save, COMMIT, training hours, due items (2), overdue collaboration
# actions, emergency accesses waiting; the list of minors' files without a decision, how
# many in all, and their access-log insert; the on-call roster's kinds, who is on call,
# their own shifts, the uncovered hours and the swaps waiting (crisis_center/roster.py);
# due today and tomorrow (the calendar's four sources, on-call shifts among them); the
# caseload dashboard: its running counts, contacts per week, new clients per month.
HOME = 32


def test_the_supervisors_home_page_runs_a_fixed_number_of_queries(
    client, advocate, supervisor, django_assert_max_num_queries
):
    for _ in range(3):
        _minor(advocate)
    client.force_login(supervisor)
    small = _queries(client, django_assert_max_num_queries, reverse("home"), HOME)
    for _ in range(30):
        _minor(advocate)
    response = client.get(reverse("home"))
    assert response.content.decode().count("(client number ") == minors.SHOWN
    assert "<strong>33</strong>" in response.content.decode()
    large = _queries(client, django_assert_max_num_queries, reverse("home"), HOME)
    # The count, once more than a page waits; and the minors panel's access-log insert and
    # its check, skipped while every minor it shows is in the page's list (logged once).
    assert large <= small + 3


# Purge ------------------------------------------------------------------------------


def test_a_purge_leaves_no_consent_or_report_text(client, advocate, supervisor):
    story = "Quillonmarch"
    person = _minor(advocate)
    record_save(
        record=MinorConsent(
            client=person,
            given_by="other",
            explanation=f"{story} aunt, guardian by court order",
            first_name=f"{story[:8]}",
            covers=["sharing"],
            agencies_named=f"{story} youth services",
            notes=f"{story} asked us to call her",
        ),
        by=advocate,
    )
    report = record_save(
        record=MandatedReport(
            client=person,
            decision="made",
            agency="other",
            agency_other=f"{story} county office",
            reported_at=timezone.now() - timedelta(hours=1),
            decided_by=advocate,
            reference=f"{story}-77",
            notes=f"{story} was told first",
        ),
        by=advocate,
    )
    report.reason = f"{story} edited"  # a second history row
    record_save(record=report, by=advocate)
    assert len(_tables_containing(story)) >= 4  # both tables and both history tables
    assert _purge(client, supervisor, person).status_code == 302
    assert _tables_containing(story) == []
    assert _tables_containing(story[:8]) == []
    # The coded facts stay.
    assert MandatedReport.objects.get(client=person).decision == "made"
    assert MinorConsent.objects.get(client=person).covers == ["sharing"]
