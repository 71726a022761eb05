"""The center settings page: administrators edit the center's name and details and turn
off the optional fields the center does not collect (crisis_center/center.py); and the
supervisors' page of the values stored before a field was turned off, which they clear."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from crisis_center import center, permissions
from crisis_center.center import BY_KEY, COLLECTIBLE, GROUPS, CenterSettings
from crisis_center.forms import AsTyped


class CenterSettingsForm(AsTyped, forms.ModelForm):
    not_collected = forms.MultipleChoiceField(
        label=_("Fields the center does not collect"),
        choices=[(field.key, field.label) for field in COLLECTIBLE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "A field ticked here is gone from every form, page, export and import "
            "template, and the funder report counts it as Not Tracked. Values already "
            "stored stay until a supervisor clears them."
        ),
    )

    class Meta:
        model = CenterSettings
        fields = ["name", "hotline", "address", "not_collected"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": _("Give the center a name.")}}

    def clean_not_collected(self) -> list[str]:
        chosen = set(self.cleaned_data["not_collected"])
        return [field.key for field in COLLECTIBLE if field.key in chosen]  # a stable order

    def groups(self) -> list[tuple[str, list]]:
        """The checkboxes under a heading per record (Client, Crisis contact, ...)."""
        boxes = list(self["not_collected"])
        return [
            (group, [box for box in boxes if BY_KEY[box.data["value"]].group == group])
            for group in GROUPS
        ]


@permissions.required("keep_center_settings")
def center_settings(request: HttpRequest) -> HttpResponse:
    instance = center.current()
    form = CenterSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        center.forget()
        messages.success(request, gettext("The center's settings are saved."))
        return redirect("center_settings")
    return render(request, "center/settings.html", {"form": form})


class ClearStoredForm(AsTyped, forms.Form):
    field = forms.ChoiceField(choices=[(f.key, f.label) for f in COLLECTIBLE])
    confirm = forms.BooleanField(
        label=_("I understand the stored values are blanked in every record"),
        error_messages={"required": _("Tick the box to confirm: nothing was cleared.")},
    )

    def clean_field(self) -> str:
        key = self.cleaned_data["field"]
        if center.collects(key):  # turned back on since the page was drawn
            raise forms.ValidationError(gettext("The center collects this field again."))
        return key


@permissions.required("clear_uncollected_fields")
def stored_values(request: HttpRequest) -> HttpResponse:
    """Each field the center does not collect, with how many records still hold a
    value; clearing one blanks it in all of them, each change in the record's history."""
    form = ClearStoredForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        collectible = BY_KEY[form.cleaned_data["field"]]
        with transaction.atomic():
            changed = center.clear_stored(collectible, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(field)s cleared in %(count)d record.",
                "%(field)s cleared in %(count)d records.",
                changed,
            )
            % {"field": f"{collectible.group}: {collectible.label}", "count": changed},
        )
        return redirect("stored_values")
    rows = center.stored_counts(center.current())
    return render(request, "center/stored.html", {"rows": rows, "form": form})
