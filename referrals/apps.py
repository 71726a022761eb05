from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from crisis_center import demo as demo_data
        from crisis_center import panels as page_panels
        from crisis_center import scale as scale_data
        from intake import service_ledger, timeline
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
        page_panels.register("client", panels.client_releases_and_referrals)
        page_panels.register("contact", panels.contact_referrals)
        page_panels.register("home", panels.agreements_due)
        demo_data.register(demo.seed)
        scale_data.register(scale.seed)
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
