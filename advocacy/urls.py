from django.urls import path

from advocacy import views

# The record kinds' own pages come from crisis_center.records (advocacy/apps.py).
urlpatterns = [
    path("medical/<id:pk>/follow-up-done/", views.follow_up_done, name="follow_up_done"),
    path("clients/<id:pk>/appointments/", views.appointment_list, name="appointment_list"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<id:pk>/", views.group_detail, name="group_detail"),
    path("groups/<id:pk>/sessions/new/", views.group_session_create, name="group_session_create"),
]
