"""Client feedback: the public survey, the links staff hand out, and the results.

The survey pages are the only pages of the system open without an account. They load
nothing but the link the token names, link to nothing inside the system, and tell the
browser to keep no copy and send no referrer.
"""

import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from collaboration import services
from collaboration.choices import Rating, SurveyService
from collaboration.forms import FeedbackLinkForm, KioskForm, PeriodForm, SurveyForm
from collaboration.models import STATEMENTS, FeedbackLink, FeedbackResponse
from crisis_center import permissions, policy
from crisis_center.languages import client_language
from crisis_center.paging import page_of
from crisis_center.qr import qr_svg
from crisis_center.reporting import csv_response, for_viewer, sees_exact_counts, suppress_block

# What secrets.token_urlsafe(32) makes; anything else is refused before any query.
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
PAGE_SIZE = 25

# The public survey -------------------------------------------------------------------


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Open without an account; no copy in any cache, no referrer sent anywhere.

    No CSRF check either: with no-referrer, Chromium posts the form with `Origin: null`,
    which Django's check refuses. The check would protect nothing here: the page acts
    for no session (the token in the URL is the only authority, and whoever knows it
    can post anyway), and without it the survey leaves no cookie on the client's phone.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        add_never_cache_headers(response)
        return response

    return login_not_required(csrf_exempt(wrapper))


def _unavailable(request: HttpRequest) -> HttpResponse:
    """One page for a used, expired, revoked or unknown token: no oracle."""
    return render(request, "collaboration/survey_unavailable.html", status=404)


@public_page
def survey(request: HttpRequest, token: str) -> HttpResponse:
    """The survey in the client's language: the one they chose on the page (`?lang=`),
    else the link's preset. Only this page's rendering switches language (staff pages
    stay in LANGUAGE_CODE), and the choice lives in the URL: no cookie on the phone."""
    chosen = request.GET.get("lang")
    if request.user.is_authenticated:
        # A staff session on the device: handing it to a client would open the system.
        with translation.override(client_language(chosen)):
            return render(request, "collaboration/survey_signed_in.html", status=403)
    link = FeedbackLink.objects.open().by_token(token).first() if TOKEN.fullmatch(token) else None
    # An unknown, used or expired link has no preset: its page must not tell them apart.
    language = client_language(chosen, link.language if link else None)
    with translation.override(language):
        response = _survey(request, token, link) if link else _unavailable(request)
    response["Content-Language"] = language
    return response


def _survey(request: HttpRequest, token: str, link: FeedbackLink) -> HttpResponse:
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(token=token, response=form.response())
        except services.LinkUnavailable:
            if link.kiosk:
                return render(request, "collaboration/survey_busy.html", status=429)
            return _unavailable(request)
        return render(
            request,
            "collaboration/survey_thanks.html",
            {"kiosk": link.kiosk, "again": request.path},
        )
    return render(request, "collaboration/survey.html", {"form": form})


# Links for staff ---------------------------------------------------------------------


def _show_link(request: HttpRequest, template: str, token: str, context: dict) -> HttpResponse:
    """The page that shows a new token, once: as a URL and as a QR code."""
    url = request.build_absolute_uri(reverse("survey", args=[token]))
    qr = qr_svg(url, title=gettext("QR code of the feedback survey link"))
    context = {"url": url, "qr": qr, "link_days": settings.FEEDBACK_LINK_DAYS, **context}
    return render(request, template, context)


@permissions.required("hand_out_feedback_links")
def feedback_link_new(request: HttpRequest) -> HttpResponse:
    """Staff who see clients make a single-use link to hand over (POST shows it once),
    preset to the client's language."""
    form = FeedbackLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _link, token = FeedbackLink.issue(language=form.cleaned_data["language"])
        new = FeedbackLinkForm(initial=form.cleaned_data)
        return _show_link(request, "collaboration/feedback_link.html", token, {"form": new})
    return render(request, "collaboration/feedback_link.html", {"form": form})


@permissions.required("manage_kiosks")
def kiosk_list(request: HttpRequest) -> HttpResponse:
    form = KioskForm(request.POST or None)
    kiosks = FeedbackLink.objects.filter(kiosk=True).order_by("revoked_on", "-created_on", "-id")
    page = page_of(request, kiosks, PAGE_SIZE)
    context = {"form": form, "page": page, "per_hour": settings.FEEDBACK_KIOSK_PER_HOUR}
    if request.method == "POST" and form.is_valid():
        _link, token = FeedbackLink.issue(kiosk=True, label=form.cleaned_data["label"])
        return _show_link(request, "collaboration/kiosk_list.html", token, context)
    return render(request, "collaboration/kiosk_list.html", context)


@require_POST
@permissions.required("manage_kiosks")
def kiosk_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(FeedbackLink, pk=pk, kiosk=True)
    services.kiosk_revoke(link=link)
    messages.success(
        request,
        gettext("Kiosk link “%(label)s” revoked: it opens nothing any more.")
        % {"label": link.label},
    )
    return redirect("kiosk_list")


# Results -----------------------------------------------------------------------------


# The outcome measures print "agreed" (strongly agree + agree) for a quarter, so each
# statement's answers are two blocks with a total the reader knows: these two, and the rest.
AGREED = (Rating.STRONGLY_AGREE, Rating.AGREE)


def _rows(counts: dict, user) -> list[dict]:
    """One row per question and answer, counts as this viewer may see them."""
    total = counts["total"]
    exact = sees_exact_counts(user)
    rows = []

    def row(question: str, answer: str, count: int, shown: int | str) -> dict:
        # A suppressed count gets no bar: its length would tell the number.
        bar = count if shown == count else None
        return {"question": question, "answer": answer, "count": shown, "bar": bar, "of": total}

    for service in SurveyService:
        count = counts[f"used_{service}"]  # a response can tick several: no total
        rows.append(row("Services used", service.label, count, for_viewer(count, user)))
    for column, statement in STATEMENTS:
        answered = {rating: counts[f"{column}:{rating}"] for rating in Rating}
        shown = dict(answered)
        if not exact:
            rest = [rating for rating in Rating if rating not in AGREED]
            for group in (AGREED, rest):
                values = [answered[rating] for rating in group]
                # Known exactly: from the outcome measures, or the responses less the rest.
                labels, _ = suppress_block(values, sum(values), total_shown=sum(values))
                shown |= dict(zip(group, labels, strict=True))
        for rating in Rating:
            rows.append(row(statement, rating.label, answered[rating], shown[rating]))
    return rows


def _results(request: HttpRequest) -> tuple[PeriodForm, tuple, dict]:
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    if not form.is_bound:  # show the default period in the inputs
        form = PeriodForm(initial={"start": start, "end": end})
    return form, (start, end), services.feedback_counts(start, end)


@permissions.required("see_feedback_results")
def feedback_results(request: HttpRequest) -> HttpResponse:
    """Counts per question and answer; free text for supervisors only (it may hold names)."""
    form, (start, end), counts = _results(request)
    comments = None
    if policy.sees_all_clients(request.user):
        written = FeedbackResponse.objects.filter(month__gte=start, month__lte=end).exclude(
            what_helped="", could_be_better=""
        )
        comments = page_of(request, written, PAGE_SIZE, "comments")
    context = {
        "form": form,
        "start": start,
        "end": end,
        "total": for_viewer(counts["total"], request.user),
        "rows": _rows(counts, request.user),
        "comments": comments,
        "query": request.GET.urlencode(),
    }
    return render(request, "collaboration/feedback_results.html", context)


@permissions.required("see_feedback_results")
def feedback_results_csv(request: HttpRequest) -> HttpResponse:
    """The same counts as the page, never the free text."""
    _form, (start, end), counts = _results(request)
    rows = [(r["question"], r["answer"], r["count"]) for r in _rows(counts, request.user)]
    rows.insert(0, ("All responses", "", for_viewer(counts["total"], request.user)))
    filename = f"feedback-{start:%Y-%m}-to-{end:%Y-%m}.csv"
    return csv_response(filename, ["question", "answer", "responses"], rows)
