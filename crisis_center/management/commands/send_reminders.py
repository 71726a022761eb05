"""Email each staff member who asked for it how many things are due tomorrow."""

from django.core.management.base import BaseCommand

from crisis_center import reminders


class Command(BaseCommand):
    help = (
        "Send the day-before reminders by email (run daily from a timer): to each active "
        "staff member with an email address who turned them on, how many things are due "
        "tomorrow and a link to their calendar, never what they are. Once a day per "
        "person, however often it runs."
    )

    def handle(self, *args, **options) -> None:
        sent = reminders.send_all()
        self.stdout.write(f"Reminders sent: {sent}.")
