from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy


class CrisisCenterConfig(AppConfig):
    default = True
    name = "crisis_center"
    verbose_name = gettext_lazy("Staff and access")

    def ready(self) -> None:
        from crisis_center import (
            backups,
            calendar,
            calendar_views,
            demo,
            form_tokens,  # noqa: F401  (prunes old tokens at sign-in)
            kept_forms,  # noqa: F401  (its sign-in receiver)
            panels,
            roster,
            roster_demo,
            training,
        )

        panels.register("home", training.home_panel)  # first: a trainee's next step
        panels.register("home", roster.home_panel)
        panels.register("home", calendar_views.due_today_and_tomorrow)
        demo.register(roster_demo.seed_roster)
        calendar.register(roster.shift_entries)  # on-call shifts in the week view
        # A data migration makes the hotline and call-out kinds.
        backups.FILLED_BY_MIGRATE.add("crisis_center.ShiftKind")


class StaffAdminConfig(admin_apps.AdminConfig):
    """The Django admin, limited to staff administration by administrators."""

    default = False
    default_site = "crisis_center.admin_site.StaffAdminSite"
