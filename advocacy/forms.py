"""Forms of the advocacy records. Each renders through crispy with its own layout."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advocacy.choices import MedicalContact
from advocacy.models import (
    Accompaniment,
    Appointment,
    CounselingSession,
    GroupAttendance,
    GroupSession,
    LegalAdvocacy,
    MedicalAdvocacy,
    ServiceGoal,
    SupportGroup,
)
from crisis_center.models import User
from crisis_center.records.forms import RecordForm, checklist, offer_givers
from intake.models import CareTeamMember, Incident


class MedicalAdvocacyForm(RecordForm):
    contacted = checklist(MedicalContact, _("Who was contacted"))

    class Meta(RecordForm.Meta):
        model = MedicalAdvocacy
        fields = [
            "occurred_at", "duration_minutes", "given_by", "facility", "facility_name", "mode",
            "contacted", "evidence_kit",
            "injury_assessment", "sti_testing", "pregnancy_care", "substance_use_support",
            "stayed_for_exam", "barriers", "follow_up_by", "notes", "service_codes",
        ]  # fmt: skip

    rows = (
        ("occurred_at", "duration_minutes", "given_by"),
        ("mode", "facility", "facility_name"),
        "contacted",
        ("evidence_kit", "stayed_for_exam"),
        ("injury_assessment", "sti_testing"),
        ("pregnancy_care", "substance_use_support"),
        "barriers",
        ("follow_up_by",),
        "notes",
        "service_codes",
    )


class LegalAdvocacyForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = LegalAdvocacy
        fields = [
            "occurred_at", "duration_minutes", "given_by", "system", "incident", "matter",
            "charge_outcome", "certification_requested", "court_date", "advocate_present",
            "outcome", "notes", "service_codes",
        ]  # fmt: skip
        help_texts = {"incident": _("Optional: one of this client's incidents.")}

    rows = (
        ("occurred_at", "duration_minutes", "given_by"),
        ("system", "incident"),
        ("matter", "charge_outcome"),
        ("court_date", "certification_requested", "advocate_present"),
        "outcome",
        "notes",
        "service_codes",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # This client's incidents only: another client's is an invalid choice.
        field = self.fields["incident"]
        field.queryset = Incident.objects.filter(client_id=self.instance.client_id)
        field.error_messages["invalid_choice"] = gettext("Choose one of this client's incidents.")


class CounselingSessionForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = CounselingSession
        fields = [
            "occurred_at", "duration_minutes", "given_by", "modality", "notes", "service_codes",
        ]  # fmt: skip

    rows = (
        ("occurred_at", "duration_minutes", "given_by"),
        ("modality",),
        "notes",
        "service_codes",
    )


class AccompanimentForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Accompaniment
        fields = [
            "occurred_at", "duration_minutes", "given_by", "agency", "purpose", "outcome",
            "notes", "service_codes",
        ]  # fmt: skip

    rows = (
        ("occurred_at", "duration_minutes", "given_by"),
        "agency",
        "purpose",
        "outcome",
        "notes",
        "service_codes",
    )


class ServiceGoalForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = ServiceGoal
        fields = ["goal", "status", "target_date", "notes"]

    rows = ("goal", ("status", "target_date"), "notes")


class GroupAttendanceForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = GroupAttendance
        fields = ["session"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Sessions of active groups in the last 90 days and the next 7: a short list.
        now = timezone.now()
        self.fields["session"].queryset = GroupSession.objects.filter(
            group__active=True,
            occurred_at__gte=now - timedelta(days=90),
            occurred_at__lte=now + timedelta(days=7),
        ).select_related("group")


class SupportGroupForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = SupportGroup
        fields = ["name", "topic", "active"]


class GroupSessionForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = GroupSession
        fields = ["occurred_at", "duration_minutes", "facilitators", "topic"]

    rows = (("occurred_at", "duration_minutes"), "facilitators", "topic")

    def __init__(self, *args, by, **kwargs) -> None:
        """`by`: the person adding the session, its facilitator unless they choose."""
        super().__init__(*args, **kwargs)
        offer_givers(self, "facilitators", author_id=by.pk)
        self.fields["facilitators"].help_text = gettext("Each gives the whole session.")


class AppointmentForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Appointment
        fields = ["kind", "starts_at", "ends_at", "place", "staff", "status", "purpose"]
        help_texts = {
            "starts_at": _("In the center's time zone."),
            "ends_at": _("Optional; the same day."),
            "purpose": _("A few words. Never an address."),
        }

    rows = (("kind", "status"), ("starts_at", "ends_at"), ("place", "staff"), "purpose")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Who goes: a member of the client's care team (ICASA: minimize the staff in
        # contact with the victim); one who has left it stays on the appointment they
        # had. Anyone else's id is an invalid choice.
        instance = self.instance
        team = CareTeamMember.objects.filter(
            client_id=instance.client_id, ended_at__isnull=True
        ).values("staff_id")
        field = self.fields["staff"]
        field.queryset = User.objects.filter(Q(pk__in=team) | Q(pk=instance.staff_id))
        field.error_messages["invalid_choice"] = gettext(
            "Choose a member of this client's care team."
        )
        if not instance.pk and instance.staff_id is None:
            self.initial["staff"] = instance.created_by_id  # the one booking, if on the team
