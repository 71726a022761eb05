"""The page where supervisors and administrators keep the center's own entries in the
lists it extends (crisis_center/local_choices.py): add, rename, retire and restore. The
built-in entries are shown, never changed."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from crisis_center import local_choices, permissions
from crisis_center.forms import AsTyped
from crisis_center.local_choices import BUILT_IN, ListName, LocalChoice
from crisis_center.models import User
from crisis_center.records.services import save_as


class LocalChoiceForm(AsTyped, forms.ModelForm):
    class Meta:
        model = LocalChoice
        fields = ["label"]
        labels = {"label": _("New entry")}
        error_messages = {"label": {"required": _("Write the entry's label.")}}


class RenameForm(LocalChoiceForm):
    class Meta(LocalChoiceForm.Meta):
        labels = {"label": _("Label")}


@transaction.atomic
def _save(entry: LocalChoice, by: User) -> LocalChoice:
    save_as(entry, by)
    local_choices.forget()
    return entry


def _lists(adding: str = "", form: LocalChoiceForm | None = None) -> list[dict]:
    """Each list with its built-in and local entries, and its form to add one."""
    entries = {name: [] for name in ListName.values}
    for entry in LocalChoice.objects.all():
        entries[entry.list_name].append(entry)
    return [
        {
            "name": name,
            "title": title,
            "built_in": BUILT_IN[name].labels,
            "local": entries[name],
            "form": form if name == adding else LocalChoiceForm(prefix=name),
        }
        for name, title in ListName.choices
    ]


@permissions.required("keep_choice_lists")
def choice_lists(request: HttpRequest) -> HttpResponse:
    adding = request.POST.get("list_name", "") if request.method == "POST" else ""
    form = None
    if request.method == "POST":
        if adding not in ListName.values:
            messages.error(request, gettext("Choose a list to add the entry to."))
            return redirect("choice_lists")
        form = LocalChoiceForm(request.POST, prefix=adding, instance=LocalChoice(list_name=adding))
        if form.is_valid():
            entry = _save(form.instance, request.user)
            messages.success(
                request, gettext("Added to %(list)s: %(label)s.")
                % {"list": ListName(adding).label, "label": entry.label},
            )  # fmt: skip
            return redirect("choice_lists")
    return render(request, "center/choice_lists.html", {"lists": _lists(adding, form)})


@permissions.required("keep_choice_lists")
def choice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(LocalChoice, pk=pk)
    shown = entry.label  # a refused label is not the entry's name
    form = RenameForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        _save(form.instance, request.user)
        messages.success(
            request, gettext("Renamed: every record that holds it shows the new label.")
        )
        return redirect("choice_lists")
    return render(request, "center/choice_edit.html", {"form": form, "label": shown})


def _set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    entry = get_object_or_404(LocalChoice, pk=pk)
    if entry.active != active:
        entry.active = active
        _save(entry, request.user)
    message = (
        gettext("Restored: %(label)s is offered again.")
        if active
        else gettext("Retired: %(label)s is no longer offered; records that hold it keep it.")
    )
    messages.success(request, message % {"label": entry.label})
    return redirect("choice_lists")


@require_POST
@permissions.required("keep_choice_lists")
def choice_retire(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@require_POST
@permissions.required("keep_choice_lists")
def choice_restore(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)
