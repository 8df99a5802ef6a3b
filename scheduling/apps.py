from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Intro-call scheduling"

    def ready(self):
        from public_forms.outbox import register_owed_emails
        from staff.dashboard import needs_attention

        from .admin import calls_today_and_tomorrow
        from .emails import intro_call_emails_pending, intro_call_emails_queue

        # The day's calls are the most pressing thing on the admin home.
        needs_attention(calls_today_and_tomorrow, order=10)
        register_owed_emails(intro_call_emails_pending, intro_call_emails_queue)
