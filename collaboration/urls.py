from django.urls import path

from collaboration import conference_views, feedback_views, views
from collaboration.sections import SECTIONS

CONFERENCE = "clients/<id:pk>/conferences/<id:conference_pk>/"

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
    # Client feedback: the survey is public; the rest is for staff.
    path("survey/<str:token>/", feedback_views.survey, name="survey"),
    path("feedback/link/", feedback_views.feedback_link_new, name="feedback_link_new"),
    path("feedback/kiosks/", feedback_views.kiosk_list, name="kiosk_list"),
    path("feedback/kiosks/<id:pk>/revoke/", feedback_views.kiosk_revoke, name="kiosk_revoke"),
    path("feedback/results/", feedback_views.feedback_results, name="feedback_results"),
    path("feedback/results.csv", feedback_views.feedback_results_csv, name="feedback_results_csv"),
    # Case conferences.
    path(
        "clients/<id:pk>/conferences/new/",
        conference_views.conference_create,
        name="conference_create",
    ),
    path(CONFERENCE, conference_views.conference_detail, name="conference_detail"),
    path(f"{CONFERENCE}edit/", conference_views.conference_edit, name="conference_edit"),
    path(f"{CONFERENCE}summary/", conference_views.conference_summary, name="conference_summary"),
    path(
        f"{CONFERENCE}actions/new/",
        conference_views.conference_action_create,
        name="conference_action_create",
    ),
    path(
        f"{CONFERENCE}actions/<id:item_pk>/done/",
        conference_views.conference_action_done,
        name="conference_action_done",
    ),
]
