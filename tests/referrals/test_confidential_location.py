"""Confidential partner locations (issue 23): a shelter's or safe house's street address
is kept for the coordinators who keep the directory and shown on its agency page only;
every other page, card and export shows staff its intake line instead, and the
directory's CSV never carries it, for anyone. Also: the center's name in report titles."""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from crisis_center.center import CenterSettings
from referrals import csv_io
from referrals.models import Agency, HousingPlacement, NetworkingAgreement, Referral, Resource
from tests import test_access_matrix as matrix
from tests.factories import (
    ContactFactory,
    ScreeningFactory,
    advocacy_records,
    conference_records,
    referral_records,
    situation_records,
)

ADDRESS = "4417 Quillfeather Lane\nUnit 9, Marrowby"
# The address and its parts: a page that printed any of them would give the place away.
PARTS = ["4417 Q", "Quillfeather", "Marrowby", "Unit 9"]
INTAKE_LINE = "555-0177"


def _leaks(body: bytes) -> list[str]:
    text = body.decode(errors="replace")
    return [part for part in PARTS if part in text]


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def shelter(db, own_client, advocate):
    """The agency every record of the client refers to, made a confidential location:
    a release, a referral and an incoming referral (tests.factories), a housing stay,
    a contact's referral, an agreement, and a second service."""
    records = referral_records(own_client, advocate)
    agency = records["agency"]
    agency.address = ADDRESS
    agency.confidential_location = True
    agency.intake_line = INTAKE_LINE
    agency.kind = "dv_program"
    agency.full_clean()
    agency.save()
    Resource.objects.create(agency=agency, name="Safe house beds", category="emergency_housing")
    ScreeningFactory(client=own_client, created_by=advocate)
    ContactFactory(advocate=advocate, client=own_client)
    contact = ContactFactory(advocate=advocate)
    Referral.objects.create(contact=contact, resource=records["resource"], created_by=advocate)
    advocacy_records(own_client, advocate)
    conference_records(own_client, advocate)
    situation_records(own_client, advocate)
    HousingPlacement.objects.create(client=own_client, created_by=advocate, agency=agency)
    NetworkingAgreement.objects.create(agency=agency, their_liaison="Intake desk")
    return agency


def _no_argument_urls():
    """Every page of the URLconf that takes no argument (the admin apart: it holds no
    directory model)."""

    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace != "admin":
                    yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and entry.name:
                route = prefix + str(entry.pattern)
                if "<" not in route and "(?P" not in route:
                    yield entry.name

    return [reverse(name) for name in sorted(set(walk(get_resolver())) - {"logout"})]


def _directory_urls(agency: Agency, own_client) -> list[str]:
    """The directory's pages about the agency, searched and filtered as staff do."""
    contact = Referral.objects.get(contact__isnull=False).contact
    urls = [
        reverse("directory") + "?q=Harbor",
        reverse("directory") + "?category=emergency_housing",
        reverse("directory") + f"?client={own_client.pk}",
        reverse("directory") + f"?contact={contact.pk}",
        reverse("agency_edit", args=[agency.pk]),
        reverse("agreement_edit", args=[agency.agreements.get().pk]),
    ]
    for resource in agency.resources.all():
        urls += [
            reverse("resource_detail", args=[resource.pk]),
            reverse("resource_card", args=[resource.pk]),
            reverse("resource_edit", args=[resource.pk]),
            reverse("referral_create", args=[own_client.pk]) + f"?resource={resource.pk}",
            reverse("contact_referral_create", args=[contact.pk]) + f"?resource={resource.pk}",
        ]
    return urls


def _client_urls(own_client) -> list[str]:
    """Every page with an id of the access matrix that opens with a GET (the client's
    page, its records, referrals, releases, housing stays, history...)."""
    urls = []
    for name, url in matrix.CLIENT_URLS.items():
        if url.method == "get":
            kwargs = url.target(own_client, own_client.created_by)
            query = urlencode(url.data(own_client))
            urls.append(reverse(name, kwargs=kwargs) + (f"?{query}" if query else ""))
    return urls


def _crawl(client, urls) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Each page's status, after checking that none printed any part of the address."""
    statuses, leaked = {}, {}
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        statuses[url] = response.status_code
        if found := _leaks(_body(response)):
            leaked[url] = found
    return statuses, leaked


@pytest.mark.parametrize("username", ["advocate", "supervisor"])
def test_staff_never_see_a_confidential_address_anywhere(
    client, staff, own_client, shelter, username
):
    client.force_login(staff[username])
    urls = _no_argument_urls() + _directory_urls(shelter, own_client) + _client_urls(own_client)
    statuses, leaked = _crawl(client, urls)
    assert leaked == {}
    # The crawl reached the pages that name the agency: it is not passing on 404s.
    opened = {url for url, status in statuses.items() if status == 200}
    resource = shelter.resources.first()
    assert reverse("resource_detail", args=[resource.pk]) in opened
    assert reverse("resource_card", args=[resource.pk]) in opened
    assert reverse("client_detail", args=[own_client.pk]) in opened
    assert reverse("housing_list", args=[own_client.pk]) in opened
    referral = Referral.objects.get(client=own_client)
    assert reverse("referral_detail", args=[referral.pk]) in opened
    if username == "supervisor":
        assert reverse("client_history", args=[own_client.pk]) in opened
    # Not theirs to open: the directory's keeping pages are the coordinators'.
    assert statuses[reverse("agency_edit", args=[shelter.pk])] == 404
    assert statuses[reverse("directory_export")] == 404


def test_staff_are_told_to_call_the_intake_line_instead(client, advocate, shelter):
    client.force_login(advocate)
    resource = shelter.resources.first()
    said = f"Confidential location: call the intake line {INTAKE_LINE}"
    page = client.get(reverse("resource_detail", args=[resource.pk])).content.decode()
    card = client.get(reverse("resource_card", args=[resource.pk])).content.decode()
    listing = client.get(reverse("directory"), {"q": "Harbor"}).content.decode()
    assert said in page and said in card and said in listing


def test_an_ordinary_agency_still_shows_its_address(client, advocate):
    agency = Agency.objects.create(name="Eastside Health", address="1 Main St")
    resource = Resource.objects.create(agency=agency, name="Clinic", category="health")
    client.force_login(advocate)
    assert (
        "1 Main St" in client.get(reverse("resource_detail", args=[resource.pk])).content.decode()
    )
    assert "1 Main St" in client.get(reverse("resource_card", args=[resource.pk])).content.decode()


def test_coordinators_see_it_on_the_agency_page_only_and_never_in_the_export(
    client, coordinator, own_client, shelter
):
    client.force_login(coordinator)
    urls = _no_argument_urls() + _directory_urls(shelter, own_client)
    statuses, leaked = _crawl(client, urls)
    agency_page = reverse("agency_edit", args=[shelter.pk])
    assert statuses[agency_page] == 200
    assert statuses[reverse("directory_export")] == 200
    assert set(leaked) == {agency_page}
    page = client.get(agency_page).content.decode()
    assert "4417 Quillfeather Lane" in page  # in the form, to edit
    assert "Confidential location." in page  # the warning above it
    assert "Only coordinators see this address" in page


def test_the_export_has_the_flag_and_the_intake_line_and_no_address(client, coordinator, shelter):
    Agency.objects.create(name="Eastside Health", address="1 Main St")
    client.force_login(coordinator)
    exported = client.get(reverse("directory_export")).content.decode()
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {row["agency_confidential_location"] for row in rows} == {"yes"}
    assert {row["agency_intake_line"] for row in rows} == {INTAKE_LINE}
    assert _leaks(exported.encode()) == []
    assert "address" not in rows[0]
    assert (
        "The export never includes an agency's address"
        in client.get(reverse("directory_import")).content.decode()
    )


# The agency form ------------------------------------------------------------------


def _agency_data(**values) -> dict:
    return {"name": "Bright Door", "kind": "dv_program", "address": ADDRESS} | values


def test_a_coordinator_marks_an_agency_confidential_as_typed(client, coordinator):
    client.force_login(coordinator)
    data = _agency_data(confidential_location="on", intake_line=" 555-0199 ")
    response = client.post(reverse("agency_create"), data)
    assert response.status_code == 302
    agency = Agency.objects.get()
    assert (agency.confidential_location, agency.address) == (True, ADDRESS)
    assert agency.intake_line.strip() == "555-0199"
    list_page = client.get(reverse("agency_list")).content.decode()
    assert "Confidential location" in list_page
    assert _leaks(list_page.encode()) == []


def test_a_confidential_location_needs_an_intake_line(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("agency_create"), _agency_data(confidential_location="on"))
    assert response.status_code == 200
    assert "A confidential location needs an intake line" in response.content.decode()
    assert not Agency.objects.exists()


# The import -----------------------------------------------------------------------


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _export() -> list[dict[str, str]]:
    return _rows(csv_io.export(Resource.objects.select_related("agency").order_by("name")))


@pytest.fixture
def open_agency(db):
    agency = Agency.objects.create(name="Bright Door", address=ADDRESS, phone="555-0100")
    Resource.objects.create(agency=agency, name="Beds", category="emergency_housing")
    Resource.objects.create(agency=agency, name="Counseling", category="mental_health")
    return agency


def test_an_import_marks_an_agency_confidential_and_keeps_its_address(coordinator, open_agency):
    rows = _export()
    assert {row["agency_confidential_location"] for row in rows} == {"no"}
    rows = [
        row | {"agency_confidential_location": "yes", "agency_intake_line": INTAKE_LINE}
        for row in rows
    ]
    result = csv_io.import_file(_csv(rows), by=coordinator)
    assert (result.errors, result.agencies, result.unchanged) == ([], 1, 2)
    assert csv_io.summary(0, 0, 2, 1) == "2 resources unchanged. 1 agency updated."
    open_agency.refresh_from_db()
    assert (open_agency.confidential_location, open_agency.intake_line) == (True, INTAKE_LINE)
    assert open_agency.address == ADDRESS  # stored, for the agency page
    assert open_agency.history.count() == 2  # the import's change is in the history
    assert _leaks(csv_io.export(Resource.objects.select_related("agency")).encode()) == []


def test_importing_an_edited_export_keeps_a_confidential_address(coordinator, open_agency):
    Agency.objects.filter(pk=open_agency.pk).update(
        confidential_location=True, intake_line=INTAKE_LINE
    )
    rows = _export()
    rows[0]["phone"] = "555-0142"  # an edit of a resource of the agency
    result = csv_io.import_file(_csv(rows), by=coordinator)
    assert (result.errors, result.updated, result.agencies) == ([], 1, 0)
    open_agency.refresh_from_db()
    assert open_agency.address == ADDRESS
    assert (open_agency.confidential_location, open_agency.intake_line) == (True, INTAKE_LINE)


def test_an_empty_cell_or_an_older_file_leaves_the_agency_as_it_is(coordinator, open_agency):
    Agency.objects.filter(pk=open_agency.pk).update(
        confidential_location=True, intake_line=INTAKE_LINE
    )
    rows = _export()
    blank = [row | {"agency_confidential_location": "", "agency_intake_line": ""} for row in rows]
    older = [{k: v for k, v in row.items() if k not in csv_io.AGENCY_COLUMNS} for row in rows]
    for file in (blank, older):
        result = csv_io.import_file(_csv(file), by=coordinator)
        assert (result.errors, result.agencies) == ([], 0)
        open_agency.refresh_from_db()
        assert (open_agency.confidential_location, open_agency.intake_line) == (True, INTAKE_LINE)
        assert open_agency.address == ADDRESS


def test_an_import_does_not_unmark_a_confidential_location(coordinator, open_agency):
    Agency.objects.filter(pk=open_agency.pk).update(
        confidential_location=True, intake_line=INTAKE_LINE
    )
    rows = [row | {"agency_confidential_location": "no", "phone": "1"} for row in _export()]
    result = csv_io.import_file(_csv(rows), by=coordinator)
    assert result.errors[0] == (
        "Row 2, agency_confidential_location: Bright Door is a confidential location: to "
        "show its address to staff, unmark it on its agency page."
    )
    open_agency.refresh_from_db()
    assert open_agency.confidential_location
    assert not Resource.objects.filter(phone="1").exists()  # all or nothing


def test_import_refuses_a_confidential_location_without_an_intake_line(coordinator, open_agency):
    rows = [row | {"agency_confidential_location": "yes"} for row in _export()]
    result = csv_io.import_file(_csv(rows), by=coordinator)
    assert result.errors == [
        "Row 2, agency_intake_line: Bright Door is a confidential location: give its intake "
        "line, the number staff call instead of its address."
    ]
    open_agency.refresh_from_db()
    assert not open_agency.confidential_location


def test_import_refuses_rows_that_disagree_about_an_agency_or_bad_values(coordinator, open_agency):
    rows = _export()
    rows[0] |= {"agency_confidential_location": "yes", "agency_intake_line": INTAKE_LINE}
    rows[1] |= {"agency_confidential_location": "maybe", "agency_intake_line": "555-0000"}
    errors = csv_io.import_file(_csv(rows), by=coordinator).errors
    assert errors == [
        "Row 3, agency_confidential_location: “maybe” is not yes or no.",
        "Row 3, agency_intake_line: row 2 gives Bright Door another answer: give an agency one.",
    ]
    rows[1] |= {"agency_confidential_location": "no", "agency_intake_line": "x" * 41}
    errors = csv_io.import_file(_csv(rows), by=coordinator).errors
    assert errors == [
        "Row 3, agency_confidential_location: row 2 gives Bright Door another answer: give an "
        "agency one.",
        "Row 3, agency_intake_line: longer than 40 characters.",
    ]
    open_agency.refresh_from_db()
    assert not open_agency.confidential_location


def test_an_import_page_upload_says_what_it_did(client, coordinator, open_agency):
    rows = [
        row | {"agency_confidential_location": "yes", "agency_intake_line": INTAKE_LINE}
        for row in _export()
    ]
    client.force_login(coordinator)
    upload = io.BytesIO(_csv(rows))
    upload.name = "directory.csv"
    response = client.post(reverse("directory_import"), {"file": upload}, follow=True)
    assert "1 agency updated." in response.content.decode()


# The center's name in report titles -----------------------------------------------

REPORTS = [
    ("quarterly_report", "Quarterly victim-services report — {}"),
    ("outcome_measures", "Collaboration outcome measures — {}"),
    ("stability_report", "Stability outcomes — {}"),
    ("service_hours", "Service hours — {}"),
    ("volunteer_hours", "Volunteer hours — {}"),
    ("caseload_dashboard", "Caseload dashboard — {}"),
    ("feedback_results", "Client feedback — {}"),
]


@pytest.mark.parametrize(("name", "title"), REPORTS)
def test_report_titles_carry_the_centers_name(client, supervisor, name, title):
    CenterSettings(name="Rivers Rape Crisis Center").save()
    client.force_login(supervisor)
    response = client.get(reverse(name))
    assert response.status_code == 200
    heading = title.format("Rivers Rape Crisis Center")
    assert f">{heading}</h1>" in response.content.decode()
