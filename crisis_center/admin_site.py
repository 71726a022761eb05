"""The admin site: staff administration, open to the administrator role only."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from crisis_center import permissions


def is_administrator(request: HttpRequest) -> bool:
    return permissions.can(request.user, "manage_staff")


class StaffAdminSite(admin.AdminSite):
    site_header = _("Staff administration")
    site_title = _("Staff administration")
    index_title = _("Staff accounts and training")

    def has_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request)
