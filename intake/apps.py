from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = gettext_lazy("Clients and intake")

    def ready(self) -> None:
        from crisis_center import backups, center, ledger, local_choices, panels, records
        from crisis_center import demo as demo_data
        from crisis_center import reports as shared_reports
        from crisis_center.records import Kind
        from intake import (  # noqa: F401  (service_ledger and counts register intake's models)
            client_panels,
            closing,
            closing_forms,
            counts,
            demo,
            dependents,
            derived,
            forms,
            home_panels,
            models,
            reports,
            service_ledger,
            services,
            stability,
            stored_reports,
        )
        from intake.choices import ClosureReason, Need, ServiceCode

        # What a record counts as is said in words on its pages, the codes in a tooltip.
        ledger.name_codes(ServiceCode)

        # The lists a center extends with entries of its own (issue 23).
        local_choices.register(local_choices.ListName.NEEDS, Need)
        local_choices.register(local_choices.ListName.CLOSURE_REASONS, ClosureReason)
        panels.register("home", home_panels.caseload_dashboard)
        panels.register("home", home_panels.emergency_reviews)
        self._minors()
        panels.register("client", closing.client_panel)
        panels.register("client", stability.client_panel)
        panels.register("client", client_panels.incidents)
        demo_data.register(demo.seed_incidents)
        demo_data.register(demo.seed_closings)
        stored_reports.connect(self)
        post_migrate.connect(derived.refresh, sender=self, dispatch_uid="derived_refresh")
        shared_reports.register_outcome(4, reports.served_by_referral_source)
        # The race a center no longer collects is kept in the client's classifications.
        center.keep(
            "client.race", center.Keeper(count=services.races_stored, clear=services.races_clear)
        )
        shared_reports.keep_due_with(reports.count_due)
        # A data migration fills the funder's lists: a migrated database is still empty.
        backups.FILLED_BY_MIGRATE.add("intake.Classification")
        # migrate fills the running counts and the ledger of an empty database: nothing,
        # but the fingerprints of what they mean.
        backups.FILLED_BY_MIGRATE.add("intake.DerivedFingerprint")

        # Screenings use the shared pages; contacts are logged before any client is
        # named and linked later, and a client has one safety plan made or changed on one
        # page (intake/views.py): those two keep their own pages.
        records.register(
            Kind(
                "screening",
                models.Screening,
                forms.ScreeningForm,
                gettext_lazy("Screening"),
                "screened_at",
                path="screenings",
                editable=False,
                form_template="intake/screening_form.html",
                detail_template="intake/screening_detail.html",
                timeline_template="intake/timeline/screening.html",
            )
        )
        records.register(
            Kind(
                "contact",
                models.CrisisContact,
                forms.CrisisContactForm,
                gettext_lazy("Crisis contact"),
                "started_at",
                views=False,
                select_related=("advocate",),
                timeline_template="intake/timeline/contact.html",
            )
        )
        records.register(
            Kind(
                "safety_plan",
                models.SafetyPlan,
                forms.SafetyPlanForm,
                gettext_lazy("Safety plan"),
                "history_date",
                views=False,
                timeline_versions=True,  # each version made or updated, by whom
                timeline_template="intake/timeline/safety_plan.html",
            )
        )

        # An incident is saved with its offenders and types, all or nothing (its `save`).
        records.register(
            Kind(
                "incident",
                models.Incident,
                forms.IncidentForm,
                gettext_lazy("Incident"),
                "created_at",
                path="incidents",
                save=forms.save_incident,
                detail_template="intake/incident_detail.html",
            )
        )
        records.register(
            Kind(
                "stability",
                models.StabilityCheck,
                closing_forms.StabilityCheckForm,
                gettext_lazy("Stability check"),
                "created_at",
                saved=gettext_lazy("Stability check saved."),
            )
        )
        # Closing asks for more than a record's page does (the file's status, the answers
        # at closing) and is corrected on the same page: intake/closing_views.py.
        records.register(
            Kind(
                "closure",
                models.FileClosure,
                closing_forms.ClosureForm,
                gettext_lazy("File closing"),
                "history_date",
                views=False,
                timeline_versions=True,  # closed, corrected, reopened: by whom
                timeline_template="intake/timeline/closure.html",
            )
        )

        # Seed 004: two-thirds of the women have children. No names needed.
        records.register(
            Kind("dependent", models.Dependent, forms.DependentForm,
                 gettext_lazy("Child or dependent"), "created_at", path="dependents")
        )  # fmt: skip
        panels.register("client", dependents.client_dependents)
        demo_data.register(demo.seed_dependents)
        self._documents()

    def _documents(self) -> None:
        """Documents on the file (intake/documents.py). Their pages are their own: an
        upload is held in memory only and its file is written in a transaction the page
        holds, so that a file whose row is not saved never stays."""
        from crisis_center import demo, panels, records
        from crisis_center.records import Kind
        from intake import documents, models

        records.register(
            Kind("document", models.Document, documents.DocumentForm,
                 gettext_lazy("Document"), "created_at", views=False, editable=False,
                 timeline_template="intake/timeline/document.html")
        )  # fmt: skip
        panels.register("client", documents.client_panel)
        demo.register(documents.seed)

    def _minors(self) -> None:
        """Consent and mandated reports for clients under 18 (intake/minors.py)."""
        from crisis_center import demo, panels, records
        from crisis_center.records import Kind
        from intake import minors, models

        records.register(
            Kind(
                "minor_consent",
                models.MinorConsent,
                minors.MinorConsentForm,
                gettext_lazy("Consent for a minor"),
                "created_at",
                path="minor-consents",
            )
        )
        records.register(
            Kind(
                "mandated_report",
                models.MandatedReport,
                minors.MandatedReportForm,
                gettext_lazy("Mandated report decision"),
                "created_at",
                path="mandated-reports",
                select_related=("decided_by",),
            )
        )
        panels.register("client", minors.client_section)
        panels.register("home", minors.report_gaps)
        demo.register(minors.seed)
