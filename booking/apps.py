from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = "Intro-call booking"

    def ready(self):
        from staff.dashboard import needs_attention

        from .admin import new_requests_today

        needs_attention(new_requests_today, order=20)
