from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from crisis_center import (
    calendar_views,
    center_views,
    ids,  # noqa: F401  (registers the <id:...> converter)
    local_choice_views,
    two_factor,
    views,
)

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/2fa/", two_factor.two_factor, name="two_factor"),
    path("accounts/keepalive/", views.keepalive, name="keepalive"),
    path("accounts/idle/", views.idle_sign_out, name="idle_sign_out"),
    path("healthz", views.healthz, name="healthz"),
    path("staff/approvals/", views.staff_approvals, name="staff_approvals"),
    path(
        "staff/approvals/roles/<id:pk>/approve/",
        views.role_request_approve,
        name="role_request_approve",
    ),
    path(
        "staff/approvals/roles/<id:pk>/refuse/",
        views.role_request_refuse,
        name="role_request_refuse",
    ),
    path(
        "staff/approvals/passwords/<id:pk>/confirm/",
        views.staff_password_confirm,
        name="staff_password_confirm",
    ),
    path("calendar/", calendar_views.calendar_week, name="calendar"),
    path("calendar/day/", calendar_views.calendar_day, name="calendar_day"),
    path("calendar/reminders/", calendar_views.reminder_settings, name="reminder_settings"),
    path("settings/center/", center_views.center_settings, name="center_settings"),
    path("settings/center/stored/", center_views.stored_values, name="stored_values"),
    path("settings/lists/", local_choice_views.choice_lists, name="choice_lists"),
    path("settings/lists/<id:pk>/", local_choice_views.choice_edit, name="choice_edit"),
    path("settings/lists/<id:pk>/retire/", local_choice_views.choice_retire, name="choice_retire"),
    path(
        "settings/lists/<id:pk>/restore/",
        local_choice_views.choice_restore,
        name="choice_restore",
    ),
    path("admin/", admin.site.urls),
    path("", include("crisis_center.roster_urls")),
    path("", include("intake.urls")),
    path("", include("crisis_center.records.urls")),  # every registered record kind's pages
    path("", include("advocacy.urls")),
    path("", include("referrals.urls")),
    path("", include("collaboration.urls")),
]
