from django.urls import path

from collaboration import views
from collaboration.sections import SECTIONS

urlpatterns = [
    path("collaboration/", views.home, name="collaboration"),
    path("collaboration/charter/", views.charter, name="charter"),
    *[
        route
        for s in SECTIONS.values()
        for route in (
            path(f"collaboration/{s.path}/", views.list_view(s), name=f"{s.slug}_list"),
            path(f"collaboration/{s.path}/new/", views.edit_view(s), name=f"{s.slug}_create"),
            path(
                f"collaboration/{s.path}/<id:pk>/edit/",
                views.edit_view(s),
                name=f"{s.slug}_edit",
            ),
        )
    ],
    path("collaboration/meetings/<id:pk>/", views.meeting_detail, name="meeting_detail"),
    path(
        "collaboration/meetings/<id:pk>/agenda/new/",
        views.agenda_item_create,
        name="agenda_item_create",
    ),
    path(
        "collaboration/meetings/<id:pk>/actions/new/",
        views.action_item_create,
        name="action_item_create",
    ),
    path("collaboration/actions/<id:pk>/edit/", views.action_item_edit, name="action_item_edit"),
    path("collaboration/prevention/<id:pk>/", views.prevention_detail, name="prevention_detail"),
    path(
        "collaboration/prevention/<id:pk>/sessions/new/",
        views.prevention_session_create,
        name="prevention_session_create",
    ),
]
