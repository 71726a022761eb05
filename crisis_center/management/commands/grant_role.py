"""Give a staff member a role from the server's command line."""

from django.core.management.base import BaseCommand, CommandError

from crisis_center import staff as staff_services
from crisis_center.models import User
from crisis_center.roles import Role


class Command(BaseCommand):
    help = (
        "Set a staff member's role and lift the hold on a password an administrator "
        "chose. For a new installation's first supervisor, when nobody could approve a "
        "role change in the app; every other role change is asked for in staff "
        "administration and approved by a second person."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", help=", ".join(Role.values))

    def handle(self, *args, username: str, role: str, **options) -> None:
        if role not in Role.values:
            raise CommandError(f"No role {role!r}: one of {', '.join(Role.values)}.")
        staff = User.objects.filter(username=username).first()
        if staff is None:
            raise CommandError(f"No staff member {username!r}.")
        staff_services.role_grant_on_server(staff=staff, role=role)
        self.stdout.write(f"{username} is now {Role(role).label.lower()}.")
