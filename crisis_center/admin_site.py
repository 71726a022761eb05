"""The admin site: staff administration, open to the administrator role only."""

from django.contrib import admin
from django.http import HttpRequest

from crisis_center import permissions


def is_administrator(request: HttpRequest) -> bool:
    return permissions.can(request.user, "manage_staff")


class StaffAdminSite(admin.AdminSite):
    site_header = "Staff administration"
    site_title = "Staff administration"
    index_title = "Staff accounts and training"

    def has_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request)
