"""The admin site: staff administration, open to the administrator role only."""

from django.contrib import admin
from django.http import HttpRequest

from crisis_center.roles import Role


def is_administrator(request: HttpRequest) -> bool:
    user = request.user
    return user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR


class StaffAdminSite(admin.AdminSite):
    site_header = "Staff administration"
    site_title = "Staff administration"
    index_title = "Staff accounts and training"

    def has_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request)
