"""Closing and reopening a file, and the stability report. Every client is loaded through
crisis_center.policy first, then the capability is checked (an unseen client is a 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crisis_center import permissions, policy
from crisis_center.records.views import save_or_form_errors
from intake import closing
from intake.choices import ClientStatus
from intake.closing_forms import ClosureForm, ReopenForm
from intake.models import Client, FileClosure

REOPENED_MEANWHILE = gettext_lazy(
    "Someone reopened this file while you were correcting its closing: nothing was saved."
)


def _client(request: HttpRequest, pk: int) -> Client | HttpResponse:
    client = policy.get_visible_or_404(request, Client.objects, pk=pk)
    if refusal := permissions.refusal(request, "close_files"):
        return refusal
    if client.purged_at:
        messages.info(request, closing.PURGED)
        return redirect("client_detail", pk=client.pk)
    return client


def client_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the file (its form asks why and for the aftercare plan); once it is closed,
    the same page corrects that closing. A closing form sent for a file closed since
    (twice, or by two people) is refused: a file is closed once."""
    client = _client(request, pk)
    if isinstance(client, HttpResponse):
        return client
    current = closing.current_closure(client)
    correcting = bool(request.POST.get("version"))  # an edit form carries its version
    if client.status == ClientStatus.CLOSED and request.method == "POST" and not correcting:
        messages.error(request, closing.ALREADY_CLOSED)
        return redirect("client_detail", pk=client.pk)
    if client.status == ClientStatus.CLOSED and current is None:
        messages.info(request, _("This file is closed, with no closing recorded to correct."))
        return redirect("client_detail", pk=client.pk)
    if current is None and correcting:
        messages.error(request, REOPENED_MEANWHILE)
        return redirect("client_detail", pk=client.pk)
    form = ClosureForm(request.POST or None, instance=current or FileClosure(client=client))

    def save() -> FileClosure:
        if current is None:
            return closing.close_file(
                client=client, closure=form.instance, stability=form.stability_check(),
                by=request.user,
            )  # fmt: skip
        return closing.closure_update(closure=form.instance, by=request.user)

    if request.method == "POST" and form.is_valid() and save_or_form_errors(request, form, save):
        messages.success(request, _("File closed.") if current is None else _("Changes saved."))
        return redirect("client_detail", pk=client.pk)
    context = {"client": client, "form": form, "current": current}
    return render(request, "intake/client_close.html", context)


def client_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a closed file in two steps: this page shows the closing and asks why; its
    POST reopens. The closing stays, as an earlier episode."""
    client = _client(request, pk)
    if isinstance(client, HttpResponse):
        return client
    if client.status != ClientStatus.CLOSED:
        messages.info(request, closing.NOT_CLOSED)
        return redirect("client_detail", pk=client.pk)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            closing.reopen_file(client=client, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("File reopened. The earlier closing stays on this page."))
        return redirect("client_detail", pk=client.pk)
    context = {"client": client, "form": form, "current": closing.current_closure(client)}
    return render(request, "intake/client_reopen.html", context)
