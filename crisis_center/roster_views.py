"""Pages of the on-call roster. No page here shows client data (staff names, kinds and
times only), so none goes through the client access policy; each is limited by a
capability (404 for others), and a swap by whose shift it is."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crisis_center import permissions, roster
from crisis_center.models import Shift, ShiftKind, SwapRequest
from crisis_center.records.views import save_or_form_errors
from crisis_center.roster_forms import RepeatForm, ShiftForm, ShiftKindForm, SwapForm


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return timezone.localdate()


def _week_url(day: date) -> str:
    return f"{reverse('roster_week')}?week={day.isoformat()}"


@permissions.required("see_roster")
def roster_week(request: HttpRequest) -> HttpResponse:
    """A week of shifts, Monday first (?week= any day of it); supervisors edit from here,
    everyone asks to swap their own shifts."""
    monday, days = roster.week_of(_day(request.GET.get("week")))
    start, end = roster.local(days[0]), roster.local(days[-1] + timedelta(days=1))
    keeps = permissions.can(request.user, "keep_roster")
    kinds = roster.around_the_clock()
    gaps = roster.gaps_in(kinds, start, end) if keeps else {}
    context = {
        "days": roster.by_day(roster.shifts_for(None, start, end), days),
        "monday": monday,
        "previous": _week_url(monday - timedelta(days=7)),
        "next": _week_url(monday + timedelta(days=7)),
        "gaps": [gap for kind in kinds for gap in gaps.get(kind.pk, [])],
        "keeps": keeps,
        "now": timezone.now(),
    }
    return render(request, "roster/week.html", context)


@permissions.required("see_roster")
def roster_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """The printable month: a grid of days, each shift's hours and person."""
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    weeks, _start, _end = roster.month_weeks(year, month)
    first = date(year, month, 1)
    before = first - timedelta(days=1)
    after = first + timedelta(days=32)
    context = {
        "weeks": weeks,
        "first": first,
        "previous": reverse("roster_month", args=[before.year, before.month]),
        "next": reverse("roster_month", args=[after.year, after.month]),
    }
    return render(request, "roster/month.html", context)


@permissions.required("see_roster")
def roster_this_month(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return redirect("roster_month", today.year, today.month)


def _shift_page(request: HttpRequest, shift: Shift) -> HttpResponse:
    initial = {}
    if shift.pk is None and request.method == "GET":
        initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") else {}
    form = ShiftForm(request.POST or None, instance=shift, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(
            request,
            form,
            lambda: roster.shift_save(shift=form.instance, by=request.user, checked=True),
        )
    ):
        messages.success(
            request,
            _("Shift saved: %(staff)s, %(shift)s.")
            % {"staff": form.instance.staff, "shift": form.instance},
        )
        return redirect(_week_url(timezone.localtime(form.instance.starts_at).date()))
    context = {"form": form, "shift": shift, "repeat": RepeatForm() if shift.pk else None}
    return render(request, "roster/shift_form.html", context)


@permissions.required("keep_roster")
def shift_create(request: HttpRequest) -> HttpResponse:
    return _shift_page(request, Shift(created_by=request.user))


@permissions.required("keep_roster")
def shift_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _shift_page(request, get_object_or_404(Shift.objects.select_related("kind"), pk=pk))


@require_POST
@permissions.required("keep_roster")
def shift_delete(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(Shift.objects.select_related("kind", "staff"), pk=pk)
    day = timezone.localtime(shift.starts_at).date()
    shift.delete()
    messages.success(
        request, _("Shift removed: %(staff)s, %(shift)s.") % {"staff": shift.staff, "shift": shift}
    )
    return redirect(_week_url(day))


@require_POST
@permissions.required("keep_roster")
def shift_repeat(request: HttpRequest, pk: int) -> HttpResponse:
    """The shift again on each of the next days: all of them, or none."""
    shift = get_object_or_404(Shift.objects.select_related("kind", "staff"), pk=pk)
    form = RepeatForm(request.POST)
    if form.is_valid():
        try:
            made = roster.repeat_daily(shift=shift, days=form.cleaned_data["days"], by=request.user)
        except ValidationError as refusal:
            form.add_error(None, refusal.messages)
        else:
            messages.success(
                request,
                _("%(count)d shifts added: %(staff)s, daily.")
                % {"count": len(made), "staff": shift.staff},
            )
            return redirect(_week_url(timezone.localtime(shift.starts_at).date()))
    context = {"form": ShiftForm(instance=shift), "shift": shift, "repeat": form}
    return render(request, "roster/shift_form.html", context)


# Kinds of shift ------------------------------------------------------------------------


@permissions.required("keep_roster")
def kind_list(request: HttpRequest) -> HttpResponse:
    return render(request, "roster/kinds.html", {"kinds": ShiftKind.objects.all()})


def _kind_page(request: HttpRequest, kind: ShiftKind) -> HttpResponse:
    form = ShiftKindForm(request.POST or None, instance=kind)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(request, form, form.save)
    ):
        messages.success(request, _("Kind of shift saved: %(kind)s.") % {"kind": form.instance})
        return redirect("shift_kind_list")
    return render(request, "roster/kind_form.html", {"form": form, "kind": kind})


@permissions.required("keep_roster")
def kind_create(request: HttpRequest) -> HttpResponse:
    return _kind_page(request, ShiftKind())


@permissions.required("keep_roster")
def kind_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _kind_page(request, get_object_or_404(ShiftKind, pk=pk))


# Swaps ---------------------------------------------------------------------------------


@permissions.required("see_roster")
def swap_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The person on a shift asks to hand it on; anyone else's shift is a 404."""
    shift = get_object_or_404(
        Shift.objects.select_related("kind", "staff"), pk=pk, staff=request.user
    )
    form = SwapForm(request.POST or None, shift=shift)
    if request.method == "POST" and form.is_valid():
        try:
            roster.swap_ask(shift=shift, by=request.user, to=form.cleaned_data["to"])
        except ValidationError as refusal:
            form.add_error(None, refusal.messages)
        else:
            messages.success(request, _("Swap asked for: a supervisor approves it."))
            return redirect("swap_list")
    return render(request, "roster/swap_form.html", {"form": form, "shift": shift})


@permissions.required("see_roster")
def swap_list(request: HttpRequest) -> HttpResponse:
    keeps = permissions.can(request.user, "keep_roster")
    waiting = roster.swaps_seen_by(request.user, keeps_roster=keeps)[:100]
    return render(request, "roster/swaps.html", {"waiting": waiting, "keeps": keeps})


def _swap_action(request: HttpRequest, pk: int, act, done: str) -> HttpResponse:
    asked = get_object_or_404(
        SwapRequest.objects.select_related("shift__kind", "shift__staff", "offered_to"), pk=pk
    )
    try:
        act(asked)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, done)
    return redirect("swap_list")


def _concerned(request: HttpRequest, pk: int) -> None:
    """A swap a person may act on: theirs, handed to them, or offered to anyone."""
    seen = roster.swaps_seen_by(request.user, keeps_roster=False)
    if not seen.filter(pk=pk).exists():
        raise Http404


def _swap_view(capability: str, act, done: str, *, concerned: bool = False):
    """A POST that acts on one swap: `act(asked, by)`, then back to the list saying
    what was done, or why not."""

    @require_POST
    @permissions.required(capability)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        if concerned:
            _concerned(request, pk)
        return _swap_action(request, pk, lambda asked: act(asked=asked, by=request.user), done)

    return view


swap_take = _swap_view(
    "see_roster",
    roster.swap_take,
    gettext_lazy("You offered to take the shift: a supervisor approves it."),
    concerned=True,
)
swap_withdraw = _swap_view(
    "see_roster", roster.swap_withdraw, gettext_lazy("Swap request withdrawn."), concerned=True
)
swap_approve = _swap_view(
    "keep_roster",
    lambda asked, by: roster.swap_decide(asked=asked, approve=True, by=by),
    gettext_lazy("Swap approved: the shift changed hands."),
)
swap_refuse = _swap_view(
    "keep_roster",
    lambda asked, by: roster.swap_decide(asked=asked, approve=False, by=by),
    gettext_lazy("Swap refused: the shift stays as it was."),
)
