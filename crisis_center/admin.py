"""Staff administration: accounts, roles and training records, for administrators only.

No client model is registered here (DESIGN.md: administrators see no client data), and
nothing here lets an administrator reach one: they cannot change their own role, a role
that opens client files (or staff administration) is only asked for here and approved
by someone else (crisis_center/staff.py), a password they choose for someone else holds
that account until it is confirmed, and two-factor devices are not editable here.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from crisis_center import staff as staff_services
from crisis_center.admin_site import is_administrator
from crisis_center.models import PasswordReset, RoleChangeRequest, TrainingRecord, User
from crisis_center.roles import needs_approval

ROLE_HELP = gettext_lazy(
    "Advocate and supervisor open client files, administrator opens this page: ask for "
    "them under Role change requests, and a supervisor or a second administrator "
    "approves. Coordinator or no role take effect at once."
)


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


class StaffChangeForm(UserChangeForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "role" in self.fields:
            self.fields["role"].help_text = ROLE_HELP

    def clean_role(self) -> str:
        role = self.cleaned_data["role"]
        if role != self.instance.role and needs_approval(role):
            raise ValidationError(
                _(
                    "This role needs a second person's approval: ask for it under Role change "
                    "requests; a supervisor or a second administrator approves it."
                )
            )
        return role


class StaffCreationForm(AdminUserCreationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        role.choices = [c for c in role.choices if not needs_approval(c[0])]
        role.help_text = ROLE_HELP


@admin.register(User)
class StaffAdmin(AdministratorsOnly, UserAdmin):
    form = StaffChangeForm
    add_form = StaffCreationForm
    list_display = (
        "username", "first_name", "last_name", "role", "is_volunteer", "is_active", "access_held",
    )  # fmt: skip
    list_filter = ("role", "is_volunteer", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "email_reminders")}),
        ("Role", {"fields": ("role", "is_volunteer", "is_active", "is_superuser", "access_held")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "usable_password", "password1", "password2")}),
        ("Role", {"fields": ("role", "is_volunteer", "first_name", "last_name")}),
    )
    readonly_fields = ("last_login", "date_joined", "access_held")
    inlines = [TrainingRecordInline]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> tuple:
        if obj is not None and obj.pk == request.user.pk:
            # Nobody raises their own role (separation of duties).
            return (*self.readonly_fields, "role", "is_superuser")
        return self.readonly_fields

    def save_model(self, request: HttpRequest, obj: User, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password():
            staff_services.password_set_by_other(
                staff=obj, by=request.user, kind=PasswordReset.Kind.NEW_ACCOUNT
            )

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = ""):
        """A password chosen for someone else removes their two-factor devices and holds
        their client access until a supervisor confirms they are back in."""
        staff = self.get_object(request, unquote(id))
        before = staff.password if staff is not None else None
        response = super().user_change_password(request, id, form_url)
        if staff is None or request.method != "POST" or staff.pk == request.user.pk:
            return response
        staff.refresh_from_db(fields=["password"])
        if staff.password != before and staff.has_usable_password():
            staff_services.password_set_by_other(
                staff=staff, by=request.user, kind=PasswordReset.Kind.RESET
            )
            messages.info(
                request,
                _(
                    "%(staff)s sets up two-step sign-in again at the next sign-in, and sees no "
                    "client until a supervisor confirms they are back in."
                )
                % {"staff": staff},
            )
        return response


@admin.register(TrainingRecord)
class TrainingRecordAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ("staff", "topic", "hours", "completed_on")
    list_filter = ("topic",)
    list_select_related = ("staff",)
    search_fields = ("staff__username", "staff__first_name", "staff__last_name")


class RoleRequestForm(forms.ModelForm):
    requested_by: User  # the administrator asking (RoleChangeRequestAdmin.get_form)

    class Meta:
        model = RoleChangeRequest
        fields = ("staff", "role")

    def clean(self) -> dict:
        self.instance.requested_by = self.requested_by
        return super().clean()


@admin.register(RoleChangeRequest)
class RoleChangeRequestAdmin(AdministratorsOnly, admin.ModelAdmin):
    """Administrators ask here; supervisors (or a second administrator) decide on the
    staff approvals page, so a request is never changed here."""

    form = RoleRequestForm
    list_display = (
        "staff",
        "role",
        "requested_by",
        "requested_at",
        "decision",
        "decided_by",
        "decided_at",
    )
    list_filter = ("decision", "role")
    list_select_related = ("staff", "requested_by", "decided_by")

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.requested_by = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "staff":
            kwargs["queryset"] = User.objects.filter(is_active=True).exclude(pk=request.user.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: RoleChangeRequest, form, change: bool):
        obj.requested_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(PasswordReset)
class PasswordResetAdmin(AdministratorsOnly, admin.ModelAdmin):
    """The record of passwords chosen for someone else; written by the staff form only."""

    list_display = ("staff", "kind", "by", "at", "devices_removed", "confirmed_by", "confirmed_at")
    list_filter = ("kind",)
    list_select_related = ("staff", "by", "confirmed_by")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


admin.site.unregister(Group)
# A device added here for someone else would pass their second sign-in step.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)
