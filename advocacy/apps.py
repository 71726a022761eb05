from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "advocacy"
    verbose_name = "Advocacy"

    def ready(self) -> None:
        from advocacy import demo, panels, report_measures, scale, service_codes
        from advocacy.kinds import KINDS
        from intake import panels as intake_panels
        from intake import scale as intake_scale
        from intake import timeline
        from intake.management.commands import seed_demo

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
        intake_panels.register("client", panels.client_goals_and_groups)
        intake_panels.register("home", panels.due_items)
        seed_demo.EXTENSIONS.append(demo.seed)
        intake_scale.EXTENSIONS.append(scale.seed)
        service_codes.register()
        report_measures.register()
