"""Reminders by email: the day before, each person who asked for them is told how many
things are due for them tomorrow, and where their calendar is. Never which things: an
email leaves the center's system (a shared inbox, a phone's lock screen, a mail
provider), so it carries no client's pseudonym, name or record, nor the kind of an
appointment (DESIGN.md rule 1); the calendar behind the link asks for a sign-in.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from crisis_center import calendar
from crisis_center.models import User


def recipients(today: date):
    """Active staff with an email address who asked for reminders and got none today."""
    return (
        User.objects.filter(is_active=True, email_reminders=True)
        .exclude(email="")
        .exclude(reminded_on=today)
        .order_by("pk")
    )


def _counted_as(entry: calendar.Entry) -> str:
    """What a reminder calls an entry: a client's is "an appointment" when it has a time
    and "a follow-up" when it is due on a day, whatever its kind (a court date says
    something about the client); one with no client data keeps its kind (a shift)."""
    if entry.record is None:
        return entry.kind
    return "follow-up" if entry.all_day else "appointment"


def message(found: list[calendar.Entry], day: date) -> tuple[str, str]:
    """The subject and the body: counts by kind and a link, nothing else."""
    things = calendar.plural(len(found), "thing")
    link = f"{settings.SITE_URL}{reverse('calendar')}?week={calendar.week_name(day)}"
    body = (
        f"You have {things} due tomorrow ({calendar.counted(_counted_as(e) for e in found)}).\n\n"
        f"Your calendar: {link}\n\n"
        "This message never says what is due or for whom; sign in to see it.\n"
        "To stop these emails, untick the reminder on your calendar page.\n"
    )
    return f"Reminder: {things} due tomorrow", body


def send_all(today: date | None = None) -> int:
    """Send today's reminders (about tomorrow); once a day per person, however often it
    runs. A person with nothing due tomorrow gets no email. Returns how many were sent."""
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    sent = 0
    for user in recipients(today):
        found = calendar.entries(user, user, tomorrow, 1)
        if not found:
            continue
        subject, body = message(found, tomorrow)
        send_mail(subject, body, None, [user.email])
        # The day is written only after the mail left: a failure is retried next run.
        User.objects.filter(pk=user.pk).update(reminded_on=today)
        sent += 1
    return sent
