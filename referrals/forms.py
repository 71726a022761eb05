"""Forms of the referral module."""

from crispy_forms.bootstrap import InlineCheckboxes
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisis_center.forms import AsTyped
from crisis_center.records.forms import RecordForm, checklist, offer_active_and_kept
from crisis_center.uploads import too_large
from referrals.choices import Category, Provision
from referrals.models import (
    Agency,
    HousingPlacement,
    IncomingReferral,
    NetworkingAgreement,
    Referral,
    ReleaseOfInformation,
    Resource,
)


class DirectorySearchForm(AsTyped, forms.Form):
    """The hotline's lifeline: every filter optional, every value validated."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        choices=[("", _("Any category")), *Category.choices], required=False
    )
    language = forms.CharField(required=False, max_length=50)
    no_id = forms.BooleanField(label=_("No ID required"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    trafficking = forms.BooleanField(label=_("Accepts survivors of trafficking"), required=False)
    substance_use = forms.BooleanField(label=_("Accepts people who use substances"), required=False)


def offer_agencies(form: forms.ModelForm) -> None:
    """The directory's active agencies, and the one the record has even when it is no
    longer offered (kept, and labelled so)."""
    kept = form.instance.agency_id
    offer_active_and_kept(
        form.fields["agency"], Agency.objects.all(), flag="active", kept=[kept] if kept else []
    )


class AgencyForm(RecordForm):
    # A web address typed without a scheme means https (Django 6's default too).
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta(RecordForm.Meta):
        model = Agency
        fields = [
            "name",
            "kind",
            "phone",
            "website",
            "address",
            "confidential_location",
            "intake_line",
            "hours",
            "languages",
            "notes",
            "active",
        ]

    rows = (
        ("name", "kind"),
        ("phone", "website"),
        "address",
        ("confidential_location", "intake_line"),
        ("hours", "languages"),
        "notes",
        "active",
    )


class DaysField(forms.MultipleChoiceField):
    """The days a resource is open as seven checkboxes, Monday to Sunday, kept as the
    weekday numbers the directory stores ("01234", Monday 0), in week order."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:
        super().__init__(
            choices=[(str(n), name) for n, name in WEEKDAYS.items()], required=False, **kwargs
        )

    def prepare_value(self, value):
        return list(value) if isinstance(value, str) else value

    def clean(self, value) -> str:
        return "".join(sorted(set(super().clean(value))))


class ResourceForm(RecordForm):
    days = DaysField(label=_("Days open"))

    class Meta(RecordForm.Meta):
        model = Resource
        fields = [
            "agency", "name", "category", "description", "eligibility", "cost", "languages",
            "populations", "accessibility", "id_required", "accepts_trafficking_survivors",
            "accepts_substance_use", "how_to_refer", "phone", "open_24_7", "days", "opens_at",
            "closes_at", "last_verified", "active",
        ]  # fmt: skip
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}),
            "closes_at": forms.TimeInput(attrs={"type": "time"}),
        }

    rows = (
        ("agency", "category"),
        ("name", "how_to_refer"),
        "description",
        ("eligibility", "cost"),
        ("languages", "populations", "accessibility"),
        ("id_required", "accepts_trafficking_survivors", "accepts_substance_use"),
        ("phone", "open_24_7"),
        InlineCheckboxes("days"),
        ("opens_at", "closes_at"),
        ("last_verified", "active"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        offer_agencies(self)

    def clean_days(self) -> str:
        """The same days keep the stored text as it was (a directory imported "40" is
        not rewritten "04" by a save that changed nothing)."""
        days = self.cleaned_data["days"]
        stored = self.instance.days
        return stored if set(days) == set(stored) else days


def validate_document(upload) -> None:
    """Agreements are PDFs: checked by content, not by the name the browser sends."""
    if refused := too_large(upload):
        raise ValidationError(refused)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(gettext("Upload the agreement as a PDF file."))


class AgreementForm(RecordForm):
    provisions = checklist(Provision, _("Provisions"))

    class Meta(RecordForm.Meta):
        model = NetworkingAgreement
        fields = [
            "agency", "status", "our_liaison", "their_liaison", "provisions", "signed_on",
            "review_interval_months", "next_review", "document", "notes",
        ]  # fmt: skip

    rows = (
        ("agency", "status"),
        ("our_liaison", "their_liaison"),
        "provisions",
        ("signed_on", "review_interval_months", "next_review"),
        "document",
        "notes",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stored_document = self.instance.document.name  # "" for a new agreement

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            validate_document(upload)
        return upload

    def save(self, commit: bool = True) -> NetworkingAgreement:
        """A replaced or cleared document is deleted once the save is committed: an old
        copy left on disk under its uploaded name is one nobody knows to look after."""
        agreement = super().save(commit)
        old = self.stored_document
        if commit and old and old != agreement.document.name:
            storage = agreement.document.storage
            transaction.on_commit(lambda: storage.delete(old), robust=True)
        return agreement


class ReleaseForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = ReleaseOfInformation
        fields = ["agency", "purpose", "information", "form", "given_on", "expires_on"]

    rows = (("agency", "form"), "purpose", "information", ("given_on", "expires_on"))


class ReferralForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Referral
        fields = [
            "referred_on", "kind", "accompaniment_offered", "identifying_info_shared",
            "outcome", "outcome_reason", "follow_up_on", "service_codes",
        ]  # fmt: skip

    rows = (
        ("referred_on", "kind"),
        ("accompaniment_offered", "identifying_info_shared"),
        ("outcome", "outcome_reason"),
        ("follow_up_on",),
        "service_codes",
    )


class IncomingReferralForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = IncomingReferral
        fields = ["agency", "received_on", "notes"]

    rows = (("agency", "received_on"), "notes")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("The columns of the export."))


class HousingPlacementForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = HousingPlacement
        fields = ["kind", "agency", "date_in", "date_out", "ended", "notes", "service_codes"]

    rows = (("kind", "agency"), ("date_in", "date_out", "ended"), "notes", "service_codes")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        offer_agencies(self)
