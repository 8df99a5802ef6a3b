import csv
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from booking.models import BookingRequest
from newsletter.models import Subscriber
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
REQUESTS = reverse("admin:booking_bookingrequest_changelist")
SUBSCRIBERS = reverse("admin:newsletter_subscriber_changelist")


def staff_with(*codenames):
    user = StaffFactory()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return client


def make_request(**fields):
    values = {"first_name": "Sam", "email": "sam@example.com", "has_consented": True, **fields}
    return BookingRequest.objects.create(**values)


def test_content_editor_cannot_see_requests_or_subscribers():
    editor = staff_with("view_article", "change_article", "add_article")
    make_request()
    assert editor.get(REQUESTS).status_code == 403
    assert editor.get(SUBSCRIBERS).status_code == 403
    assert "sam@example.com" not in editor.get(reverse("admin:index")).content.decode()


def test_front_desk_sees_requests_newest_first_with_source_and_status():
    desk = staff_with("view_bookingrequest", "change_bookingrequest")
    make_request(first_name="Older", email="old@example.com", source_path="/articles/a/")
    make_request(first_name="Newer", email="new@example.com", source_path="/exercises/b/")
    html = desk.get(REQUESTS).content.decode()
    assert html.index("Newer") < html.index("Older")
    assert "/exercises/b/" in html


def test_front_desk_can_filter_search_and_update_status():
    desk = staff_with("view_bookingrequest", "change_bookingrequest")
    booking = make_request(first_name="Findme")
    make_request(first_name="Other", email="other@example.com", status="spam")
    assert "Other" not in desk.get(REQUESTS, {"status__exact": "new"}).content.decode()
    assert "Other" not in desk.get(REQUESTS, {"q": "findme"}).content.decode()

    change = reverse("admin:booking_bookingrequest_change", args=[booking.pk])
    desk.post(change, {"status": "contacted", "notes": "Left a voicemail."})

    booking.refresh_from_db()
    assert (booking.status, booking.notes) == ("contacted", "Left a voicemail.")
    assert booking.first_name == "Findme"


def test_csv_export_lists_requests_and_defuses_spreadsheet_formulas():
    desk = staff_with("view_bookingrequest")
    first = make_request(
        first_name='=HYPERLINK("http://evil")', phone="+1 555 0100", preferred_time="weekday-evening"
    )
    second = make_request(first_name="Plain", email="plain@example.com", notes="-call back")

    response = desk.post(REQUESTS, {"action": "export", "_selected_action": [first.pk, second.pk]})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert LogEntry.objects.filter(change_message="Exported to CSV").count() == 2
    assert rows[0] == [
        "Received",
        "First name",
        "Email",
        "Phone",
        "Booked call",
        "Call page",
        "Best time",
        "Status",
        "Source page",
        "Notes",
    ]
    by_email = {row[2]: row for row in rows[1:]}
    assert by_email["sam@example.com"][1] == '\'=HYPERLINK("http://evil")'
    assert by_email["sam@example.com"][3] == "'+1 555 0100"
    assert by_email["sam@example.com"][4:7] == ["", "", "Weekday evenings (5pm to 7pm)"]
    assert by_email["plain@example.com"][9] == "'-call back"


def test_subscribers_show_confirmation_and_export():
    desk = staff_with("view_subscriber")
    confirmed = Subscriber.objects.create(email="yes@example.com", confirmed_at="2026-01-01T00:00Z")
    waiting = Subscriber.objects.create(email="no@example.com")

    assert "no@example.com" not in desk.get(SUBSCRIBERS, {"confirmed": "yes"}).content.decode()
    response = desk.post(SUBSCRIBERS, {"action": "export", "_selected_action": [confirmed.pk, waiting.pk]})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    today = timezone.localdate().isoformat()
    assert rows[0] == ["Email", "Confirmed", "Signed up"]
    assert sorted(rows[1:]) == [["no@example.com", "no", today], ["yes@example.com", "yes", today]]
