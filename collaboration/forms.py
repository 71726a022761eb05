"""Forms of the collaboration module: one per model, all on intake's RecordForm base."""

from datetime import date

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from collaboration.assessment import QUESTIONS
from collaboration.choices import PreventionTopic, Rating, SurveyService
from collaboration.models import (
    NO_NAMES,
    STATEMENTS,
    WHAT_HELPED_MAX,
    ActionItem,
    AgendaItem,
    CaseConference,
    Charter,
    ConferenceAction,
    CrossTraining,
    FeedbackResponse,
    Meeting,
    Membership,
    OutreachLog,
    PolicyChange,
    PreventionGroup,
    PreventionSession,
    SelfAssessment,
    StrategicPlanItem,
    first_of_month,
)
from crisis_center.forms import AsTyped
from crisis_center.languages import client_languages, default_language
from crisis_center.local_choices import ListName, LocalChoiceField
from crisis_center.models import User
from crisis_center.records.forms import (
    ModelMultipleChoiceField,
    RecordForm,
    checklist,
    offer_active_and_kept,
)
from referrals.models import Agency


class _AgencyChoices:
    """A relation to one agency offers the active ones (and the one already chosen);
    a relation to many is a list of checkboxes."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if getattr(field, "queryset", None) is None or field.queryset.model is not Agency:
                continue
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
            else:
                chosen = getattr(self.instance, f"{name}_id", None)
                field.queryset = Agency.objects.filter(Q(active=True) | Q(pk=chosen))


class MembershipForm(_AgencyChoices, RecordForm):
    class Meta(RecordForm.Meta):
        model = Membership
        fields = ["agency", "member_since", "left_on", "contact_person", "contact_details", "notes"]

    rows = (("agency", "member_since", "left_on"), ("contact_person", "contact_details"), "notes")


class CharterForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Charter
        fields = [
            "vision", "mission", "guiding_values", "partner_strengths", "leader",
            "meeting_place_and_time", "record_keeper", "decision_process", "decision_notes",
        ]  # fmt: skip

    rows = (
        ("vision", "mission"),
        ("guiding_values", "partner_strengths"),
        ("leader", "meeting_place_and_time"),
        ("record_keeper", "decision_process", "decision_notes"),
    )


class MeetingForm(_AgencyChoices, RecordForm):
    class Meta(RecordForm.Meta):
        model = Meeting
        fields = ["date", "place", "attending_agencies", "attendees", "minutes", "decisions"]

    rows = (("date", "place"), "attending_agencies", "attendees", "minutes", "decisions")


class AgendaItemForm(RecordForm):
    parent = "meeting"  # added from the meeting's page
    prefix = "agenda"  # two forms on that page: ids must not clash

    class Meta(RecordForm.Meta):
        model = AgendaItem
        fields = ["topic", "description"]

    rows = (("topic", "description"),)


class ActionItemForm(_AgencyChoices, RecordForm):
    parent = "meeting"
    prefix = "action"

    class Meta(RecordForm.Meta):
        model = ActionItem
        fields = ["description", "owner", "owner_agency", "due_on", "done_on"]

    rows = ("description", ("owner", "owner_agency"), ("due_on", "done_on"))


class StrategicPlanItemForm(_AgencyChoices, RecordForm):
    class Meta(RecordForm.Meta):
        model = StrategicPlanItem
        fields = [
            "change_needed", "agency", "due_by", "resources_needed", "success_measure", "status",
        ]  # fmt: skip

    rows = (
        "change_needed",
        ("agency", "due_by", "status"),
        ("resources_needed", "success_measure"),
    )


class PolicyChangeForm(_AgencyChoices, RecordForm):
    class Meta(RecordForm.Meta):
        model = PolicyChange
        fields = ["changed_on", "agency", "description"]

    rows = (("changed_on", "agency"), "description")


class CrossTrainingForm(_AgencyChoices, RecordForm):
    staff_attended = ModelMultipleChoiceField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Our staff who attended"),
        help_text=_("Each gets a training record with the session's date and hours."),
    )

    class Meta(RecordForm.Meta):
        model = CrossTraining
        fields = [
            "topic", "topic_other", "date", "hours", "presenter", "attending_agencies",
            "outside_attendees", "counts_toward",
        ]  # fmt: skip
        widgets = {"hours": forms.NumberInput(attrs={"step": "0.5", "min": "0.5"})}

    rows = (
        ("topic", "topic_other"),
        ("date", "hours", "presenter"),
        "attending_agencies",
        ("outside_attendees", "counts_toward"),
        "staff_attended",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        attended = [a.staff_id for a in self.instance.attendance.all()] if self.instance.pk else []
        if attended:
            self.initial["staff_attended"] = attended
        # Someone who has left keeps the hours of a session they attended.
        offer_active_and_kept(
            self.fields["staff_attended"], User.objects.all(), flag="is_active", kept=attended
        )

    def clean(self) -> dict:
        data = super().clean()
        day = data.get("date")
        if data.get("staff_attended") and day and day > timezone.localdate():
            self.add_error(
                "staff_attended", gettext("Record who attended once the session has taken place.")
            )
        return data


class OutreachLogForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = OutreachLog
        fields = [
            "date", "location_type", "location_note", "people_reached", "hotline_cards",
            "hygiene_kits", "snacks", "condoms", "other_materials", "other_materials_what",
            "follow_ups",
        ]  # fmt: skip
        help_texts = {
            "location_note": format_lazy("{} {}", _("The kind of place or area."), NO_NAMES)
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The program model's places, then the center's own (crisis_center.local_choices).
        self.fields["location_type"] = LocalChoiceField(
            ListName.OUTREACH_PLACES, kept=self.instance.location_type, label=_("Where")
        )

    rows = (
        ("date", "location_type", "location_note"),
        ("people_reached", "hotline_cards", "hygiene_kits", "snacks", "condoms"),
        ("other_materials", "other_materials_what"),
        "follow_ups",
    )


class SelfAssessmentForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = SelfAssessment
        fields = ["year", *(name for name, *_ in QUESTIONS)]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, section, number, text in QUESTIONS:
            self.fields[name].label = f"{section} {number}. {text}"

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year + 1:
            raise ValidationError(gettext("Answer for this year or a past one."))
        return year


class PreventionGroupForm(_AgencyChoices, RecordForm):
    topics = checklist(PreventionTopic, _("Topics"))

    class Meta(RecordForm.Meta):
        model = PreventionGroup
        fields = ["name", "topics", "curriculum", "venue", "partner_agency"]

    rows = (("name", "venue", "partner_agency"), "topics", "curriculum")


class PreventionSessionForm(RecordForm):
    parent = "group"

    class Meta(RecordForm.Meta):
        model = PreventionSession
        fields = ["date", "participants"]
        help_texts = {"participants": _("How many came; never who.")}

    rows = (("date", "participants"),)


# Client feedback ---------------------------------------------------------------------

OFFERED = [(value, label) for value, label in Rating.choices if value != Rating.NOT_ANSWERED]


def _free_text(label) -> forms.CharField:
    """Optional and short; the browser is told not to remember it (kiosk tablets)."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=WHAT_HELPED_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_("Please don't write names."),
    )


class SurveyForm(AsTyped, forms.Form):
    """The service evaluation (ICASA: victim-centered, culturally competent). Every
    question may be skipped; the free text is optional and short."""

    services = forms.MultipleChoiceField(
        label=_("Which of our services did you use?"),
        choices=SurveyService.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    what_helped = _free_text(_("What helped you most? (optional)"))
    could_be_better = _free_text(_("What could we do better? (optional)"))

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
                _("How much do you agree? Skip any question you like."),
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


class FeedbackLinkForm(AsTyped, forms.Form):
    """The language a new link opens the survey in; each named in the staff's language."""

    language = forms.ChoiceField(
        label=_("The survey opens in"),
        choices=[(code, _(name)) for code, name in client_languages()],
        initial=default_language,
        widget=forms.RadioSelect,
        help_text=_("The client can switch language on the survey itself."),
    )


class KioskForm(AsTyped, forms.Form):
    label = forms.CharField(
        label=_("Where the tablet is"), max_length=100, help_text=_("e.g. Waiting room tablet")
    )


class MonthField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m"]

    def to_python(self, value) -> date | None:
        day = super().to_python(value)
        if day and not 2000 <= day.year <= 2100:
            raise ValidationError(gettext("Choose a month between 2000 and 2100."))
        return day


class PeriodForm(forms.Form):
    """The results page's period (from and to month, both included). A bad value is a
    message on the page, never an error page."""

    start = MonthField(label=_("From month"), required=False)
    end = MonthField(label=_("To month"), required=False)

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
            raise ValidationError(gettext("The first month must come before the last."))
        return data


# Case conferences --------------------------------------------------------------------


class CaseConferenceForm(RecordForm):
    agencies = ModelMultipleChoiceField(
        queryset=Agency.objects.filter(active=True),
        label=_("Partner agencies present"),
        help_text=_("Each needs a valid release of information from the client for that day."),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(RecordForm.Meta):
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
        present = []
        if self.instance.pk:
            present = [row.agency_id for row in self.instance.attending.all()]
            self.initial["agencies"] = present
        offer_active_and_kept(
            self.fields["agencies"], Agency.objects.all(), flag="active", kept=present
        )


class ConferenceActionForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = ConferenceAction
        fields = ["description", "owner_agency", "owner_staff", "due_on"]

    rows = ("description", ("owner_agency", "owner_staff", "due_on"))

    def __init__(self, *args, agencies=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The owner is an agency at the table, or one of our staff who can hold a caseload.
        self.fields["owner_agency"].queryset = Agency.objects.filter(
            pk__in=[a.pk for a in agencies]
        )
        self.fields["owner_agency"].empty_label = gettext("Our center")
        self.fields["owner_staff"].queryset = User.objects.care_candidates()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("owner_agency") and data.get("owner_staff"):
            raise ValidationError(gettext("Choose a partner agency or one of our staff, not both."))
        return data
