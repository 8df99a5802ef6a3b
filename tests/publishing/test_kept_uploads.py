"""A file chosen in any admin form is kept when the form comes back with another field's error:
for each model with a file field (as a page of its own or inline), choose a picture, leave another
field invalid, fix it and save without choosing the picture again: the picture is saved."""

from io import BytesIO

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image

from clinic.models import ClinicProfile
from tests.factories import ArticleFactory, ClinicianFactory
from tests.publishing.test_review_gate import FormFields, exercise_with_a_step

pytestmark = pytest.mark.django_db

KEPT_NOTE = "Kept from your last try"


def picture(name="chosen.png"):
    buffer = BytesIO()
    Image.new("RGB", (640, 640), (30, 90, 120)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# model: (row to edit, file field, what it needs beside, the text field left empty, row holding the file)
CASES = {
    "article": (ArticleFactory, "lead_image", {"lead_image_alt": "A hip"}, "title", None),
    "exercise": (exercise_with_a_step, "starting_image", {"starting_image_alt": "Lying down"}, "name", None),
    "step": (exercise_with_a_step, "steps-0-image", {"steps-0-image_alt": "Knees up"}, "name", "steps"),
    "clinicprofile": (ClinicProfile.current, "logo", {}, "name", None),
    "clinician": (ClinicianFactory, "photo", {"photo_alt": "Maya smiling"}, "name", None),
}


def models_with_file_fields():
    def has_files(model):
        return any(isinstance(field, models.FileField) for field in model._meta.fields)

    found = set()
    for model, model_admin in admin.site._registry.items():
        found |= {model._meta.model_name} if has_files(model) else set()
        found |= {inline.model._meta.model_name for inline in model_admin.inlines if has_files(inline.model)}
    return found


def test_every_admin_form_with_a_file_field_is_walked():
    assert models_with_file_fields() == set(CASES)


def fields_of(html):
    parser = FormFields()
    parser.feed(html)
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


@pytest.mark.parametrize("kind", CASES)
def test_a_chosen_file_survives_another_fields_error(admin_client, kind):
    make, file_field, beside, emptied, children = CASES[kind]
    row = make()
    opts = row._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
    data = {**fields_of(admin_client.get(url).content.decode()), **beside}
    name = data[emptied]

    response = admin_client.post(url, {**data, emptied: "", file_field: picture()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html and f"{KEPT_NOTE}: <strong>chosen.png</strong>" in html

    again = {**fields_of(html), emptied: name, "_save": "Save"}
    assert admin_client.post(url, again).status_code == 302
    row.refresh_from_db()
    saved = row.steps.get().image if children else getattr(row, file_field)
    assert saved.name and saved.name.endswith(".png")
    with saved.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (640, 640)


def test_a_kept_reference_cannot_name_another_file(admin_client):
    clinician = ClinicianFactory()
    url = reverse("admin:clinicians_clinician_change", args=[clinician.pk])
    data = fields_of(admin_client.get(url).content.decode())
    response = admin_client.post(url, {**data, "photo-kept": "kept-uploads/x/secret.png", "_save": "Save"})
    assert response.status_code == 302
    clinician.refresh_from_db()
    assert not clinician.photo


def test_a_refused_file_is_not_kept(admin_client):
    clinician = ClinicianFactory()
    url = reverse("admin:clinicians_clinician_change", args=[clinician.pk])
    data = fields_of(admin_client.get(url).content.decode())
    not_a_picture = SimpleUploadedFile("notes.png", b"not an image", content_type="image/png")
    html = admin_client.post(url, {**data, "name": "", "photo": not_a_picture}).content.decode()
    assert "Upload a valid image" in html and KEPT_NOTE not in html
