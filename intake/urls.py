from django.urls import path

from intake import views

urlpatterns = [
    path("", views.home, name="home"),
    path("clients/", views.client_list, name="client_list"),
    path("clients/new/", views.client_create, name="client_create"),
    path("clients/<int:pk>/", views.client_detail, name="client_detail"),
    path("clients/<int:pk>/edit/", views.client_edit, name="client_edit"),
    path("clients/<int:pk>/care-team/", views.care_team, name="care_team"),
    path(
        "clients/<int:pk>/care-team/<int:member_pk>/end/",
        views.care_team_end,
        name="care_team_end",
    ),
    path("clients/<int:pk>/history/", views.client_history, name="client_history"),
    path("clients/<int:pk>/purge/", views.client_purge, name="client_purge"),
    path("clients/<int:pk>/screenings/new/", views.screening_create, name="screening_create"),
    path("clients/<int:pk>/safety-plan/", views.safety_plan, name="safety_plan"),
    path("screenings/<int:pk>/", views.screening_detail, name="screening_detail"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/link/", views.contact_link, name="contact_link"),
    path("contacts/<int:pk>/intake/", views.contact_intake, name="contact_intake"),
    path("emergency-access/", views.emergency_access, name="emergency_access"),
    path("emergency-access/review/", views.emergency_review_list, name="emergency_review_list"),
    path("emergency-access/<int:pk>/review/", views.emergency_review, name="emergency_review"),
]
