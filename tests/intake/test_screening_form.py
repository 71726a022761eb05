"""The screening form as people use it: radio groups, nothing marked required that a
survivor-led conversation may skip, and what is chosen is what is saved."""

from django.urls import reverse

from intake.models import Screening
from intake.screening import QUESTIONS
from tests.html_forms import only_post_form

ANSWERED = [q for q in QUESTIONS if not q.free_text]


def _form_page(client, advocate, own_client):
    client.force_login(advocate)
    return client.get(reverse("screening_create", args=[own_client.pk]))


def test_every_question_is_a_radio_group_with_not_asked_chosen(client, advocate, own_client):
    form = only_post_form(_form_page(client, advocate, own_client))
    assert not [c.name for c in form.controls if c.tag == "select"]
    for q in ANSWERED:
        radios = [c for c in form.controls if c.name == q.field]
        assert radios and all(c.type == "radio" for c in radios), q.field
        assert [c.value for c in radios if c.checked] == ["not_asked"], q.field
    for name in ("setting", "privacy_ensured", "controlling_person_present", "determination"):
        assert {c.type for c in form.controls if c.name == name} == {"radio"}, name


def test_nothing_a_client_may_skip_is_marked_required(client, advocate, own_client):
    response = _form_page(client, advocate, own_client)
    html = response.content.decode()
    form = only_post_form(response)
    # The date and the setting are the staff's facts: the only fields that must be there.
    required = {c.name for c in form.controls if "required" in c.attrs}
    assert required <= {"screened_at", "setting"}
    assert html.count('class="asteriskField"') == len(
        [n for n in ("screened_at", "setting") if response.context["form"].fields[n].required]
    )
    for q in QUESTIONS:
        assert not response.context["form"].fields[q.field].required, q.field


def test_a_screening_saved_by_radio_choices_stores_what_was_chosen(client, advocate, own_client):
    form = only_post_form(_form_page(client, advocate, own_client))
    data = form.data() | {
        "q1": "no",
        "q3": "yes",
        "q7": "floor",
        "q9": "declined",
        "privacy_ensured": "yes",
        "setting": "phone",
        "determination": "possible_trafficking",
        "determination_reason": "Q1 and Q3",
    }
    response = client.post(form.action or reverse("screening_create", args=[own_client.pk]), data)
    assert response.status_code == 302
    screening = Screening.objects.get()
    chosen = {q.field: getattr(screening, q.field) for q in ANSWERED}
    assert chosen == {q.field: "not_asked" for q in ANSWERED} | {
        "q1": "no",
        "q3": "yes",
        "q7": "floor",
        "q9": "declined",
    }
    assert (screening.setting, screening.privacy_ensured, screening.controlling_person_present) == (
        "phone",
        "yes",
        "unknown",
    )
    assert screening.determination == "possible_trafficking"


def test_a_question_left_out_of_the_post_is_not_asked(client, advocate, own_client):
    """A radio group always posts its checked answer; a post without one (another client,
    a form from before) means the question was not asked, as the form opens."""
    form = only_post_form(_form_page(client, advocate, own_client))
    data = {k: v for k, v in form.data().items() if k not in ("q2", "determination")}
    data["q4"] = ""
    response = client.post(form.action or reverse("screening_create", args=[own_client.pk]), data)
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert (screening.q2, screening.q4, screening.determination) == (
        "not_asked",
        "not_asked",
        "not_recorded",
    )
