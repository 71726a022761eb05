"""Pages of the collaboration module: partner agencies, meetings, plans, cross-training,
outreach, the agency's self-assessment and prevention groups.

No page here loads or shows client data, so none goes through the client access policy;
each is limited by role (404 for others). One list view and one add/edit view serve every
kind of record (collaboration/sections.py).
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collaboration.forms import (
    ActionItemForm,
    AgendaItemForm,
    CharterForm,
    PreventionSessionForm,
)
from collaboration.models import ActionItem, Charter, Meeting, PreventionGroup
from collaboration.sections import SECTIONS, Section, save_form
from crisis_center import permissions
from crisis_center.paging import page_of
from crisis_center.records.views import save_or_form_errors

SHOWN = 100  # sub-items a detail page lists (agenda, actions, sessions)


def _saved(request: HttpRequest, form, save: Callable = save_form) -> bool:
    """A POST whose form is valid and whose record the save function stored."""
    return (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(request, form, lambda: save(form, request.user))
    )


@permissions.required("run_outreach")
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: the parts of the collaboration this role may open."""
    sections = [s for s in SECTIONS.values() if permissions.can(request.user, s.capability)]
    manages = permissions.can(request.user, "manage_collaboration")
    context = {
        "sections": sections,
        "charter": Charter.current() if manages else None,
        "overdue": ActionItem.objects.open_past_due().count() if manages else 0,
    }
    return render(request, "collaboration/home.html", context)


def _heading(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:  # an annotation, e.g. session_count
        return name.replace("_count", "s").replace("_", " ").capitalize()


def _cell(record: models.Model, name: str):
    display = getattr(record, f"get_{name}_display", None)
    value = display() if display else getattr(record, name)
    return value[:80] + "…" if isinstance(value, str) and len(value) > 80 else value


def list_view(section: Section) -> Callable[..., HttpResponse]:
    @permissions.required(section.capability)
    def view(request: HttpRequest) -> HttpResponse:
        page = page_of(request, section.records(), section.page_size)
        context = {
            "section": section,
            "page": page,
            "headings": [_heading(section.model, name) for name in section.columns],
            "rows": [(r, [_cell(r, name) for name in section.columns]) for r in page],
            **(section.summary(request, page) if section.summary else {}),
        }
        return render(request, section.list_template, context)

    return view


def edit_view(section: Section) -> Callable[..., HttpResponse]:
    """Add a record (no pk) or edit one; a record with sub-items returns to its page."""

    @permissions.required(section.capability)
    def view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
        record = get_object_or_404(section.model, pk=pk) if pk else section.model()
        if section.by_author and not pk:
            record.created_by = request.user
        form = section.form(request.POST or None, instance=record)
        if _saved(request, form, section.save):
            messages.success(request, _("%(section)s saved.") % {"section": section.title})
            if section.detail:
                return redirect(f"{section.slug}_detail", pk=form.instance.pk)
            return redirect(f"{section.slug}_list")
        return render(request, "collaboration/form.html", {"form": form, "section": section})

    return view


@permissions.required("manage_collaboration")
def charter(request: HttpRequest) -> HttpResponse:
    form = CharterForm(request.POST or None, instance=Charter.current())
    if _saved(request, form):
        messages.success(request, _("Purpose and ground rules saved."))
        return redirect("collaboration")
    return render(request, "collaboration/charter.html", {"form": form})


# Meetings: agenda and action items are added on the meeting's page -----------------


def _meeting_page(request: HttpRequest, meeting: Meeting, **forms) -> HttpResponse:
    context = {
        "meeting": meeting,
        "agencies": meeting.attending_agencies.all(),
        "agenda": meeting.agenda_items.all()[:SHOWN],
        "actions": meeting.action_items.select_related("owner_agency")[:SHOWN],
        "agenda_form": forms.get("AgendaItemForm") or AgendaItemForm(),
        "action_form": forms.get("ActionItemForm") or ActionItemForm(),
        "section": SECTIONS["meeting"],
    }
    return render(request, "collaboration/meeting_detail.html", context)


@permissions.required("manage_collaboration")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, get_object_or_404(Meeting, pk=pk))


def _add_to(request: HttpRequest, parent, form_class, *, page: Callable, done: str):
    """Add a sub-item (an agenda item, an action item, a session) from its parent's page;
    an invalid one shows the parent's page again with the errors. The form's `parent`
    names the sub-item's foreign key to the parent."""
    model = form_class._meta.model
    form = form_class(request.POST, instance=model(**{form_class.parent: parent}))
    if _saved(request, form):
        messages.success(request, done)
        return redirect(parent)
    return page(request, parent, **{form_class.__name__: form})


@require_POST
@permissions.required("manage_collaboration")
def agenda_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    return _add_to(
        request, meeting, AgendaItemForm, page=_meeting_page, done=_("Agenda item added.")
    )


@require_POST
@permissions.required("manage_collaboration")
def action_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    return _add_to(
        request, meeting, ActionItemForm, page=_meeting_page, done=_("Action item added.")
    )


@permissions.required("manage_collaboration")
def action_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ActionItem, pk=pk)
    form = ActionItemForm(request.POST or None, instance=item)
    if _saved(request, form):
        messages.success(request, _("Action item saved."))
        return redirect("meeting_detail", pk=item.meeting_id)
    context = {"form": form, "section": SECTIONS["meeting"], "title": "Action item"}
    return render(request, "collaboration/form.html", context)


# Prevention groups: sessions are added on the group's page ------------------------


def _prevention_page(request: HttpRequest, group: PreventionGroup, **forms) -> HttpResponse:
    context = {
        "group": group,
        "sessions": group.sessions.all()[:SHOWN],
        "session_form": forms.get("PreventionSessionForm") or PreventionSessionForm(),
        "section": SECTIONS["prevention"],
    }
    return render(request, "collaboration/prevention_detail.html", context)


def _group(pk: int) -> PreventionGroup:
    groups = PreventionGroup.objects.with_totals().select_related("partner_agency")
    return get_object_or_404(groups, pk=pk)


@permissions.required("manage_collaboration")
def prevention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _prevention_page(request, _group(pk))


@require_POST
@permissions.required("manage_collaboration")
def prevention_session_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_to(
        request, _group(pk), PreventionSessionForm, page=_prevention_page, done=_("Session added.")
    )
