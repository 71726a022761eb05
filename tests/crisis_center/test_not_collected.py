"""Fields a center does not collect (crisis_center/center.py, issue 23): gone from every
form, page and import template; a value posted for one anyway is not saved; the funder
report counts a demographic not collected as Not Tracked; supervisors clear what was
stored before, through the history."""

import csv
import io
from datetime import date

import pytest
from django.apps import apps
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis_center import center, local_choices
from crisis_center.center import COLLECTIBLE, CenterSettings
from crisis_center.records import KINDS
from crisis_center.reports import Period, outcome_measures
from intake import imports, services
from intake.choices import ClassificationKind
from intake.models import Classification, Client, ClientClassification
from intake.reports import quarterly_report
from tests.factories import ContactFactory, TrainingRecordFactory, advocacy_records
from tests.page_forms import form_values
from tests.report_data import build_quarter

pytestmark = pytest.mark.django_db

RACE = "client.race"
FIELDS = [f for f in COLLECTIBLE if f.fields]  # those kept in their model's own fields
SLUG = {
    "intake.Client": "client",
    "intake.CrisisContact": "contact",
    **{f"advocacy.{kind.model.__name__}": slug for slug, kind in KINDS.items()},
}
# A field every form of the model always has: where form_values finds the form.
ALWAYS = {"client": "pseudonym", "contact": "channel"}
# How the client and contact pages label each field (record pages use verbose names).
PAGE_LABELS = {
    "client.legal_name": "Legal name",
    "client.date_of_birth": "Date of birth",
    "client.age_range": "Age range",
    "client.gender": "Gender identity",
    "client.languages": "Languages",
    "client.referral_source": "Referral source",
    "contact.caller_relation": "Caller is",
    "contact.needs": "Needs raised",
    "contact.note": "Note",
}


def turn_off(*keys: str) -> None:
    CenterSettings(not_collected=list(keys)).save()


def _field(collectible, name=None) -> models.Field:
    model = apps.get_model(collectible.model)
    return model._meta.get_field(name or collectible.fields[0])


def listed_codes(field: models.JSONField) -> list[str]:
    """The built-in codes of a checklist: a fixed list's, or an extendable list's."""
    (validator,) = field.validators
    if hasattr(validator, "list_name"):
        return [code for code, _ in local_choices.offered(validator.list_name)]
    return list(validator.choices.values)


def stored_value(field: models.Field):
    """A value unlike what a new record gets."""
    if isinstance(field, models.BooleanField):
        return True
    if isinstance(field, models.DateField):
        return date(1990, 4, 3)
    if isinstance(field, models.JSONField):
        return [listed_codes(field)[0]]
    if field.choices:
        return next(value for value, _ in field.choices if value != field.default)
    return f"Kept {field.name}"


def forged_value(field: models.Field) -> list[str]:
    """What a forged post sends for the field: another value (a checkbox left unticked
    posts nothing, which a form would read as "no")."""
    if isinstance(field, models.BooleanField):
        return []
    if isinstance(field, models.DateField):
        return ["1985-01-01"]
    if isinstance(field, models.JSONField):
        return [listed_codes(field)[1]]
    if field.choices:
        values = [value for value, _ in field.choices if value != field.default]
        return [values[-1]]
    return ["Forged"]


@pytest.fixture
def records(advocate, own_client):
    """One record of each model with collectible fields, each holding a value in all of
    them (the client's race too)."""
    TrainingRecordFactory(staff=advocate, topic="counseling", hours=20)
    made = {"client": own_client, "contact": ContactFactory(advocate=advocate, client=own_client)}
    made.update(advocacy_records(own_client, advocate))
    for collectible in FIELDS:
        record = made[SLUG[collectible.model]]
        for name in collectible.fields:
            setattr(record, name, stored_value(_field(collectible, name)))
    for record in made.values():
        record.save()
    race = Classification.objects.filter(kind=ClassificationKind.RACE, is_non_answer=False)
    services.classifications_set(client=own_client, wanted=[race[0]], by=advocate)
    return made


def _pages(collectible, records) -> dict[str, str]:
    slug = SLUG[collectible.model]
    record = records[slug]
    pages = {"edit": reverse(f"{slug}_edit", args=[record.pk])}
    pages["detail"] = reverse(f"{slug}_detail", args=[record.pk])
    if slug == "client":
        pages["create"] = reverse("client_create")
    elif slug == "contact":
        pages["create"] = reverse("contact_create")
    else:
        pages["create"] = reverse(f"{slug}_create", args=[records["client"].pk])
    return pages


def _shown(collectible, records, html: str) -> bool:
    """Whether a page shows the field (its label, as that page writes it)."""
    if collectible.key == RACE:
        return "Race/ethnicity</h3>" in html
    if collectible.key == "contact.language":
        return "Kept language" in html
    if collectible.key in PAGE_LABELS:
        return f">{PAGE_LABELS[collectible.key]}</dt>" in html
    label = str(_field(collectible).verbose_name).capitalize()
    return f">{label}</dt>" in html


@pytest.mark.parametrize("collectible", COLLECTIBLE, ids=lambda c: c.key)
def test_a_field_turned_off_is_gone_from_its_forms_and_page(client, advocate, records, collectible):
    client.force_login(advocate)
    pages = _pages(collectible, records)
    names = collectible.names
    # Collected: on the forms and the page (so the checks below can see it).
    for page in ("create", "edit"):
        html = client.get(pages[page]).content.decode()
        assert all(f'name="{name}"' in html for name in names), page
    assert _shown(collectible, records, client.get(pages["detail"]).content.decode())

    turn_off(collectible.key)
    for page in ("create", "edit"):
        response = client.get(pages[page])
        assert response.status_code == 200
        html = response.content.decode()
        assert not any(f'name="{name}"' in html for name in names), page
    detail = client.get(pages["detail"])
    assert detail.status_code == 200
    assert not _shown(collectible, records, detail.content.decode())


@pytest.mark.parametrize("collectible", COLLECTIBLE, ids=lambda c: c.key)
def test_a_forged_post_does_not_change_a_field_turned_off(client, advocate, records, collectible):
    client.force_login(advocate)
    slug = SLUG[collectible.model]
    record = records[slug]
    turn_off(collectible.key)
    url = reverse(f"{slug}_edit", args=[record.pk])
    data = form_values(client.get(url).content.decode(), ALWAYS.get(slug, "occurred_at"))
    if collectible.key == RACE:
        other = Classification.objects.filter(kind=ClassificationKind.RACE, is_non_answer=False)
        data["race_ethnicity"] = [str(other[1].pk)]
        kept = set(ClientClassification.objects.values_list("classification_id", flat=True))
    else:
        for name in collectible.fields:
            data[name] = forged_value(_field(collectible, name))
        kept = {name: getattr(record, name) for name in collectible.fields}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    if collectible.key == RACE:
        assert set(ClientClassification.objects.values_list("classification_id", flat=True)) == (
            kept
        )
    else:
        record.refresh_from_db()
        assert {name: getattr(record, name) for name in collectible.fields} == kept


def test_a_new_client_posted_with_a_field_turned_off_does_not_get_it(client, advocate):
    turn_off("client.date_of_birth", "client.legal_name")
    client.force_login(advocate)
    data = form_values(client.get(reverse("client_create")).content.decode(), "pseudonym")
    data.update(pseudonym=["Wren"], date_of_birth=["1990-01-01"], legal_name=["Forged"])
    assert client.post(reverse("client_create"), data).status_code == 302
    wren = Client.objects.get(pseudonym="Wren")
    assert (wren.date_of_birth, wren.legal_name) == (None, "")


# Import templates ---------------------------------------------------------------------


@pytest.mark.parametrize("collectible", COLLECTIBLE, ids=lambda c: c.key)
def test_a_field_turned_off_has_no_import_column(collectible, advocate):
    slug = SLUG[collectible.model]
    file = {"client": "clients", "contact": "contacts"}.get(slug)
    kind = KINDS.get(slug)

    def offered() -> set[str]:
        if file:
            return set(imports.columns()[file])
        return set(imports._importable(imports._service_form(kind)))

    assert set(collectible.names) <= offered()
    turn_off(collectible.key)
    assert not set(collectible.names) & offered()
    if file:
        assert not set(collectible.names) & set(imports.header(file).strip().split(","))


def test_a_services_column_goes_when_no_kind_collects_it():
    turn_off("medical.notes", "legal.notes", "counseling.notes", "accompaniment.notes")
    assert "notes" not in imports.header("services").strip().split(",")


def test_an_import_file_with_a_column_not_collected_is_refused_naming_it(supervisor):
    turn_off("client.date_of_birth")
    data = b"source_id,pseudonym,date_of_birth\r\n1,Wren,1990-01-01\r\n"
    outcome = imports.run(source="Old system", files={"clients": data}, by=supervisor)
    assert not outcome.saved
    assert any(
        "columns of fields your center does not collect: date_of_birth" in p
        for p in outcome.problems
    )
    assert not Client.objects.filter(pseudonym="Wren").exists()


# The funder report ----------------------------------------------------------------------


def _block(report, key) -> dict[str, int]:
    return dict(next(b for b in report.blocks if b.key == key).rows)


@pytest.mark.parametrize(
    ("keys", "block"),
    [
        (["client.race"], "race"),
        (["client.gender"], "gender"),
        (["client.date_of_birth", "client.age_range"], "age"),
    ],
)
def test_a_demographic_not_collected_is_all_not_tracked(staff, keys, block):
    build_quarter(staff)
    turn_off(*keys)
    report = quarterly_report(Period(2026, 2))
    rows = _block(report, block)
    assert report.new > 0
    assert rows["Not Tracked"] == report.new
    assert sum(rows.values()) == report.new
    assert all(n == 0 for label, n in rows.items() if label != "Not Tracked")


def test_without_the_date_of_birth_the_age_comes_from_the_range(staff):
    people = build_quarter(staff)
    before = _block(quarterly_report(Period(2026, 2)), "age")
    turn_off("client.date_of_birth")
    after = _block(quarterly_report(Period(2026, 2)), "age")
    assert after["Not Tracked"] == 0
    assert sum(after.values()) == sum(before.values())
    # Ana gave a date of birth and no range: her stored birth date is not used.
    assert people["ana"].age_range == "not_asked"
    assert after["Not Reported"] > before["Not Reported"]


def test_the_report_csv_says_not_tracked(client, staff):
    build_quarter(staff)
    turn_off("client.gender")
    client.force_login(staff["supervisor"])
    query = {"fiscal_year": 2026, "quarter": 2, "format": "csv"}
    response = client.get(reverse("quarterly_report"), query)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = {(section, item): count for section, item, count in rows[1:]}
    gender = "Gender identity (new individuals)"
    assert cells[(gender, "Not Tracked")] == str(quarterly_report(Period(2026, 2)).new)
    assert cells[(gender, "Not Reported")] == "0"


# Clearing stored values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("advocate", 404),
        ("supervisor", 200),
        ("coordinator", 404),
        ("trainee", 404),
        ("admin", 404),
    ],
)
def test_only_supervisors_open_and_clear_stored_values(client, staff, records, username, status):
    turn_off("client.legal_name")
    client.force_login(staff[username])
    assert client.get(reverse("stored_values")).status_code == status
    posted = client.post(reverse("stored_values"), {"field": "client.legal_name", "confirm": "on"})
    assert posted.status_code == (302 if status == 200 else 404)
    records["client"].refresh_from_db()
    assert (records["client"].legal_name == "") == (status == 200)


def test_the_page_lists_each_field_turned_off_with_how_many_hold_it(client, supervisor, records):
    turn_off("client.legal_name", "medical.notes", RACE)
    client.force_login(supervisor)
    html = client.get(reverse("stored_values")).content.decode()
    for label in ("Legal name", "Notes", "Race and ethnicity"):
        assert f"<td>{label}</td>\n    <td>1</td>" in html


@pytest.mark.parametrize("collectible", COLLECTIBLE, ids=lambda c: c.key)
def test_clearing_blanks_the_values_and_leaves_history(client, supervisor, records, collectible):
    turn_off(collectible.key)
    client.force_login(supervisor)
    confirm = {"field": collectible.key, "confirm": "on"}
    response = client.post(reverse("stored_values"), confirm)
    assert response.status_code == 302
    assert [n for _, n in center.stored_counts(center.current())] == [0]
    if collectible.key == RACE:
        gone = ClientClassification.history.filter(history_type="-", history_user=supervisor)
        assert gone.count() == 1
        assert not ClientClassification.objects.filter(
            classification__kind=ClassificationKind.RACE
        ).exists()
        return
    model = apps.get_model(collectible.model)
    record = model.objects.get(pk=records[SLUG[collectible.model]].pk)
    for name in collectible.fields:
        field = _field(collectible, name)
        assert getattr(record, name) == center._blank(field)
    last = record.history.first()
    assert (last.history_user, last.history_change_reason) == (supervisor, center.CLEARED)


def test_clearing_needs_confirmation(client, supervisor, records):
    turn_off("client.legal_name")
    client.force_login(supervisor)
    response = client.post(reverse("stored_values"), {"field": "client.legal_name"})
    assert response.status_code == 200
    assert "Nothing was cleared." in response.content.decode()
    records["client"].refresh_from_db()
    assert records["client"].legal_name == "Kept legal_name"


def test_a_field_collected_again_is_not_cleared(client, supervisor, records):
    client.force_login(supervisor)
    response = client.post(
        reverse("stored_values"), {"field": "client.legal_name", "confirm": "on"}
    )
    assert response.status_code == 200
    records["client"].refresh_from_db()
    assert records["client"].legal_name == "Kept legal_name"


@pytest.mark.parametrize("key", ["client.legal_name", "contact.note", RACE])
def test_clearing_runs_the_same_queries_however_many_records(client, supervisor, advocate, key):
    race = Classification.objects.filter(kind=ClassificationKind.RACE, is_non_answer=False)
    turn_off(key)
    client.force_login(supervisor)
    counts = []
    for how_many in (1, 4):
        for n in range(how_many):
            person = Client.objects.create(
                pseudonym=f"P{how_many}-{n}", legal_name="Kept", created_by=advocate
            )
            ContactFactory(advocate=advocate, client=person, note="Kept")
            services.classifications_set(client=person, wanted=[race[0]], by=advocate)
        with CaptureQueriesContext(connection) as counted:
            client.post(reverse("stored_values"), {"field": key, "confirm": "on"})
        counts.append(len(counted))
    assert counts[0] == counts[1]


# Pages cost the same whatever is turned off ---------------------------------------------


@pytest.mark.parametrize("page", ["client_edit", "client_detail", "contact_edit", "medical_edit"])
def test_pages_run_the_same_queries_whatever_is_turned_off(client, advocate, records, page):
    slug = page.split("_")[0]
    url = reverse(page, args=[records[slug].pk])
    client.force_login(advocate)
    client.get(url)  # warm: the session, the content types
    counts = []
    for off in ([], [f.key for f in COLLECTIBLE]):
        turn_off(*off)
        with CaptureQueriesContext(connection) as counted:
            assert client.get(url).status_code == 200
        counts.append(len(counted))
    # Never more; the client form without race skips reading that list's choices.
    assert counts[1] <= counts[0]


def test_the_settings_page_groups_the_fields_by_record(client, administrator):
    client.force_login(administrator)
    html = client.get(reverse("center_settings")).content.decode()
    for group in center.GROUPS:
        assert f'<legend class="h6">{group}</legend>' in html
    data = {"name": "Rivers", "not_collected": ["contact.note", "client.date_of_birth"]}
    assert client.post(reverse("center_settings"), data).status_code == 302
    assert CenterSettings.objects.get().not_collected == ["client.date_of_birth", "contact.note"]


# session, user, center settings, the counts (one aggregate per record model turned off,
# six with every field off, and the race classifications' count): fixed by the registry,
# not by the records.
STORED_PAGE = 15


def test_the_stored_values_page_runs_a_fixed_number_of_queries(
    client, supervisor, records, django_assert_max_num_queries
):
    turn_off(*(f.key for f in COLLECTIBLE))
    client.force_login(supervisor)
    with django_assert_max_num_queries(STORED_PAGE):
        assert client.get(reverse("stored_values")).status_code == 200


CLIENT_FIELDS = [f for f in COLLECTIBLE if f.model == "intake.Client"]


@pytest.mark.parametrize("collectible", CLIENT_FIELDS, ids=lambda c: c.key)
def test_the_client_history_leaves_out_a_field_turned_off(client, supervisor, records, collectible):
    """Past values stay stored until cleared, but no page shows them: the history's
    field changes and its classification changes (race) leave the field out."""
    client.force_login(supervisor)
    url = reverse("client_history", args=[records["client"].pk])
    race = ClientClassification.objects.get(classification__kind=ClassificationKind.RACE)

    def shown(html: str) -> list[str]:
        if collectible.key == RACE:
            marks = [f"“{race.classification.label}”"]
        else:
            marks = [
                f"<strong>{str(_field(collectible, name).verbose_name).capitalize()}</strong>"
                for name in collectible.fields
            ]
            marks += [f"Kept {name}" for name in collectible.fields]  # a text's value
        return [mark for mark in marks if mark in html]

    assert shown(client.get(url).content.decode())
    turn_off(collectible.key)
    assert shown(client.get(url).content.decode()) == []


def test_a_group_of_fields_all_turned_off_leaves_no_empty_heading(client, advocate, own_client):
    """The client form's "Language" and "Demographics" groups go with their last field."""
    client.force_login(advocate)
    for url in (reverse("client_create"), reverse("client_edit", args=[own_client.pk])):
        CenterSettings(not_collected=[]).save()
        html = client.get(url).content.decode()
        assert "<legend>Language</legend>" in html and "<legend>Demographics</legend>" in html
        turn_off("client.languages")
        html = client.get(url).content.decode()
        assert "<legend>Language</legend>" not in html
        assert "<legend>Demographics</legend>" in html
        turn_off(
            "client.languages",
            "client.date_of_birth",
            "client.age_range",
            "client.gender",
            RACE,
            "client.referral_source",
        )
        html = client.get(url).content.decode()
        assert "<legend>Demographics</legend>" not in html
        assert "<legend>Who</legend>" in html


def test_the_outcome_by_referral_source_not_collected_is_all_not_tracked(staff):
    build_quarter(staff)
    Client.objects.update(referral_source="hotline")  # stored before it was turned off

    def block() -> dict[str, int]:
        measures = outcome_measures(Period(2026, 2))
        return dict(next(b for b in measures if b.key == "served_by_source").rows)

    assert block()["Hotline"] == 2
    assert "Not Tracked" not in block()
    turn_off("client.referral_source")
    rows = block()
    assert rows["Not Tracked"] == 2 == sum(rows.values())
