from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"

    def ready(self):
        from public_forms.outbox import register_owed_emails

        from .services import (
            subscriber_confirmation_pending,
            subscriber_confirmation_queue,
            subscriber_welcome_pending,
            subscriber_welcome_queue,
        )

        register_owed_emails(subscriber_confirmation_pending, subscriber_confirmation_queue)
        register_owed_emails(subscriber_welcome_pending, subscriber_welcome_queue)
