"""Every CSV the site writes is safe to open in a spreadsheet: no cell a visitor could have typed
starts as a formula. The exports are found by walking the admin, so a new one is covered too."""

import csv
import io

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from booking.models import BookingRequest
from insights.models import DailyCount
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

FORMULA = "=cmd|calc!A0"
# For each model with an export, a row whose visitor-typed fields all start as formulas.
ROWS = {
    BookingRequest: lambda: BookingRequest.objects.create(
        first_name=FORMULA, email="+1@example.com", phone="-2+3", source_path="@SUM(A1)", has_consented=True
    ),
    Subscriber: lambda: Subscriber.objects.create(email="=1+1@example.com"),
}


def csv_exports():
    """(model admin, action name) for every admin action that answers with a CSV file."""
    return [
        (model_admin, name)
        for model_admin in admin.site._registry.values()
        for action, name, _ in model_admin._get_base_actions()
        if "csv_export_action" in action.__qualname__
    ]


def cells(response):
    assert response["Content-Type"].startswith("text/csv")
    return [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]


@pytest.fixture
def superuser_client():
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client = Client()
    client.force_login(user)
    return client


def test_every_admin_csv_export_defuses_formulas(superuser_client):
    exports = csv_exports()
    assert {type(model_admin).__module__ for model_admin, _ in exports} >= {
        "booking.admin",
        "newsletter.admin",
    }
    for model_admin, name in exports:
        model = model_admin.model
        assert model in ROWS, f"{model.__name__} has a CSV export: give ROWS a row typed as formulas"
        row = ROWS[model]()
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = superuser_client.post(url, {"action": name, "_selected_action": [row.pk]})
        written = cells(response)
        assert any(FORMULA[1:] in cell or "1+1" in cell for cell in written), written
        assert not [cell for cell in written if cell.startswith(("=", "+", "-", "@"))], (model, written)


def test_the_insights_csv_defuses_formulas(superuser_client):
    for kind in DailyCount.Kind.values:
        DailyCount.objects.create(day=timezone.localdate(), kind=kind, key=FORMULA, count=5)
    response = superuser_client.get("/admin/insights/dailycount/?days=7&format=csv")
    written = cells(response)
    assert f"'{FORMULA}" in written
    assert not [cell for cell in written if cell.startswith(("=", "+", "-", "@"))], written
