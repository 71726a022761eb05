"""Case conferences: pages under a client, loaded through crisis_center.policy.

Recommendation 2 (case conferencing tables); DESIGN.md rule 6: every agency at the
table has a valid release, and what partners see is de-identified unless the client
agreed to be named.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collaboration import services
from collaboration.forms import CaseConferenceForm, ConferenceActionForm
from collaboration.models import CaseConference, ConferenceAction
from crisis_center import permissions, policy
from crisis_center.records.views import save_or_form_errors
from intake.models import Client


def _conference(request: HttpRequest, pk: int, conference_pk: int) -> CaseConference:
    """The one door: a conference of a client the user may see (the read is logged)."""
    return policy.get_visible_or_404(
        request,
        CaseConference.objects.select_related("client", "created_by"),
        pk=conference_pk,
        client_id=pk,
    )


def _edit(request: HttpRequest, client: Client, conference: CaseConference) -> HttpResponse:
    if refusal := permissions.refusal(request, "log_records"):
        return refusal
    form = CaseConferenceForm(request.POST or None, instance=conference)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(
            request,
            form,
            lambda: services.conference_save(
                conference=form.instance, agencies=form.cleaned_data["agencies"], by=request.user
            ),
        )
    ):
        messages.success(request, _("Case conference saved."))
        return redirect("conference_detail", pk=client.pk, conference_pk=conference.pk)
    context = {"form": form, "client": client, "conference": conference}
    return render(request, "collaboration/conference_form.html", context)


def conference_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = policy.get_visible_or_404(request, Client.objects, pk=pk)
    return _edit(request, client, CaseConference(client=client))


def conference_edit(request: HttpRequest, pk: int, conference_pk: int) -> HttpResponse:
    conference = _conference(request, pk, conference_pk)
    return _edit(request, conference.client, conference)


def _details(conference: CaseConference) -> dict:
    attending = list(conference.attending.select_related("agency", "release"))
    actions = list(conference.actions.select_related("owner_agency", "owner_staff"))
    return {"conference": conference, "attending": attending, "actions": actions}


def _detail(request: HttpRequest, conference: CaseConference, form=None, status=200):
    context = _details(conference)
    agencies = [row.agency for row in context["attending"]]
    context["form"] = form or ConferenceActionForm(agencies=agencies)
    context["client"] = conference.client
    return render(request, "collaboration/conference_detail.html", context, status=status)


def conference_detail(request: HttpRequest, pk: int, conference_pk: int) -> HttpResponse:
    return _detail(request, _conference(request, pk, conference_pk))


def conference_summary(request: HttpRequest, pk: int, conference_pk: int) -> HttpResponse:
    """The printable summary shared with the partners: the alias unless the client agreed
    to be named; no client number, no contact details, nothing else of the file."""
    context = _details(_conference(request, pk, conference_pk))
    return render(request, "collaboration/conference_summary.html", context)


@require_POST
def conference_action_create(request: HttpRequest, pk: int, conference_pk: int) -> HttpResponse:
    conference = _conference(request, pk, conference_pk)
    if refusal := permissions.refusal(request, "log_records"):
        return refusal
    agencies = [row.agency for row in conference.attending.select_related("agency")]
    item = ConferenceAction(conference=conference, client=conference.client)
    form = ConferenceActionForm(request.POST, instance=item, agencies=agencies)
    if form.is_valid() and save_or_form_errors(
        request, form, lambda: services.conference_action_add(item=form.instance, by=request.user)
    ):
        messages.success(request, _("Action item added."))
        return redirect("conference_detail", pk=pk, conference_pk=conference.pk)
    return _detail(request, conference, form=form)


@require_POST
def conference_action_done(request: HttpRequest, pk: int, conference_pk: int, item_pk: int):
    item = policy.get_visible_or_404(
        request,
        ConferenceAction.objects.select_related("conference"),
        pk=item_pk,
        conference_id=conference_pk,
        client_id=pk,
    )
    # Closing an action item writes to the client's conference record, like adding one.
    if refusal := permissions.refusal(request, "log_records"):
        return refusal
    services.conference_action_done(item=item, by=request.user)
    messages.success(request, _("Action item marked done."))
    return redirect("conference_detail", pk=pk, conference_pk=conference_pk)
