"""The roster's forms: a shift, repeating it, a kind of shift, and asking for a swap."""

import functools

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisis_center import roster
from crisis_center.models import Shift, ShiftKind, User
from crisis_center.records.forms import RecordForm, offer_active_and_kept


def staff_label(staff: User) -> str:
    return f"{staff} (volunteer)" if staff.is_volunteer else str(staff)


class ShiftForm(RecordForm):
    """A shift's kind, times and person. The select offers only the staff who may take
    the kind (roster.eligible_staff); anyone else posted is refused with the reason
    (Shift.clean: roster.check), a forged post too."""

    class Meta(RecordForm.Meta):
        model = Shift
        fields = ["kind", "starts_at", "ends_at", "staff"]

    rows = ("kind", ("starts_at", "ends_at"), "staff")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        offer_active_and_kept(
            kind_field, ShiftKind.objects.all(), flag="active", kept=[self.instance.kind_id]
        )
        kind_field.empty_label = None
        kinds = list(kind_field.queryset)
        kind_field.widget.choices = [(k.pk, kind_field.label_from_instance(k)) for k in kinds]
        chosen = self.data.get(self.add_prefix("kind")) if self.is_bound else None
        chosen = chosen or self.initial.get("kind") or self.instance.kind_id
        kind = next((k for k in kinds if str(k.pk) == str(chosen)), kinds[0] if kinds else None)
        staff_field = self.fields["staff"]
        # Any account is read for the check (so the form can say why not); the select
        # draws only those who may take this kind, and the shift's own person.
        staff_field.queryset = User.objects.with_training_hours()
        staff_field.label_from_instance = staff_label
        instance = self.instance

        @functools.cache
        def offered() -> list[tuple]:  # read once, and only when the select is drawn
            people = list(roster.eligible_staff(kind).order_by("first_name", "last_name", "pk"))
            if instance.staff_id and all(s.pk != instance.staff_id for s in people):
                people.append(instance.staff)
            return [("", "---------")] + [(s.pk, staff_label(s)) for s in people]

        staff_field.widget.choices = offered
        if kind is not None and kind.crisis:
            staff_field.help_text = gettext(
                "Crisis kinds: staff with the 40 hours of crisis intervention training."
            )
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = gettext("In the center's time zone.")


class RepeatForm(forms.Form):
    days = forms.IntegerField(
        label=_("Repeat daily for the next"),
        min_value=1,
        max_value=roster.REPEAT_DAYS,
        initial=6,
        help_text=format_lazy(
            _("Days (1 to {most}): same hours, same person. All are added, or none."),
            most=roster.REPEAT_DAYS,
        ),
    )


class ShiftKindForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = ShiftKind
        fields = ["name", "crisis", "around_the_clock", "active"]


class SwapForm(forms.Form):
    """Whom to hand a shift to: a named colleague who may take it, or anyone eligible."""

    to = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Anyone who may take it"),
        label=_("Hand it to"),
    )

    def __init__(self, *args, shift: Shift, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        field.queryset = roster.eligible_staff(shift.kind).exclude(pk=shift.staff_id)
        field.label_from_instance = staff_label
