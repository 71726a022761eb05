"""Pages of the client record. Every client is loaded through crisis_center.policy."""

from django.conf import settings
from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crisis_center import access_log, center, panels, permissions, policy, timeline
from crisis_center.paging import linked, page_of
from crisis_center.records.views import client_records_page, record_saved, save_or_form_errors
from intake import purge, screening, services
from intake.choices import ClassificationKind
from intake.forms import (
    CareTeamAddForm,
    CareTeamReassignForm,
    ClientForm,
    CrisisContactForm,
    CurrentLinkForm,
    EmergencyAccessForm,
    EmergencyReviewForm,
    IntakeFromContactForm,
    LinkContactForm,
    PurgeForm,
    SafetyPlanForm,
)
from intake.history import field_changes
from intake.models import (
    CareTeamMember,
    Client,
    ClientClassification,
    ContactLinkChange,
    CrisisContact,
    EmergencyAccess,
    Incident,
    SafetyPlan,
)

PAGE_SIZE = 25


def _page(request: HttpRequest, queryset, param: str = "page"):
    """One page of a queryset; a bad or too-large page number shows the nearest page.
    The count stops a few pages on, so a list of every client costs what a caseload does."""
    return page_of(request, queryset, PAGE_SIZE, param)


def home(request: HttpRequest) -> HttpResponse:
    """The start page: a caseload for advocates, every client for supervisors."""
    user = request.user
    if not policy.sees_client_data(user):
        return render(request, "home/staff.html", {"panels": panels.for_page("home", request)})
    clients = (
        Client.objects.visible_to(user)
        .with_care_team()
        .with_last_contact()
        .order_by("-updated_at", "-id")
    )
    page = _page(request, clients)
    policy.log_listed(request, Client.objects, page)
    return render(
        request, "home/clients.html", {"page": page, "panels": panels.for_page("home", request)}
    )


@permissions.required("see_clients")
def client_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    clients = Client.objects.visible_to(request.user)
    if query.strip():
        # Matches come newest file first. A first name can match a thousand clients of a
        # large center; the database reads this order off the primary key and stops after
        # a page, where A to Z would sort every match on every search.
        clients = clients.search(query).order_by("-pk")
    page = _page(request, clients)
    policy.log_listed(request, Client.objects, page)
    return render(request, "intake/client_list.html", {"page": page, "query": query})


@permissions.required("open_files")
def client_create(request: HttpRequest) -> HttpResponse:
    form = ClientForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(
            request,
            form,
            lambda: services.client_create(
                client=form.instance,
                classifications=form.chosen_classifications(),
                by=request.user,
            ),
        )
    ):
        messages.success(request, _("Client file opened."))
        return redirect("client_detail", pk=form.instance.pk)
    return render(request, "intake/client_form.html", {"form": form})


SCREENINGS_COMPARED = 5


def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    client = policy.get_visible_or_404(
        request,
        Client.objects.with_care_team()
        .prefetch_related("classifications")
        .select_related("safety_plan"),
        pk=pk,
    )
    recent = list(client.screenings.select_related("created_by")[:SCREENINGS_COMPARED])[::-1]
    context = {
        "client": client,
        "safety_plan": getattr(client, "safety_plan", None),
        "screenings": recent,
        "latest_screening": recent[-1] if recent else None,
        "comparison": screening.compare(recent) if len(recent) > 1 else [],
        "timeline": linked(
            request, timeline.page(client.pk, request.GET.get("timeline")), "timeline"
        ),
        "panels": panels.for_page("client", request, client),
    }
    return render(request, "intake/client_detail.html", context)


def client_edit(request: HttpRequest, pk: int) -> HttpResponse:
    client = policy.get_visible_or_404(request, Client.objects, pk=pk)
    if refusal := permissions.refusal(request, "log_records"):
        return refusal
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        services.client_update(
            client=form.save(commit=False),
            classifications=form.chosen_classifications(),
            by=request.user,
        )
        messages.success(request, _("Changes saved."))
        return redirect("client_detail", pk=client.pk)
    return render(request, "intake/client_form.html", {"form": form, "client": client})


@permissions.required("assign_care_teams")
def care_team(request: HttpRequest, pk: int) -> HttpResponse:
    """Supervisors assign care teams (DESIGN.md: supervisors assign care teams). Adding
    is one step; reassigning and removing each have a page that says what will happen."""
    client = policy.get_visible_or_404(request, Client.objects.with_care_team(), pk=pk)
    members = client.current_team
    form = CareTeamAddForm(
        request.POST or None,
        instance=CareTeamMember(client=client),
        exclude_ids={m.staff_id for m in members},
    )
    if record_saved(request, form, _join):
        messages.success(
            request, _("%(staff)s joined the care team.") % {"staff": form.instance.staff}
        )
        return redirect("care_team", pk=client.pk)
    return render(
        request, "intake/care_team.html", {"client": client, "members": members, "form": form}
    )


def _join(form, by) -> CareTeamMember:
    return services.care_team_join(member=form.instance, by=by)


def _team_member(request: HttpRequest, pk: int, member_pk: int) -> tuple[Client, CareTeamMember]:
    """The client through the policy, and one assignment on its team (current or ended:
    a form sent twice finds it ended). A POST locks the row it is about to end."""
    client = policy.get_visible_or_404(request, Client.objects.with_care_team(), pk=pk)
    members = CareTeamMember.objects.select_related("staff")
    if request.method == "POST":
        members = members.select_for_update(of=("self",))
    return client, get_object_or_404(members, pk=member_pk, client=client)


def _no_longer_on_team(request: HttpRequest, member: CareTeamMember) -> HttpResponse:
    messages.info(
        request,
        _("%(staff)s is no longer on this care team: nothing was changed.")
        % {"staff": member.staff},
    )
    return redirect("care_team", pk=member.client_id)


@permissions.required("assign_care_teams")
def care_team_reassign(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """One step instead of "add one, then remove another": choose who takes the member's
    place and tick the box that says what happens (POST; nothing is saved without it).
    The newcomer joins and the member leaves in one transaction, both rows kept."""
    client, member = _team_member(request, pk, member_pk)
    if request.method != "POST" and member.ended_at is not None:
        return _no_longer_on_team(request, member)
    form = CareTeamReassignForm(
        request.POST or None,
        member=member,
        instance=CareTeamMember(client=client),
        exclude_ids={m.staff_id for m in client.current_team},
    )
    if record_saved(
        request,
        form,
        lambda form, by: services.care_team_reassign(member=member, new=form.instance, by=by),
    ):
        messages.success(
            request,
            _("%(new)s took %(old)s's place on the care team.")
            % {"new": form.instance.staff, "old": member.staff},
        )
        return redirect("care_team", pk=client.pk)
    if request.method == "POST" and not form.is_valid():
        messages.error(request, _("Nothing was changed: see the form below."))
    context = {"client": client, "member": member, "form": form}
    return render(request, "intake/care_team_reassign.html", context)


@permissions.required("assign_care_teams")
def care_team_end(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """Taking someone off a care team: a page that says what it means (GET), then its
    Remove button (a POST with `confirm`; a POST without it changes nothing)."""
    client, member = _team_member(request, pk, member_pk)
    if member.ended_at is not None:
        return _no_longer_on_team(request, member)
    if request.method == "POST":
        if "confirm" in request.POST:
            services.care_team_end(member=member, by=request.user)
            messages.success(request, _("%(staff)s left the care team.") % {"staff": member.staff})
            return redirect("care_team", pk=client.pk)
        messages.error(
            request, _("Nothing was changed: confirm with the Remove button to remove them.")
        )
    return render(request, "intake/care_team_end.html", {"client": client, "member": member})


VIEWS_PER_PAGE = 100  # access-log rows a page reads; repeats fold into fewer lines


@permissions.required("see_history")
def client_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed what, and who has seen this file (DESIGN.md rule 4)."""
    client = policy.get_visible_or_404(request, Client.objects, pk=pk)
    changes = _page(
        request,
        client.history.select_related("history_user").order_by("-history_date", "-history_id"),
        param="changes",
    )
    # "Who viewed": the file's openings by default, every list it appeared in on asking;
    # a page of rows read together into lines (the same view repeated is one line).
    lists = request.GET.get("show") == "all"
    views = page_of(request, access_log.views_of(client.pk, lists=lists), VIEWS_PER_PAGE, "views")
    context = {
        "client": client,
        "changes": changes,
        "field_changes": field_changes(client, list(changes)),
        "team": CareTeamMember.objects.filter(client=client)
        .select_related("staff", "created_by", "ended_by")
        .order_by("-created_at"),
        "classification_changes": _classification_changes(client)
        .select_related("history_user", "classification")
        .order_by("-history_date")[:100],
        "contact_changes": ContactLinkChange.objects.about(client).select_related("by")[:100],
        "views": views,
        "view_lines": access_log.collapse(views),
        "show_lists": lists,
    }
    return render(request, "intake/client_history.html", context)


def _classification_changes(client: Client):
    """The client's classifications added and taken off; races only while the center
    collects race (a past value is kept until cleared, never shown)."""
    rows = ClientClassification.history.filter(client_id=client.pk)
    if not center.collects("client.race"):
        rows = rows.exclude(classification__kind=ClassificationKind.RACE)
    return rows


def incident_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every incident of the client, a page at a time (the client page shows the latest)."""
    return client_records_page(
        request,
        pk,
        model=Incident,
        template="intake/incident_list.html",
        records=lambda client: Incident.objects.filter(client=client).with_parts(),
    )


# Hotline and crisis contacts ---------------------------------------------------------


@permissions.required("see_clients")
def contact_list(request: HttpRequest) -> HttpResponse:
    """Advocates see the contacts they logged; supervisors see all (newest first)."""
    contacts = CrisisContact.objects.visible_to(request.user).select_related("advocate")
    page = _page(request, _with_visible_client(contacts, request.user))
    log_clients_shown(request, page)
    return render(request, "intake/contact_list.html", {"page": page})


def _with_visible_client(contacts, user):
    """Attach the linked client only where the user may see it (else no name, no hint)."""
    visible = Client.objects.visible_to(user).filter(pk=OuterRef("client_id"))
    return contacts.annotate(
        visible_client_name=Subquery(visible.values("pseudonym")[:1]),
    )


def log_clients_shown(request: HttpRequest, contacts) -> None:
    policy.log_listed(
        request, CrisisContact.objects, [c for c in contacts if c.visible_client_name]
    )


@permissions.required("log_contacts")
def contact_create(request: HttpRequest) -> HttpResponse:
    # Whoever logs it is its advocate (services.contact_save), and gave it unless they say.
    form = CrisisContactForm(request.POST or None, instance=CrisisContact(advocate=request.user))
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(
            request, form, lambda: services.contact_save(contact=form.instance, by=request.user)
        )
    ):
        messages.success(request, _("Contact saved."))
        return redirect("contact_detail", pk=form.instance.pk)
    return render(request, "intake/contact_form.html", {"form": form})


def _contact_or_404(request: HttpRequest, pk: int) -> CrisisContact:
    contact = _contact_unlogged_or_404(request, pk)
    _log_contact(request, contact)
    return contact


def _contact_unlogged_or_404(request: HttpRequest, pk: int) -> CrisisContact:
    contacts = _with_visible_client(
        CrisisContact.objects.select_related("advocate", "given_by"), request.user
    )
    return get_object_or_404(contacts.visible_to(request.user), pk=pk)


def _log_contact(request: HttpRequest, contact: CrisisContact) -> None:
    if contact.visible_client_name:
        policy.log_listed(request, CrisisContact.objects, [contact])


def may_change_link(user, contact: CrisisContact) -> bool:
    """Who may change which client a contact they can see is linked to.

    Anyone who sees an anonymous contact (its author, a supervisor) may link it. A linked
    one may be moved or unlinked by a supervisor, or by its author while they may see
    the client it is linked to; another advocate on that client's care team may not
    (the contact is not theirs), nor an author who no longer sees the client (they
    would change a file they may not open). `visible_client_name` comes through the
    policy (_with_visible_client), so this costs no query.
    """
    if contact.client_id is None:
        return True
    if policy.sees_all_clients(user):
        return True
    return contact.advocate_id == user.pk and contact.visible_client_name is not None


def _relinkable_or_404(request: HttpRequest, pk: int) -> CrisisContact:
    """The one door to changing a contact's link: 404 for anyone else, as if absent."""
    contact = _contact_unlogged_or_404(request, pk)
    if not may_change_link(request.user, contact):
        raise Http404
    _log_contact(request, contact)
    return contact


def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    return _render_contact(request, contact)


def _render_contact(request, contact, intake_form=None, status=200):
    return render(
        request,
        "intake/contact_detail.html",
        {
            "contact": contact,
            "link_form": LinkContactForm(user=request.user, contact=contact),
            "may_change_link": may_change_link(request.user, contact),
            "intake_form": intake_form or IntakeFromContactForm(),
            "panels": panels.for_page("contact", request, contact),
        },
        status=status,
    )


def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    if refusal := permissions.refusal(request, "log_contacts"):
        return refusal
    form = CrisisContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.contact_save(contact=form.save(commit=False), by=request.user)
        messages.success(request, _("Changes saved."))
        return redirect("contact_detail", pk=contact.pk)
    return render(request, "intake/contact_form.html", {"form": form, "contact": contact})


CHANGED_MEANWHILE = gettext_lazy(
    "Someone else changed this contact's client meanwhile. Nothing was changed: look at it again."
)


def contact_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a contact to a client, or move it to another, in two steps that work without
    JavaScript: the client's number (GET), then a page naming the client with a Confirm
    button (POST). Nothing is linked before the confirmation; a number the user may not
    see gets the same answer as one that does not exist, and names no one."""
    contact = _relinkable_or_404(request, pk)
    if refusal := permissions.refusal(request, "log_contacts"):
        return refusal
    data = request.POST if request.method == "POST" else request.GET
    confirming = request.method == "POST" and "confirm" in request.POST
    form = LinkContactForm(
        data if "client" in data else None,
        user=request.user,
        contact=contact,
        confirming=confirming,
    )
    context = {"contact": contact, "link_form": form}
    if not form.is_bound or not form.is_valid():
        return render(request, "intake/contact_link.html", context)
    client = form.cleaned_data["client"]
    policy.log_listed(request, Client.objects, [client])  # its name is on the page
    if confirming:
        if client.pk == contact.client_id:  # sent again: the first one linked it
            messages.success(
                request, _("Contact linked to %(client)s.") % {"client": client.pseudonym}
            )
            return redirect("client_detail", pk=client.pk)
        if not form.still_current():
            messages.error(request, CHANGED_MEANWHILE)
            return redirect("contact_detail", pk=contact.pk)
        moved = contact.client_id is not None
        try:
            services.contact_link(contact=contact, client=client, by=request.user)
        except services.LinkChangedMeanwhile:
            messages.error(request, CHANGED_MEANWHILE)
            return redirect("contact_detail", pk=contact.pk)
        done = _("Contact moved to %(client)s.") if moved else _("Contact linked to %(client)s.")
        messages.success(request, done % {"client": client.pseudonym})
        return redirect("client_detail", pk=client.pk)
    return render(request, "intake/contact_link.html", {**context, "client": client})


def contact_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a contact linked to the wrong client anonymous again: a page naming the
    client (GET), then the POST of its button."""
    contact = _relinkable_or_404(request, pk)
    if refusal := permissions.refusal(request, "log_contacts"):
        return refusal
    if contact.client_id is None:
        messages.info(request, _("This contact is not linked to a client."))
        return redirect("contact_detail", pk=contact.pk)
    form = CurrentLinkForm(request.POST or None, contact=contact)
    if request.method == "POST":
        try:
            if not (form.is_valid() and form.still_current()):
                raise services.LinkChangedMeanwhile(CHANGED_MEANWHILE)
            services.contact_unlink(contact=contact, by=request.user)
        except services.LinkChangedMeanwhile:
            messages.error(request, CHANGED_MEANWHILE)
        else:
            messages.success(request, _("The contact is anonymous again."))
        return redirect("contact_detail", pk=contact.pk)
    return render(request, "intake/contact_unlink.html", {"contact": contact, "form": form})


@require_POST
def contact_intake(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    if refusal := permissions.refusal(request, "open_files"):
        return refusal
    if contact.client_id:
        messages.info(request, _("This contact is already linked to a client."))
        return redirect("contact_detail", pk=contact.pk)
    form = IntakeFromContactForm(request.POST)
    if not form.is_valid():
        return _render_contact(request, contact, intake_form=form)
    client = services.client_create_from_contact(
        contact=contact, pseudonym=form.cleaned_data["pseudonym"], by=request.user
    )
    messages.success(request, _("Client file opened and the contact linked to it."))
    return redirect("client_detail", pk=client.pk)


# Screening and safety planning ------------------------------------------------------


def safety_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A client's one current plan, made or changed on one page (not the shared create,
    detail and edit pages of crisis_center.records: there is no list of plans to add
    to, earlier versions are the history). The kind is registered for the timeline."""
    client = policy.get_visible_or_404(request, Client.objects.select_related("safety_plan"), pk=pk)
    if refusal := permissions.refusal(request, "log_records"):
        return refusal
    plan = getattr(client, "safety_plan", None) or SafetyPlan(client=client)
    form = SafetyPlanForm(request.POST or None, instance=plan)
    if record_saved(request, form):
        messages.success(request, _("Safety plan saved."))
        return redirect("client_detail", pk=client.pk)
    return render(request, "intake/safety_plan_form.html", {"form": form, "client": client})


# Emergency access ("break the glass") -----------------------------------------------

NO_MATCH = gettext_lazy("No client matches those details. Check them with the caller.")


@permissions.required("use_emergency_access")
def emergency_access(request: HttpRequest) -> HttpResponse:
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client = services.emergency_access_request(
                user=request.user,
                pseudonym=data["pseudonym"],
                code_word=data["code_word"],
                client_number=data["client_number"],
                reason=data["reason"],
            )
        except services.TooManyLookups:
            form.add_error(None, _("Too many lookups in the last hour. Ask a supervisor."))
        else:
            if client is None:
                form.add_error(None, NO_MATCH)
            else:
                messages.warning(
                    request,
                    _("Emergency access granted for %(hours)s hours; a supervisor will review it.")
                    % {"hours": settings.EMERGENCY_ACCESS_HOURS},
                )
                return redirect("client_detail", pk=client.pk)
    return render(request, "intake/emergency_access.html", {"form": form})


@permissions.required("review_emergency_access")
def emergency_review_list(request: HttpRequest) -> HttpResponse:
    grants = EmergencyAccess.objects.awaiting_review().select_related("client", "user")
    page = _page(request, grants.order_by("granted_at"))
    policy.log_listed(request, EmergencyAccess.objects, page)
    return render(
        request, "intake/emergency_review.html", {"page": page, "form": EmergencyReviewForm()}
    )


@require_POST
@permissions.required("review_emergency_access")
def emergency_review(request: HttpRequest, pk: int) -> HttpResponse:
    grant = policy.get_visible_or_404(request, EmergencyAccess.objects, pk=pk)
    form = EmergencyReviewForm(request.POST)
    if form.is_valid() and grant.reviewed_at is None:
        services.emergency_access_review(
            grant=grant, comment=form.cleaned_data["comment"], by=request.user
        )
        messages.success(request, _("Marked reviewed."))
    elif not form.is_valid():
        messages.error(request, _("Write a comment to mark it reviewed."))
    return redirect("emergency_review_list")


@permissions.required("purge_files")
def client_purge(request: HttpRequest, pk: int) -> HttpResponse:
    """Rule 9, in two steps: this page says what will be destroyed; the POST, with the
    reason and the client number typed back, destroys it."""
    client = policy.get_visible_or_404(request, Client.objects, pk=pk)
    if client.purged_at:
        messages.info(request, _("This file was already purged."))
        return redirect("client_detail", pk=client.pk)
    form = PurgeForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        purge.purge_client(
            client=client,
            by=request.user,
            reason=form.cleaned_data["reason"],
            session=request.session,
        )
        messages.success(request, _("The client's identifying data was destroyed."))
        return redirect("client_detail", pk=client.pk)
    return render(request, "intake/client_purge.html", {"client": client, "form": form})
