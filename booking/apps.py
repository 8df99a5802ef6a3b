from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = "Intro-call booking"

    def ready(self):
        from public_forms.outbox import register_owed_emails
        from staff.dashboard import needs_attention

        from .admin import new_requests_today
        from .services import booking_emails_pending, booking_emails_queue

        needs_attention(new_requests_today, order=20)
        register_owed_emails(booking_emails_pending, booking_emails_queue)
