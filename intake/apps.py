from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Clients and intake"

    def ready(self) -> None:
        from crisis_center import backups, panels
        from crisis_center import reports as shared_reports
        from intake import (  # noqa: F401  (service_ledger and counts register intake's models)
            counts,
            home_panels,
            models,
            reports,
            service_ledger,
            stored_reports,
            timeline,
        )

        panels.register("home", home_panels.emergency_reviews)
        stored_reports.connect(self)
        shared_reports.register_outcome(4, reports.served_by_referral_source)
        shared_reports.keep_due_with(reports.count_due)
        # A data migration fills the funder's lists: a migrated database is still empty.
        backups.FILLED_BY_MIGRATE.add("intake.Classification")

        timeline.register(
            timeline.TimelineSource(
                kind="contact",
                model=lambda: models.CrisisContact,
                date_field="started_at",
                template="intake/timeline/contact.html",
                select_related=("advocate",),
            )
        )
        timeline.register(
            timeline.TimelineSource(
                kind="screening",
                model=lambda: models.Screening,
                date_field="screened_at",
                template="intake/timeline/screening.html",
                select_related=("created_by",),
            )
        )
        timeline.register(
            timeline.TimelineSource(
                kind="safety_plan",
                model=lambda: models.SafetyPlan.history.model,
                date_field="history_date",
                template="intake/timeline/safety_plan.html",
                select_related=("history_user",),
            )
        )
