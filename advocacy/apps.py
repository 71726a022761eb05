from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "advocacy"
    verbose_name = "Advocacy"

    def ready(self) -> None:
        from advocacy import demo, panels, report_measures, scale, service_codes
        from advocacy.kinds import KINDS
        from crisis_center import demo as demo_data
        from crisis_center import panels as page_panels
        from crisis_center import scale as scale_data
        from intake import timeline

        for kind in KINDS.values():
            timeline.register(
                timeline.TimelineSource(
                    kind=kind.slug,
                    model=lambda model=kind.model: model,
                    date_field=kind.date_field,
                    template="advocacy/timeline_entry.html",
                    select_related=("created_by", *kind.select_related),
                )
            )
        page_panels.register("client", panels.client_goals_and_groups)
        page_panels.register("home", panels.due_items)
        demo_data.register(demo.seed)
        scale_data.register(scale.seed)
        service_codes.register()
        report_measures.register()
