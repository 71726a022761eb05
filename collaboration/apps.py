from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = "Collaboration"

    def ready(self) -> None:
        from collaboration import demo, panels
        from intake import panels as intake_panels
        from intake.management.commands import seed_demo

        intake_panels.register("home", panels.overdue_action_items)
        seed_demo.EXTENSIONS.append(demo.seed)
