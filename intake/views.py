"""Pages of the client record. Every client is loaded through crisis_center.policy."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from crisis_center import policy
from crisis_center.models import AccessLog
from crisis_center.roles import Role
from intake import services
from intake.forms import CareTeamAddForm, ClientForm
from intake.history import field_changes
from intake.models import CareTeamMember, Client, ClientClassification

PAGE_SIZE = 25


def _page(request: HttpRequest, queryset, param: str = "page", size: int = PAGE_SIZE):
    """One page of a queryset; a bad or too-large page number shows the nearest page."""
    return Paginator(queryset, size).get_page(request.GET.get(param))


def home(request: HttpRequest) -> HttpResponse:
    """The start page: a caseload for advocates, every client for supervisors."""
    user = request.user
    if not policy.sees_client_data(user):
        return render(request, "home/staff.html")
    clients = Client.objects.visible_to(user).with_care_team().order_by("-updated_at", "-id")
    page = _page(request, clients)
    policy.log_listed(request, Client.objects, page)
    return render(request, "home/clients.html", {"page": page})


@policy.role_required(Role.ADVOCATE, Role.SUPERVISOR)
def client_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    clients = Client.objects.visible_to(request.user).search(query)
    page = _page(request, clients)
    policy.log_listed(request, Client.objects, page)
    return render(request, "intake/client_list.html", {"page": page, "query": query})


@policy.role_required(Role.ADVOCATE, Role.SUPERVISOR)
def client_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_certified:
        # Rule 3: only trained staff open client files (they join its care team).
        return render(request, "intake/not_certified.html", status=403)
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = services.client_create(
            client=form.save(commit=False),
            classifications=form.chosen_classifications(),
            by=request.user,
        )
        messages.success(request, "Client file opened.")
        return redirect("client_detail", pk=client.pk)
    return render(request, "intake/client_form.html", {"form": form})


def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    client = policy.get_visible_or_404(
        request,
        Client.objects.with_care_team().prefetch_related("classifications"),
        pk=pk,
    )
    return render(request, "intake/client_detail.html", {"client": client})


def client_edit(request: HttpRequest, pk: int) -> HttpResponse:
    client = policy.get_visible_or_404(request, Client.objects, pk=pk)
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        services.client_update(
            client=form.save(commit=False),
            classifications=form.chosen_classifications(),
            by=request.user,
        )
        messages.success(request, "Changes saved.")
        return redirect("client_detail", pk=client.pk)
    return render(request, "intake/client_form.html", {"form": form, "client": client})


@policy.role_required(Role.SUPERVISOR)
def care_team(request: HttpRequest, pk: int) -> HttpResponse:
    """Supervisors assign care teams (DESIGN.md: supervisors assign care teams)."""
    client = policy.get_visible_or_404(request, Client.objects.with_care_team(), pk=pk)
    members = client.current_team
    form = CareTeamAddForm(request.POST or None, exclude_ids={m.staff_id for m in members})
    if request.method == "POST" and form.is_valid():
        try:
            services.care_team_add(client=client, staff=form.cleaned_data["staff"], by=request.user)
        except ValidationError as error:
            form.add_error("staff", error.message_dict.get("staff", error.messages))
        else:
            messages.success(request, f"{form.cleaned_data['staff']} joined the care team.")
            return redirect("care_team", pk=client.pk)
    return render(
        request, "intake/care_team.html", {"client": client, "members": members, "form": form}
    )


@require_POST
@policy.role_required(Role.SUPERVISOR)
def care_team_end(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    client = policy.get_visible_or_404(request, Client.objects, pk=pk)
    member = get_object_or_404(
        CareTeamMember.objects.active().select_related("staff"), pk=member_pk, client=client
    )
    services.care_team_end(member=member, by=request.user)
    messages.success(request, f"{member.staff} left the care team.")
    return redirect("care_team", pk=client.pk)


@policy.role_required(Role.SUPERVISOR)
def client_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed what, and who has seen this file (DESIGN.md rule 4)."""
    client = policy.get_visible_or_404(request, Client.objects, pk=pk)
    changes = _page(
        request,
        client.history.select_related("history_user").order_by("-history_date", "-history_id"),
        param="changes",
    )
    views = _page(
        request,
        AccessLog.objects.filter(client_id=client.pk).select_related("user"),
        param="views",
    )
    context = {
        "client": client,
        "changes": changes,
        "field_changes": field_changes(client, list(changes)),
        "team": CareTeamMember.objects.filter(client=client)
        .select_related("staff", "created_by", "ended_by")
        .order_by("-created_at"),
        "classification_changes": ClientClassification.history.filter(client_id=client.pk)
        .select_related("history_user", "classification")
        .order_by("-history_date")[:100],
        "views": views,
    }
    return render(request, "intake/client_history.html", context)
