"""A coordinator's reports hide a second count wherever a small one could be worked out
by subtraction from a total (the quarterly report and the outcome measures; the
feedback results are in tests/collaboration/test_feedback_suppression.py)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from intake.models import Classification, ClientClassification
from tests.disclosure import worked_out
from tests.factories import ClientFactory, ContactFactory
from tests.report_data import at

pytestmark = pytest.mark.django_db

Q2 = {"fiscal_year": 2026, "quarter": 2}


def _served(staff, n: int, *, trafficked: bool = False, **client_fields) -> None:
    """n new people served in FY 2026 Q2 (a hotline call on February 3)."""
    advocate = staff["advocate"]
    for _ in range(n):
        person = ClientFactory(created_by=advocate, **client_fields)
        if trafficked:
            ClientClassification.objects.create(
                client=person,
                classification=Classification.objects.get(
                    kind="victimization", code="trafficking_sex"
                ),
                created_by=advocate,
            )
        ContactFactory(
            advocate=advocate,
            client=person,
            channel="hotline_call",
            services=["crisis_intervention"],
            started_at=at(2026, 2, 3),
        )


def _blocks(client, name: str) -> dict[str, dict[str, str]]:
    """The CSV as {section: {item: count}}."""
    response = client.get(reverse(name), {**Q2, "format": "csv"})
    blocks: dict[str, dict[str, str]] = {}
    for section, item, count in list(csv.reader(io.StringIO(response.content.decode())))[1:]:
        blocks.setdefault(section, {})[item] = count
    return blocks


def _worked_out_anywhere(blocks: dict[str, dict[str, str]]) -> dict[str, list]:
    """Every block with a Total, and whether a hidden count in it can be worked out."""
    found = {}
    for section, cells in blocks.items():
        if "Total" in cells:
            rows = [count for item, count in cells.items() if item != "Total"]
            found[section] = worked_out(rows, cells["Total"])
    return found


def test_the_issues_example_no_longer_gives_away_the_small_gender_count(client, staff):
    # Male 0, Female 2, Other 5, Not Reported 6, Not Tracked 0, Total 13: "1-4" alone
    # for Female would be 13 - 5 - 6 = 2.
    _served(staff, 2, gender="woman")
    _served(staff, 5, gender="nonbinary")
    _served(staff, 6, gender="declined")
    client.force_login(staff["coordinator"])
    gender = _blocks(client, "quarterly_report")["Gender identity (new individuals)"]
    assert gender == {
        "Male": "0",
        "Female": "hidden",
        "Other": "hidden",  # the next smallest count, so that Female cannot be worked out
        "Not Reported": "6",
        "Not Tracked": "0",
        "Total": "13",
    }
    assert worked_out(list(gender.values())[:-1], gender["Total"]) == []


def test_the_page_shows_what_the_csv_shows_and_draws_no_bar_for_a_hidden_count(client, staff):
    _served(staff, 2, gender="woman")
    _served(staff, 5, gender="nonbinary")
    _served(staff, 6, gender="declined")
    client.force_login(staff["coordinator"])
    response = client.get(reverse("quarterly_report"), Q2)
    [entry] = [e for e in response.context["shown"] if e["block"].key == "gender"]
    shown = {label: shown for label, shown, _count, _code in entry["rows"]}
    assert shown["Female"] == shown["Other"] == "hidden"
    assert entry["total"] == 13
    bars = re.findall(r'<meter class="report-bar"[^>]* max="(\d+)" value="(\d+)"', response.text)
    assert ("6", "6") in bars  # Not Reported, the largest count the gender block shows
    assert not {value for _, value in bars} & {"2", "5"}


def test_no_total_in_a_coordinators_quarterly_report_gives_away_a_hidden_count(client, staff):
    _served(staff, 1, gender="man")
    _served(staff, 3, gender="woman", age_range="18_24")
    _served(staff, 9, gender="woman", age_range="25_59")
    client.force_login(staff["coordinator"])
    blocks = _blocks(client, "quarterly_report")
    assert blocks["Individuals served"]["Total"] == "13"
    found = _worked_out_anywhere(blocks)
    assert len(found) == 4  # individuals served, race, gender, age
    assert all(rows == [] for rows in found.values()), found
    assert blocks["Gender identity (new individuals)"]["Male"] == "hidden"


def test_supervisors_still_see_every_count(client, staff):
    _served(staff, 2, gender="woman")
    _served(staff, 5, gender="nonbinary")
    client.force_login(staff["supervisor"])
    gender = _blocks(client, "quarterly_report")["Gender identity (new individuals)"]
    assert gender["Female"] == "2" and gender["Other"] == "5"


def test_the_referral_sources_cannot_be_subtracted_from_the_trafficking_count(client, staff):
    # Seven sex-trafficking survivors served: the quarterly report shows 7 for Human
    # Trafficking: Sex, so "1-4" from law enforcement and 5 from the hotline would say 2.
    _served(staff, 2, trafficked=True, referral_source="law_enforcement")
    _served(staff, 5, trafficked=True, referral_source="hotline")
    client.force_login(staff["coordinator"])
    quarterly = _blocks(client, "quarterly_report")
    assert quarterly["Victimization types (everyone served)"]["Human Trafficking: Sex"] == "7"
    sources = _blocks(client, "outcome_measures")[
        "Sex-trafficking survivors served, by referral source"
    ]
    assert sources["Law enforcement"] == sources["Hotline"] == "hidden"
    assert worked_out(list(sources.values()), 7) == []


def test_a_small_continuing_count_is_not_the_total_less_the_new(client, staff):
    # 10 new and 3 continuing: the new are printed as every demographic block's total,
    # so hiding New would not help; the total is hidden, and so is the count of people
    # with no victimization type recorded, which would otherwise add up to it.
    _served(staff, 10)
    advocate = staff["advocate"]
    for _ in range(3):
        person = ClientFactory(created_by=advocate)
        for day in (at(2025, 11, 5), at(2026, 2, 3)):
            ContactFactory(
                advocate=advocate,
                client=person,
                channel="hotline_call",
                services=["crisis_intervention"],
                started_at=day,
            )
    client.force_login(staff["coordinator"])
    blocks = _blocks(client, "quarterly_report")
    assert blocks["Individuals served"] == {"New": "10", "Continuing": "hidden", "Total": "hidden"}
    assert blocks["Gender identity (new individuals)"]["Total"] == "10"
    victimization = blocks["Victimization types (everyone served)"]
    assert victimization["People with more than one type"] == "0"
    assert victimization["No type recorded"] == "hidden"
