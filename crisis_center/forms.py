"""What staff type is saved as typed, or refused with a message: never cut short,
never silently emptied, never quietly changed (rule 1).

Every form people type into mixes in `AsTyped`; `static/js/forms.js` is its other half
in the browser.
"""

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from crisis_center import center

# forms.js names here each field whose value the browser could not read: a date input
# holding 02/30/2026 (or a date half typed) posts "", the same as a date left empty.
BAD_INPUT = "bad_input"

UNREADABLE = {
    "date": gettext_lazy("Enter a real date: this one does not exist or is not complete."),
    "datetime-local": gettext_lazy(
        "Enter a real date and time: this one does not exist or is not complete."
    ),
    "time": gettext_lazy("Enter a real time."),
    "month": gettext_lazy("Enter a real month."),
    "number": gettext_lazy("Enter a number."),
}

OVER_LIMIT = gettext_lazy(
    "This holds at most %(limit_value)d characters; it has %(show_value)d. "
    "Shorten it: nothing was cut or saved."
)


def not_only_spaces(value: str) -> None:
    """A required note kept as typed must still hold more than spaces."""
    if not value.strip():
        raise ValidationError(forms.Field.default_error_messages["required"], code="required")


def layout_of(form: forms.BaseForm, *parts) -> Layout:
    """A crispy layout of `parts` without the fieldsets left empty: a group whose every
    field the center does not collect would otherwise keep its legend over nothing."""

    def has_fields(part) -> bool:
        names = [pointer.name for pointer in part.get_field_names()]
        return any(name in form.fields for name in names)

    return Layout(*[part for part in parts if not isinstance(part, Fieldset) or has_fields(part)])


class AsTyped:
    """The form side of "saved exactly as typed, or the form comes back with a message".

    - A field the browser flagged as unreadable (`bad_input`) gets an error instead of
      being saved as no value.
    - No input carries a `maxlength`: the browser would cut a paste at the limit without
      a word. The limit moves to `data-maxlength` (forms.js counts down as people type)
      and a longer value is refused with a message, everything typed kept in the form.
    - A multi-line box is kept exactly, spaces and line breaks around the text included;
      a one-line field (a name, a phone number) drops the spaces around it.
    - A field the center does not collect is not on the form (crisis_center/center.py):
      not drawn, and not read from a post.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        center.drop_uncollected(self)
        for field in self.fields.values():
            limit = field.widget.attrs.pop("maxlength", None)
            if limit is not None:
                field.widget.attrs["data-maxlength"] = limit
                field.error_messages["max_length"] = OVER_LIMIT
            if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea):
                field.strip = False
                if field.required:
                    field.validators.append(not_only_spaces)

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return
        getlist = getattr(self.data, "getlist", None)
        flagged = set(getlist(BAD_INPUT) if getlist else [self.data.get(BAD_INPUT)])
        for name, field in self.fields.items():
            if self.add_prefix(name) in flagged:
                kind = getattr(field.widget, "input_type", "")
                self._errors.pop(name, None)  # "required" says less than this
                self.add_error(
                    name, UNREADABLE.get(kind, gettext("Enter a value this field can hold."))
                )
