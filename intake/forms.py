"""Forms of the client record."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Fieldset, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError

from crisis_center.models import User
from crisis_center.roles import format_hours
from intake.choices import ClassificationKind
from intake.models import Classification, Client


class ClassificationField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, kind: ClassificationKind, **kwargs) -> None:
        super().__init__(
            queryset=Classification.objects.filter(kind=kind, active=True),
            required=False,
            **kwargs,
        )


class ClientForm(forms.ModelForm):
    victimization_types = ClassificationField(ClassificationKind.VICTIMIZATION)
    special_classifications = ClassificationField(ClassificationKind.SPECIAL)
    race_ethnicity = ClassificationField(
        ClassificationKind.RACE,
        label="Race/ethnicity",
        help_text="Check every one the client names.",
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
            "legal_name": "Optional. Never required for services.",
            "date_of_birth": "Optional. An age range is enough.",
        }

    # The multi-select fields and the explanation each one's "Other" asks for.
    classification_fields = {
        "victimization_types": "victimization_other",
        "special_classifications": "special_classification_other",
        "race_ethnicity": None,
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            chosen = {c.pk for c in self.instance.classifications.all()}
            for name in self.classification_fields:
                self.initial[name] = list(chosen)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                "Who",
                Row(Column("pseudonym"), Column("pronouns")),
                Row(Column("legal_name"), Column("status")),
            ),
            Fieldset(
                "Safe contact",
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
            Fieldset("Language", Row(Column("languages"), Column("interpreter_needed"))),
            Fieldset(
                "Victimization",
                Field("victimization_types", wrapper_class="checkbox-columns"),
                "victimization_other",
                Field("special_classifications", wrapper_class="checkbox-columns"),
                "special_classification_other",
            ),
            Fieldset(
                "Demographics",
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
                    name, "“Declined” or “Not asked” can't be checked together with an answer."
                )
            needs_explanation = explanation and any(c.needs_explanation for c in chosen)
            if needs_explanation and not data.get(explanation, "").strip():
                self.add_error(explanation, "Say what “Other” means here.")
        return data

    def chosen_classifications(self) -> list[Classification]:
        return [c for name in self.classification_fields for c in self.cleaned_data[name]]


class CareTeamAddForm(forms.Form):
    staff = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Add a staff member",
        help_text="Only staff with 40 hours of crisis intervention training can join.",
    )

    def __init__(self, *args, exclude_ids: set[int] = frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["staff"]
        field.queryset = User.objects.care_candidates().exclude(pk__in=exclude_ids)
        field.label_from_instance = self._label

    @staticmethod
    def _label(user: User) -> str:
        status = (
            "" if user.is_certified else f" (not certified: {format_hours(user.training.crisis)} h)"
        )
        return f"{user} · {user.get_role_display()}{status}"

    def clean_staff(self) -> User:
        staff = self.cleaned_data["staff"]
        refusal = staff.care_team_refusal()
        if refusal:
            raise ValidationError(refusal)
        return staff
