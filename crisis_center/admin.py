"""Staff administration: accounts, roles and training records, for administrators only.

No client model is registered here (DESIGN.md: administrators see no client data).
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest

from crisis_center.admin_site import is_administrator
from crisis_center.models import TrainingRecord, User


class AdministratorsOnly:
    """Model permissions follow the role, not Django's per-user permission flags."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_administrator(request)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_administrator(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_administrator(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Staff leave by deactivation; their names stay on the records they made.
        return False


class TrainingRecordInline(AdministratorsOnly, admin.TabularInline):
    model = TrainingRecord
    extra = 1


@admin.register(User)
class StaffAdmin(AdministratorsOnly, UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Role", {"fields": ("role", "is_active", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2")}),
        ("Role", {"fields": ("role", "first_name", "last_name")}),
    )
    readonly_fields = ("last_login", "date_joined")
    inlines = [TrainingRecordInline]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ("staff", "topic", "hours", "completed_on")
    list_filter = ("topic",)
    list_select_related = ("staff",)
    search_fields = ("staff__username", "staff__first_name", "staff__last_name")


admin.site.unregister(Group)
