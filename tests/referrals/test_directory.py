"""The referral directory: search, resource cards, CSV, agreements and who may keep them."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from referrals import csv_io
from referrals.models import Agency, NetworkingAgreement, Resource
from tests.intake.test_client_pages import _queries


@pytest.fixture
def agency(db):
    return Agency.objects.create(name="Eastside Health", phone="555-0100", address="1 Main St")


def _resource(agency, **fields) -> Resource:
    defaults = {"name": "Clinic", "category": "health", "languages": "English"}
    return Resource.objects.create(agency=agency, **(defaults | fields))


def _names(response) -> list[str]:
    return [r.name for r in response.context["page"].object_list]


def test_every_staff_member_can_search_the_directory(client, staff, agency):
    _resource(agency)
    for user in staff.values():
        client.force_login(user)
        assert client.get(reverse("directory")).status_code == 200


def test_search_filters(client, advocate, agency):
    _resource(agency, name="Spanish clinic", languages="Spanish, English", id_required=True)
    _resource(agency, name="Shelter", category="emergency_housing", description="Beds tonight")
    _resource(agency, name="Detox", category="substance_abuse", accepts_substance_use=True)
    client.force_login(advocate)
    url = reverse("directory")
    assert _names(client.get(url, {"category": "emergency_housing"})) == ["Shelter"]
    assert _names(client.get(url, {"language": "spanish"})) == ["Spanish clinic"]
    assert "Spanish clinic" not in _names(client.get(url, {"no_id": "on"}))
    assert _names(client.get(url, {"q": "beds"})) == ["Shelter"]
    assert _names(client.get(url, {"q": "eastside", "category": "substance_abuse"})) == ["Detox"]


def test_bad_filter_values_are_ignored_not_an_error(client, advocate, agency):
    _resource(agency)
    client.force_login(advocate)
    for params in ({"category": "nope"}, {"q": "x" * 5000}, {"page": "-3"}, {"open_now": "??"}):
        assert client.get(reverse("directory"), params).status_code == 200


def test_open_now(agency):
    _resource(agency, name="24/7 line", open_24_7=True)
    _resource(agency, name="Weekdays", days="01234", opens_at=time(9), closes_at=time(17))
    tuesday_noon = timezone.make_aware(datetime(2026, 11, 24, 12, 0))
    sunday_noon = timezone.make_aware(datetime(2026, 11, 29, 12, 0))
    tuesday_night = timezone.make_aware(datetime(2026, 11, 24, 20, 0))
    names = lambda moment: sorted(r.name for r in Resource.objects.open_at(moment))  # noqa: E731
    assert names(tuesday_noon) == ["24/7 line", "Weekdays"]
    assert names(sunday_noon) == ["24/7 line"]
    assert names(tuesday_night) == ["24/7 line"]


def test_entries_not_verified_for_six_months_are_flagged(client, advocate, agency):
    _resource(agency, name="Old", last_verified=timezone.localdate() - timedelta(days=200))
    _resource(agency, name="Fresh")
    client.force_login(advocate)
    body = client.get(reverse("directory")).content.decode()
    assert body.count("Not verified since") == 1


def test_resource_card_is_plain_text_for_the_caller(client, advocate, agency):
    resource = _resource(agency, name="Clinic <b>", days="0", opens_at=time(9), closes_at=time(12))
    client.force_login(advocate)
    response = client.get(reverse("resource_card", args=[resource.pk]))
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Clinic <b> (Eastside Health)" in text
    assert "Phone: 555-0100" in text and "Mon 09:00-12:00" in text


@pytest.mark.parametrize("username", ["advocate", "supervisor", "admin"])
def test_only_coordinators_keep_the_directory_agencies_and_agreements(
    client, staff, agency, username
):
    resource = _resource(agency)
    agreement = NetworkingAgreement.objects.create(agency=agency)
    client.force_login(staff[username])
    for url in (
        reverse("resource_create"),
        reverse("resource_edit", args=[resource.pk]),
        reverse("agency_list"),
        reverse("agency_edit", args=[agency.pk]),
        reverse("agreement_create"),
        reverse("agreement_edit", args=[agreement.pk]),
        reverse("directory_export"),
        reverse("directory_import"),
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(staff["coordinator"])
    assert client.get(reverse("resource_edit", args=[resource.pk])).status_code == 200
    assert client.get(reverse("agreement_edit", args=[agreement.pk])).status_code == 200


def test_coordinator_adds_a_resource_and_garbage_saves_nothing(client, coordinator, agency):
    client.force_login(coordinator)
    garbage = {"agency": "999", "name": "", "category": "magic", "days": "789", "opens_at": "25:00"}
    response = client.post(reverse("resource_create"), garbage)
    assert set(response.context["form"].errors) >= {"agency", "name", "category", "opens_at"}
    assert not Resource.objects.exists()
    response = client.post(
        reverse("resource_create"),
        {
            "agency": agency.pk,
            "name": "Night shelter",
            "category": "emergency_housing",
            "how_to_refer": "walk_in",
            "days": "0123456",
            "opens_at": "19:00",
            "closes_at": "23:00",
            "last_verified": timezone.localdate().isoformat(),
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Resource.objects.get().hours_text.startswith("Mon, Tue")


CSV_OK = (
    "agency,name,category,description,eligibility,cost,languages,populations,accessibility,"
    "id_required,accepts_trafficking_survivors,accepts_substance_use,how_to_refer,phone,"
    "open_24_7,days,opens_at,closes_at,last_verified\n"
    "Eastside Health,Walk-in clinic,health,,,free,English,,,no,yes,yes,walk_in,,no,01234,"
    "09:00,17:00,2026-10-01\n"
)


def test_import_with_one_bad_row_saves_nothing_and_names_the_row(client, coordinator, agency):
    bad = CSV_OK + (
        "Eastside Health,Good row,legal,,,,,,,no,yes,yes,call,,yes,,,,2026-10-01\n"
        "Nowhere Agency,Bad row,teleportation,,,,,,,maybe,yes,yes,call,,no,,,,someday\n"
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("directory_import"), {"file": SimpleUploadedFile("d.csv", bad.encode())}
    )
    errors = response.context["errors"]
    assert len(errors) == 1 and errors[0].startswith("Row 4: ")
    for problem in ("id_required", "agency", "category", "last_verified"):
        assert problem in errors[0]
    assert not Resource.objects.exists()


def test_import_of_a_good_file_and_the_export_round_trip(client, coordinator, agency):
    client.force_login(coordinator)
    response = client.post(
        reverse("directory_import"), {"file": SimpleUploadedFile("d.csv", CSV_OK.encode())}
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert (resource.name, resource.id_required, resource.days) == (
        "Walk-in clinic",
        False,
        "01234",
    )

    exported = client.get(reverse("directory_export")).content.decode()
    Resource.objects.all().delete()
    created, errors = csv_io.import_file(exported.encode())
    assert (created, errors) == (1, [])


def test_import_refuses_a_file_that_is_not_csv_text(coordinator):
    assert csv_io.import_file(b"\xff\xfe\x00binary")[1][0].startswith("The file is not UTF-8")
    assert csv_io.import_file(b"a,b\n1,2\n")[1][0].startswith("Missing columns")


def test_export_neutralises_spreadsheet_formulas(agency):
    _resource(agency, name='=HYPERLINK("http://x")')
    text = csv_io.export(Resource.objects.select_related("agency"))
    assert "'=HYPERLINK" in text


def test_agreement_document_must_be_a_pdf_and_is_served_only_to_staff(
    client, coordinator, advocate, agency
):
    client.force_login(coordinator)
    url = reverse("agreement_create")
    data = {"agency": agency.pk, "status": "active", "review_interval_months": "12"}
    fake = SimpleUploadedFile("agreement.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(url, data | {"document": fake})
    assert "Upload the agreement as a PDF file." in response.content.decode()
    assert not NetworkingAgreement.objects.exists()

    pdf = SimpleUploadedFile("agreement.pdf", b"%PDF-1.4 signed agreement", "application/pdf")
    assert client.post(url, data | {"document": pdf}).status_code == 302
    agreement = NetworkingAgreement.objects.get()
    assert "static" not in agreement.document.path

    client.force_login(advocate)
    response = client.get(reverse("agreement_document", args=[agreement.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed agreement"
    client.logout()
    response = client.get(reverse("agreement_document", args=[agreement.pk]))
    assert response.status_code == 302 and "login" in response.url
    agreement.document.delete()


def test_replacing_or_clearing_an_agreement_document_deletes_the_old_file(
    client, coordinator, agency, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    data = {"agency": agency.pk, "status": "active", "review_interval_months": "12"}

    def post(url: str, fields: dict) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data | fields).status_code

    def pdf(content: bytes) -> SimpleUploadedFile:
        return SimpleUploadedFile("harbor-signed.pdf", b"%PDF-1.4 " + content, "application/pdf")

    assert post(reverse("agreement_create"), {"document": pdf(b"first")}) == 302
    agreement = NetworkingAgreement.objects.get()
    storage, first = agreement.document.storage, agreement.document.name
    url = reverse("agreement_edit", args=[agreement.pk])
    assert post(url, {"notes": "Signed again"}) == 302  # no new file: the document stays
    assert storage.exists(first)
    assert post(url, {"document": pdf(b"second"), "review_interval_months": "0"}) == 200
    assert storage.exists(first)  # refused: nothing changed

    assert post(url, {"document": pdf(b"second")}) == 302
    agreement.refresh_from_db()
    second = agreement.document.name
    assert not storage.exists(first)
    assert storage.open(second).read() == b"%PDF-1.4 second"
    assert post(url, {"document-clear": "on"}) == 302
    agreement.refresh_from_db()
    assert not agreement.document and not storage.exists(second)


def test_agreements_due_show_on_the_coordinator_home_and_marking_reviewed_moves_them(
    client, coordinator, agency
):
    today = timezone.localdate()
    overdue = NetworkingAgreement.objects.create(
        agency=agency, status="active", next_review=today - timedelta(days=3)
    )
    NetworkingAgreement.objects.create(
        agency=Agency.objects.create(name="Later"),
        status="active",
        next_review=today + timedelta(days=90),
    )
    client.force_login(coordinator)
    body = client.get(reverse("home")).content.decode()
    assert "Eastside Health" in body and "Overdue" in body and "Later" not in body

    client.post(reverse("agreement_reviewed", args=[overdue.pk]))
    overdue.refresh_from_db()
    assert overdue.next_review > today + timedelta(days=360)
    assert "Overdue" not in client.get(reverse("home")).content.decode()


def test_directory_search_runs_a_fixed_number_of_queries(
    client, advocate, agency, django_assert_max_num_queries
):
    # session, user, BEGIN, count, page of resources with agencies, COMMIT, BEGIN,
    # session save, COMMIT
    ceiling = 9
    for i in range(3):
        _resource(agency, name=f"R{i}", open_24_7=True)
    client.force_login(advocate)
    url = reverse("directory") + "?open_now=on&language=English"
    small = _queries(client, django_assert_max_num_queries, url, ceiling)
    Resource.objects.bulk_create(
        Resource(
            agency=agency, name=f"S{i}", category="health", open_24_7=True, languages="English"
        )
        for i in range(200)
    )
    large = _queries(client, django_assert_max_num_queries, url, ceiling)
    assert small == large


@pytest.mark.parametrize("name", ["agency_list", "agreement_list", "directory_import"])
def test_coordinator_pages_run_a_fixed_number_of_queries(
    client, coordinator, agency, django_assert_max_num_queries, name
):
    for i in range(30):
        NetworkingAgreement.objects.create(agency=Agency.objects.create(name=f"A{i}"))
    client.force_login(coordinator)
    _queries(client, django_assert_max_num_queries, reverse(name), 9)


def test_resource_hours_must_make_sense(agency):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="after opening"):
        Resource(
            agency=agency,
            name="x",
            category="health",
            days="0",
            opens_at=time(17),
            closes_at=time(9),
        ).full_clean()
    assert date.today()  # the module's date import is used by fixtures above
