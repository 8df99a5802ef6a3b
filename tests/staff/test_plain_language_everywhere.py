"""Every text a patient reads is checked where it is written: each admin form (and each inline in
it) shows the reading grade and jargon under every patient-facing field, as staff/plain_language.py
lists them, and that list leaves out no prose patients see."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from publishing.models import CachedContent
from staff.models import GlossaryTerm
from staff.plain_language import PATIENT_FACING_FIELDS

pytestmark = pytest.mark.django_db

# The issue's own example of a lead patients read under an exercise's title.
JARGON = (
    "Utilizes the gluteus maximus to facilitate posterior pelvic tilt, to ameliorate lumbopelvic "
    "dysfunction and the hypertonicity of the levator ani during weight-bearing activities of daily living."
)
# Texts patients see that are not prose to grade: names, addresses, numbers, links, settings.
NOT_PROSE = {
    "articles.reference": {"title", "url"},
    "articles.searchsynonym": {"word", "search_for"},
    "clinic.clinicprofile": {
        "name", "short_name", "email_name", "brand_colour", "phone", "email", "street_address", "city",
        "region", "postal_code", "map_link", "emergency_number", "other_profiles",
    },
    "clinicians.clinician": {"name", "credentials", "pronouns", "languages", "location"},
    "scheduling.closeddate": {"reason"},
}  # fmt: skip
PANEL = re.compile(r'data-plain-language="([^"]+)"[^>]*>(.*?)</div>', re.S)


def prose_fields(model):
    return {
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
    }


def test_every_text_patients_see_is_listed_as_patient_facing_or_not_prose():
    for model in apps.get_models():
        if not issubclass(model, CachedContent):
            continue
        label = model._meta.label_lower
        listed = set(PATIENT_FACING_FIELDS.get(label, ())) | NOT_PROSE.get(label, set())
        assert prose_fields(model) <= listed, (label, prose_fields(model) - listed)


def facing(model, form_class):
    """The patient-facing fields a form for `model` has."""
    return [
        name
        for name in PATIENT_FACING_FIELDS.get(model._meta.label_lower, ())
        if name in form_class.base_fields
    ]


def doors(request):
    """Every admin form with a patient-facing field: (model, admin, its own patient-facing fields,
    and each inline's as {(model, formset prefix): fields})."""
    for model, model_admin in admin.site._registry.items():
        own = facing(model, model_admin.get_form(request))
        inlines = {}
        for inline in model_admin.get_inline_instances(request):
            formset = inline.get_formset(request)
            if fields := facing(inline.model, formset.form):
                inlines[inline.model, formset.get_default_prefix()] = fields
        if own or inlines:
            yield model, model_admin, own, inlines


def test_each_admin_form_flags_jargon_and_grades_every_patient_facing_field(admin_client, admin_user):
    GlossaryTerm.objects.create(term="posterior", plainer="back")
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    reached = set()
    for model, model_admin, own, inlines in doors(request):
        fields, data = [*own], {}
        reached |= {(model._meta.label_lower, name) for name in own}
        for (inline_model, prefix), names in inlines.items():
            data |= {f"{prefix}-TOTAL_FORMS": 1, f"{prefix}-INITIAL_FORMS": 0}
            fields += [f"{prefix}-0-{name}" for name in names]
            reached |= {(inline_model._meta.label_lower, name) for name in names}
        data |= dict.fromkeys(fields, JARGON)
        expected = {f"id_{name}" for name in fields}
        info = model._meta.app_label, model._meta.model_name
        if model_admin.has_add_permission(request):
            url = f"/admin/{info[0]}/{info[1]}/add/"
        else:
            url = f"/admin/{info[0]}/{info[1]}/{model.objects.get().pk}/change/"
        # Whatever else the form lacks makes it come back with the texts as typed.
        html = admin_client.post(url, data).content.decode()

        panels = dict(PANEL.findall(html))
        shown = {field_id for field_id in expected if field_id in panels}
        assert shown == expected, (url, expected - shown)
        for field_id in shown:
            assert "“posterior”: try “back”" in panels[field_id], (url, field_id)
            assert re.search(r"Reading grade \d+\.\d \(aim for 8 or lower\)", panels[field_id]), (
                url,
                field_id,
            )
    # Every patient-facing field is written in some admin form, and checked there.
    assert reached == {(label, name) for label, names in PATIENT_FACING_FIELDS.items() for name in names}
