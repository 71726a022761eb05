"""The center's own settings: its name and details, and the optional fields it does not
collect (NNEDV's guidance for victim-service databases: a center decides not to collect
a field at all). One row, edited by administrators on the center settings page.

`current()` reads the row once per request (the middleware below opens a memo for each
request), so a page that asks many times costs one query, and every gunicorn worker sees
a change on its next request: no cache to go stale.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django import forms
from django.apps import apps
from django.db import models
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

DEFAULT_NAME = "Crisis center"


@dataclass(frozen=True)
class Collectible:
    """An optional field a center may decide not to collect. `key` is stored in
    CenterSettings.not_collected; `fields` are the model fields it covers (dropped from
    the forms and pages of `model`, blanked when a supervisor clears them); `form_fields`
    are fields its forms ask that the model keeps elsewhere (race: the client's
    classifications of the race list)."""

    key: str
    label: str
    model: str  # app_label.ModelName
    fields: tuple[str, ...]
    group: str  # the heading it is listed under on the settings page
    form_fields: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every form field it covers."""
        return (*self.fields, *self.form_fields)


CLIENT, CONTACT = _("Client"), _("Crisis contact")
MEDICAL, LEGAL = _("Medical advocacy"), _("Legal advocacy")
COUNSELING, ACCOMPANIMENT = _("Counseling session"), _("Accompaniment")
GROUPS = (CLIENT, CONTACT, MEDICAL, LEGAL, COUNSELING, ACCOMPANIMENT)  # in this order


def _optional(group: str, model: str, key: str, label: str, *fields: str) -> Collectible:
    return Collectible(key, label, model, fields, group)


# The optional fields of client-facing records. Never listed: what a record cannot be
# kept without (the pseudonym, a contact's channel and time, an accompaniment's place and
# purpose), and what the funder counts, the service ledger or the staff's calendar read
# (services given and service codes, the interpreter used (B10), the evidence kit and
# exam stay (B2), the legal system and matter (E codes), the counseling modality (C4 or
# C6), the outcome of charges against the client (an outcome measure), follow-up and
# court dates (home pages and the calendar)). The age range is listed apart from the
# date of birth: the funder's age block can be kept from either (intake/reports.py).
COLLECTIBLE: tuple[Collectible, ...] = (
    _optional(CLIENT, "intake.Client", "client.legal_name", _("Legal name"), "legal_name"),
    _optional(CLIENT, "intake.Client", "client.date_of_birth", _("Date of birth"), "date_of_birth"),
    _optional(CLIENT, "intake.Client", "client.age_range", _("Age range"), "age_range"),
    Collectible(
        "client.race", _("Race and ethnicity"), "intake.Client", (), CLIENT, ("race_ethnicity",)
    ),
    _optional(
        CLIENT,
        "intake.Client",
        "client.gender",
        _("Gender identity"),
        "gender",
        "gender_in_own_words",
    ),
    _optional(
        CLIENT,
        "intake.Client",
        "client.languages",
        _("Languages"),
        "languages",
        "interpreter_needed",
    ),
    _optional(
        CLIENT,
        "intake.Client",
        "client.referral_source",
        _("Referral source"),
        "referral_source",
        "referral_source_detail",
    ),
    _optional(
        CONTACT,
        "intake.CrisisContact",
        "contact.caller_relation",
        _("Who the caller is"),
        "caller_relation",
    ),
    _optional(CONTACT, "intake.CrisisContact", "contact.language", _("Language"), "language"),
    _optional(CONTACT, "intake.CrisisContact", "contact.needs", _("Needs raised"), "needs"),
    _optional(CONTACT, "intake.CrisisContact", "contact.note", _("Note"), "note"),
    _optional(
        MEDICAL,
        "advocacy.MedicalAdvocacy",
        "medical.facility_name",
        _("Facility name"),
        "facility_name",
    ),
    _optional(
        MEDICAL,
        "advocacy.MedicalAdvocacy",
        "medical.contacted",
        _("Who was contacted"),
        "contacted",
    ),
    _optional(
        MEDICAL,
        "advocacy.MedicalAdvocacy",
        "medical.injury_assessment",
        _("Injury assessment"),
        "injury_assessment",
    ),
    _optional(
        MEDICAL,
        "advocacy.MedicalAdvocacy",
        "medical.sti_testing",
        _("STI testing and treatment"),
        "sti_testing",
    ),
    _optional(
        MEDICAL,
        "advocacy.MedicalAdvocacy",
        "medical.pregnancy_care",
        _("Pregnancy test and emergency contraception"),
        "pregnancy_care",
    ),
    _optional(
        MEDICAL,
        "advocacy.MedicalAdvocacy",
        "medical.substance_use_support",
        _("Substance use support"),
        "substance_use_support",
    ),
    _optional(
        MEDICAL,
        "advocacy.MedicalAdvocacy",
        "medical.barriers",
        _("Prescriptions and insurance barriers"),
        "barriers",
    ),
    _optional(MEDICAL, "advocacy.MedicalAdvocacy", "medical.notes", _("Notes"), "notes"),
    _optional(
        LEGAL,
        "advocacy.LegalAdvocacy",
        "legal.certification_requested",
        _("Law-enforcement certification requested"),
        "certification_requested",
    ),
    _optional(
        LEGAL,
        "advocacy.LegalAdvocacy",
        "legal.advocate_present",
        _("Advocate present"),
        "advocate_present",
    ),
    _optional(LEGAL, "advocacy.LegalAdvocacy", "legal.outcome", _("Outcome"), "outcome"),
    _optional(LEGAL, "advocacy.LegalAdvocacy", "legal.notes", _("Notes"), "notes"),
    _optional(COUNSELING, "advocacy.CounselingSession", "counseling.notes", _("Notes"), "notes"),
    _optional(
        ACCOMPANIMENT, "advocacy.Accompaniment", "accompaniment.outcome", _("Outcome"), "outcome"
    ),
    _optional(ACCOMPANIMENT, "advocacy.Accompaniment", "accompaniment.notes", _("Notes"), "notes"),
)
MODELS = frozenset(field.model for field in COLLECTIBLE)
BY_KEY = {field.key: field for field in COLLECTIBLE}


class CenterSettings(models.Model):
    """The one row of the center's settings (pk 1, made by the first read)."""

    name = models.CharField(
        _("center name"),
        max_length=100,
        default=DEFAULT_NAME,
        help_text=_("Shown in the header of every page, on resource cards and in report titles."),
    )
    hotline = models.CharField(
        _("hotline number"),
        max_length=40,
        blank=True,
        help_text=_("Printed on resource cards and at the foot of the feedback survey."),
    )
    address = models.TextField(
        _("address for the survey's footer"),
        blank=True,
        max_length=300,
        help_text=_("Leave it empty to show no address to clients."),
    )
    not_collected = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Keys of the optional fields the center does not collect."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("center settings")
        verbose_name_plural = _("center settings")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # one row, whatever a form sends
        super().save(*args, **kwargs)

    def collects(self, key: str) -> bool:
        BY_KEY[key]  # an unknown key is a programming error, not "collected"
        return key not in self.not_collected

    def turned_off(self) -> list[Collectible]:
        """The fields not collected, in the settings page's order."""
        return [field for field in COLLECTIBLE if field.key in self.not_collected]

    def uncollected(self, model: type[models.Model]) -> set[str]:
        """The form fields of `model` the center does not collect."""
        label = model._meta.label
        return {name for field in self.turned_off() if field.model == label for name in field.names}

    @classmethod
    def load(cls) -> "CenterSettings":
        found = cls.objects.filter(pk=1).first()
        return found if found is not None else cls(pk=1)


_memo: ContextVar[dict | None] = ContextVar("center_settings_memo", default=None)


def current() -> CenterSettings:
    """The center's settings: read once per request, or fresh outside one."""
    return memoized("settings", CenterSettings.load)


def collects(key: str) -> bool:
    return current().collects(key)


def uncollected(model: type[models.Model]) -> set[str]:
    """The form fields of `model` the center does not collect (a model with nothing
    collectible reads no settings)."""
    if model._meta.label not in MODELS:
        return set()
    return current().uncollected(model)


def drop_uncollected(form: forms.BaseForm) -> None:
    """Take the fields the center does not collect off a model form: gone from the page,
    and a value posted for one anyway (a forged post, a page drawn before the change) is
    never read, so the stored value stays as it was. Every form people type into calls
    this (crisis_center.forms.AsTyped); a form of a model with nothing collectible reads
    no settings."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None:
        return
    for name in uncollected(model):
        form.fields.pop(name, None)


def forget() -> None:
    """After a save of the settings, the rest of this request reads them again."""
    forget_memoized("settings")


@contextmanager
def remembered() -> Iterator[None]:
    """Read the settings once for the whole block (a request, an import run)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


class CenterSettingsMiddleware:
    """Opens the per-request memo that `current()` fills on first use."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with remembered():
            return self.get_response(request)


# --- Values stored before a field was turned off --------------------------------------
#
# They stay until a supervisor clears them (the clearing page, center_views). A field's
# cleared value is what a new record gets when the form does not ask: its default, or
# empty. Clearing writes one history row per record changed, in bulk, so the change is in
# each record's history like an edit and the purge scrubs those rows like any other.

CLEARED = "Cleared: the center does not collect this field."  # a history reason, kept in English


@dataclass(frozen=True)
class Keeper:
    """Values of a collectible kept outside its model's fields (race: the client's
    classifications), counted and cleared by the app that keeps them."""

    count: Callable[[], int]
    clear: Callable[[models.Model], int]  # by whom; returns the records changed


KEEPERS: dict[str, Keeper] = {}


def keep(key: str, keeper: Keeper) -> None:
    BY_KEY[key]
    KEEPERS[key] = keeper


def _blank(field: models.Field):
    if field.null:
        return None
    if field.has_default():
        return field.get_default()
    return ""


def _holds(field: models.Field) -> Q:
    """A record still holds a value of this field."""
    blank = _blank(field)
    if blank is None:
        return Q(**{f"{field.name}__isnull": False})
    return ~Q(**{field.name: blank})


def _model_fields(collectible: Collectible) -> list[models.Field]:
    model = apps.get_model(collectible.model)
    return [model._meta.get_field(name) for name in collectible.fields]


def stored_counts(settings: CenterSettings) -> list[tuple[Collectible, int]]:
    """Each field turned off, with how many records still hold a value of it: one query
    per record model with fields turned off, whatever the number of records."""
    off = settings.turned_off()
    counts: dict[str, int] = {}
    for label in dict.fromkeys(f.model for f in off if f.fields):
        model = apps.get_model(label)
        wanted = {
            f.key.replace(".", "__"): Count("pk", filter=reduce(or_, map(_holds, _model_fields(f))))
            for f in off
            if f.model == label and f.fields
        }
        for name, n in model._base_manager.aggregate(**wanted).items():
            counts[name.replace("__", ".")] = n
    for f in off:
        if f.key in KEEPERS:
            counts[f.key] = KEEPERS[f.key].count()
    return [(f, counts.get(f.key, 0)) for f in off]


def clear_stored(collectible: Collectible, *, by: models.Model) -> int:
    """Blank a field turned off in every record that holds it, with a history row for
    each: a read, an UPDATE and the history rows in bulk, whatever the number of records.
    Returns how many records changed."""
    if collectible.key in KEEPERS:
        return KEEPERS[collectible.key].clear(by)
    model = apps.get_model(collectible.model)
    fields = _model_fields(collectible)
    holding = model._base_manager.filter(reduce(or_, map(_holds, fields)))
    rows = list(holding.select_for_update())
    if not rows:
        return 0
    blanks = {field.attname: _blank(field) for field in fields}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        blanks["updated_at"] = timezone.now()  # an edit form loaded before is out of date
    holding.update(**blanks)  # the rows just read and locked (in the caller's transaction)
    for row in rows:
        for name, value in blanks.items():
            setattr(row, name, value)
    model.history.bulk_history_create(
        rows, update=True, default_user=by, default_change_reason=CLEARED
    )
    return len(rows)


def memoized(key: str, load: Callable[[], object]) -> object:
    """What `load` returns, read once per request as the settings are (another row the
    center keeps, such as its local choices), or fresh outside a request."""
    memo = _memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def forget_memoized(key: str) -> None:
    """After a save, the rest of this request reads `key` again."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)
