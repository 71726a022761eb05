"""Pages of the referral module.

Directory, agencies and agreements hold no client data; releases and referrals are
loaded through crisis_center.policy like every client-linked record.
"""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisis_center import permissions, policy
from crisis_center.ids import parse_id
from crisis_center.languages import client_language
from crisis_center.paging import page_of
from crisis_center.records.services import record_save, save_as
from crisis_center.records.views import client_records_page, save_or_form_errors
from intake.models import Client, CrisisContact
from referrals import csv_io, panels
from referrals.forms import (
    AgencyForm,
    AgreementForm,
    DirectorySearchForm,
    ImportForm,
    ReferralForm,
    ResourceForm,
    too_large,
)
from referrals.models import (
    Agency,
    HousingPlacement,
    NetworkingAgreement,
    Referral,
    ReleaseOfInformation,
    Resource,
    verified_cutoff,
)


def search(resources, form: DirectorySearchForm):
    """Apply the directory filters; an invalid filter is ignored, never an error page."""
    data = form.cleaned_data if form.is_valid() else {}
    if q := data.get("q"):
        resources = resources.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(agency__name__icontains=q)
        )
    if category := data.get("category"):
        resources = resources.filter(category=category)
    if language := data.get("language"):
        resources = resources.filter(languages__icontains=language)
    if data.get("no_id"):
        resources = resources.filter(id_required=False)
    if data.get("open_now"):
        resources = resources.open_at(timezone.now())
    if data.get("trafficking"):
        resources = resources.filter(accepts_trafficking_survivors=True)
    if data.get("substance_use"):
        resources = resources.filter(accepts_substance_use=True)
    return resources


@permissions.required("search_directory")
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    resources = search(Resource.objects.filter(active=True).select_related("agency"), form)
    page = page_of(request, resources, 25)
    context = {
        "form": form,
        "page": page,
        "stale_before": verified_cutoff(),
        "query": request.GET.urlencode(),
        "target": _referral_target(request),
    }
    return render(request, "referrals/directory.html", context)


def _referral_target(request: HttpRequest):
    """Who the advocate is finding a resource for (?client= or ?contact=), through the door."""
    for param, queryset in (("client", Client.objects), ("contact", CrisisContact.objects)):
        if param in request.GET:
            pk = parse_id(request.GET[param])
            if pk is None or not policy.sees_client_data(request.user):
                raise Http404
            return param, policy.get_visible_or_404(request, queryset, pk=pk)
    return None


@permissions.required("search_directory")
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.select_related("agency"), pk=pk)
    return render(request, "referrals/resource_detail.html", {"resource": resource})


@permissions.required("search_directory")
def resource_card(request: HttpRequest, pk: int) -> HttpResponse:
    """A plain-text card to read out or text to a caller, in the caller's language
    (`?lang=es`; anything unknown is the default), signed with the center's name and
    hotline."""
    resource = get_object_or_404(Resource.objects.select_related("agency"), pk=pk)
    language = client_language(request.GET.get("lang"))
    with translation.override(language):
        response = render(request, "referrals/resource_card.txt", {"r": resource})
    response["Content-Type"] = "text/plain; charset=utf-8"
    response["Content-Language"] = language
    return response


def _edit(request, form, template, success, context=None):
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(request, form, form.save)
    ):
        messages.success(request, _("Saved."))
        return redirect(success, pk=form.instance.pk)
    return render(request, template, {"form": form, **(context or {})})


@permissions.required("keep_directory")
def resource_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    resource = get_object_or_404(Resource, pk=pk) if pk else None
    form = ResourceForm(request.POST or None, instance=resource)
    return _edit(request, form, "referrals/form.html", "resource_detail", {"title": "Resource"})


@permissions.required("keep_directory")
def agency_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, Agency.objects.all(), 50)
    return render(request, "referrals/agency_list.html", {"page": page})


@permissions.required("keep_directory")
def agency_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk) if pk else None
    form = AgencyForm(request.POST or None, instance=agency)
    return _edit(request, form, "referrals/agency_form.html", "agency_edit", {"title": "Agency"})


@permissions.required("see_agreements")
def agreement_list(request: HttpRequest) -> HttpResponse:
    agreements = NetworkingAgreement.objects.select_related("agency", "our_liaison")
    page = page_of(request, agreements, 50)
    context = {"page": page, "soon": timezone.localdate() + timedelta(days=30)}
    return render(request, "referrals/agreement_list.html", context)


@permissions.required("keep_directory")
def agreement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    agreement = get_object_or_404(NetworkingAgreement, pk=pk) if pk else None
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    context = {"title": "Networking agreement", "multipart": True}
    return _edit(request, form, "referrals/form.html", "agreement_edit", context)


@require_POST
@permissions.required("keep_directory")
def agreement_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(NetworkingAgreement, pk=pk)
    agreement.mark_reviewed()
    agreement.save(update_fields=["next_review"])
    messages.success(
        request,
        _("Reviewed; next review on %(day)s.") % {"day": f"{agreement.next_review:%b %-d, %Y}"},
    )
    return redirect("agreement_list")


@permissions.required("search_directory")
def agreement_document(request: HttpRequest, pk: int) -> FileResponse:
    """Served only to signed-in staff, never from a public URL."""
    agreement = get_object_or_404(NetworkingAgreement, pk=pk)
    if not agreement.document:
        raise Http404
    return FileResponse(
        agreement.document.open("rb"),
        as_attachment=True,
        filename=f"agreement-{agreement.pk}.pdf",
        content_type="application/pdf",
    )


@permissions.required("keep_directory")
def directory_export(request: HttpRequest) -> HttpResponse:
    resources = Resource.objects.select_related("agency").order_by("agency__name", "name")
    response = HttpResponse(csv_io.export(resources), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="directory.csv"'
    return response


@permissions.required("keep_directory")
def directory_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if refused := too_large(upload):
            errors = [_("%(refused)s: split it.") % {"refused": refused[:-1]}]
        else:
            result = csv_io.import_file(upload.read(), by=request.user)
            errors = result.errors
            if not errors:
                done = csv_io.summary(
                    result.added, result.updated, result.unchanged, result.agencies
                )
                messages.success(request, done)
                return redirect("directory")
    return render(request, "referrals/import.html", {"form": form, "errors": errors})


# Releases and referrals: client data ------------------------------------------------


@require_POST
def release_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    # No training check: revoking is the client's right and takes effect the moment
    # anyone who can see the release hears it (tests/referrals: untrained staff revoke).
    release = policy.get_visible_or_404(request, ReleaseOfInformation.objects, pk=pk)
    if release.revoked_at is None:
        release.revoked_at, release.revoked_by = timezone.now(), request.user
        record_save(record=release, by=request.user)
        messages.success(request, _("Release revoked: nothing more is shared under it."))
    return redirect("release_detail", pk=release.pk)


def _resource_from_query(request: HttpRequest) -> Resource:
    pk = parse_id(request.GET.get("resource") or request.POST.get("resource"))
    if pk is None:
        raise Http404
    return get_object_or_404(Resource.objects.select_related("agency"), pk=pk)


def _referral_create(request, *, client=None, contact=None) -> HttpResponse:
    if refusal := permissions.refusal(request, "log_records"):
        return refusal
    resource = _resource_from_query(request)
    referral = Referral(client=client, contact=contact, resource=resource, created_by=request.user)
    form = ReferralForm(request.POST or None, instance=referral)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(request, form, lambda: save_as(form.instance, request.user))
    ):
        messages.success(request, _("Referral saved."))
        if client:
            return redirect("client_detail", pk=client.pk)
        return redirect("contact_detail", pk=contact.pk)
    context = {"form": form, "client": client, "contact": contact, "resource": resource}
    return render(request, "referrals/referral_form.html", context)


def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = policy.get_visible_or_404(request, Client.objects, pk=pk)
    return _referral_create(request, client=client)


def contact_referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    contact = policy.get_visible_or_404(request, CrisisContact.objects, pk=pk)
    return _referral_create(request, contact=contact)


def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = policy.get_visible_or_404(
        request,
        Referral.objects.select_related("client", "contact", "resource__agency", "created_by"),
        pk=pk,
    )
    if request.method == "POST" and (refusal := permissions.refusal(request, "log_records")):
        return refusal  # the page shows to the care team; updating it is a write
    form = ReferralForm(request.POST or None, instance=referral)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(request, form, lambda: save_as(form.instance, request.user))
    ):
        messages.success(request, _("Referral updated."))
        return redirect("referral_detail", pk=referral.pk)
    return render(request, "referrals/referral_detail.html", {"referral": referral, "form": form})


def housing_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every housing placement of a client, the current one first, a page at a time."""
    return client_records_page(
        request,
        pk,
        model=HousingPlacement,
        template="referrals/housing_list.html",
        records=panels.placements_of,
    )
