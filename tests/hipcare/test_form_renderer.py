"""The site's form renderer writes plain inputs itself: its markup must stay Django's own."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from hipcare.form_renderer import FormRenderer

PLAIN_INPUTS = [
    forms.TextInput,
    forms.EmailInput,
    forms.HiddenInput,
    forms.NumberInput,
    forms.URLInput,
    forms.SearchInput,
    forms.TelInput,
    forms.ColorInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.FileInput,
    forms.CheckboxInput,
    lambda **kwargs: forms.PasswordInput(render_value=True, **kwargs),
]
VALUES = [
    None,
    "",
    "plain",
    'a "quoted" <b>bold</b> & more',
    mark_safe("<i>already safe</i>"),  # noqa: S308 - a fixed test value
    42,
    True,
    datetime.date(2026, 11, 26),
]
ATTRS = {
    "required": True,
    "disabled": False,
    "maxlength": 254,
    "aria-describedby": "id_email_error",
    "data-note": 'say "hi" & <bye>',
    "autocomplete": "email",
}


@pytest.mark.parametrize("widget_class", PLAIN_INPUTS)
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_plain_inputs_render_exactly_as_djangos_templates(widget_class, value):
    widget = widget_class(attrs=ATTRS)
    expected = widget.render("field", value, attrs={"id": "id_field"}, renderer=DjangoTemplates())
    assert widget.render("field", value, attrs={"id": "id_field"}, renderer=FormRenderer()) == expected


@pytest.mark.parametrize(
    "widget",
    [forms.Textarea(), forms.Select(choices=[("a", "A & B")]), forms.RadioSelect(choices=[("a", "A")])],
    ids=lambda widget: type(widget).__name__,
)
def test_other_widgets_still_render_through_their_templates(widget):
    expected = widget.render("field", "a", renderer=DjangoTemplates())
    assert widget.render("field", "a", renderer=FormRenderer()) == expected
