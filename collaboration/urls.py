from django.urls import path

from collaboration import conference_views, feedback_views

CONFERENCE = "clients/<id:pk>/conferences/<id:conference_pk>/"

urlpatterns = [
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
