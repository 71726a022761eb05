"""A de-identified case conference refuses the client's name in anything the shared
summary prints, and parts of the name too (DESIGN.md rules 1 and 6).

The client here is "Rosa M." (legal name Maria Delgado Ruiz, code word "bluebird").
"""

import pytest
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode
from django.urls import reverse
from django.utils import timezone

from collaboration.models import CaseConference, ConferenceAction
from referrals.models import ReleaseOfInformation
from tests.factories import ClientFactory, conference_records, referral_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def rosa(advocate):
    person = ClientFactory(
        pseudonym="Rosa M.",
        legal_name="Maria Delgado Ruiz",
        code_word="bluebird",
        created_by=advocate,
    )
    referral_records(person, advocate)  # a valid release for Harbor Legal Aid
    return person


def _post(rosa, **overrides) -> dict:
    return {
        "held_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "format": "video",
        "place": "Monthly table",
        "agencies": [ReleaseOfInformation.objects.get(client=rosa).agency_id],
        "other_attendees": "Housing case manager",
        "presented_as": "Client A",
        "presented_summary": "Adult survivor, needs housing before winter.",
        "needs_discussed": "Housing",
        "decisions": "Shelter checks for a bed",
    } | overrides


def _create(client, rosa, data):
    return client.post(reverse("conference_create", args=[rosa.pk]), data)


def _printed_fields(template_name: str, name: str) -> set[str]:
    """The attributes of `name` the summary template prints ({{ name.field }})."""
    from django.template.base import VariableNode

    template = get_template(template_name).template
    nodes = template.nodelist.get_nodes_by_type(VariableNode)
    for node in template.nodelist.get_nodes_by_type(ExtendsNode):
        for block in node.nodelist.get_nodes_by_type(BlockNode):
            nodes += block.nodelist.get_nodes_by_type(VariableNode)
    printed = set()
    for node in nodes:
        lookups = getattr(node.filter_expression.var, "lookups", None) or ()
        if len(lookups) >= 2 and lookups[0] == name:
            printed.add(lookups[1])
    return printed


def _text_fields(model) -> set[str]:
    from django.db import models

    return {
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    }


def test_every_field_the_summary_prints_is_checked_for_the_name():
    from collaboration.models import shared_fields

    template = "collaboration/conference_summary.html"
    printed = _printed_fields(template, "conference")
    # shown_name prints presented_as (or the pseudonym when the client agreed).
    printed = {"presented_as" if name == "shown_name" else name for name in printed}
    assert {"place", "other_attendees", "presented_summary"} <= printed  # the walk works
    assert printed & _text_fields(CaseConference) <= set(shared_fields(CaseConference))
    items = _printed_fields(template, "item")
    assert "description" in items
    assert items & _text_fields(ConferenceAction) <= set(shared_fields(ConferenceAction))


@pytest.mark.parametrize(
    "field",
    ["place", "other_attendees", "presented_as", "presented_summary", "needs_discussed",
     "decisions"],
)  # fmt: skip
def test_a_de_identified_conference_refuses_the_name_in_any_printed_field(
    client, advocate, rosa, field
):
    client.force_login(advocate)
    response = _create(client, rosa, _post(rosa, **{field: "With Rosa M. today"}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not CaseConference.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Rosa needs housing",  # the first word of the pseudonym
        "ROSA needs housing",  # in any case
        "rosa's sister will come",  # a word next to punctuation
        "Ms. Ruiz needs housing",  # a word of the legal name
        "maria needs housing",
        "Asked for Delgado at the desk",
        "She said bluebird on the phone",  # the code word
        "Ruíz needs housing",  # accents do not hide it
    ],
)
def test_a_part_of_the_name_is_refused(client, advocate, rosa, text):
    client.force_login(advocate)
    response = _create(client, rosa, _post(rosa, presented_summary=text))
    assert response.status_code == 200
    assert "presented_summary" in response.context["form"].errors
    assert not CaseConference.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Rosalind from the shelter will call",  # whole words only
        "Ruizmann is the housing officer",
        "M. Smith from the shelter will call",  # one-letter words (initials) are not checked
        "Adult survivor, needs housing before winter.",
    ],
)
def test_words_that_only_look_like_the_name_are_kept_as_typed(client, advocate, rosa, text):
    client.force_login(advocate)
    response = _create(client, rosa, _post(rosa, presented_summary=text))
    assert response.status_code == 302
    assert CaseConference.objects.get().presented_summary == text


def test_every_field_holding_the_name_gets_its_own_message(client, advocate, rosa):
    client.force_login(advocate)
    data = _post(rosa, place="Rosa's kitchen", decisions="Ruiz to call back")
    response = _create(client, rosa, data)
    assert set(response.context["form"].errors) == {"place", "decisions"}


def test_the_message_quotes_only_what_was_typed(client, advocate, rosa):
    client.force_login(advocate)
    response = _create(client, rosa, _post(rosa, presented_summary="Call rosa after six"))
    [message] = response.context["form"].errors["presented_summary"]
    assert "“rosa”" in message
    for secret in ("Rosa M.", "Maria", "Delgado", "Ruiz", "bluebird"):
        assert secret not in message


def test_an_identified_conference_may_name_the_client(client, advocate, rosa):
    client.force_login(advocate)
    data = _post(rosa, presented_summary="Rosa needs housing", identify_client="on")
    assert _create(client, rosa, data).status_code == 302


def test_an_action_item_refuses_a_part_of_the_name(client, advocate, rosa):
    conference = conference_records(rosa, advocate)["conference"]
    client.force_login(advocate)
    response = client.post(
        reverse("conference_action_create", args=[rosa.pk, conference.pk]),
        {"description": "Drive rosa to the clinic"},
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert ConferenceAction.objects.count() == 1  # the one conference_records made
