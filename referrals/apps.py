from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from intake import panels as intake_panels
        from intake import scale as intake_scale
        from intake import service_ledger, timeline
        from intake.management.commands import seed_demo
        from referrals import demo, models, panels, report_measures, scale

        for kind, model, related in (
            ("referral", models.Referral, ("created_by", "resource")),
            ("release", models.ReleaseOfInformation, ("created_by", "agency")),
            ("incoming_referral", models.IncomingReferral, ("created_by", "agency")),
        ):
            timeline.register(
                timeline.TimelineSource(
                    kind=kind,
                    model=lambda model=model: model,
                    date_field="created_at",
                    template=f"referrals/timeline/{kind}.html",
                    select_related=related,
                )
            )
        intake_panels.register("client", panels.client_releases_and_referrals)
        intake_panels.register("contact", panels.contact_referrals)
        intake_panels.register("home", panels.agreements_due)
        seed_demo.EXTENSIONS.append(demo.seed)
        intake_scale.EXTENSIONS.append(scale.seed)
        report_measures.register()
        service_ledger.register(
            service_ledger.ServiceSource(
                model=models.Referral,
                date=lambda referral: referral.referred_on,
                defaults=models.Referral.default_service_codes,
                client_id=models.Referral.served_client_id,
                contact_id=lambda referral: referral.contact_id,
            )
        )
