from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Intro-call scheduling"

    def ready(self):
        from public_forms.outbox import register_owed_emails

        from .services import intro_call_emails_pending, intro_call_emails_queue

        register_owed_emails(intro_call_emails_pending, intro_call_emails_queue)
