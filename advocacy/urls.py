from django.urls import path

from advocacy import views
from advocacy.kinds import KINDS

urlpatterns = [
    route
    for kind in KINDS.values()
    for route in (
        path(
            f"clients/<id:pk>/{kind.slug}/new/",
            views.record_create,
            {"kind": kind.slug},
            name=f"{kind.slug}_create",
        ),
        path(
            f"{kind.slug}/<id:pk>/",
            views.record_detail,
            {"kind": kind.slug},
            name=f"{kind.slug}_detail",
        ),
        *(
            [
                path(
                    f"{kind.slug}/<id:pk>/edit/",
                    views.record_edit,
                    {"kind": kind.slug},
                    name=f"{kind.slug}_edit",
                )
            ]
            if kind.editable
            else []
        ),
    )
] + [
    path("medical/<id:pk>/follow-up-done/", views.follow_up_done, name="follow_up_done"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<id:pk>/", views.group_detail, name="group_detail"),
    path("groups/<id:pk>/sessions/new/", views.group_session_create, name="group_session_create"),
]
