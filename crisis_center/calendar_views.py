"""The calendar's pages: a staff member's week, one day of it, and whether they get the
reminders by email. What is in it: crisis_center/calendar.py."""

from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from crisis_center import calendar, paging, permissions, policy
from crisis_center.calendar import Entry
from crisis_center.models import User
from crisis_center.panels import Panel
from crisis_center.roles import IN_CARE_ROLE

DAY_PAGE = 50


def _whose(request: HttpRequest) -> tuple[User | None, list[User]]:
    """Whose calendar the page shows, and the staff a supervisor may choose from.

    An advocate sees their own (a ?staff= naming someone else is ignored); a supervisor
    everyone's, or one person's when asked."""
    user = request.user
    if not policy.sees_all_clients(user):
        return user, []
    staff = list(
        User.objects.filter(IN_CARE_ROLE, is_active=True).only(
            "pk", "username", "first_name", "last_name"
        )
    )
    chosen = request.GET.get("staff", "")
    return next((s for s in staff if str(s.pk) == chosen), None), staff


def _log_shown(request: HttpRequest, shown: list[Entry]) -> None:
    """The access log: one row per client the page shows, in one write (the records of
    every source reach the same client model)."""
    by_client_model: dict[type[models.Model], tuple] = {}
    for entry in shown:
        if entry.record is not None:
            queryset = type(entry.record).objects
            _, records = by_client_model.setdefault(queryset.client_model(), (queryset, []))
            records.append(entry.record)
    for queryset, records in by_client_model.values():
        policy.log_listed(request, queryset, records)


@permissions.required("see_clients")
def calendar_week(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    monday = calendar.monday_of(request.GET.get("week"), today)
    whose, staff = _whose(request)
    days = calendar.week(request.user, whose, monday)
    _log_shown(request, [entry for day in days for entry in day.shown])
    context = {
        "days": days,
        "today": today,
        "monday": monday,
        "week": calendar.week_name(monday),
        "previous": calendar.week_name(monday - timedelta(days=7)),
        "next": calendar.week_name(monday + timedelta(days=7)),
        "this_week": calendar.week_name(today),
        "whose": whose,
        "staff": staff,
        "everyone": whose is None,
    }
    return render(request, "calendar/week.html", context)


@permissions.required("see_clients")
def calendar_day(request: HttpRequest) -> HttpResponse:
    """Everything of one day, a page at a time: where a busy day's "and 40 more" leads."""
    today = timezone.localdate()
    day = calendar.day_of(request.GET.get("date"), today)
    whose, staff = _whose(request)
    found = calendar.entries(request.user, whose, day, 1)
    page = paging.linked(request, Paginator(found, DAY_PAGE).get_page(request.GET.get("page")))
    _log_shown(request, list(page.object_list))
    context = {
        "day": day,
        "page": page,
        "week": calendar.week_name(day - timedelta(days=day.weekday())),
        "whose": whose,
        "staff": staff,
        "everyone": whose is None,
    }
    return render(request, "calendar/day.html", context)


@require_POST
@permissions.required("see_clients")
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """The person's own choice: a reminder by email the day before, or none."""
    user = request.user
    user.email_reminders = request.POST.get("email_reminders") == "on"
    user.save(update_fields=["email_reminders"])
    if user.email_reminders and not user.email:
        messages.warning(
            request,
            gettext(
                "Reminders are on, but your account has no email address: ask the "
                "administrator to add one."
            ),
        )
    else:
        messages.success(
            request,
            gettext("Reminders by email are on.")
            if user.email_reminders
            else gettext("Reminders by email are off."),
        )
    return redirect("calendar")


DUE_SHOWN = 20  # of each day, on the home page


def due_today_and_tomorrow(request: HttpRequest) -> Panel | None:
    """The home page's reminders: how many things are due today and tomorrow for the
    signed-in person (what the calendar holds for them: their appointments, the dates
    of records they logged, their shifts), and the first of them, through the policy."""
    user = request.user
    if not permissions.can(user, "see_clients"):
        return None
    today = timezone.localdate()
    found = calendar.entries(user, user, today, 2)
    days = []
    for day, title in ((today, "Today"), (today + timedelta(days=1), "Tomorrow")):
        listed = [entry for entry in found if entry.day == day]
        days.append({"day": day, "title": title, "count": len(listed), "shown": listed[:DUE_SHOWN]})
    _log_shown(request, [entry for day in days for entry in day["shown"]])
    return Panel(
        "calendar/panels/today_and_tomorrow.html", {"days": days, "week": calendar.week_name(today)}
    )
