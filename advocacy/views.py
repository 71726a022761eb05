"""Advocacy pages beyond the shared record pages (crisis_center.records, registered in
advocacy/apps.py): marking a follow-up done, a client's appointments, and support groups."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from advocacy import panels
from advocacy.forms import GroupSessionForm, SupportGroupForm
from advocacy.models import Appointment, GroupSession, MedicalAdvocacy, SupportGroup
from crisis_center import permissions, policy
from crisis_center.records.services import record_save, save_as
from crisis_center.records.views import client_records_page, save_or_form_errors


@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    record = policy.get_visible_or_404(request, MedicalAdvocacy.objects, pk=pk)
    # Marking the follow-up done changes the service record: the same training as logging it.
    if refusal := permissions.refusal(request, "log_records"):
        return refusal
    if record.follow_up_done_at is None:
        record.follow_up_done_at = timezone.now()
        record_save(record=record, by=request.user)
        messages.success(request, _("Follow-up marked done."))
    if request.POST.get("next") == "home":
        return redirect("home")
    return redirect("medical_detail", pk=pk)


def appointment_list(request: HttpRequest, pk: int) -> HttpResponse:
    """All of a client's appointments, a page at a time, what is still to come first."""
    return client_records_page(
        request,
        pk,
        model=Appointment,
        template="advocacy/appointment_list.html",
        records=panels.appointments_of,
    )


# Groups: no client data here. Attendance is recorded from the client's file.


@permissions.required("see_groups")
def group_list(request: HttpRequest) -> HttpResponse:
    groups = SupportGroup.objects.annotate(session_count=Count("sessions"))
    return render(request, "advocacy/group_list.html", {"groups": groups})


@transaction.atomic
def _group_create(form: SupportGroupForm, by) -> SupportGroup:
    """Whoever creates a group facilitates it."""
    group = form.save()
    group.facilitators.add(by)
    return group


@permissions.required("run_groups")
def group_create(request: HttpRequest) -> HttpResponse:
    form = SupportGroupForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(request, form, lambda: _group_create(form, request.user))
    ):
        messages.success(request, _("Group created."))
        return redirect("group_detail", pk=form.instance.pk)
    return render(request, "advocacy/group_form.html", {"form": form})


def _sessions(group: SupportGroup) -> list:
    """The latest 100 sessions with how many attended and who gave them."""
    return group.sessions.annotate(attendees=Count("attendance")).prefetch_related("facilitators")[
        :100
    ]


@permissions.required("see_groups")
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Sessions with how many attended: a number, never who."""
    group = get_object_or_404(SupportGroup.objects.prefetch_related("facilitators"), pk=pk)
    sessions = _sessions(group)
    form = GroupSessionForm(by=request.user)
    context = {"group": group, "sessions": sessions, "form": form}
    return render(request, "advocacy/group_detail.html", context)


@transaction.atomic
def _session_create(form: GroupSessionForm, by) -> GroupSession:
    session = save_as(form.instance, by)
    session.facilitators.set(form.cleaned_data["facilitators"])
    return session


@require_POST
@permissions.required("run_groups")
def group_session_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(SupportGroup, pk=pk)
    form = GroupSessionForm(request.POST, instance=GroupSession(group=group), by=request.user)
    if form.is_valid() and save_or_form_errors(
        request, form, lambda: _session_create(form, request.user)
    ):
        messages.success(request, _("Session added."))
        return redirect("group_detail", pk=group.pk)
    sessions = _sessions(group)
    context = {"group": group, "sessions": sessions, "form": form}
    return render(request, "advocacy/group_detail.html", context, status=200)
