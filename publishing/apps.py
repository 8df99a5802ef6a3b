from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .caching import content_saved

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_saved, dispatch_uid="content-stamp")
