"""Forms of the collaboration module."""

from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from collaboration.choices import Rating, SurveyService
from collaboration.models import (
    STATEMENTS,
    WHAT_HELPED_MAX,
    CaseConference,
    ConferenceAction,
    FeedbackResponse,
    first_of_month,
)
from crisis_center.models import User
from intake.forms import ModelMultipleChoiceField, RecordForm
from referrals.models import Agency

# Client feedback ---------------------------------------------------------------------

OFFERED = [(value, label) for value, label in Rating.choices if value != Rating.NOT_ANSWERED]


def _free_text(label: str) -> forms.CharField:
    """Optional and short; the browser is told not to remember it (kiosk tablets)."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=WHAT_HELPED_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text="Please don't write names.",
    )


class SurveyForm(forms.Form):
    """The service evaluation (ICASA: victim-centered, culturally competent). Every
    question may be skipped; the free text is optional and short."""

    services = forms.MultipleChoiceField(
        label="Which of our services did you use?",
        choices=SurveyService.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    what_helped = _free_text("What helped you most? (optional)")
    could_be_better = _free_text("What could we do better? (optional)")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for column, statement in STATEMENTS:
            self.fields[column] = forms.ChoiceField(
                label=statement, choices=OFFERED, required=False, widget=forms.RadioSelect
            )
        self.order_fields(["services", *[c for c, _ in STATEMENTS]])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the survey posts without (feedback_views.public_page)
        self.helper.layout = Layout(
            Field("services", wrapper_class="checkbox-columns"),
            Fieldset(
                "How much do you agree? Skip any question you like.",
                *[Field(c, wrapper_class="rating") for c, _ in STATEMENTS],
            ),
            "what_helped",
            "could_be_better",
        )

    def response(self) -> FeedbackResponse:
        data = self.cleaned_data
        answers = {c: data.get(c) or Rating.NOT_ANSWERED for c, _ in STATEMENTS}
        used = {f"used_{s}": s in data["services"] for s in SurveyService.values}
        return FeedbackResponse(
            **answers,
            **used,
            what_helped=data["what_helped"].strip(),
            could_be_better=data["could_be_better"].strip(),
        )


class KioskForm(forms.Form):
    label = forms.CharField(
        label="Where the tablet is", max_length=100, help_text="e.g. Waiting room tablet"
    )


class MonthField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m"]

    def to_python(self, value) -> date | None:
        day = super().to_python(value)
        if day and not 2000 <= day.year <= 2100:
            raise ValidationError("Choose a month between 2000 and 2100.")
        return day


class PeriodForm(forms.Form):
    """The results page's period (from and to month, both included). A bad value is a
    message on the page, never an error page."""

    start = MonthField(label="From month", required=False)
    end = MonthField(label="To month", required=False)

    def period(self) -> tuple[date, date]:
        today = timezone.localdate()
        end = first_of_month(today)
        start = date(end.year - 1, end.month, 1)
        if self.is_valid():
            start = self.cleaned_data["start"] or start
            end = self.cleaned_data["end"] or end
        return first_of_month(start), first_of_month(end)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError("The first month must come before the last.")
        return data


# Case conferences --------------------------------------------------------------------


class CaseConferenceForm(RecordForm):
    agencies = ModelMultipleChoiceField(
        queryset=Agency.objects.filter(active=True),
        label="Partner agencies present",
        help_text="Each needs a valid release of information from the client for that day.",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CaseConference
        fields = [
            "held_at", "format", "place", "agencies", "other_attendees", "identify_client",
            "presented_as", "presented_summary", "needs_discussed", "decisions",
        ]  # fmt: skip

    rows = (
        ("held_at", "format", "place"),
        "agencies",
        "other_attendees",
        ("identify_client", "presented_as"),
        "presented_summary",
        "needs_discussed",
        "decisions",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["agencies"] = [row.agency_id for row in self.instance.attending.all()]


class ConferenceActionForm(RecordForm):
    class Meta:
        model = ConferenceAction
        fields = ["description", "owner_agency", "owner_staff", "due_on"]

    rows = ("description", ("owner_agency", "owner_staff", "due_on"))

    def __init__(self, *args, agencies=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The owner is an agency at the table, or one of our staff who can hold a caseload.
        self.fields["owner_agency"].queryset = Agency.objects.filter(
            pk__in=[a.pk for a in agencies]
        )
        self.fields["owner_agency"].empty_label = "Our center"
        self.fields["owner_staff"].queryset = User.objects.care_candidates()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("owner_agency") and data.get("owner_staff"):
            raise ValidationError("Choose a partner agency or one of our staff, not both.")
        return data
