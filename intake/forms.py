"""Forms of the client record."""

from collections.abc import Callable

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Field, Fieldset, Layout, Row, Submit
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisis_center.form_tokens import OneTimeToken
from crisis_center.forms import AsTyped, layout_of
from crisis_center.local_choices import ListName, LocalMultipleChoiceField
from crisis_center.models import User
from crisis_center.records.forms import (
    LocalDateTimeInput,
    ModelChoiceField,
    ModelMultipleChoiceField,
    RecordForm,
    SavedSinceLoaded,
    ask_duration,
    checklist,
    offer_active_and_kept,
    offer_givers,
    service_codes_field,
    service_codes_layout,
)
from intake import services
from intake.choices import (
    ClassificationKind,
    ClientStatus,
    ContactService,
    ControlTechnique,
    DependentNeed,
    Indicator,
    ServiceCode,
)
from intake.models import (
    CareTeamMember,
    Classification,
    Client,
    CrisisContact,
    Dependent,
    Incident,
    IncidentOffender,
    PurgeRecord,
    SafetyPlan,
    Screening,
)
from intake.screening import QUESTIONS


class ClassificationField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, kind: ClassificationKind, **kwargs) -> None:
        super().__init__(
            queryset=Classification.objects.filter(kind=kind, active=True),
            required=False,
            **kwargs,
        )
        self.kind = kind


class ClientForm(SavedSinceLoaded):
    victimization_types = ClassificationField(ClassificationKind.VICTIMIZATION)
    special_classifications = ClassificationField(ClassificationKind.SPECIAL)
    race_ethnicity = ClassificationField(
        ClassificationKind.RACE,
        label=_("Race/ethnicity"),
        help_text=_("Check every one the client names."),
    )

    class Meta:
        model = Client
        fields = [
            "pseudonym",
            "pronouns",
            "legal_name",
            "status",
            "phone",
            "email",
            "mailing_address",
            "safe_to_call",
            "safe_to_text",
            "safe_to_voicemail",
            "safe_to_mail",
            "safe_times",
            "code_word",
            "languages",
            "interpreter_needed",
            "date_of_birth",
            "age_range",
            "gender",
            "gender_in_own_words",
            "victimization_other",
            "special_classification_other",
            "referral_source",
            "referral_source_detail",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}),
            "mailing_address": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "legal_name": _("Optional. Never required for services."),
            "date_of_birth": _("Optional. An age range is enough."),
        }

    # The multi-select fields and the explanation each one's "Other" asks for.
    classification_fields = {
        "victimization_types": "victimization_other",
        "special_classifications": "special_classification_other",
        "race_ethnicity": None,
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A file is closed with a reason and an aftercare plan, and reopened with a
        # reason (intake/closing.py): not by changing its status here.
        closed = self.instance.status == ClientStatus.CLOSED
        status = self.fields["status"]
        status.choices = [c for c in status.choices if (c[0] == ClientStatus.CLOSED) == closed]
        status.help_text = f"{'Reopen' if closed else 'Close'} the file from the client page."
        has = list(self.instance.classifications.all()) if self.instance.pk else []
        chosen = {c.pk for c in has}
        # A list the center does not collect (race) keeps what the client has.
        self.kept = has
        for name in self.classification_fields:
            if name not in self.fields:
                continue
            field = self.fields[name]
            self.kept = [c for c in self.kept if c.kind != field.kind]
            offer_active_and_kept(
                field, Classification.objects.filter(kind=field.kind), flag="active", kept=chosen
            )
            if chosen:
                self.initial[name] = list(chosen)
        self.helper = FormHelper()
        self.helper.render_hidden_fields = True
        self.helper.attrs = {"data-record-form": ""}  # Enter does not save (forms.js)
        if self.instance.pk is None:
            self.helper.attrs["data-focus-first"] = ""  # opens in its first field (forms.js)
        self.helper.layout = layout_of(
            self,
            Fieldset(
                gettext("Who"),
                Row(Column("pseudonym"), Column("pronouns")),
                Row(Column("legal_name"), Column("status")),
            ),
            Fieldset(
                gettext("Safe contact"),
                Row(
                    Column("safe_to_call", css_class="col-6 col-md-3"),
                    Column("safe_to_text", css_class="col-6 col-md-3"),
                    Column("safe_to_voicemail", css_class="col-6 col-md-3"),
                    Column("safe_to_mail", css_class="col-6 col-md-3"),
                ),
                Row(Column("safe_times"), Column("code_word")),
                Row(Column("phone"), Column("email")),
                "mailing_address",
            ),
            Fieldset(gettext("Language"), Row(Column("languages"), Column("interpreter_needed"))),
            Fieldset(
                gettext("Victimization"),
                Field("victimization_types", wrapper_class="checkbox-columns"),
                "victimization_other",
                Field("special_classifications", wrapper_class="checkbox-columns"),
                "special_classification_other",
            ),
            Fieldset(
                gettext("Demographics"),
                Row(Column("date_of_birth"), Column("age_range")),
                Row(Column("gender"), Column("gender_in_own_words")),
                Field("race_ethnicity", wrapper_class="checkbox-columns"),
                Row(Column("referral_source"), Column("referral_source_detail")),
            ),
            Submit("save", "Save client"),
        )

    def clean(self) -> dict:
        data = super().clean()
        for name, explanation in self.classification_fields.items():
            chosen = data.get(name) or []
            if any(c.is_non_answer for c in chosen) and len(chosen) > 1:
                self.add_error(
                    name,
                    gettext("“Declined” or “Not asked” can't be checked together with an answer."),
                )
            needs_explanation = explanation and any(c.needs_explanation for c in chosen)
            if needs_explanation and not data.get(explanation, "").strip():
                self.add_error(explanation, gettext("Say what “Other” means here."))
        return data

    def chosen_classifications(self) -> list[Classification]:
        """The classifications asked on the form, and those of a list the form no
        longer asks (not collected), as they were."""
        asked = [n for n in self.classification_fields if n in self.fields]
        return [*self.kept, *(c for name in asked for c in self.cleaned_data[name])]


CARE_TEAM_HELP = _(
    "Only active staff with 40 hours of crisis intervention training on record can join "
    "a care team, so only they are listed."
)
NOT_A_CANDIDATE = _(
    "Choose someone from the list: only active staff with 40 hours of crisis intervention "
    "training on record can join a care team."
)


class CareTeamAddForm(OneTimeToken, AsTyped, forms.ModelForm):
    """Who joins a client's care team. Only staff who may join now are offered
    (StaffQuerySet.care_team_candidates: the training gate, DESIGN.md rule 3); any
    other id, a trainee's sent by hand say, is refused as not a choice and nothing is
    saved. The model's clean says why again for anyone refused between page and post.
    A one-time token: sent twice, it saves once."""

    class Meta:
        model = CareTeamMember
        fields = ["staff"]
        field_classes = {"staff": ModelChoiceField}
        labels = {"staff": _("Add a staff member")}
        help_texts = {"staff": CARE_TEAM_HELP}
        error_messages = {"staff": {"invalid_choice": NOT_A_CANDIDATE}}

    def __init__(self, *args, exclude_ids: set[int] = frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["staff"]
        field.queryset = User.objects.care_team_candidates().exclude(pk__in=exclude_ids)
        field.label_from_instance = self._label

    @staticmethod
    def _label(user: User) -> str:
        return f"{user} · {user.get_role_display()}"


class CareTeamReassignForm(CareTeamAddForm):
    """One step: `member` leaves the care team and the staff member chosen joins it in
    their place, once the box that says so is ticked (without it nothing is saved)."""

    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box to confirm the reassignment.")},
    )

    class Meta(CareTeamAddForm.Meta):
        labels = {"staff": _("Reassign to")}

    def __init__(self, *args, member: CareTeamMember, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = _(
            "%(staff)s leaves the care team and no longer sees this file; the staff member "
            "chosen above joins it and sees the whole file."
        ) % {"staff": member.staff}


WHEN_AND_WHO = "intake/includes/contact_when.html"


class Fold(Div):
    """Fields folded under a <details> summary; its template gets the form too, to say
    what the folded fields hold and to open itself when one of them needs a change."""

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs) -> str:
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return render_to_string(self.template, {"form": form, "fields": fields})


class CrisisContactForm(SavedSinceLoaded):
    """One screen, keyboard first: everything optional but the channel and the time."""

    needs = forms.MultipleChoiceField()  # the center's list: __init__
    services = checklist(ContactService, _("Services given"))
    service_codes = service_codes_field(ServiceCode)

    class Meta:
        model = CrisisContact
        # In the order of the form (the error summary lists them so).
        fields = [
            "channel",
            "caller_relation",
            "needs",
            "services",
            "note",
            "duration_minutes",
            "language",
            "interpreter_used",
            "started_at",
            "given_by",
            "service_codes",
        ]
        widgets = {
            "started_at": LocalDateTimeInput(),
            "note": forms.Textarea(attrs={"rows": 5}),
        }
        field_classes = {"given_by": ModelChoiceField}  # refuses impossible ids

    # Left empty, these take the model's default: the form saves with almost nothing.
    defaulted = ("channel", "caller_relation")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.defaulted = [name for name in self.defaulted if name in self.fields]
        for name in self.defaulted:
            self.fields[name].required = False
        if "needs" in self.fields:  # not when the center does not collect it (AsTyped)
            self.fields["needs"] = LocalMultipleChoiceField(
                ListName.NEEDS, kept=self.instance.needs, required=False, label=_("Needs raised")
            )
        ask_duration(self)
        offer_givers(self, "given_by", author_id=self.instance.advocate_id)
        self.helper = FormHelper()
        self.helper.render_hidden_fields = True
        self.helper.form_tag = False
        # Keyboard first: what the call was about comes first, then what a call
        # mostly keeps as it is. The start (now, from when the form was opened) and who
        # took the call (the one logging it) are folded away: one Tab stop to go past.
        self.helper.layout = Layout(
            Row(Column("channel"), Column("caller_relation")),
            Row(
                Column(Field("needs", wrapper_class="checkbox-columns")),
                Column(Field("services")),
            ),
            "note",
            Row(Column("duration_minutes"), Column("language"), Column("interpreter_used")),
            Fold(Row(Column("started_at"), Column("given_by")), template=WHEN_AND_WHO),
            *service_codes_layout(),
        )

    def clean(self) -> dict:
        data = super().clean()
        for name in self.defaulted:
            if not data.get(name) and name not in self.errors:
                data[name] = CrisisContact._meta.get_field(name).default
        return data


class CurrentLinkForm(AsTyped, forms.Form):
    """The client a contact was linked to when the confirmation page was shown (empty:
    anonymous), so that a confirmation never acts on a link someone changed since."""

    current = forms.IntegerField(
        required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput
    )

    def __init__(self, *args, contact: CrisisContact, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.contact = contact
        self.initial.setdefault("current", contact.client_id)

    def still_current(self) -> bool:
        return self.cleaned_data.get("current") == self.contact.client_id


class LinkContactForm(CurrentLinkForm):
    """Step one of linking (or moving) a contact: the client's number. The page then
    shows the client's pseudonym; only its Confirm button links."""

    client = ModelChoiceField(
        queryset=Client.objects.none(),
        widget=forms.NumberInput(attrs={"min": 1}),
        label=_("Client number"),
        help_text=_("The number shown on the client's page."),
        error_messages={
            # The same words whether the client does not exist or is not yours to see.
            "invalid_choice": _("No client you can see has that number."),
            "required": _("Enter the client's number."),
        },
    )

    def __init__(self, *args, user: User, confirming: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.visible_to(user)
        self.confirming = confirming

    def clean_client(self) -> Client:
        client = self.cleaned_data["client"]
        # A confirmation sent again (a double click, a resend after a lost answer) finds
        # its work done: the view says so. Asking to link where it is linked is an error.
        if client.pk == self.contact.client_id and not self.confirming:
            raise ValidationError(gettext("This contact is already linked to that client."))
        return client


class IntakeFromContactForm(AsTyped, forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonym or first name"), max_length=100, help_text=_("An alias is fine.")
    )


# The screening's answers a conversation may leave open: none required, nothing chosen
# is the model's default ("not asked", "unknown", "not recorded").
SKIPPABLE = (
    "privacy_ensured",
    "controlling_person_present",
    *[q.field for q in QUESTIONS if not q.free_text],
    "determination",
)


class ScreeningForm(OneTimeToken, AsTyped, forms.ModelForm):
    """The ICASA questions as radio groups: a click per answer, or arrow keys within a
    group (Tab goes from question to note to question). Survivor-led: no question is
    required; a question left unanswered is "not asked", the option checked when the form
    opens."""

    indicators = checklist(Indicator, _("Indicators observed"))
    control_techniques = checklist(ControlTechnique, _("Control techniques disclosed or observed"))

    class Meta:
        model = Screening
        fields = [
            "screened_at",
            "setting",
            "privacy_ensured",
            "controlling_person_present",
            *[name for q in QUESTIONS for name in (q.field, f"{q.field}_note")],
            "indicators",
            "control_techniques",
            "determination",
            "determination_reason",
        ]
        fields.remove("q5_note")
        fields.remove("q6_note")
        widgets = {
            "screened_at": LocalDateTimeInput(),
            "q5": forms.Textarea(attrs={"rows": 2}),
            "q6": forms.Textarea(attrs={"rows": 2}),
            "determination_reason": forms.Textarea(attrs={"rows": 2}),
            **{
                f"{q.field}_note": forms.Textarea(attrs={"rows": 1})
                for q in QUESTIONS
                if not q.free_text
            },
            **dict.fromkeys(("setting", *SKIPPABLE), forms.RadioSelect),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in SKIPPABLE:
            field = self.fields[name]
            field.required = False
            field.empty_value = Screening._meta.get_field(name).get_default()
        for q in QUESTIONS:
            self.fields[q.field].label = f"{q.number}. {q.text}"
            if not q.free_text:
                self.fields[f"{q.field}_note"].label = gettext("Note on question %(number)s") % {
                    "number": q.number
                }
        self.helper = FormHelper()
        self.helper.render_hidden_fields = True
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                gettext("Setting"),
                Row(
                    Column("screened_at", css_class="col-md-3"),
                    Column(InlineRadios("setting"), css_class="col-md-9"),
                ),
                Row(
                    Column(InlineRadios("privacy_ensured"), css_class="col-md-6"),
                    Column(InlineRadios("controlling_person_present"), css_class="col-md-6"),
                ),
            ),
            Fieldset(
                gettext("Questions (survivor-led: skip any, come back later)"),
                *[
                    q.field
                    if q.free_text
                    else Row(
                        Column(InlineRadios(q.field), css_class="col-lg-7"),
                        Column(f"{q.field}_note", css_class="col-lg-5"),
                    )
                    for q in QUESTIONS
                ],
            ),
            Fieldset(
                gettext("Observed"),
                Field("indicators", wrapper_class="checkbox-columns"),
                Field("control_techniques", wrapper_class="checkbox-columns"),
            ),
            Fieldset(
                gettext("Staff determination"),
                Row(
                    Column(InlineRadios("determination"), css_class="col-md-6"),
                    Column("determination_reason", css_class="col-md-6"),
                ),
            ),
        )


class SafetyPlanForm(SavedSinceLoaded):
    immediate_needs = forms.MultipleChoiceField()  # the center's list: __init__

    class Meta:
        model = SafetyPlan
        fields = ["plan_date", "immediate_needs", "safe_places", "safe_people", "steps"]
        widgets = {
            "plan_date": forms.DateInput(attrs={"type": "date"}),
            "safe_places": forms.Textarea(attrs={"rows": 3}),
            "safe_people": forms.Textarea(attrs={"rows": 3}),
            "steps": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["immediate_needs"] = LocalMultipleChoiceField(
            ListName.NEEDS,
            kept=self.instance.immediate_needs,
            required=False,
            label=_("Immediate needs"),
        )
        self.helper = FormHelper()
        self.helper.render_hidden_fields = True
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("plan_date", css_class="col-md-4")),
            Field("immediate_needs", wrapper_class="checkbox-columns"),
            "safe_places",
            "safe_people",
            "steps",
        )


class IncidentOffenderForm(AsTyped, forms.ModelForm):
    """One offender row of the incident form. A row left as it was shown is no offender."""

    class Meta:
        model = IncidentOffender
        fields = ["relationship", "gender", "age"]
        error_messages = {
            "relationship": {
                "required": _(
                    "Choose how this person is related to the client, or leave the row as it was."
                )
            }
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select"


class _RecordedRow(forms.ModelChoiceField):
    """A row's id among the incident's offenders, which the formset reads once: Django's
    own field reads each row again, a query per offender on every save."""

    def __init__(self, rows: Callable[[], dict[str, IncidentOffender]], **kwargs) -> None:
        super().__init__(queryset=IncidentOffender.objects.none(), **kwargs)
        self.rows = rows

    def to_python(self, value) -> IncidentOffender | None:
        if value in self.empty_values:
            return None
        try:
            return self.rows()[str(value)]
        except KeyError:  # another incident's offender, or no offender at all
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class _OffenderRows(forms.BaseInlineFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        pk = self._pk_field.name
        form.fields[pk] = _RecordedRow(
            self._recorded,
            initial=form.fields[pk].initial,
            required=False,
            widget=forms.HiddenInput,
        )

    def _recorded(self) -> dict[str, IncidentOffender]:
        if not hasattr(self, "_rows"):
            self._rows = {str(row.pk): row for row in self.get_queryset()}
        return self._rows


# Three empty rows to fill; an edit shows the offenders recorded and three more. A new
# row left as shown (no relationship chosen, the rest "Not known") is ignored.
OffenderFormSet = forms.inlineformset_factory(
    Incident,
    IncidentOffender,
    form=IncidentOffenderForm,
    formset=_OffenderRows,
    extra=3,
    max_num=20,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)

OFFENDERS_WRONG = _("Check the offenders: a row below needs a change.")


class IncidentForm(RecordForm):
    """An incident and its offenders on one form, saved together (save_incident)."""

    victimization_types = ClassificationField(
        ClassificationKind.VICTIMIZATION,
        label=_("Victimization types (the funder's list)"),
        help_text=_(
            "Saving adds the ones the client does not have yet to the client's "
            "victimization types. Unticking one here leaves it on the client: change the "
            "client's own form for that."
        ),
    )

    class Meta(RecordForm.Meta):
        model = Incident
        fields = [
            "year", "month", "day", "when_described", "place", "victimization_types",
            "reported", "reported_on", "arrest", "arrested_on", "charges", "charge_outcome",
            "sentence", "notes",
        ]  # fmt: skip
        help_texts = {
            "year": _(
                "Leave the date empty if no one knows it: a year alone, or a month and "
                "a year, is enough."
            ),
            "reported_on": _("If known."),
            "arrested_on": _("If known."),
            "charges": _("As filed, if any (for example the statute or its name)."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs["min"] = 1900  # the model's own limits
        self.fields["day"].widget.attrs["min"] = 1
        # The record's types, as ModelForm read them for the form's initial values.
        kept = {c.pk for c in self.initial.get("victimization_types", [])}
        field = self.fields["victimization_types"]
        offer_active_and_kept(
            field,
            Classification.objects.filter(kind=field.kind, is_non_answer=False),
            flag="active",
            kept=kept,
        )
        if kept:
            self.initial["victimization_types"] = list(kept)
        self.offenders = OffenderFormSet(
            self.data if self.is_bound else None, instance=self.instance, prefix="offenders"
        )
        self.helper.layout = Layout(
            Fieldset(
                gettext("When"),
                Row(
                    Column("year", css_class="col-md-3"),
                    Column("month", css_class="col-md-3"),
                    Column("day", css_class="col-md-2"),
                    Column("when_described", css_class="col-md-4"),
                ),
            ),
            Fieldset(gettext("Where"), Row(Column("place", css_class="col-md-6"))),
            HTML('{% include "intake/incident_offenders.html" with formset=form.offenders %}'),
            Fieldset(
                gettext("What happened"),
                Field("victimization_types", wrapper_class="checkbox-columns"),
            ),
            Fieldset(
                gettext("Police and the criminal case"),
                Row(
                    Column("reported", css_class="col-md-3"),
                    Column("reported_on", css_class="col-md-3"),
                    Column("arrest", css_class="col-md-3"),
                    Column("arrested_on", css_class="col-md-3"),
                ),
                "charges",
                Row(Column("charge_outcome", css_class="col-md-6")),
                "sentence",
            ),
            "notes",
        )

    def full_clean(self) -> None:
        """The offender rows are part of the form: one wrong row refuses the whole form,
        and nothing is saved."""
        super().full_clean()
        if self.is_bound and not self.offenders.is_valid():
            self.add_error(None, [OFFENDERS_WRONG, *self.offenders.non_form_errors()])


def save_incident(form: IncidentForm, by: User) -> Incident:
    """The incident form's write (its record kind's `save`): the incident, its new,
    changed and removed offenders and its types, in one transaction."""
    offenders = form.offenders
    changed = offenders.save(commit=False)
    return services.incident_save(
        incident=form.instance,
        offenders=changed,
        removed=offenders.deleted_objects,
        types=form.cleaned_data["victimization_types"],
        by=by,
    )


class EmergencyAccessForm(AsTyped, forms.Form):
    pseudonym = forms.CharField(label=_("Pseudonym or first name the caller gives"), max_length=100)
    code_word = forms.CharField(max_length=100, required=False)
    client_number = forms.IntegerField(
        required=False, min_value=1, max_value=2**62, help_text=_("Instead of the code word.")
    )
    reason = forms.CharField(
        label=_("Why you need this file now"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        help_text=_("A supervisor reviews every emergency access."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("code_word") and not data.get("client_number"):
            raise ValidationError(gettext("Give the code word or the client number with the name."))
        return data


class EmergencyReviewForm(AsTyped, forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class PurgeForm(AsTyped, forms.Form):
    """Step two of a purge: the reason, and the client number typed back."""

    reason = forms.ChoiceField(choices=PurgeRecord.Reason.choices, widget=forms.RadioSelect)
    confirm = forms.IntegerField(label=_("Type the client number to confirm"), min_value=1)

    def __init__(self, *args, client: Client, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.client = client

    def clean_confirm(self) -> int:
        if self.cleaned_data["confirm"] != self.client.pk:
            raise ValidationError(gettext("That is not this client's number. Nothing was purged."))
        return self.cleaned_data["confirm"]


class ReportPeriodForm(forms.Form):
    """A fiscal year and a quarter of it (or the whole year), from the query string."""

    fiscal_year = forms.IntegerField(
        min_value=2000, max_value=2100, help_text=_("The year the fiscal year ends in.")
    )
    quarter = forms.TypedChoiceField(
        coerce=int,
        choices=[(1, _("Q1")), (2, _("Q2")), (3, _("Q3")), (4, _("Q4")), (0, _("Whole year"))],
    )


class DependentForm(RecordForm):
    needs = checklist(DependentNeed, _("Needs"))

    class Meta(RecordForm.Meta):
        model = Dependent
        fields = [
            "relationship", "name", "age", "age_range", "in_care", "custody", "needs",
            "safety_concerns",
        ]  # fmt: skip

    rows = (
        ("relationship", "name"),
        ("age", "age_range"),
        ("in_care", "custody"),
        "needs",
        "safety_concerns",
    )
