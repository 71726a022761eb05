from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = "Collaboration"

    def ready(self) -> None:
        from collaboration import demo, forms, models, panels, report_measures
        from crisis_center import records
        from crisis_center.records import Kind
        from intake import panels as intake_panels
        from intake.management.commands import seed_demo

        # A conference's pages sit under its client (clients/<pk>/conferences/<pk>/) and
        # hold its action items; its agencies are saved with it (collaboration.services):
        # they stay in collaboration/conference_views.py.
        records.register(
            Kind(
                "case_conference",
                models.CaseConference,
                forms.CaseConferenceForm,
                "Case conference",
                "held_at",
                views=False,
                timeline_template="collaboration/timeline/case_conference.html",
            )
        )
        intake_panels.register("client", panels.client_conferences)
        intake_panels.register("home", panels.overdue_action_items)
        seed_demo.EXTENSIONS.append(demo.seed)
        report_measures.register()
