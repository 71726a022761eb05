"""Property (hypothesis): what is posted to any create or edit form is saved as typed,
field for field, or the form comes back with an error and no row changes (rule 1).

The forms are found, not listed. Every page of the URLconf is opened (its ids built by
the access matrix's targets, so a new client page joins once the matrix knows it) by the
first role that may, and every POST form on it that edits a model is tested: a new
record form joins this test by being on a page. Each example opens the page again and
posts what a browser would (hidden inputs included: the edit version, a one-time
token), with some fields changed to generated values: text of every kind (long pastes,
unicode, line breaks, spaces around), real and impossible dates, times and numbers,
the empty value a browser posts for a date it could not read (with the `bad_input`
name forms.js adds), and text over a field's limit.

The whitespace rule it holds: a multi-line box (a note) is kept exactly, spaces and
line breaks around it included; a one-line field (a name, a phone number) drops the
spaces around it, as it always has. Anything else is parsed: what is stored equals
what the form field reads from the post.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from django import forms
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import timezone
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisis_center.local_choices import LocalChoice
from crisis_center.models import Shift, ShiftKind
from referrals.models import NetworkingAgreement
from tests import test_hostile_input
from tests.examples import examples
from tests.html_forms import Control, HtmlForm, post_forms
from tests.test_access_matrix import CLIENT_URLS, COLLABORATION_URLS, _patterns
from tests.test_hostile_input import _counts

world = test_hostile_input.world  # a fixture: someone who may post to each form, and records

ROLES = ("advocate", "supervisor", "coordinator")

# Pages with an id that names no client (NON_CLIENT_URLS in the access matrix): the
# record of the test's world each one opens.
OTHER_IDS = {
    "group_detail": lambda w: w["records"]["attendance"].session.group_id,
    "group_session_create": lambda w: w["records"]["attendance"].session.group_id,
    "resource_detail": lambda w: w["refs"]["resource"].pk,
    "resource_edit": lambda w: w["refs"]["resource"].pk,
    "agency_edit": lambda w: w["refs"]["agency"].pk,
    "agreement_edit": lambda w: w["agreement"].pk,
    "shift_edit": lambda w: _shift(w),
    "swap_create": lambda w: _shift(w),
    "shift_kind_edit": lambda w: ShiftKind.objects.get(name="Hotline").pk,
    "choice_edit": lambda w: (
        LocalChoice.objects.get_or_create(list_name="needs", label="Bus fare")[0].pk
    ),
}


def _shift(w) -> int:
    """The advocate's hotline shift next week (the roster's edit and swap pages)."""
    start = timezone.now() + timedelta(days=7)
    shift, _made = Shift.objects.get_or_create(
        staff=w["staff"]["advocate"],
        kind=ShiftKind.objects.get(name="Hotline"),
        defaults={
            "starts_at": start,
            "ends_at": start + timedelta(hours=8),
            "created_by": w["staff"]["supervisor"],
        },
    )
    return shift.pk


TEXT_INPUTS = {"text", "email", "url", "tel", "search", "password"}
BAD_DATES = {
    "date": "2026-02-30",
    "datetime-local": "2026-02-30T10:00",
    "time": "25:61",
    "month": "2026-13",
    "number": "1e309",
}

LONG = st.text(min_size=5_000, max_size=6_000, alphabet=st.characters(codec="utf-8"))
PLAIN = st.text(
    alphabet=st.characters(codec="utf-8", blacklist_categories=["Cs", "Cc"]), max_size=60
)
SPACED = st.tuples(st.sampled_from([" ", "  ", "\t", ""]), PLAIN, st.sampled_from([" ", ""]))
ONE_LINE = st.one_of(
    PLAIN, SPACED.map("".join), st.sampled_from(["Ana", "Amaal ☕ 🌸", "\x00", "  "])
)
MULTI_LINE = st.one_of(
    PLAIN,
    st.lists(PLAIN, min_size=2, max_size=5).map("\r\n".join),
    st.lists(PLAIN, min_size=2, max_size=5).map("\n".join).map(lambda t: f"\n  {t}  \n"),
    st.sampled_from(["\x00", "   "]),
    LONG,
)


@dataclass
class RecordForm:
    """A form on a page that creates or edits one row of `model`."""

    username: str
    page: str  # the page it is on (opened again before each post)
    action: str  # where it posts
    index: int  # which POST form of the page
    model: type[models.Model]
    pk: int | None  # the row an edit form changes; None for a create form
    fields: dict[str, tuple[str, forms.Field]]  # posted name: (model field name, form field)
    html: HtmlForm  # as the page showed it when found


@pytest.fixture
def agreement(world):
    return NetworkingAgreement.objects.create(agency=world["refs"]["agency"])


def _url(name: str, route: str, w: dict) -> str:
    """The page's URL in the test's world; KeyError when no one said how to build it."""
    if "<" not in route:
        return reverse(name)
    if name in CLIENT_URLS:
        spec = CLIENT_URLS[name]
        url = reverse(name, kwargs=spec.target(w["client"], w["client"].created_by))
        query = spec.data(w["client"]) if spec.method == "get" else {}
        return f"{url}?{urlencode(query)}" if query else url
    if name in COLLABORATION_URLS:
        return reverse(name, args=[w["collab"][COLLABORATION_URLS[name].slug].pk])
    return reverse(name, args=[OTHER_IDS[name](w)])


def _context_forms(response) -> list[forms.BaseModelForm]:
    contexts = response.context if isinstance(response.context, list) else [response.context]
    found = []
    for context in contexts:
        for value in context.flatten().values():
            if isinstance(value, forms.BaseModelForm) and all(value is not f for f in found):
                found.append(value)
    return found


def _record_forms(response, url: str, username: str) -> list[RecordForm]:
    found = []
    candidates = _context_forms(response)
    for index, html in enumerate(post_forms(response.content.decode())):
        names = html.names()
        scored = [(len(names & {f.add_prefix(n) for n in f.fields}), f) for f in candidates]
        score, form = max(scored, key=lambda s: s[0], default=(0, None))
        if not score:
            continue  # signs out, purges, links: not a form of a record
        fields = {}
        for name, field in form.fields.items():
            try:
                model_field = form._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a form-only field (the version, a checklist kept elsewhere)
            if form.add_prefix(name) in names and not isinstance(model_field, models.FileField):
                fields[form.add_prefix(name)] = (name, field)
        action = html.action or url
        model, pk = form._meta.model, form.instance.pk
        found.append(RecordForm(username, url, action, index, model, pk, fields, html))
    return found


# Pages left out of the walk, each with why: signing out ends the walk; the closing page
# is a different form once a file is closed (it corrects the closing), so examples drawn
# from the form as found no longer fit it (tests/intake/test_closing.py covers it).
NOT_WALKED = {"logout", "client_close"}


def discover(client, w) -> list[RecordForm]:
    """Every record form on every page, once (by where it posts)."""
    found: dict[str, RecordForm] = {}
    unreachable = []
    for pattern, route in _patterns(get_resolver()):
        name = pattern.name
        if not name or name in NOT_WALKED:
            continue
        try:
            url = _url(name, route, w)
        except (KeyError, NoReverseMatch, ObjectDoesNotExist):
            unreachable.append(name)
            continue
        for username in ROLES:
            client.force_login(w["staff"][username])
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                for record_form in _record_forms(response, url, username):
                    found.setdefault(record_form.action, record_form)
                break
    missing = [n for n in unreachable if n.endswith(("_create", "_edit"))]
    assert not missing, f"Say in OTHER_IDS which record these pages open: {missing}"
    return list(found.values())


# Posting ----------------------------------------------------------------------------


def _draw(data, control: Control, group: list[Control]) -> tuple[object, bool, bool]:
    """A value for one field, whether it is unreadable by construction (the form must
    refuse it), and whether the browser flags it as bad input."""
    kind = control.type
    limit = int(control.attrs.get("data-maxlength") or 0) or None
    if kind in ("checkbox", "radio"):
        values = [c.value or "on" for c in group]
        if kind == "radio":
            return data.draw(st.sampled_from([None, *values])), False, False
        chosen = data.draw(st.lists(st.sampled_from(values), unique=True))
        return (chosen if len(group) > 1 else (chosen[0] if chosen else None)), False, False
    if control.tag == "select":
        if kind == "select-multiple":
            return data.draw(st.lists(st.sampled_from(control.options), unique=True)), False, False
        bogus = data.draw(st.integers(0, 9)) == 0
        if bogus:
            return "no-such-choice", True, False
        return data.draw(st.sampled_from(control.options or [""])), False, False
    if kind in BAD_DATES:
        how = data.draw(st.sampled_from(["real", "real", "empty", "impossible", "unreadable"]))
        if how == "real":
            return _real(data, kind), False, False
        if how == "impossible":
            return BAD_DATES[kind], True, False
        return "", how == "unreadable", how == "unreadable"
    if control.tag == "textarea" or kind in TEXT_INPUTS:
        multi = control.tag == "textarea"
        text = data.draw(MULTI_LINE if multi else ONE_LINE)
        if limit and data.draw(st.booleans()):
            text = data.draw(st.text(alphabet="ab é", min_size=limit - 3, max_size=limit + 3))
        kept = text if multi else text.strip()
        broken = "\x00" in text or bool(limit and len(kept) > limit)
        return text, broken, False
    return control.value, False, False  # hidden inputs and anything else: as the page has it


def _real(data, kind: str) -> str:
    day = data.draw(st.dates(date(2000, 1, 1), date(2030, 12, 31)))
    moment = data.draw(st.times()).replace(second=0, microsecond=0)
    return {
        "date": day.isoformat(),
        "datetime-local": datetime.combine(day, moment).strftime("%Y-%m-%dT%H:%M"),
        "time": moment.strftime("%H:%M"),
        "month": day.strftime("%Y-%m"),
        "number": str(data.draw(st.integers(0, 500))),
    }[kind]


def _changes(data, html: HtmlForm) -> tuple[dict, set[str]]:
    """Some fields changed (None: not posted), drawn from the form as it was found so
    that a replayed example draws the same; and the fields whose value must be refused."""
    post: dict = {}
    broken: set[str] = set()
    flagged = []
    groups: dict[str, list[Control]] = {}
    for control in html.controls:
        groups.setdefault(control.name, []).append(control)
    for name, group in groups.items():
        control = group[0]
        # Nobody types into a hidden input, nor one with the hidden attribute (the one-time
        # token's, which a script fills).
        typed = control.type not in ("hidden", "submit", "button", "file")
        if not typed or "hidden" in control.attrs or not data.draw(st.booleans()):
            continue
        value, unreadable, flag = _draw(data, control, group)
        post[name] = None if value == [] else value
        if unreadable:
            broken.add(name)
        if flag:
            flagged.append(name)
    if flagged:
        post["bad_input"] = flagged
    return post, broken


def _row(model, pk) -> dict | None:
    return model._base_manager.filter(pk=pk).values().first()


def _stored(record, name: str):
    value = getattr(record, name)
    if hasattr(value, "all"):  # a many-to-many manager
        return sorted(o.pk for o in value.all())
    if isinstance(value, list):
        return sorted(value)
    return value


def _expected(field: forms.Field, posted, control: Control):
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        posted = posted if isinstance(posted, list) else [posted] if posted is not None else []
    if control.tag == "textarea":
        return posted if posted is not None else ""
    if type(field) is forms.CharField:  # a URL or an e-mail address is parsed
        return (posted or "").strip()
    value = field.clean(posted)
    if isinstance(value, models.QuerySet):
        return sorted(o.pk for o in value)
    if isinstance(value, list):
        return sorted(value)
    return value


def _check(client, record_form: RecordForm, data) -> str:
    changes, unreadable = _changes(data, record_form.html)
    page = client.get(record_form.page)
    # The same form on the page as it is now, found by where it posts: an earlier example
    # may have added forms above it (an action item's "done"), so not by its position. The
    # row it edits as the page says now (the first save of a safety plan makes one).
    mine = [f for f in _record_forms(page, record_form.page, "") if f.action == record_form.action]
    record_form = mine[0]
    html = post_forms(page.content.decode())[record_form.index]
    controls = {c.name: c for c in html.controls}
    # A page may change shape after an earlier example (a closed file's page corrects
    # the closing, without the answers at closing): post what it has now.
    bad = [name for name in changes.get("bad_input") or () if name in controls]
    changes = {k: v for k, v in changes.items() if k in controls}
    if bad:
        changes["bad_input"] = bad
    broken = bool(unreadable & controls.keys())
    post = {k: v for k, v in (html.data() | changes).items() if v is not None}
    before = _counts()
    last = record_form.model._base_manager.order_by("-pk").values_list("pk", flat=True).first()
    edited = _row(record_form.model, record_form.pk) if record_form.pk else None

    response = client.post(record_form.action, post)

    where = (record_form.action, post)
    if broken or response.status_code != 302:
        assert response.status_code == 200, where
        assert any(f.errors for f in _context_forms(response)), where
        assert _counts() == before, where
        if record_form.pk:
            assert _row(record_form.model, record_form.pk) == edited, where
        return "refused"
    pk = record_form.pk
    if pk is None:
        pk = record_form.model._base_manager.order_by("-pk").values_list("pk", flat=True)[0]
        assert last is None or pk > last, where
    record = record_form.model._base_manager.get(pk=pk)
    for name, (field_name, field) in record_form.fields.items():
        expected = _expected(field, post.get(name), controls[name])
        assert _stored(record, field_name) == expected, (field_name, where)
    return "saved"


@pytest.mark.hypothesis  # its @given is inside: `make test-deep` selects it
def test_every_record_form_saves_as_typed_or_refuses_and_changes_nothing(client, world, agreement):
    world["agreement"] = agreement
    found = discover(client, world)
    _assert_found_everywhere(found, world)
    outcomes = {f.action: _post_examples(client, f, world) for f in found}
    # Not a test of refusals only: most forms saved at least once.
    saved = [action for action, seen in outcomes.items() if "saved" in seen]
    assert len(saved) >= len(outcomes) // 2, outcomes


def _post_examples(client, record_form: RecordForm, world: dict) -> set[str]:
    """Post generated examples to one form; what came of them (saved, refused)."""
    client.force_login(world["staff"][record_form.username])
    seen: set[str] = set()

    @settings(
        max_examples=examples(5),
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(st.data())
    def post_a_form(data):
        seen.add(_check(client, record_form, data))

    post_a_form()
    return seen


def _assert_found_everywhere(found: list[RecordForm], world: dict) -> None:
    """A sample of every app and of every way a form is shown: its own page, a detail
    page with several forms, a query string."""
    actions = {f.action for f in found}
    for expected in (
        reverse("client_create"),
        reverse("contact_create"),
        reverse("screening_create", args=[world["client"].pk]),
        reverse("medical_edit", args=[world["records"]["medical"].pk]),
        reverse("agenda_item_create", args=[world["collab"]["meeting"].pk]),
        reverse("conference_edit", args=[world["client"].pk, world["conference"].pk]),
        reverse("agreement_edit", args=[world["agreement"].pk]),
        reverse("outreach_create"),
        _url("referral_create", "<", world),
    ):
        assert expected in actions, expected
    assert len(found) >= 50
