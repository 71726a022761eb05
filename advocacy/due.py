"""What advocacy puts in a staff member's calendar: the appointments they go to, and the
medical follow-ups and court dates of the records they logged (the one who logs a
record is responsible for its dates). One definition of each, for the home page's "Due
soon" (advocacy/panels.py), the calendar and the reminders (crisis_center/calendar.py).
"""

from datetime import date, datetime, timedelta

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext

from advocacy.models import Appointment, LegalAdvocacy, MedicalAdvocacy
from crisis_center.calendar import MOST, Entry


def _theirs(records: models.QuerySet, viewer, user, field: str = "created_by") -> models.QuerySet:
    """The records `viewer` may see (the policy), of `user` (None: everyone's)."""
    records = records.visible_to(viewer)
    return records if user is None else records.filter(**{field: user})


def follow_ups(viewer, user, *, until: date, since: date | None = None) -> models.QuerySet:
    """Open medical follow-ups due by `until` (from `since`; without it, overdue ones
    too), soonest first."""
    due = MedicalAdvocacy.objects.filter(
        follow_up_by__isnull=False, follow_up_done_at__isnull=True, follow_up_by__lte=until
    )
    if since is not None:
        due = due.filter(follow_up_by__gte=since)
    due = _theirs(due, viewer, user).select_related("client", "created_by")
    return due.order_by("follow_up_by", "id")


def court_dates(viewer, user, start: datetime, end: datetime) -> models.QuerySet:
    """Court dates from `start` until before `end`, soonest first."""
    dates = LegalAdvocacy.objects.filter(court_date__gte=start, court_date__lt=end)
    dates = _theirs(dates, viewer, user).select_related("client", "created_by")
    return dates.order_by("court_date", "id")


def appointments(viewer, user, start: datetime, end: datetime) -> models.QuerySet:
    """Appointments starting from `start` until before `end` that `user` goes to."""
    booked = Appointment.objects.on_calendar().filter(starts_at__gte=start, starts_at__lt=end)
    booked = _theirs(booked, viewer, user, field="staff")
    return booked.select_related("client", "staff").order_by("starts_at", "id")


# --- Calendar sources (registered in apps.py) -----------------------------------------


def appointment_entries(user, start: datetime, end: datetime, *, viewer) -> list[Entry]:
    return [
        Entry(
            start=item.starts_at,
            end=item.ends_at,
            title=gettext("%(kind)s: %(client)s (%(place)s)")
            % {
                "kind": item.get_kind_display(),
                "client": item.client.pseudonym,
                "place": item.get_place_display().lower(),
            },
            url=reverse("appointment_detail", args=[item.pk]),
            kind="appointment",
            record=item,
            who=str(item.staff),
        )
        for item in appointments(viewer, user, start, end)[:MOST]
    ]


def follow_up_entries(user, start: datetime, end: datetime, *, viewer) -> list[Entry]:
    first, last = start.date(), end.date() - timedelta(days=1)
    return [
        Entry(
            start=item.follow_up_by,
            title=gettext("Medical follow-up: %(client)s") % {"client": item.client.pseudonym},
            url=reverse("medical_detail", args=[item.pk]),
            kind="follow-up",
            record=item,
            who=str(item.created_by),
        )
        for item in follow_ups(viewer, user, since=first, until=last)[:MOST]
    ]


def court_date_entries(user, start: datetime, end: datetime, *, viewer) -> list[Entry]:
    return [
        Entry(
            start=item.court_date,
            title=gettext("Court date: %(client)s (%(system)s)")
            % {"client": item.client.pseudonym, "system": item.get_system_display().lower()},
            url=reverse("legal_detail", args=[item.pk]),
            kind="court date",
            record=item,
            who=str(item.created_by),
        )
        for item in court_dates(viewer, user, start, end)[:MOST]
    ]
