"""The referral directory: search, resource cards, CSV, agreements and who may keep them."""

import csv
import io
from datetime import date, datetime, time, timedelta
from uuid import uuid4

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
            "days": list("0123456"),  # seven ticked boxes
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


def _import(client, text: str, **kwargs):
    upload = SimpleUploadedFile("d.csv", text.encode())
    return client.post(reverse("directory_import"), {"file": upload}, **kwargs)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_import_errors_are_one_line_per_row_and_field_and_name_the_allowed_values(
    client, coordinator, agency
):
    bad = CSV_OK + (
        "Eastside Health,Good row,legal,,,,,,,no,yes,yes,call,,yes,,,,2026-10-01\n"
        "Nowhere Agency,Bad row,teleportation,,,,,,,maybe,yes,yes,by pigeon,,no,,,,someday\n"
    )
    client.force_login(coordinator)
    errors = _import(client, bad).context["errors"]
    assert errors[0] == (
        "Row 4, agency: no agency is named “Nowhere Agency”: add it first on the Agencies "
        "page, or correct the name."
    )
    assert errors[1].startswith(
        "Row 4, category: “teleportation” is not one of: Health services, Emergency housing,"
    )
    assert "Re-integration (or their codes, such as health)." in errors[1]
    assert errors[2] == "Row 4, id_required: “maybe” is not yes or no."
    assert errors[3].startswith("Row 4, how_to_refer: “by pigeon” is not one of: Walk in,")
    assert errors[4] == "Row 4, last_verified: Enter a valid date."
    assert len(errors) == 5
    assert not Resource.objects.exists()  # the good rows are not saved either


def test_import_accepts_choices_as_the_labels_staff_see_or_the_codes(client, coordinator, agency):
    rows = _rows(CSV_OK) * 3
    rows = [dict(row) for row in rows]
    for row, name, category, how in (
        (rows[0], "A", "Emergency housing", "Warm hand-off"),
        (rows[1], "B", "  LEGAL: custody, deportation concerns, criminal charges ", "WALK IN"),
        (rows[2], "C", " Esl", "walk_in"),
    ):
        row |= {"name": name, "category": category, "how_to_refer": how}
    rows[0]["days"] = "monday, Wednesday"
    client.force_login(coordinator)
    assert _import(client, _csv(rows)).status_code == 302
    saved = {r.name: (r.category, r.how_to_refer, r.days) for r in Resource.objects.all()}
    assert saved == {
        "A": ("emergency_housing", "warm_handoff", "02"),
        "B": ("legal", "walk_in", "01234"),
        "C": ("esl", "walk_in", "01234"),
    }


def test_reimporting_an_edited_export_updates_its_rows_and_adds_only_new_ones(
    client, coordinator, agency
):
    kept = _resource(agency, name="Kept", phone="555-0101")
    edited = _resource(agency, name="Edited", phone="555-0102")
    client.force_login(coordinator)
    rows = _rows(client.get(reverse("directory_export")).content.decode())
    assert {row["key"] for row in rows} == {str(kept.key), str(edited.key)}
    for row in rows:
        if row["name"] == "Edited":
            row |= {"name": "Edited again", "phone": "555-0199", "category": "Mental health"}
    rows.append(rows[0] | {"key": "", "name": "Brand new"})

    response = _import(client, _csv(rows), follow=True)
    assert "1 resource added, 1 updated, 1 unchanged." in response.content.decode()
    assert Resource.objects.count() == 3
    edited.refresh_from_db()
    assert (edited.name, edited.phone, edited.category) == (
        "Edited again", "555-0199", "mental_health"
    )  # fmt: skip
    assert edited.history.count() == 2
    assert edited.history.first().history_user == coordinator
    assert kept.history.count() == 1  # unchanged: not saved again
    assert Resource.objects.get(name="Brand new").history.get().history_user == coordinator

    # The same file again: its new row is in the directory now, so it is refused.
    errors = _import(client, _csv(rows)).context["errors"]
    assert len(errors) == 1 and errors[0].startswith("Row 4, name: “Brand new” of Eastside")
    exported = client.get(reverse("directory_export")).content.decode()
    assert "3 resources unchanged." in _import(client, exported, follow=True).content.decode()
    assert Resource.objects.count() == 3


def test_an_export_from_before_keys_is_refused_rather_than_doubled(client, coordinator, agency):
    _resource(agency, name="Walk-in clinic")
    client.force_login(coordinator)
    errors = _import(client, CSV_OK).context["errors"]  # no key column: every row new
    assert errors == [
        "Row 2, name: “Walk-in clinic” of Eastside Health is in the directory already: "
        "to change it, import a new export, which gives each resource its key; to add "
        "another, give it another name."
    ]
    assert Resource.objects.count() == 1


def test_a_key_the_directory_does_not_have_is_an_error(client, coordinator, agency):
    rows = [
        row | {"key": key}
        for row, key in zip(_rows(CSV_OK) * 2, ["nonsense", str(uuid4())], strict=True)
    ]
    rows[1]["name"] = "Other"
    client.force_login(coordinator)
    errors = _import(client, _csv(rows)).context["errors"]
    assert errors == [
        f"Row {n}, key: “{row['key']}” is not the key of a resource in this directory: "
        "leave it empty to add the row as a new resource."
        for n, row in ((2, rows[0]), (3, rows[1]))
    ]
    assert not Resource.objects.exists()


def test_the_export_round_trips_what_a_spreadsheet_would_change(client, coordinator, agency):
    _resource(agency, name="=SUM(A1)", phone="+1 555 0100", days="01234",
              opens_at=time(9), closes_at=time(17))  # fmt: skip
    client.force_login(coordinator)
    text = client.get(reverse("directory_export")).content.decode()
    row = _rows(text)[0]
    # A formula is shown as text; days by name, as "01234" would lose its leading zero.
    assert (row["name"], row["phone"], row["days"]) == (
        "'=SUM(A1)",
        "'+1 555 0100",
        "Mon Tue Wed Thu Fri",
    )
    assert "1 resource unchanged." in _import(client, text, follow=True).content.decode()
    resource = Resource.objects.get()
    assert (resource.name, resource.phone, resource.days) == ("=SUM(A1)", "+1 555 0100", "01234")


@pytest.mark.parametrize(
    ("added", "updated", "unchanged", "message"),
    [
        (1, 0, 0, "1 resource added."),
        (2, 0, 0, "2 resources added."),
        (1, 3, 0, "1 resource added, 3 updated."),
        (0, 1, 0, "1 resource updated."),
        (0, 2, 1, "2 resources updated, 1 unchanged."),
        (3, 1, 1, "3 resources added, 1 updated, 1 unchanged."),
    ],
)
def test_the_import_says_what_it_did_in_plain_english(added, updated, unchanged, message):
    assert csv_io.summary(added, updated, unchanged) == message


def test_import_runs_the_same_queries_for_few_rows_and_many(coordinator, agency):
    def queries(n: int) -> int:
        Resource.objects.all().delete()
        existing = [_resource(agency, name=f"Old {i}") for i in range(n)]
        rows = _rows(csv_io.export(Resource.objects.select_related("agency")))
        for row in rows:
            row["phone"] = "555-0123"  # every existing row updated
        rows += [rows[0] | {"key": "", "name": f"New {i}"} for i in range(n)]  # and n new
        with CaptureQueriesContext(connection) as ctx:
            result = csv_io.import_file(_csv(rows).encode(), by=coordinator)
        assert (result.added, result.updated, result.errors) == (n, len(existing), [])
        return len(ctx.captured_queries)

    assert queries(3) == queries(30)  # one batch of each write either way


def test_import_of_a_good_file_and_the_export_round_trip(client, coordinator, agency):
    client.force_login(coordinator)
    response = _import(client, CSV_OK)
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert (resource.name, resource.id_required, resource.days) == (
        "Walk-in clinic",
        False,
        "01234",
    )

    exported = client.get(reverse("directory_export")).content.decode()
    Resource.objects.all().delete()
    result = csv_io.import_file(exported.encode(), by=coordinator)
    # The key names a resource no longer there: refused, not silently added.
    assert result.errors[0].startswith("Row 2, key: ")
    rows = [row | {"key": ""} for row in _rows(exported)]
    assert csv_io.import_file(_csv(rows).encode(), by=coordinator).added == 1


def test_import_refuses_a_file_that_is_not_csv_text(coordinator):
    def errors(data: bytes) -> list[str]:
        return csv_io.import_file(data, by=coordinator).errors

    assert errors(b"\xff\xfe\x00binary")[0].startswith("The file is not UTF-8")
    assert errors(b"a,b\n1,2\n")[0].startswith("Missing columns")
    assert errors(CSV_OK.splitlines()[0].encode()) == ["The file has no rows under its header."]


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
    ceiling = 10
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
    _queries(client, django_assert_max_num_queries, reverse(name), 10)


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_resources_from_before_keys_get_a_key_each_and_their_history_the_same():
    from django.db.migrations.executor import MigrationExecutor

    before, after = ("referrals", "0006_due_counts"), ("referrals", "0007_resource_key")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    agency = old.get_model("referrals", "Agency").objects.create(name="Eastside")
    resource_model = old.get_model("referrals", "Resource")
    history_model = old.get_model("referrals", "HistoricalResource")
    resources = [
        resource_model.objects.create(agency=agency, name=f"R{i}", category="health")
        for i in range(3)
    ]
    now = timezone.now()
    for resource in resources:
        for kind in "+~":
            history_model.objects.create(
                id=resource.pk, name=resource.name, category="health", agency_id=agency.pk,
                last_verified=resource.last_verified, updated_at=now, history_date=now,
                history_type=kind,
            )  # fmt: skip
    for kind in "+-":  # a resource deleted since
        history_model.objects.create(
            id=999, name="Gone", category="health", agency_id=agency.pk,
            last_verified=resources[0].last_verified, updated_at=now, history_date=now,
            history_type=kind,
        )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate([after])
    new = executor.loader.project_state([after]).apps
    keys = dict(new.get_model("referrals", "Resource").objects.values_list("pk", "key"))
    assert len(set(keys.values())) == 3 and None not in keys.values()
    history = new.get_model("referrals", "HistoricalResource").objects.values_list("id", "key")
    for pk, key in history:
        assert key == keys.get(pk, key) and key is not None
    assert len({key for pk, key in history if pk == 999}) == 1
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
