from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Intro-call scheduling"

    def ready(self):
        from staff.dashboard import needs_attention

        from .admin import calls_today_and_tomorrow

        # The day's calls are the most pressing thing on the admin home.
        needs_attention(calls_today_and_tomorrow, order=10)
