"""Forms of closing and reopening a file, and of a stability check."""

from crispy_forms.layout import HTML, Column, Fieldset, Row
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisis_center.forms import AsTyped
from crisis_center.local_choices import ListName, LocalChoiceField
from crisis_center.records.forms import RecordForm
from intake.choices import STABILITY_DOMAINS, ClosureReason, StabilityLevel
from intake.models import FileClosure, StabilityCheck

AFTERCARE = ("aftercare_contacts", "aftercare_open")
AFTERCARE_NEEDED = _(
    "Write the aftercare plan: the client leaves with it. (Only a file closed because "
    "the client died is closed without one.)"
)
SCALE_HELP = _(
    "Ask in the client's own terms and record what they say: 1 in crisis, 2 vulnerable, "
    "3 stable, 4 thriving. Leave “Not asked” where it was not talked about."
)


class ClosureForm(RecordForm):
    """Why the file closes and the aftercare plan; a new closure also takes the
    client's stability answers at closing (each optional), saved as a stability check."""

    rows = (("closed_on", "reason"), "reason_other", *AFTERCARE)

    class Meta(RecordForm.Meta):
        model = FileClosure
        fields = ["closed_on", "reason", "reason_other", *AFTERCARE]
        widgets = {"reason_other": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The built-in reasons, then the center's own (crisis_center.local_choices).
        self.fields["reason"] = LocalChoiceField(
            ListName.CLOSURE_REASONS,
            kept=self.instance.reason,
            label=_("Reason"),
            help_text=_(
                "A transfer needs the client's release of information for the agency first."
            ),
        )
        for name in AFTERCARE:
            self.fields[name].help_text += " " + gettext("Needed unless the client died.")
        if self.instance.pk:
            return  # correcting a closure: its stability check has its own page
        for name, label in STABILITY_DOMAINS:
            self.fields[f"stability_{name}"] = forms.ChoiceField(
                label=label,
                choices=StabilityLevel.choices,
                initial=StabilityLevel.NOT_ASKED,
                required=False,
            )
        names = [f"stability_{name}" for name, _ in STABILITY_DOMAINS]
        self.helper.layout.fields.append(
            Fieldset(
                gettext("Stability at closing (optional)"),
                HTML(f'<p class="form-text">{SCALE_HELP}</p>'),
                Row(*[Column(name) for name in names[:3]]),
                Row(*[Column(name) for name in names[3:]]),
            )
        )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("reason") and data["reason"] != ClosureReason.DIED:
            for name in AFTERCARE:
                if name in data and not data[name].strip():
                    self.add_error(name, AFTERCARE_NEEDED)
        return data

    def stability_check(self) -> StabilityCheck | None:
        """The answers given at closing, as a check to save (None when correcting)."""
        if self.instance.pk:
            return None
        answers = {
            name: self.cleaned_data.get(f"stability_{name}") or StabilityLevel.NOT_ASKED
            for name, _ in STABILITY_DOMAINS
        }
        return StabilityCheck(client=self.instance.client, **answers)


class ReopenForm(AsTyped, forms.Form):
    reason = forms.CharField(
        label=_("Why is the file reopened?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The earlier closing stays on the client page."),
    )


class StabilityCheckForm(RecordForm):
    rows = (
        ("point", "asked_on"),
        ("housing", "income_work", "education"),
        ("legal_status", "safety", "support_network"),
        "note",
    )

    class Meta(RecordForm.Meta):
        model = StabilityCheck
        fields = ["point", "asked_on", *(name for name, _ in STABILITY_DOMAINS), "note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout.fields.insert(0, HTML(f'<p class="form-text">{SCALE_HELP}</p>'))
