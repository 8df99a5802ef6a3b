from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = "Intro-call booking"

    def ready(self):
        from public_forms.outbox import register_owed_emails

        from .services import booking_emails_pending, booking_emails_queue

        register_owed_emails(booking_emails_pending, booking_emails_queue)
