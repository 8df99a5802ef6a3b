from django.apps import AppConfig


class HipcareConfig(AppConfig):
    """The project package as an app: its management commands and the site-wide templates."""

    name = "hipcare"
    verbose_name = "Site"

    def ready(self):
        from . import checks  # noqa: F401 - registers the site's own system checks
