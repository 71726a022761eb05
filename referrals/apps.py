from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = gettext_lazy("Referrals")

    def ready(self) -> None:
        from crisis_center import demo as demo_data
        from crisis_center import panels as page_panels
        from crisis_center import records
        from crisis_center import scale as scale_data
        from crisis_center.records import Kind
        from intake import closing
        from referrals import demo, forms, models, panels, report_measures, scale

        records.register(
            Kind(
                "release",
                models.ReleaseOfInformation,
                forms.ReleaseForm,
                gettext_lazy("Release of information"),
                "created_at",
                path="releases",
                editable=False,  # revoked, never edited (release_revoke)
                select_related=("agency", "revoked_by"),
                saved=gettext_lazy("Release recorded."),
                form_template="referrals/release_form.html",
                detail_template="referrals/release_detail.html",
                timeline_template="referrals/timeline/release.html",
            )
        )
        records.register(
            Kind(
                "incoming_referral",
                models.IncomingReferral,
                forms.IncomingReferralForm,
                gettext_lazy("Referred by a partner agency"),
                "created_at",
                path="referred-by",
                editable=False,
                select_related=("agency",),
                saved=gettext_lazy("Referral source recorded."),
                timeline_template="referrals/timeline/incoming_referral.html",
            )
        )
        # A referral is made for a client or for an anonymous contact, to a resource
        # chosen in the directory, and edited on its own page: its pages stay in
        # referrals/views.py.
        records.register(
            Kind(
                "referral",
                models.Referral,
                forms.ReferralForm,
                gettext_lazy("Referral"),
                "created_at",
                views=False,
                select_related=("resource",),
                timeline_template="referrals/timeline/referral.html",
            )
        )
        # Closing a file as a transfer needs a release valid on the day (intake/closing.py).
        closing.releases_from(
            lambda client, day: (
                models.ReleaseOfInformation.objects.filter(client=client).valid_on(day).exists()
            )
        )
        # Seeds 001 and 003: a safe place is the first need.
        records.register(
            Kind(
                "housing",
                models.HousingPlacement,
                forms.HousingPlacementForm,
                gettext_lazy("Housing or shelter stay"),
                "created_at",
                select_related=("agency",),
            )
        )
        page_panels.register("client", panels.client_housing)
        page_panels.register("client", panels.client_releases_and_referrals)
        page_panels.register("contact", panels.contact_referrals)
        page_panels.register("home", panels.agreements_due)
        demo_data.register(demo.seed)
        demo_data.register(demo.housing)
        scale_data.register(scale.seed)
        report_measures.register()
