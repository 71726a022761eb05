"""Forms of the collaboration module: one per model, all on intake's RecordForm base."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from collaboration.assessment import QUESTIONS
from collaboration.choices import PreventionTopic
from collaboration.models import (
    NO_NAMES,
    ActionItem,
    AgendaItem,
    Charter,
    CrossTraining,
    Meeting,
    Membership,
    OutreachLog,
    PolicyChange,
    PreventionGroup,
    PreventionSession,
    SelfAssessment,
    StrategicPlanItem,
)
from crisis_center.models import User
from intake.forms import ModelMultipleChoiceField, RecordForm, checklist
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
        label="Our staff who attended",
        help_text="Each gets a training record with the session's date and hours.",
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
        if self.instance.pk:
            self.initial["staff_attended"] = [a.staff_id for a in self.instance.attendance.all()]

    def clean(self) -> dict:
        data = super().clean()
        day = data.get("date")
        if data.get("staff_attended") and day and day > timezone.localdate():
            self.add_error(
                "staff_attended", "Record who attended once the session has taken place."
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
        help_texts = {"location_note": f"The kind of place or area. {NO_NAMES}"}

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
            raise ValidationError("Answer for this year or a past one.")
        return year


class PreventionGroupForm(_AgencyChoices, RecordForm):
    topics = checklist(PreventionTopic, "Topics")

    class Meta(RecordForm.Meta):
        model = PreventionGroup
        fields = ["name", "topics", "curriculum", "venue", "partner_agency"]

    rows = (("name", "venue", "partner_agency"), "topics", "curriculum")


class PreventionSessionForm(RecordForm):
    parent = "group"

    class Meta(RecordForm.Meta):
        model = PreventionSession
        fields = ["date", "participants"]
        help_texts = {"participants": "How many came; never who."}

    rows = (("date", "participants"),)
