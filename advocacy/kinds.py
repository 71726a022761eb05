"""One description per advocacy record type, so one set of views serves them all."""

from dataclasses import dataclass

from django.db import models

from advocacy import forms
from advocacy.models import (
    Accompaniment,
    CounselingSession,
    GroupAttendance,
    LegalAdvocacy,
    MedicalAdvocacy,
    ServiceGoal,
)


@dataclass(frozen=True)
class Kind:
    slug: str  # URL names are f"{slug}_create", f"{slug}_detail", f"{slug}_edit"
    model: type[models.Model]
    form: type[forms.RecordForm]
    title: str
    date_field: str  # where the record sits on the client timeline
    counseling: bool = False  # logging needs counseling certification, not just 40 h
    editable: bool = True
    select_related: tuple[str, ...] = ()  # what its description needs, loaded in one go


KINDS = {
    kind.slug: kind
    for kind in (
        Kind(
            "medical", MedicalAdvocacy, forms.MedicalAdvocacyForm, "Medical advocacy", "occurred_at"
        ),
        Kind("legal", LegalAdvocacy, forms.LegalAdvocacyForm, "Legal advocacy", "occurred_at"),
        Kind(
            "counseling",
            CounselingSession,
            forms.CounselingSessionForm,
            "Counseling session",
            "occurred_at",
            counseling=True,
        ),
        Kind(
            "accompaniment",
            Accompaniment,
            forms.AccompanimentForm,
            "Accompaniment",
            "occurred_at",
        ),
        Kind("goal", ServiceGoal, forms.ServiceGoalForm, "Service goal", "created_at"),
        Kind(
            "attendance",
            GroupAttendance,
            forms.GroupAttendanceForm,
            "Group attendance",
            "created_at",
            editable=False,
            select_related=("session__group",),
        ),
    )
}
