"""The center settings page: administrators edit the center's name and details and turn
off the optional fields the center does not collect (crisis_center/center.py)."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisis_center import center, permissions
from crisis_center.center import COLLECTIBLE, CenterSettings
from crisis_center.forms import AsTyped


class CenterSettingsForm(AsTyped, forms.ModelForm):
    not_collected = forms.MultipleChoiceField(
        label=_("Fields the center does not collect"),
        choices=[(field.key, f"{field.group}: {field.label}") for field in COLLECTIBLE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "A field ticked here is gone from every form, page, export and import "
            "template, and the funder report counts it as Not Tracked. Values already stored "
            "stay until a supervisor clears them."
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
