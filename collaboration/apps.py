from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = "Collaboration"

    def ready(self) -> None:
        from collaboration import demo, models, panels, report_measures
        from crisis_center import demo as demo_data
        from crisis_center import panels as page_panels
        from intake import timeline

        timeline.register(
            timeline.TimelineSource(
                kind="case_conference",
                model=lambda: models.CaseConference,
                date_field="held_at",
                template="collaboration/timeline/case_conference.html",
                select_related=("created_by",),
            )
        )
        page_panels.register("client", panels.client_conferences)
        page_panels.register("home", panels.overdue_action_items)
        demo_data.register(demo.seed)
        report_measures.register()
