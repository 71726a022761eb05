from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = gettext_lazy("Collaboration")

    def ready(self) -> None:
        from collaboration import demo, forms, models, panels, report_measures
        from collaboration.choices import OutreachLocation
        from crisis_center import demo as demo_data
        from crisis_center import local_choices, records
        from crisis_center import panels as page_panels
        from crisis_center.records import Kind

        # A center adds places of its own after the program model's (issue 23).
        local_choices.register(local_choices.ListName.OUTREACH_PLACES, OutreachLocation)

        # A conference's pages sit under its client (clients/<pk>/conferences/<pk>/) and
        # hold its action items; its agencies are saved with it (collaboration.services):
        # they stay in collaboration/conference_views.py.
        records.register(
            Kind(
                "case_conference",
                models.CaseConference,
                forms.CaseConferenceForm,
                gettext_lazy("Case conference"),
                "held_at",
                views=False,
                timeline_template="collaboration/timeline/case_conference.html",
            )
        )
        page_panels.register("client", panels.client_conferences)
        page_panels.register("home", panels.overdue_action_items)
        demo_data.register(demo.seed)
        report_measures.register()
