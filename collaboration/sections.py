"""One description per kind of collaboration record, so one set of views serves them all
(the list page, and the page that adds or edits one), like the client record kinds of
crisis_center.records; these hold no client data, so they keep a registry of their own."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page
from django.db import models, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from collaboration import forms, services
from collaboration.assessment import QUESTIONS
from collaboration.models import (
    CrossTraining,
    Meeting,
    Membership,
    OutreachLog,
    PolicyChange,
    PreventionGroup,
    SelfAssessment,
    StrategicPlanItem,
)
from crisis_center.models import User
from crisis_center.records.services import save_as


@transaction.atomic
def save_form(form, by: User) -> models.Model:
    """Validate and save the form's record with `by` as its history user, then its
    many-to-many fields."""
    record = save_as(form.save(commit=False), by)
    form.save_m2m()
    return record


@transaction.atomic
def save_cross_training(form, by: User) -> models.Model:
    training = form.save(commit=False)
    services.cross_training_save(
        training=training, attended=form.cleaned_data["staff_attended"], by=by
    )
    form.save_m2m()
    return training


def _outreach_summary(request: HttpRequest, page: Page) -> dict:
    # ICASA Section 3 "Outreach Planning": people reached and materials, month by month.
    return {"months": list(OutreachLog.objects.monthly()[:12])}


def _prevention_summary(request: HttpRequest, page: Page) -> dict:
    totals = PreventionGroup.objects.aggregate(
        session_total=models.Count("sessions"),
        participant_total=Coalesce(Sum("sessions__participants"), 0),
    )
    return {"totals": totals}


def _assessment_rows(request: HttpRequest, page: Page) -> dict:
    """Questions as rows, years as columns (oldest on the left)."""
    years = sorted(page, key=lambda assessment: assessment.year)
    rows = [
        (section, number, text, [getattr(a, name) for a in years])
        for name, section, number, text in QUESTIONS
    ]
    return {"years": years, "rows": rows}


@dataclass(frozen=True)
class Section:
    slug: str  # URL names f"{slug}_list", f"{slug}_create", f"{slug}_edit"
    path: str  # under /collaboration/
    model: type[models.Model]
    form: type[forms.RecordForm]
    title: str
    plural: str
    columns: tuple[str, ...]  # shown on the list page; the first links to the record
    capability: str = "manage_collaboration"  # crisis_center/permissions.py
    detail: bool = False  # has a page of its own (f"{slug}_detail") holding sub-items
    select_related: tuple[str, ...] = ()
    annotate: Callable[[models.QuerySet], models.QuerySet] = lambda queryset: queryset
    save: Callable = save_form
    # Extra context for the list page, from the request and the page of records shown.
    summary: Callable[[HttpRequest, Page], dict] | None = None
    summary_template: str = ""
    list_template: str = "collaboration/list.html"
    page_size: int = 25
    by_author: bool = False  # the record keeps who logged it (created_by)

    def records(self) -> models.QuerySet:
        return self.annotate(self.model.objects.select_related(*self.select_related))


SECTIONS = {
    section.slug: section
    for section in (
        Section(
            "member",
            "members",
            Membership,
            forms.MembershipForm,
            _("Member agency"),
            _("Member agencies"),
            ("agency", "member_since", "left_on", "contact_person", "contact_details"),
            select_related=("agency",),
        ),
        Section(
            "meeting",
            "meetings",
            Meeting,
            forms.MeetingForm,
            _("Meeting"),
            _("Meetings"),
            ("date", "place"),
            detail=True,
        ),
        Section(
            "plan_item",
            "plan",
            StrategicPlanItem,
            forms.StrategicPlanItemForm,
            _("Strategic plan item"),
            _("Strategic plan"),
            ("change_needed", "agency", "due_by", "status"),
            select_related=("agency",),
        ),
        Section(
            "policy_change",
            "policy-changes",
            PolicyChange,
            forms.PolicyChangeForm,
            _("Policy change"),
            _("Policy changes"),
            ("changed_on", "agency", "description"),
            select_related=("agency",),
        ),
        Section(
            "cross_training",
            "cross-training",
            CrossTraining,
            forms.CrossTrainingForm,
            _("Cross-training"),
            _("Cross-training"),
            ("date", "topic", "hours", "presenter", "outside_attendees", "counts_toward"),
            select_related=("presenter",),
            save=save_cross_training,
        ),
        Section(
            "outreach",
            "outreach",
            OutreachLog,
            forms.OutreachLogForm,
            _("Outreach"),
            _("Outreach log"),
            ("date", "location_type", "location_note", "people_reached", "hotline_cards"),
            capability="run_outreach",
            summary=_outreach_summary,
            summary_template="collaboration/outreach_summary.html",
            by_author=True,
        ),
        Section(
            "assessment",
            "self-assessment",
            SelfAssessment,
            forms.SelfAssessmentForm,
            _("Agency self-assessment"),
            _("Agency self-assessment"),
            ("year",),
            summary=_assessment_rows,
            list_template="collaboration/assessment_list.html",
            page_size=5,
        ),
        Section(
            "prevention",
            "prevention",
            PreventionGroup,
            forms.PreventionGroupForm,
            _("Prevention group"),
            _("Prevention groups"),
            ("name", "venue", "partner_agency", "session_count", "participant_total"),
            detail=True,
            select_related=("partner_agency",),
            annotate=lambda queryset: queryset.with_totals(),
            summary=_prevention_summary,
            summary_template="collaboration/prevention_summary.html",
        ),
    )
}
