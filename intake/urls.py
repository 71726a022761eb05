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
]
