"""Forms every record kind shares: the base of record forms, its edit-conflict check, and
fields that refuse impossible ids.

A form people type into saves as typed or comes back with a message (crisis_center.forms),
a new record's form is saved once however often it is sent (crisis_center.form_tokens),
and an edit does not silently overwrite someone else's (SavedSinceLoaded).
"""

from collections.abc import Iterable

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crisis_center.form_tokens import OneTimeToken
from crisis_center.forms import AsTyped
from crisis_center.ids import parse_id
from crisis_center.models import User
from crisis_center.records.models import DURATION_VALIDATORS, MOST_MINUTES, TimeGiven


class _IdsInRange:
    """Refuse ids no database column could hold, as an invalid choice (not a 500)."""

    def _check_ids(self, values) -> None:
        for value in values:
            text = str(value).strip()
            if text.lstrip("-").isdigit() and parse_id(text.lstrip("-")) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )


class ModelChoiceField(_IdsInRange, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            self._check_ids([value])
        return super().to_python(value)


class ModelMultipleChoiceField(_IdsInRange, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        self._check_ids(value)
        return super()._check_values(value)


def safe_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """ModelForm fields for relations use the id-checking choice fields above."""
    if isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    return db_field.formfield(**kwargs)


class SavedSinceLoaded(OneTimeToken, AsTyped, forms.ModelForm):
    """No lost work: an edit carries the updated_at it was loaded with. If someone saved
    the record since, the save is refused with both versions side by side; the form
    keeps this user's values and the new version, so saving again merges. A new record's
    form carries a one-time token instead, so sending it twice saves it once."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    conflict: tuple | list = ()  # set on a refused stale save

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and hasattr(self.instance, "updated_at"):
            self.initial["version"] = self.instance.updated_at.isoformat()

    def clean(self) -> dict:
        data = super().clean()
        saved = getattr(self.instance, "updated_at", None)
        loaded = data.get("version")  # every edit page sends it; a script may not
        if self.instance.pk and saved and loaded and loaded != saved.isoformat():
            self.conflict = self._differences(data)
            self.data = self.data.copy()
            self.data["version"] = saved.isoformat()
            raise ValidationError(
                _(
                    "Someone else saved this record while you were editing it. Their version and "
                    "yours are shown below; keep or change your values and save again."
                )
            )
        return data

    def _differences(self, data: dict) -> list[tuple[str, str, str]]:
        rows = []
        for name, field in self.fields.items():
            if name == "version" or name not in data or not hasattr(self.instance, name):
                continue
            theirs = getattr(self.instance, name)
            if hasattr(theirs, "all"):  # a many-to-many manager
                theirs = list(theirs.all())
                yours = list(data[name])
            else:
                yours = data[name]
            if theirs != yours:
                rows.append((str(field.label or name), _shown(field, theirs), _shown(field, yours)))
        return rows


def _shown(field: forms.Field, value) -> str:
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, list):
        return ", ".join(str(choices.get(v, v)) for v in value) or "—"
    if value in (None, ""):
        return "—"
    return str(choices.get(value, value))


NO_LONGER_OFFERED = "no longer offered"


def offer_active_and_kept(
    field: forms.ModelChoiceField, queryset: models.QuerySet, *, flag: str, kept: Iterable[int]
) -> None:
    """Offer the active entries of `queryset` and the hidden ones this record already has.

    Hiding an entry (a victimization type, an agency, a staff account) takes it off new
    records' forms, not off the records that have it: a form that offered only active
    ones would drop it on the next save, unasked. Kept ones say they are no longer
    offered; a hidden one the record lacks stays an invalid choice.
    """
    field.queryset = queryset.filter(Q(**{flag: True}) | Q(pk__in=list(kept)))
    label = field.label_from_instance
    field.label_from_instance = lambda obj: (
        label(obj) if getattr(obj, flag) else f"{label(obj)} ({NO_LONGER_OFFERED})"
    )


class _ChoicesOnce(forms.models.ModelChoiceIterator):
    """A select's options read once per form: Django reads them twice (whether the first
    is empty, for the `required` attribute, then to draw them), a query each."""

    def __iter__(self):
        if not hasattr(self, "_read"):
            self._read = list(super().__iter__())
        return iter(self._read)


def offer_givers(
    form: forms.ModelForm, name: str, *, author_id: int | None, counseling: bool = False
) -> None:
    """The "given by" of a direct service (one person, or several for a group session).

    Offers the staff who could give it now (User.objects.giving_services: active,
    certified, counseling-certified for counseling), volunteers included; a record
    given by someone who no longer could keeps them, marked "(no longer offered)". A
    new record's is the person logging it unless they choose another, and a post
    without the field (a page drawn before it was asked, a script) is given by them
    too, as a post without a form token is saved as before.
    """
    field = form.fields[name]
    many = isinstance(field, forms.ModelMultipleChoiceField)
    instance = form.instance
    if instance.pk:
        kept = list(form.initial.get(name) or []) if many else [form.initial.get(name)]
        kept = [getattr(value, "pk", value) for value in kept if value is not None]
    else:
        kept = []
        form.initial[name] = [author_id] if many else author_id
    field.iterator = _ChoicesOnce
    offer_active_and_kept(
        field, User.objects.giving_services(counseling=counseling), flag="offered", kept=kept
    )
    field.required = True
    field.empty_label = None
    key = form.add_prefix(name)
    default = form.initial.get(name)
    # Not for a list: a browser posts nothing for a list with none chosen, which is
    # refused as empty, never taken as the person logging it.
    if form.is_bound and key not in form.data and default is not None and not many:
        form.data = form.data.copy()
        form.data[key] = default


def ask_duration(form: forms.ModelForm) -> None:
    """The length of a direct service, asked on its form and not required. Required, it
    would hold an advocate on the form of a call still going on, and make staff who log
    a visit days later from notes invent a number; left empty, the record counts as
    "time not recorded" in the service-hours report, shown apart, never as 0."""
    field = form.fields["duration_minutes"]
    field.required = False
    field.validators = list(DURATION_VALIDATORS)  # their messages, not "at least 0"
    field.widget.attrs.update({"min": 1, "max": MOST_MINUTES, "step": 1})
    field.help_text = _("Whole minutes. Leave empty if you do not know.")


def checklist(choices: type[models.TextChoices], label: str) -> forms.MultipleChoiceField:
    """A list of checkboxes for a ChoiceList model field."""
    return forms.MultipleChoiceField(
        choices=choices.choices, required=False, label=label, widget=forms.CheckboxSelectMultiple
    )


def service_codes_field(codes: type[models.TextChoices]) -> forms.MultipleChoiceField:
    """The funder service codes a record counts as, grouped A-E; empty means the default."""
    return forms.MultipleChoiceField(
        choices=codes.grouped(),
        required=False,
        label=gettext_lazy("Services it counts as in the funder report"),
        help_text=gettext_lazy(
            "Leave all unticked to count it the usual way for this kind of record."
        ),
        widget=forms.CheckboxSelectMultiple,
    )


def service_codes_layout() -> list:
    """The codes folded away under a summary: one tab stop for people who keep the
    defaults, which most contacts do; open it to choose codes."""
    return [
        HTML(
            '<details class="mb-3 service-codes"'
            "{% if form.service_codes.value or form.service_codes.errors %} open{% endif %}>"
            "<summary>Funder service codes (optional)</summary>"
        ),
        Field("service_codes", wrapper_class="checkbox-columns mt-2"),
        HTML("</details>"),
    ]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def listed_choices(form: forms.ModelForm, name: str) -> type[models.TextChoices]:
    """The TextChoices a model's ChoiceList field holds codes of (its list validator)."""
    field = form._meta.model._meta.get_field(name)
    return next(v.choices for v in field.validators if hasattr(v, "choices"))


class RecordForm(SavedSinceLoaded):
    """Shared base: date-time inputs as native pickers, a crispy layout of rows, and
    relation fields that refuse impossible ids."""

    rows: tuple = ()  # each a field name, a tuple of names side by side, or a layout object

    class Meta:
        # Subclasses declare `class Meta(RecordForm.Meta)`: Django reads the callback
        # from a form's own Meta only.
        formfield_callback = safe_formfield

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                field.widget = LocalDateTimeInput()
            elif isinstance(field, forms.DateField):
                field.widget = forms.DateInput(attrs={"type": "date"})
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
        if "service_codes" in self.fields:
            self.fields["service_codes"] = service_codes_field(
                listed_choices(self, "service_codes")
            )
        if "duration_minutes" in self.fields:
            ask_duration(self)
        # The staff member who gave a service (a field of TimeGiven's; a consent's "given
        # by" is someone else and keeps its own choices).
        if "given_by" in self.fields and isinstance(self.instance, TimeGiven):
            logged_by = getattr(self.instance, f"{self.instance.logged_by}_id", None)
            offer_givers(self, "given_by", author_id=logged_by, counseling=self._counseling())
        self.helper = FormHelper()
        self.helper.render_hidden_fields = True
        self.helper.form_tag = False
        rows = self.rows or self._meta.fields
        self.helper.layout = Layout(
            *[
                Row(*[Column(name) for name in row])
                if isinstance(row, tuple)
                else Field(row)
                if isinstance(row, str)
                else row  # a layout object of its own (inline checkboxes)
                for row in rows
                if row != "service_codes"
            ],
            *(service_codes_layout() if "service_codes" in rows else ()),
        )

    def _counseling(self) -> bool:
        """Whether the record kind needs the counseling training (its registration)."""
        from crisis_center.records import KINDS

        return any(k.counseling for k in KINDS.values() if k.model is self._meta.model)
