"""Every record form chooses related rows through the id-safe fields of records.forms."""

import pytest
from django import forms as django_forms

import advocacy.forms  # noqa: F401  (the subclasses register by import)
import collaboration.forms  # noqa: F401
import referrals.forms  # noqa: F401
from crisis_center.records import forms


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@pytest.mark.parametrize("form_class", sorted(set(_subclasses(forms.RecordForm)), key=str))
def test_relation_fields_refuse_impossible_ids(form_class):
    # A huge or malformed id must be a form error, never a database error: that needs
    # the form's Meta to inherit RecordForm.Meta (Django reads formfield_callback from
    # a form's own Meta only).
    for name, field in form_class.base_fields.items():
        if isinstance(field, django_forms.ModelMultipleChoiceField):
            assert isinstance(field, forms.ModelMultipleChoiceField), name
        elif isinstance(field, django_forms.ModelChoiceField):
            assert isinstance(field, forms.ModelChoiceField), name
