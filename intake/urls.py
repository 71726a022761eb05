from django.urls import path

from intake import dependents, report_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("clients/", views.client_list, name="client_list"),
    path("clients/new/", views.client_create, name="client_create"),
    path("clients/<id:pk>/", views.client_detail, name="client_detail"),
    path("clients/<id:pk>/edit/", views.client_edit, name="client_edit"),
    path("clients/<id:pk>/care-team/", views.care_team, name="care_team"),
    path(
        "clients/<id:pk>/care-team/<id:member_pk>/end/",
        views.care_team_end,
        name="care_team_end",
    ),
    path("clients/<id:pk>/history/", views.client_history, name="client_history"),
    path("clients/<id:pk>/purge/", views.client_purge, name="client_purge"),
    path("clients/<id:pk>/safety-plan/", views.safety_plan, name="safety_plan"),
    path("clients/<id:pk>/dependents/", dependents.dependent_list, name="dependent_list"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<id:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/<id:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<id:pk>/link/", views.contact_link, name="contact_link"),
    path("contacts/<id:pk>/unlink/", views.contact_unlink, name="contact_unlink"),
    path("contacts/<id:pk>/intake/", views.contact_intake, name="contact_intake"),
    path("emergency-access/", views.emergency_access, name="emergency_access"),
    path("emergency-access/review/", views.emergency_review_list, name="emergency_review_list"),
    path("emergency-access/<id:pk>/review/", views.emergency_review, name="emergency_review"),
    path("reports/", report_views.report_index, name="report_index"),
    path("reports/caseload/", report_views.caseload_dashboard, name="caseload_dashboard"),
    path("reports/victim-services/", report_views.quarterly_report, name="quarterly_report"),
    path("reports/victim-services/entries/", report_views.report_entries, name="report_entries"),
    path("reports/outcomes/", report_views.outcome_measures, name="outcome_measures"),
]
