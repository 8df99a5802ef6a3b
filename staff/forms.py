"""The plain-language check under every patient-facing field of every staff form.

Every Django form takes its BoundField class from the site's form renderer (FORM_RENDERER), so
the admin's change forms, their inlines and any form added later all pass through here: a field
named in PATIENT_FACING_FIELDS shows its reading grade and jargon below it as saved, and
js/admin-editor.js refreshes the report as staff type."""

from django.forms import BoundField, ModelForm
from django.forms.renderers import DjangoTemplates
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .plain_language import analyse, glossary, is_patient_facing


class PlainLanguageBoundField(BoundField):
    def as_widget(self, widget=None, attrs=None, only_initial=False):
        html = super().as_widget(widget, attrs, only_initial)
        shown = widget or self.field.widget
        if only_initial or shown.is_hidden or not self.is_patient_facing():
            return html
        value = self.value()
        report = analyse(str(value), self.form_glossary()) if value else None
        panel = render_to_string("staff/_plain_language.html", {"report": report, "field_id": self.auto_id})
        return mark_safe(html + panel)  # noqa: S308 - the widget's own HTML and an escaping template

    def is_patient_facing(self):
        return isinstance(self.form, ModelForm) and is_patient_facing(self.form._meta.model, self.name)

    def form_glossary(self):
        """The glossary, read once for a form and its fields, whatever number of them."""
        if not hasattr(self.form, "plain_language_glossary"):
            self.form.plain_language_glossary = glossary()
        return self.form.plain_language_glossary


class FormRenderer(DjangoTemplates):
    bound_field_class = PlainLanguageBoundField
