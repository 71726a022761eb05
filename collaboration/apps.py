from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = "Collaboration"

    def ready(self) -> None:
        from collaboration import demo, models, panels, report_measures
        from intake import panels as intake_panels
        from intake import timeline
        from intake.management.commands import seed_demo

        timeline.register(
            timeline.TimelineSource(
                kind="case_conference",
                model=lambda: models.CaseConference,
                date_field="held_at",
                template="collaboration/timeline/case_conference.html",
                select_related=("created_by",),
            )
        )
        intake_panels.register("client", panels.client_conferences)
        intake_panels.register("home", panels.overdue_action_items)
        seed_demo.EXTENSIONS.append(demo.seed)
        report_measures.register()
