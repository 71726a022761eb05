"""Local entries in the choice lists a center extends (issue 23): needs raised, outreach
places and closure reasons. The built-in entries (the funder's or the program model's)
are TextChoices the apps register here; a center adds its own after them.

A local entry's code is "local-" and its row id: the id is never reused (entries are
retired, never deleted; SQLite's AUTOINCREMENT and PostgreSQL's sequences do not hand
an id out twice) and no built-in code starts with "local-", so a stored code always
means the same entry. Records store codes, never labels: renaming an entry relabels
every record that holds it. A retired entry stays readable on those records but is not
offered for new ones.

The labels are the center's words for a kind of need or place: never client data, so a
purge has nothing to scrub here.

Reading: every local entry of every list in one query, once per request
(crisis_center.center.memoized), and only when a form offers the lists or a record
holds a code that is not built in: a page showing built-in codes reads nothing more.
"""

from collections.abc import Iterable
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from crisis_center import center

PREFIX = "local-"
NOT_OFFERED = _("(no longer offered)")


class ListName(models.TextChoices):
    """The lists a center extends. Kinds of shift are a list of their own
    (crisis_center.roster_models.ShiftKind), kept on the roster."""

    NEEDS = "needs", _("Needs raised")
    OUTREACH_PLACES = "outreach_places", _("Outreach places")
    CLOSURE_REASONS = "closure_reasons", _("Reasons for closing a file")


# The built-in entries of each list, registered by the app that owns them (ready()).
BUILT_IN: dict[str, type[models.TextChoices]] = {}


def register(name: ListName, choices: type[models.TextChoices]) -> None:
    clashing = [code for code in choices.values if code.startswith(PREFIX)]
    if clashing:  # a programming error: the codes would collide with a local entry's
        raise ValueError(f"Built-in codes may not start with {PREFIX!r}: {clashing}")
    BUILT_IN[name] = choices


class LocalChoice(models.Model):
    """One entry a center added to a list: its label as typed, active until retired."""

    list_name = models.CharField(_("list"), max_length=20, choices=ListName)
    label = models.CharField(_("label"), max_length=80)
    active = models.BooleanField(
        _("offered"), default=True, help_text=_("A retired entry is not offered for new records.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["list_name", "id"]
        verbose_name = _("local choice")
        constraints = [
            models.UniqueConstraint(
                "list_name", Lower("label"), name="local_choice_label_once_per_list"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def code(self) -> str:
        return f"{PREFIX}{self.pk}"

    def clean(self) -> None:
        label = self.label.strip()
        if not label:
            return  # the field says so (blank=False; the form's message)
        built_in = BUILT_IN.get(self.list_name)
        if built_in and label.casefold() in {str(lb).casefold() for lb in built_in.labels}:
            raise ValidationError({"label": _("The list already has this entry (built in).")})
        same = (
            LocalChoice.objects.filter(list_name=self.list_name, label__iexact=label)
            .exclude(pk=self.pk)
            .first()
        )
        if same is not None:
            message = (
                _("The list already has this entry.")
                if same.active
                else _("The list already has this entry, retired: restore it instead.")
            )
            raise ValidationError({"label": message})


def _load() -> dict[str, dict[str, LocalChoice]]:
    entries: dict[str, dict[str, LocalChoice]] = {name: {} for name in ListName.values}
    for entry in LocalChoice.objects.all():
        entries.setdefault(entry.list_name, {})[entry.code] = entry
    return entries


def local_entries(name: str) -> dict[str, LocalChoice]:
    """The list's local entries by code, retired ones included (one query a request)."""
    return center.memoized("local_choices", _load)[name]


def forget() -> None:
    center.forget_memoized("local_choices")


def _built_in(name: str) -> type[models.TextChoices]:
    return BUILT_IN[name]


def is_known(name: str, code: str) -> bool:
    """A built-in code, or one of an entry the center added (retired or not)."""
    return code in _built_in(name).values or code in local_entries(name)


def label(name: str, code: str) -> str:
    """The label of a stored code: a built-in code reads nothing."""
    if code in _built_in(name).values:
        return str(_built_in(name)(code).label)
    entry = local_entries(name).get(code)
    return entry.label if entry is not None else code


def labels(name: str, codes: Iterable[str]) -> list[str]:
    return [label(name, code) for code in codes]


def offered(name: str, kept: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The choices a form offers: the built-in ones, then the active local entries in the
    order they were added, then any retired entry the record already holds (kept, marked
    as no longer offered, so saving the record unchanged keeps it)."""
    kept = set(kept)
    choices = [(code, str(text)) for code, text in _built_in(name).choices]
    for code, entry in local_entries(name).items():
        if entry.active:
            choices.append((code, entry.label))
        elif code in kept:
            choices.append((code, f"{entry.label} {NOT_OFFERED}"))
    return choices


class _BuiltInFirst:
    """A form field whose built-in codes are valid without reading the local entries."""

    list_name: str

    def valid_value(self, value) -> bool:
        return str(value) in _built_in(self.list_name).values or super().valid_value(value)


class LocalChoiceField(_BuiltInFirst, forms.ChoiceField):
    def __init__(self, list_name: str, *, kept: str = "", **kwargs) -> None:
        self.list_name = list_name
        choices = partial(_with_blank, list_name, kept)
        super().__init__(choices=choices, **kwargs)


class LocalMultipleChoiceField(_BuiltInFirst, forms.MultipleChoiceField):
    def __init__(self, list_name: str, *, kept: Iterable[str] = (), **kwargs) -> None:
        self.list_name = list_name
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(choices=partial(offered, list_name, tuple(kept)), **kwargs)


def _with_blank(name: str, kept: str) -> list[tuple[str, str]]:
    return [("", "---------"), *offered(name, [kept] if kept else [])]


@deconstructible
class LocalCodeValidator:
    """A stored code must be one of the list's: built in, or an entry the center added."""

    def __init__(self, list_name: str) -> None:
        self.list_name = list_name

    def __call__(self, value) -> None:
        if value and not is_known(self.list_name, str(value)):
            raise ValidationError(_("Unknown choice: %(code)s."), params={"code": value})

    def label_of(self, code: str) -> str:
        return label(self.list_name, code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocalCodeValidator) and self.list_name == other.list_name


@deconstructible
class LocalCodeListValidator(LocalCodeValidator):
    """A JSON list may hold only the list's codes, each once."""

    def __call__(self, value) -> None:
        if not isinstance(value, list) or len(set(map(str, value))) != len(value):
            raise ValidationError(_("Choose each item at most once."))
        unknown = sorted(code for code in map(str, value) if not is_known(self.list_name, code))
        if unknown:
            raise ValidationError(
                _("Unknown choice: %(codes)s."), params={"codes": ", ".join(unknown)}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocalCodeListValidator) and self.list_name == other.list_name


def LocalChoiceList(list_name: str, verbose_name: str) -> models.JSONField:  # noqa: N802
    """A checklist of one extendable list, stored as a JSON list of codes."""
    return models.JSONField(
        verbose_name, default=list, blank=True, validators=[LocalCodeListValidator(list_name)]
    )
