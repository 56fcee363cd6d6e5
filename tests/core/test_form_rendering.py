"""The fast <select> writes what Django's templates write (portal/core/form_rendering.py)."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from portal.core.form_rendering import FormRenderer


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Tất cả"), ("a", "Ả <b>&"), (2, "Hai")], required=False)
    grouped = forms.ChoiceField(choices=[("Nhóm \"1\"", [("x", "X"), ("y", mark_safe("<i>Y</i>"))]), ("z", "Z")])
    many = forms.MultipleChoiceField(choices=[("1", "Một"), ("2", "Hai")],
                                     widget=forms.SelectMultiple(attrs={"data-x": 'a"b', "disabled": True}))
    flag = forms.NullBooleanField()


@pytest.mark.parametrize("data", [None, {"plain": "a", "grouped": "y", "many": ["1", "2"], "flag": "true"}])
def test_the_fast_select_writes_what_the_templates_write(data):
    fast, slow = Sample(data, renderer=FormRenderer()), Sample(data, renderer=DjangoTemplates())
    for name in Sample.base_fields:
        assert str(fast[name]) == str(slow[name]), name
