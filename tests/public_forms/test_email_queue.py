"""Every email leaves through the queue: none during a request, action or command, each sent only
by the sender, marked sent only after the mail server accepted it, never lost when the sender dies,
retried, and shown to staff when it finally fails."""

import ast
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from booking.models import BookingRequest
from public_forms.forms import started_token
from public_forms.models import QueuedEmail
from public_forms.outbox import MAX_ATTEMPTS
from scheduling.links import manage_url
from scheduling.models import IntroCall
from tests.booking.request_form import request_form
from tests.public_forms import mail_backends
from tests.scheduling.calls import call_form, every_free_time

pytestmark = pytest.mark.django_db
PROJECT_DIR = Path(__file__).resolve().parents[2]
SENDING_CALLS = {"send", "send_messages", "send_mail", "send_mass_mail", "mail_admins", "mail_managers"}


def test_no_code_but_the_queue_hands_email_to_a_mail_backend():
    """A new way of sending (EmailMessage.send(), send_mail(), mail_admins()...) anywhere in the
    site fails here: it would bypass the queue and its promises."""
    senders = []
    for path in PROJECT_DIR.glob("*/**/*.py"):
        relative = path.relative_to(PROJECT_DIR)
        if relative.parts[0] in {".venv", "tests", "bench", "node_modules"}:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", None))
                if name in SENDING_CALLS:
                    senders.append(f"{relative}:{node.lineno}")
    assert [sender.split(":")[0] for sender in senders] == ["public_forms/outbox.py"], senders


def test_every_door_queues_its_emails_and_sends_none_itself(client, admin_client, every_day_nine_to_ten):
    queued_by = {}

    def door(name, action):
        before = QueuedEmail.objects.count()
        action()
        assert mail.outbox == [], f"{name} sent an email itself"
        queued_by[name] = QueuedEmail.objects.count() - before

    door(
        "booking request with the newsletter",
        lambda: client.post("/book/", request_form(wants_newsletter="on")),
    )
    door(
        "newsletter sign-up",
        lambda: client.post("/newsletter/", {"email": "reader@example.com", "started": started_token()}),
    )
    door("booking a call", lambda: client.post("/book/call/", call_form(every_free_time()[0].starts_at)))
    call = IntroCall.objects.get()
    door(
        "visitor moves the call",
        lambda: client.post(
            reverse("scheduling:reschedule", kwargs={"token": manage_url(call).split("/")[-2]}),
            {"slot": every_free_time()[1].starts_at.isoformat(), "started": started_token()},
        ),
    )
    call.refresh_from_db()
    door(
        "visitor cancels the call",
        lambda: client.post(manage_url(call) + "cancel/", {"started": started_token()}),
    )
    door(
        "booking another call",
        lambda: client.post(
            "/book/call/", call_form(every_free_time()[2].starts_at, email="kim@example.com")
        ),
    )
    call = IntroCall.objects.get(status=IntroCall.Status.BOOKED)
    door(
        "staff move a call",
        lambda: admin_client.post(
            reverse("admin:scheduling_introcall_move", args=[call.pk]),
            {"slot": every_free_time()[3].starts_at.isoformat()},
        ),
    )
    door(
        "staff cancel a call",
        lambda: admin_client.post(
            reverse("admin:scheduling_introcall_changelist"),
            {"action": "cancel_calls", "_selected_action": [call.pk]},
        ),
    )
    soon = timezone.now().replace(microsecond=0) + timedelta(hours=3)
    IntroCall.objects.create(
        clinician=every_day_nine_to_ten,
        booking_request=BookingRequest.objects.create(
            first_name="Lee", email="lee@example.com", has_consented=True, notified_at=timezone.now()
        ),
        starts_at=soon,
        ends_at=soon + timedelta(minutes=10),
        confirmation_sent_at=timezone.now(),
    )
    door("reminders", lambda: call_command("send_call_reminders", stdout=StringIO()))

    assert queued_by == {
        "booking request with the newsletter": 3,
        "newsletter sign-up": 1,
        "booking a call": 2,
        "visitor moves the call": 2,
        "visitor cancels the call": 2,
        "booking another call": 2,
        "staff move a call": 1,
        "staff cancel a call": 1,
        "reminders": 1,
    }
    call_command("send_pending_emails", stdout=StringIO())
    assert len(mail.outbox) == sum(queued_by.values()) == QueuedEmail.objects.filter(status="sent").count()


def test_each_email_carries_a_message_id_on_the_sites_domain(client, send_queued_emails):
    client.post("/book/", request_form())
    message_ids = [message.message()["Message-ID"] for message in send_queued_emails()]
    assert len(message_ids) == 2 and all(value.endswith("@testserver>") for value in message_ids)


def test_an_email_accepted_before_the_sender_died_is_sent_again_with_the_same_message_id(
    client, settings, advance_clock
):
    client.post("/book/", request_form())
    settings.EMAIL_BACKEND = "tests.public_forms.mail_backends.ProcessDiesAfterAccepting"
    mail_backends.accepted_before_dying.clear()
    with pytest.raises(SystemExit):
        call_command("send_pending_emails", stdout=StringIO())
    (accepted,) = mail_backends.accepted_before_dying

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_emails", stdout=StringIO())
    assert [message.subject for message in mail.outbox] == ["Your intro call request"], (
        "the other email goes out; the one being sent waits for its sender's lease to run out"
    )
    advance_clock(timedelta(minutes=3))
    call_command("send_pending_emails", stdout=StringIO())

    resent = next(message for message in mail.outbox if message.subject == accepted.subject)
    assert resent.message()["Message-ID"] == accepted.message()["Message-ID"]
    assert QueuedEmail.objects.filter(status="sent").count() == 2


# Real transactions: the test's own would refuse every query after the injected error.
@pytest.mark.django_db(transaction=True)
def test_an_email_the_database_could_not_mark_sent_is_sent_again_with_the_same_message_id(
    client, advance_clock
):
    client.post("/book/", request_form())

    def marking_fails(execute, sql, params, many, context):
        if sql.startswith("UPDATE") and "public_forms_queuedemail" in sql and "sent_at" in sql:
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(marking_fails), pytest.raises(OperationalError):
        call_command("send_pending_emails", stdout=StringIO())
    (first,) = mail.outbox
    advance_clock(timedelta(minutes=3))
    call_command("send_pending_emails", stdout=StringIO())

    again = [message for message in mail.outbox if message.subject == first.subject]
    assert len(again) == 2 and again[0].message()["Message-ID"] == again[1].message()["Message-ID"]
    assert QueuedEmail.objects.filter(status="sent").count() == 2


def test_a_refused_email_is_retried_less_and_less_often_then_shown_as_failed_on_the_admin_home(
    client, admin_client, settings, advance_clock, caplog
):
    client.post("/newsletter/", {"email": "reader@example.com", "started": started_token()})
    settings.EMAIL_BACKEND = "tests.public_forms.mail_backends.RefusesTheRecipient"
    tries_at = []
    elapsed = timedelta(0)
    while QueuedEmail.objects.get().status == "pending":
        advance_clock(elapsed)
        if call_command("send_pending_emails", stdout=StringIO()) is None and (
            QueuedEmail.objects.get().attempts > len(tries_at)
        ):
            tries_at.append(elapsed)
        elapsed += timedelta(minutes=1)

    waits = [later - earlier for earlier, later in zip(tries_at, tries_at[1:], strict=False)]
    assert len(tries_at) == MAX_ATTEMPTS and waits == sorted(waits) and waits[0] < waits[-1]
    email = QueuedEmail.objects.get()
    assert (email.status, email.last_error) == ("failed", "SMTPRecipientsRefused")
    assert "reader@example.com" not in caplog.text

    advance_clock(timedelta(0))  # back to today, where the staff login is still valid
    home = admin_client.get("/admin/").content.decode()
    assert (
        '<a href="/admin/public_forms/queuedemail/?status__exact=failed"><strong>1</strong> '
        "emails that could not be sent</a>" in home
    )
    listing = admin_client.get("/admin/public_forms/queuedemail/?status__exact=failed").content.decode()
    assert "Please confirm your email address" in listing

    admin_client.post(
        "/admin/public_forms/queuedemail/", {"action": "try_again", "_selected_action": [email.pk]}
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_emails", stdout=StringIO())
    assert [message.to for message in mail.outbox] == [["reader@example.com"]]
